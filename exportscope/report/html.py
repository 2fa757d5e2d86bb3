"""The HTML report: one self-contained file that opens offline and prints cleanly.

No script, no stylesheet link, no image, no font: styles are inline and charts are inline SVG, and a
Content-Security-Policy of ``default-src 'none'`` makes a browser refuse any external load even if one
slipped in. Every value that came from an archive goes through :func:`esc` (control characters dropped,
bidi overrides shown as escapes, ``& < > " '`` escaped); links are only the platforms' opt-out pages and
policy sources from ``schemas/``.
"""

from __future__ import annotations

import re
from html import escape

from exportscope import i18n
from exportscope.account_privacy import privacy_sentence
from exportscope.findings import words as finding_words
from exportscope.report.charts import VERDICTS, totals_chart, years_chart
from exportscope.report.view import MAX_LISTED_FILES, PlatformReport, Report
from exportscope.summary_model import KindCount
from exportscope.termsafe import neutralise_bidi

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKS = {"training": "●", "conditional": "◐", "excluded": "○", "not_used": "·"}

CSS = """
:root{--ink:#1d1f21;--mute:#5f6368;--line:#d9dde1;--bg:#fff;--soft:#f5f6f7;
--training:#b3261e;--conditional:#e8912d;--excluded:#2f6fb0;--not_used:#9aa3ab}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);
background:var(--bg);max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;
margin-top:2.2rem}h3{font-size:1.08rem;margin:1.4rem 0 .4rem}h4{font-size:.98rem;margin:1rem 0 .3rem}
.mute,.why,.meta{color:var(--mute)}.redacted{border-left:4px solid var(--conditional);padding:.4rem .8rem;
background:var(--soft)}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{text-align:left;padding:.25rem .5rem;
border-bottom:1px solid var(--line);vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.v-training{color:var(--training)}.v-conditional{color:var(--conditional)}.v-excluded{color:var(--excluded)}
.v-not_used{color:var(--not_used)}
blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:4px solid var(--training);background:var(--soft);
white-space:pre-wrap;overflow-wrap:anywhere}
.ex-meta{font-size:.85rem;color:var(--mute);margin-top:.6rem}
code,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86rem;overflow-wrap:anywhere}
.chart{max-width:100%;height:auto}.chart .lbl,.chart .leg,.chart .ax{font:12px system-ui,sans-serif;fill:#1d1f21}
.chart .in{font:11px system-ui,sans-serif;fill:#fff}
.finding{margin:.6rem 0 1rem}.finding ul{margin:.2rem 0}
#todo ol.todo{padding-left:1.2rem}#todo li{margin:.5rem 0}#todo dl{margin:.2rem 0 .4rem}
#todo dt{font-weight:600;font-size:.9rem}#todo dd{margin:0 0 .2rem 1rem}.box{font-size:1.1rem}
footer{margin-top:2.5rem;border-top:1px solid var(--line);font-size:.88rem;color:var(--mute)}
td,a{overflow-wrap:anywhere}
@media (max-width:40rem){body{padding:.8rem;font-size:14px}th,td{padding:.2rem .3rem}#todo dd{margin-left:.4rem}
th{font-size:.85rem;hyphens:auto;overflow-wrap:anywhere}}
@page{margin:12mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt;line-height:1.35}h2{margin-top:1.2rem}
h3{margin:.8rem 0 .3rem}th,td{padding:.1rem .35rem}.chart{max-height:5cm;width:auto}
body{display:flex;flex-direction:column}header{order:0}#overview{order:1}#todo{order:2;break-after:page}
section.platform,footer{order:3}#overview .chart{display:none}#overview h2{margin-top:.6rem}
h2,h3,h4{break-after:avoid}table,blockquote,.finding,svg{break-inside:avoid}
a{color:inherit}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;color:var(--mute)}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def esc(value: object) -> str:
    """Archive text made safe for HTML text and attribute values."""
    return escape(neutralise_bidi(_CONTROL.sub("", str(value))), quote=True)


def _link(url: str, text: str) -> str:
    if not url.startswith("https://"):
        return esc(text)
    return f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(text)}</a>'


def _policy_block(r: Report, p: PlatformReport) -> str:
    pol = p.summary.policy
    out: list[str] = []
    status = pol.status  # decided once (exportscope.contexts.policy_status); words only here
    if status == "region_unknown":
        rows = "".join(
            f"<li>{esc(', '.join(i18n.region_label(c, r.lang) for c in reg.codes) + r.t('meta.colon'))}"
            f"{esc(r.date(reg.in_force_since) if reg.in_force_since else r.t('report.no_date_published'))}</li>"
            for reg in pol.regions
        )
        out.append(f"<p>{esc(r.t('report.starts_by_region'))}</p><ul>{rows}</ul>")
        out.append(f'<p class="mute">{esc(r.t("report.pass_region"))}</p>')
    elif status in ("starts_later", "in_force") and pol.in_force_since:
        key = "report.in_force_from" if status == "starts_later" else "report.in_force_since"
        out.append(f"<p><strong>{esc(r.t(key, date=r.date(pol.in_force_since)))}</strong></p>")
    elif p.optout.region_note:
        out.append(f"<p><strong>{esc(p.optout.region_note)}</strong></p>")
    else:
        out.append(f"<p>{esc(r.t('report.in_force_no_date'))}</p>")
    return "".join(out)


def _totals_table(r: Report, p: PlatformReport) -> str:
    head = (
        f"<tr><th></th><th>{esc(r.t('report.verdict'))}</th><th class=n>{esc(r.t('report.items'))}</th>"
        f"<th class=n>{esc(r.t('report.words'))}</th><th>{esc(r.t('report.biggest_kinds'))}</th></tr>"
    )
    rows = []
    for v in VERDICTS:
        kinds = [k for k in p.summary.by_kind if k.verdict == v][:4]
        biggest = " · ".join(f"{esc(i18n.kind_label(k.kind, r.lang))} {esc(r.n(k.items))}" for k in kinds)
        if v == "excluded" and p.summary.conversations:
            biggest += " " + esc(i18n.tn("report.in_conversations", p.summary.conversations, r.lang))
        rows.append(
            f'<tr class="v-{v}"><td aria-hidden="true">{_MARKS[v]}</td><td>{esc(i18n.verdict_label(v, r.lang))}</td>'
            f"<td class=n>{esc(r.n(p.summary.totals[v]))}</td><td class=n>{esc(r.n(p.summary.words[v]))}</td>"
            f"<td>{biggest}</td></tr>"
        )
    return f"<table class=totals>{head}{''.join(rows)}</table>"


def _kind_table(r: Report, kinds: list[KindCount]) -> str:
    head = (
        f"<tr><th>{esc(r.t('report.kind'))}</th><th class=n>{esc(r.t('report.items'))}</th>"
        f"<th>{esc(r.t('report.first'))}</th><th>{esc(r.t('report.last'))}</th></tr>"
    )
    rows = "".join(
        f"<tr><td>{esc(i18n.kind_label(k.kind, r.lang))}</td><td class=n>{esc(r.n(k.items))}</td>"
        f"<td>{esc(r.day(k.first))}</td><td>{esc(r.day(k.last))}</td></tr>"
        for k in kinds
    )
    return f"<table>{head}{rows}</table>"


def _where(r: Report, source: str | None, row: int | None) -> str:
    if not source:
        return ""
    text = f'<span class="path">{esc(source)}</span>'
    return text + (f" ({esc(r.t('report.row', n=row))})" if row else "")


def _examples(r: Report, p: PlatformReport) -> str:
    if not p.examples:
        return f"<p class=mute>{esc(r.t('report.no_examples'))}</p>"
    out = []
    for ex in p.examples:
        meta = " · ".join(
            x
            for x in (
                esc(i18n.kind_label(ex.kind, r.lang)),
                esc(i18n.verdict_label(ex.verdict, r.lang)),
                esc(r.day(ex.timestamp)),
                _where(r, ex.source, ex.row),
            )
            if x
        )
        out.append(f'<div class="ex-meta">{meta}</div><blockquote>{esc(ex.text)}</blockquote>')
    return "".join(out)


def _findings(r: Report, p: PlatformReport) -> str:
    if not p.findings:
        return f"<p class=mute>{esc(r.t('report.findings_none'))}</p>"
    out = []
    for f in p.findings:
        items = []
        for ex in f["examples"]:
            parts = [f"<strong>{esc(ex['value'])}</strong>"]
            if notes := finding_words.value_notes(ex, r.lang):
                parts[0] += f" <span class=mute>({esc(i18n.joined(notes, r.lang))})</span>"
            if ex.get("text"):
                parts.append(f"“{esc(ex['text'])}”")
            if ex.get("source"):
                parts.append(esc(r.t("report.in")) + " " + _where(r, ex["source"], ex.get("row")))
            items.append("<li>" + " — ".join(parts) + "</li>")
        more = finding_words.more(f, len(f["examples"]), r.lang)
        private = finding_words.private_line(f, r.lang)
        title = r.t("finding." + f["type"]) + r.t("meta.colon") + finding_words.amount(f, r.lang)
        out.append(
            f'<div class="finding"><h4>{esc(title)}</h4>'
            f'<p class="why">{esc(r.t("finding_why." + f["type"]))}</p>'
            + (f"<p>{esc(private)}</p>" if private else "")
            + f"<ul>{''.join(items)}</ul>"
            + (f'<p class="mute">{esc(more)}</p>' if more else "")
            + "</div>"
        )
    return "".join(out)


def _files(r: Report, p: PlatformReport) -> str:
    f = p.summary.files
    out = ["<p>" + esc(r.files_line(p.summary)) + "</p>"]
    if f.unrecognized:
        shown = f.unrecognized[:MAX_LISTED_FILES]
        items = "".join(f'<li class="path">{esc(x)}</li>' for x in shown)
        more = len(f.unrecognized) - len(shown)
        extra = f"<li>{esc(r.t('meta.and_more', n=r.n(more)))}</li>" if more > 0 else ""
        out.append(f"<h4>{esc(r.t('report.unrecognized_files'))}</h4><ul>{items}{extra}</ul>")
    if f.failed:
        colon = esc(r.t("meta.colon"))
        items = "".join(f'<li><span class="path">{esc(x.path)}</span>{colon}{esc(x.error)}</li>' for x in f.failed)
        out.append(f"<h4>{esc(r.t('report.failed_files'))}</h4><ul>{items}</ul>")
    return "".join(out)


def _optout(r: Report, p: PlatformReport) -> str:
    o = p.optout
    out = [f"<p>{esc(r.t('report.optout_setting', setting=o.setting))}</p>"]
    out.append(f"<p>{esc(r.t('report.optout_where', path=o.setting_path))}</p>")
    if o.url:
        out.append(f"<p>{_link(o.url, r.t('report.optout_link'))}{esc(r.t('meta.colon'))}<code>{esc(o.url)}</code></p>")
    out.append(f"<p>{esc(o.effect)}</p>")
    if p.summary.opted_out:
        out.append(f"<p><strong>{esc(r.t('report.opted_out'))}</strong></p>")
    if o.levers:
        out.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in o.levers) + "</ul>")
    if o.notes:
        out.append(f"<h4>{esc(r.t('report.notes_heading'))}</h4><ul>")
        out.append("".join(f"<li>{esc(x)}</li>" for x in o.notes) + "</ul>")
    return "".join(out)


def _privacy(r: Report, p: PlatformReport) -> str:
    """Whether the account is private where that decides the verdicts, and what public would change."""
    sentence = privacy_sentence(p.summary.account_privacy, p.summary.platform, r.lang)
    return f'<p class="privacy">{esc(sentence)}</p>' if sentence else ""


def _platform(r: Report, p: PlatformReport) -> str:
    export, region = r.export_and_region(p.summary)
    totals = p.summary.totals
    excluded = [k for k in p.summary.by_kind if k.verdict == "excluded"]
    held = [k for k in p.summary.by_kind if k.verdict == "not_used"]
    years = p.training_by_year

    def label(v: str) -> str:
        return i18n.verdict_label(v, r.lang)

    parts = [
        f'<section class="platform" id="p-{esc(p.summary.platform)}"><h2>{esc(p.summary.label)}</h2>',
        f'<p class="meta">{esc(export)} · {esc(region)}</p>',
        _policy_block(r, p),
        _totals_table(r, p),
        _privacy(r, p),
        f"<h3>{esc(r.t('report.used_heading'))}</h3>",
        "<p>"
        + esc(
            r.t(
                "report.used_intro",
                n=r.n(totals["training"]),
                words=r.n(p.summary.words["training"]),
                c=r.n(totals["conditional"]),
            )
        )
        + "</p>",
        f"<h4>{esc(r.t('report.chart_years'))}</h4>",
        years_chart(years, label, r.n, r.t("report.chart_years"), r.t("meta.colon"))
        if years
        else f"<p class=mute>{esc(r.t('report.no_dated_items'))}</p>",
        f"<h4>{esc(r.t('report.examples_heading'))}</h4>",
        _examples(r, p),
        f"<h3>{esc(r.t('report.excluded_heading'))}</h3>",
        _kind_table(r, excluded) if excluded else f"<p class=mute>{esc(r.t('report.excluded_none'))}</p>",
        f"<h3>{esc(r.t('report.held_heading'))}</h3>",
        (f"<p>{esc(r.t('report.held_intro'))}</p>" + _kind_table(r, held)) if held else "",
        f"<h3>{esc(r.t('report.findings_heading'))}</h3>",
        _findings(r, p),
        f"<h3>{esc(r.t('report.files_heading'))}</h3>",
        _files(r, p),
        f"<h3>{esc(r.t('report.optout_heading'))}</h3>",
        _optout(r, p),
    ]
    parts.extend(f'<p class="mute">{esc(n)}</p>' for n in p.notes if n)
    # Why some verdicts differ from their rule (under 18, not yet in force), or what else applies to them.
    parts.extend(
        f'<p class="mute">{esc(r.t("report.item_note", n=r.n(x.items), note=x.note))}</p>' for x in p.item_notes
    )
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def render(r: Report) -> bytes:
    def label(v: str) -> str:
        return i18n.verdict_label(v, r.lang)

    rows = [(p.summary.label, p.summary.totals) for p in r.platforms]
    overview_rows = "".join(
        f"<tr><td>{esc(p.summary.label)}</td>"
        + "".join(f'<td class="n v-{v}">{esc(r.n(p.summary.totals[v]))}</td>' for v in VERDICTS)
        + "</tr>"
        for p in r.platforms
    )
    overview_head = (
        f"<tr><th>{esc(r.t('report.platform'))}</th>"
        + "".join(f'<th class="n v-{v}">{esc(label(v))}</th>' for v in VERDICTS)
        + "</tr>"
    )
    inputs = "".join(f'<li class="path">{esc(x)}</li>' for x in r.summary.inputs)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(r.lang)}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(r.t('report.title'))}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{esc(r.t('report.title'))}</h1><p class=mute>{esc(r.t('report.subtitle'))}</p>",
        f"<p>{esc(r.t('report.as_of', date=r.date(r.summary.as_of)))}</p>",
        f"<p>{esc(r.t('report.inputs') + r.t('meta.colon').rstrip())}</p><ul>{inputs}</ul>",
    ]
    if r.redacted:
        note = r.t("report.redacted_note_owner_kept" if r.owner_kept else "report.redacted_note")
        head.append(f'<p class="redacted">{esc(note)}</p>')
    head.append("</header>")
    from exportscope.report import todo_section

    body = [
        todo_section.html(r),
        f'<section id="overview"><h2>{esc(r.t("report.overview"))}</h2>',
        totals_chart(rows, label, r.n, r.t("report.chart_totals"), r.t("meta.colon")),
        f"<table>{overview_head}{overview_rows}</table></section>",
    ]
    body.extend(_platform(r, p) for p in r.platforms)
    foot = ["<footer>"]
    if r.notes:
        foot.append(f"<h4>{esc(r.t('report.general_notes'))}</h4><ul>")
        foot.append("".join(f"<li>{esc(n)}</li>" for n in r.notes) + "</ul>")
    if r.sources:
        foot.append(f"<h4>{esc(r.t('report.sources_heading'))}</h4><ul>")
        foot.append(
            "".join(
                f"<li>{_link(s.get('url', ''), s.get('title', ''))} ({esc(r.source_dates(s))})</li>" for s in r.sources
            )
            + "</ul>"
        )
    foot.append(f"<p>{esc(r.t('report.dates_utc'))}</p>")
    foot.append(f"<p>{esc(r.t('report.footer'))} {esc(r.generator)}.</p></footer></body></html>\n")
    return "\n".join(head + body + foot).encode("utf-8")
