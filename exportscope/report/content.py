"""What a report says, once, for every format: the summary document plus findings, examples of what the AI
would read, training-eligible items per year, and the localised opt-out steps, with ``--redact`` applied.

Writers (:mod:`.html`, :mod:`.markdown`, :mod:`.jsondoc`) only render this model; none of them decides
what to show or what to mask, so the three formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from exportscope import __version__, i18n
from exportscope.findings import ELIGIBLE, MESSAGE_KINDS
from exportscope.notes import Note, Problem
from exportscope.policies import load_policies
from exportscope.redact import Redactor

if TYPE_CHECKING:
    from exportscope.types import Analysis

MAX_EXAMPLES = 5
EXAMPLE_CHARS = 400
#: Which kinds make the most telling examples of "what the AI would read", first to last.
EXAMPLE_KINDS = (
    "post", "article", "comment", "ai_chat", "job_application", "recommendation", "media", "story",
    "poll_vote", "profile", "position", "education", "project", "publication", "volunteering",
)  # fmt: skip
#: Unrecognized paths listed in HTML and Markdown (JSON lists them all).
MAX_LISTED_FILES = 50


@dataclass
class Report:
    """The rendered-to-be report: ``doc`` is the JSON document; ``platforms`` the per-platform views."""

    doc: dict[str, Any]
    lang: str
    redacted: bool
    owner_kept: bool = False
    platforms: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def t(self, key: str, /, **fields: Any) -> str:
        return i18n.t(key, self.lang, **fields)

    def n(self, value: int) -> str:
        return i18n.fmt_int(value, self.lang)

    def date(self, value: Any) -> str:
        return i18n.fmt_date(value, self.lang)

    def source_dates(self, source: dict[str, str]) -> str:
        """ "in effect from D, checked D" of a policy source, in the report's language."""
        parts = []
        if source.get("effective"):
            parts.append(self.t("report.source_effective", date=self.date(source["effective"])))
        if source.get("checked"):
            parts.append(self.t("report.source_checked", date=self.date(source["checked"])))
        return ", ".join(parts)

    def files_line(self, p: dict[str, Any]) -> str:
        """A platform's "N files: read, ignored, not recognized, failed" line, the same in every format."""
        f = p["files"]
        line = self.t(
            "report.files_line",
            total=self.n(f["total"]),
            parsed=self.n(f["parsed"]),
            ignored=self.n(f["ignored"]),
            unrecognized=self.n(len(f["unrecognized"])),
            failed=self.n(len(f["failed"])),
        )
        quality = (f.get("undated", 0), f.get("impossible_dates", 0), f.get("misaligned", 0))
        if any(quality) or f.get("drift"):
            # Nothing silent: dates not read or impossible, rows off their columns, drift (issue 12).
            line += " " + self.t(
                "report.files_quality",
                undated=self.n(quality[0]),
                impossible=self.n(quality[1]),
                misaligned=self.n(quality[2]),
                drift=self.n(len(f.get("drift", []))),
            )
        return line

    def export_and_region(self, p: dict[str, Any]) -> tuple[str, str]:
        """A platform's "exported on" and "region (where it came from)" lines, the same in every format."""
        export = (
            self.t("report.export_date", date=self.date(p["export_date"]))
            if p["export_date"]
            else self.t("report.export_date_unknown")
        )
        region = self.t(
            "report.region_line",
            region=i18n.region_label(p["region"], self.lang),
            source=self.t(f"region_source.{p['region_source']}"),
        )
        return export, region


