"""What a run did with each input part: :class:`ExportRole` and :class:`ExportEntry`.

Why a module of its own: these are the values the analysis, the summary and the comparison read
(``Analysis.export_entries``), apart from the grouping that decides them (:mod:`.grouping`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from exportscope.identity.account import AccountIdentity


class ExportRole(enum.StrEnum):
    """What a run did with one input (one part of one export)."""

    ANALYSED = "analysed"  # the export read and counted (the newest of its account); its first part
    PART = "part"  # a further part of an analysed export (LinkedIn Basic beside Complete, Meta part 2)
    COPY = "copy"  # the same export given twice (a zip and its unzipped folder, a Mac re-zip): counted once
    OLDER = "older"  # an older export of the same account: listed with its date, not counted


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One input part as the run classified it; ``Analysis.export_entries`` lists every one, in a stable
    order: each analysed export (in ``Analysis.exports`` order) with its parts and copies, followed by the
    older exports of the same account, newest first, each with its parts and copies.

    ``export``: which export the part belongs to. Parts with the same number are one export. For counted
    exports it is the index in ``Analysis.exports``; older exports get numbers after those.
    ``current``: the index in ``Analysis.exports`` of the analysed export of the same account (for an
    analysed part, its own ``export``): the one an older export would be compared with.
    ``path``: the input as a path a person can give again (a zip, a folder, a chat; an export found inside a
    folder input has its own path below it), so a comparison can read an older export on its own.
    """

    platform: str
    role: ExportRole
    path: str
    name: str
    export_date: date | None
    account: AccountIdentity
    export: int
    current: int

    @property
    def counted(self) -> bool:
        """True when its items are in the analysis (analysed and part); copies and older exports are not."""
        return self.role in (ExportRole.ANALYSED, ExportRole.PART)
