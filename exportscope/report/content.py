"""What a report says, once, for every format: the summary document plus findings, examples of what the AI
would read, training-eligible items per year, and the localised opt-out steps, with ``--redact`` applied.

Writers (:mod:`.html`, :mod:`.markdown`, :mod:`.jsondoc`) only render the values of :mod:`.view`; none decides
what to show or what to mask, so the three formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from exportscope import i18n
from exportscope.findings import ELIGIBLE, MESSAGE_KINDS
from exportscope.notes import FieldValue, Note, Problem
from exportscope.policies import load_policies
from exportscope.redact import Redactor
from exportscope.report.view import Example, ItemNoteText, OptOutText, PlatformReport, Report, YearCount
from exportscope.summary_model import PlatformSummary, Summary
from exportscope.version import __version__

if TYPE_CHECKING:
    from exportscope.types import Analysis

MAX_EXAMPLES = 5
EXAMPLE_CHARS = 400
#: Which kinds make the most telling examples of "what the AI would read", first to last.
EXAMPLE_KINDS = (
    "post", "article", "comment", "ai_chat", "job_application", "recommendation", "media", "story",
    "poll_vote", "profile", "position", "education", "project", "publication", "volunteering",
)  # fmt: skip


def _clip(text: str, limit: int = EXAMPLE_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _iso(ts: Any) -> str | None:
    return ts.isoformat().replace("+00:00", "Z") if ts is not None else None


def examples(analysis: Analysis, platform: str, limit: int = MAX_EXAMPLES) -> list[dict[str, Any]]:
    """A few training-eligible texts, the most recent of each kind, telling kinds first (with their rule,
    which the masking needs; :class:`Example` drops it)."""
    import polars as pl

    rank = {k: i for i, k in enumerate(EXAMPLE_KINDS)}
    # Which rows, chosen on the columns that order them (never sorting the texts), then those rows whole.
    chosen = (
        analysis.items.lazy()
        .with_row_index("_at")
        .filter(
            pl.col("account") == platform,  # the context key: the platform, or "instagram#2" for a second account
            pl.col("verdict").is_in(ELIGIBLE),
            pl.col("text").is_not_null(),
            pl.col("text").str.strip_chars() != "",
        )
        .select("_at", "kind", "timestamp", "words", "source", "row")
        # Most recent first; undated items (profile fields) by length, so a summary beats a first name.
        .sort(
            ["timestamp", "words", "source", "row"],
            descending=[True, True, False, False],
            nulls_last=True,
            maintain_order=True,
        )
        .with_columns(
            nth=pl.int_range(pl.len()).over("kind"),
            krank=pl.col("kind").replace_strict(rank, default=len(rank), return_dtype=pl.Int64),
        )
        .filter(pl.col("nth") < limit)
        .sort(["nth", "krank", "kind"])
        .head(limit)
        .collect()
    )
    if chosen.is_empty():
        return []
    frame = analysis.items.select(pl.all().gather(chosen.get_column("_at")))
    return [
        {
            "kind": r["kind"],
            "verdict": r["verdict"],
            "visibility": r["visibility"],
            "timestamp": _iso(r["timestamp"]),
            "source": r["source"],
            "row": r["row"],
            "words": r["words"],
            "text": r["text"],  # clipped by build(), after masking when redacted: mask first, cut after
            "rule": r["rule"],
        }
        for r in frame.iter_rows(named=True)
    ]


def per_year(analysis: Analysis, platform: str) -> list[YearCount]:
    """Training-eligible items per calendar year (UTC), oldest first, every year in between present."""
    import polars as pl

    frame = (
        analysis.items.filter(
            pl.col("account") == platform, pl.col("verdict").is_in(ELIGIBLE), pl.col("timestamp").is_not_null()
        )
        .group_by(pl.col("timestamp").dt.year().alias("year"), "verdict")
        .agg(n=pl.len())
    )
    counts: dict[int, dict[str, int]] = {}
    for year, verdict, n in frame.iter_rows():
        counts.setdefault(year, {})[verdict] = n
    if not counts:
        return []
    return [
        YearCount(
            year=y, training=counts.get(y, {}).get("training", 0), conditional=counts.get(y, {}).get("conditional", 0)
        )
        for y in range(min(counts), max(counts) + 1)
    ]


def _optout(policy_key: str, lang: str, region_note: str | None) -> OptOutText:
    pol = load_policies()[policy_key]

    def tr(field_name: str, english: str) -> str:
        return i18n.policy_text(policy_key, field_name, lang, english)

    region_index = next((i for i, r in enumerate(pol.regions) if r.note == region_note), None)
    return OptOutText(
        setting=tr("setting", pol.setting),
        setting_path=tr("setting_path", pol.setting_path),
        url=pol.opt_out_url,
        effect=tr("opt_out_effect", pol.opt_out_effect),
        levers=[tr(f"extra_levers_{i}", s) for i, s in enumerate(pol.extra_levers)],
        notes=[tr(f"notes_{i}", s) for i, s in enumerate(pol.notes)],
        region_note=tr(f"region_{region_index}", region_note)
        if region_note and region_index is not None
        else region_note,
    )


def _texts(analysis: Analysis, findings: list[dict[str, Any]]) -> Callable[[str, int | None], list[str]]:
    """The full text of the items the findings' examples quote, by (source, row): redaction masks the
    whole text before the snippet is cut."""
    import polars as pl

    wanted = {
        (str(ex.get("source")), ex.get("row")) for f in findings for ex in f.get("examples", []) if ex.get("text")
    }
    sources = sorted({s for s, _ in wanted})
    frame = analysis.items.filter(pl.col("source").is_in(sources)).select("source", "row", "text")
    table: dict[tuple[str, int | None], list[str]] = {}
    for s, r, t in frame.iter_rows():
        if (s, r) in wanted and t:
            table.setdefault((s, r), []).append(t)  # a profile row is one item per field
    return lambda source, row: table.get((source, row), [])


#: Fields of our notes that hold a file, folder or input name (masked as a path; other text as text).
_PATH_FIELDS = frozenset({"path", "name", "other", "current", "a", "b", "file"})


def _mask_note(note: Note, redactor: Redactor) -> Note:
    """A note with every text field masked (a chat's name, a file's path), and the notes inside it too."""

    def mask(name: str, value: FieldValue) -> FieldValue:
        if isinstance(value, Note):
            return _mask_note(value, redactor)
        if isinstance(value, tuple):
            return tuple(_mask_note(v, redactor) for v in value)
        if isinstance(value, str):
            return (redactor.path(value) if name in _PATH_FIELDS else redactor.text(value)) or ""
        return value

    return Note(note.key, tuple((k, mask(k, v)) for k, v in note.fields))


def _redact_platform(p: PlatformSummary, redactor: Redactor) -> PlatformSummary:
    files = p.files
    return replace(
        p,
        notes=[_mask_note(n, redactor) for n in p.notes],
        account=redactor.text(p.account, p.platform) if p.account is not None else None,
        files=replace(
            files,
            unrecognized=[redactor.path(x) for x in files.unrecognized],
            failed=[replace(f, path=redactor.path(f.path), error=redactor.text(f.error) or "") for f in files.failed],
            drift=[replace(d, path=redactor.path(d.path)) for d in files.drift],
            read=[replace(r, path=redactor.path(r.path)) for r in files.read],
        ),
    )


def _redacted(doc: Summary, redactor: Redactor) -> Summary:
    """Every string of the summary that comes from the archive, masked: input names, notes' fields (a
    WhatsApp chat's note names its contact and owner), file paths, failure reasons, the account handles."""
    return replace(
        doc,
        inputs=[redactor.path(x) for x in doc.inputs],
        notes=[_mask_note(n, redactor) for n in doc.notes],
        unrecognized=[redactor.path(x) for x in doc.unrecognized],
        unreadable=[replace(f, path=redactor.path(f.path), error=redactor.text(f.error) or "") for f in doc.unreadable],
        exports=[  # issue 12: every input part read, with its account
            replace(e, name=redactor.path(e.name), account=redactor.text(e.account) if e.account else e.account)
            for e in doc.exports
        ],
        platforms=[_redact_platform(p, redactor) for p in doc.platforms],
    )


