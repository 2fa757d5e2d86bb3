"""Terminal rendering of the summary and the rules with Rich (not Textual: this is the CLI's plain output).

Everything that came from an archive (paths, kinds never, but file names and errors yes) is escaped before
it reaches Rich markup, so ``[bold]`` in a file name prints as typed, and made terminal-safe, so an escape
sequence or a newline in a name prints as ``\x1b`` or ``\n``.
"""

from __future__ import annotations

import functools

from rich.console import Console
from rich.markup import escape as _rich_escape
from rich.table import Table

from exportscope import i18n
from exportscope.account_privacy import privacy_sentence
from exportscope.explain import region_note_text
from exportscope.model import VERDICT_ORDER
from exportscope.policies import load_first_dates, load_policies, load_sources
from exportscope.rules import RuleSet
from exportscope.summary_model import PlatformSummary, Summary
from exportscope.termsafe import safe

_MARKS = {"training": "●", "conditional": "◐", "excluded": "○", "not_used": "·"}


def escape(text: str) -> str:
    """Archive text for Rich on one line: controls, newlines and bidi overrides shown as escapes
    (:func:`exportscope.termsafe.safe`), so no terminal escape sequence or fake line gets through; markup
    escaped."""
    return _rich_escape(safe(text))


class _PipeConsole(Console):
    """A console whose reader going away (``exportscope summary | head``) ends the command as the other
    commands end then: with 0, through the CLI's guard. Rich's own answer is to exit with 1, the code that
    says "a bug in exportscope"."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more is written: its buffer would fail again at the flush
        raise BrokenPipeError


def _console() -> Console:
    # emoji=False: a ``:smile:`` in a file name prints as typed, not as an emoji.
    return _PipeConsole(highlight=False, soft_wrap=False, emoji=False)


def _say(key: str, lang: str, /, **fields: object) -> str:
    """A line of the text summary (``summary_text.<key>`` of the catalogue), escaped whole for Rich: the
    fields may hold archive text (file names, handles)."""
    return escape(i18n.t(f"summary_text.{key}", lang, **fields))


def _say_n(key: str, count: int, lang: str, /, **fields: object) -> str:
    """:func:`_say` for a count: the singular line where the language says singular (``key_one``)."""
    return escape(i18n.tn(f"summary_text.{key}", count, lang, items=i18n.fmt_int(count, lang), **fields))


def print_summary(summary: Summary, console: Console | None = None, lang: str = i18n.DEFAULT_LANG) -> None:
    """The text summary in ``lang``: every line from the catalogue, kinds and regions by their names, counts
    formatted for the language; dates stay ISO (as the notes say them), names as the archive writes them."""
    console = console or _console()
    console.print(f"[b]exportscope[/b] · {_say('as_of', lang, date=summary.as_of)}")
    if summary.todo:
        _print_todo(console, summary, lang)
    for p in summary.platforms:
        _print_platform(console, p, lang)
    for note in summary.notes:
        console.print(f"[yellow]{_say('note', lang)}[/yellow] {escape(i18n.note_text(note, lang))}")
    _print_exports(console, summary, lang)
    failed = {f.path for f in summary.unreadable}
    for path in summary.unrecognized:
        if path not in failed:
            console.print(f"  ? {_say('not_recognized', lang, path=path)}")
    for f in summary.unreadable:
        console.print(f"  ! {_say('failed', lang, path=f.path, error=f.text(lang))}")


def _print_exports(console: Console, summary: Summary, lang: str) -> None:
    """Every input part and what was done with it, when there is more than one."""
    if len(summary.exports) < 2:
        return
    labels = summary.labels()
    console.print()
    console.print(f"[b]{_say('exports', lang)}[/b]")
    for e in summary.exports:
        who = f" · {escape(e.account)}" if e.account else ""
        when = e.export_date or i18n.t("meta.date_unknown", lang)
        role = _say(f"role_{e.role}", lang) if i18n.has(f"summary_text.role_{e.role}") else escape(e.role)
        platform = escape(labels.get(e.platform, e.platform))
        console.print(f"  {escape(e.name)} · {platform}{who} · {when}{i18n.t('meta.colon', lang)}{role}")


def _policy_line(p: PlatformSummary, lang: str) -> str | None:
    """Whether training is in force in the person's region, as the status decided once says it."""
    pol = p.policy
    # The status is decided once (exportscope.contexts.policy_status); this only words it.
    note = region_note_text(p.policy_key, pol.region_note, lang) if p.policy_key else pol.region_note
    if len(pol.regions) == 1 and note:
        return escape(note)
    if pol.status == "region_unknown":
        unknown = i18n.t("report.no_date_published", lang)
        starts = ", ".join(
            f"{'/'.join(r.codes)}{i18n.t('meta.colon', lang)}{r.in_force_since or unknown}" for r in pol.regions
        )
        return _say("starts_by_region", lang, starts=starts)
    if pol.status == "starts_later":
        return _say("starts_later", lang, date=pol.in_force_since)
    if pol.status == "in_force" and pol.in_force_since:
        return _say("in_force", lang, date=pol.in_force_since)
    return escape(note) if note else None


