"""Loads and validates the rule data in ``schemas/`` (found through :mod:`exportscope.data`).

The rule files are the auditable heart of exportscope: which file of which platform becomes which kind of
item with which verdict, and why (a quoted policy sentence with its source). Code never decides a verdict by
itself; it looks it up here. The data folder is ``schemas/`` at the top of the source tree, as in
ARCHITECTURE.md; the wheel carries it inside the package.

A rule file holds ``[[rule]]`` tables, tried in order, the first match winning:

- ``id``: stable rule id, shown in every item's ``rule`` column;
- ``names``: name keys (the platform's normalised file name, e.g. ``shares`` for ``Shares_2.csv``) and/or
  ``paths``: case-insensitive glob patterns matched against the end of the member path;
- ``ignore = true`` for files that are known and hold no items (``no-data.txt``, media bodies);
- ``reader``: the platform module's reader name; ``kind``, ``verdict``, ``visibility`` (a fixed
  visibility, or ``column``/``account``/``audience`` to take it from the data, the account or the user);
- ``visibility_map``: raw value -> visibility; ``by_visibility``: visibility -> verdict;
- ``text``, ``time``, ``time_format``, ``columns``: what the generic readers read;
- ``[rule.variants.NAME]``: per-record overrides of kind/verdict/visibility (Profile.csv fields, drafts);
- ``why``: exportscope's explanation of the verdict, in its own voice (never quoted; its French is in the
  catalogue under ``why.<rule id>``); ``quote``: the platform's own sentence, word for word, when the rule
  book gives one; ``source``: the id of the published text both rest on (``[[source]]`` in policies.toml);
- ``note``: a ``note.*`` catalogue key written on every item of the rule or variant (an inferred field, a
  heuristic match), so the caveat travels with the item.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from exportscope.data import schemas_dir
from exportscope.model import KINDS, Verdict, Visibility

_VISIBILITY_SOURCES = {"column", "account", "audience", "owner"}


class RuleError(ValueError):
    """A rule file is malformed; raised at load time so a bad edit never reaches a user's report."""


@dataclass(frozen=True, slots=True)
class Variant:
    kind: str | None = None
    verdict: Verdict | None = None
    visibility: str | None = None
    why: str | None = None
    quote: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    platform: str
    names: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    ignore: bool = False
    reader: str = "csv"
    kind: str = "other"
    verdict: Verdict = Verdict.NOT_USED
    visibility: str = Visibility.PRIVATE.value
    visibility_map: dict[str, str] = field(default_factory=dict)
    by_visibility: dict[str, Verdict] = field(default_factory=dict)
    text: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    time_format: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    variants: dict[str, Variant] = field(default_factory=dict)
    why: str = ""
    quote: str = ""
    source: str = ""
    #: A source named in words only (rule files not yet moved to ``[[source]]`` ids).
    policy_source: str = ""
    note: str = ""
    visibility_notes: dict[str, str] = field(default_factory=dict)
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    _path_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def matches_path(self, path: str) -> bool:
        low = path.lower()
        return any(rx.search(low) for rx in self._path_res)

    def visibility_of(self, variant: str | None) -> str:
        """Where a shape's visibility comes from: its variant's own setting, else the rule's (``"column"``,
        ``"account"``, ``"owner"`` or a fixed value). One answer for the classifier and for what asks it again
        (an account's privacy: :mod:`exportscope.account_privacy`)."""
        var = self.variants.get(variant) if variant else None
        return (var.visibility if var and var.visibility else None) or self.visibility


