"""Which inputs of one run are two exports of one account, for the terminal UI's comparison.

A person may open their Downloads folder holding this month's export and last year's. When the run holds two
exports of one platform family, made at different dates, that :func:`exportscope.identity.same_account` says
are one account, the UI offers to compare them (``exportscope diff``); this finds the pair, newest last. Parts
of one export (LinkedIn's Basic and Complete, Meta's numbered zips) stay together on their side.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exportscope.identity import ExportEntry
    from exportscope.types import Analysis


def comparable_exports(analysis: Analysis) -> tuple[str, list[Path], list[Path]] | None:
    """(platform family, older export's paths, newer export's paths), or None when there is no such pair."""
    from exportscope.identity import ExportRole, same_account

    exports: dict[tuple[str, int], list[ExportEntry]] = {}
    for entry in analysis.export_entries:
        if entry.role is not ExportRole.COPY:
            exports.setdefault((entry.platform, entry.export), []).append(entry)
    by_family: dict[str, list[list[ExportEntry]]] = {}
    for (family, _), parts in exports.items():
        by_family.setdefault(family, []).append(parts)
    for family, groups in by_family.items():
        dated = sorted((g for g in groups if g[0].export_date is not None), key=lambda g: g[0].export_date or date.min)
        for older, newer in itertools.pairwise(dated):
            if older[0].export_date != newer[0].export_date and same_account(older[0].account, newer[0].account):
                return family, [Path(e.path) for e in older], [Path(e.path) for e in newer]
    return None
