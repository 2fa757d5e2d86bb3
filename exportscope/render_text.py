"""Terminal rendering of the summary and the rules with Rich (not Textual: this is the CLI's plain output).

Everything that came from an archive (paths, kinds never, but file names and errors yes) is escaped before
it reaches Rich markup, so ``[bold]`` in a file name prints as typed, and made terminal-safe, so an escape
sequence or a newline in a name prints as ``\x1b`` or ``\n``.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape as _rich_escape
from rich.table import Table

from exportscope.model import VERDICT_LABELS, VERDICT_ORDER
from exportscope.rules import RuleSet
from exportscope.termsafe import safe

_MARKS = {"training": "●", "conditional": "◐", "excluded": "○", "not_used": "·"}


def escape(text: str) -> str:
    """Archive text for Rich on one line: controls, newlines and bidi overrides shown as escapes
    (:func:`exportscope.termsafe.safe`), so no terminal escape sequence or fake line gets through; markup
    escaped."""
    return _rich_escape(safe(text))


def _console() -> Console:
    # emoji=False: a ``:smile:`` in a file name prints as typed, not as an emoji.
    return Console(highlight=False, soft_wrap=False, emoji=False)


def print_summary(doc: dict[str, Any], console: Console | None = None) -> None:
    console = console or _console()
    console.print(f"[b]exportscope[/b] · as of {doc['as_of']}")
    for p in doc["platforms"]:
        _print_platform(console, p)
    for note in doc.get("notes", []):
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    for path in doc.get("unrecognized", []):
        console.print(f"  ? not recognized: {escape(path)}")


def _print_platform(console: Console, p: dict[str, Any]) -> None:
    pol = p["policy"]
    export = p["export_date"] or "date unknown"
    region = p["region"] or "unknown"
    src = {"option": "you said", "export": "from the export", "unknown": "not in the export"}[p["region_source"]]
    console.print()
    console.rule(f"[b]{escape(p['label'])}[/b] · export {export} · region {region} ({src})", align="left")
    if len(pol["regions"]) == 1 and pol.get("region_note"):
        console.print(escape(pol["region_note"]))
    elif p["region"] is None:
        starts = ", ".join(
            f"{'/'.join(r['codes'])}: {r['in_force_since'] or 'no date published'}" for r in pol["regions"]
        )
        console.print(f"AI training start by region: {starts}. Pass --region to apply yours.")
    elif pol["in_force_since"]:
        console.print(f"AI training in force since {pol['in_force_since']} in your region.")
    elif pol.get("region_note"):
        console.print(escape(pol["region_note"]))
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("")
    table.add_column("verdict")
    table.add_column("items", justify="right")
    table.add_column("words", justify="right")
    table.add_column("biggest kinds")
    for verdict in VERDICT_ORDER:
        v = verdict.value
        kinds = [k for k in p["by_kind"] if k["verdict"] == v][:4]
        biggest = " · ".join(f"{k['kind']} {k['items']:,}" for k in kinds)
        if v == "excluded" and p.get("conversations"):
            biggest = f"{biggest} in {p['conversations']:,} conversations"
        table.add_row(_MARKS[v], VERDICT_LABELS[verdict], f"{p['totals'][v]:,}", f"{p['words'][v]:,}", biggest)
    console.print(table)
    files = p["files"]
    console.print(
        f"files: {files['total']:,} ({files['parsed']:,} read, {files['ignored']:,} known without items, "
        f"{len(files['unrecognized']):,} not recognized, {len(files['failed']):,} failed)"
    )
    for path in files["unrecognized"][:20]:
        console.print(f"  ? not recognized: {escape(path)}")
    if len(files["unrecognized"]) > 20:
        console.print(f"  … and {len(files['unrecognized']) - 20:,} more (see summary --json)")
    for d in files.get("drift", []):
        console.print(f"  ~ format changed: {escape(d['path'])}: {escape(' '.join(d['columns']))}")
    for f in files["failed"]:
        console.print(f"  ! failed: {escape(f['path'])}: {escape(f['error'])}")
    if pol["opt_out_url"]:
        console.print(f"opt out: {escape(pol['setting_path'])}")
        console.print(f"         {escape(pol['opt_out_url'])}", soft_wrap=True)
    for note in p.get("notes", []):
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    for n in p.get("item_notes", []):
        console.print(f"[yellow]note on {n['items']:,} items:[/yellow] {escape(n['note'])}")


def print_rules(ruleset: RuleSet, as_json: bool = False, console: Console | None = None) -> None:
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
                    k: {"kind": v.kind, "verdict": v.verdict.value if v.verdict else None, "why": v.why}
                    for k, v in r.variants.items()
                },
                "why": r.why,
                "source": r.policy_source,
            }
            for r in ruleset.rules
        ]
        print(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    console = console or _console()
    table = Table(title=f"{ruleset.label} rules (first match wins)", show_lines=False)
    table.add_column("rule", no_wrap=True)
    table.add_column("files")
    table.add_column("kind")
    table.add_column("verdict")
    table.add_column("why", overflow="fold")
    for r in ruleset.rules:
        files = ", ".join(list(r.names) + list(r.paths))
        if r.ignore:
            table.add_row(r.id, escape(files), "-", "ignored", escape(r.description))
            continue
        verdict = r.verdict.value
        if r.by_visibility:
            verdict += " (" + ", ".join(f"{k}: {v.value}" for k, v in r.by_visibility.items()) + ")"
        table.add_row(r.id, escape(files), r.kind, verdict, escape(r.why))
        for name, var in r.variants.items():
            table.add_row(
                f"  .{name}",
                "",
                var.kind or r.kind,
                var.verdict.value if var.verdict else verdict,
                escape(var.why or ""),
            )
    console.print(table)