def _shared(doc: Summary, lang: str) -> Summary:
    """The summary as a report shows it: the archives' names without the folders they sit in on this
    computer (a report is meant to be shared), and why each file failed in the report's language (its code
    stays; its fields and the library's detail do not travel into a report)."""
    return replace(
        doc,
        inputs=[PurePath(p).name for p in doc.inputs],
        platforms=[
            replace(
                p,
                files=replace(
                    p.files,
                    failed=[
                        replace(f, error=i18n.problem_text(f.failure, lang), problems=(Problem(f.failure.code),))
                        for f in p.files.failed
                    ],
                ),
            )
            for p in doc.platforms
        ],
    )


def _document(shown: Summary, notes: list[str], texts: list[tuple[list[str], list[ItemNoteText]]]) -> dict[str, Any]:
    """The JSON report: the shown summary's document with the notes said in the report's language (masked
    under ``--redact``), each failed file as its path, reason and code, then the report's additions."""
    doc = shown.to_json()
    doc["notes"] = list(notes)
    for p_doc, p, (notes, item_notes) in zip(doc["platforms"], shown.platforms, texts, strict=True):
        p_doc["notes"] = notes
        p_doc["item_notes"] = [
            {"note": t.note, "items": t.items, **n.note.to_json()}
            for t, n in zip(item_notes, p.item_notes, strict=True)
        ]
        p_doc["files"]["failed"] = [{"path": f.path, "error": f.error, "code": f.failure.code} for f in p.files.failed]
    return doc