def _print_platform(console: Console, p: PlatformSummary, lang: str) -> None:
    region = i18n.region_label(p.region, lang)
    source = i18n.t(f"region_source.{p.region_source}", lang)
    where = (
        _say("platform_line", lang, date=p.export_date, region=region, source=source)
        if p.export_date
        else _say("platform_line_undated", lang, region=region, source=source)
    )
    console.print()
    who = f" · {escape(p.account)}" if p.account else ""
    console.rule(f"[b]{escape(p.label)}[/b]{who} · {where}", align="left")
    if line := _policy_line(p, lang):
        console.print(line)
    n = functools.partial(i18n.fmt_int, lang=lang)
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("")
    table.add_column(_say("col_verdict", lang))
    table.add_column(_say("col_items", lang), justify="right")
    table.add_column(_say("col_words", lang), justify="right")
    table.add_column(_say("col_kinds", lang))
    for verdict in VERDICT_ORDER:
        v = verdict.value
        kinds = [k for k in p.by_kind if k.verdict == v][:4]
        biggest = " · ".join(f"{i18n.kind_label(k.kind, lang)} {n(k.items)}" for k in kinds)
        if v == "excluded" and p.conversations:
            biggest = f"{biggest} {i18n.tn('report.in_conversations', p.conversations, lang)}"
        label = i18n.verdict_label(v, lang)
        table.add_row(_MARKS[v], escape(label), n(p.totals[v]), n(p.words[v]), escape(biggest))
    console.print(table)
    if privacy := privacy_sentence(p.account_privacy, p.platform, lang):
        console.print(escape(privacy))
    _print_files(console, p, lang)
    pol = p.policy
    if pol.opt_out_url:
        setting_path = i18n.policy_text(p.policy_key, "setting_path", lang, pol.setting_path)
        label = _say("opt_out", lang)
        console.print(f"{label} {escape(setting_path)}")
        console.print(f"{' ' * (len(label) + 1)}{escape(pol.opt_out_url)}", soft_wrap=True)
    for note in p.notes:
        console.print(f"[yellow]{_say('note', lang)}[/yellow] {escape(i18n.note_text(note, lang))}")
    for item_note in p.item_notes:
        on = i18n.tn("report.note_on_items", item_note.items, lang)
        colon = i18n.t("meta.colon", lang)
        console.print(f"[yellow]{escape(on)}{colon.rstrip()}[/yellow] {escape(i18n.note_text(item_note.note, lang))}")


def _print_files(console: Console, p: PlatformSummary, lang: str) -> None:
    """What became of the platform's files: counts, then each file not recognized, not fully read or failed."""
    files = p.files
    n = functools.partial(i18n.fmt_int, lang=lang)
    console.print(
        _say(
            "files",
            lang,
            total=n(files.total),
            parsed=n(files.parsed),
            ignored=n(files.ignored),
            unrecognized=n(len(files.unrecognized)),
            failed=n(len(files.failed)),
        )
    )
    console.print(
        _say(
            "rows",
            lang,
            items=n(files.items),
            undated=n(files.undated),
            impossible=n(files.impossible_dates),
            misaligned=n(files.misaligned),
            drift=n(len(files.drift)),
        )
    )
    for path in files.unrecognized[:20]:
        console.print(f"  ? {_say('not_recognized', lang, path=path)}")
    if len(files.unrecognized) > 20:
        console.print(f"  {_say('more_in_json', lang, n=n(len(files.unrecognized) - 20))}")
    for r in files.read:
        if r.undated:
            like = _say("undated_like", lang, shape=r.undated_shape) if r.undated_shape else ""
            line = _say_n("undated", r.items, lang, path=r.path, n=n(r.undated))
            console.print(f"  ~ {line}{like}")
        if r.impossible_dates:
            console.print(f"  ~ {_say_n('impossible', r.items, lang, path=r.path, n=n(r.impossible_dates))}")
        if r.misaligned:
            console.print(f"  ~ {_say_n('misaligned', r.items, lang, path=r.path, n=n(r.misaligned))}")
    for d in files.drift:
        console.print(f"  ~ {_say('drift', lang, path=d.path, columns=' '.join(d.columns))}")
    for f in files.failed:
        console.print(f"  ! {_say('failed', lang, path=f.path, error=f.text(lang))}")


