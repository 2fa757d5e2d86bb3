"""Which rule a Meta member matches, trying only the rules that can match its file suffix.

Why: a Meta export holds thousands of photos and videos, and each member is matched against the rule file in
order, the first match winning; a photo meets every JSON rule's patterns (about 150 of them, each a regular
expression) before the media-bodies rule at the end. A rule whose every pattern (and name) ends in a literal
suffix (``*.json``, ``message_*.json``) can only match a member with that suffix, so those rules are
skipped for a member without it: the same first match, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence

from exportscope.rules import Rule, RuleSet

_WILD = frozenset("*?[]")


def suffix_of(name: str) -> str | None:
    """The literal suffix a file name or glob ends in (``.json``), lower case; None when it has none or it
    holds a wildcard (then a glob may match any suffix)."""
    last = name.rsplit("/", 1)[-1].lower()
    if "." not in last:
        return None
    ext = last.rsplit(".", 1)[1]
    return None if _WILD & set(ext) else "." + ext


def _suffixes(rule: Rule) -> frozenset[str] | None:
    """Every suffix a member matching ``rule`` can have; None when it could be any."""
    found: set[str] = set()
    for pattern in (*rule.names, *rule.paths):
        ext = suffix_of(pattern)
        if ext is None:
            return None
        found.add(ext)
    return frozenset(found)


class SuffixIndex:
    """A rule set's rules grouped by the suffixes they can match, each group in rule-file order."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._rules = [(rule, _suffixes(rule)) for rule in ruleset.rules]
        self._by_suffix: dict[str | None, Sequence[Rule]] = {}

    def candidates(self, suffix: str | None) -> Sequence[Rule]:
        rules = self._by_suffix.get(suffix)
        if rules is None:
            rules = self._by_suffix[suffix] = tuple(r for r, s in self._rules if s is None or suffix in s)
        return rules

    def match(self, path: str, name_key: str) -> Rule | None:
        """:meth:`RuleSet.match` over the rules that can match ``path``'s suffix: the same answer."""
        by_name = self.ruleset.name_rules.get(name_key)
        for rule in self.candidates(suffix_of(path)):
            if rule is by_name or (rule._globs and rule.matches_path(path)):
                return rule
        return None
