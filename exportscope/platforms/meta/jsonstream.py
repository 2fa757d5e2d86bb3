"""Reading a big Meta JSON file in pieces, so memory does not grow with the file (issue 20).

Why: parsed whole, a JSON file costs several times its size in Python objects (a 250 MiB message thread
peaked at 1.4 GiB). Meta's big files are one long array: the ``messages`` of a thread (a dict whose other
keys are small) or a top-level list of posts. :func:`pieces` walks the top level and hands the elements of
every array over in lists of about :data:`PIECE_BYTES` of JSON, each parsed (and its mojibake repaired)
on its own, so at most one piece's objects are alive beside the file's bytes.

How a piece is cut without a Python loop over every byte: the next ``}, {`` after the piece's target size
is a *candidate* end, and the candidate is right exactly when ``[`` + the piece + ``]`` parses (a cut inside
a string leaves a quote open, a cut inside a nested value leaves a bracket open: both fail to parse). When
the candidate fails, or there is none, an exact walk over the piece's strings and brackets finds the end
(slower, but only where the fast guess was wrong). Mojibake runs never cross a cut (a cut is at ASCII
structure), so repairing each piece gives the same text as repairing the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson

from exportscope.platforms.meta.jsonread import MAX_DEPTH, NotJSONError, depth_before, loads
from exportscope.platforms.meta.mojibake import repair_bytes

#: A file at least this big is read in pieces; smaller ones are parsed whole (faster, and small anyway).
STREAM_BYTES = 32 * 1024 * 1024
#: About how much JSON one piece holds.
PIECE_BYTES = 4 * 1024 * 1024

_WS = b" \t\r\n"
_CANDIDATE = re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*\{")
#: A string (escapes skipped), or one structural byte: the tokens of the exact walk.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]', re.S)
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SCALAR = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[^,\]}" \t\r\n]+', re.S)


def _broken(pos: int) -> NotJSONError:
    return NotJSONError("not_json", at=pos)


def _skip_ws(data: bytes, pos: int) -> int:
    n = len(data)
    while pos < n and data[pos] in _WS:
        pos += 1
    return pos


def _parse(raw: bytes, pos: int) -> Any:
    """One piece of the file (``pos``: where it starts in the file), repaired and parsed."""
    try:
        return orjson.loads(repair_bytes(raw))
    except orjson.JSONDecodeError as exc:
        at = getattr(exc, "pos", 0) or 0
        if depth_before(raw, at) >= MAX_DEPTH:
            raise NotJSONError("too_deep") from None
        raise _broken(pos + at) from None


def _value_end(data: bytes, pos: int) -> int:
    """Where the value starting at ``pos`` ends (exclusive): a container by its brackets, a scalar by its text."""
    if data[pos : pos + 1] not in (b"[", b"{"):
        m = _SCALAR.match(data, pos)
        if m is None:
            raise _broken(pos)
        return m.end()
    depth = 0
    for m in _TOKEN.finditer(data, pos):
        c = data[m.start()]
        if c in (0x5B, 0x7B):
            depth += 1
        elif c in (0x5D, 0x7D):
            depth -= 1
            if depth == 0:
                return m.end()
    raise _broken(len(data))


def _exact_cut(data: bytes, start: int, target: int) -> tuple[int, bool]:
    """(end of the last whole element at or after ``target``, whether the array closes there), walking exactly."""
    depth = 0
    for m in _TOKEN.finditer(data, start):
        c = data[m.start()]
        if c in (0x5B, 0x7B):
            depth += 1
        elif c in (0x5D, 0x7D):
            depth -= 1
            if depth < 0:  # the array's own closing bracket
                return m.start(), True
        elif c == 0x2C and depth == 0 and m.start() >= target:
            return m.start(), False
    raise _broken(len(data))


def _array(data: bytes, pos: int) -> Iterator[tuple[list[Any], int]]:
    """The elements of the array whose ``[`` is at ``pos``, a piece at a time, with where the array ended."""
    pos = _skip_ws(data, pos + 1)
    if data[pos : pos + 1] == b"]":
        yield [], pos + 1
        return
    while True:
        target = pos + PIECE_BYTES
        found = _CANDIDATE.search(data, target) if target < len(data) else None
        if found is not None:
            cut = found.start() + 1
            try:
                piece = orjson.loads(b"[" + repair_bytes(data[pos:cut]) + b"]")
            except orjson.JSONDecodeError:
                piece = None
            if isinstance(piece, list):
                yield piece, -1
                pos = _skip_ws(data, data.index(b",", cut) + 1)
                continue
        cut, closed = _exact_cut(data, pos, target)
        piece = _parse(b"[" + data[pos:cut] + b"]", pos)
        if closed:
            yield piece, cut + 1
            return
        yield piece, -1
        pos = _skip_ws(data, cut + 1)


def pieces(data: bytes) -> Iterator[tuple[str | None, Any, bool]]:
    """The top level of a JSON document as ``(key, value, is_piece)``, arrays in pieces.

    A top-level list gives ``(None, piece, True)`` per piece; a dict gives, per key in file order, either
    ``(key, value, False)`` for a value that is not an array or ``(key, piece, True)`` per piece of an array
    (one empty piece for an empty array). Anything else is ``(None, value, False)``. Keys and values are
    repaired as :func:`~exportscope.platforms.meta.jsonread.loads` repairs a whole file, and a broken file
    raises the same one-line :class:`NotJSONError`; what came before the break has been handed over.
    """
    pos = _skip_ws(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0)
    head = data[pos : pos + 1]
    if head == b"[":
        end = -1
        for piece, closed_at in _array(data, pos):
            yield None, piece, True
            end = closed_at
        _expect_end(data, end)
        return
    if head != b"{":
        yield None, loads(data), False
        return
    pos = _skip_ws(data, pos + 1)
    if data[pos : pos + 1] == b"}":
        _expect_end(data, pos + 1)
        return
    while True:
        m = _STRING.match(data, pos)
        if m is None:
            raise _broken(pos)
        key = _parse(m.group(0), pos)
        pos = _skip_ws(data, m.end())
        if data[pos : pos + 1] != b":":
            raise _broken(pos)
        pos = _skip_ws(data, pos + 1)
        if data[pos : pos + 1] == b"[":
            for piece, closed_at in _array(data, pos):
                yield key, piece, True
                pos = closed_at
        else:
            end = _value_end(data, pos)
            yield key, _parse(data[pos:end], pos), False
            pos = end
        pos = _skip_ws(data, pos)
        sep = data[pos : pos + 1]
        if sep == b"}":
            _expect_end(data, pos + 1)
            return
        if sep != b",":
            raise _broken(pos)
        pos = _skip_ws(data, pos + 1)


def _expect_end(data: bytes, pos: int) -> None:
    if pos < 0 or _skip_ws(data, pos) != len(data):
        raise _broken(max(pos, 0))
