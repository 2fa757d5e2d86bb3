"""LinkedIn CSV members read as columns: ``pl.read_csv`` and polars expressions instead of one Python object
per row, for the files of the generic CSV reader (rules that declare their text and time columns) and
``messages.csv``.

Why: a heavy export's ``messages.csv`` holds 100,000 rows; building a row, a record and a datetime per row
cost about 20 times the parse itself. Here the member is streamed in chunks of :data:`CHUNK` bytes cut at
row boundaries; each chunk is parsed by polars as strings, text columns are stripped and joined, dates in
the rule's first declared format are parsed with ``str.strptime``, and the chunk becomes one
:class:`~exportscope.model.RecordBatch`. Memory stays bounded whatever the file's size.

The outputs must be exactly those of the row-by-row path (:mod:`~exportscope.platforms.linkedin.csvread`),
so a chunk is parsed here only when nothing about it can make the two parsers disagree:

- the bytes are UTF-8 (a BOM is fine), without NUL bytes or a carriage return that does not end a line
  (the csv module splits lines there, polars does not);
- the chunk is RFC 4180 (:data:`_RFC4180`): every field is either unquoted without quotes or wholly quoted
  with doubled inner quotes. Stray or broken quoting, which the csv module reads leniently and polars
  differently, is left to the csv module;
- the header is found by the same search in the same first rows (:func:`_start`; else the whole member is
  read row by row, from its start), and no row is wider than it (polars fails on a wider row; the row
  path counts it as misaligned or rejoins a split date).

From the first chunk that fails these checks on, the csv module reads the rest of the member with the row
path's loop (:func:`~exportscope.platforms.linkedin.csvread.data_rows`), from that chunk's first byte: a
row boundary after rows both parsers read alike, so the rows and their numbers are the ones the row path
gives. An error reading the member (a damaged zip entry) fails the file as on the row path.

Dates: only values in the exact shape of the rule's first format (``[0-9]`` digits, a year from 1000, a
second below 60) are parsed as a column; every other non-empty value goes through
:func:`exportscope.dates.parse`, as on the row path.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from exportscope import dates
from exportscope.archive import Member, MemberError
from exportscope.model import Drift, Problem, Record, RecordBatch, describe_failure
from exportscope.platforms.base import Output
from exportscope.rules import Rule
from exportscope.textio import MAX_LINE_CHARS, Columns, csv_rows, web_link

if TYPE_CHECKING:
    import polars as pl

    from exportscope.platforms.linkedin.csvread import Row

#: Bytes parsed per batch: memory stays bounded whatever the file's size (a 1 GB messages.csv is read in
#: chunks, as the row path streams it), while each polars call has enough rows to pay off.
CHUNK = 256 * 1024
#: The first read, for the header search (doubled until the first rows fit).
HEAD_BYTES = 64 * 1024

_FIELD = rb'(?:"(?:[^"\x00]++|"")*+"|[^",\r\n\x00]*+)'
_LINE = _FIELD + rb"(?:," + _FIELD + rb")*+"
#: A whole RFC 4180 file: quoted fields (doubled inner quotes) or unquoted ones without quotes, CRLF or LF.
_RFC4180 = re.compile(rb"(?:" + _LINE + rb"\r?\n)*+(?:" + _LINE + rb")?")

#: What Python's ``str.strip()`` removes (``str.isspace``), for polars' ``strip_chars``: Rust's notion of
#: whitespace lacks U+001C..U+001F, and the two paths must strip alike.
#: Written out: computing it over every code point costs a third of a second at import (a test checks it).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)

#: Per date format id: (the exact shape, as a Rust regex, and the strptime format reading it). A value in
#: that shape is read the same by both; formats not listed here (D6, D10...) are parsed in Python.
_FAST_FORMATS: dict[str, tuple[str, str]] = {
    "D1": (r"^[0-9]{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9][0-9]{3}$", "%d %b %Y"),
    "D2": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-5][0-9] UTC$", "%Y-%m-%d %H:%M:%S UTC"),
    "D3": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-5][0-9]$", "%Y-%m-%d %H:%M:%S"),
    "D9": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC$", "%Y-%m-%d %H:%M UTC"),
}


@dataclass
class Table:
    """Consecutive data rows of one member as columns (``c0``, ``c1``... by header position), blank rows
    dropped; ``before`` is how many rows of the member came before them (the first is row ``before + 1``)."""

    member: Member
    columns: Columns
    frame: pl.DataFrame
    before: int = 0

    def __len__(self) -> int:
        return self.frame.height

    def col(self, *names: str) -> pl.Expr | None:
        """A column by any of its names (as :meth:`Columns.find`); "" is null, as ``Columns.get`` has it."""
        import polars as pl

        i = self.columns.find(*names)
        return None if i is None else pl.col(f"c{i}")

    def cell(self, *names: str) -> pl.Expr:
        """:meth:`col`, or a null column when the file has no such column."""
        import polars as pl

        found = self.col(*names)
        return pl.lit(None, pl.String) if found is None else found

    def lists(self, exprs: dict[str, pl.Expr]) -> dict[str, list[Any]]:
        """Each expression's value per row, as Python lists, computed in one pass over the frame."""
        picked = self.frame.select([e.alias(name) for name, e in exprs.items()])
        return {name: picked[name].to_list() for name in exprs}

    def rows(self) -> list[int | None]:
        return list(range(self.before + 1, self.before + len(self) + 1))


