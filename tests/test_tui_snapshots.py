"""Snapshots of every screen and dialog of ``exportscope inspect``, on the bundled samples (``sample_exports/``,
the real readers' formats: LinkedIn 2026, Facebook, Instagram with Threads, WhatsApp) and on the small fixture
export (tests/tui_archive.py) for what the samples do not have: a corrupt member, markup in a post, loading.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at
the SVGs (``tests/__snapshots__/test_tui_snapshots/``) before committing them. The archives, the as-of date and
the export folder are fixed, so the pictures only change when the UI or the classification does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from exportscope.pipeline import Options
from exportscope.samples import demo, samples_dir
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.export import ExportDialog
from tests import tui_archive
from tests.test_tui import Gate, loaded, wait_for

EXPORT_DIR = Path("/home/ada/exports")
LARGE = (160, 48)
AS_OF = Options(as_of=tui_archive.AS_OF)  # 2026-11-29, pinned so "in force since" never moves

LINKEDIN = ["linkedin-2026/Complete_LinkedInDataExport_03-09-2026.zip"]
# Facebook, Instagram (+Threads), WhatsApp
DEMO = demo()
META_WHATSAPP = [rel for rel in DEMO if not rel.startswith(("linkedin", "x-"))]
META = [rel for rel in DEMO if rel.startswith(("facebook", "instagram"))]
X = [rel for rel in DEMO if rel.startswith("x-")]  # the 2025 X archive


def samples(rels: list[str], lang: str = "en") -> ExportScopeApp:
    root = samples_dir()
    return ExportScopeApp([root / rel for rel in rels], AS_OF, export_dir=EXPORT_DIR, lang=lang)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A focused text box shows its cursor all the time in these pictures. It blinks every 0.5 s: on a busy
    machine the picture was taken in either half of the blink, and ``test_matrix[export-160x48-fr]`` failed
    once for a cursor it did not show. The cursor's place is still in every picture (a box that loses the
    focus still hides it: Textual's own blur handling, untouched)."""
    from textual.widgets import Input

    def steady(self: Input) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", steady)


@pytest.fixture
def app(tmp_path: Path) -> ExportScopeApp:
    return ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, export_dir=EXPORT_DIR)


async def _browser(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))