@dataclass(frozen=True)
class RuleSet:
    platform: str
    label: str
    policy: str
    rules: tuple[Rule, ...]
    name_rules: dict[str, Rule]

    def match(self, path: str, name_key: str) -> Rule | None:
        """The first rule (in file order) whose names or paths match this member."""
        by_name = self.name_rules.get(name_key)
        for rule in self.rules:
            if rule is by_name or (rule._path_res and rule.matches_path(path)):
                return rule
        return None

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A glob matched against the *end* of a path, so wrapper folders and layout prefixes never matter.

    ``*`` and ``?`` stay inside one path segment; ``**`` crosses folders.
    """
    pattern = pattern.lower().lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
        i += 1
    return re.compile(r"(?:^|/)" + "".join(out) + r"\Z", re.S)


def _verdict(value: Any, where: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        raise RuleError(f"{where}: unknown verdict {value!r}") from None


def _check_visibility(value: str, where: str, allow_sources: bool = True) -> str:
    valid = {v.value for v in Visibility} | (_VISIBILITY_SOURCES if allow_sources else set())
    if value not in valid:
        raise RuleError(f"{where}: unknown visibility {value!r}")
    return value


@functools.cache
def known_kinds() -> frozenset[str]:
    """Every kind an item can have: :data:`~exportscope.model.KINDS`, plus the kinds a platform brings in
    its schema file (a top-level ``kinds`` list; their names in its ``messages.toml`` ``[kind]`` table)."""
    brought = {str(k) for _, data in platform_schemas() for k in data.get("kinds", [])}
    return KINDS | brought


def _check_kind(value: str, where: str) -> str:
    if value not in known_kinds():
        raise RuleError(f"{where}: unknown kind {value!r} (add it to model.KINDS or the schema's kinds)")
    return value


def _check_source(value: str, where: str) -> str:
    if value not in load_sources():
        raise RuleError(f"{where}: unknown source {value!r} (add it to [[source]] in policies.toml)")
    return value


def _check_note(value: str, where: str) -> str:
    from exportscope import i18n

    if not i18n.has(f"note.{value}"):
        raise RuleError(f"{where}: unknown note {value!r} (add note.{value} to the message catalogue)")
    return value


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _build_rule(raw: dict[str, Any], platform: str, seen: set[str], default_source: str = "") -> Rule:
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleError(f"{platform}: a rule without an id: {raw!r}")
    if rid in seen:
        raise RuleError(f"{platform}: duplicate rule id {rid}")
    seen.add(rid)
    where = f"{platform}:{rid}"
    if not raw.get("names") and not raw.get("paths"):
        raise RuleError(f"{where}: a rule needs names or paths")
    variants: dict[str, Variant] = {}
    for vname, vraw in (raw.get("variants") or {}).items():
        variants[vname] = Variant(
            kind=_check_kind(vraw["kind"], where) if "kind" in vraw else None,
            verdict=_verdict(vraw["verdict"], where) if "verdict" in vraw else None,
            visibility=_check_visibility(vraw["visibility"], where) if "visibility" in vraw else None,
            why=vraw.get("why"),
            quote=vraw.get("quote"),
            source=_check_source(vraw["source"], where) if "source" in vraw else None,
            note=_check_note(vraw["note"], where) if "note" in vraw else None,
        )
    paths = _tuple(raw.get("paths"))
    ignore = bool(raw.get("ignore", False))
    return Rule(
        id=rid,
        platform=str(raw.get("platform", platform)),
        names=_tuple(raw.get("names")),
        paths=paths,
        ignore=ignore,
        reader=str(raw.get("reader", "csv")),
        kind=_check_kind(str(raw.get("kind", "other")), where),
        verdict=_verdict(raw.get("verdict", "not_used"), where),
        visibility=_check_visibility(str(raw.get("visibility", "private")), where),
        visibility_map={
            str(k).lower(): _check_visibility(str(v), where, allow_sources=False)
            for k, v in (raw.get("visibility_map") or {}).items()
        },
        by_visibility={
            _check_visibility(str(k), where, allow_sources=False): _verdict(v, where)
            for k, v in (raw.get("by_visibility") or {}).items()
        },
        text=_tuple(raw.get("text")),
        time=_tuple(raw.get("time")),
        time_format=_tuple(raw.get("time_format")),
        columns=_tuple(raw.get("columns")),
        variants=variants,
        why=str(raw.get("why", "")),
        quote=str(raw.get("quote", "")),
        source=_check_source(str(raw["source"]), where) if "source" in raw else default_source,
        policy_source=str(raw.get("policy_source", "")),
        note=_check_note(str(raw["note"]), where) if "note" in raw else "",
        visibility_notes={
            _check_visibility(str(k), where, allow_sources=False): _check_note(str(v), where)
            for k, v in (raw.get("visibility_notes") or {}).items()
        },
        description=str(raw.get("description", "")),
        options=dict(raw.get("options") or {}),
        _path_res=tuple(_glob_to_regex(p) for p in paths),
    )


def _read_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"schemas/{name}: {exc}") from exc


#: Files of schemas/ that are shared data, not a platform's schema.
_SHARED_FILES = frozenset({"policies.toml", "regions.toml", "dates.toml", "letters.toml"})


@functools.cache
def platform_schemas() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every platform's schema file (a TOML file of ``schemas/`` with a top-level ``platform``), parsed, in
    name order. Besides its rules and ``[policy_facts]``, a platform's file may carry its entries of the
    shared tables of policies.toml (``[[published_source]]``, ``[[first_date]]``, ``[todo.where.<p>]``...):
    adding a platform edits no shared file."""
    out = []
    for path in sorted(schemas_dir().glob("*.toml")):
        if path.name not in _SHARED_FILES and "platform" in (data := _read_toml(path.name)):
            out.append((path.name, data))
    return tuple(out)


@functools.cache
def load_not_before() -> dict[str, date]:
    """Per item platform, the first day a real timestamp can have (``schemas/dates.toml``: the rule book's
    "Dates" override). An earlier one is an impossible date (:mod:`exportscope.reading`)."""
    data = _read_toml("dates.toml")
    out: dict[str, date] = {}
    for name, value in dict(data.get("not_before", {})).items():
        try:
            out[str(name)] = date.fromisoformat(str(value))
        except ValueError as exc:
            raise RuleError(f"schemas/dates.toml: not_before.{name}: {value!r} is not a date") from exc
    return out


