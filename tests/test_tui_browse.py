"""Browsing as people expect (issue 18): sort by any column, filter by a date range or a month with the
undated items said, export exactly what the table shows, the month-by-month timeline, progress while an
export is written, and the help and palette reaching every screen. Pilot tests on the fixture export."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import polars as pl
from textual.widgets import Input, ProgressBar, Select, Static

from exportscope.query import Filter, ItemQuery, Sort
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.export import ExportDialog
from exportscope.tui.screens.help import HelpScreen
from exportscope.tui.screens.timeline import TimelineScreen
from exportscope.tui.widgets.item_table import ItemTable
from tests import tui_archive
from tests.test_tui import aio, loaded, press_into, screen_text, wait_for


def _browser(app: ExportScopeApp) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


def _rows(table: ItemTable) -> list[tuple[Any, ...]]:
    return ItemQuery.page(table._view, 0, table.row_count)


@aio
async def test_sort_by_key_and_by_header_click_with_a_marker(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen, table = _browser(app), app.screen.query_one(ItemTable)
        assert "when ▼" in screen_text(app)  # newest first, said in the header
        await pilot.press("s")  # the next column: platform (sortable even where one platform hides its column)
        assert screen.order == Sort("platform", descending=False)
        await pilot.press("s")
        assert screen.order == Sort("kind", descending=False)
        kinds = [r[3] for r in _rows(table)]
        assert kinds == sorted(kinds)
        assert "kind ▲" in screen_text(app)
        await pilot.press("S")  # reversed
        assert screen.order == Sort("kind", descending=True)
        assert [r[3] for r in _rows(table)] == sorted(kinds, reverse=True)
        assert "kind ▼" in screen_text(app)
        # A click on the text column's header sorts by it; a second click reverses.
        x = table.region.x + next(i for i in range(table.region.width) if table.column_at(i) == "text")
        await pilot.click(offset=(x, table.region.y))
        await wait_for(pilot, lambda: screen.order == Sort("text", descending=False))
        texts = [r[5] for r in _rows(table) if r[5]]
        assert texts[0].lower() <= texts[-1].lower()
        await pilot.click(offset=(x, table.region.y))
        await wait_for(pilot, lambda: screen.order == Sort("text", descending=True))
        # The sort survives a search and a filter change.
        await pilot.press("slash", *"post", "enter")
        await wait_for(pilot, lambda: table.row_count < 23)
        assert screen.order == Sort("text", descending=True)


@aio
async def test_date_range_and_month_filter_say_the_undated_items(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS)
    async with app.run_test(size=(120, 34)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen, table = _browser(app), app.screen.query_one(ItemTable)
        screen.action_clear()
        await wait_for(pilot, lambda: table.row_count == 23)
        undated = screen.query_engine.frame.get_column("timestamp").null_count()
        assert undated > 0
        await pilot.press("p", *"2024-04", "enter")  # one month
        await wait_for(pilot, lambda: screen.filter.start is not None)
        assert table.has_focus
        stamps = [r[1] for r in _rows(table)]
        assert stamps and all(s.year == 2024 and s.month == 4 for s in stamps)
        text = screen_text(app)
        assert f"{undated} items have no date: not shown" in text
        assert "2024-04-01..2024-04-30" in text  # the filter in the table's title
        # A range over the years, then an unreadable one: said, and the filter stays as it was.
        period = screen.query_one("#period", Input)
        period.value = "2024-01..2025-06-30"
        await pilot.press("p", "enter")
        await wait_for(pilot, lambda: screen.filter.end is not None and screen.filter.end.year == 2025)
        assert all(s is not None and 2024 <= s.year <= 2025 for s in (r[1] for r in _rows(table)))
        shown = table.row_count
        period.value = "31/12/2024"
        await pilot.press("p", "enter")
        await wait_for(pilot, lambda: period.has_class("-invalid"))
        assert any("Dates: type a year" in n.message for n in app._notifications)
        assert table.row_count == shown
        await pilot.press("escape")  # still unreadable: the focus stays in the box
        assert period.has_focus
        period.value = ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: table.row_count == 23)
        assert "have no date" not in screen_text(app)
        # The year list and a range together; x clears both.
        screen.query_one("#year", Select).value = 2024
        period.value = "2024-03..2024-12"
        await pilot.press("p", "enter")
        await wait_for(pilot, lambda: screen.filter.year == 2024 and screen.filter.start is not None)
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.filter == Filter() and table.row_count == 23)
        assert period.value == ""


@aio
async def test_export_writes_exactly_the_rows_the_table_shows(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=out)
    async with app.run_test(size=(100, 34)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen, table = _browser(app), app.screen.query_one(ItemTable)
        screen.set_filter(Filter(verdict="training", year=2025))
        screen.set_order(Sort("text", descending=False))
        await pilot.pause()
        shown = [(r[3], r[5]) for r in _rows(table)]
        assert 0 < len(shown) < 23
        await press_into(pilot, "e", ExportDialog)
        dialog = app.screen
        dialog.query_one("#format", Select).value = "items:csv"
        await pilot.pause()
        scope = dialog.query_one("#scope", Select)
        assert scope.display and scope.value == "shown"  # from a filtered table: what it shows
        dialog.query_one("#path", Input).value = str(out / "shown.csv")
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: (out / "shown.csv").exists() and not isinstance(app.screen, ExportDialog))
        written = pl.read_csv(out / "shown.csv")
        assert list(zip(written.get_column("kind"), written.get_column("text"), strict=True)) == shown
        assert any(f"Wrote {len(shown)} items" in n.message for n in app._notifications)
        # "All items" writes every row.
        await press_into(pilot, "e", ExportDialog)
        dialog = app.screen
        dialog.query_one("#format", Select).value = "items:jsonl"
        await pilot.pause()
        dialog.query_one("#scope", Select).value = "all"
        dialog.query_one("#path", Input).value = str(out / "all.jsonl")
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: (out / "all.jsonl").exists() and not isinstance(app.screen, ExportDialog))
        assert pl.read_ndjson(out / "all.jsonl").height == 23


@aio
async def test_the_rows_choice_is_for_item_tables_opened_from_the_browser(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=tmp_path / "o")
    async with app.run_test(size=(100, 34)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "e", ExportDialog)  # from the dashboard: nothing is "shown"
        assert not app.screen.query("#scope")
        await pilot.press("escape")
        await press_into(pilot, "b", BrowserScreen)
        await press_into(pilot, "e", ExportDialog)
        scope = app.screen.query_one("#scope", Select)
        assert not scope.display  # a report covers the whole analysis
        app.screen.query_one("#format", Select).value = "items:parquet"
        await pilot.pause()
        assert scope.display


@aio
async def test_export_shows_progress_and_the_app_stays_responsive(tmp_path: Path, monkeypatch: Any) -> None:
    release, started = threading.Event(), threading.Event()

    def slow_write(*args: Any, **kwargs: Any) -> str:
        started.set()
        assert release.wait(10)
        return "Report saved to somewhere"

    monkeypatch.setattr("exportscope.tui.screens.export.write", slow_write)
    (tmp_path / "o").mkdir()
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=tmp_path / "o")
    async with app.run_test(size=(100, 34)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "e", ExportDialog)
        dialog = app.screen
        await pilot.press("enter")
        await wait_for(pilot, started.is_set)
        bar = dialog.query_one("#progress", ProgressBar)
        assert bar.display and bar.total is None  # a moving bar: the length of the work is not known
        assert "Writing" in str(dialog.query_one("#message", Static).render())
        # The UI answers while the writer runs: a checkbox still toggles.
        redact = dialog.query_one("#redact")
        redact.focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: bool(redact.value))  # type: ignore[attr-defined]
        release.set()
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert any("Report saved to somewhere" in n.message for n in app._notifications)


@aio
async def test_timeline_by_key_and_palette_fits_80_columns_in_both_languages(tmp_path: Path) -> None:
    archive = tui_archive.build(tmp_path)
    for lang, title, undated in (
        ("en", "Used for AI training, month by month", "more have no date"),
        ("fr", "Utilisé pour entraîner l'IA, mois par mois", "n'ont pas de date"),
    ):
        app = ExportScopeApp([archive], tui_archive.OPTIONS, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            await press_into(pilot, "m", TimelineScreen)
            screen = app.screen
            assert isinstance(screen, TimelineScreen)
            text = screen_text(app)
            assert title in text and undated in text
            months = screen.result.query.per_month()
            _, rows = screen.lines(76)
            lines = rows.plain.splitlines()
            # One line per month, gaps included, except that four or more empty months in a row are one line.
            expected, at = [], 0
            while at < len(months):
                run = at
                while run < len(months) and not months[run][2]:
                    run += 1
                expected.append("run" if run - at >= 4 else "month")
                at = run if run - at >= 4 else at + 1
            assert len(lines) == len(expected)
            assert all(len(line) <= 76 for line in lines)
            for line, shape in zip(lines, expected, strict=True):
                assert (" – " in line) == (shape == "run"), line
            top = max(sum(c.values()) for _, _, c in months)
            widest = [line for line in lines if line.rstrip().endswith(f" {top}")]
            assert widest and widest[0].count("█") + widest[0].count("▒") >= 40  # the widest month fills the width
            single = [line for line in lines if line.rstrip().endswith(" 1") and " – " not in line]
            assert single and all(("█" in line) or ("▒" in line) for line in single)  # one item is still a bar
            await pilot.press("p")  # the one platform, then back to all
            assert screen.platform == "linkedin"
            await pilot.press("p")
            assert screen.platform is None
            await pilot.press("escape")
            await wait_for(pilot, lambda a=app: not isinstance(a.screen, TimelineScreen))
            command = next(c for c in app.get_system_commands(app.screen) if c.title in ("Timeline", "Chronologie"))
            command.callback()
            await wait_for(pilot, lambda a=app: isinstance(a.screen, TimelineScreen))


@aio
async def test_help_covers_every_screen(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 60)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "question_mark", HelpScreen)
        text = str(app.screen.query_one(Static).render())
        for section in ("Dashboard", "Browser", "Findings", "Export", "Worklist", "Answers",
                        "Used for AI training, month by month", "Comparison of two exports",
                        "Export the worklist"):  # fmt: skip
            assert section in text, section
        for key in ("Sort", "Reverse sort", "Date range", "Timeline", "Click a column header",
                    "Write the file (its suffix picks the format)"):  # fmt: skip
            assert key in text, key


@aio
async def test_a_narrow_sorted_column_keeps_its_arrow(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        await pilot.press("s", "s")  # the kind ("catégorie"), in a 10-cell column
        await pilot.pause()
        assert _browser(app).order == Sort("kind", descending=False, lang="fr")
        assert "catégor… ▲" in screen_text(app)