def test_dashboard(snap_compare: Any, app: ExportScopeApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


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


def test_help(snap_compare: Any, app: ExportScopeApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_findings_markup_is_literal(snap_compare: Any, app: ExportScopeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings whose values and snippets hold markup: shown as typed, never as styles."""
    found = [
        {
            "type": "phone",
            "platform": "linkedin",
            "count": 2,
            "distinct": 2,
            "examples": [
                {"value": "+49 30 1234567", "source": "Shares.csv", "row": 4, "kind": "post",
                 "timestamp": "2023-06-02T09:00:00Z", "text": "call me on +49 30 1234567"},
                {"value": "[b]030 555[/b]", "source": "Comments.csv", "row": 2, "kind": "comment",
                 "timestamp": None, "text": "[red]030 555[/red] [link=x]here[/link]"},
            ],
        },
        {"type": "email", "platform": "linkedin", "count": 1, "distinct": 1,
         "examples": [{"value": "ada@example.org", "source": "Profile.csv", "row": 1}]},
    ]  # fmt: skip
    monkeypatch.setattr("exportscope.tui.loader.find_findings", lambda analysis, cancel=None: found)

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("f")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# --- the bundled samples ------------------------------------------------------------------------------------


def test_sample_linkedin_dashboard(snap_compare: Any) -> None:
    """LinkedIn 2026: 17 kinds used for training, messages excluded, a file no rule knows."""
    assert snap_compare(samples(LINKEDIN), terminal_size=(100, 30), run_before=loaded)


def test_sample_meta_whatsapp_dashboard(snap_compare: Any) -> None:
    """Facebook, Instagram, Threads and WhatsApp at 80x24: the cards stack and scroll."""
    assert snap_compare(samples(META_WHATSAPP), terminal_size=(80, 24), run_before=loaded)


def test_sample_meta_whatsapp_dashboard_large(snap_compare: Any) -> None:
    """The same on a large terminal: cards side by side, findings counted on the Meta cards."""
    assert snap_compare(samples(META_WHATSAPP), terminal_size=LARGE, run_before=loaded)


def test_sample_x_dashboard(snap_compare: Any) -> None:
    """X 2025: posts used (the account was unprotected), Grok chats used, DMs excluded, the manifest checked."""
    assert snap_compare(samples(X), terminal_size=(100, 34), run_before=loaded)


def test_sample_opt_out_x(snap_compare: Any) -> None:
    """From the X card: the Grok data-sharing setting, protecting posts, Grok history, the EU/UK objection."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("o")

    assert snap_compare(samples(X), terminal_size=(100, 40), run_before=run_before)


def test_sample_dashboard_french(snap_compare: Any) -> None:
    assert snap_compare(samples(LINKEDIN, lang="fr"), terminal_size=(100, 30), run_before=loaded)


async def _search(pilot: Pilot[Any], text: str) -> None:
    await loaded(pilot)
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))
    await pilot.press(*text, "enter")


def test_sample_browser_search(snap_compare: Any) -> None:
    """Every sample, "lisbonne": a Facebook post and its two photos; the tree counts follow the search."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _search(pilot, "lisbonne")

    assert snap_compare(samples(list(DEMO)), terminal_size=(130, 34), run_before=run_before)


def test_sample_detail_facebook_conditional_post(snap_compare: Any) -> None:
    """A Facebook post whose audience the export does not record: used if public, and why."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _search(pilot, "lisbonne")  # the post first, then its two photos
        await pilot.press("enter", "z")

    assert snap_compare(samples(META_WHATSAPP), terminal_size=(80, 24), run_before=run_before)


def test_sample_detail_whatsapp_meta_ai_chat(snap_compare: Any) -> None:
    """A message to Meta AI in a WhatsApp chat export: an AI chat, used for training in every region."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await _search(pilot, "leeks")
        await pilot.press("enter", "z")

    assert snap_compare(samples(META_WHATSAPP), terminal_size=(80, 24), run_before=run_before)


def test_sample_opt_out_meta(snap_compare: Any) -> None:
    """From the Facebook card: the objection form, and Facebook's "Limit who can see past posts"."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "card-facebook"
        await pilot.press("o")

    assert snap_compare(samples(META_WHATSAPP), terminal_size=(80, 24), run_before=run_before)


def test_sample_opt_out_linkedin(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("o")

    assert snap_compare(samples(LINKEDIN), terminal_size=(80, 24), run_before=run_before)


def test_sample_export_dialog_formats(snap_compare: Any) -> None:
    """The export dialog with its format list open: the three reports, then the three item tables."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
        pilot.app.screen.query_one("#format").focus()
        await pilot.press("enter")

    assert snap_compare(samples(LINKEDIN), terminal_size=(80, 24), run_before=run_before)


def test_sample_findings(snap_compare: Any) -> None:
    """Real findings from the Meta samples: GPS in post metadata, an upload IP, EXIF GPS and camera."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("f")

    assert snap_compare(samples(META), terminal_size=(100, 44), run_before=run_before)


# --- issue 16: the to-do list, answers, links, the worklist ------------------------------------------------

ALL = list(DEMO)


async def _todo_focused(pilot: Pilot[Any]) -> None:
    from textual.widgets import SelectionList

    await loaded(pilot)
    # The dashboard gives its first card the focus after a refresh: take it only once that has happened.
    await wait_for(pilot, lambda: getattr(pilot.app.focused, "platform", None) is not None)
    pilot.app.screen.query_one("#todo").query_one(SelectionList).focus()
    pilot.app.screen.query_one("#cards").scroll_home(animate=False)
    await pilot.press("down")  # the second action: its path and link show below the list
    await pilot.pause()


def test_sample_todo_dashboard(snap_compare: Any) -> None:
    assert snap_compare(samples(ALL), terminal_size=(80, 24), run_before=_todo_focused)


def test_sample_todo_dashboard_large(snap_compare: Any) -> None:
    assert snap_compare(samples(ALL), terminal_size=LARGE, run_before=_todo_focused)


def test_sample_answers(snap_compare: Any) -> None:
    from exportscope.tui.screens.answers import AnswersScreen

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AnswersScreen))
        await pilot.pause()

    assert snap_compare(samples(ALL), terminal_size=(80, 24), run_before=run_before)