@functools.cache
def load_rules(platform: str) -> RuleSet:
    """The rule set of one platform family file (``schemas/<platform>.toml``), validated."""
    data = _read_toml(f"{platform}.toml")
    seen: set[str] = set()
    pname = str(data.get("platform", platform))
    default_source = _check_source(str(data["source"]), pname) if "source" in data else ""
    rules = tuple(_build_rule(r, pname, seen, default_source) for r in data.get("rule", []))
    name_rules: dict[str, Rule] = {}
    for rule in rules:
        for n in rule.names:
            name_rules.setdefault(n, rule)
    return RuleSet(
        platform=pname,
        label=str(data.get("label", pname)),
        policy=str(data.get("policy", pname)),
        rules=rules,
        name_rules=name_rules,
    )


# --- policy facts -------------------------------------------------------------------------------------

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


def _date_or_none(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _policy(key: str, raw: dict[str, Any]) -> Policy:
    regions = tuple(
        RegionPolicy(
            codes=_tuple(r["codes"]),
            in_force_since=_date_or_none(r.get("in_force_since")),
            known=bool(r.get("known", True)),
            note=str(r.get("note", "")),
            opt_out=str(r.get("opt_out", "")),
            legal_basis=str(r.get("legal_basis", "")),
            source=_source_ref(r.get("source"), key),
            window_until=_date_or_none(r.get("window_until")),
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
        extra_levers=_tuple(raw.get("extra_levers")),
        regions=regions,
        notes=_tuple(raw.get("notes")),
        sources=_policy_sources(key, raw.get("sources", [])),
        item_notes=tuple(
            ItemNote(
                kind=str(n["kind"]),
                since=_date_or_none(n.get("since")),
                not_in_regions=_tuple(n.get("not_in_regions")),
                text=str(n["text"]),
                source=_source_ref(n.get("source"), key),
                note=_check_note(str(n.get("note", "")), f"{key}.item_notes"),
            )
            for n in raw.get("item_notes", [])
        ),
        minor_regions=_tuple(raw.get("minor_regions")),
        minor_keeps_kinds=_tuple(raw.get("minor_keeps_kinds")),
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
    listed = [("policies.toml", raw) for raw in _read_toml("policies.toml").get("source", [])]
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
            effective=_date_or_none(raw.get("effective")),
            checked=_date_or_none(raw.get("checked")),
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
    data = _read_toml("policies.toml")
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
    rows = list(_read_toml("policies.toml").get("first_date", []))
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
def load_regions() -> dict[str, str]:
    """Country names, ISO codes and aliases (lower case) -> exportscope region code."""
    data = _read_toml("regions.toml")
    table: dict[str, str] = {}
    for code, names in data.get("regions", {}).items():
        table[code] = code
        for n in names:
            table[str(n).lower()] = code
    return table


@functools.cache
def _ambiguous() -> dict[str, str]:
    """Names of two places (Georgia the country, Georgia the US state): name -> the other place's region,
    chosen only when another part of the location names a place of that region."""
    return {str(k).lower(): str(v) for k, v in _read_toml("regions.toml").get("ambiguous", {}).items()}


@functools.cache
def _short_in_text() -> frozenset[str]:
    """The few names of one or two letters that may match inside free text ("uk"); every other short name
    is an ISO code ("it", "no", "de") that reads as an ordinary word in a sentence."""
    return frozenset(str(n).lower() for n in _read_toml("regions.toml").get("short_in_text", []))


_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")


def region_code(text: str | None) -> str | None:
    """Map a user's ``--region`` or a location written in the export to a region code, if known.

    A location is tried whole, then by its comma-separated parts from the end (country, then state or
    county: "Sydney, New South Wales, Australia", "Dublin, Ohio"); only a location without commas
    ("Greater Paris Metropolitan Region") is searched word by word, so a city name never outvotes the
    country or state written after it. Georgia is the country unless another part names a US place
    ("Atlanta, Georgia"); two-letter codes never match inside free text ("it", "no"), "uk" and "u.k." do.
    """
    if not text:
        return None
    table = load_regions()
    low = " ".join(text.strip().lower().split())
    if low in table:
        return table[low]
    parts = [p.strip() for p in low.split(",") if p.strip()]
    if len(parts) > 1:
        found = [table.get(p) for p in parts]
        for i in range(len(parts) - 1, -1, -1):
            code = found[i]
            if code is None:
                continue
            other = _ambiguous().get(parts[i])
            if other is not None and any(c == other for j, c in enumerate(found) if j != i):
                return other
            return code
        return None
    words = _TOKEN.findall(low)
    short = _short_in_text()
    for size in (3, 2, 1):  # "new york city", "hong kong", "paris"
        for i in range(len(words) - size, -1, -1):
            phrase = " ".join(words[i : i + size])
            if (len(phrase) > 2 or phrase in short) and phrase in table:
                return table[phrase]
    return None
