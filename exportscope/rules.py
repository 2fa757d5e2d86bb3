"""Loads and validates the rule data in ``schemas/`` (found through :mod:`exportscope.data`); the policy facts
the rules cite are :mod:`exportscope.policies`.

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
from dataclasses import dataclass, field
from typing import Any

from exportscope.model import KINDS, Verdict, Visibility
from exportscope.schemafiles import RuleError, check_note, platform_schemas, read_schema, strs

__all__ = ["Glob", "Rule", "RuleError", "RuleSet", "Variant", "known_kinds", "load_rules"]

_VISIBILITY_SOURCES = {"column", "account", "audience", "owner"}


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
    _globs: tuple[Glob, ...] = field(default=(), repr=False, compare=False)

    def matches_path(self, path: str) -> bool:
        low = path.lower()
        return any(glob.matches(low) for glob in self._globs)

    # --- what a variant overrides: one accessor per field, the variant's own value else the rule's --------

    def _own(self, variant: str | None, name: str) -> Any:
        """The variant's own value of field ``name``, None when it has none (or there is no such variant)."""
        var = self.variants.get(variant) if variant else None
        return (getattr(var, name) or None) if var is not None else None

    def visibility_of(self, variant: str | None) -> str:
        """Where a shape's visibility comes from: its variant's own setting, else the rule's (``"column"``,
        ``"account"``, ``"owner"`` or a fixed value). One answer for the classifier and for what asks it again
        (an account's privacy: :mod:`exportscope.account_privacy`)."""
        return str(self._own(variant, "visibility") or self.visibility)

    def kind_of(self, variant: str | None) -> str:
        return str(self._own(variant, "kind") or self.kind)

    def verdict_of(self, variant: str | None, visibility: str) -> Verdict:
        """The variant's fixed verdict; else the verdict the rule gives this visibility (``by_visibility``),
        else the rule's own."""
        fixed: Verdict | None = self._own(variant, "verdict")
        return fixed or self.by_visibility.get(visibility, self.verdict)

    def note_of(self, variant: str | None, visibility: str) -> str | None:
        """The ``note.*`` key written on the shape's items: the variant's, the rule's, else the visibility's."""
        return str(self._own(variant, "note") or self.note or self.visibility_notes.get(visibility) or "") or None

    def why_of(self, variant: str | None) -> str:
        return str(self._own(variant, "why") or self.why)

    def source_of(self, variant: str | None) -> str:
        return str(self._own(variant, "source") or self.source)

    def quote_of(self, variant: str | None) -> str:
        return str(self._own(variant, "quote") or self.quote)


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
            if rule is by_name or (rule._globs and rule.matches_path(path)):
                return rule
        return None

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


class Glob:
    """One ``paths`` pattern, matched against the *end* of a lower-cased path, so wrapper folders and layout
    prefixes never matter. ``*`` and ``?`` stay inside one path segment; ``**`` crosses folders.

    Why not a compiled regular expression per pattern, up front: a run needs the rules of the platforms it
    reads, and compiling their ~270 patterns took 0.08 s of every start. A path holds every literal piece of a
    pattern it matches (``messages/``, ``/message_``, ``.json``), so a path missing one is answered without
    the regex, which is compiled the first time a path holds them all: most patterns never are.
    """

    __slots__ = ("_regex", "_source", "pieces")

    def __init__(self, pattern: str) -> None:
        low = pattern.lower().lstrip("/")
        #: The literal runs between wildcards; a path the pattern matches contains each of them.
        self.pieces = tuple(piece for piece in re.split(r"[*?]+", low) if piece)
        out: list[str] = []
        i = 0
        while i < len(low):
            ch = low[i]
            if low.startswith("**", i):
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
            i += 1
        self._source = r"(?:^|/)" + "".join(out) + r"\Z"
        self._regex: re.Pattern[str] | None = None

    def matches(self, low_path: str) -> bool:
        """True when the pattern matches the end of ``low_path`` (already lower case)."""
        for piece in self.pieces:
            if piece not in low_path:
                return False
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self._source, re.S)
        return regex.search(low_path) is not None


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
    from exportscope.policies import load_sources

    if value not in load_sources():
        raise RuleError(f"{where}: unknown source {value!r} (add it to [[source]] in policies.toml)")
    return value


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
            note=check_note(vraw["note"], where) if "note" in vraw else None,
        )
    paths = strs(raw.get("paths"))
    ignore = bool(raw.get("ignore", False))
    return Rule(
        id=rid,
        platform=str(raw.get("platform", platform)),
        names=strs(raw.get("names")),
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
        text=strs(raw.get("text")),
        time=strs(raw.get("time")),
        time_format=strs(raw.get("time_format")),
        columns=strs(raw.get("columns")),
        variants=variants,
        why=str(raw.get("why", "")),
        quote=str(raw.get("quote", "")),
        source=_check_source(str(raw["source"]), where) if "source" in raw else default_source,
        policy_source=str(raw.get("policy_source", "")),
        note=check_note(str(raw["note"]), where) if "note" in raw else "",
        visibility_notes={
            _check_visibility(str(k), where, allow_sources=False): check_note(str(v), where)
            for k, v in (raw.get("visibility_notes") or {}).items()
        },
        description=str(raw.get("description", "")),
        options=dict(raw.get("options") or {}),
        _globs=tuple(Glob(p) for p in paths),
    )


@functools.cache
def load_rules(platform: str) -> RuleSet:
    """The rule set of one platform family file (``schemas/<platform>.toml``), validated."""
    data = read_schema(f"{platform}.toml")
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
