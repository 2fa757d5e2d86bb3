"""How LinkedIn CSV members become rows: encoding, header by content, drift, and the generic readers.

Every LinkedIn reader goes through :func:`iter_csv` (or :func:`open_member` when it must see raw lines), so
the parser-checklist items that apply to all files live here once (shared/reference/linkedin.md, section 6):

- encoding by BOM: 2018's ``FF FE`` files are UTF-16LE, tab-separated, every field quoted; anything else is
  UTF-8 with or without Excel's BOM. UTF-16 is decoded strictly: a file that claims UTF-16 and is not is
  damaged, and it fails alone with that reason instead of turning into replacement characters;
- the header is found by content (Connections' ``Notes:`` preamble, which users sometimes delete), columns
  are matched by case/space-insensitive name, a trailing empty column (Learning.csv) is dropped; a file of a
  documented format whose header is not found fails with that reason, one of an uncertain format is read
  by its own first row and flagged;
- ``LearningCoachMessages.csv``'s single line ``No conversations found`` and header-only files are zero rows;
- an unquoted D6 date (``1/12/10, 9:14 AM``) splits into one field too many: the halves are rejoined;
- a header that lost expected columns or gained unknown ones is reported as ``columns changed: -X +Y``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import chain, islice
from typing import IO

from exportscope import dates
from exportscope.archive import Member, MemberError
from exportscope.model import Drift, Fact, Misaligned, Problem, ReadFailure, Record, describe_failure
from exportscope.platforms.base import Output
from exportscope.rules import Rule
from exportscope.textio import Columns, Dialect, csv_rows, header_key, nonempty, sniff, web_link

#: Whole-file stand-ins LinkedIn writes instead of a header when a category is empty.
SENTINELS = frozenset({"no conversations found"})
#: How many rows may precede the header (Connections' preamble is 3-4 rows).
HEADER_SCAN = 25

_D6_DAY = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{2,4}\s*")
_D6_TIME = re.compile(r"\s*\d{1,2}:\d\d(?::\d\d)?\s*[AaPp][Mm]\s*")


@contextmanager
def open_member(member: Member, newline: str | None = "") -> Iterator[tuple[IO[str], Dialect]]:
    """A member as streamed text with its sniffed dialect; UTF-16 strictly decoded (see module doc)."""
    with member.open() as raw:
        buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[type-var]
        dialect = sniff(buffered.peek(4096)[:4096])
        strict = dialect.encoding.startswith("utf-16")
        text = io.TextIOWrapper(
            buffered, encoding=dialect.encoding, errors="strict" if strict else "replace", newline=newline
        )
        try:
            yield text, dialect
        except UnicodeDecodeError:
            raise ReadFailure("bad_utf16") from None


def find_header(head: Sequence[list[str]], expected: Sequence[str]) -> int | None:
    """Index of the header among the first rows, found by content: the first row holding at least two
    expected columns (one if only one is expected). Without expected columns the first non-empty row.

    Why by content: Connections.csv has a ``Notes:`` preamble of varying length that users sometimes delete;
    a fixed skip or a split at the first blank line both break. A sentinel line is never a header.
    """
    want = {header_key(e) for e in expected}
    need = max(1, min(len(want), 2))
    for i, row in enumerate(head):
        if not any(cell.strip() for cell in row) or _is_sentinel(row):
            continue
        if not want or len(want & {header_key(c) for c in row}) >= need:
            return i
    return None


def first_row(head: Sequence[list[str]]) -> int | None:
    return next((i for i, row in enumerate(head) if any(cell.strip() for cell in row)), None)


def _is_sentinel(row: Sequence[str]) -> bool:
    cells = [c.strip().lower() for c in row if c.strip()]
    return len(cells) == 1 and cells[0] in SENTINELS


def expected_columns(rule: Rule) -> list[str]:
    """Every column name the rule knows, across eras: what the header search looks for."""
    names = list(rule.columns) + [c for alt in rule.options.get("alt_columns", ()) for c in alt]
    return names or list(rule.text) + list(rule.time)


def drift(columns: Columns, rule: Rule) -> Drift | None:
    """``columns changed: -X +Y`` against the closest known header of the rule (current or an older era).

    Columns listed in the rule's ``options.optional_columns`` come and go between exports (messages'
    draft flags, Connections' URL) and are never reported.
    """
    if not rule.columns:
        return None
    optional = {header_key(c) for c in rule.options.get("optional_columns", ())}
    best: list[str] | None = None
    for candidate in (rule.columns, *rule.options.get("alt_columns", ())):
        found = [d for d in columns.drift(candidate) if header_key(d[1:]) not in optional]
        if best is None or len(found) < len(best):
            best = found
    if not best:
        return None
    return Drift(
        missing=tuple(d[1:] for d in best if d.startswith("-")), new=tuple(d[1:] for d in best if d.startswith("+"))
    )


def rejoin_d6(row: list[str], width: int) -> list[str]:
    """Rejoin an unquoted D6 date split at its comma (``1/12/10`` + `` 9:14 AM``) when the row has
    exactly one field more than the header. Anything else is returned unchanged."""
    if len(row) != width + 1:
        return row
    for i in range(len(row) - 1):
        if _D6_DAY.fullmatch(row[i]) and _D6_TIME.fullmatch(row[i + 1]):
            return [*row[:i], f"{row[i]},{row[i + 1]}", *row[i + 2 :]]
    return row


@dataclass(slots=True)
class Row:
    """One data row of one member, with its header and its 1-based position among the data rows."""

    member: Member
    columns: Columns
    n: int
    cells: list[str]

    def get(self, *names: str) -> str | None:
        return self.columns.get(self.cells, *names)

    def text(self, *names: str) -> str | None:
        return nonempty(self.columns.get(self.cells, *names))


def iter_csv(
    members: Sequence[Member], rule: Rule, expected: Sequence[str] | None = None
) -> Iterator[Row | Problem | Drift]:
    """Every non-empty data row of every part, streamed, plus a Problem per member whose header drifted.

    When no row of the first :data:`HEADER_SCAN` holds the expected columns: a rule that declares its
    ``columns`` (a documented format) fails the file with that reason rather than read it as empty; a rule
    that only hints at a few names (a format linkedin.md marks uncertain) takes the first row as the header
    and says so, so the rows are still counted.
    """
    want = expected_columns(rule) if expected is None else list(expected)
    for member in members:
        yield from member_rows(member, rule, want, alone=len(members) == 1)


def member_rows(member: Member, rule: Rule, want: Sequence[str], *, alone: bool) -> Iterator[Row | Problem | Drift]:
    """The rows of one member of a logical file; ``alone``: the file's only member, whose error fails the
    file (as for any reader), where a broken part of several fails alone with its Problem."""
    if alone:
        yield from _member_rows(member, rule, want)
        return
    try:
        yield from _member_rows(member, rule, want)
    except (ValueError, UnicodeError, csv.Error, MemberError) as exc:
        # One broken part (Jobs/Job Applications_2.csv) fails alone; the other parts still count.
        yield replace(describe_failure(exc), source=member.path, fails=True)


def _member_rows(member: Member, rule: Rule, want: Sequence[str]) -> Iterator[Row | Problem | Drift]:
    with open_member(member) as (text, dialect):
        rows = csv_rows(text, delimiter=dialect.delimiter)
        head = list(islice(rows, HEADER_SCAN))
        at = find_header(head, want)
        if at is None:
            first = first_row(head)
            if first is None or _is_sentinel(head[first]):
                return  # empty file, or LinkedIn's "No conversations found"
            shown = ", ".join(want[:4]) + ("..." if len(want) > 4 else "")
            if rule.columns:
                raise ReadFailure("no_header", columns=shown, rows=HEADER_SCAN)
            at = first
            yield Problem.of("header_moved", columns=shown, source=member.path)
        columns = Columns(head[at])
        if changed := drift(columns, rule):
            yield replace(changed, source=member.path)
        yield from data_rows(member, columns, chain(head[at + 1 :], rows))


def data_rows(member: Member, columns: Columns, rows: Iterable[list[str]], n: int = 0) -> Iterator[Row | Problem]:
    """The non-empty rows after the header, numbered from ``n + 1``, then a Problem counting misaligned ones.

    ``n`` is how many rows came before (the columnar reader hands a file's tail over to this loop)."""
    width = len(columns.header)
    misaligned = 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        cells = rejoin_d6(row, width)
        if any(cell.strip() for cell in cells[width:]):
            # Values past the last column: every value may sit under the wrong column ("PUBLIC" under
            # ShareCommentary). The row still counts, but none of its cells is read as text or date.
            misaligned += 1
            cells = []
        yield Row(member, columns, n, cells)
    if misaligned:
        yield Misaligned(
            "misaligned",
            fields=(("n", misaligned),),
            source=member.path,
            rows=misaligned,
        )


def join_text(parts: Iterable[str | None], sep: str = " · ") -> str | None:
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None


def text_of(row: Row, names: Sequence[str]) -> str | None:
    """The named columns' values joined; aliases of one column (``Share Commentary``) count once."""
    seen: set[int] = set()
    parts: list[str] = []
    for name in names:
        i = row.columns.find(name)
        if i is None or i in seen or i >= len(row.cells):
            continue
        seen.add(i)
        if value := nonempty(row.cells[i]):
            parts.append(value)
    return join_text(parts)


def time_of(row: Row, rule: Rule) -> datetime | None:
    for col in rule.time:
        if stamp := dates.parse(row.get(col), rule.time_format):
            return stamp
    return None


def raw_time_of(row: Row, rule: Rule) -> str | None:
    """The first date cell that holds a value, for a row whose date could not be read (counted per file,
    by its shape); None when the row has no date at all."""
    for col in rule.time:
        value = row.get(col)
        if not dates.is_empty(value):
            return value
    return None


def read_csv(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per data row; text from the rule's ``text`` columns, time from its ``time`` columns.

    A member that allows it is read as columns, into one batch (:mod:`.columnar`); any other row by row.
    """
    from exportscope.platforms.linkedin import columnar

    want = expected_columns(rule)
    for member in members:
        alone = len(members) == 1
        if rule.visibility == "column":
            rows = member_rows(member, rule, want, alone=alone)
            yield from (r if isinstance(r, Problem | Drift) else csv_record(r, rule) for r in rows)
        else:
            yield from columnar.read(member, rule, want, alone=alone, to_batch=columnar.batch, to_record=csv_record)


def csv_record(row: Row, rule: Rule) -> Record:
    """One item of :func:`read_csv` from one row."""
    return Record(
        text=text_of(row, rule.text),
        timestamp=(ts := time_of(row, rule)),
        raw_time=None if ts else raw_time_of(row, rule),
        row=row.n,
        source=row.member.path,
        visibility=row.get("Visibility") if rule.visibility == "column" else None,
        link=web_link(row.get("Link")),
    )


def read_csv_all(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """For files whose columns are not documented: every non-empty cell joined, so nothing is lost."""
    for row in iter_csv(members, rule, expected=()):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        yield Record(text=join_text(c.strip() for c in row.cells), row=row.n, source=row.member.path)


def field_variant(name: str) -> str:
    """``Geo Location`` -> ``geo_location``: the Profile.csv field name as the rule file's variant key."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def read_profile(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per non-empty field (the rule's variants set each field's verdict); the birth date and the
    location also become facts for the minor and region overrides.

    2018 adds ``Contact Instructions`` and ``Country``; the birth date is ``Mar 7`` (no year) or, in 2018,
    ``Mar 7, 1985``; parsing it is the overrides' job (:func:`exportscope.dates.parse_birth_date`).
    """
    for row in iter_csv(members, rule):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        for i, name in enumerate(row.columns.header):
            value = nonempty(row.cells[i]) if i < len(row.cells) else None
            if not name or value is None:
                continue
            variant = field_variant(name)
            yield Record(text=value, variant=variant, row=row.n, source=row.member.path)
            if variant == "birth_date":
                yield Fact("birth_date", value, row.member.path)
            elif variant in ("geo_location", "country"):
                yield Fact("region", value, row.member.path)