def read(
    member: Member,
    rule: Rule,
    want: Sequence[str],
    *,
    alone: bool,
    to_batch: Callable[[Table, Rule], RecordBatch],
    to_record: Callable[[Row, Rule], Record],
    accept: Callable[[Columns], bool] = lambda columns: True,
) -> Iterator[Output]:
    """Every output of one member: one batch per chunk of about :data:`CHUNK` bytes while the member allows
    it (module doc), else rows made into records by ``to_record`` exactly as the row path does.

    ``alone``: the file's only member (an error fails the file; with several parts it fails this part
    alone, see :func:`~exportscope.platforms.linkedin.csvread.member_rows`). ``accept``: whether a header
    suits the columnar reading (the 2018 messages layout does not).
    """
    from exportscope.platforms.linkedin import csvread

    started = _start(member, rule, want, accept)
    if started is None:
        for row in csvread.member_rows(member, rule, want, alone=alone):
            yield row if isinstance(row, Problem | Drift) else to_record(row, rule)
        return
    columns, remarks, raw, buf = started
    yield from remarks
    with raw:
        try:
            yield from _chunks(member, rule, columns, raw, buf, to_batch, to_record)
        except (ValueError, UnicodeError, csv.Error, MemberError, OSError) as exc:
            if alone:
                raise
            yield replace(describe_failure(exc), source=member.path, fails=True)


def _start(
    member: Member, rule: Rule, want: Sequence[str], accept: Callable[[Columns], bool]
) -> tuple[Columns, list[Problem | Drift], IO[bytes], bytes] | None:
    """The header and the bytes after it, when the member's head allows the columnar reading; else None
    (nothing read counts: the row path starts again from the beginning)."""
    from exportscope.platforms.linkedin import csvread

    raw: IO[bytes] | None = None
    try:
        raw = member.open()
        prefix = raw.read(HEAD_BYTES)
        eof = len(prefix) < HEAD_BYTES
        while prefix[:2] not in (b"\xff\xfe", b"\xfe\xff") and len(prefix) <= MAX_LINE_CHARS:
            cut = len(prefix) if eof else prefix.rfind(b"\n") + 1
            head, ends = _head(prefix[:cut])
            if head is None:
                break
            if not eof and (len(head) < csvread.HEADER_SCAN or ends[-1] >= prefix.count(b"\n", 0, cut)):
                more = raw.read(len(prefix))  # the first rows end further on: read twice as much
                eof = len(more) < len(prefix)
                prefix += more
                continue
            at = csvread.find_header(head, want)
            if at is None:
                break  # a missing header, a sentinel line, an empty file: the row path says which
            columns = Columns(head[at])
            if len(columns.header) != len(head[at]) or not accept(columns):
                break  # a trailing empty column: the row path's width rules differ from the raw width
            remarks: list[Problem | Drift] = []
            if changed := csvread.drift(columns, rule):
                remarks.append(replace(changed, source=member.path))
            return columns, remarks, raw, prefix[_line_end(prefix, ends[at]) :]
    except Exception:
        pass
    if raw is not None:
        raw.close()
    return None


def _chunks(
    member: Member,
    rule: Rule,
    columns: Columns,
    raw: IO[bytes],
    buf: bytes,
    to_batch: Callable[[Table, Rule], RecordBatch],
    to_record: Callable[[Row, Rule], Record],
) -> Iterator[Output]:
    from exportscope.platforms.linkedin import csvread

    width = len(columns.header)
    before = 0
    eof = False
    while buf or not eof:
        if not eof and len(buf) < CHUNK:
            more = raw.read(CHUNK)
            eof = not more
            buf += more
            continue
        cut = len(buf) if eof and len(buf) <= CHUNK else _boundary(buf, CHUNK) or _boundary(buf, len(buf))
        frame = None
        if cut is None and eof:
            cut = len(buf)
        elif cut is None and len(buf) <= MAX_LINE_CHARS:
            more = raw.read(CHUNK)  # a row longer than the buffer: read on
            eof = not more
            buf += more
            continue
        if cut is not None and cut <= MAX_LINE_CHARS:
            frame = _parse(buf[:cut], width)
        if frame is None or cut is None:
            # From here on the csv module reads, from the start of this chunk (a row boundary, after rows
            # both parsers read alike), with the row path's decoding: the same rows it would have read.
            text = io.TextIOWrapper(
                io.BufferedReader(_Joined(buf, raw)), encoding="utf-8", errors="replace", newline=""
            )
            for row in csvread.data_rows(member, columns, csv_rows(text), before):
                yield row if isinstance(row, Problem) else to_record(row, rule)
            return
        buf = buf[cut:]
        if frame.height:
            yield to_batch(Table(member, columns, frame, before), rule)
            before += frame.height


class _Joined(io.RawIOBase):
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


def _boundary(buf: bytes, end: int) -> int | None:
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


