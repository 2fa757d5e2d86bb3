"""Which bytes of a LinkedIn CSV member polars may parse exactly as the csv module reads them.

Why a module of its own: the columnar reading (:mod:`.columnar`) is only allowed where the two parsers cannot
disagree, and these are the checks that say so, on raw bytes: RFC 4180 quoting, no NUL byte, no carriage
return that does not end a line, a chunk cut at a row boundary no quoted field spans, no row wider than the
header. A chunk that fails them is handed back (None) and the csv module reads on from its first byte.
"""

from __future__ import annotations

import io
import re
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from exportscope.textio import WHITESPACE, csv_rows

if TYPE_CHECKING:
    import polars as pl

_FIELD = rb'(?:"(?:[^"\x00]++|"")*+"|[^",\r\n\x00]*+)'
_LINE = _FIELD + rb"(?:," + _FIELD + rb")*+"
#: A whole RFC 4180 file: quoted fields (doubled inner quotes) or unquoted ones without quotes, CRLF or LF.
RFC4180 = re.compile(rb"(?:" + _LINE + rb"\r?\n)*+(?:" + _LINE + rb")?")
#: Where a stretch outside quoted fields (joined by ``"``, see :func:`rfc4180`) starts with something that
#: cannot follow a closing quote, or ends with something that cannot come before an opening one.
_BAD_OUTSIDE = re.compile(rb'(?:\A|")[^,\r\n"]|[^,\n"](?:"|\Z)')
#: What may lie between two quoted fields of RFC 4180 lines, besides the quotes that join the pieces.
_SEPARATORS = b',\r\n"'


def rfc4180(body: bytes) -> bool:
    """Whether ``body`` (no NUL byte, every carriage return before a line feed: checked by the caller) is
    whole RFC 4180 lines: the same answer as ``RFC4180.fullmatch``, in about half its time on LinkedIn's
    fully quoted ``messages.csv``, where the regular expression steps through every byte of every field.

    How: the quotes alternate. Cut at every quote, the even pieces lie outside quoted fields and the odd ones
    inside (where anything but a quote goes; a doubled quote is an empty outside piece between two inside
    ones). So it is enough that the quotes are even in number, that the text before the first one ends a
    field (it ends in a comma or a line feed, or is empty), that the text after the last one starts a new
    field or line, and that every outside piece between two quoted fields does both, or is empty.
    """
    pieces = body.split(b'"')
    if len(pieces) == 1:
        return True
    if len(pieces) % 2 == 0:
        return False
    first, last = pieces[0], pieces[-1]
    if first and first[-1:] not in (b",", b"\n"):
        return False
    if last and last[:1] not in (b",", b"\r", b"\n"):
        return False
    outside = b'"'.join(pieces[2:-1:2])
    # A fully quoted file (LinkedIn's since 2026) has nothing but separators between its quoted fields: every
    # piece made only of commas and line ends starts and ends a field (a carriage return comes before a line
    # feed, checked by the caller), so the search below has nothing to find; it runs for the other pieces.
    if not outside.translate(None, _SEPARATORS):
        return True
    return not bad_outside(outside)


#: :data:`_BAD_OUTSIDE`'s two cases next to a quote, each starting with the quote: the regular expression
#: engine looks for a literal first byte fast, where a pattern starting with a class is tried at every byte
#: (40 times slower on Shares.csv, whose unquoted cells lie outside quotes). The second is searched in the
#: reversed bytes: ``"`` then what stood before it.
_AFTER_QUOTE = re.compile(rb'"[^,\r\n"]')
_BEFORE_QUOTE_REVERSED = re.compile(rb'"[^,\n"]')


def bad_outside(outside: bytes) -> bool:
    """``_BAD_OUTSIDE.search(outside) is not None``, in four fast checks: the first byte, a quote and the
    byte after it, a quote and the byte before it, the last byte."""
    if not outside:
        return False
    return (
        outside[:1] not in b',\r\n"'
        or outside[-1:] not in b',\n"'
        or _AFTER_QUOTE.search(outside) is not None
        or _BEFORE_QUOTE_REVERSED.search(outside[::-1]) is not None
    )


