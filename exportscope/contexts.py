"""Per-platform context for the overrides: region, birth date, private account, the user's answers, notes,
and the policy status (is training in force for this person on the as-of date?), decided here once.

One context per *item* platform: Threads rides inside the Instagram export, so it gets its own context,
inheriting the region and birth date its own files do not state (never the private-account flag).
Contexts are frozen (:class:`exportscope.types.PlatformContext`): each is built whole from the exports'
facts and the options, and an answer builds new ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from exportscope import dates
from exportscope.model import Fact
from exportscope.notes import Note
from exportscope.policies import Policy, load_policies
from exportscope.regions import region_code
from exportscope.types import PlatformContext, PolicyStatus, TrainingStatus

if TYPE_CHECKING:
    from exportscope.plan import Export
    from exportscope.types import Options


def policy_status(policy: Policy, region: str | None, as_of: date) -> PolicyStatus:
    """Whether ``policy`` trains in ``region`` on ``as_of``: the one place this is decided.

    A policy with one row (the same everywhere) applies whatever the region; otherwise an unknown region has
    no row, and no region's start date is applied (classification.md, Overrides).
    """
    row = policy.for_region(region) or (policy.regions[0] if len(policy.regions) == 1 else None)
    if row is None:
        return PolicyStatus(TrainingStatus.REGION_UNKNOWN if region is None else TrainingStatus.NOT_SAID)
    if not row.known:
        return PolicyStatus(TrainingStatus.NOT_SAID)
    if row.in_force_since is not None and row.in_force_since > as_of:
        return PolicyStatus(TrainingStatus.STARTS_LATER, row.in_force_since)
    return PolicyStatus(TrainingStatus.IN_FORCE, row.in_force_since)


def warm_up() -> None:
    """Load the data :func:`build_contexts` reads once per process (the policies, the region names), so a
    caller with time to spare (the reading process waiting for its worker) spends it there rather than
    after the reading, when everything waits for the assembly. Cached: loading them again costs nothing."""
    from exportscope.regions import load_regions

    load_policies()
    load_regions()


def _first_index(exports: list[Export], feeding: list[Export]) -> int:
    """Contexts keep the order in which their platforms' exports were given (the summary's order)."""
    return min(exports.index(e) for e in feeding)


def build_contexts(
    exports: list[Export], item_platforms_seen: Iterable[str], options: Options
) -> dict[str, PlatformContext]:
    """One context per item platform (threads rides inside the instagram export)."""
    contexts: dict[str, PlatformContext] = {}
    seen = set(item_platforms_seen)
    # Every export that feeds an item platform, newest first: when one person's two exports of a platform
    # are read together, the newest that states a fact decides it, whatever the order of the arguments.
    ordered = sorted(exports, key=lambda e: e.export_date or date.min, reverse=True)
    item_platforms: dict[str, list[Export]] = {}
    # A second account of one platform is its own context, keyed "instagram#2" (Export.suffix).
    for export in ordered:
        item_platforms.setdefault(export.platform.name + export.suffix, []).append(export)
        for rule in export.platform.ruleset.rules:
            if rule.platform != export.platform.name and rule.platform + export.suffix in seen:
                feeding = item_platforms.setdefault(rule.platform + export.suffix, [])
                if export not in feeding:
                    feeding.append(export)
    for key, feeding in sorted(item_platforms.items(), key=lambda kv: _first_index(exports, kv[1])):
        name = key.split("#", 1)[0]
        export = feeding[0]
        facts: dict[str, Fact] = {}
        for e in feeding:
            for (plat, fname), f in e.facts.items():
                if plat == name:
                    facts.setdefault(fname, f)
        for e in feeding:
            if name != e.platform.name:
                # A platform riding inside another's export (Threads in Instagram) is the same person in the
                # same place: it inherits the region and birth date its own files do not state.
                for fname in ("region", "birth_date"):
                    if fname not in facts and (parent := e.facts.get((e.platform.name, fname))):
                        facts[fname] = parent
        if options.region:
            region, region_source = options.region, "option"
        elif "region" in facts and (code := region_code(str(facts["region"].value))):
            region, region_source = code, "export"
        else:
            region, region_source = None, "unknown"
        birth: tuple[int | None, int, int] | None = None
        born = facts.get("birth_date")
        if born is not None and born.value is not None:
            value = born.value
            if isinstance(value, date):
                birth = (value.year, value.month, value.day)
            else:
                birth = dates.parse_birth_date(str(value))
        private = facts.get("account_private")
        username = facts.get("username")
        policy = load_policies()[export.platform.ruleset.policy]
        status = policy_status(policy, region, options.as_of)
        ctx = PlatformContext(
            platform=name,
            policy=policy.key,
            status=status,
            region=region,
            region_source=region_source,
            birth=birth,
            account_private=private.value if private is not None and isinstance(private.value, bool) else None,
            audience=options.facebook_audience,
            username=(
                username.value.strip()
                if username is not None and isinstance(username.value, str) and username.value.strip()
                else None
            ),
            opted_out=name in options.opted_out or policy.key in options.opted_out,
            key=key,
            account=export.account,
        )
        # The platform's own questions (platforms/<family>/questions.toml) and what the person answered.
        ctx = export.platform.apply_answers(ctx, dict(options.answers))
        notes = [*ctx.notes, *(text for e in exports if e in feeding for plat, text in e.notes if plat == name)]
        if status.state is TrainingStatus.REGION_UNKNOWN:
            notes.append(Note.of("region_unknown"))
        contexts[key] = replace(ctx, notes=tuple(notes))
    return contexts
