"""Verdicts: rules from ``schemas/`` first, then the overrides of classification.md, in this one place.

Readers hand over raw columns (which rule and variant, the raw audience value); this module resolves kind,
visibility and verdict per distinct (rule, variant, raw audience) combination, which is a handful, and joins
the answers back onto the items: per-item Python work stays out of the hot path. Overrides (minor, policy
not in force for the region at the as-of date) are applied afterwards on whole columns, each leaving a
``note`` so the "why" can always be shown. Opting out never changes a verdict (it stops future training
only); the summary says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from exportscope import i18n
from exportscope.columns import word_counts
from exportscope.model import EXTRA_COLUMNS, ITEM_COLUMNS, Verdict, Visibility
from exportscope.notes import TOKEN_SEP, Note, tokens
from exportscope.policies import load_policies
from exportscope.rules import Rule
from exportscope.types import PlatformContext, TrainingStatus

__all__ = ["NOTE_SEP", "PlatformContext", "apply_overrides", "classify", "resolve", "resolve_noted", "word_counts"]

if TYPE_CHECKING:
    import polars as pl


#: Between two notes of one item (the ``note`` column); the one separator of :mod:`exportscope.i18n`.
NOTE_SEP = i18n.NOTE_SEP

_AUDIENCE_VISIBILITY = {"public": Visibility.PUBLIC, "friends": Visibility.NETWORK, "unknown": Visibility.UNKNOWN}


def resolve(
    rule: Rule, variant: str | None, raw_visibility: str | None, ctx: PlatformContext
) -> tuple[str, str, str, str]:
    """(kind, verdict, visibility, rule id) for one record shape, from the rule data alone."""
    kind, verdict, visibility, rule_id, _ = resolve_noted(rule, variant, raw_visibility, ctx)
    return kind, verdict, visibility, rule_id


def resolve_noted(
    rule: Rule, variant: str | None, raw_visibility: str | None, ctx: PlatformContext
) -> tuple[str, str, str, str, str | None]:
    """:func:`resolve` plus the ``note.*`` key the rule data writes on the shape's items (or None)."""
    spec = rule.visibility_of(variant)
    rule_id = f"{rule.id}.{variant}" if variant and variant in rule.variants else rule.id
    if spec == "column":
        # "Anyone on LinkedIn", "anyone-on-linkedin" and "ANYONE_ON_LINKEDIN" are one key.
        key = "_".join((raw_visibility or "").strip().lower().replace("-", " ").split())
        visibility = rule.visibility_map.get(key, Visibility.UNKNOWN.value)
    elif spec == "account":
        if ctx.account_private is None:
            visibility = Visibility.UNKNOWN.value
        else:
            visibility = Visibility.PRIVATE.value if ctx.account_private else Visibility.PUBLIC.value
    elif spec == "audience":
        visibility = _AUDIENCE_VISIBILITY.get(ctx.audience, Visibility.UNKNOWN).value
    elif spec == "owner":
        # A comment on a medium: public for sure only on the person's own medium of a public account
        # (the raw value is the medium's owner); anywhere else its audience is the other account's.
        owner = (raw_visibility or "").strip().casefold()
        own = ctx.username is not None and owner == ctx.username.casefold()
        visibility = Visibility.PUBLIC.value if own and ctx.account_private is False else Visibility.UNKNOWN.value
    else:
        visibility = spec
    verdict = rule.verdict_of(variant, visibility)
    return rule.kind_of(variant), Verdict(verdict).value, visibility, rule_id, rule.note_of(variant, visibility)


def classify(
    raw: pl.DataFrame,
    shapes: Sequence[tuple[str, str, str | None, str | None, str | None]],
    rules: dict[str, Rule],
    contexts: dict[str, PlatformContext],
    as_of: date,
) -> pl.DataFrame:
    """Turn the readers' raw frame into the items frame.

    ``raw`` has columns shape, source, timestamp, text, row, thread, link; ``shapes[i]`` is the (platform, rule id,
    variant, raw visibility) of shape ``i``. Each shape is resolved once; the answers are gathered by id.
    """
    import polars as pl

    answers: dict[str, list[str | None]] = {
        k: [] for k in ("platform", "kind", "verdict", "visibility", "rule", "note", "note_key", "account")
    }
    # Shapes are keyed by their context: the platform, or "instagram#2" for a second account of one platform.
    for key, rule_id, variant, raw_vis, flag in shapes:
        ctx = contexts[key]
        kind, verdict, visibility, rid, note = resolve_noted(rules[rule_id], variant, raw_vis, ctx)
        notes = [Note.of(note)] if note else []
        if flag == "impossible_date":
            # A date dropped as impossible (before the platform existed, after the export) says so on the item.
            notes.append(Note.of("impossible_date"))
        text = NOTE_SEP.join(i18n.note_text(n) for n in notes) if notes else None
        row = (ctx.platform, kind, verdict, visibility, rid, text, tokens(notes), key)
        for k, v in zip(answers, row, strict=True):
            answers[k].append(v)
    shape = raw.get_column("shape")
    # One gather of the answers' rows (every column at once, on polars' threads), not one per column.
    table = pl.DataFrame([pl.Series(k, v, dtype=pl.String) for k, v in answers.items()])
    frame = raw.hstack(table[shape].get_columns())
    if "words" not in frame.columns:  # counted by the reading processes as they flush (Collector.flush)
        frame = frame.hstack([word_counts(raw.get_column("text"))])
    frame = apply_overrides(frame, contexts, as_of)
    return frame.select(*ITEM_COLUMNS, *EXTRA_COLUMNS)


