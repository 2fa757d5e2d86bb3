"""Issue 18: long work shows progress. The worklist's export and the draft letter are written like the main
export (:mod:`exportscope.tui.writing`): on a thread, with a moving bar and the file's name, the app answering
meanwhile, and esc cancelling (the file is removed once the writer is done with it).

The writers are the real ones, held at their start by a gate, so the tests see the UI while a file is being
written, on the fixture export (tests/tui_archive.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, ProgressBar

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.dashboard import DashboardScreen
from exportscope.tui.screens.export import ExportDialog
from exportscope.tui.screens.optout import OptOutScreen
from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen
from exportscope.tui.writing import WritingBar
from tests import tui_archive
from tests.test_tui import aio, loaded, press_into, screen_text, wait_for


class Held:
    """A writer held at its start until released: what a slow write of a large archive looks like."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.started.set()
        assert self.release.wait(10)
        return self.real(*args, **kwargs)


@pytest.fixture
def app(tmp_path: Path) -> ExportScopeApp:
    out = tmp_path / "out"
    out.mkdir()
    return ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=out, lang="en")


def notes(app: ExportScopeApp) -> list[str]:
    return [n.message for n in app._notifications]


def bar_shown(screen: Any) -> bool:
    bar = screen.query_one(WritingBar)
    return bool(bar.display) and bar.query_one(ProgressBar).total is None  # moving: the length is not known


def bar_text(screen: Any) -> str:
    return str(screen.query_one(WritingBar).query_one("#writing-text").render())


async def _worklist_export(pilot: Any, app: ExportScopeApp, target: Path) -> WorklistExport:
    await loaded(pilot)
    await press_into(pilot, "w", WorklistScreen)
    await wait_for(pilot, lambda: bool(app.screen.entries))  # type: ignore[attr-defined]
    await press_into(pilot, "e", WorklistExport)
    dialog = app.screen
    assert isinstance(dialog, WorklistExport)
    dialog.query_one("#wl-path", Input).value = str(target)
    await pilot.press("enter")
    return dialog


@aio
async def test_worklist_export_shows_progress_and_the_app_answers(
    app: ExportScopeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exportscope.actions.worklist_out as worklist_out

    held = Held(worklist_out.write)
    monkeypatch.setattr(worklist_out, "write", held)
    target = tmp_path / "out" / "worklist.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _worklist_export(pilot, app, target)
        await wait_for(pilot, held.started.is_set)
        assert bar_shown(dialog) and bar_text(dialog) == f"Writing {target}… · esc cancels"
        assert "Writing /" in screen_text(app)  # on screen, on its one line
        # The app answers while the file is written (the old export wrote on the app's own loop).
        ticks: list[int] = []
        app.set_timer(0.05, lambda: ticks.append(1))
        await wait_for(pilot, lambda: bool(ticks))
        held.release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, WorklistScreen))
    assert target.exists()
    assert any(m.startswith(f"Worklist saved to {target}") for m in notes(app))


@aio
async def test_esc_cancels_the_worklist_export(
    app: ExportScopeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exportscope.actions.worklist_out as worklist_out

    held = Held(worklist_out.write)
    monkeypatch.setattr(worklist_out, "write", held)
    target = tmp_path / "out" / "worklist.html"
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _worklist_export(pilot, app, target)
        await wait_for(pilot, held.started.is_set)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WorklistScreen))  # at once, the writer still held
        assert dialog.job is not None and dialog.job.cancelled
        held.release.set()
        await wait_for(pilot, lambda: dialog.job is not None and dialog.job.done)
        assert isinstance(app.screen, WorklistScreen)  # the worklist stays: nothing is closed twice
    assert not target.exists()
    assert f"Cancelled: {target} was not kept" in notes(app)


@aio
async def test_the_letter_is_written_with_progress_and_esc_cancels_it(
    app: ExportScopeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exportscope.actions.letter_render as letter_render

    held = Held(letter_render.write_letter)
    monkeypatch.setattr(letter_render, "write_letter", held)
    first = tmp_path / "out" / "exportscope-letter-linkedin.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "o", OptOutScreen)
        screen = app.screen
        assert isinstance(screen, OptOutScreen)
        await pilot.press("l")
        await wait_for(pilot, held.started.is_set)
        assert bar_shown(screen) and bar_text(screen) == f"Writing {first}… · esc cancels"
        assert "Writing /" in screen_text(app)  # on screen, on its one line
        held.release.set()
        await wait_for(pilot, first.exists)
        await wait_for(pilot, lambda: not screen.query_one(WritingBar).display)
        assert any(str(first) == m for m in notes(app))
        # A second letter, cancelled: esc stops it and the screen stays; a second esc goes back.
        held.started.clear()
        held.release.clear()
        await pilot.press("l")
        await wait_for(pilot, held.started.is_set)
        second = tmp_path / "out" / "exportscope-letter-linkedin-2.md"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.query_one(WritingBar).display
        held.release.set()
        await wait_for(pilot, lambda: f"Cancelled: {second} was not kept" in notes(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
    assert first.exists() and not second.exists()


@aio
async def test_esc_during_the_main_export_cancels_it_and_closes_nothing_else(
    app: ExportScopeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export dialog closed by esc while writing: once the writer is done, the new file is removed and
    the screen under the dialog stays (the dialog used to close itself again, taking that screen away)."""
    import exportscope.tui.screens.export as export

    held = Held(export.write)
    monkeypatch.setattr(export, "write", held)
    kept = tmp_path / "out" / "old.md"
    kept.write_text("an older report\n")
    async with app.run_test(size=(100, 34)) as pilot:
        await loaded(pilot)
        for target, replace in ((tmp_path / "out" / "new.html", False), (kept, True)):
            held.started.clear()
            held.release.clear()
            await press_into(pilot, "e", ExportDialog)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            if target.suffix == ".md":
                dialog.query_one("#format").value = "report:md"  # type: ignore[attr-defined]
                await pilot.pause()  # the format's own default name first, then ours
            dialog.query_one("#overwrite").value = replace  # type: ignore[attr-defined]
            dialog.query_one("#path", Input).value = str(target)
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(pilot, held.started.is_set)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
            held.release.set()
            job = dialog.job
            assert job is not None and job.cancelled
            await wait_for(pilot, lambda: job.done)  # noqa: B023 (waited for in this turn of the loop)
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
    assert not (tmp_path / "out" / "new.html").exists()
    assert f"Cancelled: {tmp_path / 'out' / 'new.html'} was not kept" in notes(app)
    # A file the export had already replaced is kept (the older one is gone either way), and said so.
    assert kept.read_text() != "an older report\n"
    assert f"Cancelled too late: {kept} had already been replaced; the new file is kept" in notes(app)
