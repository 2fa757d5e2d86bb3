"""The detail pane: one item in full, where it came from, and why it has its verdict.

The "why" is looked up in the rule data (:func:`exportscope.explain.explain`): the rule id, the policy
sentence and where that sentence is published, plus the classifier's note when an override (under-18,
policy not yet in force) changed the verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from exportscope import i18n
from exportscope.explain import explain
from exportscope.rules import RuleSet
from exportscope.tui.text import colon, kind_word, literal, name, tr, trn, verdict_label, verdict_long, when


def detail_content(
    item: dict[str, Any], rulesets: Iterable[RuleSet], labels: dict[str, str], lang: str = i18n.DEFAULT_LANG
) -> Content:
    verdict = item["verdict"]
    visibility = item["visibility"]
    vis_key = f"visibility.{visibility}"
    head = Content.assemble(
        (kind_word(item["kind"], lang), "bold"),
        " · ",
        labels.get(item["platform"], item["platform"]),
        " · ",
        verdict_label(verdict, verdict_long(verdict, lang), lang),
        " · ",
        tr("visibility_is", lang, visibility=i18n.t(vis_key, lang) if i18n.has(vis_key) else visibility),
    )
    stamp = f"{when(item['timestamp'])} UTC" if item["timestamp"] is not None else tr("no_date", lang)
    where = Content.assemble(
        name(item["source"] or "?"),
        " " + tr("row", lang, n=item["row"]) if item.get("row") is not None else "",
        f" · {stamp}",
        (f" · {trn('n_words', item['words'], lang)}" if item.get("words") else ""),
    )
    thread = item.get("thread")
    lines = [head, where.stylize("$text-muted")]
    if thread:
        lines.append(Content.assemble((tr("conversation", lang) + " ", "$text-muted"), literal(thread)))
    lines.append(Content(""))
    text = item.get("text")
    lines.append(literal(text) if text else Content.assemble((tr("no_text", lang), "italic $text-muted")))
    lines.append(Content(""))
    why = explain(item.get("rule"), rulesets, item.get("note"))
    # The rule's sentence is quoted from the rule data as the platform published it (English).
    why_line = Content.assemble(
        (tr("why", lang) + colon(lang), "bold"),
        tr("why_rule", lang, rule=why.rule_id, verdict=verdict_long(verdict, lang)),
        f" “{why.why}”",
        f" — {why.policy_source}." if why.policy_source else "",
    )
    lines.append(why_line)
    if why.override:
        end = "" if why.override.endswith(".") else "."
        lines.append(Content.assemble((tr("override", lang) + colon(lang), "bold"), literal(why.override), end))
    return Content("\n").join(lines)


class DetailPane(VerticalScroll, can_focus=True):
    ALLOW_MAXIMIZE = True  # ``z`` gives a long post the whole screen
    DEFAULT_CSS = """
    DetailPane { border: round $border; padding: 0 1; height: 2fr; border-title-style: bold; }
    DetailPane:focus { border: round $accent; }
    DetailPane > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.border_title = tr("detail", lang)

    def compose(self) -> Any:
        yield Static(Content.assemble((tr("choose_item", self.lang), "$text-muted")), id="detail-body")

    def show(self, content: Content) -> None:
        self.query_one("#detail-body", Static).update(content)
        self.scroll_home(animate=False)
