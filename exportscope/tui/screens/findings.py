"""``f``: what a person may not know they are exposing, from :func:`exportscope.findings.find_all`.

Per finding: its type in words, the platform, how many distinct values in how many items, why it matters
(the catalogue's ``finding_why``), how many are in private messages (not used for training), and up to five
values with the member they came from and how many items carry each. The list is an option list: ``enter``
on a finding or on one of its values jumps to its item in the browser (:meth:`ExportScopeApp.show_finding`).
Values, sources and snippets are archive text and are shown literally. The findings are computed after the
dashboard (see :mod:`exportscope.tui.loader`); until they arrive the screen says it is still looking and fills
in by itself.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from exportscope import i18n
from exportscope.findings import words as finding_words
from exportscope.tui.text import colon, literal, localize_bindings, one_line, tr
from exportscope.tui.widgets.keys import KeyFooter

MAX_SHOWN = 5


def _example(ex: Any, lang: str) -> Content:
    """The value on its own line, then where it came from (member, row, date, what it was found with) and
    the text around it, indented; all literal."""
    if not isinstance(ex, dict):
        return Content.assemble("    ", literal(one_line(str(ex)), "bold"))
    head = Content.assemble("    ", literal(one_line(str(ex.get("value", ""))), "bold"))
    # In how many items, what it was recorded with, whether it sits in a private message: plain words.
    if notes := finding_words.value_notes(ex, lang):
        head = Content.assemble(head, "  ", literal(one_line(f"({i18n.joined(notes, lang)})")))
    lines = [head]
    where = str(ex.get("source") or "")
    if where:
        if ex.get("row") is not None:
            where += " " + tr("row", lang, n=ex["row"])
        if ex.get("timestamp"):
            where += f" · {str(ex['timestamp'])[:10]}"
        lines.append(Content.assemble("      ", literal(one_line(where), "$text-muted")))
    if ex.get("text"):
        lines.append(Content.assemble("      ", literal(f"“{one_line(str(ex['text']))}”", "italic")))
    return Content("\n").join(lines)


def _head(f: dict[str, Any], labels: dict[str, str], lang: str) -> Content:
    """The finding's title, platform and amount (distinct values in how many items), why it matters, and
    how many of its occurrences are in private messages (not used for training)."""
    kind = str(f.get("type", ""))
    title = i18n.t(f"finding.{kind}", lang) if i18n.has(f"finding.{kind}") else kind.replace("_", " ")
    platform = labels.get(str(f.get("platform", "")), str(f.get("platform", "")))
    lines = [
        Content.assemble(
            ("⚠ ", "bold $text-warning"), (title, "bold"), f" · {platform} · {finding_words.amount(f, lang)}"
        )
    ]
    if i18n.has(f"finding_why.{kind}"):
        lines.append(Content.assemble(("  " + i18n.t(f"finding_why.{kind}", lang), "$text-muted")))
    if private := finding_words.private_line(f, lang):
        lines.append(Content.assemble(("  " + private, "$text-success")))
    return Content("\n").join(lines)


def finding_options(
    findings: list[dict[str, Any]], labels: dict[str, str], lang: str = i18n.DEFAULT_LANG
) -> list[tuple[Content, tuple[str, str, str | None] | None]]:
    """One entry per finding and per shown value, each with what it jumps to: (type, platform, value), or
    None for a line that jumps nowhere (the "and N more" line)."""
    out: list[tuple[Content, tuple[str, str, str | None] | None]] = []
    for f in findings:
        kind, platform = str(f.get("type", "")), str(f.get("platform", ""))
        out.append((_head(f, labels, lang), (kind, platform, None)))
        examples = list(f.get("examples") or [])[:MAX_SHOWN]
        for ex in examples:
            value = str(ex.get("value", "")) if isinstance(ex, dict) else str(ex)
            out.append((_example(ex, lang), (kind, platform, value)))
        if more := finding_words.more(f, len(examples), lang):
            out.append((Content.assemble(("    " + more, "$text-muted")), None))
    return out


class FindingsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    FindingsScreen #findings-list { border: round $border; padding: 0 1; border-title-style: bold; height: 1fr; }
    FindingsScreen #findings-list:focus { border: round $accent; }
    FindingsScreen #findings-body { padding: 0 1; color: $text-muted; }
    """

    def __init__(
        self,
        findings: list[dict[str, Any]] | None,
        labels: dict[str, str],
        lang: str = i18n.DEFAULT_LANG,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.findings = findings
        self.labels = labels
        self.error = error
        #: What each option of the list jumps to, by option index.
        self.targets: list[tuple[str, str, str | None] | None] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        yield Static(self._intro(), id="findings-body")
        box = OptionList(id="findings-list")
        box.border_title = i18n.t("report.findings_heading", self.lang)
        yield box
        yield KeyFooter(self.lang)

    def on_mount(self) -> None:
        self._fill()

    def _intro(self) -> Content:
        lang = self.lang
        if self.error is not None:
            return Content.assemble((tr("findings_failed", lang) + colon(lang), "bold"), literal(self.error))
        if self.findings is None:
            return Content.assemble((tr("findings_looking", lang), "$text-muted"))
        if not self.findings:
            return Content(tr("findings_none", lang))
        return Content(tr("findings_intro", lang) + " " + i18n.t("finding_words.jump_hint", lang))

    def _fill(self) -> None:
        box = self.query_one("#findings-list", OptionList)
        box.clear_options()
        entries = finding_options(self.findings or [], self.labels, self.lang) if self.error is None else []
        self.targets = [target for _, target in entries]
        box.add_options([Option(prompt, disabled=target is None) for prompt, target in entries])
        box.display = bool(entries)
        if entries:
            box.highlighted = 0
            box.focus()

    @on(OptionList.OptionSelected, "#findings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        target = self.targets[event.option_index] if event.option_index < len(self.targets) else None
        show = getattr(self.app, "show_finding", None)
        if target is not None and show is not None:
            show(*target)

    def show(self, findings: list[dict[str, Any]]) -> None:
        """The findings arrived while this screen was open."""
        self.findings = findings
        self.query_one("#findings-body", Static).update(self._intro())
        self._fill()

    def show_error(self, error: str) -> None:
        self.error = error
        self.query_one("#findings-body", Static).update(self._intro())
        self._fill()
