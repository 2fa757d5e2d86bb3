"""Snapshots of every screen and dialog of ``exportscope inspect`` on the fixture export (tests/tui_archive.py).

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at
the SVGs (``tests/__snapshots__/test_tui_snapshots/``) before committing them. The archive, the as-of date and
the export folder are fixed, so the pictures only change when the UI or the classification does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from exportscope.pipeline import Options
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from tests import tui_archive
from tests.test_tui import Gate, loaded, wait_for

EXPORT_DIR = Path("/home/ada/exports")
LARGE = (160, 48)


@pytest.fixture
def app(tmp_path: Path) -> ExportScopeApp:
    return ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=EXPORT_DIR)


async def _browser(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))


def test_dashboard(snap_compare: Any, app: ExportScopeApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_dashboard_large(snap_compare: Any, app: ExportScopeApp) -> None:
    assert snap_compare(app, terminal_size=LARGE, run_before=loaded)


def test_loading(snap_compare: Any, tmp_path: Path) -> None:
    gate = Gate()
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, analyze_fn=gate)

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, gate.reported.is_set)
        await pilot.pause(0.1)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        gate.release.set()


def test_load_error(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative name keeps the temporary folder out of the picture
    bad = Path("Complete_LinkedInDataExport_03-09-2026.zip")
    bad.write_bytes(b"PK\x03\x04 truncated download")
    app = ExportScopeApp([bad], Options(as_of=tui_archive.AS_OF))

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: not app.loading)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_browser(snap_compare: Any, app: ExportScopeApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_browser)


def test_browser_large(snap_compare: Any, app: ExportScopeApp) -> None:
    assert snap_compare(app, terminal_size=LARGE, run_before=_browser)


def test_browser_search(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))
        await pilot.press(*"berlin", "enter")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_browser_tree_node_and_year(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _browser(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, BrowserScreen)
        await pilot.press("t", "home", "down", "down", "down", "enter")
        screen.query_one("#year").value = 2023  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_detail_zoomed(snap_compare: Any, app: ExportScopeApp) -> None:
    """The markup post in full: ``[bold]`` and ``[link=...]`` appear as typed."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _browser(pilot)
        await pilot.press("down", "down", "enter", "z")  # below the two newer messages

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_opt_out(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("o")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_export_dialog(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("e")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_help(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_findings(snap_compare: Any, app: ExportScopeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings as the findings module will report them (its examples are archive text, shown literally)."""
    found = [
        {"type": "phone_number", "platform": "linkedin", "count": 2, "examples": ["+49 30 1234567", "[b]030 555[/b]"]},
        {"type": "email_address", "platform": "linkedin", "count": 1, "examples": ["ada@example.org"]},
    ]
    monkeypatch.setattr("exportscope.tui.loader.find_findings", lambda analysis: found)

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("f")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
