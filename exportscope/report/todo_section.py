"""The to-do list and the answers used, as the first section of the HTML and Markdown reports (page 1).

Rendered from the summary's ``todo`` and ``answers``, in the report's language, so
the report, the text summary and the terminal UI show the same list; ticks made in the terminal UI arrive as
``done`` and are shown checked.
"""

from __future__ import annotations

from typing import Any

from exportscope import i18n
from exportscope.actions.todo import action_texts, headline_text
from exportscope.report.view import Report


def _labels(r: Report) -> dict[str, str]:
    return r.labels()


def answer_lines(r: Report) -> list[str]:
    """Which answers the verdicts used, in words (plain text; each format escapes it)."""
    a: dict[str, Any] = r.summary.answers
    if not a:
        return []
    lines = []
    if a.get("region"):
        lines.append(
            r.t("todo.answer_region", region=i18n.region_label(a["region"], r.lang), source=r.t("region_source.option"))
        )
    if a.get("facebook_audience") not in (None, "unknown"):
        lines.append(r.t("todo.answer_audience", audience=r.t(f"todo.audience_{a['facebook_audience']}")))
    if a.get("opted_out"):
        lines.append(r.t("todo.answer_opted_out", platforms=", ".join(a["opted_out"])))
    from exportscope.actions.answers import questions

    for q in questions():
        if (value := (a.get("questions") or {}).get(q.key)) is not None:
            lines.append(f"{r.t(q.prompt)} {r.t(f'{q.prompt}_{value}')}")
    if not lines:
        lines.append(r.t("todo.answers_none"))
    return lines


def html(r: Report) -> str:
    from exportscope.report.html import _link, esc

    todo = r.summary.todo
    if not todo:
        return ""
    out = [
        f'<section id="todo"><h2>{esc(r.t("todo.heading"))}</h2>',
        f'<p class="headline"><b>{esc(headline_text(todo, r.lang))}</b></p>',
    ]
    actions = action_texts(todo, r.lang, _labels(r))
    if not actions:
        out.append(f"<p>{esc(r.t('todo.none'))}</p>")
    out.append('<ol class="todo">')
    for a in actions:
        box = "☑" if a.done else "☐"
        state = r.t("todo.done") if a.done else r.t("todo.todo")
        links = [
            f"{esc(r.t('todo.form', platform=_labels(r).get(p, p)) + r.t('meta.colon'))}{_link(u, u)}"
            for p, u in a.forms
        ]
        if a.url and not a.forms:
            links.append(f"{esc(r.t('todo.link') + r.t('meta.colon'))}{_link(a.url, a.url)}")
        source = f"{esc(r.t('todo.source') + r.t('meta.colon'))}{_link(a.source_url, a.source)}" if a.source else ""
        out.append(
            f'<li><span class="box" aria-label="{esc(state)}">{box}</span> <b>{esc(a.title)}</b> — {esc(a.count)}'
            f"<dl><dt>{esc(r.t('todo.does'))}</dt><dd>{esc(a.does)}</dd>"
            f"<dt>{esc(r.t('todo.undo'))}</dt><dd>{esc(a.undo)}</dd>"
            f"<dt>{esc(r.t('todo.how'))}</dt><dd>{esc(a.how)}"
            + "".join(f"<br>{x}" for x in links)
            + (f'<br><span class="mute">{source}</span>' if source else "")
            + "</dd></dl></li>"
        )
    out.append("</ol>")
    answers = answer_lines(r)
    if answers:
        out.append(f"<h3>{esc(r.t('todo.answers_heading'))}</h3><ul>")
        out += [f"<li>{esc(x)}</li>" for x in answers]
        out.append("</ul>")
        if flags := r.summary.answers.get("flags"):
            out.append(f"<p>{esc(r.t('todo.answers_flags', flags=''))}<code>{esc(flags)}</code></p>")
    out.append("</section>")
    return "\n".join(out)


def markdown(r: Report) -> list[str]:
    from exportscope.report.markdown import md_escape

    todo = r.summary.todo
    if not todo:
        return []
    out = [f"## {r.t('todo.heading')}", "", f"**{md_escape(headline_text(todo, r.lang))}**", ""]
    actions = action_texts(todo, r.lang, _labels(r))
    if not actions:
        out += [r.t("todo.none"), ""]
    for a in actions:
        out.append(f"- [{'x' if a.done else ' '}] **{md_escape(a.title)}** — {md_escape(a.count)}")
        out.append(f"  - {r.t('todo.does')}{r.t('meta.colon')}{md_escape(a.does)}")
        out.append(f"  - {r.t('todo.undo')}{r.t('meta.colon')}{md_escape(a.undo)}")
        out.append(f"  - {r.t('todo.how')}{r.t('meta.colon')}{md_escape(a.how)}")
        out += [
            f"  - {md_escape(r.t('todo.form', platform=_labels(r).get(p, p)))}{r.t('meta.colon')}<{u}>"
            for p, u in a.forms
        ]
        if a.url and not a.forms:
            out.append(f"  - {r.t('todo.link')}{r.t('meta.colon')}<{a.url}>")
        if a.source:
            out.append(f"  - {r.t('todo.source')}{r.t('meta.colon')}[{md_escape(a.source)}](<{a.source_url}>)")
    out.append("")
    answers = answer_lines(r)
    if answers:
        out += [f"### {r.t('todo.answers_heading')}", ""] + [f"- {md_escape(x)}" for x in answers]
        if flags := r.summary.answers.get("flags"):
            out.append(f"- {md_escape(r.t('todo.answers_flags', flags=''))}`{flags}`")
        out.append("")
    return out
