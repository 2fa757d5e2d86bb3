"""``Comments.csv``: one comment per record, a record being the lines from one ``YYYY-MM-DD HH:MM:SS,`` line start
to the next; read as columns where the file allows, else line by line.

Why not the csv module: 2024 files leave multi-line messages unquoted, so continuation lines look like rows,
and 2025 files escape quotes as ``\\"``, which the default dialect mis-splits. So the file is cut into
records by their date, then each record at its first two commas (:func:`split_comment`).

The row path (:func:`comment_records`, :func:`split_comment`) builds one Python object per line and per
record; a heavy export holds tens of thousands of comments. The column path does the same on whole chunks:
the member's bytes are read in chunks of :data:`~.columnar.CHUNK` cut after a newline, decoded as the row
path decodes them (UTF-8, bad bytes replaced, every ``\\r\\n`` and lone ``\\r`` a newline), cut into records
by one ``re.split`` (the row path's own pattern, so the same records), and the records are split, unquoted
and dated as polars columns (:func:`comment_batch`). A record may run on into the next chunk: the last
record of a chunk is carried over until the next record starts.

What the column path leaves to the row path, from the start of the member (nothing has been yielded yet):
a file that is not UTF-8 (UTF-16, cp1252), whose header is not ``Date,Link,Message`` or not within its
first block, or that holds no dated record at all (the row path then reads it as plain CSV and says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import IO, TYPE_CHECKING

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Drift, Problem, Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin import columnar
from exportscope.platforms.linkedin.csvframe import fast_epoch, link_exprs, link_values, stripped
from exportscope.platforms.linkedin.csvread import open_member, read_csv
from exportscope.rules import Rule
from exportscope.textio import SNIFF_BYTES, Columns, csv_rows, header_key, nonempty, sniff, web_link

if TYPE_CHECKING:
    import polars as pl

_START = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,"
_COMMENT_START = re.compile(_START)
#: The newlines a record starts after: splitting a text there gives its records (and what comes before them).
_RECORD_SPLIT = re.compile(r"\n(?=" + _START + ")")
_ESCAPED_QUOTE = re.compile(r'""|\\"')
#: The same patterns for polars (Rust's regex reads them alike on these: leftmost-first, non-overlapping).
_ESCAPED_QUOTE_RX = r'""|\\"'
#: How far the header search reads (doubled from :data:`~.columnar.HEAD_BYTES`) before leaving the file to
#: the row path.
_HEAD_MAX = 1024 * 1024


def unquote_comment(field: str) -> str:
    """A Comments message cell as written: quoted with ``""`` or ``\\"`` escapes (both occur), or unquoted.

    Literal backslashes are kept (``escapechar='\\\\'`` would drop them). An unquoted message is returned
    as it is, quotes and all.
    """
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return _ESCAPED_QUOTE.sub('"', field[1:-1])
    return field


def split_comment(record: str) -> tuple[str, str, str]:
    """(date, link, message) of one comment record: cut at the first two commas, then unquote."""
    date, _, rest = record.partition(",")
    link, _, message = rest.partition(",")
    link = link.strip()
    if len(link) >= 2 and link[0] == link[-1] == '"':
        link = link[1:-1]
    return date.strip(), link, unquote_comment(message.strip("\r\n"))


def _comment_header(line: str) -> bool:
    """True for the ``Date,Link,Message`` header this reader's by-position cut relies on."""
    cells = next(csv_rows(iter([line])), [])
    return [header_key(c) for c in Columns(cells).header] == ["date", "link", "message"]


def comment_records(lines: Iterator[str]) -> Iterator[tuple[int, str] | Problem]:
    """Group the lines after the header into records: each starts at ``YYYY-MM-DD HH:MM:SS,``."""
    pending: list[str] | None = None
    n = 0
    orphans = 0
    for raw in lines:
        line = raw.rstrip("\r\n")
        if _COMMENT_START.match(line):
            if pending is not None:
                n += 1
                yield n, "\n".join(pending).rstrip("\n")
            pending = [line]
        elif pending is not None:
            pending.append(line)
        elif line.strip():
            orphans += 1
    if pending is not None:
        n += 1
        yield n, "\n".join(pending).rstrip("\n")
    if orphans:
        yield Problem.of("orphan_lines", n=orphans)


