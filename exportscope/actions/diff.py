"""Comparing two exports of one account (``exportscope diff OLD NEW``), and the erasure check.

Why: a person who deleted posts, or asked the platform to erase them, wants to know from the platform's own
next export whether they are gone. Items are matched by their stable key (:mod:`exportscope.keys`), never by
row order or by the wording of other columns, so the comparison says exactly which items were added, removed
or changed (same item, other text), and which verdicts changed, with the policy that came into force between
the two export dates when that is the reason.

Each side is judged as of its own export date (the verdict the platform's policy gave the item then), so a
verdict that changed because a policy came into force in between is told apart from a changed rule. Two
exports of different accounts are refused (:class:`DifferentAccounts`); platforms found on one side only are
listed, not compared (every item would look added or removed).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from exportscope.archive import InputError
from exportscope.keys import place_expr, with_keys

if TYPE_CHECKING:
    import polars as pl

    from exportscope.actions.ticked import Worklist
    from exportscope.types import Analysis, Options


class DifferentAccounts(InputError):
    """OLD and NEW are exports of two different accounts: comparing them would say nothing true."""


class Change(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"  # same item, other text
    VERDICT = "verdict"  # same item and text, another verdict
    SAME = "same"


class Reason(enum.StrEnum):
    POLICY = "policy"  # a policy came into force between the two export dates
    OTHER = "other"  # the rules or the item's audience changed


class Status(enum.StrEnum):
    """What became of a ticked worklist item in the newer export."""

    GONE = "gone"  # in the older export, not in the newer one
    STILL_PRESENT = "still_present"
    NOT_FOUND = "not_found"  # in neither export (a worklist of another export, or an edited key)
    NOT_CHECKED = "not_checked"  # its platform is not in the newer export


class Note(enum.StrEnum):
    SWAPPED = "swapped"  # OLD was the newer export: the sides were swapped
    ACCOUNT_UNCONFIRMED = "account_unconfirmed"  # no identifier on one side: one account not proven
    DATE_UNKNOWN = "date_unknown"  # an export without a date is judged as of --as-of


@dataclass(frozen=True)
class Side:
    inputs: tuple[str, ...]
    as_of: date
    dates: dict[str, date | None]  # item platform -> export date


@dataclass(frozen=True)
class KindRow:
    platform: str
    kind: str
    verdict: str
    added: int
    removed: int
    changed: int
    verdict_changed: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class PolicyShift:
    platform: str
    since: date
    from_verdict: str
    to_verdict: str
    items: int


@dataclass(frozen=True)
class ErasureRow:
    key: str
    platform: str
    kind: str
    status: Status
    timestamp: str | None
    source: str | None


@dataclass(frozen=True)
class Erasure:
    worklist: str
    ticked: int
    unticked: int
    unusable: int
    rows: tuple[ErasureRow, ...]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status is status)


@dataclass
class Comparison:
    old: Side
    new: Side
    platforms: list[str]
    only_old: list[str]
    only_new: list[str]
    changes: pl.DataFrame  # one row per item that is not the same: the columns of CHANGE_COLUMNS
    unchanged: dict[str, int]
    by_kind: list[KindRow]
    policy: list[PolicyShift]
    erasure: Erasure | None = None
    notes: list[tuple[Note, str]] = field(default_factory=list)  # (code, platform or side)


CHANGE_COLUMNS = ("key", "platform", "kind", "change", "verdict_old", "verdict_new", "reason", "timestamp", "source")


def _dates(analysis: Analysis) -> dict[str, date | None]:
    carriers = {e.platform.name: e.export_date for e in analysis.exports}
    out: dict[str, date | None] = {}
    for platform in analysis.contexts:
        out[platform] = carriers.get(platform, carriers.get("instagram") if platform == "threads" else None)
    return out


def _plan_date(paths: Sequence[Path], options: Options) -> date | None:
    """The newest export date of the inputs, read while planning (directories and names only)."""
    from exportscope.plan import make_plan

    plan = make_plan(list(paths), options.max_member_bytes, options.max_ratio)
    try:
        found = [e.export_date for e in plan.exports if e.export_date is not None]
    finally:
        plan.close()
    return max(found) if found else None


def check_same_account(old: Analysis, new: Analysis) -> list[tuple[Note, str]]:
    """Refuse two different accounts (:class:`DifferentAccounts`); note the platforms where it is unproven.

    Uses the account identity of each export (``exportscope.identity``): stable identifiers decide (account
    id, username, e-mail, profile URL, phone), names only when nothing else is stated.
    """
    from exportscope.identity import AccountMatch, compare_accounts

    notes: list[tuple[Note, str]] = []
    for o in old.exports:
        for n in new.exports:
            if o.platform.name != n.platform.name:
                continue
            a, b = getattr(o, "account", None), getattr(n, "account", None)
            match = compare_accounts(a, b) if a is not None and b is not None else AccountMatch.UNKNOWN
            if match is AccountMatch.DIFFERENT:
                raise DifferentAccounts(
                    f"OLD and NEW are exports of two different {o.platform.label} accounts; "
                    "compare two exports of the same account"
                )
            if match is AccountMatch.UNKNOWN and (Note.ACCOUNT_UNCONFIRMED, o.platform.name) not in notes:
                notes.append((Note.ACCOUNT_UNCONFIRMED, o.platform.name))
    return notes


def _keyed(analysis: Analysis, platforms: list[str]) -> pl.DataFrame:
    import polars as pl

    items = analysis.items.filter(pl.col("platform").is_in(platforms))
    return with_keys(items).select(
        "key", "platform", "kind", "verdict", "timestamp", "text", "source", "rule",
        place_expr().alias("place"),
    )  # fmt: skip


def _pair_undated(joined: pl.DataFrame) -> pl.DataFrame:
    """An undated item is keyed by its content, so an edit looks like removed + added: when exactly one of
    each share platform, kind, rule and place (a profile field, a bio), they are one changed item."""
    import polars as pl

    undated = pl.col("timestamp").is_null() & pl.col("timestamp_new").is_null()
    group = ["platform", "kind", "rule", "place"]
    removed = joined.filter((pl.col("change") == Change.REMOVED.value) & undated)
    added = joined.filter((pl.col("change") == Change.ADDED.value) & undated)
    if removed.is_empty() or added.is_empty():
        return joined
    r = removed.group_by(group).agg(pl.len().alias("n"), pl.col("key").first().alias("old_key"),
                                    pl.col("verdict").first().alias("old_verdict"))  # fmt: skip
    a = added.group_by(group).agg(pl.len().alias("n"), pl.col("key").first().alias("new_key"))
    pairs = r.filter(pl.col("n") == 1).drop("n").join(a.filter(pl.col("n") == 1).drop("n"), on=group)
    if pairs.is_empty():
        return joined
    verdicts = dict(zip(pairs["new_key"].to_list(), pairs["old_verdict"].to_list(), strict=True))
    paired = pl.col("key").is_in(list(verdicts))
    return joined.filter(~pl.col("key").is_in(pairs["old_key"].to_list())).with_columns(
        change=pl.when(paired).then(pl.lit(Change.CHANGED.value)).otherwise(pl.col("change")),
        verdict=pl.when(paired).then(pl.col("key").replace_strict(verdicts, default=None)).otherwise(pl.col("verdict")),
    )


def _join(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Every key of either side once, with what changed between them (:class:`Change`)."""
    import polars as pl

    joined = old.with_columns(pl.lit(True).alias("in_old")).join(
        new.with_columns(pl.lit(True).alias("in_new")), on="key", how="full", coalesce=True, suffix="_new"
    )
    in_old, in_new = pl.col("in_old").fill_null(False), pl.col("in_new").fill_null(False)
    change = (
        pl.when(in_old & ~in_new).then(pl.lit(Change.REMOVED.value))
        .when(~in_old & in_new).then(pl.lit(Change.ADDED.value))
        .when(pl.col("text").ne_missing(pl.col("text_new"))).then(pl.lit(Change.CHANGED.value))
        .when(pl.col("verdict").ne_missing(pl.col("verdict_new"))).then(pl.lit(Change.VERDICT.value))
        .otherwise(pl.lit(Change.SAME.value))
    )  # fmt: skip
    joined = joined.with_columns(
        change.alias("change"),
        *(pl.coalesce(c, f"{c}_new").alias(c) for c in ("platform", "kind", "rule", "place")),
    )
    return _pair_undated(joined)


