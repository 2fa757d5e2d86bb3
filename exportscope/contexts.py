"""Per-platform context for the overrides: region, birth date, private account, the user's answers, notes.

One context per *item* platform: Threads rides inside the Instagram export, so it gets its own context,
inheriting the region and birth date its own files do not state (never the private-account flag).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from exportscope import dates
from exportscope.classify import PlatformContext
from exportscope.model import Fact
from exportscope.notes import Note
from exportscope.rules import load_policies, region_code

if TYPE_CHECKING:
    from exportscope.pipeline import Options
    from exportscope.plan import Export


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
        ctx = PlatformContext(platform=name, policy=export.platform.ruleset.policy, key=key, account=export.account)
        if options.region:
            ctx.region, ctx.region_source = options.region, "option"
        elif "region" in facts and (code := region_code(str(facts["region"].value))):
            ctx.region, ctx.region_source = code, "export"
        birth = facts.get("birth_date")
        if birth is not None and birth.value is not None:
            value = birth.value
            if isinstance(value, date):
                ctx.birth = (value.year, value.month, value.day)
            else:
                ctx.birth = dates.parse_birth_date(str(value))
        private = facts.get("account_private")
        if private is not None and isinstance(private.value, bool):
            ctx.account_private = private.value
        username = facts.get("username")
        if username is not None and isinstance(username.value, str) and username.value.strip():
            ctx.username = username.value.strip()
        ctx.audience = options.facebook_audience
        # The platform's own questions (X: are your posts protected?) and what the person answered.
        export.platform.apply_answers(ctx, dict(options.answers))
        ctx.opted_out = name in options.opted_out or export.platform.ruleset.policy in options.opted_out
        ctx.notes.extend(text for e in exports if e in feeding for plat, text in e.notes if plat == name)
        starts = {r.in_force_since for r in load_policies()[ctx.policy].regions}
        if ctx.region is None and len(starts) > 1:
            ctx.notes.append(Note.of("region_unknown"))
        contexts[key] = ctx
    return contexts
