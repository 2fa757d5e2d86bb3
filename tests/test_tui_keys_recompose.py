"""Opening and closing a dialog recomposes each footer at most once (issue 19: ``?`` got slow).

Textual's footer recomposes after every change of bindings; opening or closing the help makes a dozen of
them (focus, the screen stack, the app's focus), and each recompose mounted :class:`KeyFooter`'s keys again:
closing the help took 0.2 – 0.5 s on an idle machine. The footer now recomposes once per refresh, and not at
all when the keys it shows are the same.
"""

from __future__ import annotations

from pathlib import Path

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.help import HelpScreen
from exportscope.tui.widgets.keys import KeyFooter
from tests import tui_archive
from tests.test_tui import aio, loaded, press_into, wait_for


@aio
async def test_the_help_opens_and_closes_without_recomposing_the_footers(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.2)
        dashboard = app.screen
        footer = dashboard.query_one(KeyFooter)
        before = footer.compositions
        rows = footer.rows
        for _ in range(3):
            await press_into(pilot, "question_mark", HelpScreen)
            help_footer = app.screen.query_one(KeyFooter)
            await pilot.pause(0.1)
            assert help_footer.compositions <= 2, help_footer.compositions  # mounted, then laid out once
            assert help_footer.rows
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is dashboard)
            await pilot.pause(0.1)
        assert footer.compositions - before <= 3, footer.compositions - before  # at most once per return
        assert footer.rows == rows  # and it still shows the dashboard's keys


@aio
async def test_a_change_of_keys_still_recomposes_the_footer(tmp_path: Path) -> None:
    """What the footer shows follows the bindings: the keys change once the dashboard is loaded."""
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await loaded(pilot)
        await pilot.pause(0.2)
        shown = {k.action for row in footer.rows or [] for e in row for k in e.keys}
        active = {b.action for _, b, _, _ in app.screen.active_bindings.values() if b.show}
        assert active <= shown | {"command_palette"}
        await pilot.resize_terminal(60, 30)
        await wait_for(pilot, lambda: footer._laid[0] == 60)
        assert len(footer.rows or []) > 1
