"""The comparison of two exports of one account (``exportscope diff``), when the inputs hold both.

It shows the same text as ``exportscope diff`` in the app's language, literally (never as markup): items
added, removed and changed per kind and verdict, and the verdicts a policy changed between the two dates.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from exportscope import i18n
from exportscope.tui.text import localize_bindings
from exportscope.tui.widgets.keys import KeyFooter


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