def _reason(new: Analysis, old_as_of: date, new_as_of: date) -> pl.Expr:
    """Why a verdict changed: a policy whose start date lies between the two sides' dates, else other."""
    import polars as pl

    in_force = [
        p for p, ctx in new.contexts.items()
        if (since := ctx.in_force_since()) is not None and old_as_of < since <= new_as_of
    ]  # fmt: skip
    moved = pl.col("verdict").ne_missing(pl.col("verdict_new")) & pl.col("verdict").is_not_null()
    moved = moved & pl.col("verdict_new").is_not_null()
    became_used = (pl.col("verdict") == "not_used") & pl.col("verdict_new").is_in(["training", "conditional"])
    return (
        pl.when(moved & became_used & pl.col("platform").is_in(in_force)).then(pl.lit(Reason.POLICY.value))
        .when(moved).then(pl.lit(Reason.OTHER.value))
        .otherwise(pl.lit(None, dtype=pl.String))
    )  # fmt: skip


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def _by_kind(changes: pl.DataFrame) -> list[KindRow]:
    import polars as pl

    if changes.is_empty():
        return []
    shown = pl.coalesce("verdict_new", "verdict_old")
    table = (
        changes.with_columns(shown.alias("shown"))
        .group_by("platform", "kind", "shown")
        .agg(
            *(
                (pl.col("change") == c.value).sum().alias(c.value)
                for c in (Change.ADDED, Change.REMOVED, Change.CHANGED)
            ),
            pl.col("reason").is_not_null().sum().alias("moved"),
            pl.col("timestamp").min().alias("first"),
            pl.col("timestamp").max().alias("last"),
        )
        .sort("platform", "kind", "shown")
    )
    return [
        KindRow(
            r["platform"],
            r["kind"],
            r["shown"],
            r["added"],
            r["removed"],
            r["changed"],
            r["moved"],
            _iso(r["first"]),
            _iso(r["last"]),
        )
        for r in table.iter_rows(named=True)
    ]