def build(
    analysis: Analysis,
    findings: list[dict[str, Any]],
    lang: str = i18n.DEFAULT_LANG,
    redact: bool = False,
    keep_owner: bool = False,
    done: Iterable[str] = (),
) -> Report:
    """``done``: the to-do actions the person ticked in the terminal UI (shown checked)."""
    from exportscope import summary

    lang = i18n.normalize_lang(lang)
    redactor = Redactor.from_analysis(analysis, lang, findings, keep_owner=keep_owner) if redact else None
    if redactor is not None:
        texts = _texts(analysis, findings)
        shown = [redactor.finding(f, texts) for f in findings]
    else:
        shown = [dict(f) for f in findings]
    say = (lambda text: redactor.text(text) or "") if redactor is not None else (lambda text: text)
    base = _shared(summary.build(analysis, shown, done=done), lang)
    # Notes said in the report's language from their values (one catalogue for all), masked after.
    said = [
        (
            [say(i18n.note_text(n, lang)) for n in p.notes],
            [ItemNoteText(note=say(i18n.note_text(x.note, lang)), items=x.items) for x in p.item_notes],
        )
        for p in base.platforms
    ]
    general = [say(i18n.note_text(n, lang)) for n in base.notes]
    shown_summary = _redacted(base, redactor) if redactor is not None else base
    # The report's own document: the summary's JSON (a new dict) with the report's additions.
    doc = _document(shown_summary, general, said)
    generator = f"exportscope {__version__}"
    doc["report"] = {"generator": generator, "lang": lang, "redacted": redact}
    if redact:
        doc["report"]["owner_kept"] = keep_owner
    report = Report(
        summary=shown_summary,
        doc=doc,
        lang=lang,
        redacted=redact,
        owner_kept=keep_owner,
        generator=generator,
        notes=general,
    )
    seen_policies: set[str] = set()
    listed = {p.platform for p in shown_summary.platforms}
    # Findings of an export-level platform that has no item platform of its own still show (rare).
    orphans = [f for f in shown if f["platform"] not in listed]
    # summary.build writes one platform entry per context, in the contexts' order.
    contexts = analysis.contexts.items()
    for i, (p, p_doc, (key, ctx)) in enumerate(zip(shown_summary.platforms, doc["platforms"], contexts, strict=True)):
        exs: list[Example] = []
        for ex in examples(analysis, key):
            text = ex["text"]
            source = ex["source"]
            if redactor is not None:  # mask the whole text first, cut after
                if ex["kind"] in MESSAGE_KINDS:
                    text = redactor.message(ex["words"] or 0)
                else:
                    text = redactor.item_text(text, p.platform, ex["kind"], ex["rule"]) or ""
                source = redactor.path(source)
            exs.append(
                Example(
                    kind=ex["kind"],
                    verdict=ex["verdict"],
                    visibility=ex["visibility"],
                    timestamp=ex["timestamp"],
                    source=source,
                    row=ex["row"],
                    words=ex["words"],
                    text=_clip(text),
                )
            )
        years = per_year(analysis, key)
        # The JSON report's additions per platform (the document is the report's own, made above).
        p_doc["examples"] = [asdict(e) for e in exs]
        p_doc["training_by_year"] = [asdict(y) for y in years]
        findings = [f for f in shown if f["platform"] == p.platform] + (orphans if i == 0 else [])
        report.platforms.append(
            PlatformReport(
                summary=p,
                policy_key=ctx.policy,
                # The opted-out sentence is rendered from the catalogue, in the report's language.
                notes=[t for n, t in zip(p.notes, said[i][0], strict=True) if n.key != summary.OPTED_OUT.key],
                item_notes=said[i][1],
                examples=exs,
                training_by_year=years,
                findings=findings,
                optout=_optout(ctx.policy, lang, p.policy.region_note),
            )
        )
        if ctx.policy not in seen_policies:
            seen_policies.add(ctx.policy)
            report.sources.extend(s for s in load_policies()[ctx.policy].sources if s not in report.sources)
    # The JSON report carries the sources as data (title, url, effective, checked).
    doc["sources"] = [{k: v for k, v in s.items() if k != "id"} for s in report.sources]
    return report
