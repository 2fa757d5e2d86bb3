"""The Markdown report: the same content as the HTML one, for a wiki, an e-mail or a pull request.

Archive text is escaped with :func:`md_escape`: Markdown punctuation gets a backslash, ``<``/``>``/``&``
become entities and bidi overrides (U+202E...) become visible escapes, so a post holding ``<script>``,
``**bold**``, ``[a](javascript:...)`` or a table pipe renders as the characters typed, never as markup, in
any CommonMark or GitHub renderer. Multi-line text goes into block quotes line by line; table cells are
kept on one line.
"""

from __future__ import annotations

import re

from exportscope import i18n
from exportscope.account_privacy import privacy_sentence
from exportscope.findings import words as finding_words
from exportscope.report.charts import VERDICTS
from exportscope.report.view import MAX_LISTED_FILES, PlatformReport, Report
from exportscope.summary_model import KindCount
from exportscope.termsafe import neutralise_bidi

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Characters that are markup anywhere in a line (GitHub's ``$`` math and ``~`` strike-through included).
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
#: Markup only at the start of a line: list items, headings, setext underlines, ordered lists.
_START = re.compile(r"^(\s*)(?:([-+=#])|(\d+)([.)]))", re.M)
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BAR = 24


def md_escape(value: object, inline: bool = True, line_start: bool = False) -> str:
    """Archive text as literal Markdown; ``inline`` folds line breaks into spaces (table cells, list items);
    ``line_start`` also escapes what is markup only at the start of a line (list markers, headings)."""
    text = neutralise_bidi(_CONTROL.sub("", str(value)))
    if inline:
        text = " ".join(text.split())
    text = "".join(_ENTITIES.get(c, c) for c in text)
    text = _INLINE.sub(r"\\\1", text)
    if not (line_start or not inline):
        return text
    return _START.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), text)


def _code(text: str) -> str:
    """A path as a code span: literal inside, so only backticks and line breaks need care."""
    return "`" + " ".join(neutralise_bidi(_CONTROL.sub("", text)).split()).replace("`", "ˋ") + "`"


def _quote(text: str) -> str:
    lines = [md_escape(line.strip(), inline=True, line_start=True) for line in str(text).splitlines()] or [""]
    return "\n".join("> " + line if line else ">" for line in lines)


def _bar(part: int, total: int) -> str:
    filled = round(_BAR * part / total) if total else 0
    return "█" * filled + "░" * (_BAR - filled)


def _where(r: Report, source: str | None, row: int | None) -> str:
    if not source:
        return ""
    return _code(source) + (f" ({r.t('report.row', n=row)})" if row else "")


