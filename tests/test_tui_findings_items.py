"""Findings lead to their items (issue 16.3): the browser marks every item that carries a finding, with a
legend, and ``enter`` on a finding or one of its values selects its item in the browser. On the bundled
Meta samples: the Facebook post that names "Pastéis de Belém" carries GPS coordinates, and the post of the
Lisbon holiday carries an upload IP address.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.findings import FindingsScreen
from exportscope.tui.widgets.item_table import ItemTable
from tests.test_tui import aio, loaded, screen_text, wait_for
from tests.test_tui_samples import OPTIONS, sample_paths

META = [rel for rel in sample_paths() if rel.parent.name.startswith(("facebook", "instagram"))]


def _app() -> ExportScopeApp:
    return ExportScopeApp(META, OPTIONS)


def _option_index(screen: FindingsScreen, target: tuple[str, str, str | None]) -> int:
    return screen.targets.index(target)


async def _jump(pilot: Any, target: tuple[str, str, str | None]) -> dict[str, Any]:
    app = pilot.app
    await pilot.press("f")
    await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
    screen = app.screen
    box = screen.query_one("#findings-list", OptionList)
    box.focus()
    box.highlighted = _option_index(screen, target)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen) and app.screen.shown_item is not None)
    await pilot.pause()
    browser = app.screen
    table = browser.query_one(ItemTable)
    assert table.current_id is not None
    return browser.query_engine.item(table.current_id)


@aio
async def test_enter_on_a_value_selects_its_item_in_the_browser() -> None:
    async with _app().run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        item = await _jump(pilot, ("gps", "facebook", "38.69750, -9.20320"))
        assert (item["platform"], item["kind"], item["text"]) == ("facebook", "post", "Pastéis de Belém")
        assert pilot.app.screen.shown_item["text"] == "Pastéis de Belém"  # the detail pane shows it too
        assert pilot.app.screen.query_one(ItemTable).has_focus


@aio
async def test_enter_on_a_finding_selects_an_item_carrying_it_and_back_again() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        item = await _jump(pilot, ("upload_ip", "facebook", None))
        assert item["platform"] == "facebook" and item["source"].endswith("photos_and_videos_1.json")
        assert item["row"] == 2  # the Lisbon holiday post, whose photo was uploaded from 203.0.113.7
        # Escape from the browser returns to the findings, a second jump reuses the same browser.
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
        item = await _jump(pilot, ("gps", "facebook", "38.69750, -9.20320"))
        assert item["text"] == "Pastéis de Belém"
        assert sum(isinstance(s, BrowserScreen) for s in app.screen_stack) == 1


@aio
async def test_the_table_marks_items_with_findings_and_says_what_the_mark_means() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        browser = app.screen
        table = browser.query_one(ItemTable)
        expected = set(browser.query_engine.ids_at(app.result.finding_refs.positions()))
        assert table.flagged == expected and expected
        text = screen_text(app)
        assert "⚠ = has findings (f lists them)" in text
        pastéis = next(
            i for i in expected if browser.query_engine.item(i)["text"] == "Pastéis de Belém"
        )  # a post with GPS in its metadata is marked
        table.select_id(pastéis)
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Pastéis de Belém" in line and "if public" in line)
        assert "│⚠ 2024-06-02 10:00" in row  # the mark, in the table's first column (after its border)
        # An item with no finding is not marked: the Facebook post of a book quote.
        row = next(line for line in screen_text(app).splitlines() if "Les Misérables" in line)
        assert "│  2024-07-03 09:46" in row and "⚠ 2024-07-03" not in row


@aio
async def test_a_value_no_item_holds_is_said() -> None:
    """A finding whose every reference is a photo sent in a message (no item of its own) says so."""
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.show_finding("exif_camera", "nowhere", None)
        await pilot.pause()
        assert not isinstance(app.screen, BrowserScreen)
        assert any("No item of the table holds this value" in str(n.message) for n in app._notifications)
