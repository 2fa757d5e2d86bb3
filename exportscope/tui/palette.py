"""The command palette and the screenshot command of ``exportscope inspect``.

Kept out of the app module so the app holds the lifecycle and navigation only. The palette offers a few
of Textual's own commands (in the app's language) and ours: every screen, each verdict's items, and a
screenshot written where the exports go (Textual's own tried the working folder and failed there).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from exportscope.query import Filter
from exportscope.termsafe import safe
from exportscope.tui.text import key_text, tr

if TYPE_CHECKING:
    from exportscope.tui.app import ExportScopeApp

#: Textual's own palette commands we keep, by their English title, with the catalogue key of their words.
#: Its "Keys" (a widget help panel) is left out: our help (``?``) lists every key of every screen; its
#: "Screenshot" is replaced by ours, which writes where the exports go and says where.
TEXTUAL_COMMANDS: dict[str, str] = {
    "Theme": "cmd_theme",
    "Quit": "cmd_quit",
    "Maximize": "cmd_maximize",
    "Minimize": "cmd_minimize",
}

#: The verdicts the palette offers to show, most exposed first.
VERDICTS = ("training", "conditional", "excluded", "not_used")


def commands(app: ExportScopeApp, textual: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """The palette's commands: the kept ones of Textual's (``textual``), then ours, all in the app's language."""
    lang = app.lang
    for command in textual:
        if (key := TEXTUAL_COMMANDS.get(command.title)) is not None:
            yield SystemCommand(tr(key, lang), tr(f"{key}_help", lang), command.callback, command.discover)
    yield SystemCommand(tr("cmd_screenshot", lang), tr("cmd_screenshot_help", lang), app.action_save_screenshot)
    yield SystemCommand(tr("cmd_browse", lang), tr("cmd_browse_help", lang), app.action_browse)
    yield SystemCommand(tr("cmd_search", lang), tr("cmd_search_help", lang), app.action_search)
    yield SystemCommand(key_text("Opt out", lang), tr("cmd_optout_help", lang), app.action_opt_out)
    yield SystemCommand(key_text("Findings", lang), tr("cmd_findings_help", lang), app.action_findings)
    yield SystemCommand(key_text("Export", lang), tr("cmd_export_help", lang), app.action_export)
    yield SystemCommand(tr("keys_title", lang), tr("cmd_keys_help", lang), app.action_help)
    yield SystemCommand(key_text("Answers", lang), tr("cmd_answers_help", lang), app.action_answers)
    yield SystemCommand(key_text("Worklist", lang), tr("cmd_worklist_help", lang), app.action_worklist)
    yield SystemCommand(key_text("Timeline", lang), tr("timeline.cmd_help", lang), app.action_timeline)
    if app.comparable is not None:
        yield SystemCommand(tr("cmd_compare", lang), tr("cmd_compare_help", lang), app.action_compare)
    for verdict in VERDICTS:
        label = tr(f"verdict_{verdict}", lang)
        yield SystemCommand(
            tr("cmd_show", lang, verdict=label),
            tr("cmd_show_help", lang, verdict=label),
            lambda v=verdict: browse_verdict(app, v),
        )


def browse_verdict(app: ExportScopeApp, verdict: str) -> None:
    """Show one verdict's items: in the open browser, or in a new one."""
    from exportscope.tui.screens.browser import BrowserScreen

    if app.require("what_browser") is None:
        return
    if isinstance(app.screen, BrowserScreen):
        app.screen.set_filter(Filter(verdict=verdict))
    else:
        app.action_browse(Filter(verdict=verdict))


def screenshot_path(app: ExportScopeApp) -> Path:
    """A new ``exportscope-screenshot-N.svg`` where the exports go (never over an existing file)."""
    from exportscope.outpath import default_directory

    folder = app.export_dir or default_directory(app.paths)
    path, number = folder / "exportscope-screenshot.svg", 1
    while path.exists():
        number += 1
        path = folder / f"exportscope-screenshot-{number}.svg"
    return path


def save_screenshot(app: ExportScopeApp) -> None:
    """Save the screen as SVG, owner-only (it shows personal data), and say where or why not."""
    from exportscope.fsutil import atomic_write

    path = screenshot_path(app)
    try:
        svg = app.export_screenshot()
        with atomic_write(path) as fh:
            fh.write(svg.encode("utf-8"))
    except OSError as exc:
        app.notify(exc.strerror or str(exc), title=tr("screenshot_failed", app.lang), markup=False)
        return
    app.notify(safe(str(path)), title=tr("screenshot_saved", app.lang), markup=False)
