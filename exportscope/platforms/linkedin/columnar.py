"""LinkedIn CSV members read as columns: ``pl.read_csv`` and polars expressions instead of one Python object
per row, for the files of the generic CSV reader (rules that declare their text and time columns),
``messages.csv`` and ``Shares.csv`` (``Comments.csv`` is cut into records by its dates: :mod:`.comments`).

Why: a heavy export's ``messages.csv`` holds 100,000 rows; building a row, a record and a datetime per row
cost about 20 times the parse itself. Here the member is streamed in chunks of :data:`CHUNK` bytes cut at
row boundaries; each chunk is parsed by polars as strings, text columns are stripped and joined, dates in
the rule's first declared format are parsed with ``str.strptime``, and the chunk becomes one
:class:`~exportscope.model.RecordBatch`. Memory stays bounded whatever the file's size.

The outputs must be exactly those of the row-by-row path (:mod:`~exportscope.platforms.linkedin.csvread`),
so a chunk is parsed here only when nothing about it can make the two parsers disagree:

- the bytes are UTF-8 (a BOM is fine), without NUL bytes or a carriage return that does not end a line
  (the csv module splits lines there, polars does not);
- the chunk is RFC 4180 (:data:`~.csvbytes.RFC4180`): every field is either unquoted without quotes or
  wholly quoted with doubled inner quotes. Stray or broken quoting, which the csv module reads leniently
  and polars differently, is left to the csv module;
- the header is found by the same search in the same first rows (:func:`_start`; else the whole member is
  read row by row, from its start), and no row is wider than it (polars fails on a wider row; the row
  path counts it as misaligned or rejoins a split date).

From the first chunk that fails these checks on, the csv module reads the rest of the member with the row
path's loop (:func:`~exportscope.platforms.linkedin.csvread.data_rows`), from that chunk's first byte: a
row boundary after rows both parsers read alike, so the rows and their numbers are the ones the row path
gives. An error reading the member (a damaged zip entry) fails the file as on the row path.

The parts: :mod:`.csvbytes` (the byte checks above, and the polars parse of a chunk), :mod:`.csvframe` (a
chunk as a :class:`Table` and the expressions that make its records); here, the header search and the chunk
loop. Their names stay importable from here (``columnar.Table``, ``columnar.text_expr``...).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING

from exportscope.archive import Member, MemberError
from exportscope.model import Drift, Problem, Record, RecordBatch, describe_failure
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin.csvbytes import Joined, boundary, head_rows, line_end, parse_chunk
from exportscope.platforms.linkedin.csvframe import Table, batch, stripped, text_expr, time_exprs, times
from exportscope.rules import Rule
from exportscope.textio import MAX_LINE_CHARS, WHITESPACE, Columns, csv_rows

if TYPE_CHECKING:
    from exportscope.platforms.linkedin.csvread import Row

__all__ = [
    "CHUNK",
    "HEAD_BYTES",
    "WHITESPACE",
    "Table",
    "batch",
    "read",
    "stripped",
    "text_expr",
    "time_exprs",
    "times",
]

#: Bytes parsed per batch: memory stays bounded whatever the file's size (a 1 GB messages.csv is read in
#: chunks, as the row path streams it), while each polars call has enough rows to pay off: each chunk costs
#: about 3 ms of fixed work (a dozen polars calls and their expressions), a third of a 256 KB chunk's time.
CHUNK = 1024 * 1024
#: The first read, for the header search (doubled until the first rows fit).
HEAD_BYTES = 64 * 1024


def read(
    member: Member,
    rule: Rule,
    want: Sequence[str],
    *,
    alone: bool,
    to_batch: Callable[[Table, Rule], RecordBatch | list[RecordBatch]],
    to_record: Callable[[Row, Rule], Record],
    accept: Callable[[Columns], bool] = lambda columns: True,
) -> Iterator[Output]:
    """Every output of one member: one batch per chunk of about :data:`CHUNK` bytes while the member allows
    it (module doc), else rows made into records by ``to_record`` exactly as the row path does.

    ``to_batch`` makes a chunk's table into one batch, or several (one per run of rows a batch cannot mix).
    ``alone``: the file's only member (an error fails the file; with several parts it fails this part
    alone, see :func:`~exportscope.platforms.linkedin.csvread.member_rows`). ``accept``: whether a header
    suits the columnar reading (the 2018 messages layout does not).
    """
    from exportscope.platforms.linkedin import csvread

    reading = _Reading(member, rule, to_batch, to_record)
    started = _start(member, rule, want, accept)
    if started is None:
        yield from reading.records(csvread.member_rows(member, rule, want, alone=alone))
        return
    columns, remarks, raw, buf = started
    yield from remarks
    with raw:
        try:
            yield from reading.chunks(columns, raw, buf)
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
            head, ends = head_rows(prefix[:cut])
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
            return columns, remarks, raw, prefix[line_end(prefix, ends[at]) :]
    except Exception:
        pass
    if raw is not None:
        raw.close()
    return None


@dataclass(frozen=True)
class _Reading:
    """One member's reading: where its rows come from and how its rows and tables become outputs."""

    member: Member
    rule: Rule
    to_batch: Callable[[Table, Rule], RecordBatch | list[RecordBatch]]
    to_record: Callable[[Row, Rule], Record]

    def records(self, rows: Iterable[Row | Problem | Drift]) -> Iterator[Output]:
        """Rows the csv module read, made into records as the row path makes them; its remarks as they are."""
        for row in rows:
            yield row if isinstance(row, Problem | Drift) else self.to_record(row, self.rule)

    def chunks(self, columns: Columns, raw: IO[bytes], buf: bytes) -> Iterator[Output]:
        """The data after the header (``buf``, then ``raw``): a batch per chunk, the rest row by row from the
        first chunk the columns cannot read exactly."""
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
            cut = len(buf) if eof and len(buf) <= CHUNK else boundary(buf, CHUNK) or boundary(buf, len(buf))
            frame = None
            if cut is None and eof:
                cut = len(buf)
            elif cut is None and len(buf) <= MAX_LINE_CHARS:
                more = raw.read(CHUNK)  # a row longer than the buffer: read on
                eof = not more
                buf += more
                continue
            if cut is not None and cut <= MAX_LINE_CHARS:
                frame = parse_chunk(buf[:cut], width)
            if frame is None or cut is None:
                # From here on the csv module reads, from the start of this chunk (a row boundary, after rows
                # both parsers read alike), with the row path's decoding: the same rows it would have read.
                text = io.TextIOWrapper(
                    io.BufferedReader(Joined(buf, raw)), encoding="utf-8", errors="replace", newline=""
                )
                yield from self.records(csvread.data_rows(self.member, columns, csv_rows(text), before))
                return
            buf = buf[cut:]
            if frame.height:
                made = self.to_batch(Table(self.member, columns, frame, before), self.rule)
                yield from [made] if isinstance(made, RecordBatch) else made
                before += frame.height
