"""LinkedIn "Get a copy of your data" archives, every era from 2018 to 2026 (shared/reference/linkedin.md).

The path table lives in ``schemas/linkedin.toml`` (file name keys -> rule); this module recognises the
archive (markers, era, export date, Basic/Complete preference, name keys and parts) and names the readers:
the generic CSV layer is :mod:`~exportscope.platforms.linkedin.csvread`; files with known quirks are read by
:mod:`~exportscope.platforms.linkedin.quirks`, :mod:`~exportscope.platforms.linkedin.messages` and
:mod:`~exportscope.platforms.linkedin.articles`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import PurePosixPath

from exportscope.archive import Member, Source
from exportscope.identity import AccountIdentity
from exportscope.platforms.base import LazyReaders, Platform, Reader
from exportscope.platforms.linkedin.csvread import find_header, iter_csv, read_csv, read_csv_all, read_profile
from exportscope.rules import Rule

__all__ = ["PLATFORMS", "LinkedIn", "find_header", "iter_csv", "name_key", "read_csv", "read_csv_all", "read_profile"]

_EXPORT_NAME = re.compile(r"^(Basic|Complete)_LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.I)
_PART_SUFFIX = re.compile(r"[-_]\d+$")
#: A Basic and a Complete export at most this many days apart are parts of one request.
PART_DAYS = 7


def name_key(path: str) -> str:
    """linkedin.md's name key: drop a trailing ``[-_]<digits>`` and the suffix, lower-case, no separators."""
    stem = PurePosixPath(path).name
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    stem = _PART_SUFFIX.sub("", stem)
    return re.sub(r"[\s_\-]+", "", stem.lower())


def _export_day(name: str) -> date | None:
    """The export date in ``Complete_LinkedInDataExport_03-09-2026 (1).zip`` (month first), if any."""
    m = _EXPORT_NAME.match(name)
    if not m:
        return None
    try:
        return date(int(m[4]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class LinkedIn(Platform):
    def name_key(self, path: str) -> str:
        # Name keys are for CSV files only: notes.txt is not Notes.csv (other files match by path rules).
        return name_key(path) if path.lower().endswith(".csv") else ""

    def part_key(self, member: Member, rule: Rule) -> str:
        # Parts of one logical file (Jobs/Job Applications_1.csv, _2.csv) are read together.
        if rule.names:
            return name_key(member.path)
        return member.path

    def source_priority(self, source: Source) -> int:
        """Which part's copy of a duplicated file is kept (lower first): the newest export date, then the
        Complete zip before the Basic one (linkedin.md, 2); names without a date come last.

        The usual pair (Basic on day N, Complete on day N+1) keeps the Complete copy either way; an older
        export handed in alongside never overrides the newer one's profile files.
        """
        complete = 0 if source.name.lower().startswith("complete") else 1
        day = _export_day(source.name)
        return complete if day is None else complete - 2 * day.toordinal()

    def same_export(self, a: Source, b: Source) -> bool:
        """A Basic and a Complete zip of one request: LinkedIn sends the Basic one first and the Complete one
        about a day later (linkedin.md, section 1); a few days apart at most. Two exports of one kind, or
        weeks apart, are two exports (the older one is listed, not merged)."""
        kinds = {s.name.lower().split("_", 1)[0] for s in (a, b)}
        day_a, day_b = _export_day(a.name), _export_day(b.name)
        if kinds != {"basic", "complete"} or day_a is None or day_b is None:
            return False
        return abs((day_a - day_b).days) <= PART_DAYS

    def account(self, source: Source) -> AccountIdentity:
        from exportscope.platforms.linkedin.account import linkedin_account

        return linkedin_account(source)

    def export_date(self, sources: Sequence[Source]) -> date | None:
        found = [d for s in sources if (d := _export_day(s.name)) is not None]
        return max(found) if found else None


def _readers() -> dict[str, Reader]:
    from exportscope.platforms.linkedin import quirks as q
    from exportscope.platforms.linkedin.articles import read_article
    from exportscope.platforms.linkedin.messages import read_messages

    return {
        "csv": read_csv,
        "csv_all": read_csv_all,
        "profile": read_profile,
        "shares": q.read_shares,
        "comments": q.read_comments,
        "rich_media": q.read_rich_media,
        "article": read_article,
        "messages": read_messages,
        "invitations": q.read_invitations,
        "connections": read_csv,
        "ad_targeting": q.read_ad_targeting,
    }


PLATFORMS = [
    LinkedIn(
        name="linkedin",
        label="LinkedIn",
        rules_file="linkedin",
        readers=LazyReaders(_readers),
    )
]
