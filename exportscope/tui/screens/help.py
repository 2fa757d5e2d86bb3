"""``?``: every key, listed from the bindings themselves so the help can never drift from what the keys do."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from exportscope import i18n
from exportscope.tui.text import key_text, localize_bindings, tr
from exportscope.tui.widgets.keys import KeyFooter

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "enter": "enter",
    "tab": "tab",
}


def key_label(keys: str) -> str:
    return ", ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def bindings_section(title: str, bindings: Iterable[BindingType], lang: str = i18n.DEFAULT_LANG) -> list[Content]:
    lines = [Content.assemble((title, "bold underline"))]
    seen: set[str] = set()
    for b in bindings:
        if not isinstance(b, Binding) or not b.description or b.description in seen:
            continue
        seen.add(b.description)
        lines.append(Content.assemble((f"  {key_label(b.key):<12}", "bold $accent"), key_text(b.description, lang)))
    return lines


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]], lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.sections = sections
        self.lang = lang
        localize_bindings(self._bindings, lang)

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        for title, bindings in self.sections:
            lines += bindings_section(title, bindings, self.lang)
            lines.append(Content(""))
        lines.append(Content(tr("palette_hint", self.lang)))
        with VerticalScroll() as box:
            box.border_title = tr("keys_title", self.lang)
            box.border_subtitle = tr("esc_closes", self.lang)
            yield Static(Content("\n").join(lines))
        yield KeyFooter(self.lang)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