def read_comments(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One comment per record (see :func:`comment_records`); an unexpected header falls back to plain CSV."""
    for member in members:
        yield from _member_columns(member, rule)


def _member_rows(member: Member, rule: Rule) -> Iterator[Output]:
    """The row path: one member line by line."""
    fallback: str | None = None  # a problem code: why the file is read as plain CSV
    with open_member(member, newline=None) as (text, _dialect):
        lines = iter(text)
        header = next((ln for ln in lines if ln.strip()), None)
        if header is None:
            return
        if not _comment_header(header):
            fallback = "comments_header"
        else:
            records = 0
            remarks: list[Problem | Drift] = []
            for item in comment_records(lines):
                if isinstance(item, Problem | Drift):
                    remarks.append(item)
                    continue
                n, record = item
                records += 1
                date, link, message = split_comment(record)
                yield Record(
                    text=nonempty(message),
                    timestamp=dates.parse(date, rule.time_format),
                    row=n,
                    source=member.path,
                    link=web_link(link),
                )
            if records == 0 and remarks:
                # Data lines but none starts with LinkedIn's date (a spreadsheet re-saved the file with its
                # own date format): read it as plain CSV rather than lose every comment.
                fallback = "comments_undated"
            else:
                yield from remarks
    if fallback:
        yield Problem.of(fallback)
        yield from read_csv([member], rule)


def _member_columns(member: Member, rule: Rule) -> Iterator[Output]:
    """The column path for one member, or the row path for all of it when the column path cannot start or
    finds no record (module doc)."""
    with member.open() as raw:
        texts = _texts(raw)
        data = _after_header(texts)
        if data is not None:
            records = _Records()
            before = 0
            held: list[str] = []  # the last piece's records wait, to go out with the member's last record
            for text in chain([data], texts):
                if done := records.feed(text):
                    if held:
                        yield comment_batch(held, member, before, rule)
                        before += len(held)
                    held = done
            if done := held + records.close():
                yield comment_batch(done, member, before, rule)
                before += len(done)
            if before:
                if records.orphans:
                    yield Problem.of("orphan_lines", n=records.orphans)
                return
    yield from _member_rows(member, rule)


def _texts(raw: IO[bytes]) -> Iterator[str]:
    """The member as text in pieces of about :data:`~.columnar.CHUNK` bytes, each ending after a newline
    (the last one may not), decoded as the row path's ``open_member(newline=None)`` decodes them: UTF-8 with
    a leading BOM dropped and bad bytes replaced, ``\r\n`` and a lone ``\r`` made ``\n``. Cutting after a
    newline (an ASCII byte) never splits a character, a bad sequence or a ``\r\n``, so each piece decodes
    as it would within the whole. Nothing at all when the member is not UTF-8 (:func:`sniff`)."""
    parts: list[bytes] = []
    encoding = "utf-8-sig"
    first = True
    while True:
        more = raw.read(max(columnar.CHUNK, SNIFF_BYTES) if first else columnar.CHUNK)
        if first and sniff(more[:SNIFF_BYTES]).encoding != encoding:
            return
        first = False
        nl = more.rfind(b"\n")
        if nl < 0 and more:
            parts.append(more)
            continue
        piece = b"".join([*parts, more[: nl + 1]])
        parts = [more[nl + 1 :]]
        if piece:
            yield _decode(piece, encoding)
            encoding = "utf-8"
        if not more:
            return


def _decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _after_header(texts: Iterator[str]) -> str | None:
    """The text after the header line, when the first non-blank line is ``Date,Link,Message``; else None."""
    for text in texts:
        lines = text.split("\n")
        at = next((i for i, line in enumerate(lines) if line.strip()), None)
        if at is None:
            continue
        if not _comment_header(lines[at] + "\n"):
            return None
        return "\n".join(lines[at + 1 :])
    return None


class _Records:
    """Cuts the text after the header into records, piece by piece, as :func:`comment_records` groups its
    lines: the record still open at the end of a piece is carried into the next one (a piece ends after a
    newline, so whether that newline ends the record is known when the next piece starts)."""

    def __init__(self) -> None:
        self.carry: str | None = None  # the open record (from its date on), None before the first
        self.orphans = 0  # non-blank lines before the first record

    def feed(self, text: str) -> list[str]:
        """The records the piece ``text`` completes, in order, each with its line ends."""
        pieces = _RECORD_SPLIT.split(text)
        head = pieces[0]
        done: list[str] = []
        if _COMMENT_START.match(head):
            if self.carry is not None:
                done.append(self.carry)
            opened = pieces
        elif self.carry is not None:
            opened = [self.carry + head, *pieces[1:]]
        else:
            self.orphans += sum(1 for line in head.split("\n") if line.strip())
            opened = pieces[1:]
        if opened:
            done.extend(opened[:-1])
            self.carry = opened[-1]
        return done

    def close(self) -> list[str]:
        """The last record, at the end of the member."""
        last, self.carry = self.carry, None
        return [] if last is None else [last]


def _quoted(text: pl.Expr) -> pl.Expr:
    """Whether a cell is wrapped in quotes: two characters at least, a quote first and last."""
    return text.str.starts_with('"') & text.str.ends_with('"') & (text.str.len_bytes() >= 2)


def _unquoted(text: pl.Expr) -> pl.Expr:
    """The cell without its wrapping quotes, if it has them (the link of :func:`split_comment`)."""
    import polars as pl

    return pl.when(_quoted(text)).then(text.str.strip_prefix('"').str.strip_suffix('"')).otherwise(text)


def comment_batch(records: list[str], member: Member, before: int, rule: Rule) -> RecordBatch:
    """The comments of :func:`_member_rows` for these records (numbered from ``before + 1``), as one batch:
    :func:`split_comment`, :func:`unquote_comment`, ``nonempty``, ``web_link`` and the date as columns."""
    import polars as pl

    # In stages: a column used twice in one expression would be computed twice (``when``/``otherwise``).
    # Cut at the first comma (the date's own: the start pattern holds no other), then at the link's.
    date = pl.col("r").str.strip_chars_end("\n").str.splitn(",", 2)
    rest = pl.col("rest").str.splitn(",", 2)
    frame = (
        pl.DataFrame({"r": records}, schema={"r": pl.String})
        .lazy()
        .select(date=date.struct.field("field_0"), rest=date.struct.field("field_1"))
        .select(
            "date",
            link=rest.struct.field("field_0").str.strip_chars(columnar.WHITESPACE),
            message=rest.struct.field("field_1").fill_null("").str.strip_chars("\r\n"),
        )
        .with_columns(link=_unquoted(pl.col("link")).replace("", None))
    )
    message = pl.col("message")
    inner = message.str.strip_prefix('"').str.strip_suffix('"').str.replace_all(_ESCAPED_QUOTE_RX, '"')
    exprs = {
        "_text": stripped(pl.when(_quoted(message)).then(inner).otherwise(message)),
        "_date": pl.col("date"),
        **link_exprs(pl.col("link")),
    }
    epoch = fast_epoch(pl.col("date"), rule.time_format[0]) if rule.time_format else None
    if epoch is not None:
        exprs["_epoch"] = epoch
    picked = frame.select([e.alias(name) for name, e in exprs.items()]).collect()
    got = {name: picked[name].to_list() for name in exprs}
    n = len(records)
    epochs: list[float | None] = got["_epoch"] if "_epoch" in got else [None] * n
    if None in epochs:  # a date the column parse left out: as the row path reads it
        for i, value in enumerate(epochs):
            if value is None and (stamp := dates.parse(got["_date"][i], rule.time_format)) is not None:
                epochs[i] = stamp.timestamp()
    return RecordBatch(
        text=got["_text"],
        epoch=epochs,
        row=list(range(before + 1, before + n + 1)),
        source=[member.path] * n,
        link=link_values(got),
    )
