"""The comparison of two exports of one account (``exportscope diff``), when the inputs hold both.

It shows the same text as ``exportscope diff`` in the app's language, literally (never as markup): items
added, removed and changed per kind and verdict, and the verdicts a policy changed between the two dates.
:func:`offer` says, once loaded, that the inputs hold such a pair; :func:`start` (the palette's *Compare the two
exports*) reads both on a thread and opens the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from exportscope import i18n
from exportscope.tui.text import localize_bindings, tr
from exportscope.tui.widgets.keys import KeyFooter

if TYPE_CHECKING:
    from exportscope.tui.app import ExportScopeApp


def offer(app: ExportScopeApp) -> None:
    """Two exports of one account among the inputs: remember them and say that the palette compares them."""
    from exportscope.actions.pairs import comparable_exports

    if app.result is not None and (pair := comparable_exports(app.result.analysis)) is not None:
        app.comparable = pair
        app.notify(tr("compare_offer", app.lang), markup=False, timeout=8)


def start(app: ExportScopeApp) -> None:
    """Compare the two exports on a thread (both are read again), then show the comparison."""
    if app.require("what_compare") is None:
        return
    if app.comparable is None:
        app.notify(tr("compare_none", app.lang), markup=False)
        return
    app.notify(tr("compare_running", app.lang), markup=False)
    app.run_worker(lambda: _compare(app), thread=True, exclusive=True, group="compare")


def _compare(app: ExportScopeApp) -> None:
    from exportscope.actions.diff import compare
    from exportscope.actions.diff_render import render_text
    from exportscope.archive import InputError

    assert app.comparable is not None
    _, old, new = app.comparable
    try:
        text = render_text(compare(old, new, app.options), app.lang)
    except InputError as exc:  # two accounts after all, or an unreadable export
        app.call_from_thread(app.notify, str(exc), title=tr("compare_failed", app.lang), markup=False)
        return
    app.call_from_thread(app.push_screen, ComparisonScreen(text, app.lang))


class ComparisonScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    ComparisonScreen #comparison { padding: 0 1; }
    """

    def __init__(self, text: str, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.text = text
        self.lang = lang
        localize_bindings(self._bindings, lang)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with VerticalScroll():
            yield Static(self.text, markup=False, id="comparison")
        yield KeyFooter(self.lang)
