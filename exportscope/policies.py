"""The policy facts of the rule book (``schemas/policies.toml`` and each platform schema's ``[policy_facts]``):
published sources, per-region training dates, item notes, the platforms' first possible dates.

Apart from the rule data (:mod:`exportscope.rules`): a rule says what a file becomes; a policy says since
when, where and on what published text training applies. Every fact carries its source and the date it was
checked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from exportscope.schemafiles import RuleError, check_note, date_or_none, platform_schemas, read_schema, strs

#: Top-level tables of policies.toml that are not a policy: the published sources and the platforms'
#: first possible dates.
_NOT_POLICIES = frozenset({"source", "first_date", "todo"})  # todo: the to-do list's block (actions/todo.py)


@dataclass(frozen=True, slots=True)
class Source:
    """A published text a policy fact rests on: its title, link, the date it took effect (None when the
    text does not say) and the date exportscope last checked it against the primary text."""

    id: str
    title: str
    url: str
    effective: date | None
    checked: date | None

    def as_dict(self) -> dict[str, str]:
        return {
            "title": self.title,
            "url": self.url,
            "effective": self.effective.isoformat() if self.effective else "",
            "checked": self.checked.isoformat() if self.checked else "",
        }


@dataclass(frozen=True, slots=True)
class RegionPolicy:
    codes: tuple[str, ...]
    in_force_since: date | None
    known: bool
    note: str
    opt_out: str
    legal_basis: str
    source: str = ""
    #: An earlier training window of this region (LinkedIn's 2024 use in the UK, Canada, Hong Kong): items
    #: dated before ``window_until`` carry the ``note.<window_note>`` note.
    window_until: date | None = None
    window_note: str = ""


@dataclass(frozen=True, slots=True)
class ItemNote:
    """A policy fact that does not change a verdict but belongs on some items (Meta AI chats and ads)."""

    kind: str
    since: date | None
    not_in_regions: tuple[str, ...]
    text: str
    source: str = ""
    #: The ``note.*`` key said on the items (``text`` is the fact in English, as the rule book gives it).
    note: str = ""

    def applies(self, region: str | None, as_of: date) -> bool:
        """From its date on, in every region but the listed ones (an unknown region may be any)."""
        return (self.since is None or as_of >= self.since) and region not in self.not_in_regions


@dataclass(frozen=True, slots=True)
class KindNote:
    """Items of ``kind`` that a policy override treats apart, with the ``note.*`` key said on them."""

    kind: str
    note: str
    source: str


@dataclass(frozen=True)
class Policy:
    key: str
    label: str
    setting: str
    setting_path: str
    opt_out_url: str
    opt_out_effect: str
    extra_levers: tuple[str, ...]
    regions: tuple[RegionPolicy, ...]
    notes: tuple[str, ...]
    sources: tuple[dict[str, str], ...]
    item_notes: tuple[ItemNote, ...] = ()
    #: Kinds the under-18 override leaves as they are, with the note said on them (Meta trains on AI chats
    #: of every registered user).
    minor_keeps: tuple[KindNote, ...] = ()
    #: Kinds an opt-out or objection does not cover (Meta's objection covers public content only).
    opt_out_excludes: tuple[KindNote, ...] = ()
    toggle: str = ""
    quote: str = ""
    quote_source: str = ""
    #: Regions where the under-18 rule applies (empty: everywhere, classification.md's default).
    minor_regions: tuple[str, ...] = ()
    #: Kinds the under-18 rule never changes (an AI assistant's chats).
    minor_keeps_kinds: tuple[str, ...] = ()
    #: Catalogue key of the note put on a minor's eligible items outside ``minor_regions``.
    minor_elsewhere_note: str = ""

    def minor_applies(self, region: str | None) -> bool:
        """Whether under-18 items are excluded for this region (an unknown region only when it is everywhere)."""
        return not self.minor_regions or region in self.minor_regions

    def for_region(self, region: str | None) -> RegionPolicy | None:
        """The policy row for a region code; ``other`` is the fallback; None when region is unknown."""
        if region is None:
            return None
        fallback = None
        for row in self.regions:
            if region in row.codes:
                return row
            if "other" in row.codes:
                fallback = row
        return fallback


def _policy(key: str, raw: dict[str, Any]) -> Policy:
    regions = tuple(
        RegionPolicy(
            codes=strs(r["codes"]),
            in_force_since=date_or_none(r.get("in_force_since")),
            known=bool(r.get("known", True)),
            note=str(r.get("note", "")),
            opt_out=str(r.get("opt_out", "")),
            legal_basis=str(r.get("legal_basis", "")),
            source=_source_ref(r.get("source"), key),
            window_until=date_or_none(r.get("window_until")),
            window_note=str(r.get("window_note", "")),
        )
        for r in raw.get("regions", [])
    )
    quote = raw.get("quote") or {}
    return Policy(
        key=key,
        label=str(raw.get("label", key)),
        setting=str(raw.get("setting", "")),
        setting_path=str(raw.get("setting_path", "")),
        opt_out_url=str(raw.get("opt_out_url", "")),
        opt_out_effect=str(raw.get("opt_out_effect", "")),
        extra_levers=strs(raw.get("extra_levers")),
        regions=regions,
        notes=strs(raw.get("notes")),
        sources=_policy_sources(key, raw.get("sources", [])),
        item_notes=tuple(
            ItemNote(
                kind=str(n["kind"]),
                since=date_or_none(n.get("since")),
                not_in_regions=strs(n.get("not_in_regions")),
                text=str(n["text"]),
                source=_source_ref(n.get("source"), key),
                note=check_note(str(n.get("note", "")), f"{key}.item_notes"),
            )
            for n in raw.get("item_notes", [])
        ),
        minor_regions=strs(raw.get("minor_regions")),
        minor_keeps_kinds=strs(raw.get("minor_keeps_kinds")),
        minor_elsewhere_note=str(raw.get("minor_elsewhere_note", "")),
        minor_keeps=_kind_notes(raw.get("minor_keeps", []), key),
        opt_out_excludes=_kind_notes(raw.get("opt_out_excludes", []), key),
        toggle=str(raw.get("toggle", "")),
        quote=str(quote.get("text", "")),
        quote_source=_source_ref(quote.get("source"), key),
    )


@functools.cache
def load_sources() -> dict[str, Source]:
    """Every published source of the policy data (``[[source]]`` in policies.toml, ``[[published_source]]``
    in a platform's schema file), by id."""
    listed = [("policies.toml", raw) for raw in read_schema("policies.toml").get("source", [])]
    listed += [(name, raw) for name, data in platform_schemas() for raw in data.get("published_source", [])]
    out: dict[str, Source] = {}
    for where, raw in listed:
        sid = str(raw["id"])
        if sid in out:
            raise RuleError(f"{where}: duplicate source {sid}")
        out[sid] = Source(
            id=sid,
            title=str(raw["title"]),
            url=str(raw["url"]),
            effective=date_or_none(raw.get("effective")),
            checked=date_or_none(raw.get("checked")),
        )
    return out


def _source_ref(value: Any, where: str) -> str:
    sid = str(value or "")
    if sid and sid not in load_sources():
        raise RuleError(f"policies.toml: {where}: unknown source {sid!r}")
    return sid


def _policy_sources(key: str, raw: list[Any]) -> tuple[dict[str, str], ...]:
    """A policy's sources: ids of ``[[source]]`` entries, or (older shape) inline tables."""
    out: list[dict[str, str]] = []
    for i, entry in enumerate(raw):
        if isinstance(entry, str):
            out.append({"id": _source_ref(entry, key), **load_sources()[entry].as_dict()})
        else:
            inline = {str(k): str(v) for k, v in entry.items()}
            inline.setdefault("id", f"{key}.{i}")
            inline.setdefault("effective", inline.pop("date", ""))
            inline.setdefault("checked", "")
            out.append(inline)
    return tuple(out)


def _kind_notes(raw: list[Any], key: str) -> tuple[KindNote, ...]:
    return tuple(
        KindNote(kind=str(n["kind"]), note=str(n["note"]), source=_source_ref(n.get("source"), key)) for n in raw
    )


@functools.cache
def load_policies() -> dict[str, Policy]:
    """Policy facts per platform key, with their published sources: ``schemas/policies.toml``, plus the
    ``[policy_facts]`` table of any platform rule file (``schemas/<platform>.toml``), keyed by that file's
    ``policy``.

    A platform that carries its policy facts in its own rule file needs no edit of ``policies.toml``.
    """
    data = read_schema("policies.toml")
    out = {key: _policy(key, raw) for key, raw in data.items() if key not in _NOT_POLICIES}
    for name, rules in platform_schemas():
        facts = rules.get("policy_facts")
        if isinstance(facts, dict):
            key = str(rules.get("policy", name.removesuffix(".toml")))
            if key in out:
                raise RuleError(f"schemas/{name}: policy {key!r} is also in policies.toml")
            out[key] = _policy(key, facts)
    return out


@dataclass(frozen=True, slots=True)
class FirstDate:
    """The first day a platform's items can carry: an earlier timestamp is no date (rule book, Overrides)."""

    platform: str
    first: date
    source: str


@functools.cache
def load_first_dates() -> dict[str, FirstDate]:
    """Per item platform, from ``[[first_date]]`` (policies.toml's, then each platform schema file's)."""
    rows = list(read_schema("policies.toml").get("first_date", []))
    rows += [r for _, data in platform_schemas() for r in data.get("first_date", [])]
    return {
        str(r["platform"]): FirstDate(
            platform=str(r["platform"]),
            first=date.fromisoformat(str(r["date"])),
            source=_source_ref(r["source"], "first_date"),
        )
        for r in rows
    }


@functools.cache
def load_not_before() -> dict[str, date]:
    """Per item platform, the first day a real timestamp can have (``schemas/dates.toml``: the rule book's
    "Dates" override). An earlier one is an impossible date (:mod:`exportscope.reading`)."""
    data = read_schema("dates.toml")
    out: dict[str, date] = {}
    for name, value in dict(data.get("not_before", {})).items():
        try:
            out[str(name)] = date.fromisoformat(str(value))
        except ValueError as exc:
            raise RuleError(f"schemas/dates.toml: not_before.{name}: {value!r} is not a date") from exc
    return out