def _rows(frame: pl.DataFrame, on: pl.Expr) -> pl.Series:
    """The positions of the rows ``on`` selects (a null is not selected)."""
    return frame.select(on.fill_null(False).arg_true()).to_series()


def _add_note(frame: pl.DataFrame, on: pl.Expr, note: Note) -> pl.DataFrame:
    """``note`` appended to the rows ``on`` selects (:func:`_note_rows`)."""
    return _note_rows(frame, _rows(frame, on), note)


def _note_rows(frame: pl.DataFrame, at: pl.Series, note: Note) -> pl.DataFrame:
    """``note`` appended to the rows at positions ``at``: its English text to ``note`` (what ``exportscope
    items`` writes; joined with ``NOTE_SEP``) and the note itself to ``note_key`` (joined with ``TOKEN_SEP``),
    from which the summary counts notes and the report and the terminal UI say them in the reader's language."""
    import polars as pl

    # Only the rows selected change: most notes select none or a few of a million items, and rebuilding both
    # text columns whole for them cost more than the rest of the overrides.
    if at.is_empty():
        return frame

    def appended(column: str, value: str, sep: str) -> pl.Series:
        old = frame.get_column(column)
        now = old.gather(at)
        new = pl.select(pl.when(now.is_null()).then(pl.lit(value)).otherwise(now + pl.lit(sep + value))).to_series()
        return old.scatter(at, new)

    return frame.with_columns(
        appended("note", i18n.note_text(note), NOTE_SEP), appended("note_key", note.token(), TOKEN_SEP)
    )


def apply_overrides(frame: pl.DataFrame, contexts: dict[str, PlatformContext], as_of: date) -> pl.DataFrame:
    """The overrides of the rule book, per platform, with the reason in ``note``: under 18 (where the policy
    applies it, except the kinds it keeps: Meta AI chats, Grok chats), not yet in force, earlier training
    windows (LinkedIn 2024), opted out (kinds an objection does not cover); then the policies' item notes,
    which change no verdict."""
    import polars as pl

    eligible = pl.col("verdict").is_in([Verdict.TRAINING.value, Verdict.CONDITIONAL.value])
    for key, ctx in contexts.items():
        policy = load_policies()[ctx.policy]
        mine = pl.col("account") == key  # the context's items (one account of one platform)
        reason: Note | None = None
        kept: tuple[str, ...] = ()
        minor = ctx.is_minor(as_of) and policy.minor_applies(ctx.region)
        if ctx.is_minor(as_of) and not minor and policy.minor_elsewhere_note:
            # Minors are excluded only in some regions (the policy's minor_regions): say so, change no verdict.
            frame = _add_note(frame, eligible & mine, Note.of(policy.minor_elsewhere_note.removeprefix("note.")))
        if minor:
            reason = Note.of("under_18")
            kept = tuple(k.kind for k in policy.minor_keeps) + policy.minor_keeps_kinds
            for keep in policy.minor_keeps:
                frame = _add_note(frame, mine & eligible & (pl.col("kind") == keep.kind), Note.of(keep.note))
        elif ctx.status.state is TrainingStatus.STARTS_LATER and ctx.status.since is not None:
            # Decided once with the contexts (exportscope.contexts.policy_status), read here and by every output.
            reason = Note.of("not_in_force", since=ctx.status.since.isoformat(), region=ctx.region)
        if reason is not None:
            at = _rows(frame, eligible & mine & ~pl.col("kind").is_in(list(kept)))
            frame = _note_rows(frame, at, reason)
            if not at.is_empty():
                frame = frame.with_columns(frame.get_column("verdict").scatter(at, Verdict.NOT_USED.value))
        row = policy.for_region(ctx.region)
        if row is not None and row.window_until is not None and row.window_note:
            early = mine & eligible & (pl.col("timestamp") < datetime(*row.window_until.timetuple()[:3], tzinfo=UTC))
            frame = _add_note(frame, early, Note.of(row.window_note))
        if ctx.opted_out:
            for excl in policy.opt_out_excludes:
                on = mine & (pl.col("kind") == excl.kind) & eligible
                frame = _add_note(frame, on, Note.of(excl.note))
        for item_note in policy.item_notes:
            if item_note.applies(ctx.region, as_of):
                frame = _add_note(frame, mine & (pl.col("kind") == item_note.kind), Note.of(item_note.note))
    return frame
