"""The worklist as a file: CSV (for a spreadsheet and ``exportscope diff --worklist``), Markdown (a checklist)
and HTML (one self-contained offline page whose check boxes the browser remembers, printable as a checklist).

Every value from the archive is escaped for its format (HTML entities, Markdown escapes, CSV formula
neutralising); links are kept only as plain ``http(s)`` URLs (:func:`exportscope.textio.web_link`).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exportscope import formats, i18n
from exportscope.actions.todo import load_where, worklist_config
from exportscope.actions.worklist import Entry
from exportscope.fsutil import atomic_write

WORKLIST_FORMATS = tuple(f.name for f in formats.family("worklist"))
#: The CSV's columns: ``key`` and ``done`` are what ``exportscope diff --worklist`` reads (keys-api.md).
CSV_COLUMNS = (
    "rank", "done", "key", "platform", "kind", "verdict", "timestamp", "action", "reasons", "link", "where",
    "source", "row", "text",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Meta:
    """What the page says about where it came from (never a folder of this computer: names only)."""

    inputs: tuple[str, ...]
    as_of: str
    lang: str = i18n.DEFAULT_LANG
    labels: tuple[tuple[str, str], ...] = ()

    def label(self, platform: str) -> str:
        return dict(self.labels).get(platform, platform.capitalize())


def format_for(path: Path, explicit: str | None = None) -> str:
    """The worklist's format (:func:`exportscope.formats.choose`)."""
    return formats.choose("worklist", path, explicit).name


def reason_words(e: Entry, lang: str) -> list[str]:
    years = int(worklist_config().get("old_years", 5))
    return [
        i18n.t(f"worklist.reason_{r}", lang, years=years) if r == "old" else i18n.t(f"worklist.reason_{r}", lang)
        for r in e.reasons
    ] or [i18n.t("worklist.no_reason", lang)]


def _when(e: Entry, lang: str) -> str:
    return e.timestamp.strftime("%Y-%m-%d") if e.timestamp else i18n.t("worklist.no_date", lang)


def _place(e: Entry, lang: str) -> str:
    where = load_where().get(e.platform)
    return where.place_in(lang) if where else ""


def _iso(e: Entry) -> str:
    return e.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ") if e.timestamp else ""


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(entries: Sequence[Entry], meta: Meta) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in entries:
        w.writerow(
            _cell(v)
            for v in (
                e.rank,
                "",
                e.key,
                e.platform,
                e.kind,
                e.verdict,
                _iso(e),
                e.action,
                "; ".join(e.reasons),
                e.link or "",
                e.where or "",
                e.source,
                e.row,
                e.text,
            )
        )
    return out.getvalue().encode("utf-8")


def render_md(entries: Sequence[Entry], meta: Meta) -> bytes:
    from exportscope.report.markdown import md_escape

    lang = meta.lang
    lines = [f"# {i18n.t('worklist.title', lang)}", "", i18n.t("worklist.intro_plain", lang), ""]
    if not entries:
        lines += [i18n.t("worklist.empty", lang), ""]
    for e in entries:
        head = (
            f"- [ ] **{e.rank}.** {md_escape(i18n.kind_label(e.kind, lang))} · {md_escape(meta.label(e.platform))}"
            f" · {_when(e, lang)} — **{md_escape(i18n.t(f'worklist.action_{e.action}', lang))}**"
        )
        lines.append(head)
        why = i18n.t("worklist.why", lang) + i18n.t("meta.colon", lang)
        lines.append(f"  - {why}{md_escape(i18n.joined(reason_words(e, lang), lang))}")
        if e.link:
            lines.append(f"  - <{e.link}>")
        else:
            place = md_escape(_place(e, lang))
            lines.append(f"  - {i18n.t('worklist.find_in', lang, place=place)}" + (f" <{e.where}>" if e.where else ""))
        if e.text:
            lines.append(f"  - {md_escape(e.text)}")
        key = e.key.replace("`", "'")
        lines.append(f"  - `{key}`")
    lines += ["", i18n.t("worklist.made", lang, inputs=", ".join(meta.inputs), date=meta.as_of), ""]
    return "\n".join(lines).encode("utf-8")


