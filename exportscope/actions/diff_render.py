"""Writing a :class:`~exportscope.actions.diff.Comparison`: the ``exportscope.diff/1`` JSON document (schema in
``schemas/diff.schema.json``), a text summary for the terminal and a self-contained HTML report.

No item text is written in any of them: items are named by kind, date, key and the file they sit in, which is
enough to find them again and keeps the comparison shareable. Paths from the archive are escaped for the
terminal (control characters dropped) and for HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exportscope import formats, i18n
from exportscope.actions import catalogue
from exportscope.actions.diff import Change, Comparison, Status
from exportscope.actions.letter import PLATFORM_LABELS
from exportscope.fsutil import atomic_write
from exportscope.report.html import esc
from exportscope.textio import printable

SCHEMA = "exportscope.diff/1"
#: Suffix -> format name, from the registry (:data:`exportscope.formats.FORMATS`, family ``diff``).
FORMATS = {s: f.name for f in formats.family("diff") for s in f.suffixes}


def _t(key: str, lang: str, /, **fields: object) -> str:
    return catalogue.text("diff", f"diff.{key}", lang, **fields)


def to_json(c: Comparison) -> dict[str, Any]:
    """The comparison as the ``exportscope.diff/1`` document."""

    def side(s: Any) -> dict[str, Any]:
        return {
            "inputs": [Path(p).name for p in s.inputs],
            "as_of": s.as_of.isoformat(),
            "export_dates": {p: (d.isoformat() if d else None) for p, d in s.dates.items()},
        }

    platforms = []
    for p in c.platforms:
        mine = c.changes.filter(c.changes["platform"] == p)
        counts: dict[str, int] = {
            ch.value: int((mine["change"] == ch.value).sum()) for ch in Change if ch is not Change.SAME
        }
        counts["unchanged"] = c.unchanged.get(p, 0)
        platforms.append({
            "platform": p,
            "counts": counts,
            "by_kind": [
                {"kind": r.kind, "verdict": r.verdict, "added": r.added, "removed": r.removed, "changed": r.changed,
                 "verdict_changed": r.verdict_changed, "first": r.first, "last": r.last}
                for r in c.by_kind if r.platform == p
            ],
            "policy_changes": [
                {"in_force_since": s.since.isoformat(), "from": s.from_verdict, "to": s.to_verdict, "items": s.items}
                for s in c.policy if s.platform == p
            ],
        })  # fmt: skip
    items = [
        {**row, "timestamp": row["timestamp"].strftime("%Y-%m-%dT%H:%M:%SZ") if row["timestamp"] else None}
        for row in c.changes.iter_rows(named=True)
    ]
    erasure = None
    if c.erasure is not None:
        e = c.erasure
        erasure = {
            "worklist": Path(e.worklist).name,
            "ticked": e.ticked, "unticked": e.unticked, "unusable": e.unusable,
            "counts": {s.value: e.count(s) for s in Status},
            "items": [{"key": r.key, "platform": r.platform, "kind": r.kind, "status": r.status.value,
                       "timestamp": r.timestamp, "source": r.source} for r in e.rows],
        }  # fmt: skip
    return {
        "schema": SCHEMA,
        "old": side(c.old),
        "new": side(c.new),
        "platforms": platforms,
        "only_in_old": c.only_old,
        "only_in_new": c.only_new,
        "items": items,
        "erasure": erasure,
        "notes": [{"code": code.value, "platform": arg or None} for code, arg in c.notes],
    }


def _date(value: Any, lang: str) -> str:
    return i18n.fmt_date(value, lang) if value else _t("no_date", lang)


def _notes(c: Comparison, lang: str) -> list[str]:
    out = []
    for code, arg in c.notes:
        if code.value == "account_unconfirmed":
            out.append(_t(code.value, lang, platform=PLATFORM_LABELS.get(arg, arg)))
        elif code.value == "date_unknown":
            side = c.old if arg == "old" else c.new
            name = _t("older" if arg == "old" else "newer", lang).lower()
            out.append(_t(code.value, lang, side=name, date=i18n.fmt_date(side.as_of, lang)))
        else:
            out.append(_t(code.value, lang))
    if c.only_old:
        out.append(_t("only_old", lang, platforms=", ".join(PLATFORM_LABELS.get(p, p) for p in c.only_old)))
    if c.only_new:
        out.append(_t("only_new", lang, platforms=", ".join(PLATFORM_LABELS.get(p, p) for p in c.only_new)))
    return out


def _sections(c: Comparison, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, paragraphs, table rows) per platform, shared by the text and HTML writers."""
    doc = to_json(c)
    out = []
    for p in doc["platforms"]:
        name = p["platform"]
        head = _t("platform_head", lang, platform=PLATFORM_LABELS.get(name, name),
                  old=_date(c.old.dates.get(name), lang), new=_date(c.new.dates.get(name), lang))  # fmt: skip
        n = p["counts"]
        paras = [_t("counts", lang, added=n["added"], removed=n["removed"], changed=n["changed"],
                    verdict=n["verdict"], same=n["unchanged"])]  # fmt: skip
        for s in p["policy_changes"]:
            paras.append(_t("policy", lang, n=s["items"], since=i18n.fmt_date(s["in_force_since"], lang),
                            from_verdict=i18n.verdict_label(s["from"], lang),
                            to_verdict=i18n.verdict_label(s["to"], lang)))  # fmt: skip
        rows = []
        for r in p["by_kind"]:
            dates = "" if r["first"] is None else (
                i18n.fmt_date(r["first"], lang) if r["first"][:10] == r["last"][:10]
                else _t("range", lang, first=i18n.fmt_date(r["first"], lang), last=i18n.fmt_date(r["last"], lang))
            )  # fmt: skip
            rows.append([i18n.kind_label(r["kind"], lang), i18n.verdict_label(r["verdict"], lang), str(r["added"]),
                         str(r["removed"]), str(r["changed"]), str(r["verdict_changed"]), dates])  # fmt: skip
        out.append((head, paras if rows or p["policy_changes"] else [*paras, _t("no_changes", lang)], rows))
    return out