def _clip(text: str, limit: int = EXAMPLE_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _iso(ts: Any) -> str | None:
    return ts.isoformat().replace("+00:00", "Z") if ts is not None else None


def examples(analysis: Analysis, platform: str, limit: int = MAX_EXAMPLES) -> list[dict[str, Any]]:
    """A few training-eligible texts, the most recent of each kind, telling kinds first."""
    import polars as pl

    rank = {k: i for i, k in enumerate(EXAMPLE_KINDS)}
    frame = analysis.items.filter(
        pl.col("account") == platform,  # the context key: the platform, or "instagram#2" for a second account
        pl.col("verdict").is_in(ELIGIBLE),
        pl.col("text").is_not_null(),
        pl.col("text").str.strip_chars() != "",
    )
    if frame.is_empty():
        return []
    frame = (
        # Most recent first; undated items (profile fields) by length, so a summary beats a first name.
        frame.sort(
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
    )
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


def per_year(analysis: Analysis, platform: str) -> list[dict[str, Any]]:
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
        {"year": y, **{v: counts.get(y, {}).get(v, 0) for v in ELIGIBLE}} for y in range(min(counts), max(counts) + 1)
    ]


def _optout(policy_key: str, lang: str, region_note: str | None) -> dict[str, Any]:
    pol = load_policies()[policy_key]

    def tr(field_name: str, english: str) -> str:
        return i18n.policy_text(policy_key, field_name, lang, english)

    region_index = next((i for i, r in enumerate(pol.regions) if r.note == region_note), None)
    return {
        "setting": tr("setting", pol.setting),
        "setting_path": tr("setting_path", pol.setting_path),
        "url": pol.opt_out_url,
        "effect": tr("opt_out_effect", pol.opt_out_effect),
        "levers": [tr(f"extra_levers_{i}", s) for i, s in enumerate(pol.extra_levers)],
        "notes": [tr(f"notes_{i}", s) for i, s in enumerate(pol.notes)],
        "region_note": tr(f"region_{region_index}", region_note)
        if region_note and region_index is not None
        else region_note,
    }


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


def _redact_note(note: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """A note's ``{"key", "fields"}`` with every text field masked (a chat's name, a file's path), and the
    notes inside it too."""

    def mask(name: str, value: Any) -> Any:
        if isinstance(value, dict):
            return _redact_note(value, redactor)
        if isinstance(value, list):
            return [_redact_note(v, redactor) for v in value]
        if isinstance(value, str):
            return (redactor.path(value) if name in _PATH_FIELDS else redactor.text(value)) or ""
        return value

    return {**note, "fields": {k: mask(k, v) for k, v in note.get("fields", {}).items()}}


def _redact_doc(doc: dict[str, Any], redactor: Redactor) -> None:
    """Every string of the summary document that comes from the archive, masked: input names, notes (a
    WhatsApp chat's note names its contact and owner), file paths, failure reasons, the account handles."""
    doc["inputs"] = [redactor.path(x) for x in doc["inputs"]]
    doc["notes"] = [redactor.text(n) or "" for n in doc.get("notes", [])]
    doc["note_keys"] = [_redact_note(n, redactor) for n in doc.get("note_keys", [])]
    doc["unrecognized"] = [redactor.path(x) for x in doc.get("unrecognized", [])]
    for entry in doc.get("exports", []):  # issue 12: every input part read, with its account
        if isinstance(entry, dict):
            if isinstance(entry.get("name"), str):
                entry["name"] = redactor.path(entry["name"])
            if isinstance(entry.get("account"), str):
                entry["account"] = redactor.text(entry["account"])
    for p in doc["platforms"]:
        p["notes"] = [redactor.text(n) or "" for n in p.get("notes", [])]
        p["note_keys"] = [_redact_note(n, redactor) for n in p.get("note_keys", [])]
        for item_note in p.get("item_notes", []):
            item_note["note"] = redactor.text(item_note["note"]) or ""
        if isinstance(p.get("account"), str):
            p["account"] = redactor.text(p["account"], p["platform"])
        files = p["files"]
        files["unrecognized"] = [redactor.path(x) for x in files["unrecognized"]]
        files["failed"] = [
            {**f, "path": redactor.path(f["path"]), "error": redactor.text(f["error"]) or ""} for f in files["failed"]
        ]
        for key in ("drift", "undated", "read"):  # per-file lists that other issues add: their paths
            for entry in files.get(key, []) if isinstance(files.get(key), list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                    entry["path"] = redactor.path(entry["path"])


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
    doc = summary.build(analysis, shown, done=done)
    # A report is meant to be shared: name the archives, not the folders they sit in on this computer.
    doc["inputs"] = [PurePath(p).name for p in doc["inputs"]]
    # Notes said in the report's language from their keys (one catalogue for all), before any redaction.
    doc["notes"] = [i18n.note_text(Note.from_json(n), lang) for n in doc.get("note_keys", [])]
    for plat in doc["platforms"]:
        plat["notes"] = [i18n.note_text(Note.from_json(n), lang) for n in plat.get("note_keys", [])]
        for item_note in plat.get("item_notes", []):
            item_note["note"] = i18n.note_text(Note.from_json(item_note), lang)
    for plat in doc["platforms"]:  # why each file failed, in the report's language (the code stays)
        plat["files"]["failed"] = [
            {"path": f["path"], "error": i18n.problem_text(Problem.from_json(f), lang), "code": f["code"]}
            for f in plat["files"]["failed"]
        ]
    if redactor is not None:
        _redact_doc(doc, redactor)
    doc["report"] = {"generator": f"exportscope {__version__}", "lang": lang, "redacted": redact}
    if redact:
        doc["report"]["owner_kept"] = keep_owner
    report = Report(doc=doc, lang=lang, redacted=redact, owner_kept=keep_owner, notes=list(doc.get("notes", [])))
    seen_policies: set[str] = set()
    # summary.build writes one platform entry per context, in the contexts' order.
    for p, (key, ctx) in zip(doc["platforms"], analysis.contexts.items(), strict=True):
        name = p["platform"]
        exs = examples(analysis, key)
        for ex in exs:
            rule = ex.pop("rule")
            if redactor is not None:  # mask the whole text first, cut after
                if ex["kind"] in MESSAGE_KINDS:
                    ex["text"] = redactor.message(ex["words"] or 0)
                else:
                    ex["text"] = redactor.item_text(ex["text"], name, ex["kind"], rule) or ""
                ex["source"] = redactor.path(ex["source"])
            ex["text"] = _clip(ex["text"])
        p["examples"] = exs
        p["training_by_year"] = per_year(analysis, key)
        report.platforms.append(
            {
                **p,
                "policy_key": ctx.policy,
                # The opted-out sentence is rendered from the catalogue, in the report's language.
                "notes": [
                    n for n, k in zip(p["notes"], p["note_keys"], strict=True) if k["key"] != summary.OPTED_OUT.key
                ],
                "findings": [f for f in shown if f["platform"] == name],
                "optout": _optout(ctx.policy, lang, p["policy"].get("region_note")),
            }
        )
        if ctx.policy not in seen_policies:
            seen_policies.add(ctx.policy)
            report.sources.extend(s for s in load_policies()[ctx.policy].sources if s not in report.sources)
    # The JSON report carries the sources as data (title, url, effective, checked).
    doc["sources"] = [{k: v for k, v in s.items() if k != "id"} for s in report.sources]
    # Findings of an export-level platform that has no item platform of its own still show (rare).
    listed = {p["platform"] for p in report.platforms}
    orphans = [f for f in shown if f["platform"] not in listed]
    if orphans and report.platforms:
        report.platforms[0]["findings"].extend(orphans)
    return report
