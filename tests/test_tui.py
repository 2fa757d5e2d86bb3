"""The terminal UI driven by Textual's Pilot: loading, navigating, searching, filtering, detail, export, quit."""

from __future__ import annotations

import asyncio
import functools
import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, Tree

from exportscope.model import ITEM_EXPORT_COLUMNS
from exportscope.pipeline import Cancelled, Options, Progress, analyze
from exportscope.query import Filter, ItemQuery
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.export import ExportDialog
from exportscope.tui.screens.help import HelpScreen
from exportscope.tui.screens.optout import OptOutPanel, OptOutScreen
from exportscope.tui.widgets.cards import PlatformCard
from exportscope.tui.widgets.item_table import ItemTable
from exportscope.tui.widgets.verdict_tree import VerdictTree
from tests import tui_archive


def aio(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run an async test body in a fresh event loop (no pytest-asyncio here)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return tui_archive.build(tmp_path)


def screen_text(app: ExportScopeApp) -> str:
    """What the terminal shows, as plain text (the same render as a screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait_for(pilot: Pilot[Any], predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the UI")
        await pilot.pause(0.02)
    await pilot.pause()


async def press_into(pilot: Pilot[Any], key: str, screen: type) -> None:
    """Press a key and wait until it has opened the given screen."""
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen))


async def loaded(pilot: Pilot[Any]) -> None:
    """The dashboard is complete and the findings (which come after it) are in."""
    app = pilot.app
    assert isinstance(app, ExportScopeApp)
    await wait_for(pilot, lambda: not app.loading)
    assert app.error is None, app.error
    await wait_for(pilot, lambda: bool(app.screen.query(PlatformCard)))
    await wait_for(pilot, lambda: app.result is not None and app.result.findings is not None)


class Gate:
    """An analyze() stand-in that reports progress, then blocks until released or cancelled."""

    def __init__(self, then_real: bool = True) -> None:
        self.release = threading.Event()
        self.reported = threading.Event()
        self.cancelled = threading.Event()
        self.then_real = then_real

    def __call__(self, paths: Any, options: Options, *, progress: Any, cancel: threading.Event) -> Any:
        progress(Progress(0, 7, ""))
        progress(Progress(3, 7, "messages.csv"))
        self.reported.set()
        while not self.release.wait(0.01):
            if cancel.is_set():
                self.cancelled.set()
                raise Cancelled()
        return analyze(paths, options, progress=progress, cancel=cancel)


@aio
async def test_loading_shows_progress_then_fills_the_dashboard(archive: Path) -> None:
    gate = Gate()
    app = ExportScopeApp([archive], tui_archive.OPTIONS, analyze_fn=gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, gate.reported.is_set)
        await wait_for(pilot, lambda: "3/7 files" in screen_text(app))
        text = screen_text(app)
        assert "Reading Complete_LinkedInDataExport_03-09-2026.zip…" in text
        assert "3/7 files · reading messages.csv" in text
        assert "43%" in text
        assert app.loading and not app.query(PlatformCard)
        gate.release.set()
        await loaded(pilot)
        # The to-do list tops the dashboard; the card below it is read by scrolling to its top, then its end.
        assert "of your items" in screen_text(app) or app.screen.query_one("#todo").display
        cards = app.screen.query_one("#cards")
        cards.scroll_to_widget(app.screen.query_one(PlatformCard), animate=False, top=True)
        await pilot.pause()
        text = screen_text(app)
        cards.scroll_end(animate=False)
        await pilot.pause()
        text += screen_text(app)
        assert "● Used for AI training: 15 items, 60 words" in text
        assert "post 6 · profile field 6 · comment 3" in text
        assert "○ Excluded (private messages): 4 messages in 2 conversations" in text
        assert "· Not used for training: 4 items, 18 words" in text
        assert "    connection 3 · profile field 1" in text
        assert "Findings: none" in text  # no e-mail, phone or address in the public text
        assert "ⓘ Not recognized: Mystery_Feature.csv" in text
        assert "⚠ Failed: Invitations.csv: inflates past the size" in text  # the reason wraps at 80 columns
        assert "in force since 3 November 2025 in" in text  # the scroll bar makes the card wrap "region"
        assert "Eligible per year ▃▃▆▆█  2021–2025 · peak 2025: 3 · 6 undated" in text
        assert "3/7 files" not in text  # the progress bar is gone


@aio
async def test_a_key_is_handled_while_loading(archive: Path) -> None:
    gate = Gate()
    app = ExportScopeApp([archive], tui_archive.OPTIONS, analyze_fn=gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, gate.reported.is_set)
        await press_into(pilot, "question_mark", HelpScreen)
        assert app.loading
        await pilot.press("escape")
        await pilot.press("b")  # the browser waits for the data, and says so
        await pilot.pause()
        assert not isinstance(app.screen, BrowserScreen)
        gate.release.set()
        await loaded(pilot)


@aio
async def test_quit_mid_load_cancels_and_exits_at_once(archive: Path) -> None:
    gate = Gate()
    app = ExportScopeApp([archive], tui_archive.OPTIONS, analyze_fn=gate)
    started = time.monotonic()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, gate.reported.is_set)
        await pilot.press("q")
        await pilot.pause()
    assert time.monotonic() - started < 5
    assert app.loader.cancel.is_set()
    assert gate.cancelled.wait(2)  # the analysis saw the cancel event and stopped
    assert app.return_code == 0


@aio
async def test_ctrl_c_quits_mid_load(archive: Path) -> None:
    gate = Gate()
    app = ExportScopeApp([archive], tui_archive.OPTIONS, analyze_fn=gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, gate.reported.is_set)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.loader.cancel.is_set()


@aio
async def test_unusable_input_is_shown_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "notes.zip"
    bad.write_bytes(b"this is not a zip file")
    app = ExportScopeApp([bad], Options())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.loading)
        assert app.error is not None
        assert "Could not read the archive:" in screen_text(app)
        assert "notes.zip" in screen_text(app)


@aio
async def test_tree_navigation_narrows_the_table(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(ItemTable)
        assert table.row_count == 23  # the focused card's platform: every LinkedIn item
        await pilot.press("t")
        tree = screen.query_one("#tree", Tree)
        assert tree.has_focus
        # Root, LinkedIn, training, post: three steps down, then choose.
        tree.move_cursor(tree.root)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert screen.filter == Filter(platform="linkedin", verdict="training", kind="post")
        assert table.row_count == 6
        assert "Items: 6 of 23 · LinkedIn › training › post" in screen_text(app)
        await pilot.press("up", "enter")  # the verdict branch
        await pilot.pause()
        assert table.row_count == 15
        await pilot.press("x")
        await pilot.pause()
        assert screen.filter == Filter()
        assert table.row_count == 23


@aio
async def test_search_filters_rows_and_tree_counts(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await wait_for(
            pilot, lambda: isinstance(app.screen, BrowserScreen) and app.screen.query_one("#search").has_focus
        )
        await pilot.press(*"berlin", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(ItemTable)
        assert table.has_focus
        assert table.row_count == 2
        labels = {str(node.label) for node in screen.query_one(VerdictTree).nodes.values()}
        assert "2 All items" in labels
        assert "1 post" in labels and "1 profile field" in labels
        assert "○ 0 excluded" in labels  # the branch stays, with its count for this search
        text = screen_text(app)
        assert 'Items: 2 of 23 · all items · "berlin"' in text
        assert "Café opening in Berlin" in text


@aio
async def test_search_types_live_with_a_short_delay(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "slash", BrowserScreen)
        await pilot.press(*"pycon")
        table = app.screen.query_one(ItemTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        await pilot.press("escape")  # leaves the search box, the search applied: the keys are the table's
        await wait_for(pilot, lambda: table.has_focus)
        assert table.row_count == 1
        await pilot.press("x")  # clears it
        await wait_for(pilot, lambda: table.row_count == 23)


@aio
async def test_year_filter(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen = app.screen
        year = screen.query_one("#year", Select)
        assert [o[1] for o in year._options if isinstance(o[1], int)] == [2025, 2024, 2023, 2022, 2021]
        year.value = 2024
        await pilot.pause()
        table = screen.query_one(ItemTable)
        assert table.row_count == 6  # a post, a comment, two messages, two connections
        assert [r[3] for r in ItemQuery.page(table._view, 0, 6)] == [
            "post", "message", "message", "connection", "connection", "comment"
        ]  # fmt: skip
        assert screen.filter.year == 2024
        labels = {str(node.label) for node in screen.query_one(VerdictTree).nodes.values()}
        assert "2 connection" in labels


@aio
async def test_detail_shows_full_text_source_and_why(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        screen = app.screen
        # Newest first: two messages, the markup post, a comment, a connection, then the Café post.
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        detail = screen.query_one("#detail")
        assert detail.has_focus
        body = str(screen.query_one("#detail-body", Static).content)
        assert "Café opening in Berlin, come by!" in body
        assert "Shares.csv row 2 · 2025-03-12 08:05 UTC · 6 words" in body
        assert "visibility public" in body
        # exportscope's explanation, then the source; never a rule id or a rule-book file name.
        assert "Why: Used for AI training. Posts are member content, which LinkedIn uses to train" in body
        assert (
            "Source: LinkedIn European Regional Privacy Notice, https://www.linkedin.com/legal/privacy/eu, "
            "in effect from 3 November 2025 (checked 3 December 2026)"
        ) in body
        assert "linkedin.shares" not in body and "classification.md" not in body
        await pilot.press("z")  # the detail pane takes the whole screen, esc gives it back
        await pilot.pause()
        assert screen.maximized is detail
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None
        assert isinstance(app.screen, BrowserScreen)


@aio
async def test_markup_in_archive_text_is_shown_literally(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "b", BrowserScreen)
        await pilot.press("down", "down")  # below the two newer messages
        await pilot.pause()
        text = screen_text(app)
        # In the table and in the detail pane, exactly as typed.
        assert "Release notes: [bold]not bold[/bold] and [link=https://x]not a link[/link]" in text
        body = app.screen.query_one("#detail-body", Static).content
        assert tui_archive.MARKUP_POST in str(body)
        # And no span made anything bold or a link: the post's text carries no style of its own.
        visual = app.screen.query_one("#detail-body", Static).visual
        plain = visual.plain
        start = plain.index("Release notes")
        styled = [s for s in visual.spans if s.start < start + len(tui_archive.MARKUP_POST) and s.end > start]
        assert styled == []


@aio
async def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    from exportscope.tui.text import clean, one_line

    assert clean("a\x1b[31mred\x07") == "a␛[31mred␇"
    assert one_line("line one\nline two\r\n\tx") == "line one ⏎ line two ⏎  x"


@aio
async def test_export_items_csv(archive: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    app = ExportScopeApp([archive], tui_archive.OPTIONS, export_dir=out_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "e", ExportDialog)
        dialog = app.screen
        path_input = dialog.query_one("#path", Input)
        assert path_input.value == str(out_dir / "exportscope-report.html")  # reports come first
        dialog.query_one("#format", Select).value = "items:jsonl"
        await pilot.pause()
        assert path_input.value == str(out_dir / "exportscope-items.jsonl")
        dialog.query_one("#format", Select).value = "items:csv"
        await pilot.pause()
        await pilot.click("#export")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
    written = pl.read_csv(out_dir / "exportscope-items.csv")
    assert written.height == 23
    assert tuple(written.columns) == ITEM_EXPORT_COLUMNS  # the same writer as `exportscope items`
    assert tui_archive.MARKUP_POST in written.get_column("text").to_list()


@aio
async def test_export_refuses_to_overwrite_unless_asked(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "exportscope-items.csv"
    target.write_text("keep me")
    app = ExportScopeApp([archive], tui_archive.OPTIONS, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "e", ExportDialog)
        app.screen.query_one("#format", Select).value = "items:csv"
        await pilot.pause()
        await pilot.press("enter")  # submit the path field
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "exists; tick 'Replace'" in str(app.screen.query_one("#message", Static).content)
        assert target.read_text() == "keep me"
        await pilot.click("#overwrite")
        await pilot.pause()
        assert "Replace the file if it exists: yes" in screen_text(app)
        await pilot.click("#export")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
    assert pl.read_csv(target).height == 23


@aio
async def test_opt_out_panel_copies_and_opens_on_request(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    copied: list[str] = []
    app = ExportScopeApp([archive], tui_archive.OPTIONS, opener=lambda url: opened.append(url) is None)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: copied.append(text))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "o", OptOutScreen)
        panel = app.screen.query_one(OptOutPanel)
        assert panel.has_focus
        text = str(panel.content)
        path = "Settings & Privacy > Data privacy > How LinkedIn uses your data > Data for Generative AI Improvement"
        assert f"Where: {path}" in text
        url = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
        assert f"Link (c copies it, enter opens it):\n{url}" in text
        assert "it does not undo training already done" in text
        assert opened == []  # never by itself
        await pilot.press("c")
        await pilot.press("enter")
        await pilot.pause()
        url = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
        assert copied == [url]
        assert opened == [url]
        assert any(n.message.startswith("Opened in your browser") for n in app._notifications)


@aio
async def test_opt_out_link_without_a_browser_is_copied_and_never_said_to_open(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    app = ExportScopeApp([archive], tui_archive.OPTIONS, opener=lambda url: False)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: copied.append(text))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "o", OptOutScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(copied))
        messages = [n.message for n in app._notifications]
        assert not any("Open" in m for m in messages), messages
        assert any("No browser can open from here" in m for m in messages)


@aio
async def test_help_lists_every_key(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(80, 60)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "question_mark", HelpScreen)
        text = screen_text(app)
        for key, what in [("q", "Quit"), ("b", "Browse"), ("/", "Search"), ("o", "Opt out"), ("e", "Export"),
                          ("f", "Findings"), ("x", "Clear"), ("z", "Zoom"), ("c", "Copy link")]:  # fmt: skip
            assert f"  {key:<12}{what}" in text, (key, what)


@aio
async def test_command_palette_lists_actions(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Browse items", "Search items", "Opt out", "Findings", "Export", "Keys", "Answers",
                      "Worklist", "Screenshot", "Theme", "Quit"):  # fmt: skip
            assert title in titles
        assert len(titles) == len(set(titles)), titles  # "Keys" once: ours, which lists every screen's keys
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Show items excluded from training")
        command.callback()
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        assert app.screen.query_one(ItemTable).row_count == 4


@aio
async def test_palette_screenshot_is_saved_where_exports_go_owner_only(archive: Path, tmp_path: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS, export_dir=tmp_path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Capture d'écran", "Thème", "Quitter", "Touches"} <= set(titles)
        assert not {"Screenshot", "Theme", "Quit", "Keys"} & set(titles)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Capture d'écran")
        command.callback()
        command.callback()
        await pilot.pause()
    shots = sorted(tmp_path.glob("*.svg"))
    assert [p.name for p in shots] == ["exportscope-screenshot-2.svg", "exportscope-screenshot.svg"]
    assert shots[0].read_text(encoding="utf-8").startswith("<svg")
    assert shots[0].stat().st_mode & 0o077 == 0
    assert any(n.title == "Capture enregistrée" for n in app._notifications)


@aio
async def test_table_shows_a_platform_column_when_there_are_several(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from textual.app import App, ComposeResult

    from exportscope.query import ItemQuery

    frame = pl.DataFrame(
        {
            "platform": ["linkedin", "facebook"],
            "source": ["Shares.csv", "your_posts_1.json"],
            "kind": ["post", "post"],
            "verdict": ["training", "conditional"],
            "visibility": ["public", "unknown"],
            "timestamp": [datetime(2025, 1, 2, 3, 4, tzinfo=UTC), datetime(2024, 5, 6, 7, 8, tzinfo=UTC)],
            "text": ["on linkedin", "on facebook"],
            "words": [2, 2],
            "rule": ["linkedin.shares", "facebook.posts"],
        }
    )

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ItemTable()

    app = TableApp()
    async with app.run_test(size=(100, 6)) as pilot:
        table = app.query_one(ItemTable)
        table.platform_labels = {"linkedin": "LinkedIn", "facebook": "Facebook"}
        table.set_view(ItemQuery(frame).select(Filter()))
        await pilot.pause()
        lines = screen_text(app).splitlines()  # type: ignore[arg-type]
        assert lines[0].split() == ["when", "▼", "platform", "kind", "verdict", "text", "(2", "items)"]  # newest first
        # when (16), platform (9), kind (14 from 100 columns), verdict (the longest word and its mark), text
        assert lines[1].startswith("2025-01-02 03:04 LinkedIn  post           ● training  on linkedin")
        assert lines[2].startswith("2024-05-06 07:08 Facebook  post           ◐ if public on facebook")


@aio
async def test_table_pages_lazily_through_many_rows(tmp_path: Path) -> None:
    """A 30,000-row selection: the table draws what is on screen; End and PageUp move the cursor."""
    from datetime import UTC, datetime

    from exportscope.query import ItemQuery

    size = 30_000
    frame = pl.DataFrame(
        {
            "platform": ["linkedin"] * size,
            "source": ["Comments.csv"] * size,
            "kind": ["comment"] * size,
            "verdict": ["training"] * size,
            "visibility": ["public"] * size,
            "timestamp": [datetime(2020, 1, 1, tzinfo=UTC)] * size,
            "text": [f"comment {i:05d}" for i in range(size)],
            "words": [2] * size,
            "rule": ["linkedin.comments"] * size,
        }
    )
    query = ItemQuery(frame)

    from textual.app import App, ComposeResult

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ItemTable()

    app = TableApp()
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(ItemTable)
        table.set_view(query.select(Filter()))
        table.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == size - 1
        assert table.current_id == size - 1
        assert "comment 29999" in screen_text(app)  # type: ignore[arg-type]
        await pilot.press("pageup")
        await pilot.pause()
        page = table.scrollable_content_region.height - 2  # the visible rows less one, for context
        assert page >= 8
        assert table.cursor == size - 1 - page
        assert len(table._blocks) <= 2  # only the blocks on screen were fetched


def test_run_is_the_cli_entry_point(monkeypatch: pytest.MonkeyPatch, archive: Path) -> None:
    from exportscope.tui import app as app_mod

    seen: list[tuple[list[Path], Options]] = []
    monkeypatch.setattr(app_mod.ExportScopeApp, "run", lambda self: seen.append((self.paths, self.options)))
    app_mod.run([archive], tui_archive.OPTIONS)
    assert seen == [([archive], tui_archive.OPTIONS)]


def test_textual_stays_out_of_the_core() -> None:
    import subprocess
    import sys

    code = (
        "import sys, exportscope.query, exportscope.explain, exportscope.pipeline, exportscope.summary;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _two_exports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Two LinkedIn zips read as two exports (of two accounts, as far as exportscope can tell), so results
    arrive in two steps."""
    from exportscope.identity import AccountIdentity, Identifier
    from exportscope.platforms.linkedin import LinkedIn

    monkeypatch.setattr(
        LinkedIn, "account", lambda self, source: AccountIdentity("linkedin", email=Identifier(source.name, "x"))
    )
    monkeypatch.setattr("exportscope.plan._fingerprint", lambda source: frozenset())
    first = tui_archive.build(tmp_path)
    second_dir = tmp_path / "second"
    second_dir.mkdir()
    second = second_dir / "Basic_LinkedInDataExport_03-08-2026.zip"
    tui_archive.build(second_dir).rename(second)
    return [first, second]


def test_pipeline_reports_each_export_but_the_last(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = _two_exports(monkeypatch, tmp_path)
    partials: list[int] = []
    final = analyze(paths, tui_archive.OPTIONS, on_export=lambda a: partials.append(a.items.height))
    assert partials == [23]
    assert final.items.height == 46
    assert analyze(paths, tui_archive.OPTIONS).items.height == 46  # unchanged without the hook


@aio
async def test_dashboard_fills_as_each_export_arrives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = _two_exports(monkeypatch, tmp_path)
    reached, release = threading.Event(), threading.Event()

    def analyze_fn(paths: Any, options: Options, *, progress: Any, cancel: Any, on_export: Any) -> Any:
        def hook(partial: Any) -> None:
            on_export(partial)
            reached.set()
            release.wait(10)

        return analyze(paths, options, progress=progress, cancel=cancel, on_export=hook)

    app = ExportScopeApp(paths, tui_archive.OPTIONS, analyze_fn=analyze_fn)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, reached.is_set)
        await wait_for(pilot, lambda: bool(app.screen.query(PlatformCard)))
        text = screen_text(app)
        assert "23 items in 1 platform export so far; still reading…" in text
        assert app.loading
        release.set()
        await loaded(pilot)
        assert "46 items in 2 platform exports" in screen_text(app)
        assert len(app.screen.query(PlatformCard)) == 2  # two accounts of one platform: a card each
