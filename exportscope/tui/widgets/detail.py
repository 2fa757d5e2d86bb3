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

from exportscope.explain import explain
from exportscope.rules import RuleSet
from exportscope.tui.text import literal, verdict_label, when

_LONG_VERDICT = {
    "training": "used for AI training",
    "conditional": "used if public",
    "excluded": "excluded from training",
    "not_used": "not used for training",
    "unrecognized": "not recognized",
}


def detail_content(item: dict[str, Any], rulesets: Iterable[RuleSet], labels: dict[str, str]) -> Content:
    verdict = item["verdict"]
    head = Content.assemble(
        (str(item["kind"]).replace("_", " "), "bold"),
        " · ",
        labels.get(item["platform"], item["platform"]),
        " · ",
        verdict_label(verdict, _LONG_VERDICT.get(verdict)),
        f" · visibility {item['visibility']}",
    )
    stamp = f"{when(item['timestamp'])} UTC" if item["timestamp"] is not None else "no date"
    where = Content.assemble(
        literal(item["source"] or "?"),
        f" row {item['row']}" if item.get("row") is not None else "",
        f" · {stamp}",
        (f" · {item['words']} words" if item.get("words") else ""),
    )
    thread = item.get("thread")
    lines = [head, where.stylize("$text-muted")]
    if thread:
        lines.append(Content.assemble(("conversation ", "$text-muted"), literal(thread)))
    lines.append(Content(""))
    text = item.get("text")
    lines.append(literal(text) if text else Content.assemble(("(no text in this record)", "italic $text-muted")))
    lines.append(Content(""))
    why = explain(item.get("rule"), rulesets, item.get("note"))
    why_line = Content.assemble(
        ("Why: ", "bold"),
        f"rule {why.rule_id} → {_LONG_VERDICT.get(verdict, verdict)}. ",
        f"“{why.why}”",
        f" — {why.policy_source}." if why.policy_source else "",
    )
    lines.append(why_line)
    if why.override:
        lines.append(Content.assemble(("Override: ", "bold"), why.override, "."))
    return Content("\n").join(lines)


class DetailPane(VerticalScroll, can_focus=True):
    ALLOW_MAXIMIZE = True  # ``z`` gives a long post the whole screen
    DEFAULT_CSS = """
    DetailPane { border: round $border; padding: 0 1; height: 2fr; border-title-style: bold; }
    DetailPane:focus { border: round $accent; }
    DetailPane > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Detail"

    def compose(self) -> Any:
        yield Static(Content.assemble(("Choose an item to see it in full and why.", "$text-muted")), id="detail-body")

    def show(self, content: Content) -> None:
        self.query_one("#detail-body", Static).update(content)
        self.scroll_home(animate=False)