def _print_todo(console: Console, summary: Summary, lang: str) -> None:
    """The to-do list first: the headline, then each action with what it does, does not undo, and how."""
    from exportscope.actions.todo import action_texts, headline_text

    todo = summary.todo
    labels = summary.labels()
    console.print()
    console.print(f"[b]{escape(headline_text(todo, lang))}[/b]")
    for i, a in enumerate(action_texts(todo, lang, labels=labels), 1):
        mark = "[x]" if a.done else "[ ]"
        console.print(f"{escape(mark)} {i}. [b]{escape(a.title)}[/b] ({escape(a.count)})")
        console.print(f"     {_say('does', lang, text=a.does)}")
        console.print(f"     {_say('undo', lang, text=a.undo)}")
        console.print(f"     {_say('how', lang, text=a.how)}", soft_wrap=True)
        for platform, url in a.forms:
            console.print(
                f"     {_say('form', lang, platform=labels.get(platform, platform), url=url)}", soft_wrap=True
            )
        if a.url and not a.forms:
            console.print(f"     {_say('link', lang, url=a.url)}", soft_wrap=True)
        if a.source:
            console.print(f"     {_say('source', lang, text=a.source)}", soft_wrap=True)
    flags = summary.answers.get("flags")
    if flags:
        console.print(_say("answers", lang, flags=flags))


def _verdict_words(verdict: str, by_visibility: dict[str, str], lang: str) -> str:
    words = i18n.verdict_label(verdict, lang)
    if by_visibility:
        per = ", ".join(
            f"{i18n.t(f'visibility.{k}', lang)}{i18n.t('meta.colon', lang)}{i18n.verdict_label(v, lang)}"
            for k, v in by_visibility.items()
        )
        words += f" ({per})"
    return words


def _why_cell(why: str, note: str | None, lang: str) -> str:
    text = i18n.rule_text(why, lang)
    if note:
        text += " " + i18n.t("why_text.note", lang, note=i18n.t(f"note.{note}", lang))
    return escape(text)


