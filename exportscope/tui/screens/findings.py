"""``f``: what a person may not know they are exposing, from :func:`exportscope.findings.find`.

Per finding: its type in words, the platform, how many occurrences (and distinct values), why it matters
(the catalogue's ``finding_why``), and up to five examples with the member they came from. Values, sources
and snippets are archive text and are shown literally. The findings are computed after the dashboard (see
:mod:`exportscope.tui.loader`); until they arrive the screen says it is still looking and fills in by itself.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from exportscope import i18n
from exportscope.tui.text import colon, literal, localize_bindings, n, one_line, tr, trn

MAX_SHOWN = 5


def _example(ex: Any, lang: str) -> Content:
    """The value on its own line, then where it came from (member, row, date, what it was found with) and
    the text around it, indented; all literal."""
    if not isinstance(ex, dict):
        return Content.assemble("    ", literal(one_line(str(ex)), "bold"))
    head = Content.assemble("    ", literal(one_line(str(ex.get("value", ""))), "bold"))
    if ex.get("via"):  # what the value was recorded with: exif_data, a place's name
        head = Content.assemble(head, "  ", literal(f"({tr('via', lang, what=one_line(str(ex['via'])))})"))
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


def findings_content(
    findings: list[dict[str, Any]] | None, labels: dict[str, str], lang: str = i18n.DEFAULT_LANG
) -> Content:
    if findings is None:
        return Content.assemble((tr("findings_looking", lang), "$text-muted"))
    if not findings:
        return Content(tr("findings_none", lang))
    lines: list[Content] = [Content(tr("findings_intro", lang)), Content("")]
    for f in findings:
        kind = str(f.get("type", ""))
        head = i18n.t(f"finding.{kind}", lang) if i18n.has(f"finding.{kind}") else kind.replace("_", " ")
        platform = labels.get(str(f.get("platform", "")), str(f.get("platform", "")))
        count = int(f.get("count", 0))
        amount = trn("occurrences", count, lang)
        distinct = f.get("distinct")
        if isinstance(distinct, int) and distinct != count:
            amount += ", " + trn("distinct", distinct, lang)
        lines.append(Content.assemble(("⚠ ", "bold $text-warning"), (head, "bold"), f" · {platform} · {amount}"))
        if i18n.has(f"finding_why.{kind}"):
            lines.append(Content.assemble(("  " + i18n.t(f"finding_why.{kind}", lang), "$text-muted")))
        examples = list(f.get("examples") or [])
        lines += [_example(ex, lang) for ex in examples[:MAX_SHOWN]]
        if isinstance(distinct, int) and distinct > len(examples[:MAX_SHOWN]):
            more = distinct - len(examples[:MAX_SHOWN])
            lines.append(Content.assemble(("    " + tr("n_more_values", lang, n=n(more, lang)), "$text-muted")))
        lines.append(Content(""))
    return Content("\n").join(lines)


class FindingsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    FindingsScreen VerticalScroll { border: round $border; padding: 0 1; border-title-style: bold; }
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

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with VerticalScroll() as box:
            box.border_title = i18n.t("report.findings_heading", self.lang)
            yield Static(self._content(), id="findings-body")
        yield Footer()

    def _content(self) -> Content:
        if self.error is not None:
            return Content.assemble((tr("findings_failed", self.lang) + colon(self.lang), "bold"), literal(self.error))
        return findings_content(self.findings, self.labels, self.lang)

    def show(self, findings: list[dict[str, Any]]) -> None:
        """The findings arrived while this screen was open."""
        self.findings = findings
        self.query_one("#findings-body", Static).update(self._content())

    def show_error(self, error: str) -> None:
        self.error = error
        self.query_one("#findings-body", Static).update(self._content())
