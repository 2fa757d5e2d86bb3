"""Issue 18: the footer shows every key of the screen, at 80x24 and 160x48, in English and French.

Textual's footer scrolled the last keys out of sight at 80 columns; :class:`exportscope.tui.widgets.keys.KeyFooter`
wraps them. The walk below opens every screen and dialog of ``exportscope inspect`` on the bundled samples and
checks, on what the terminal really shows: every key the screen has (its active bindings that are shown, and
each of its own keys, which a focused widget must not hide) has a place in the footer; each place is on
screen whole (the widget under its first and last cell is the key itself: nothing covers or cuts it) and its
text is in the footer's lines as laid out.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from exportscope.pipeline import Options
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.answers import AnswersScreen
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.compare import ComparisonScreen
from exportscope.tui.screens.dashboard import DashboardScreen
from exportscope.tui.screens.export import ExportDialog
from exportscope.tui.screens.findings import FindingsScreen
from exportscope.tui.screens.help import HelpScreen
from exportscope.tui.screens.optout import OptOutPanel, OptOutScreen
from exportscope.tui.screens.timeline import TimelineScreen
from exportscope.tui.screens.worklist import WorklistExport, WorklistScreen
from exportscope.tui.widgets.detail import DetailPane
from exportscope.tui.widgets.keys import Entry, Key, KeyFooter, Wording, best, layout
from tests.test_diff import facebook_pair
from tests.test_tui import aio, loaded, screen_text, wait_for
from tests.test_tui_snapshots import ALL, samples

# --- the layout alone ---------------------------------------------------------------------------------------


def _entry(display: str, label: str) -> Entry:
    return Entry((Key(display, display, display, True, ""),), label)


def test_layout_wraps_in_order_and_leaves_room_for_the_palette() -> None:
    entries = [_entry(k, "word") for k in "abcdefgh"]  # 6 columns each, a gap between
    rows = layout(entries, width=20)
    assert [[e.keys[0].key for e in row] for row in rows] == [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]
    assert all(sum(e.width for e in row) + len(row) - 1 <= 20 for row in rows)
    # "g h" take 13 columns: a palette key of 6 (+ its border) still fits on their row, one of 8 does not.
    assert len(layout(entries, 20, reserved=6)) == 3
    assert layout(entries, 20, reserved=8)[-1] == []


def test_the_fewest_rows_win_and_a_tall_terminal_keeps_full_words() -> None:
    full = Wording(tuple(_entry(k, "a long description") for k in "abcd"), None)
    short = Wording(tuple(_entry(k, "short") for k in "abcd"), None)
    assert len(full.rows(50)) == 2 and len(short.rows(50)) == 1
    assert best([full, short], 50, height=24)[0] is short
    assert best([full, short], 50, height=48)[0] is full
    assert best([full, short], 200, height=24)[0] is full  # a tie: the full words


# --- every screen, as a person sees it ------------------------------------------------------------------------


def _keys(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",")]


def footer_problems(app: ExportScopeApp) -> list[str]:
    """What is wrong with the footer of the screen on top; empty when every key is in sight."""
    screen = app.screen
    footers = list(screen.query(KeyFooter))
    if len(footers) != 1 or footers[0].rows is None:
        return [f"{type(screen).__name__}: no footer laid out"]
    footer = footers[0]
    name = type(screen).__name__
    problems = []
    active = screen.active_bindings
    shown_keys = {key for key, (_, b, _, _) in active.items() if b.show}
    # The screen's own keys: a focused widget's hidden key of the same name must not take one out of sight.
    for b in type(screen).BINDINGS:
        if isinstance(b, Binding) and b.show:
            problems += [f"{name}: {k} is hidden" for k in _keys(b) if k in active and k not in shown_keys]
    # One place per action (as Textual's footer): the first shown key of each action.
    wanted, actions = [], set()
    for key, (_, b, _, _) in active.items():
        if b.show and b.action not in actions:
            actions.add(b.action)
            wanted.append(key)
    widgets = list(footer.query(FooterKey))
    placed = {w.key for w in widgets}
    problems += [f"{name}: {k} not in the footer" for k in wanted if k not in placed]
    width, height = app.size
    for w in widgets:
        r = w.region
        text = w.render().plain
        if r.width < cell_len(text) or r.right > width or r.bottom > height or r.width == 0:
            problems.append(f"{name}: {text!r} cut ({r})")
            continue
        for x in (r.x, r.right - 1):
            if screen.get_widget_at(x, r.y)[0] is not w:
                problems.append(f"{name}: {text!r} covered at {x},{r.y}")
    lines = screen_text(app).splitlines()[footer.region.y : footer.region.bottom]
    footer_text = "\n".join(lines)
    for row in footer.rows:
        for entry in row:
            words = " ".join([*(k.display for k in entry.keys), entry.label]).strip()
            if words not in footer_text:
                problems.append(f"{name}: {words!r} not in {footer_text!r}")
    return problems


async def footer_ok(pilot: Pilot[Any], screen: type) -> str:
    """Wait for ``screen`` and its footer; returns the footer's text after checking it."""
    app = pilot.app
    assert isinstance(app, ExportScopeApp)
    await wait_for(pilot, lambda: isinstance(app.screen, screen), timeout=30)
    with contextlib.suppress(AssertionError):  # the assertion below says what is wrong
        await wait_for(pilot, lambda: not footer_problems(app))
    assert footer_problems(app) == []
    footer = app.screen.query_one(KeyFooter)
    return "\n".join(screen_text(app).splitlines()[footer.region.y : footer.region.bottom])


