"""The dashboard's card per platform: the answer to "what will they feed their AI?" in a dozen lines.

A card reads the summary's :class:`~exportscope.summary_model.PlatformSummary` (the same numbers
``exportscope summary`` prints) plus the per-year counts from :class:`exportscope.query.ItemQuery` and the
findings; it computes nothing of its own. Unrecognized and failed files are listed on the card, never hidden
behind a key. Every word is from the message catalogue, in the app's language.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from exportscope import i18n
from exportscope.account_privacy import privacy_sentence
from exportscope.explain import region_note_text
from exportscope.model import Verdict
from exportscope.query import ItemQuery, sparkline
from exportscope.summary_model import PlatformSummary
from exportscope.termsafe import safe
from exportscope.tui.text import VERDICT_MARK, VERDICT_STYLE, colon, kind_word, literal, n, tr, trn

_MEDIA_KINDS = ("media", "story")
_MAX_LISTED = 3
_VERDICTS = (Verdict.TRAINING, Verdict.CONDITIONAL, Verdict.EXCLUDED, Verdict.NOT_USED)


def title(doc: PlatformSummary, lang: str = i18n.DEFAULT_LANG) -> str:
    parts = [doc.label]
    if doc.export_date:
        parts.append(tr("card_export", lang, date=i18n.fmt_date(doc.export_date, lang)))
    region = doc.region
    if region:
        source = doc.region_source
        shown = tr("card_region", lang, region=i18n.region_label(region, lang))
        if source in ("export", "option"):
            shown += f" ({i18n.t(f'region_source.{source}', lang)})"
        parts.append(shown)
    else:
        parts.append(tr("card_region_unknown", lang))
    return " · ".join(parts)


def training_status(doc: PlatformSummary, as_of: str, policy_key: str, lang: str = i18n.DEFAULT_LANG) -> Content:
    """Whether training is in force for this person, and since when, in one sentence."""
    policy = doc.policy
    label = doc.label
    since = policy.in_force_since
    note = region_note_text(policy_key, policy.region_note, lang)
    # The status is decided once (exportscope.contexts.policy_status); the card only words it.
    status = policy.status
    if status == "region_unknown":
        return Content.assemble(("⚠ ", "bold"), tr("status_region_unknown", lang, label=label))
    if status == "not_said":
        return Content.assemble(("? ", "bold"), note or tr("status_not_said", lang, label=label))
    if status == "in_force" and since:
        head = tr("status_in_force", lang, label=label, date=i18n.fmt_date(since, lang))
        tail = tr("status_opted_out" if doc.opted_out else "status_on", lang)
        return Content.assemble(("● ", VERDICT_STYLE["training"]), head, tail)
    if status == "starts_later" and since:
        starts = tr("status_starts", lang, label=label, date=i18n.fmt_date(since, lang))
        return Content.assemble(("◐ ", VERDICT_STYLE["conditional"]), starts)
    return Content.assemble(("● ", VERDICT_STYLE["training"]), literal(note or ""))


def _kinds(doc: PlatformSummary, verdict: str, lang: str, limit: int = 4) -> str:
    rows = [r for r in doc.by_kind if r.verdict == verdict]
    shown = [f"{kind_word(r.kind, lang)} {n(r.items, lang)}" for r in rows[:limit]]
    if len(rows) > limit:
        shown.append(trn("more_kinds", len(rows) - limit, lang))
    return " · ".join(shown)


def _amount(doc: PlatformSummary, verdict: str, lang: str) -> str:
    items = doc.totals.get(verdict, 0)
    if not items:
        return i18n.t("meta.none", lang)
    words = doc.words.get(verdict, 0)
    conversations = doc.conversations
    if verdict == Verdict.EXCLUDED.value and conversations:
        # "messages" only when every excluded item is one; a WhatsApp chat also has photos and locations.
        only_messages = all(r.kind == "message" for r in doc.by_kind if r.verdict == verdict)
        count = trn("n_messages" if only_messages else "n_items", items, lang)
        return f"{count} {i18n.tn('report.in_conversations', conversations, lang)}"
    return f"{trn('n_items', items, lang)}, {trn('n_words', words, lang)}"


def verdict_lines(doc: PlatformSummary, lang: str = i18n.DEFAULT_LANG) -> list[Content]:
    lines: list[Content] = []
    for v in _VERDICTS:
        head = f"{VERDICT_MARK[v.value]} {tr(f'card_{v.value}', lang)}{colon(lang).rstrip()}"
        lines.append(Content.assemble((head, VERDICT_STYLE[v.value]), " ", _amount(doc, v.value, lang)))
        if doc.totals.get(v.value, 0):
            lines.append(Content.assemble(("    ", ""), (_kinds(doc, v.value, lang), "$text-muted")))
    return lines


def year_line(query: ItemQuery, platform: str, lang: str = i18n.DEFAULT_LANG) -> Content:
    years = query.per_year(platform)
    undated = query.undated(platform)
    if not years:
        text = tr("per_year_none", lang)
        if undated:
            text += " " + trn("per_year_undated", undated, lang)
        return Content(text)
    counts = [c for _, c in years]
    peak_year, peak = max(years, key=lambda yc: (yc[1], yc[0]))
    span = f"{years[0][0]}–{years[-1][0]}" if len(years) > 1 else str(years[0][0])
    extra = f" · {trn('undated', undated, lang)}" if undated else ""
    return Content.assemble(
        tr("per_year", lang) + " ",
        (sparkline(counts), "bold"),
        f"  {span} · {tr('peak', lang, year=peak_year, n=n(peak, lang))}{extra}",
    )


def media_line(doc: PlatformSummary, lang: str = i18n.DEFAULT_LANG) -> Content:
    rows = [r for r in doc.by_kind if r.kind in _MEDIA_KINDS]
    if not rows:
        return Content(tr("media_none", lang))
    total = sum(r.items for r in rows)
    used = sum(r.items for r in rows if r.verdict in ("training", "conditional"))
    return Content(trn("media_line", total, lang, used=n(used, lang)))


def findings_line(findings: list[dict[str, Any]] | None, platform: str, lang: str = i18n.DEFAULT_LANG) -> Content:
    if findings is None:
        return Content.assemble((tr("findings_pending", lang), "$text-muted"))
    mine = [f for f in findings if f.get("platform") == platform]
    if not mine:
        return Content(tr("findings_card_none", lang))
    parts = " · ".join(f"{n(int(f.get('count', 0)), lang)} {finding_short(f, lang)}" for f in mine)
    return Content.assemble(
        ("⚠ ", "bold $text-warning"),
        (tr("findings_card", lang), "bold"),
        colon(lang),
        parts,
        f" ({tr('f_shows', lang)})",
    )


def finding_short(f: dict[str, Any], lang: str = i18n.DEFAULT_LANG) -> str:
    kind = str(f.get("type", ""))
    key = f"finding_short.{kind}"
    return i18n.t(key, lang) if i18n.has(key) else kind.replace("_", " ")


def files_lines(doc: PlatformSummary, lang: str = i18n.DEFAULT_LANG) -> list[Content]:
    files = doc.files
    unrec, failed = files.unrecognized, files.failed
    head = tr(
        "files_line",
        lang,
        total=n(files.total, lang),
        parsed=n(files.parsed, lang),
        ignored=n(files.ignored, lang),
        unrecognized=n(len(unrec), lang),
        failed=n(len(failed), lang),
    )
    lines = [Content(head)]
    quality = (files.undated, files.impossible_dates, files.misaligned)
    if any(quality) or files.drift:
        # Nothing silent: dates that could not be read or were impossible, rows off their columns, drift.
        lines.append(
            Content(
                tr(
                    "files_quality",
                    lang,
                    undated=n(quality[0], lang),
                    impossible=n(quality[1], lang),
                    misaligned=n(quality[2], lang),
                    drift=n(len(files.drift), lang),
                )
            )
        )
    if unrec:
        listed = ", ".join(safe(p) for p in unrec[:_MAX_LISTED])
        if len(unrec) > _MAX_LISTED:
            listed += ", " + tr("n_more", lang, n=n(len(unrec) - _MAX_LISTED, lang))
        lines.append(Content.assemble((f"ⓘ {tr('not_recognized', lang)}{colon(lang)}", "bold"), literal(listed)))
    for f in failed[:_MAX_LISTED]:
        lines.append(
            Content.assemble(
                (f"⚠ {tr('failed', lang)}{colon(lang)}", "bold $text-warning"),
                literal(safe(f.path) + i18n.t("meta.colon", lang) + safe(i18n.problem_text(f.failure, lang))),
            )
        )
    if len(failed) > _MAX_LISTED:
        lines.append(Content("⚠ " + trn("more_failed", len(failed) - _MAX_LISTED, lang)))
    return lines


def card_content(
    doc: PlatformSummary,
    query: ItemQuery,
    findings: list[dict[str, Any]] | None,
    as_of: str,
    policy_key: str,
    lang: str = i18n.DEFAULT_LANG,
) -> Content:
    lines: list[Content] = [training_status(doc, as_of, policy_key, lang), Content("")]
    lines += verdict_lines(doc, lang)
    if privacy := privacy_sentence(doc.account_privacy, doc.platform, lang):
        lines.append(Content.assemble(("ⓘ ", "bold"), privacy))
    lines.append(year_line(query, doc.platform, lang))
    lines.append(media_line(doc, lang))
    lines.append(findings_line(findings, doc.platform, lang))
    lines += files_lines(doc, lang)
    # Notes about this archive, in the app's language (from their values).
    lines += [literal(i18n.note_text(note, lang), "$text-muted") for note in doc.notes]
    return Content("\n").join(lines)


class PlatformCard(Static, can_focus=True):
    """One platform's card; focusable so ``b``/``o`` act on the platform under the cursor."""

    DEFAULT_CSS = """
    PlatformCard {
        border: round $border; padding: 0 1; margin: 0 0 1 0; height: auto;
        border-title-style: bold; border-subtitle-color: $text-muted;
    }
    PlatformCard:focus { border: round $accent; }
    """

    def __init__(
        self,
        doc: PlatformSummary,
        query: ItemQuery,
        findings: list[dict[str, Any]] | None,
        as_of: str,
        policy_key: str,
        lang: str = i18n.DEFAULT_LANG,
        key: str | None = None,
    ) -> None:
        self.doc, self.query_engine, self.as_of, self.policy_key, self.lang = doc, query, as_of, policy_key, lang
        # ``key``: the context key ("instagram#2" for a second account of one platform), so ids stay unique.
        card_id = "card-" + (key or doc.platform).replace("#", "-")
        super().__init__(card_content(doc, query, findings, as_of, policy_key, lang), id=card_id)
        self.platform = doc.platform
        self.border_title = title(doc, lang)
        self.border_subtitle = tr("card_keys", lang)

    def show_findings(self, findings: list[dict[str, Any]] | None) -> None:
        """The findings arrived (after the rest of the card): redraw with them."""
        self.update(card_content(self.doc, self.query_engine, findings, self.as_of, self.policy_key, self.lang))