class Joined(io.RawIOBase):
    """Bytes already read, then the rest of the member's stream."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        self.first = first
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.first:
            n = min(len(b), len(self.first))
            b[:n] = self.first[:n]
            self.first = self.first[n:]
            return n
        data = self.rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def boundary(buf: bytes, end: int) -> int | None:
    """Where a chunk may end, at most at ``end``: after the last newline there that no quoted field spans (an
    even number of quotes before it, counted from the buffer's start, itself a row start). None: no such
    newline near ``end``."""
    pos = buf.rfind(b"\n", 0, end)
    for _ in range(64):
        if pos < 0:
            return None
        if buf.count(b'"', 0, pos) % 2 == 0:
            return pos + 1
        pos = buf.rfind(b"\n", 0, pos)
    return None


def lone_cr(data: bytes) -> bool:
    """Whether a carriage return stands anywhere but before a line feed (the csv module ends a line there,
    polars does not). Counting a two-byte pattern costs ten times a byte search: it runs only when there
    is a carriage return at all."""
    return b"\r" in data and data.count(b"\r") != data.count(b"\r\n")


def head_rows(data: bytes) -> tuple[list[list[str]] | None, list[int]]:
    """The first rows as the row path reads them, and after each row how many physical lines it took."""
    from exportscope.platforms.linkedin.csvread import HEADER_SCAN

    if b"\x00" in data or lone_cr(data):
        return None, []
    try:
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", errors="strict", newline="")
        reader = csv_rows(text)
        rows: list[list[str]] = []
        ends: list[int] = []
        for row in islice(reader, HEADER_SCAN):
            rows.append(row)
            ends.append(reader.line_num)  # type: ignore[attr-defined]
    except UnicodeDecodeError:
        return None, []
    return rows, ends


def line_end(data: bytes, lines: int) -> int:
    """The byte offset just after the first ``lines`` lines (every line ends in LF: checked before)."""
    at = 0
    for _ in range(lines):
        nl = data.find(b"\n", at)
        if nl < 0:
            return len(data)
        at = nl + 1
    return at


def parse_chunk(body: bytes, width: int) -> pl.DataFrame | None:
    """Rows of a chunk that starts at a row boundary, or None when the csv module must read it."""
    import polars as pl

    if b"\x00" in body or lone_cr(body) or not rfc4180(body):
        return None
    names = [f"c{i}" for i in range(width)]
    if not body.strip(b"\r\n"):
        return pl.DataFrame({n: [] for n in names}, schema=dict.fromkeys(names, pl.String))
    if not body.endswith(b"\n"):
        body += b"\n"  # polars does not check the width of a last line without its newline
    try:
        frame = pl.read_csv(
            body,
            has_header=False,
            schema=dict.fromkeys(names, pl.String),
            infer_schema=False,
            quote_char='"',
            encoding="utf8",
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, ValueError):
        return None  # a row wider than the header, a first row narrower, bad UTF-8: the row path decides
    cells = [pl.col(n) for n in names]
    nulled = [pl.when(c == "").then(None).otherwise(c).name.keep() for c in cells]
    # A blank row (every cell empty or white space) is dropped, as the row path drops it. Only a row whose
    # first cell is blank can be one: the test of every cell runs only when there is such a row.
    first = frame.get_column(names[0])
    if first.null_count() or not first.str.strip_chars(WHITESPACE).str.len_bytes().min():
        filled = pl.any_horizontal([c.str.strip_chars(WHITESPACE).str.len_bytes() > 0 for c in cells]).fill_null(False)
        return frame.lazy().filter(filled).with_columns(nulled).collect()
    return frame.with_columns(nulled)