def _head(data: bytes) -> tuple[list[list[str]] | None, list[int]]:
    """The first rows as the row path reads them, and after each row how many physical lines it took."""
    from exportscope.platforms.linkedin.csvread import HEADER_SCAN

    if b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
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


def _line_end(data: bytes, lines: int) -> int:
    """The byte offset just after the first ``lines`` lines (every line ends in LF: checked before)."""
    at = 0
    for _ in range(lines):
        nl = data.find(b"\n", at)
        if nl < 0:
            return len(data)
        at = nl + 1
    return at


def _parse(body: bytes, width: int) -> pl.DataFrame | None:
    """Rows of a chunk that starts at a row boundary, or None when the csv module must read it."""
    import polars as pl

    if b"\x00" in body or body.count(b"\r") != body.count(b"\r\n") or _RFC4180.fullmatch(body) is None:
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
    filled = pl.any_horizontal([c.str.strip_chars(WHITESPACE).str.len_bytes() > 0 for c in cells]).fill_null(False)
    nulled = [pl.when(c == "").then(None).otherwise(c).name.keep() for c in cells]
    return frame.lazy().filter(filled).with_columns(nulled).collect()


def stripped(expr: pl.Expr) -> pl.Expr:
    """:func:`exportscope.textio.nonempty` as an expression: stripped, and null when empty or ``""``."""
    import polars as pl

    s = expr.str.strip_chars(WHITESPACE)
    return pl.when((s == "") | (s == '""')).then(None).otherwise(s)


def text_expr(table: Table, names: Sequence[str], sep: str = " · ") -> pl.Expr:
    """:func:`~exportscope.platforms.linkedin.csvread.text_of`: the named columns (aliases once) joined."""
    import polars as pl

    seen: list[int] = []
    for name in names:
        i = table.columns.find(name)
        if i is not None and i not in seen:
            seen.append(i)
    if not seen:
        return pl.lit(None, pl.String)
    joined = pl.concat_str([stripped(pl.col(f"c{i}")) for i in seen], separator=sep, ignore_nulls=True)
    return pl.when(joined == "").then(None).otherwise(joined)


def time_exprs(table: Table, rule: Rule) -> dict[str, pl.Expr]:
    """What :func:`times` needs, to be selected with the other columns in one pass: the epoch seconds of
    values in the exact shape of the rule's first format (``_epoch``) and the date cells (``_time0``...)."""
    import polars as pl

    cols = [i for col in rule.time if (i := table.columns.find(col)) is not None]
    exprs = {f"_time{k}": pl.col(f"c{i}") for k, i in enumerate(cols)}
    fast = _FAST_FORMATS.get(rule.time_format[0]) if rule.time_format else None
    lead = table.col(rule.time[0]) if rule.time else None
    if fast is not None and lead is not None:
        shape, fmt = fast
        parsed = pl.when(lead.str.contains(shape)).then(lead.str.strptime(pl.Datetime("us"), fmt, strict=False))
        exprs["_epoch"] = parsed.dt.epoch("us") / 1_000_000
    return exprs


def times(got: dict[str, list[Any]], n: int, rule: Rule) -> tuple[list[float | None], list[str | None] | None]:
    """Per row: the epoch seconds of :func:`~exportscope.platforms.linkedin.csvread.time_of` and the
    unreadable date cell of ``raw_time_of`` (the list is None when every row has a time or no date), from
    the lists of :func:`time_exprs`; values the column parse left out go through :func:`dates.parse`."""
    cells = [got[f"_time{k}"] for k in range(len(rule.time)) if f"_time{k}" in got]
    epochs: list[float | None] = list(got["_epoch"]) if "_epoch" in got else [None] * n
    if not cells:
        return epochs, None
    raw: list[str | None] | None = None
    for r, epoch in enumerate(epochs):
        if epoch is not None:
            continue
        stamp, unread = _row_time([c[r] for c in cells], rule)
        if stamp is not None:
            epochs[r] = stamp
        elif unread is not None:
            if raw is None:
                raw = [None] * n
            raw[r] = unread
    return epochs, raw


def _row_time(values: Sequence[str | None], rule: Rule) -> tuple[float | None, str | None]:
    """``time_of`` and ``raw_time_of`` for one row's date cells, in the rule's column order."""
    for value in values:
        if stamp := dates.parse(value, rule.time_format):
            return stamp.timestamp(), None
    return None, next((v for v in values if not dates.is_empty(v)), None)


def batch(table: Table, rule: Rule) -> RecordBatch:
    """The rows of :func:`~exportscope.platforms.linkedin.csvread.read_csv` as one batch."""
    n = len(table)
    exprs = {"_text": text_expr(table, rule.text), **time_exprs(table, rule)}
    link = table.col("Link")
    if link is not None:
        exprs["_link"] = link
    got = table.lists(exprs)
    epochs, raw = times(got, n, rule)
    return RecordBatch(
        text=got["_text"],
        epoch=epochs,
        row=table.rows(),
        source=[table.member.path] * n,
        raw_time=raw,
        link=[web_link(v) for v in got["_link"]] if "_link" in got else None,
    )
