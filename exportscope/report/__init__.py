"""Output writers behind one registry: reports (html, md/markdown, json) and item tables.

:func:`write_report` is what the CLI's ``report`` command and the terminal UI call. The format comes from
``fmt`` or the output's suffix, which must agree (:func:`exportscope.formats.choose`, the one registry of
output formats; :data:`REPORT_FORMATS` maps each to its renderer); the content is built once by
:mod:`exportscope.report.content` (findings, examples, per-year counts, localised opt-out steps, redaction)
and each format only renders it. Files are written atomically (temporary file, then rename), so a report is
never half-written. Item tables (``exportscope items``) are in :mod:`exportscope.report.items`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exportscope import formats
from exportscope.errors import FormatError
from exportscope.fsutil import open_output
from exportscope.termsafe import json_safe

if TYPE_CHECKING:
    from exportscope.report.view import Report
    from exportscope.types import Analysis

#: Format name (:data:`exportscope.formats.FORMATS`, family ``report``) -> module with ``render(Report) -> bytes``.
REPORT_FORMATS: dict[str, str] = {
    "html": "exportscope.report.html",
    "md": "exportscope.report.markdown",
    "json": "exportscope.report.jsondoc",
}
#: Other names accepted for a format (from the registry).
ALIASES: dict[str, str] = {alias: f.name for f in formats.family("report") for alias in f.aliases}

__all__ = ["ALIASES", "REPORT_FORMATS", "FormatError", "render_report", "report_format_for", "write_report"]


def report_format_for(path: Path | str, explicit: str | None = None) -> str:
    """The canonical format name for an output (:func:`exportscope.formats.choose`); FormatError otherwise."""
    return formats.choose("report", path, explicit).name


def renderer(fmt: str) -> Callable[[Report], bytes]:
    module = importlib.import_module(REPORT_FORMATS[report_format_for("", fmt)])
    render: Callable[[Report], bytes] = module.render
    return render


def render_report(
    analysis: Analysis,
    fmt: str,
    lang: str = "en",
    redact: bool = False,
    findings: list[dict[str, Any]] | None = None,
    keep_owner: bool = False,
    done: Iterable[str] = (),
) -> bytes:
    """The report's bytes; ``findings`` default to :func:`exportscope.findings.find` on the analysis."""
    from exportscope.findings import find
    from exportscope.report import content

    render = renderer(fmt)
    found = find(analysis) if findings is None else findings
    return render(content.build(analysis, found, lang=lang, redact=redact, keep_owner=keep_owner, done=done))


def write_report(
    analysis: Analysis,
    path: Path | str,
    fmt: str | None = None,
    lang: str = "en",
    redact: bool = False,
    findings: list[dict[str, Any]] | None = None,
    keep_owner: bool = False,
    done: Iterable[str] = (),
) -> Path:
    """Write the report for ``analysis`` to ``path`` atomically (``-``: standard output); returns the path."""
    path = Path(path)
    kind = report_format_for(path, fmt)
    data = render_report(analysis, kind, lang=lang, redact=redact, findings=findings, keep_owner=keep_owner, done=done)
    if kind == "json":
        data = json_safe(data)
    with open_output(path) as fh:  # ``-``: standard output
        fh.write(data)
    return path
