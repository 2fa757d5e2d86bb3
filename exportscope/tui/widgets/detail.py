"""The detail pane: one item in full, where it came from, and why it has its verdict.

The "why" is looked up in the rule data (:func:`exportscope.explain.explain`): exportscope's explanation in
the reader's language, the platform's own sentence quoted with its source (or the source alone), and the
item's notes (an override such as under 18, a caveat such as an inferred field).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from exportscope import i18n
from exportscope.explain import explain, why_lines
from exportscope.notes import notes_of
from exportscope.query import match_spans
from exportscope.rules import RuleSet
from exportscope.tui.text import (
    clean,
    colon,
    kind_word,
    literal,
    name,
    tr,
    trn,
    verdict_label,
    verdict_long,
    when,
)


def link_line(item: dict[str, Any], lang: str = i18n.DEFAULT_LANG) -> Content:
    """The item's link, or where to find it on the platform (its activity page, by date) when there is none."""
    from exportscope.actions.todo import load_where

    link = item.get("link")
    if link:
        return Content.assemble(
            (tr("act.link", lang) + colon(lang), "bold"),
            literal(link),
            (f"  ({tr('act.open_hint', lang)})", "$text-muted"),
        )
    where = load_where().get(item["platform"])
    if where is None:
        return Content.assemble((tr("act.no_link", lang), "$text-muted"))
    return Content.assemble(
        (tr("act.where", lang) + colon(lang), "bold"),
        literal(where.place_in(lang)),
        literal(f" — {where.url}") if where.url else "",
    )


def item_url(item: dict[str, Any]) -> str | None:
    """What ``enter`` opens for an item: its own link, else its platform's activity page (policy data)."""
    from exportscope.actions.todo import load_where

    if item.get("link"):
        return str(item["link"])
    where = load_where().get(item["platform"])
    return where.url if where and where.url else None


def visibility_phrase(visibility: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """``visibility private`` / ``visibilité privée``: one phrase per value, so the adjective agrees with
    the noun in every language (French ``visibilité`` is feminine)."""
    if i18n.has(key := f"tui.visibility_is_{visibility}"):
        return i18n.t(key, lang)
    vis_key = f"visibility.{visibility}"
    return tr("visibility_is", lang, visibility=i18n.t(vis_key, lang) if i18n.has(vis_key) else visibility)


def highlighted(text: str, needle: str = "") -> Content:
    """Archive text, literal, with what the search found in it shown in reverse video."""
    shown = clean(str(text))
    content = Content(shown)
    for start, end in match_spans(shown, needle) if needle else ():
        content = content.stylize("reverse bold", start, end)
    return content


def detail_content(
    item: dict[str, Any],
    rulesets: Iterable[RuleSet],
    labels: dict[str, str],
    lang: str = i18n.DEFAULT_LANG,
    highlight: str = "",
) -> Content:
    """The item in full; ``highlight``: the search text, shown where it occurs."""
    verdict = item["verdict"]
    visibility = item["visibility"]
    head = Content.assemble(
        (kind_word(item["kind"], lang), "bold"),
        " · ",
        labels.get(item["platform"], item["platform"]),
        " · ",
        verdict_label(verdict, verdict_long(verdict, lang), lang),
        " · ",
        visibility_phrase(visibility, lang),
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
    lines.append(
        highlighted(text, highlight) if text else Content.assemble((tr("no_text", lang), "italic $text-muted"))
    )
    lines.append(Content(""))
    lines.append(link_line(item, lang))
    lines.append(Content(""))
    why = explain(item.get("rule"), rulesets, notes_of(item.get("note_key")), lang)
    label = labels.get(item["platform"], item["platform"])
    # exportscope's explanation first; the platform's own sentence (quoted as published) or its source
    # apart; then the item's notes. No rule id, file name or verdict code reaches the screen.
    first, *rest = why_lines(why, verdict, label, lang)
    lines.append(Content.assemble((tr("why", lang) + colon(lang), "bold"), literal(first)))
    lines += [literal(line).stylize("$text-muted") for line in rest]
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
