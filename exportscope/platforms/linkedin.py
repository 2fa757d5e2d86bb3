"""LinkedIn "Get a copy of your data" archives, every era from 2018 to 2026 (shared/reference/linkedin.md).

The path table lives in ``schemas/linkedin.toml`` (file name keys -> rule); this module knows how to read
those files: the generic CSV reader handles most of them from the rule's column names, and the readers in
:mod:`exportscope.platforms.linkedin_quirks` handle the files with known quirks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import PurePosixPath

from exportscope import dates
from exportscope.archive import Member, Source
from exportscope.model import Fact, Record
from exportscope.platforms.base import Output, Platform, Reader
from exportscope.rules import Rule
from exportscope.textio import Columns, csv_rows, header_key, nonempty, open_text

_EXPORT_NAME = re.compile(r"^(Basic|Complete)_LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.I)
_PART_SUFFIX = re.compile(r"[-_]\d+$")


def name_key(path: str) -> str:
    """linkedin.md's name key: drop a trailing ``[-_]<digits>`` and the suffix, lower-case, no separators."""
    stem = PurePosixPath(path).name
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    stem = _PART_SUFFIX.sub("", stem)
    return re.sub(r"[\s_\-]+", "", stem.lower())


def find_header(rows: Iterator[list[str]], expected: Sequence[str], scan: int = 25) -> tuple[Columns | None, int]:
    """The header row, found by content: the first row holding most expected columns.

    Why by content: Connections.csv has a ``Notes:`` preamble of varying length that users sometimes delete;
    a fixed skip or a split at the first blank line both break. Without expected columns, the first
    non-empty row is the header. Returns the header and how many rows were consumed.
    """
    want = {header_key(e) for e in expected}
    consumed = 0
    for row in rows:
        consumed += 1
        if not any(cell.strip() for cell in row):
            continue
        if not want:
            return Columns(row), consumed
        have = {header_key(c) for c in row}
        if len(want & have) >= max(1, min(len(want), 2)):
            return Columns(row), consumed
        if consumed >= scan:
            break
    return None, consumed


def iter_csv(members: Sequence[Member], rule: Rule) -> Iterator[tuple[Member, Columns, int, list[str]]]:
    """(member, header, 1-based data row, row) for every data row of every part, streamed."""
    for member in members:
        with member.open() as raw:
            text, dialect = open_text(raw)
            rows = csv_rows(text, delimiter=dialect.delimiter)
            expected = rule.columns or rule.text or rule.time
            columns, _ = find_header(rows, expected)
            if columns is None:
                continue
            n = 0
            for row in rows:
                if not any(cell.strip() for cell in row):
                    continue
                n += 1
                yield member, columns, n, row


def _text_of(columns: Columns, row: Sequence[str], names: Sequence[str]) -> str | None:
    """The rule's text columns joined; aliases of one column (``Share Commentary``) count once."""
    seen: set[int] = set()
    parts: list[str] = []
    for n in names:
        i = columns.find(n)
        if i is None or i in seen or i >= len(row):
            continue
        seen.add(i)
        if v := nonempty(row[i]):
            parts.append(v)
    return " · ".join(parts) if parts else None


def read_csv(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per data row; text from the rule's ``text`` columns, time from its ``time`` columns."""
    for member, columns, n, row in iter_csv(members, rule):
        stamp = None
        for col in rule.time:
            stamp = dates.parse(columns.get(row, col), rule.time_format)
            if stamp:
                break
        yield Record(
            text=_text_of(columns, row, rule.text),
            timestamp=stamp,
            row=n,
            source=member.path,
            visibility=columns.get(row, "Visibility") if rule.visibility == "column" else None,
        )


def read_csv_all(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """For files whose columns are not documented: every non-empty cell joined, so nothing is lost."""
    for member, _columns, n, row in iter_csv(members, rule):
        cells = [c.strip() for c in row if c.strip()]
        yield Record(text=" · ".join(cells) or None, row=n, source=member.path)


#: Profile.csv fields that stay account data; the rule file gives their verdicts (variants).
def read_profile(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per non-empty field; the birth date and location also become facts for the overrides."""
    for member, columns, n, row in iter_csv(members, rule):
        for i, name in enumerate(columns.header):
            value = nonempty(row[i]) if i < len(row) else None
            if not name or value is None:
                continue
            variant = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            yield Record(text=value, variant=variant, row=n, source=member.path)
            if variant == "birth_date":
                yield Fact("birth_date", value, member.path)
            elif variant in ("geo_location", "country"):
                yield Fact("region", value, member.path)


class LinkedIn(Platform):
    def name_key(self, path: str) -> str:
        return name_key(path)

    def part_key(self, member: Member, rule: Rule) -> str:
        # Parts of one logical file (Jobs/Job Applications_1.csv, _2.csv) are read together.
        if rule.names:
            return name_key(member.path)
        return member.path

    def source_priority(self, source: Source) -> int:
        # A duplicated file in the Basic and the Complete zip: keep the Complete one (linkedin.md, 2).
        return 0 if source.name.lower().startswith("complete") else 1

    def export_date(self, sources: Sequence[Source]) -> date | None:
        found: list[date] = []
        for s in sources:
            m = _EXPORT_NAME.match(s.name)
            if m:
                try:
                    found.append(date(int(m[4]), int(m[2]), int(m[3])))
                except ValueError:
                    continue
        return max(found) if found else None


def _readers() -> dict[str, Reader]:
    from exportscope.platforms import linkedin_quirks as q

    return {
        "csv": read_csv,
        "csv_all": read_csv_all,
        "profile": read_profile,
        "shares": q.read_shares,
        "comments": q.read_comments,
        "rich_media": q.read_rich_media,
        "article": q.read_article,
        "messages": q.read_messages,
        "invitations": q.read_invitations,
        "connections": read_csv,
        "ad_targeting": q.read_ad_targeting,
    }


PLATFORMS = [
    LinkedIn(
        name="linkedin",
        label="LinkedIn",
        rules_file="linkedin",
        readers=_readers(),
        markers=(
            (r"(^|/)profile\.csv$", 1.0),
            (r"(^|/)connections\.csv$", 1.0),
            (r"(^|/)messages\.csv$", 0.6),
            (r"(^|/)positions\.csv$", 1.0),
            (r"(^|/)registration\.csv$", 1.0),
            (r"(^|/)(shares|comments|reactions)(_\d+)?\.csv$", 0.5),
            (r"(^|/)(endorsement_received_info|ad_targeting|ad targeting|invitations)\.csv$", 0.8),
            (r"(^|/)(basic|complete)_linkedindataexport", 2.0),
        ),
        threshold=1.0,
        top_folders=frozenset({"jobs", "articles", "verifications", "services marketplace"}),
        eras=(
            (r"(^|/)(shares|comments|reactions|votes)_\d+\.csv$", "2026"),
            (r"(^|/)rich_media\.csv$", "2024-25"),
            (r"(^|/)rich media\.csv$", "2024"),
            (r"(^|/)(ad targeting|phone numbers|search queries)\.csv$", "2018"),
            (r".", "2019-23"),
        ),
    )
]
