"""``exportscope inspect``: the Textual app. It shows, never computes: every number comes from the library.

The window paints at once with the dashboard and a progress bar; a :class:`~exportscope.tui.loader.Loader`
reads the archive on a daemon thread and posts messages; once loaded, the dashboard fills in and the other
screens (browser, opt out, findings, export) open instantly. ``q`` and ``ctrl+c`` quit at any moment,
loading or not.

The app speaks one language (``lang``, ``en`` or ``fr``), given by ``exportscope inspect --lang`` or the
locale; every screen takes it from the app and reads its words from the message catalogue.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from exportscope import i18n
from exportscope.explain import OptOut, localize_opt_out, opt_out
from exportscope.query import Filter
from exportscope.stops import deferred
from exportscope.termsafe import safe
from exportscope.tui.loader import (
    AnalyzeFn,
    FindingsFailed,
    FindingsReady,
    LoadCancelled,
    Loaded,
    Loader,
    LoadFailed,
    LoadPartial,
    LoadProgress,
    LoadResult,
    LoadStage,
)
from exportscope.tui.opener import Opener, browser_opener
from exportscope.tui.screens.dashboard import DashboardScreen
from exportscope.tui.text import key_text, localize_bindings, tr
from exportscope.types import Options


class ExportScopeApp(App[None]):
    TITLE = "exportscope"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        paths: Sequence[Path],
        options: Options | None = None,
        *,
        analyze_fn: AnalyzeFn | None = None,
        export_dir: Path | None = None,
        lang: str = i18n.DEFAULT_LANG,
        opener: Opener | None = None,
    ) -> None:
        super().__init__()
        #: How an item's link is opened (replaceable: tests, or a terminal where no browser may start).
        self.opener: Opener = opener or browser_opener
        self.lang = i18n.normalize_lang(lang)
        localize_bindings(self._bindings, self.lang)
        self.paths = [Path(p) for p in paths]
        self.options = options or Options()
        self.result: LoadResult | None = None
        self.error: str | None = None
        self.findings_error: str | None = None
        self.comparable: tuple[str, list[Path], list[Path]] | None = None  # two exports of one account
        self.export_dir = export_dir
        kwargs: dict[str, Any] = {"analyze_fn": analyze_fn} if analyze_fn else {}
        self.loader = Loader(self, self.paths, self.options, **kwargs)
        self.started = time.perf_counter()
        self.first_paint: float | None = None  # seconds from construction (for the benchmark)
        self.loaded_at: float | None = None
        self.findings_at: float | None = None  # seconds from construction to the findings shown
        names = ", ".join(safe(p.name) for p in self.paths)
        self.sub_title = tr("subtitle", self.lang, inputs=names, date=i18n.fmt_date(self.options.as_of, self.lang))
        self.dashboard = DashboardScreen([safe(p.name) for p in self.paths], self.lang)

    # --- lifecycle ------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return self.dashboard

    def on_mount(self) -> None:
        # Start reading once the window has painted: the person sees the app at once, and progress never
        # arrives before the dashboard's widgets exist.
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.first_paint = time.perf_counter() - self.started
        self.loader.start()

    @property
    def loading(self) -> bool:
        return self.result is None and self.error is None

    def on_load_progress(self, message: LoadProgress) -> None:
        progress = self.loader.take_progress()
        if progress is not None and self.loading:
            self.dashboard.show_progress(progress.done, progress.total, progress.current)

    async def on_load_partial(self, message: LoadPartial) -> None:
        if self.loading:
            await self.dashboard.show_result(message.result, partial=True)

    def on_load_stage(self, message: LoadStage) -> None:
        self.dashboard.show_stage(message.key)

    async def on_loaded(self, message: Loaded) -> None:
        self.result = message.result
        await self.dashboard.show_result(message.result)
        self.call_after_refresh(self._done_painting)
        self._offer_comparison()

    def _offer_comparison(self) -> None:
        """Two exports of one account among the inputs: say that the palette compares them (issue 17)."""
        from exportscope.actions.pairs import comparable_exports

        if self.result is not None and (pair := comparable_exports(self.result.analysis)) is not None:
            self.comparable = pair
            self.notify(tr("compare_offer", self.lang), markup=False, timeout=8)

    def action_compare(self) -> None:
        if self.require("what_compare") is None:
            return
        if self.comparable is None:
            self.notify(tr("compare_none", self.lang), markup=False)
            return
        self.notify(tr("compare_running", self.lang), markup=False)
        self.run_worker(self._compare, thread=True, exclusive=True, group="compare")

    def _compare(self) -> None:
        from exportscope.actions.diff import compare
        from exportscope.actions.diff_render import render_text
        from exportscope.archive import InputError
        from exportscope.tui.screens.compare import ComparisonScreen

        assert self.comparable is not None
        _, old, new = self.comparable
        try:
            text = render_text(compare(old, new, self.options), self.lang)
        except InputError as exc:  # two accounts after all, or an unreadable export
            self.call_from_thread(self.notify, str(exc), title=tr("compare_failed", self.lang), markup=False)
            return
        self.call_from_thread(self.push_screen, ComparisonScreen(text, self.lang))

    def _done_painting(self) -> None:
        self.loaded_at = time.perf_counter() - self.started

    def on_load_failed(self, message: LoadFailed) -> None:
        self.error = message.error
        self.dashboard.show_error(message.error)

    def on_load_cancelled(self, message: LoadCancelled) -> None:
        self.error = "cancelled"

    def on_findings_ready(self, message: FindingsReady) -> None:
        from exportscope.tui.handlers import findings_ready

        if findings_ready(self, message):
            self.call_after_refresh(self._findings_painted)

    def _findings_painted(self) -> None:
        self.findings_at = time.perf_counter() - self.started

    def on_findings_failed(self, message: FindingsFailed) -> None:
        from exportscope.tui.handlers import findings_failed

        findings_failed(self, message)

    async def action_quit(self) -> None:
        self.loader.stop()
        self.exit()

    # --- navigation -----------------------------------------------------------------------------------

    def require(self, what: str) -> LoadResult | None:
        """The loaded result, or None after telling the person why ``what`` (a ``tui.*`` key) cannot open yet."""
        if self.result is None:
            msg = (
                tr("wait_loading", self.lang, what=tr(what, self.lang))
                if self.loading
                else tr("nothing_read", self.lang)
            )
            self.notify(msg, markup=False)
        return self.result

    def _focused_platform(self) -> str | None:
        focused = self.focused
        return getattr(focused, "platform", None)

    def action_browse(self, start: Filter | None = None) -> None:
        from exportscope.tui.screens.browser import BrowserScreen

        if (result := self.require("what_browser")) is None:
            return
        if isinstance(self.screen, BrowserScreen):
            return
        if start is None and (platform := self._focused_platform()):
            start = Filter(platform=platform)
        self.push_screen(BrowserScreen(result, start, self.lang))

    def action_search(self) -> None:
        from exportscope.tui.screens.browser import BrowserScreen

        if self.require("what_search") is None:
            return
        if not isinstance(self.screen, BrowserScreen):
            self.action_browse(Filter())
        self.call_after_refresh(self._focus_search)

    def _focus_search(self) -> None:
        from exportscope.tui.screens.browser import BrowserScreen

        if isinstance(self.screen, BrowserScreen):
            self.screen.action_search()

    def optouts(self) -> list[OptOut]:
        assert self.result is not None
        out = []
        contexts = self.result.analysis.contexts.values()
        for doc, ctx in zip(self.result.summary.platforms, contexts, strict=True):
            out.append(localize_opt_out(opt_out(doc.platform, doc.label, ctx.policy, ctx.region), self.lang))
        return out

    def action_opt_out(self) -> None:
        from exportscope.tui.screens.optout import OptOutScreen

        if self.require("what_optout") is None:
            return
        if isinstance(self.screen, OptOutScreen):
            return
        self.push_screen(OptOutScreen(self.optouts(), self._focused_platform(), self.lang))

    def action_findings(self) -> None:
        from exportscope.tui.screens.findings import FindingsScreen

        if (result := self.require("what_findings")) is None:
            return
        if isinstance(self.screen, FindingsScreen):
            return
        labels = result.summary.labels()
        self.push_screen(FindingsScreen(result.findings, labels, self.lang, self.findings_error))

    def show_finding(self, type_: str, platform: str, value: str | None = None) -> None:
        """A finding (or one of its values) jumps to its item (:func:`exportscope.tui.handlers.show_finding`)."""
        from exportscope.tui.handlers import show_finding

        show_finding(self, type_, platform, value)

    def action_export(self) -> None:
        """The export dialog; from the browser it also offers to write only the items the table shows."""
        from exportscope.tui.screens.browser import BrowserScreen
        from exportscope.tui.screens.export import ExportDialog, Shown

        if (result := self.require("what_export")) is None:
            return
        if isinstance(self.screen, ExportDialog):
            return
        shown = None
        if isinstance(self.screen, BrowserScreen) and self.screen.result is result:
            browser = self.screen
            shown = Shown(browser.filter, browser.order, browser.describe(browser.filter))
        self.push_screen(ExportDialog(result, self.export_dir, self.lang, shown=shown))

    def action_timeline(self) -> None:
        from exportscope.tui.screens.timeline import TimelineScreen

        if (result := self.require("timeline.what")) is None:
            return
        if isinstance(self.screen, TimelineScreen):
            return
        self.push_screen(TimelineScreen(result, self.lang))

    # --- from exposure to action -------------------------------------------------------------------

    def set_todo_done(self, done: set[str]) -> None:
        """The person ticked or unticked a to-do action: remembered, and carried by every export."""
        if self.result is None:
            return
        from exportscope.actions.todo import mark_done

        self.result.todo_done = set(done)
        summary = self.result.summary
        self.result.summary = replace(summary, todo=mark_done(copy.deepcopy(summary.todo), done))

    def open_link(self, url: str | None) -> None:
        """Open ``url`` with the app's opener; where no browser can open, copy it (OSC 52) and say so."""
        if not url:
            self.notify(tr("act.nothing_to_open", self.lang), markup=False)
            return
        if self.opener(url):
            self.notify(tr("act.opened", self.lang, url=url), markup=False)
            return
        self.copy_to_clipboard(url)
        self.notify(tr("act.copied", self.lang, url=url), markup=False, timeout=8)

    async def apply_answers(self, options: Options) -> None:
        """Re-classify with the person's answers (:func:`exportscope.tui.handlers.apply_answers`)."""
        from exportscope.tui.handlers import apply_answers

        await apply_answers(self, options)

    def action_answers(self) -> None:
        from exportscope.tui.screens.answers import AnswersScreen

        if (result := self.require("what_answers")) is None:
            return
        if isinstance(self.screen, AnswersScreen):
            return
        self.push_screen(AnswersScreen(result.analysis, self.options, self.lang))

    def action_worklist(self) -> None:
        from exportscope.tui.screens.worklist import WorklistScreen

        if (result := self.require("what_worklist")) is None:
            return
        if isinstance(self.screen, WorklistScreen):
            return
        self.push_screen(WorklistScreen(result, self.export_dir, self.lang))

    def help_sections(self) -> list[tuple[str, Iterable[BindingType]]]:
        from exportscope.tui.screens.browser import BrowserScreen
        from exportscope.tui.screens.optout import OptOutPanel

        table_keys = [
            Binding("up,down", "", "Move in the list"),
            Binding("pageup,pagedown", "", "Page through the list"),
            Binding("home,end", "", "First / last item"),
            Binding("enter", "", "Read the item in the detail pane"),
            Binding("click", "", "Click a header"),
        ]
        from exportscope.tui.screens.answers import AnswersScreen
        from exportscope.tui.screens.compare import ComparisonScreen
        from exportscope.tui.screens.export import ExportDialog
        from exportscope.tui.screens.findings import FindingsScreen
        from exportscope.tui.screens.timeline import TimelineScreen
        from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen

        worklist_export_keys = [
            Binding("enter", "", "Write the file (its suffix picks the format)"),
            *WorklistExport.BINDINGS,
        ]
        return [
            (tr("help_everywhere", self.lang), self.BINDINGS),
            (tr("help_dashboard", self.lang), DashboardScreen.BINDINGS),
            (tr("help_browser", self.lang), [*BrowserScreen.BINDINGS, *table_keys]),
            (tr("opt_out", self.lang), OptOutPanel.BINDINGS),
            (tr("findings", self.lang), FindingsScreen.BINDINGS),
            (tr("export_title", self.lang), ExportDialog.BINDINGS),
            (tr("act.worklist_title", self.lang), WorklistScreen.BINDINGS),
            (tr("act.worklist_export_title", self.lang), worklist_export_keys),
            (key_text("Answers", self.lang), AnswersScreen.BINDINGS),
            (tr("timeline.title", self.lang), TimelineScreen.BINDINGS),
            (tr("timeline.compare_title", self.lang), ComparisonScreen.BINDINGS),
        ]

    def action_help(self) -> None:
        from exportscope.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections(), self.lang))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from exportscope.tui.palette import commands

        return commands(self, super().get_system_commands(screen))

    def screenshot_path(self) -> Path:
        """Where the next screenshot goes (:func:`exportscope.tui.palette.screenshot_path`)."""
        from exportscope.tui.palette import screenshot_path

        return screenshot_path(self)

    def action_save_screenshot(self) -> None:
        """Save the screen as SVG and say where (:func:`exportscope.tui.palette.save_screenshot`)."""
        from exportscope.tui.palette import save_screenshot

        save_screenshot(self)


def run(paths: list[Path], options: Options, lang: str = i18n.DEFAULT_LANG) -> None:
    """Entry point of ``exportscope inspect``. SIGTERM or SIGHUP quits the app the way ``q`` does (the
    terminal is restored, the reading stops), then ends the command like Ctrl-C (:mod:`exportscope.stops`)."""
    app = ExportScopeApp(paths, options, lang=lang)

    def quit_app() -> None:
        app.loader.stop()
        try:
            asyncio.get_running_loop().call_soon_threadsafe(app.exit)
        except RuntimeError:  # the loop is not running yet or any more
            app.exit()

    with deferred(quit_app):
        app.run()