def _columns(lang: str) -> list[str]:
    return [_t(f"col_{k}", lang) for k in ("kind", "verdict", "added", "removed", "changed", "moved", "dates")]


def _erasure_rows(c: Comparison, lang: str) -> list[list[str]]:
    assert c.erasure is not None
    order = {Status.STILL_PRESENT: 0, Status.NOT_FOUND: 1, Status.NOT_CHECKED: 2, Status.GONE: 3}
    rows = sorted(c.erasure.rows, key=lambda r: (order[r.status], r.platform, r.timestamp or "", r.key))
    return [[_t(f"status.{r.status.value}", lang), PLATFORM_LABELS.get(r.platform, r.platform),
             i18n.kind_label(r.kind, lang), i18n.fmt_date(r.timestamp, lang) if r.timestamp else "",
             r.source or ""] for r in rows]  # fmt: skip


def render_text(c: Comparison, lang: str = "en") -> str:
    lines = [_t("title", lang), ""]
    lines += [f"* {printable(n)}" for n in _notes(c, lang)]
    for head, paras, rows in _sections(c, lang):
        lines += ["", head, "-" * len(head), *paras]
        if rows:
            table = [_columns(lang), *rows]
            widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
            lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table]
    if (e := c.erasure) is not None:
        head = _t("erasure_title", lang, n=e.ticked)
        lines += ["", head, "-" * len(head)]
        lines.append(_t("erasure_counts", lang, gone=e.count(Status.GONE), present=e.count(Status.STILL_PRESENT),
                        not_found=e.count(Status.NOT_FOUND), not_checked=e.count(Status.NOT_CHECKED)))  # fmt: skip
        lines.append(_t("erasure_rest", lang, unticked=e.unticked, unusable=e.unusable))
        for row in _erasure_rows(c, lang):
            lines.append("  ".join(printable(cell) for cell in row if cell))
    return "\n".join(lines).rstrip() + "\n"


_CSS = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#111}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #ddd;padding:.2em .6em;"
    "text-align:left}td.n{text-align:right}.still_present td:first-child{color:#a00;font-weight:600}"
    ".gone td:first-child{color:#070}"
)


def _table(header: list[str], rows: list[list[str]], classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        f'<tr class="{esc(classes[i]) if classes else ""}">' + "".join(f"<td>{esc(cell)}</td>" for cell in r) + "</tr>"
        for i, r in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(c: Comparison, lang: str = "en") -> str:
    parts = [f"<h1>{esc(_t('title', lang))}</h1>"]
    if notes := _notes(c, lang):
        parts.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    for head, paras, rows in _sections(c, lang):
        parts.append(f"<h2>{esc(head)}</h2>" + "".join(f"<p>{esc(p)}</p>" for p in paras))
        if rows:
            parts.append(_table(_columns(lang), rows))
    if (e := c.erasure) is not None:
        parts.append(f"<h2>{esc(_t('erasure_title', lang, n=e.ticked))}</h2>")
        counts = _t("erasure_counts", lang, gone=e.count(Status.GONE), present=e.count(Status.STILL_PRESENT),
                    not_found=e.count(Status.NOT_FOUND), not_checked=e.count(Status.NOT_CHECKED))  # fmt: skip
        parts.append(
            f"<p>{esc(counts)}</p><p>{esc(_t('erasure_rest', lang, unticked=e.unticked, unusable=e.unusable))}</p>"
        )
        order = {Status.STILL_PRESENT: 0, Status.NOT_FOUND: 1, Status.NOT_CHECKED: 2, Status.GONE: 3}
        classes = [
            r.status.value
            for r in sorted(e.rows, key=lambda r: (order[r.status], r.platform, r.timestamp or "", r.key))
        ]
        header = [_t(f"col_{k}", lang) for k in ("status",)] + [
            "",
            _t("col_kind", lang),
            _t("col_date", lang),
            _t("col_where", lang),
        ]
        parts.append(_table(header, _erasure_rows(c, lang), classes))
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(_t('title', lang))}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def write_comparison(c: Comparison, path: Path, fmt: str, lang: str) -> Path:
    """Write atomically, owner-only (0600): a comparison names a person's items and files."""
    import orjson

    if fmt == "json":
        data = orjson.dumps(to_json(c), option=orjson.OPT_INDENT_2) + b"\n"
    else:
        data = (render_html(c, lang) if fmt == "html" else render_text(c, lang)).encode("utf-8")
    with atomic_write(path) as fh:
        fh.write(data)
    path.chmod(0o600)
    return path
