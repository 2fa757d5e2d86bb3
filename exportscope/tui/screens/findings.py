"""``f``: personal data found in what the platforms may train on (phone numbers, e-mail addresses, ...).

The findings come from :func:`exportscope.findings.find` when that module is present; the examples are
archive text and are shown literally.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from exportscope.tui.text import literal, n


def findings_content(findings: list[dict[str, Any]] | None, labels: dict[str, str]) -> Content:
    if findings is None:
        return Content("Findings (personal data in public text) are not available in this build of exportscope.")
    if not findings:
        return Content("No personal data was found in the text that may be used for training.")
    lines: list[Content] = []
    for f in findings:
        kind = str(f.get("type", "finding")).replace("_", " ")
        platform = labels.get(str(f.get("platform", "")), str(f.get("platform", "")))
        lines.append(
            Content.assemble(
                ("⚠ ", "bold $text-warning"), (f"{kind}", "bold"), f" · {platform} · {n(int(f.get('count', 0)))}"
            )
        )
        for ex in list(f.get("examples") or [])[:5]:
            lines.append(Content.assemble("    ", literal(ex if isinstance(ex, str) else repr(ex))))
        lines.append(Content(""))
    return Content("\n").join(lines)


class FindingsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    FindingsScreen VerticalScroll { border: round $border; padding: 0 1; border-title-style: bold; }
    """

    def __init__(self, findings: list[dict[str, Any]] | None, labels: dict[str, str]) -> None:
        super().__init__()
        self.findings = findings
        self.labels = labels

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with VerticalScroll() as box:
            box.border_title = "Findings in text that may be used for training"
            yield Static(findings_content(self.findings, self.labels))
        yield Footer()
