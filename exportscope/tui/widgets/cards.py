"""The dashboard's card per platform: the answer to "what will they feed their AI?" in a dozen lines.

A card reads the ``exportscope.summary/1`` platform entry (the same numbers ``exportscope summary`` prints)
plus the per-year counts from :class:`exportscope.query.ItemQuery`; it computes nothing of its own.
Unrecognized and failed files are listed on the card, never hidden behind a key.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from exportscope.model import Verdict
from exportscope.query import ItemQuery, sparkline
from exportscope.tui.text import VERDICT_MARK, VERDICT_STYLE, literal, n, plural

_REGION_SOURCE = {"export": "from your export", "option": "as you said", "unknown": ""}
_MEDIA_KINDS = ("media", "story")
_MAX_LISTED = 3
_CARD_LABELS = {
    Verdict.TRAINING: "Used for AI training",
    Verdict.CONDITIONAL: "Used if public",
    Verdict.EXCLUDED: "Excluded (private messages)",
    Verdict.NOT_USED: "Not used for training",
}


def title(doc: dict[str, Any]) -> str:
    parts = [doc["label"]]
    if doc.get("export_date"):
        parts.append(f"export {doc['export_date']}")
    region = doc.get("region")
    if region:
        src = _REGION_SOURCE.get(doc.get("region_source", ""), "")
        parts.append(f"region {region.upper()}" + (f" ({src})" if src else ""))
    else:
        parts.append("region unknown")
    return " · ".join(parts)


def training_status(doc: dict[str, Any], as_of: str) -> Content:
    """Whether training is in force for this person, and since when, in one sentence."""
    policy = doc["policy"]
    label = doc["label"]
    since = policy.get("in_force_since")
    if doc.get("region") is None:
        text = (
            f"Your region is not in the export, so whether and since when {label} trains on it is not known; "
            "run with --region (eu, uk, us, ...)."
        )
        return Content.assemble(("⚠ ", "bold"), text)
    if policy.get("known") is False:
        return Content.assemble(("? ", "bold"), policy.get("region_note") or f"{label} has not said.")
    if since and since <= as_of:
        head = f"AI training on {label} data: in force since {since} in your region"
        tail = (
            "; you said you opted out (future use only)." if doc.get("opted_out") else "; on unless you turned it off."
        )
        return Content.assemble(("● ", VERDICT_STYLE["training"]), head, tail)
    if since:
        return Content.assemble(
            ("◐ ", VERDICT_STYLE["conditional"]),
            f"AI training on {label} data starts {since} in your region; until then nothing counts as used.",
        )
    return Content.assemble(("● ", VERDICT_STYLE["training"]), literal(policy.get("region_note") or ""))


def _kinds(doc: dict[str, Any], verdict: str, limit: int = 4) -> str:
    rows = [r for r in doc["by_kind"] if r["verdict"] == verdict]
    shown = [f"{r['kind'].replace('_', ' ')} {n(r['items'])}" for r in rows[:limit]]
    if len(rows) > limit:
        shown.append(f"+{len(rows) - limit} more kinds")
    return " · ".join(shown)


def verdict_lines(doc: dict[str, Any]) -> list[Content]:
    lines: list[Content] = []
    totals, words = doc["totals"], doc.get("words", {})
    for v in (Verdict.TRAINING, Verdict.CONDITIONAL, Verdict.EXCLUDED, Verdict.NOT_USED):
        items = totals.get(v.value, 0)
        head = f"{VERDICT_MARK[v.value]} {_CARD_LABELS[v]}:"
        if v is Verdict.EXCLUDED and items and doc.get("conversations"):
            amount = f"{plural(items, 'message')} in {plural(doc['conversations'], 'conversation')}"
        elif items:
            amount = f"{plural(items, 'item')}, {plural(words.get(v.value, 0), 'word')}"
        else:
            amount = "none"
        lines.append(Content.assemble((head, VERDICT_STYLE[v.value]), " ", amount))
        if items:
            lines.append(Content.assemble(("    ", ""), (_kinds(doc, v.value), "$text-muted")))
    return lines


def year_line(query: ItemQuery, platform: str) -> Content:
    years = query.per_year(platform)
    undated = query.undated(platform)
    if not years:
        tail = f" ({plural(undated, 'item')} without a date)" if undated else ""
        return Content(f"Eligible for training, per year: no dated items{tail}")
    counts = [c for _, c in years]
    peak_year, peak = max(years, key=lambda yc: (yc[1], yc[0]))
    span = f"{years[0][0]}–{years[-1][0]}" if len(years) > 1 else str(years[0][0])
    extra = f" · {n(undated)} undated" if undated else ""
    return Content.assemble(
        "Eligible per year ",
        (sparkline(counts), "bold"),
        f"  {span} · peak {peak_year}: {n(peak)}{extra}",
    )


def media_line(doc: dict[str, Any]) -> Content:
    rows = [r for r in doc["by_kind"] if r["kind"] in _MEDIA_KINDS]
    if not rows:
        return Content("Media: none in this export")
    total = sum(r["items"] for r in rows)
    used = sum(r["items"] for r in rows if r["verdict"] in ("training", "conditional"))
    return Content(
        f"Media: {plural(total, 'photo or video', 'photos and videos')} ({n(used)} may be used for training)"
    )


def files_lines(doc: dict[str, Any]) -> list[Content]:
    files = doc["files"]
    unrec, failed = files["unrecognized"], files["failed"]
    head = (
        f"Files: {n(files['total'])} · {n(files['parsed'])} read · {n(files['ignored'])} without items · "
        f"{n(len(unrec))} not recognized · {n(len(failed))} failed"
    )
    lines = [Content(head)]
    if unrec:
        listed = ", ".join(unrec[:_MAX_LISTED]) + (f", +{len(unrec) - _MAX_LISTED} more" if len(unrec) > 3 else "")
        lines.append(Content.assemble(("ⓘ Not recognized: ", "bold"), literal(listed)))
    for f in failed[:_MAX_LISTED]:
        lines.append(Content.assemble(("⚠ Failed: ", "bold $text-warning"), literal(f"{f['path']}: {f['error']}")))
    if len(failed) > _MAX_LISTED:
        lines.append(Content(f"⚠ +{len(failed) - _MAX_LISTED} more failed files (see the browser's file list)"))
    return lines


def findings_line(findings: list[dict[str, Any]] | None, platform: str) -> Content | None:
    if findings is None:
        return None
    mine = [f for f in findings if f.get("platform") == platform]
    if not mine:
        return Content("Findings in public text: none")
    total = sum(int(f.get("count", 0)) for f in mine)
    parts = ", ".join(f"{n(int(f.get('count', 0)))} {str(f.get('type', '')).replace('_', ' ')}" for f in mine[:4])
    return Content.assemble(
        ("⚠ ", "bold $text-warning"), f"{plural(total, 'finding')} in public text: ", literal(parts)
    )


def card_content(doc: dict[str, Any], query: ItemQuery, findings: list[dict[str, Any]] | None, as_of: str) -> Content:
    lines: list[Content] = [training_status(doc, as_of), Content("")]
    lines += verdict_lines(doc)
    lines.append(year_line(query, doc["platform"]))
    lines.append(media_line(doc))
    if (fl := findings_line(findings, doc["platform"])) is not None:
        lines.append(fl)
    lines += files_lines(doc)
    lines += [literal(note, "$text-muted") for note in doc.get("notes", [])]
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
        self, doc: dict[str, Any], query: ItemQuery, findings: list[dict[str, Any]] | None, as_of: str
    ) -> None:
        super().__init__(card_content(doc, query, findings, as_of), id=f"card-{doc['platform']}")
        self.platform = doc["platform"]
        self.border_title = title(doc)
        self.border_subtitle = "b browse · o opt out"
