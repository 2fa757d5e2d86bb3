"""Why an item has its verdict, and what a person can do about it: the rule data, turned into sentences.

Both answers come from the data files only (``schemas/*.toml``, ``schemas/policies.toml``), never from code,
so the terminal UI, the reports and the CLI explain a verdict the same way the classifier reached it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from exportscope import i18n
from exportscope.notes import Note
from exportscope.rules import Rule, RuleSet, load_policies, load_sources

#: Opens the sentence shown when the region is unknown, before every region's note (English).
REGION_UNKNOWN = "Your region is not known: "


@dataclass(frozen=True)
class Why:
    """The justification of one item's verdict, kept in two parts a person can tell apart: the platform's
    own sentence (``quote``, word for word, English as published, with ``source``) and exportscope's
    explanation (``why``, in the reader's language, never in quotation marks). ``rule_id`` is for machines
    (the items' ``rule`` column); no text shown to a person names it."""

    rule_id: str
    why: str
    source: dict[str, str] | None = None  # title, url, effective, checked
    quote: str = ""
    description: str = ""
    override: str | None = None  # the item's notes (overrides such as under 18, caveats), in ``lang``

    @property
    def policy_source(self) -> str:
        """The source's title (what older callers showed after the sentence)."""
        return self.source["title"] if self.source else ""


@dataclass(frozen=True)
class OptOut:
    """What one platform lets a person do, for their region."""

    platform: str
    policy: str
    label: str
    setting: str
    setting_path: str
    url: str
    effect: str
    levers: tuple[str, ...]
    region: str | None
    region_note: str
    in_force_since: str | None
    known: bool
    notes: tuple[str, ...]
    sources: tuple[dict[str, str], ...]
    #: No policy row applies (the region is unknown and the policy depends on it): ``region_note`` then
    #: lists every region's note after :data:`REGION_UNKNOWN`.
    region_unknown: bool = False


def find_rule(rule_id: str, rulesets: Iterable[RuleSet]) -> tuple[Rule, str | None] | None:
    """The rule (and variant name) of an item's ``rule`` column (``<rule id>`` or ``<rule id>.<variant>``)."""
    sets = list(rulesets)
    for rs in sets:
        try:
            return rs.get(rule_id), None
        except KeyError:
            pass
    if "." in rule_id:
        base, variant = rule_id.rsplit(".", 1)
        for rs in sets:
            try:
                rule = rs.get(base)
            except KeyError:
                continue
            return rule, variant
    return None


def explain(
    rule_id: str | None,
    rulesets: Iterable[RuleSet],
    notes: Sequence[Note] = (),
    lang: str = i18n.DEFAULT_LANG,
) -> Why:
    """The "why" of an item: the variant's explanation if it has one, else the rule's; its quote and source;
    the item's notes (overrides, caveats: :func:`exportscope.notes.notes_of` its ``note_key``), all in
    ``lang``."""
    shown_note = i18n.NOTE_SEP.join(i18n.note_text(n, lang) for n in notes) if notes else None
    if not rule_id:
        return Why("", i18n.t("why_text.no_rule", lang), override=shown_note)
    found = find_rule(rule_id, rulesets)
    if found is None:
        return Why(rule_id, i18n.t("why_text.unknown_rule", lang), override=shown_note)
    rule, variant = found
    var = rule.variants.get(variant) if variant else None
    why = (var.why if var and var.why else None) or rule.why
    text = i18n.rule_text(why, lang) if why else i18n.t("why_text.none", lang)
    sid = (var.source if var and var.source else None) or rule.source
    source = load_sources()[sid].as_dict() if sid else None
    if source is None and rule.policy_source:
        source = {"title": rule.policy_source, "url": "", "effective": "", "checked": ""}
    quote = (var.quote if var and var.quote else None) or rule.quote
    return Why(rule_id, text, source, quote, rule.description, override=shown_note)


def source_line(source: dict[str, str], lang: str = i18n.DEFAULT_LANG) -> str:
    """``Title, link, in effect from D (checked D)``: a source as a person reads it, in ``lang``."""
    parts = [source.get("title", ""), source.get("url", "")]
    if source.get("effective"):
        parts.append(i18n.t("why_text.effective", lang, date=i18n.fmt_date(source["effective"], lang)))
    line = ", ".join(p for p in parts if p)
    if source.get("checked"):
        line += " " + i18n.t("why_text.checked", lang, date=i18n.fmt_date(source["checked"], lang))
    return line


def why_lines(why: Why, verdict: str, platform_label: str, lang: str = i18n.DEFAULT_LANG) -> list[str]:
    """The "why" as plain lines, the same in the terminal UI, the CLI and the reports: the verdict and
    exportscope's explanation; the platform's sentence in quotation marks with its source, or the source
    alone; the item's notes."""
    lines = [i18n.t("why_text.verdict", lang, verdict=i18n.verdict_label(verdict, lang), why=why.why)]
    if why.quote and why.source:
        lines.append(
            i18n.t(
                "why_text.quote", lang, platform=platform_label, quote=why.quote, source=source_line(why.source, lang)
            )
        )
    elif why.source:
        lines.append(i18n.t("why_text.source", lang, source=source_line(why.source, lang)))
    if why.override:
        lines.append(i18n.t("why_text.note", lang, note=why.override))
    return lines


def _lever_applies(lever: str, platform: str) -> bool:
    """A lever shared by several platforms is written ``<Platform>: ...`` (``A and B: ...``);
    keep the ones for this platform and the ones that name no platform at all."""
    head, sep, _ = lever.partition(":")
    words = set(re.findall(r"\w+", head.lower())) if sep else set()
    named = words & _item_platforms()
    return not named or platform.lower() in named


@functools.cache
def _item_platforms() -> frozenset[str]:
    """Every platform an item can be of (the registry's platforms and their rules' platforms)."""
    from exportscope.platforms import all_platforms

    return frozenset({p.name for p in all_platforms()} | {r.platform for p in all_platforms() for r in p.ruleset.rules})


def opt_out(platform: str, label: str, policy_key: str, region: str | None) -> OptOut:
    """The opt-out facts of a platform for a region (``None``: region unknown, every row is shown)."""
    policy = load_policies()[policy_key]
    # A policy with one row for every region does not depend on knowing the region.
    row = policy.for_region(region) or (policy.regions[0] if len(policy.regions) == 1 else None)
    region_note = row.note if row is not None else REGION_UNKNOWN + " ".join(r.note for r in policy.regions if r.note)
    return OptOut(
        platform=platform,
        policy=policy_key,
        label=label,
        setting=policy.setting,
        setting_path=policy.setting_path,
        url=policy.opt_out_url,
        effect=policy.opt_out_effect,
        levers=tuple(lv for lv in policy.extra_levers if _lever_applies(lv, platform)),
        region=region,
        region_note=region_note,
        in_force_since=row.in_force_since.isoformat() if row and row.in_force_since else None,
        known=row.known if row else False,
        notes=policy.notes,
        sources=policy.sources,
        region_unknown=row is None,
    )


def region_note_text(policy_key: str, note: str | None, lang: str) -> str | None:
    """A policy's region note (one region row's, as the summary gives it) in ``lang``."""
    if note is None or lang == i18n.DEFAULT_LANG:
        return note
    regions = load_policies()[policy_key].regions
    for i, r in enumerate(regions):
        if r.note == note:
            return i18n.policy_text(policy_key, f"region_{i}", lang, note)
    return note


def localize_opt_out(o: OptOut, lang: str) -> OptOut:
    """The same facts with the policy texts in ``lang`` (the translations in the message catalogue; English
    is the quoted source and stays as it is). Levers and notes are matched to their index in the policy."""
    if lang == i18n.DEFAULT_LANG:
        return o
    policy = load_policies()[o.policy]

    def tr(field_name: str, english: str) -> str:
        return i18n.policy_text(o.policy, field_name, lang, english)

    def indexed(prefix: str, texts: tuple[str, ...], source: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(tr(f"{prefix}_{source.index(x)}", x) if x in source else x for x in texts)

    return replace(
        o,
        setting=tr("setting", o.setting),
        setting_path=tr("setting_path", o.setting_path),
        effect=tr("opt_out_effect", o.effect),
        levers=indexed("extra_levers", o.levers, tuple(policy.extra_levers)),
        notes=indexed("notes", o.notes, tuple(policy.notes)),
        region_note=_region_unknown_text(o.policy, lang)
        if o.region_unknown
        else region_note_text(o.policy, o.region_note, lang) or "",
    )


def _region_unknown_text(policy_key: str, lang: str) -> str:
    """Every region's note after "your region is not known", in ``lang`` (:attr:`OptOut.region_unknown`)."""
    regions = load_policies()[policy_key].regions
    notes = [i18n.policy_text(policy_key, f"region_{i}", lang, r.note) for i, r in enumerate(regions) if r.note]
    return i18n.t("tui.region_not_known", lang) + " ".join(notes)