def _platform(r: Report, p: PlatformReport) -> list[str]:
    out: list[str] = [f"## {md_escape(p.summary.label)}", ""]
    export, region = r.export_and_region(p.summary)
    out += [f"{md_escape(export)} · {md_escape(region)}", ""]
    pol = p.summary.policy
    status = pol.status  # decided once (exportscope.contexts.policy_status); words only here
    if status == "region_unknown":
        out += [r.t("report.starts_by_region"), ""]
        for reg in pol.regions:
            when = r.date(reg.in_force_since) if reg.in_force_since else r.t("report.no_date_published")
            out.append(f"- {', '.join(i18n.region_label(c, r.lang) for c in reg.codes)}{r.t('meta.colon')}{when}")
        out += ["", r.t("report.pass_region"), ""]
    elif status in ("starts_later", "in_force") and pol.in_force_since:
        key = "report.in_force_from" if status == "starts_later" else "report.in_force_since"
        out += [f"**{r.t(key, date=r.date(pol.in_force_since))}**", ""]
    elif p.optout.region_note:
        out += [f"**{md_escape(p.optout.region_note)}**", ""]
    out += [
        f"| {r.t('report.verdict')} | {r.t('report.items')} | {r.t('report.words')} | {r.t('report.biggest_kinds')} |",
        "|---|--:|--:|---|",
    ]
    for v in VERDICTS:
        kinds = [k for k in p.summary.by_kind if k.verdict == v][:4]
        biggest = " · ".join(f"{i18n.kind_label(k.kind, r.lang)} {r.n(k.items)}" for k in kinds)
        if v == "excluded" and p.summary.conversations:
            biggest += " " + i18n.tn("report.in_conversations", p.summary.conversations, r.lang)
        out.append(
            f"| {i18n.verdict_label(v, r.lang)} | {r.n(p.summary.totals[v])} | {r.n(p.summary.words[v])} | {biggest} |"
        )
    if privacy := privacy_sentence(p.summary.account_privacy, p.summary.platform, r.lang):
        out += ["", md_escape(privacy)]
    totals = p.summary.totals
    out += ["", f"### {r.t('report.used_heading')}", ""]
    out += [
        r.t(
            "report.used_intro",
            n=r.n(totals["training"]),
            words=r.n(p.summary.words["training"]),
            c=r.n(totals["conditional"]),
        ),
        "",
    ]
    years = p.training_by_year
    out += [f"#### {r.t('report.chart_years')}", ""]
    if years:
        peak = max(y.training + y.conditional for y in years) or 1
        out.append("```text")
        out += [f"{y.year} {_bar(y.training + y.conditional, peak)} {r.n(y.training + y.conditional)}" for y in years]
        out += ["```", ""]
    else:
        out += [r.t("report.no_dated_items"), ""]
    out += [f"#### {r.t('report.examples_heading')}", ""]
    if not p.examples:
        out += [r.t("report.no_examples"), ""]
    for ex in p.examples:
        meta = " · ".join(
            x
            for x in (
                i18n.kind_label(ex.kind, r.lang),
                i18n.verdict_label(ex.verdict, r.lang),
                r.day(ex.timestamp),
                _where(r, ex.source, ex.row),
            )
            if x
        )
        out += [f"*{meta}*", "", _quote(ex.text), ""]
    out += [f"### {r.t('report.excluded_heading')}", ""]
    excluded = [k for k in p.summary.by_kind if k.verdict == "excluded"]
    out += _kinds(r, excluded) if excluded else [r.t("report.excluded_none"), ""]
    held = [k for k in p.summary.by_kind if k.verdict == "not_used"]
    if held:
        out += [f"### {r.t('report.held_heading')}", "", r.t("report.held_intro"), "", *_kinds(r, held)]
    out += [f"### {r.t('report.findings_heading')}", ""]
    out += _findings(r, p)
    out += [f"### {r.t('report.files_heading')}", "", *_files(r, p)]
    out += [f"### {r.t('report.optout_heading')}", "", *_optout(r, p)]
    out += [f"_{md_escape(n)}_\n" for n in p.notes if n]
    # Why some verdicts differ from their rule (under 18, not yet in force), or what else applies to them.
    out += [f"_{md_escape(r.t('report.item_note', n=r.n(x.items), note=x.note))}_\n" for x in p.item_notes]
    return out


def _kinds(r: Report, kinds: list[KindCount]) -> list[str]:
    out = [
        f"| {r.t('report.kind')} | {r.t('report.items')} | {r.t('report.first')} | {r.t('report.last')} |",
        "|---|--:|---|---|",
    ]
    for k in kinds:
        first, last = r.day(k.first), r.day(k.last)
        out.append(f"| {i18n.kind_label(k.kind, r.lang)} | {r.n(k.items)} | {first} | {last} |")
    return [*out, ""]


def _findings(r: Report, p: PlatformReport) -> list[str]:
    if not p.findings:
        return [r.t("report.findings_none"), ""]
    out: list[str] = []
    for f in p.findings:
        out += [
            f"#### {r.t('finding.' + f['type'])}{r.t('meta.colon')}{finding_words.amount(f, r.lang)}",
            "",
            f"_{r.t('finding_why.' + f['type'])}_",
            "",
        ]
        if private := finding_words.private_line(f, r.lang):
            out += [private, ""]
        for ex in f["examples"]:
            line = f"- **{md_escape(ex['value'])}**"
            if notes := finding_words.value_notes(ex, r.lang):
                line += f" ({md_escape(i18n.joined(notes, r.lang))})"
            if ex.get("text"):
                line += f" — “{md_escape(ex['text'])}”"
            if ex.get("source"):
                line += f" — {r.t('report.in')} {_where(r, ex['source'], ex.get('row'))}"
            out.append(line)
        if more := finding_words.more(f, len(f["examples"]), r.lang):
            out.append(f"- {more}")
        out.append("")
    return out