def _policy_shifts(changes: pl.DataFrame, new: Analysis) -> list[PolicyShift]:
    import polars as pl

    hits = changes.filter(pl.col("reason") == Reason.POLICY.value)
    out = []
    for r in hits.group_by("platform", "verdict_old", "verdict_new").len().sort("platform").iter_rows(named=True):
        since = new.contexts[r["platform"]].in_force_since()
        if since is not None:
            out.append(PolicyShift(r["platform"], since, r["verdict_old"], r["verdict_new"], r["len"]))
    return out


def erasure_check(worklist: Worklist, old: Analysis, new: Analysis) -> Erasure:
    """Which ticked items of the worklist are still in the newer export, and which are gone."""
    cols = ("key", "timestamp", "source")
    known = {r["key"]: r for r in with_keys(old.items).select(*cols).iter_rows(named=True)}
    present = {r["key"]: r for r in with_keys(new.items).select(*cols).iter_rows(named=True)}
    rows = []
    for item in worklist.ticked:
        if item.key in present:
            status = Status.STILL_PRESENT
        elif item.platform not in new.contexts:
            status = Status.NOT_CHECKED
        elif item.key in known:
            status = Status.GONE
        else:
            status = Status.NOT_FOUND
        seen = present.get(item.key) or known.get(item.key)  # where it is now, else where it was
        stamp = _iso(seen["timestamp"]) if seen else item.timestamp
        rows.append(
            ErasureRow(item.key, item.platform, item.kind, status, stamp, seen["source"] if seen else item.source)
        )
    return Erasure(worklist.path, len(worklist.ticked), len(worklist.items) - len(worklist.ticked), worklist.unusable,
                   tuple(rows))  # fmt: skip


def compare(
    old_paths: Sequence[Path],
    new_paths: Sequence[Path],
    options: Options,
    worklist: Worklist | None = None,
) -> Comparison:
    """Analyse both sides (each as of its own export date), refuse two accounts, and compare them."""
    import polars as pl

    from exportscope.pipeline import analyze

    old_date, new_date = _plan_date(old_paths, options), _plan_date(new_paths, options)
    notes: list[tuple[Note, str]] = []
    if old_date and new_date and old_date > new_date:
        old_paths, new_paths, old_date, new_date = new_paths, old_paths, new_date, old_date
        notes.append((Note.SWAPPED, ""))
    for side, when in (("old", old_date), ("new", new_date)):
        if when is None:
            notes.append((Note.DATE_UNKNOWN, side))
    old_as_of, new_as_of = old_date or options.as_of, new_date or options.as_of
    old = analyze(old_paths, replace(options, as_of=old_as_of))
    new = analyze(new_paths, replace(options, as_of=new_as_of))
    notes += check_same_account(old, new)
    platforms = [p for p in new.contexts if p in old.contexts]
    if not platforms:
        raise InputError("OLD and NEW have no platform in common; give two exports of the same account")
    joined = _join(_keyed(old, platforms), _keyed(new, platforms))
    changes = joined.filter(pl.col("change") != Change.SAME.value).select(
        "key", "platform", "kind", "change",
        pl.col("verdict").alias("verdict_old"), "verdict_new",
        _reason(new, old_as_of, new_as_of).alias("reason"),
        pl.coalesce("timestamp_new", "timestamp").alias("timestamp"),
        pl.coalesce("source_new", "source").alias("source"),
    ).sort("platform", "kind", "timestamp", "key", nulls_last=True)  # fmt: skip
    unchanged = dict(joined.filter(pl.col("change") == Change.SAME.value).group_by("platform").len().iter_rows())
    return Comparison(
        old=Side(tuple(str(p) for p in old_paths), old_as_of, _dates(old)),
        new=Side(tuple(str(p) for p in new_paths), new_as_of, _dates(new)),
        platforms=platforms,
        only_old=[p for p in old.contexts if p not in new.contexts],
        only_new=[p for p in new.contexts if p not in old.contexts],
        changes=changes,
        unchanged={p: int(unchanged.get(p, 0)) for p in platforms},
        by_kind=_by_kind(changes),
        policy=_policy_shifts(changes, new),
        erasure=erasure_check(worklist, old, new) if worklist is not None else None,
        notes=notes,
    )
