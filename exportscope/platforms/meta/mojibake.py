"""Meta's mojibake, repaired: on a file's bytes before they are parsed, or on the strings a reader keeps.

Why a bytes-level repair: Meta writes every UTF-8 byte of every string (keys included) as a ``\\u00XX``
escape (meta.md, section 3), so ``don’t`` arrives as ``don\\u00e2\\u0080\\u0099t``. Rewriting each run of
such escapes to the raw bytes *before* decoding fixes every string and key in one C-speed pass, instead of a
Python call per string after decoding. The rewrite is strict: a run whose bytes are not valid UTF-8 stays
as it was (then it was real Latin-1 text such as a lone ``\\u00e9``), and it is idempotent because a fixed
run is no longer an escape. :func:`fix_text` is the same repair for one decoded string (file names);
:func:`repair_string` and :func:`repair_column` are the repair of a file parsed without it
(:func:`~exportscope.platforms.meta.jsonread.parse_ascii`), string by string or a whole column at once.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

# An escaped backslash is consumed first so that ``\\u00e9`` (a literal backslash, then text) is never
# taken for an escape; otherwise a run of \u0080-\u00ff escapes (never \u0000-\u007f).
_ESCAPES = re.compile(rb"\\\\|((?:\\u00[89a-fA-F][0-9a-fA-F])+)")


#: A low ``\\u0000``-``\\u007f`` escape: it must stay an escape (``\\u0022`` is a quote inside a string).
_LOW = re.compile(rb"\\u00[0-7]")
_ONE = re.compile(rb"\\u00[89a-fA-F][0-9a-fA-F]")


def _unescape_run(match: re.Match[bytes]) -> bytes:
    run = match.group(1)
    if run is None:
        return match.group(0)
    raw = bytes.fromhex(run.replace(b"\\u00", b"").decode("ascii"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return run
    return raw


def repair_bytes(data: bytes) -> bytes:
    """Rewrite runs of ``\\u0080``-``\\u00ff`` escapes that spell valid UTF-8 as those raw bytes.

    Fast path (the common case, a whole file written by Meta): turn every ``\\u00XX`` into Python's
    ``\\xXX`` (other backslashes doubled) and let ``codecs.escape_decode`` write all the bytes in one
    C-level pass, then keep the result if the whole file is valid UTF-8. That is the same answer as the
    run-by-run rewrite, because runs are separated by ASCII, so the whole is valid exactly when every run is.
    It applies only when every ``\\u00`` escape is a high one (``\\u0080`` and up: a low one such as
    ``\\u0022`` must stay an escape) and no backslash is escaped; otherwise, or when the whole is not valid
    UTF-8, each distinct high escape is replaced in turn, and when that is not valid UTF-8 either, the strict
    run-by-run rewrite decides.
    """
    if b"\\u00" not in data:
        return data
    if b"\\\\" not in data and b"\x01" not in data and _LOW.search(data) is None:
        marked = data.replace(b"\\u00", b"\x01").replace(b"\\", b"\\\\").replace(b"\x01", b"\\x")
        try:
            out: bytes = codecs.escape_decode(marked)[0]
            out.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            pass
        else:
            return out
    elif b"\\\\" not in data:
        # Low escapes too: replace each high escape value in turn (a few dozen in a file), then check.
        out = data
        while (found := _ONE.search(out)) is not None:
            escape = found.group(0)
            out = out.replace(escape, bytes.fromhex(escape[4:].decode("ascii")))
        try:
            out.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return out
    return _ESCAPES.sub(_unescape_run, data)


def fix_text(text: str) -> str:
    """The same repair for one decoded string: strict, and a no-op on real text (meta.md, section 3)."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


#: A run of U+0080-U+00FF characters in a decoded string: what a run of ``\\u0080``-``\\u00ff`` escapes became.
_HIGH_RUN = re.compile("[\x80-\xff]+")
#: Joins a column for its one-pass repair: ASCII, so it ends any run (runs never cross it).
_SEP = "\x00"


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        return run.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair_string(text: str) -> str:
    """:func:`repair_bytes` for one string decoded from an all-ASCII file: each run of U+0080-U+00FF
    characters (one run of escapes in the file) that spells valid UTF-8 becomes that text, others stay."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")  # the whole string at once: valid exactly when every run is
    except (UnicodeEncodeError, UnicodeDecodeError):
        return _HIGH_RUN.sub(_fix_run, text)


def repair_column(values: list[Any]) -> list[Any]:
    """:func:`repair_string` over a column (strings and other values, these kept as they are), in one
    C-level pass when it can: the strings joined by an ASCII separator, encoded to Latin-1 and decoded as
    UTF-8 once. Runs never cross the separator, so the whole is valid exactly when every run is, and the
    answer is the same as string by string; when the whole fails (a character above U+00FF, a run that is
    real Latin-1, a separator inside a value), each string is repaired on its own.

    Only for values of a file parsed without :func:`repair_bytes` that was all ASCII (Meta writes every
    non-ASCII byte as an escape, :func:`parse_ascii`): there a U+0080-U+00FF run is exactly an escape run.
    """
    every = set(map(type, values)) == {str}
    at = range(len(values)) if every else [i for i, v in enumerate(values) if type(v) is str]
    if not at:
        return values
    strings = values if every else [values[i] for i in at]
    joined = _SEP.join(strings)
    if joined.isascii():
        return values
    fixed: list[str] | None = None
    try:
        parts = joined.encode("latin-1").decode("utf-8").split(_SEP)
        if len(parts) == len(strings):
            fixed = parts
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    if fixed is None:
        fixed = [repair_string(v) for v in strings]
    if len(at) == len(values):
        return fixed
    out = list(values)
    for i, v in zip(at, fixed, strict=True):
        out[i] = v
    return out


def repair_tree(value: Any) -> Any:
    """A value parsed by :func:`parse_ascii` with every string and key repaired (:func:`repair_string`):
    what :func:`loads` gives for it. For the odd entry of a file otherwise read as columns."""
    if isinstance(value, str):
        return repair_string(value)
    if isinstance(value, list):
        return [repair_tree(v) for v in value]
    if isinstance(value, dict):
        return {repair_string(k): repair_tree(v) for k, v in value.items()}
    return value