def _files(r: Report, p: PlatformReport) -> list[str]:
    f = p.summary.files
    out = [
        r.files_line(p.summary),
        "",
    ]
    if f.unrecognized:
        out += [f"**{r.t('report.unrecognized_files')}**", ""]
        out += [f"- {_where(r, x, None)}" for x in f.unrecognized[:MAX_LISTED_FILES]]
        more = len(f.unrecognized) - MAX_LISTED_FILES
        if more > 0:
            out.append(f"- {r.t('meta.and_more', n=r.n(more))}")
        out.append("")
    if f.failed:
        out += [f"**{r.t('report.failed_files')}**", ""]
        out += [f"- {_where(r, x.path, None)}{r.t('meta.colon')}{md_escape(x.error)}" for x in f.failed]
        out.append("")
    return out


def _optout(r: Report, p: PlatformReport) -> list[str]:
    o = p.optout
    out = [
        md_escape(r.t("report.optout_setting", setting=o.setting)),
        "",
        md_escape(r.t("report.optout_where", path=o.setting_path)),
        "",
    ]
    if o.url:
        out += [f"{r.t('report.optout_link')}{r.t('meta.colon')}<{o.url}>", ""]
    out += [md_escape(o.effect), ""]
    if p.summary.opted_out:
        out += [f"**{md_escape(r.t('report.opted_out'))}**", ""]
    if o.levers:
        out += [f"- {md_escape(x)}" for x in o.levers] + [""]
    if o.notes:
        out += [f"**{r.t('report.notes_heading')}**", ""] + [f"- {md_escape(x)}" for x in o.notes] + [""]
    return out


def render(r: Report) -> bytes:
    out = [f"# {r.t('report.title')}", "", f"_{r.t('report.subtitle')}_", ""]
    out += [
        r.t("report.as_of", date=r.date(r.summary.as_of)),
        "",
        f"{r.t('report.inputs')}{r.t('meta.colon').rstrip()}",
        "",
    ]
    out += [f"- {_where(r, x, None)}" for x in r.summary.inputs] + [""]
    if r.redacted:
        out += [f"> **{r.t('report.redacted_note_owner_kept' if r.owner_kept else 'report.redacted_note')}**", ""]
    from exportscope.report import todo_section

    out += todo_section.markdown(r)
    out += [f"## {r.t('report.overview')}", ""]
    out.append(f"| {r.t('report.platform')} | " + " | ".join(i18n.verdict_label(v, r.lang) for v in VERDICTS) + " |")
    out.append("|---|" + "--:|" * len(VERDICTS))
    for p in r.platforms:
        out.append(f"| {md_escape(p.summary.label)} | " + " | ".join(r.n(p.summary.totals[v]) for v in VERDICTS) + " |")
    out.append("")
    for p in r.platforms:
        out += _platform(r, p)
    if r.notes:
        out += [f"## {r.t('report.general_notes')}", ""] + [f"- {md_escape(n)}" for n in r.notes] + [""]
    if r.sources:
        out += [f"## {r.t('report.sources_heading')}", ""]
        out += [
            f"- [{md_escape(s.get('title', ''))}](<{s.get('url', '')}>) ({md_escape(r.source_dates(s))})"
            for s in r.sources
        ]
        out.append("")
    out += ["---", "", r.t("report.dates_utc"), ""]
    out += [f"{md_escape(r.t('report.footer'))} {r.generator}", ""]
    return "\n".join(out).encode("utf-8")
