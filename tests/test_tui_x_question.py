"""X's question in the answers dialog (issue 21): "are your posts protected?" is asked in place, like the
Facebook audience, and an answer re-classifies at once (the archive is not read again). The dialog fits an
80x24 terminal: it scrolls, and its buttons are reached with the keyboard.
"""

from __future__ import annotations

from textual.widgets import Button, Select

from exportscope.pipeline import Options
from exportscope.samples import sample_paths
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.answers import AnswersScreen
from tests.test_tui import aio, loaded, press_into, screen_text, wait_for
from tests.test_tui_actions import OPTIONS, CountingAnalyze, _totals

X_2025 = [p for p in sample_paths() if p.parent.name == "x-2025"]


@aio
async def test_answering_x_protected_changes_the_totals_without_reading_again() -> None:
    counting = CountingAnalyze()
    app = ExportScopeApp(X_2025, OPTIONS, analyze_fn=counting)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        before = _totals(app, "x")
        await press_into(pilot, "a", AnswersScreen)
        screen = app.screen
        assert isinstance(screen, AnswersScreen)
        question = screen.query_one("#q-x-protected", Select)
        assert question.value == "unknown"  # nothing answered yet
        question.focus()
        await pilot.pause()
        assert "Are your X posts protected" in screen_text(app)  # scrolled into view at 80x24
        question.value = "yes"
        await pilot.pause()
        apply = screen.query_one("#apply", Button)
        apply.focus()  # the buttons sit below the fold at 80x24: focus scrolls them into view
        await wait_for(pilot, lambda: "Apply" in screen_text(app))  # the scroll may take a few frames
        await pilot.press("enter")
        await wait_for(pilot, lambda: _totals(app, "x") != before)
        after = _totals(app, "x")
        # Protected posts are not used: training and "used if public" fall, "not used" rises by as much.
        assert after["not_used"] > before["not_used"]
        assert after["training"] < before["training"]
        assert sum(after.values()) == sum(before.values())
        assert counting.calls == 1
        assert dict(app.options.answers) == {"x.protected": "yes"}
        assert app.result is not None
        assert app.result.summary.answers["flags"] == "--x-protected yes"
        assert app.result.summary.answers["questions"] == {"x.protected": "yes"}
        # Asking again shows the answer given; "no" makes the posts public again, which is what this archive's
        # protected-history.js says (unprotected on 2024-12-01): the totals are the archive's own again.
        await press_into(pilot, "a", AnswersScreen)
        again = app.screen
        assert again.query_one("#q-x-protected", Select).value == "yes"
        again.query_one("#q-x-protected", Select).value = "no"
        again.query_one("#apply", Button).press()
        await wait_for(pilot, lambda: _totals(app, "x") != after)
        assert _totals(app, "x") == before
        assert app.result.summary.answers["flags"] == "--x-protected no"


@aio
async def test_the_x_question_is_not_asked_without_an_x_archive() -> None:
    linkedin = [p for p in sample_paths() if p.parent.name == "linkedin-2026"]
    app = ExportScopeApp(linkedin, Options(as_of=OPTIONS.as_of))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "a", AnswersScreen)
        assert not app.screen.query("#q-x-protected")
        assert not app.screen.query("#opted-x")