def test_sample_answers_x_question(snap_compare: Any) -> None:
    """The answers dialog at 80x24 scrolled down to X's question (are your posts protected?)."""
    from exportscope.tui.screens.answers import AnswersScreen

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AnswersScreen))
        pilot.app.screen.query_one("#q-x-protected").focus()
        await pilot.pause()

    assert snap_compare(samples(ALL), terminal_size=(80, 24), run_before=run_before)


def _worklist_before(marks: int) -> Any:
    from exportscope.tui.screens.worklist import WorklistScreen

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, WorklistScreen) and bool(pilot.app.screen.entries))
        for _ in range(marks):
            await pilot.press("space", "down")
        await pilot.pause()

    return run_before


def test_sample_worklist(snap_compare: Any) -> None:
    assert snap_compare(samples(ALL), terminal_size=(80, 24), run_before=_worklist_before(2))


def test_sample_worklist_large(snap_compare: Any) -> None:
    assert snap_compare(samples(ALL), terminal_size=LARGE, run_before=_worklist_before(3))


def test_sample_detail_linkedin_post_link(snap_compare: Any) -> None:
    from exportscope.query import Filter

    async def run_before(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        pilot.app.action_browse(Filter(platform="linkedin", kind="post"))  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))
        await pilot.pause()

    assert snap_compare(samples(LINKEDIN), terminal_size=(100, 30), run_before=run_before)


# --- issue 18: every main screen at 80x24 and 160x48, in English and French, on every sample -----------------


async def _open(pilot: Pilot[Any], screen: str) -> None:
    from exportscope.tui.screens.findings import FindingsScreen
    from exportscope.tui.screens.help import HelpScreen
    from exportscope.tui.screens.timeline import TimelineScreen
    from exportscope.tui.screens.worklist import WorklistScreen

    app = pilot.app
    await loaded(pilot)
    await wait_for(pilot, lambda: getattr(app, "findings_at", None) is not None)  # the cards' findings lines
    if screen == "dashboard":
        return
    key, target = {
        "browser": ("b", BrowserScreen),
        "details": ("b", BrowserScreen),
        "findings": ("f", FindingsScreen),
        "export": ("e", ExportDialog),
        "help": ("question_mark", HelpScreen),
        "timeline": ("m", TimelineScreen),
        "worklist": ("w", WorklistScreen),
    }[screen]
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, target))
    if screen == "details":
        await pilot.press("down", "enter", "z")
    if screen == "worklist":
        await wait_for(pilot, lambda: bool(app.screen.entries))  # type: ignore[attr-defined]
    # The offer to compare the two X exports is a toast that times out: on a busy machine it may be gone or
    # not, so the pictures leave it out (test_tui_compare_letter tests the offer).
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), LARGE], ids=["80x24", "160x48"])
@pytest.mark.parametrize(
    "screen", ["dashboard", "browser", "details", "findings", "export", "help", "timeline", "worklist"]
)
def test_matrix(snap_compare: Any, screen: str, size: tuple[int, int], lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _open(pilot, screen)

    assert snap_compare(samples(ALL, lang=lang), terminal_size=size, run_before=run_before)
