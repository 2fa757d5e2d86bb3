"""Which screen a key opens, and with what: the app's ``action_*`` methods for screens call these.

Kept out of the app module (which holds the lifecycle: loading, the loader's messages, quitting). Every
screen but the dashboard needs the loaded result: :func:`open_once` says why a screen cannot open yet
(still reading, or nothing read), and never stacks a second copy of the screen on top of itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.screen import Screen

from exportscope.explain import OptOut, localize_opt_out, opt_out
from exportscope.query import Filter
from exportscope.tui.text import key_text, tr

if TYPE_CHECKING:
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.loader import LoadResult


def open_once(
    app: ExportScopeApp, what: str, kind: type[Screen[Any]], make: Callable[[LoadResult], Screen[Any]]
) -> None:
    """Push ``make(result)`` unless ``kind`` is already on top; ``what`` (a ``tui.*`` key) names it when the
    result is not there yet."""
    if (result := app.require(what)) is None or isinstance(app.screen, kind):
        return
    app.push_screen(make(result))


def focused_platform(app: ExportScopeApp) -> str | None:
    """The platform of the focused card (the dashboard's ``b`` and ``o`` act on it), if any."""
    return getattr(app.focused, "platform", None)


def browse(app: ExportScopeApp, start: Filter | None = None) -> None:
    from exportscope.tui.screens.browser import BrowserScreen

    if start is None and (platform := focused_platform(app)):
        start = Filter(platform=platform)
    open_once(app, "what_browser", BrowserScreen, lambda result: BrowserScreen(result, start, app.lang))


def search(app: ExportScopeApp) -> None:
    """The browser with the search box focused (opened on all items when it is not open)."""
    from exportscope.tui.screens.browser import BrowserScreen

    if app.require("what_search") is None:
        return
    if not isinstance(app.screen, BrowserScreen):
        browse(app, Filter())

    def focus_search() -> None:
        if isinstance(app.screen, BrowserScreen):
            app.screen.action_search()

    app.call_after_refresh(focus_search)


def optouts(app: ExportScopeApp) -> list[OptOut]:
    """Per platform, how to opt out, in the app's language."""
    assert app.result is not None
    contexts = app.result.analysis.contexts.values()
    return [
        localize_opt_out(opt_out(doc.platform, doc.label, ctx.policy, ctx.region), app.lang)
        for doc, ctx in zip(app.result.summary.platforms, contexts, strict=True)
    ]


def opt_out_screen(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.optout import OptOutScreen

    open_once(app, "what_optout", OptOutScreen, lambda _: OptOutScreen(optouts(app), focused_platform(app), app.lang))


def findings(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.findings import FindingsScreen

    open_once(
        app,
        "what_findings",
        FindingsScreen,
        lambda result: FindingsScreen(result.findings, result.summary.labels(), app.lang, app.findings_error),
    )


def export(app: ExportScopeApp) -> None:
    """The export dialog; from the browser it also offers to write only the items the table shows."""
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.export import ExportDialog, Shown

    def make(result: LoadResult) -> ExportDialog:
        shown = None
        if isinstance(app.screen, BrowserScreen) and app.screen.result is result:
            browser = app.screen
            shown = Shown(browser.filter, browser.order, browser.describe(browser.filter))
        return ExportDialog(result, app.export_dir, app.lang, shown=shown)

    open_once(app, "what_export", ExportDialog, make)


def timeline(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.timeline import TimelineScreen

    open_once(app, "timeline.what", TimelineScreen, lambda result: TimelineScreen(result, app.lang))


def answers(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.answers import AnswersScreen

    open_once(app, "what_answers", AnswersScreen, lambda result: AnswersScreen(result.analysis, app.options, app.lang))


def worklist(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.worklist import WorklistScreen

    open_once(app, "what_worklist", WorklistScreen, lambda result: WorklistScreen(result, app.export_dir, app.lang))


def help_sections(app: ExportScopeApp) -> list[tuple[str, Iterable[BindingType]]]:
    """The help's sections: every screen's keys, read from the bindings themselves (never a second list)."""
    from exportscope.tui.screens.answers import AnswersScreen
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.compare import ComparisonScreen
    from exportscope.tui.screens.dashboard import DashboardScreen
    from exportscope.tui.screens.export import ExportDialog
    from exportscope.tui.screens.findings import FindingsScreen
    from exportscope.tui.screens.optout import OptOutPanel
    from exportscope.tui.screens.timeline import TimelineScreen
    from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen

    lang = app.lang
    table_keys = [
        Binding("up,down", "", "Move in the list"),
        Binding("pageup,pagedown", "", "Page through the list"),
        Binding("home,end", "", "First / last item"),
        Binding("enter", "", "Read the item in the detail pane"),
        Binding("click", "", "Click a header"),
    ]
    worklist_export_keys = [
        Binding("enter", "", "Write the file (its suffix picks the format)"),
        *WorklistExport.BINDINGS,
    ]
    return [
        (tr("help_everywhere", lang), app.BINDINGS),
        (tr("help_dashboard", lang), DashboardScreen.BINDINGS),
        (tr("help_browser", lang), [*BrowserScreen.BINDINGS, *table_keys]),
        (tr("opt_out", lang), OptOutPanel.BINDINGS),
        (tr("findings", lang), FindingsScreen.BINDINGS),
        (tr("export_title", lang), ExportDialog.BINDINGS),
        (tr("act.worklist_title", lang), WorklistScreen.BINDINGS),
        (tr("act.worklist_export_title", lang), worklist_export_keys),
        (key_text("Answers", lang), AnswersScreen.BINDINGS),
        (tr("timeline.title", lang), TimelineScreen.BINDINGS),
        (tr("timeline.compare_title", lang), ComparisonScreen.BINDINGS),
    ]


def help_screen(app: ExportScopeApp) -> None:
    from exportscope.tui.screens.help import HelpScreen

    if not isinstance(app.screen, HelpScreen):
        app.push_screen(HelpScreen(help_sections(app), app.lang))