_CSS = """
:root{--ink:#1d1f21;--mute:#5c6166;--line:#d8dadd;--accent:#b3261e}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:60rem;
margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0 .6rem}p.intro{color:var(--mute)}
ol{list-style:none;padding:0;margin:1rem 0}li{border-top:1px solid var(--line);padding:.55rem 0;display:flex;gap:.7rem}
li input{width:1.2rem;height:1.2rem;margin-top:.2rem;flex:none}li .body{flex:1;min-width:0}
li.done .body{opacity:.55;text-decoration:line-through}
.head{font-weight:600}.act{color:var(--accent)}.why,.where,.key{font-size:.88rem;color:var(--mute)}
.text{margin:.2rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.key{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
a{color:#0b57d0}footer{margin-top:2rem;border-top:1px solid var(--line);font-size:.85rem;color:var(--mute)}
@media print{body{max-width:none;padding:0;font-size:10.5pt}li{break-inside:avoid}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;color:var(--mute);overflow-wrap:anywhere}
li.done .body{opacity:1}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

#: Remembers the ticks in this browser only (localStorage, keyed by the page's list of items).
_JS = """
(function(){var id=document.body.getAttribute('data-list');var k='exportscope-worklist:'+id;var s={};
try{s=JSON.parse(localStorage.getItem(k)||'{}')||{}}catch(e){s={}}
document.querySelectorAll('input[data-key]').forEach(function(b){var key=b.getAttribute('data-key');
if(s[key]){b.checked=true;b.closest('li').classList.add('done')}
b.addEventListener('change',function(){if(b.checked){s[key]=1}else{delete s[key]}
b.closest('li').classList.toggle('done',b.checked);try{localStorage.setItem(k,JSON.stringify(s))}catch(e){}})});})();
"""


def render_html(entries: Sequence[Entry], meta: Meta) -> bytes:
    from exportscope.report.html import esc

    lang = meta.lang
    list_id = hashlib.sha256("\n".join(e.key for e in entries).encode("utf-8")).hexdigest()[:16]
    rows = []
    for e in entries:
        if e.link:
            where = f'<a href="{esc(e.link)}" rel="noreferrer noopener">{esc(i18n.t("worklist.open", lang))}</a>'
        else:
            where = esc(i18n.t("worklist.find_in", lang, place=_place(e, lang)))
            if e.where:
                where += f' — <a href="{esc(e.where)}" rel="noreferrer noopener">{esc(e.where)}</a>'
        label = esc(i18n.t("worklist.done", lang) + i18n.t("meta.colon", lang)) + str(e.rank)
        act = esc(i18n.t(f"worklist.action_{e.action}", lang))
        rows.append(
            f'<li><input type="checkbox" data-key="{esc(e.key)}" aria-label="{label}"><div class="body">'
            f'<div class="head">{e.rank}. {esc(i18n.kind_label(e.kind, lang))} · {esc(meta.label(e.platform))}'
            f' · {esc(_when(e, lang))} — <span class="act">{act}</span></div>'
            f'<div class="why">{esc(i18n.t("worklist.why", lang) + i18n.t("meta.colon", lang))}'
            f"{esc(i18n.joined(reason_words(e, lang), lang))}</div>"
            + (f'<div class="text">{esc(e.text)}</div>' if e.text else "")
            + f'<div class="where">{where}</div><div class="key">{esc(e.key)}</div></div></li>'
        )
    body = "\n".join(rows) if rows else f"<p>{esc(i18n.t('worklist.empty', lang))}</p>"
    title = esc(i18n.t("worklist.title", lang))
    page = (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>{_CSS}</style></head>\n"
        f'<body data-list="{list_id}"><h1>{title}</h1>'
        f'<p class="intro">{esc(i18n.t("worklist.intro", lang))} '
        f"{esc(i18n.tn('worklist.count', len(entries), lang))}.</p>\n<ol>\n{body}\n</ol>\n"
        f"<footer>{esc(i18n.t('worklist.made', lang, inputs=', '.join(meta.inputs), date=meta.as_of))}</footer>"
        f"<script>{_JS}</script></body></html>\n"
    )
    return page.encode("utf-8")


RENDERERS = {"csv": render_csv, "md": render_md, "html": render_html}


def render(entries: Sequence[Entry], fmt: str, meta: Meta) -> bytes:
    return RENDERERS[fmt](entries, meta)


def write(entries: Sequence[Entry], path: Path, meta: Meta, fmt: str | None = None) -> Path:
    """Write the worklist atomically (owner-only permissions: it holds personal data)."""
    kind = format_for(path, fmt)
    data = render(entries, kind, meta)
    with atomic_write(path) as fh:
        fh.write(data)
    return path
