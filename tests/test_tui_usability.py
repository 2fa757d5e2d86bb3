"""Issue 18, the usability pass: what a new user met that was wrong or misleading, driven by Pilot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from exportscope.query import Filter
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.widgets.item_table import ItemTable
from exportscope.tui.widgets.verdict_tree import VerdictTree
from tests import tui_archive
from tests.test_tui import aio, archive, loaded, screen_text, wait_for  # noqa: F401  (archive is a fixture)


async def samples_loaded(pilot: Any) -> None:
    """The six sample exports are in (a minute at most on a busy shared machine)."""
    app = pilot.app
    await wait_for(pilot, lambda: not app.loading and app.result is not None, timeout=90)
    assert app.error is None, app.error
    await wait_for(pilot, lambda: app.result.findings is not None, timeout=60)


@aio
async def test_detail_never_says_no_match_while_the_table_holds_items(archive: Path) -> None:  # noqa: F811
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.action_browse(Filter())
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        # Search for what nothing holds, then clear the box: the table fills again at once.
        await pilot.press("slash", *"zzzq")
        await wait_for(pilot, lambda: screen.query_one(ItemTable).row_count == 0)
        await pilot.press("escape", "x")
        await pilot.pause(0.5)
        table = screen.query_one(ItemTable)
        assert table.row_count > 0
        assert "No item matches" not in str(screen.query_one("#detail-body", Static).content)
        assert screen.shown_item is not None and screen.shown_item["id"] == table.current_id
        # A message from the empty selection that arrives late (a busy terminal) changes nothing.
        table.post_message(ItemTable.Highlighted(table, None))
        await pilot.pause()
        assert "No item matches" not in str(screen.query_one("#detail-body", Static).content)


@aio
async def test_a_narrow_table_keeps_a_short_platform_column() -> None:
    """At 80x24 the table is about 55 columns wide: rows of several platforms still say whose they are."""
    from datetime import UTC, datetime

    import polars as pl
    from textual.app import App, ComposeResult

    from exportscope.query import ItemQuery

    frame = pl.DataFrame(
        {
            "platform": ["linkedin", "facebook", "threads"],
            "source": ["Shares.csv", "your_posts_1.json", "threads_and_replies.json"],
            "kind": ["post", "post", "post"],
            "verdict": ["training", "conditional", "not_used"],
            "visibility": ["public", "unknown", "private"],
            "timestamp": [datetime(2025, 1, 2, 3, 4, tzinfo=UTC), datetime(2024, 5, 6, 7, 8, tzinfo=UTC), None],
            "text": ["on linkedin", "on facebook", "on threads"],
            "words": [2, 2, 2],
            "rule": ["linkedin.shares", "facebook.posts", "threads.posts"],
        }
    )

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ItemTable()

    app = TableApp()
    async with app.run_test(size=(55, 6)) as pilot:
        table = app.query_one(ItemTable)
        table.platform_labels = {"linkedin": "LinkedIn", "facebook": "Facebook", "threads": "Threads"}
        table.set_view(ItemQuery(frame).select(Filter()))
        await pilot.pause()
        lines = screen_text(app).splitlines()  # type: ignore[arg-type]
        assert lines[1].startswith("2025-01-02 LI post       ● training  on linkedin")
        assert lines[2].startswith("2024-05-06 FB post       ◐ if public on facebook")
        assert lines[3].startswith("—          TH post       · not used  on threads")


@aio
async def test_tree_counts_stay_in_sight_on_a_small_french_screen() -> None:
    from exportscope.samples import sample_paths

    app = ExportScopeApp(sample_paths(), tui_archive.OPTIONS, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await samples_loaded(pilot)
        app.action_browse(Filter())
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        tree = screen.query_one("#tree")
        text = screen_text(app)
        # Every node in sight starts with its count: a long name is cut, never the number.
        nodes = screen.query_one(VerdictTree).nodes.values()
        visible = [n for n in nodes if 0 <= n.line < tree.scrollable_content_region.height]
        assert visible
        for node in visible:
            label = str(node.label).removeprefix("● ").removeprefix("◐ ").removeprefix("○ ").removeprefix("· ")
            count = label.split(" ", 1)[0]
            assert count.replace("\u202f", "").isdigit(), label
            assert count in text
        assert "▼ 351 Tous les" in text and "├ ▼ 66 Facebook" in text
        # The table keeps a short platform column: rows of LinkedIn and Facebook stay told apart.
        assert "2026-03-09 LI " in text


def test_one_colour_per_verdict_in_the_terminal_and_the_reports() -> None:
    """The TUI's theme colour of each verdict has the hue of the reports' colour (excluded was green in the
    terminal and blue in the reports); "not used" is grey in both."""
    import colorsys

    from textual.app import App

    from exportscope.report.charts import COLORS
    from exportscope.tui.text import VERDICT_STYLE

    theme = App().get_css_variables()

    def hls(hex_colour: str) -> tuple[float, float, float]:
        r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return colorsys.rgb_to_hls(r, g, b)

    for verdict in ("training", "conditional", "excluded"):
        variable = VERDICT_STYLE[verdict].split("$", 1)[1]
        tui_hue, report_hue = hls(theme[variable])[0] * 360, hls(COLORS[verdict])[0] * 360
        assert min(abs(tui_hue - report_hue), 360 - abs(tui_hue - report_hue)) < 30, (verdict, theme[variable])
    assert "muted" in VERDICT_STYLE["not_used"] and hls(COLORS["not_used"])[2] < 0.2  # grey: no saturation


def test_the_detail_pane_highlights_what_the_search_found() -> None:
    from exportscope.tui.widgets.detail import highlighted

    content = highlighted("Mon Résumé ⏎ [bold] resume", "RESUME")
    marked = [content.plain[span.start : span.end] for span in content.spans if "reverse" in str(span.style)]
    assert marked == ["Résumé", "resume"]
    assert highlighted("[bold]", "bold").plain == "[bold]"  # never markup


@aio
async def test_help_covers_every_screen_findings_and_export_included(archive: Path) -> None:  # noqa: F811
    from exportscope.tui.screens.help import HelpScreen

    app = ExportScopeApp([archive], tui_archive.OPTIONS, lang="fr")
    async with app.run_test(size=(100, 120)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        for section in ("Partout", "Tableau de bord", "Navigateur d'éléments", "S'opposer", "Découvertes",
                        "Exporter", "Liste de nettoyage", "Réponses"):  # fmt: skip
            assert section in text, section
        assert "Annuler" in text and "Marquer" in text  # the export dialog's esc, the worklist's space
