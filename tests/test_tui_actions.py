"""Issue 16 in the terminal UI, driven by Pilot: the to-do list and its ticks, answering a question (totals change
without reading the archive again), opening an item's link through a replaceable opener (and the OSC 52 copy
where no browser can open), and marking and exporting the clean-up worklist.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select, SelectionList

from exportscope import formats
from exportscope.actions.todo import action_texts
from exportscope.pipeline import Options, analyze
from exportscope.query import Filter
from exportscope.samples import sample_paths
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.opener import can_open_browser
from exportscope.tui.screens.answers import AnswersScreen
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.export import write
from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen
from exportscope.tui.widgets.item_table import ItemTable
from exportscope.tui.widgets.todo import TodoPanel
from tests.test_tui import aio, loaded, press_into, screen_text, wait_for

OPTIONS = Options(as_of=date(2026, 12, 3))


class Recorder:
    """A stand-in opener: records the URLs and answers as a browser would (or could not)."""

    def __init__(self, opens: bool = True) -> None:
        self.urls: list[str] = []
        self.opens = opens

    def __call__(self, url: str) -> bool:
        self.urls.append(url)
        return self.opens


class CountingAnalyze:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, paths: Any, options: Options, **kwargs: Any) -> Any:
        self.calls += 1
        return analyze(paths, options, **kwargs)


def _totals(app: ExportScopeApp, platform: str) -> dict[str, int]:
    assert app.result is not None
    return next(p.totals for p in app.result.summary.platforms if p.platform == platform)


@aio
async def test_the_todo_list_tops_the_dashboard_and_ticks_go_into_exports(tmp_path: Path) -> None:
    app = ExportScopeApp(sample_paths(), OPTIONS, opener=Recorder())
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        text = screen_text(app)
        assert app.result is not None
        h = app.result.summary.todo["headline"]
        assert "What to do first" in text and f"{h['items']} of your items ({h['words']} words) are used" in text
        assert text.index("What to do first") < text.index("LinkedIn · export")
        options = app.screen.query_one(TodoPanel).query_one(SelectionList)
        options.focus()
        first, second = app.result.summary.todo["actions"][:2]
        await pilot.press("space")  # tick the first action
        await wait_for(pilot, lambda: app.result is not None and bool(app.result.todo_done))
        assert app.result is not None and app.result.todo_done == {first["id"]}
        out = tmp_path / "r.md"
        write(app.result, formats.get("report", "md"), out)
        report = out.read_text(encoding="utf-8")
        titles = {a.id: a.title for a in action_texts(app.result.summary.todo)}
        assert f"- [x] **{titles[first['id']]}" in report.replace("\\", "")
        assert f"- [ ] **{titles[second['id']]}" in report.replace("\\", "")


@aio
async def test_answering_a_question_reclassifies_without_reading_again() -> None:
    counting = CountingAnalyze()
    app = ExportScopeApp(sample_paths(), OPTIONS, analyze_fn=counting)
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        assert app.result is not None
        trained = app.result.summary.todo["headline"]["items"]
        assert f"{trained} of your items" in screen_text(app)
        before = _totals(app, "facebook")
        await press_into(pilot, "a", AnswersScreen)
        screen = app.screen
        assert isinstance(screen, AnswersScreen)
        # The region offers the export's guess first, with its evidence.
        region_labels = [str(label) for label, _ in screen._region_options()]
        assert "suggested by" in region_labels[1] and "+33 phone number" in region_labels[1]
        screen.query_one("#audience", Select).value = "public"
        await pilot.click("#apply")
        await wait_for(pilot, lambda: _totals(app, "facebook") != before)
        after = _totals(app, "facebook")
        assert after["training"] > before["training"] and after["conditional"] < before["conditional"]
        assert sum(after.values()) == sum(before.values())
        assert counting.calls == 1  # the archive was read once
        assert app.options.facebook_audience == "public"
        assert app.result is not None and app.result.summary.answers["flags"] == "--facebook-audience public"
        # The dashboard's to-do headline follows at once: the Facebook posts now count as used for training.
        more = after["training"] - before["training"]
        await wait_for(pilot, lambda: f"{trained + more} of your items" in screen_text(app))


@aio
async def test_enter_opens_the_items_link_through_the_opener() -> None:
    opener = Recorder()
    app = ExportScopeApp(sample_paths(), OPTIONS, opener=opener)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.action_browse(Filter(platform="linkedin", kind="post"))
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        app.screen.query_one(ItemTable).focus()
        await pilot.press("enter")  # shows the item in the detail pane and moves there
        await pilot.pause()
        shown = screen_text(app)
        assert "Link:" in shown and "https://www.linkedin.com/feed/update/" in shown
        await pilot.press("enter")  # opens it
        await wait_for(pilot, lambda: bool(opener.urls))
        assert opener.urls[0].startswith("https://www.linkedin.com/feed/update/urn%3Ali%3A")
        assert any("Opened in your browser" in n.message for n in app._notifications)


@aio
async def test_without_a_browser_the_link_is_copied_and_the_toast_says_so(monkeypatch: Any) -> None:
    app = ExportScopeApp(sample_paths(), OPTIONS, opener=Recorder(opens=False))
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.action_browse(Filter(platform="facebook", kind="post"))
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        await pilot.pause()
        # A Facebook post has no link in the export: the detail pane says where to find it.
        assert "Where to find it: Activity log" in screen_text(app)
        await pilot.press("l")
        await wait_for(pilot, lambda: bool(copied))
        assert copied == ["https://www.facebook.com/me/allactivity"]
        assert any("OSC 52" in n.message for n in app._notifications)


def test_a_browser_is_tried_only_with_a_graphical_session() -> None:
    assert not can_open_browser({}, "linux")
    assert can_open_browser({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert can_open_browser({}, "darwin")


@aio
async def test_worklist_marking_and_exporting(tmp_path: Path) -> None:
    opener = Recorder()
    app = ExportScopeApp(sample_paths(), OPTIONS, opener=opener, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "w", WorklistScreen)
        screen = app.screen
        assert isinstance(screen, WorklistScreen)
        await wait_for(pilot, lambda: bool(screen.entries))
        top = screen.entries[0]
        from exportscope.actions.worklist_out import reason_words

        assert reason_words(top, "en")[0] in screen_text(app)  # the detail pane says why the first is first
        await pilot.press("space", "down", "down", "space")
        await wait_for(pilot, lambda: "2 marked of" in screen_text(app))
        await pilot.press("enter")  # opens the highlighted (third) item's link or where to find it
        await wait_for(pilot, lambda: bool(opener.urls))
        third = screen.entries[2]
        assert opener.urls == [third.link or third.where]
        await press_into(pilot, "e", WorklistExport)
        target = tmp_path / "marked.csv"
        app.screen.query_one("#wl-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        rows = list(csv.DictReader(target.open(encoding="utf-8")))
        assert [r["key"] for r in rows] == [top.key, third.key]
        assert any("Worklist saved to" in n.message for n in app._notifications)
