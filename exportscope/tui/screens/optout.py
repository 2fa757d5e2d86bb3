"""What a person can do: per platform, the exact setting, the link, what it stops and what it does not undo.

Facts come from ``schemas/policies.toml`` through :func:`exportscope.explain.opt_out`. Links are shown as
text to copy (``c`` copies through the terminal, ``enter`` opens the browser on request, never by itself).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from exportscope.explain import OptOut

_REGION_NAMES = {
    "eu": "EU/EEA",
    "uk": "United Kingdom",
    "ch": "Switzerland",
    "ca": "Canada",
    "hk": "Hong Kong",
    "us": "United States",
    "cn": "Mainland China",
    "kr": "South Korea",
    "other": "other regions",
}


def optout_content(o: OptOut) -> Content:
    region = _REGION_NAMES.get(o.region or "", "unknown region")
    lines = [
        Content.assemble(("Your region: ", "bold"), region, " — ", o.region_note),
        Content.assemble(("Setting: ", "bold"), o.setting),
        Content.assemble(("Where: ", "bold"), o.setting_path),
        Content.assemble(("Link", "bold"), " (c copies it, enter opens it):"),
        Content.assemble((o.url, "underline")),  # on its own line, so it can be selected whole
        Content.assemble(("What it does: ", "bold"), o.effect),
    ]
    if o.levers:
        lines.append(Content.assemble(("Other levers:", "bold")))
        lines += [Content(f"  • {lever}") for lever in o.levers]
    if o.notes:
        lines.append(Content.assemble(("Good to know:", "bold")))
        lines += [Content(f"  • {note}") for note in o.notes]
    if o.sources:
        lines.append(Content.assemble(("Sources:", "bold")))
        lines += [Content(f"  • {s.get('title', '')} {s.get('url', '')}") for s in o.sources]
    return Content("\n").join(lines)


class OptOutPanel(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy link"),
        Binding("enter", "open", "Open link"),
    ]

    DEFAULT_CSS = """
    OptOutPanel { border: round $border; padding: 0 1; margin-bottom: 1; height: auto; border-title-style: bold; }
    OptOutPanel:focus { border: round $accent; }
    """

    def __init__(self, o: OptOut) -> None:
        super().__init__(optout_content(o), id=f"optout-{o.platform}")
        self.optout = o
        self.border_title = f"{o.label}: how to opt out"
        self.border_subtitle = "c copy link · enter open in browser"

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.optout.url)
        self.app.notify(self.optout.url, title="Link copied (if your terminal allows it)", markup=False)

    def action_open(self) -> None:
        self.app.open_url(self.optout.url)
        self.app.notify(self.optout.url, title="Opening in your browser", markup=False)


class OptOutScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    OptOutScreen VerticalScroll { padding: 0 0; }
    """

    def __init__(self, optouts: list[OptOut], focus_platform: str | None = None) -> None:
        super().__init__()
        self.optouts = optouts
        self.focus_platform = focus_platform

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with VerticalScroll():
            yield Static(
                "Opting out stops future training only; what was already used is not taken back. "
                "Making content non-public keeps it out in every region.",
                markup=False,
            )
            for o in self.optouts:
                yield OptOutPanel(o)
        yield Footer()

    def on_mount(self) -> None:
        panels = list(self.query(OptOutPanel))
        target = next((p for p in panels if p.optout.platform == self.focus_platform), panels[0] if panels else None)
        if target is not None:
            target.focus()