def print_rules(
    ruleset: RuleSet, as_json: bool = False, console: Console | None = None, lang: str = i18n.DEFAULT_LANG
) -> None:
    """The rule table of one platform: which file becomes which kind with which verdict, and why, in
    ``lang`` (verdicts, kinds and exportscope's explanations translated; file names as the platform writes
    them). ``--json`` keeps the machine names (rule ids, verdict codes) for scripts."""
    if as_json:
        import orjson

        rows = [
            {
                "id": r.id,
                "files": list(r.names) + list(r.paths),
                "ignore": r.ignore,
                "kind": None if r.ignore else r.kind,
                "verdict": None if r.ignore else r.verdict.value,
                "visibility": r.visibility,
                "by_visibility": {k: v.value for k, v in r.by_visibility.items()},
                "variants": {
                    k: {
                        "kind": v.kind,
                        "verdict": v.verdict.value if v.verdict else None,
                        "why": i18n.rule_text(v.why, lang) if v.why else None,
                        "note": i18n.t(f"note.{v.note}", lang) if v.note else None,
                        "source": v.source,
                    }
                    for k, v in r.variants.items()
                },
                "why": i18n.rule_text(r.why, lang),
                "note": i18n.t(f"note.{r.note}", lang) if r.note else None,
                "quote": r.quote or None,
                "source": load_sources()[r.source].as_dict() if r.source else None,
            }
            for r in ruleset.rules
        ]
        print(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    console = console or _console()
    _print_policy(console, ruleset, lang)
    table = Table(title=i18n.t("rules.title", lang, label=ruleset.label), show_lines=False)
    table.add_column(i18n.t("rules.files", lang))
    table.add_column(i18n.t("rules.kind", lang))
    table.add_column(i18n.t("rules.verdict", lang))
    table.add_column(i18n.t("rules.why", lang), overflow="fold")
    for r in ruleset.rules:
        files = ", ".join(list(r.names) + list(r.paths))
        if r.ignore:
            table.add_row(escape(files), "-", i18n.t("status.ignored", lang), "")
            continue
        by_vis = {k: v.value for k, v in r.by_visibility.items()}
        verdict = _verdict_words(r.verdict.value, by_vis, lang)
        table.add_row(escape(files), i18n.kind_label(r.kind, lang), verdict, _why_cell(r.why, r.note, lang))
        for name, var in r.variants.items():
            table.add_row(
                "  ↳ " + escape(name.replace("_", " ")),
                i18n.kind_label(var.kind or r.kind, lang),
                _verdict_words(var.verdict.value, {}, lang) if var.verdict else verdict,
                _why_cell(var.why or "", var.note, lang),
            )
    console.print(table)


def _print_policy(console: Console, ruleset: RuleSet, lang: str) -> None:
    """The policy behind the rules: setting, toggle and path, the platform's own sentence with its source,
    and when training is in force per region, in ``lang``."""
    from exportscope.explain import region_note_text, source_line

    key = ruleset.policy
    pol = load_policies()[key]

    def tr(field_name: str, english: str) -> str:
        return i18n.policy_text(key, field_name, lang, english)

    console.print(f"[b]{escape(pol.label)}[/b]")
    if pol.setting:
        console.print(escape(i18n.t("rules.setting", lang, setting=tr("setting", pol.setting))))
    if pol.toggle:
        console.print(escape(i18n.t("rules.toggle", lang, toggle=tr("toggle", pol.toggle))))
    if pol.setting_path:
        console.print(escape(i18n.t("rules.path", lang, path=tr("setting_path", pol.setting_path))))
    if pol.opt_out_url:
        console.print(escape(pol.opt_out_url), soft_wrap=True)
    if pol.opt_out_effect:
        console.print(escape(tr("opt_out_effect", pol.opt_out_effect)))
    if pol.quote and pol.quote_source:
        src = source_line(load_sources()[pol.quote_source].as_dict(), lang)
        console.print(escape(i18n.t("why_text.quote", lang, platform=pol.label, quote=pol.quote, source=src)))
    for row in pol.regions:
        console.print("• " + escape(region_note_text(key, row.note, lang) or ""))
    for i, note in enumerate(pol.notes):
        console.print("• " + escape(tr(f"notes_{i}", note)))
    for i, lever in enumerate(pol.extra_levers):
        console.print("→ " + escape(tr(f"extra_levers_{i}", lever)))
    console.print()


def print_sources(
    rulesets: list[RuleSet], as_json: bool = False, console: Console | None = None, lang: str = i18n.DEFAULT_LANG
) -> None:
    """Every published source the policy data rests on, for the given rule sets' policies: title, link,
    the date it took effect and the date it was last checked; and each platform's first possible date."""
    keys: list[str] = []
    platforms: list[str] = []
    for rs in rulesets:
        if rs.policy not in keys:
            keys.append(rs.policy)
        for rule in rs.rules:
            if rule.platform not in platforms:
                platforms.append(rule.platform)
    seen: dict[str, dict[str, str]] = {}
    for key in keys:
        for src in load_policies()[key].sources:
            seen.setdefault(src.get("id", src.get("url", "")), src)
    firsts = {p: load_first_dates().get(p) for p in platforms}
    for first in firsts.values():
        if first is not None:
            seen.setdefault(first.source, {"id": first.source, **load_sources()[first.source].as_dict()})
    if as_json:
        import orjson

        doc = {
            "sources": [{k: v for k, v in s.items() if k != "id"} for s in seen.values()],
            "first_dates": {
                p: {"date": f.first.isoformat(), "source": load_sources()[f.source].as_dict()}
                for p, f in firsts.items()
                if f is not None
            },
        }
        print(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())
        return
    console = console or _console()
    table = Table(title=i18n.t("rules.sources_title", lang), show_lines=False)
    table.add_column(i18n.t("rules.source", lang), overflow="fold")
    table.add_column(i18n.t("rules.link", lang), overflow="fold")
    table.add_column(i18n.t("rules.effective", lang))
    table.add_column(i18n.t("rules.checked", lang))
    for s in seen.values():
        table.add_row(
            escape(s.get("title", "")),
            escape(s.get("url", "")),
            i18n.fmt_date(s["effective"], lang) if s.get("effective") else i18n.t("rules.not_stated", lang),
            i18n.fmt_date(s["checked"], lang) if s.get("checked") else i18n.t("rules.not_stated", lang),
        )
    console.print(table)
    for p, f in firsts.items():
        if f is not None:
            console.print(
                escape(i18n.t("rules.first_date", lang, platform=p.capitalize(), date=i18n.fmt_date(f.first, lang)))
            )
