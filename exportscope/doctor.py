"""``exportscope doctor``: a drift report to attach to a bug report, with names only, never values.

What it shows: which platform and layout era each input was taken for, how many files were read, ignored,
not recognised or failed, and which known files changed shape (columns or keys missing or new). What it
never shows: any value from the archive. Paths are kept (they are what a maintainer needs) except the parts
that carry people's names, as each platform family knows them (message-thread folders of every era,
export-zip user names, chat titles in every language: :mod:`exportscope.platforms.people`).
"""

from __future__ import annotations

import platform as pyplatform
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from exportscope.model import FileStatus
from exportscope.platforms.people import mask_path
from exportscope.termsafe import safe, safe_lines
from exportscope.version import __version__

if TYPE_CHECKING:
    from exportscope.types import Analysis


def anonymise_path(path: str) -> str:
    """Replace the path parts that name people with placeholders; keep the structure. The list of what
    names people is each platform family's, shared with ``--redact`` (:func:`exportscope.platforms.people.
    mask_path`): thread folders of every era, export-zip user names, chat titles of every language."""
    return mask_path(path, "<thread>", "<name>")


def _columns_shown(changes: list[str]) -> list[str]:
    """Drift without values: missing expected columns by name; new ones by name only when they look like
    column names. A header row that is really data (many expected columns missing) shows a count only."""
    missing = [c for c in changes if c.startswith("-")]
    new = [c for c in changes if c.startswith("+")]
    plausible = [c for c in new if len(c) <= 41 and not re.search(r"[\d@/]", c)]
    if len(missing) >= 3 and len(new) >= 3:
        plausible = []
    hidden = len(new) - len(plausible)
    return missing + plausible + ([f"+{hidden} other column(s), names not shown"] if hidden else [])


def _path_masker(analysis: Analysis) -> Callable[[str], str]:
    """The redactor's path masking with doctor's placeholders: the per-family lists, then the names of the
    people the export knows wherever a path holds one (a stray "notes about Ana Example.txt")."""
    from exportscope.platforms.people import people_of
    from exportscope.redact import Redactor

    redactor = Redactor(people=people_of(analysis))
    return lambda path: redactor.path(path, ("<thread>", "<name>"))


def build(analysis: Analysis) -> dict[str, Any]:
    anonymise = _path_masker(analysis)
    exports = [
        {
            "platform": e.platform.name,
            "era": e.era,
            "parts": len(e.sources),
            "export_date": e.export_date.isoformat() if e.export_date else None,
        }
        for e in analysis.exports
    ]
    counts = {s.value: 0 for s in FileStatus}
    for entry in analysis.ledger:
        counts[entry.status.value] += 1
    return {
        "exportscope": __version__,
        "python": pyplatform.python_version(),
        "exports": exports,
        "files": counts,
        "drift": [
            {"platform": e.platform, "path": anonymise(e.path), "rule": e.rule, "columns": _columns_shown(e.drift)}
            for e in analysis.ledger
            if e.drift
        ],
        "unrecognized": sorted({anonymise(e.path) for e in analysis.ledger if e.status is FileStatus.UNRECOGNIZED}),
        "failed": [
            # Only the failure's code (``size``, ``encrypted``, ``not_json``...): a reason's text or a library's
            # detail can quote the data that broke the parser.
            {"path": anonymise(e.path), "rule": e.rule, "error": e.reason_code or "failed"}
            for e in analysis.ledger
            if e.status is FileStatus.FAILED
        ],
    }


def render(report: dict[str, Any]) -> str:
    lines = [f"exportscope {report['exportscope']} · Python {report['python']}"]
    for e in report["exports"]:
        lines.append(
            f"export: {e['platform']} · era {e['era'] or 'unknown'} · {e['parts']} part(s) · "
            f"dated {e['export_date'] or 'unknown'}"
        )
    f = report["files"]
    lines.append(
        f"files: {f['parsed']} read, {f['ignored']} known without items, {f['unrecognized']} not recognized, "
        f"{f['failed']} failed"
    )
    if report["drift"]:
        lines.append("format drift (known files whose columns or keys changed):")
        lines += [f"  {safe(d['path'])} [{d['rule']}]: {safe(' '.join(d['columns']))}" for d in report["drift"]]
    else:
        lines.append("format drift: none")
    if report["unrecognized"]:
        lines.append("not recognized:")
        lines += [f"  {safe(p)}" for p in report["unrecognized"]]
    if report["failed"]:
        lines.append("failed:")
        lines += [f"  {safe(d['path'])} [{d['rule']}]: {safe(d['error'])}" for d in report["failed"]]
    lines.append("This report holds file and column names only, no values from your archive.")
    # Names went through safe() one by one (a newline in a name cannot start a line); the rest is ours.
    return safe_lines("\n".join(lines))
