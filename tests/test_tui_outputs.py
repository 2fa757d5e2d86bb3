"""Every writer of the terminal UI goes through the CLI's output check (issue 15, part 5): the worklist's
export and the draft letter refuse a path inside the input folder, as the export dialog and ``-o`` do."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.optout import OptOutScreen
from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen
from tests import tui_archive
from tests.test_tui import aio, loaded, press_into, wait_for


def _messages(app: ExportScopeApp) -> list[str]:
    return [n.message for n in app._notifications]


@aio
async def test_the_worklist_and_the_letter_never_write_inside_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    tui_archive.build(folder)
    before = sorted(p.name for p in folder.iterdir())
    app = ExportScopeApp([folder], tui_archive.OPTIONS, export_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "w", WorklistScreen)
        screen = app.screen
        assert isinstance(screen, WorklistScreen)
        await wait_for(pilot, lambda: bool(screen.entries))
        await press_into(pilot, "e", WorklistExport)
        app.screen.query_one("#wl-path", Input).value = str(folder / "worklist.csv")
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("worklist.csv" in m and "inside the input folder" in m for m in _messages(app))
        )
        await pilot.press("escape", "escape")
        await press_into(pilot, "o", OptOutScreen)
        await pilot.press("l")
        await wait_for(
            pilot, lambda: any("exportscope-letter" in m and "inside the input folder" in m for m in _messages(app))
        )
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written into the export
