"""``exportscope inspect``: the Textual app. It shows, never computes: every number comes from the library.

The window paints at once with the dashboard and a progress bar; a :class:`~exportscope.tui.loader.Loader`
reads the archive on a daemon thread and posts messages; once loaded, the dashboard fills in and the other
screens (browser, opt out, findings, export) open instantly. ``q`` and ``ctrl+c`` quit at any moment,
loading or not.

The app holds the lifecycle (loading, the loader's messages, quitting) and delegates the rest: which screen a
key opens to :mod:`exportscope.tui.navigation`, what arrives later (findings, answers) to
:mod:`exportscope.tui.handlers`, the comparison of two exports to :mod:`exportscope.tui.screens.compare`, the
palette to :mod:`exportscope.tui.palette`.

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
from exportscope.query import Filter
from exportscope.stops import deferred
from exportscope.termsafe import safe
from exportscope.tui import navigation
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
from exportscope.tui.text import localize_bindings, tr
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
        if analyze_fn is None:  # the real pipeline may start a reading worker: make that possible under Textual
            from exportscope.parallel import prepare_for_ui

            prepare_for_ui(self.paths, self.options.workers)
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
        from exportscope.tui.screens.compare import offer

        offer(self)

    def action_compare(self) -> None:
        from exportscope.tui.screens.compare import start

        start(self)

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

    # The screens: which key opens what is in exportscope.tui.navigation.

    def action_browse(self, start: Filter | None = None) -> None:
        navigation.browse(self, start)

    def action_search(self) -> None:
        navigation.search(self)

    def action_opt_out(self) -> None:
        navigation.opt_out_screen(self)

    def action_findings(self) -> None:
        navigation.findings(self)

    def show_finding(self, type_: str, platform: str, value: str | None = None) -> None:
        """A finding (or one of its values) jumps to its item (:func:`exportscope.tui.handlers.show_finding`)."""
        from exportscope.tui.handlers import show_finding

        show_finding(self, type_, platform, value)

    def action_export(self) -> None:
        navigation.export(self)

    def action_timeline(self) -> None:
        navigation.timeline(self)

    def action_answers(self) -> None:
        navigation.answers(self)

    def action_worklist(self) -> None:
        navigation.worklist(self)

    def action_help(self) -> None:
        navigation.help_screen(self)

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

    def action_command_palette(self) -> None:
        """Textual's command palette, with its search box's hint in the app's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            hint = tr("palette_placeholder", self.lang)
            self.push_screen(CommandPalette(placeholder=hint, id="--command-palette"))

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