async def home(pilot: Pilot[Any]) -> None:
    while len(pilot.app.screen_stack) > 1:
        pilot.app.pop_screen()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@aio
async def test_every_screen_shows_every_key(size: tuple[int, int], lang: str, tmp_path: Path) -> None:
    app = samples(ALL, lang=lang)
    seen: dict[str, str] = {}
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        seen["dashboard"] = await footer_ok(pilot, DashboardScreen)
        await pilot.press("b")
        seen["browser"] = await footer_ok(pilot, BrowserScreen)
        await pilot.press("down", "enter", "z")
        await wait_for(pilot, lambda: isinstance(app.screen.focused, DetailPane))
        seen["details"] = await footer_ok(pilot, BrowserScreen)
        await home(pilot)
        for key, screen in [
            ("f", FindingsScreen),
            ("e", ExportDialog),
            ("question_mark", HelpScreen),
            ("m", TimelineScreen),
            ("a", AnswersScreen),
        ]:
            await pilot.press(key)
            seen[screen.__name__] = await footer_ok(pilot, screen)
            await home(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WorklistScreen) and bool(app.screen.entries))
        seen["worklist"] = await footer_ok(pilot, WorklistScreen)
        await pilot.press("e")
        seen["worklist export"] = await footer_ok(pilot, WorklistExport)
        await home(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OptOutScreen))
        app.screen.query_one("#optout-linkedin", OptOutPanel).focus()  # a platform with a draft letter
        seen["letter"] = await footer_ok(pilot, OptOutScreen)
    # The comparison needs two exports of one account (the samples hold one of each).
    old, new = facebook_pair(tmp_path)
    app = ExportScopeApp([new, old], Options(workers=1), lang=lang)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.comparable is not None, timeout=30)
        app.action_compare()
        seen["compare"] = await footer_ok(pilot, ComparisonScreen)
    # The keys that matter most are there in words: the browser's sort, the worklist's marking, the letter.
    sort, mark, letter = {
        "en": ("Sort", "Mark", "(Draft letter|Letter)"),
        "fr": ("Trier", "Marquer", "(Brouillon de lettre|Lettre)"),
    }[lang]
    assert f"s S {sort}" in seen["browser"] or f"s {sort}" in seen["browser"], seen["browser"]
    assert f"space {mark}" in seen["worklist"], seen["worklist"]
    assert re.search(rf"\bl {letter}\b", seen["letter"]), seen["letter"]
    assert all(len(text.splitlines()) <= 3 for text in seen.values()), seen


@aio
async def test_the_command_palette_speaks_french(tmp_path: Path) -> None:
    """Its search box said "Search for commands…" on a French screen (Textual's own words)."""
    from tests import tui_archive

    app = ExportScopeApp([tui_archive.build(tmp_path)], tui_archive.OPTIONS, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: "Chercher une commande…" in screen_text(app))
        assert "Search for commands" not in screen_text(app)
