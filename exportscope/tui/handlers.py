"""What the app does when the findings arrive, when a finding is chosen, and when answers are applied.

Kept out of the app module (which holds the lifecycle and navigation): each function takes the app and
changes what it shows; the app's message handlers and methods only call them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from exportscope import i18n
from exportscope.query import Filter
from exportscope.tui.text import tr

if TYPE_CHECKING:
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.loader import FindingsFailed, FindingsReady
    from exportscope.types import Options


def findings_ready(app: ExportScopeApp, message: FindingsReady) -> bool:
    """Keep the findings and show them on every open screen; False when nothing is loaded to attach them to."""
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.findings import FindingsScreen

    if app.result is None:
        return False
    app.result.findings = message.findings
    app.result.finding_refs = message.refs
    app.result.summary = replace(app.result.summary, findings=message.findings)
    app.dashboard.show_findings(message.findings)
    for screen in app.screen_stack:
        if isinstance(screen, FindingsScreen):
            screen.show(message.findings)
        elif isinstance(screen, BrowserScreen):
            screen.show_flags()
    return True


def findings_failed(app: ExportScopeApp, message: FindingsFailed) -> None:
    """Remember why the findings are missing and say it on the findings screen if it is open."""
    from exportscope.tui.screens.findings import FindingsScreen

    app.findings_error = message.error
    for screen in app.screen_stack:
        if isinstance(screen, FindingsScreen):
            screen.show_error(message.error)


def show_finding(app: ExportScopeApp, type_: str, platform: str, value: str | None = None) -> None:
    """A finding (or one of its values) jumps to its item: the newest item carrying it is selected in the
    browser (opened, or brought back to the top); the browser's ``⚠`` marks the others."""
    from exportscope.tui.screens.browser import BrowserScreen

    if (result := app.require("what_browser")) is None:
        return
    ids = result.query.ids_at(result.finding_refs.of(type_, platform, value))
    if not ids:
        app.notify(i18n.t("finding_words.no_item", app.lang), markup=False)
        return
    browser = next((s for s in reversed(app.screen_stack) if isinstance(s, BrowserScreen)), None)
    if browser is None or browser.result is not result:
        app.push_screen(BrowserScreen(result, Filter(), app.lang, select=ids[0]))
        return
    while app.screen is not browser:
        app.pop_screen()
    browser.select_item(ids[0])


async def apply_answers(app: ExportScopeApp, options: Options) -> None:
    """Re-classify with the person's answers (no re-reading) and show the new totals everywhere."""
    from exportscope.actions.answers import flags, reclassify
    from exportscope.query import ItemQuery
    from exportscope.summary import build
    from exportscope.tui.loader import LoadResult

    if app.result is None:
        return
    old = app.result
    analysis = reclassify(old.analysis, options)
    summary = build(analysis, old.findings, done=old.todo_done)
    app.options = options
    query = ItemQuery(analysis.items, search=False)
    query.prepare_search(like=old.query)  # same texts in the same order: the folded text is reused, not redone
    app.result = LoadResult(analysis, summary, query, old.findings, set(old.todo_done), old.finding_refs)
    await app.dashboard.show_result(app.result)
    used = " ".join(flags(options))
    msg = tr("act.applied", app.lang, flags=used) if used else tr("act.applied_none", app.lang)
    app.notify(msg, markup=False)
