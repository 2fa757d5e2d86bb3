"""The numbers: per-platform totals and per-kind breakdowns, as a typed :class:`Summary`.

Aggregations are polars group-bys over the items frame. The values are :mod:`exportscope.summary_model`;
``build(...).to_json()`` is the ``exportscope.summary/1`` document, whose shape is a public interface
(ARCHITECTURE.md, ``schemas/summary.schema.json``): fields may be added, never renamed or removed, without
bumping the schema version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from exportscope.model import VERDICT_ORDER, FileStatus, Verdict
from exportscope.notes import TOKEN_SEP, Note
from exportscope.policies import load_policies
from exportscope.summary_model import (
    Drift,
    ExportEntry,
    FailedFile,
    FileCounts,
    FileRead,
    ItemNote,
    KindCount,
    PlatformSummary,
    PolicyView,
    RegionStart,
    Summary,
)

if TYPE_CHECKING:
    from exportscope.types import Analysis

__all__ = ["OPTED_OUT", "SCHEMA_ID", "Summary", "build"]

SCHEMA_ID = "exportscope.summary/1"

#: The note said on a platform the person says they opted out of (``note.opted_out``).
OPTED_OUT = Note.of("opted_out")


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat().replace("+00:00", "Z")


def _platform_label(analysis: Analysis, platform: str) -> str:
    for export in analysis.exports:
        if export.platform.name == platform:
            return export.platform.label
    return platform.capitalize()


def build(
    analysis: Analysis,
    findings: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]] | None = None,
    *,
    done: Iterable[str] = (),
) -> Summary:
    """The summary of one analysis; ``done``: the to-do actions the person ticked (terminal UI).

    ``findings``: the list, or a function giving it, called once the counts are made: a caller looking for
    the findings in a thread (:func:`exportscope.api.summarize`) has them made side by side with the counts,
    both mostly polars passes that let go of the interpreter."""
    import polars as pl

    from exportscope import i18n
    from exportscope.account_privacy import account_privacy
    from exportscope.actions import answers, todo

    # One plan per count, on the columns each needs (never the texts), run together.
    items = analysis.items.lazy()
    by_kind_query = (
        items.group_by("account", "kind", "verdict")
        .agg(
            items=pl.len(),
            words=pl.col("words").sum(),
            first=pl.col("timestamp").min(),
            last=pl.col("timestamp").max(),
        )
        .sort("account", "verdict", "items", "kind", descending=[False, False, True, False])
    )
    verdict_rank = {v.value: i for i, v in enumerate(VERDICT_ORDER)}
    conversations = (
        items.select("account", "verdict", "thread")
        .filter(pl.col("verdict") == Verdict.EXCLUDED.value, pl.col("thread").is_not_null())
        .group_by("account")
        .agg(n=pl.col("thread").n_unique())
    )
    # Why some items' verdicts differ from their rule (under 18, not yet in force) or what else applies to
    # them (Meta AI chats personalise ads): the reason on every item, counted here so it is never silent.
    # Counted by the notes themselves (``note_key``); most items first, then in the order of their English text
    # (the document's order since notes became values).
    noted_query = (
        items.select("account", "note_key")
        .filter(pl.col("note_key").is_not_null())
        .select("account", pl.col("note_key").str.split(TOKEN_SEP))
        .explode("note_key")
        .group_by("account", "note_key")
        .agg(items=pl.len())
    )
    by_kind_frame, conversations_frame, noted_frame = pl.collect_all([by_kind_query, conversations, noted_query])
    conv = dict(conversations_frame.iter_rows())
    noted: dict[str, list[ItemNote]] = {}
    for account, token, count in noted_frame.iter_rows():
        noted.setdefault(account, []).append(ItemNote(note=Note.from_token(token), items=count))
    for rows in noted.values():
        rows.sort(key=lambda r: (-r.items, i18n.note_text(r.note)))
    policies = load_policies()
    platforms: list[PlatformSummary] = []
    for key, ctx in analysis.contexts.items():
        name = ctx.platform
        # Several exports feed one context (WhatsApp chats): the newest describes the platform.
        own = [e for e in analysis.exports if e.platform.name + e.suffix == key]
        export = max(own, key=lambda e: e.export_date or date.min) if own else None
        if export is None:  # threads rides inside the instagram export
            export = next(
                e
                for e in analysis.exports
                if name + e.suffix == key and any(r.platform == name for r in e.platform.ruleset.rules)
            )
        policy = policies[ctx.policy]
        row = policy.for_region(ctx.region) or (policy.regions[0] if len(policy.regions) == 1 else None)
        kinds = [r for r in by_kind_frame.iter_rows(named=True) if r["account"] == key]
        kinds.sort(key=lambda r: (verdict_rank.get(r["verdict"], 9), -r["items"], r["kind"]))
        totals = {v.value: 0 for v in VERDICT_ORDER}
        words = {v.value: 0 for v in VERDICT_ORDER}
        for r in kinds:
            totals[r["verdict"]] = totals.get(r["verdict"], 0) + r["items"]
            words[r["verdict"]] = words.get(r["verdict"], 0) + (r["words"] or 0)
        ledger = [e for e in analysis.ledger if e.platform == key]
        notes = list(ctx.notes)
        if ctx.opted_out:
            notes.append(OPTED_OUT)
        platforms.append(
            PlatformSummary(
                platform=name,
                label=_platform_label(analysis, name),
                # Who the export is of (a display handle; masked by --redact), or None when it names nobody.
                account=ctx.account.handle if ctx.account is not None else None,
                era=export.era if export.platform.name == name else None,
                export_date=export.export_date.isoformat() if export.export_date else None,
                region=ctx.region,
                region_source=ctx.region_source,
                policy=PolicyView(
                    # Added within version 1: the status decided once with the contexts (in_force, starts_later,
                    # region_unknown, not_said); every output reads it instead of comparing dates again.
                    status=ctx.status.state.value,
                    in_force_since=row.in_force_since.isoformat() if row and row.in_force_since else None,
                    known=row.known if row else None,
                    region_note=row.note if row else None,
                    regions=[
                        RegionStart(
                            codes=list(r.codes),
                            in_force_since=r.in_force_since.isoformat() if r.in_force_since else None,
                        )
                        for r in policy.regions
                    ],
                    setting=policy.setting,
                    setting_path=policy.setting_path,
                    opt_out_url=policy.opt_out_url,
                    opt_out_effect=policy.opt_out_effect,
                ),
                opted_out=ctx.opted_out,
                # Added within version 1 (issue 18): whether the account is private where that decides
                # verdicts (Instagram, Threads, X), and what would be used if it were public; None elsewhere.
                account_privacy=account_privacy(analysis, key, ctx),
                totals=totals,
                words=words,
                conversations=conv.get(key, 0),
                by_kind=[
                    KindCount(
                        kind=r["kind"],
                        verdict=r["verdict"],
                        items=r["items"],
                        words=r["words"] or 0,
                        first=_iso(r["first"]),
                        last=_iso(r["last"]),
                    )
                    for r in kinds
                ],
                files=FileCounts(
                    total=len(ledger),
                    parsed=sum(1 for e in ledger if e.status is FileStatus.PARSED),
                    ignored=sum(1 for e in ledger if e.status is FileStatus.IGNORED),
                    unrecognized=sorted(e.path for e in ledger if e.status is FileStatus.UNRECOGNIZED),
                    failed=[
                        FailedFile(path=e.path, error=e.reason or "failed", problems=e.problems)
                        for e in ledger
                        if e.status is FileStatus.FAILED
                    ],
                    # Nothing silent (added within version 1): known files whose columns changed, and per file
                    # read: its items, the rows whose date could not be read (with the shape of the first,
                    # never its value) and the impossible dates (dropped: the item is undated, with a note).
                    drift=[Drift(path=e.path, columns=list(e.drift)) for e in ledger if e.drift],
                    items=sum(e.items for e in ledger),
                    undated=sum(e.undated for e in ledger),
                    impossible_dates=sum(e.impossible for e in ledger),
                    misaligned=sum(e.misaligned for e in ledger),
                    read=[
                        FileRead(
                            path=e.path,
                            items=e.items,
                            undated=e.undated,
                            undated_shape=e.undated_shape,
                            impossible_dates=e.impossible,
                            misaligned=e.misaligned,
                        )
                        for e in ledger
                        if e.status is FileStatus.PARSED
                    ],
                ),
                notes=notes,
                item_notes=noted.get(key, []),
                policy_key=ctx.policy,
            )
        )
    # Added within version 1 (issue 16): what to do first, and the answers the verdicts used.
    todo_list = todo.for_analysis(analysis, done=done, tally=todo.tally_of(by_kind_frame, analysis.contexts))
    used = answers.used(analysis)
    found = (findings() if callable(findings) else findings) or []  # last: a thread may still be looking
    return Summary(
        schema=SCHEMA_ID,
        as_of=analysis.options.as_of.isoformat(),
        inputs=list(analysis.inputs),
        platforms=platforms,
        findings=found,
        notes=list(analysis.notes),
        # Every input part and what was done with it: analysed, part, copy (counted once), older (not counted).
        exports=[
            ExportEntry(
                platform=e.platform,
                role=e.role.value,
                name=e.name,
                export_date=e.export_date.isoformat() if e.export_date else None,
                account=e.account.handle,
            )
            for e in analysis.export_entries
        ],
        # Files of inputs that are no export we know (a folder's stray files): listed, never dropped.
        unrecognized=sorted(e.path for e in analysis.ledger if e.platform == "unknown"),
        unreadable=[
            FailedFile(path=e.path, error=e.reason or "failed", problems=e.problems)
            for e in sorted(analysis.ledger, key=lambda e: e.path)
            if e.platform == "unknown" and e.status is FileStatus.FAILED
        ],
        todo=todo_list,
        answers=used,
    )
