"""The Python API: the five calls a script needs, each the library half of a command.

Why a module of its own: the commands (:mod:`exportscope.commands`) and a script call the same functions, so
a script gets what the CLI gets, checks included. The README's "Use it from Python" shows them at work (and
a test runs that example).

- :func:`analyze` reads archives (zips, folders, WhatsApp chats) into an :class:`~exportscope.types.Analysis`:
  the classified items (a polars frame), the per-file ledger and the per-platform context;
- :func:`summarize` is ``exportscope summary --json`` as a value;
- :func:`find` is the exposure findings (personal data in public text, GPS and camera data in media);
- :func:`write_report` and :func:`write_items` are ``exportscope report`` and ``exportscope items``, with the
  same checks: the format follows the name (or ``fmt``, and the two must agree), an input is never written
  over, nothing is written inside an input folder, the file is replaced atomically.

Errors a person can fix are :class:`~exportscope.errors.ExportscopeError`: :class:`InputError` (an archive
that cannot be used), :class:`OptionsError` (an option the library cannot use), :class:`OutputError` (an
output that cannot or must not be written; :class:`FormatError` for a name whose format cannot be told).
Anything else is a bug in exportscope.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exportscope.errors import ExportscopeError, FormatError, InputError, OptionsError, OutputError

if TYPE_CHECKING:
    from exportscope.summary_model import Summary
    from exportscope.types import Analysis, Options

__all__ = [
    "ExportscopeError",
    "FormatError",
    "InputError",
    "OptionsError",
    "OutputError",
    "analyze",
    "find",
    "summarize",
    "write_items",
    "write_report",
]


def analyze(paths: Sequence[Path | str] | Path | str, options: Options | None = None) -> Analysis:
    """Read, detect, parse and classify the inputs (one path or several); the result of every command.

    ``options`` (:class:`~exportscope.types.Options`) are what the export cannot say: your region, the
    date to judge the policies at, the platforms you opted out of, Facebook's past-post audience. Raises
    :class:`InputError` when no input can be used; a file that fails is listed in the result, never fatal.
    """
    from exportscope.pipeline import analyze as run

    inputs = [paths] if isinstance(paths, str | Path) else list(paths)
    return run(inputs, options)


def find(analysis: Analysis, *, media: bool = True) -> list[dict[str, Any]]:
    """The exposure findings, as ``summary --json`` lists them (``type``, ``platform``, ``count``,
    ``distinct``, ``examples``); ``media=False`` skips re-reading the archive's images (text only)."""
    from exportscope.findings import find as run

    return run(analysis, media=media)


def summarize(analysis: Analysis, *, findings: bool | list[dict[str, Any]] = True, done: Iterable[str] = ()) -> Summary:
    """The summary of an analysis, as typed values (:mod:`exportscope.summary_model`): per platform the
    totals per verdict, the kinds, the policy, the files; ``.to_json()`` is the ``exportscope.summary/1``
    document ``summary --json`` prints (``schemas/summary.schema.json``).

    ``findings``: True to look for them (as ``summary --json``; in a thread of their own while the counts are
    made), False for none (``--no-findings``), or the list :func:`find` returned. ``done``: the to-do actions
    already done (their ids), shown ticked.
    """
    from exportscope import summary

    if findings is not True:
        return summary.build(analysis, findings or None, done=done)
    # Looked for in a thread while the summary's counts are made: both are mostly polars passes, which let
    # go of the interpreter, so they take about the longer of the two (issue 19).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="exportscope-find") as pool:
        try:
            looking = pool.submit(find, analysis)
        except RuntimeError:  # no thread can be started here: one after the other
            return summary.build(analysis, find(analysis), done=done)
        return summary.build(analysis, looking.result, done=done)


def write_report(
    analysis: Analysis,
    path: Path | str,
    fmt: str | None = None,
    *,
    lang: str = "en",
    redact: bool = False,
    keep_owner: bool = False,
    findings: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the report (HTML, Markdown or JSON, by the name's suffix or ``fmt``); returns where.

    ``-`` writes to standard output. ``redact`` masks people and personal data so the report can be shared
    (``keep_owner`` keeps your own name). ``findings`` saves looking for them again when you have them.
    """
    from exportscope import commands
    from exportscope.formats import choose
    from exportscope.outpath import check_output
    from exportscope.report import write_report as write

    out = Path(path)
    kind = choose("report", out, fmt).name
    language = commands.check_lang(lang)
    commands.check_keep_owner(redact, keep_owner)
    check_output(out, analysis.inputs)
    return commands.writing(
        out,
        lambda: write(analysis, out, kind, lang=language, redact=redact, findings=findings, keep_owner=keep_owner),
    )


def write_items(
    analysis: Analysis,
    path: Path | str,
    fmt: str | None = None,
    *,
    redact: bool = False,
    keep_owner: bool = False,
) -> int:
    """Write every classified item, one row each (CSV, JSON lines or Parquet, by suffix or ``fmt``); returns
    how many rows were written. ``redact`` masks the text, source and note as ``items --redact`` does."""
    from exportscope import commands
    from exportscope.formats import choose
    from exportscope.outpath import check_output
    from exportscope.report.items import write_items as write

    out = Path(path)
    kind = choose("items", out, fmt).name
    commands.check_keep_owner(redact, keep_owner)
    check_output(out, analysis.inputs)
    redactor = None
    if redact:
        from exportscope.redact import Redactor

        # The findings name people too (tagged in photos) and cameras: the same masking as a report's.
        redactor = Redactor.from_analysis(analysis, findings=find(analysis), keep_owner=keep_owner)
    return commands.writing(out, lambda: write(analysis.items, out, kind, redactor=redactor))
