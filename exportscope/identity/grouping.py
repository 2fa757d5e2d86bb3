"""Grouping detected input parts into exports: copies, parts, and one account's exports at several dates.

Why a module of its own: it is the one order-independent decision over all the inputs of a run (everything is
decided on sorted values), built on the account comparison (:mod:`.compare`) and each platform's rule of
what makes parts of one export; :mod:`exportscope.plan` builds the candidates and reads the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from exportscope.identity.account import AccountIdentity, merge_identities
from exportscope.identity.compare import AccountMatch, compare_accounts
from exportscope.identity.exports import ExportEntry, ExportRole


@dataclass(frozen=True)
class Candidate:
    """One detected input part, as the grouping sees it (built by :mod:`exportscope.plan`).

    ``fingerprint``: the (path, size) of every member; two parts with the same non-empty fingerprint hold
    the same files (a zip and its unzipped folder, an NFC zip and its NFD re-zip once names are NFC).
    ``order``: the platform's rank in detection order, so the result is sorted the same way for any input
    order. ``separate``: the platform keeps every input an export of its own (WhatsApp chats).
    """

    platform: str
    order: int
    name: str
    path: str
    export_date: date | None
    account: AccountIdentity
    fingerprint: frozenset[tuple[str, int]]
    priority: int
    separate: bool = False
    kind: str = "zip"  # the input's kind: of two copies, the zip (the download itself) is the one kept

    def sort_key(self) -> tuple[int, int, bool, str, str]:
        return (self.order, self.priority, self.kind != "zip", self.name, self.path)


@dataclass(frozen=True)
class Grouping:
    """The answer of :func:`group_exports`: which candidates form each counted export (parts in preference
    order), the entries of every candidate, and the pairs whose account could not be told apart."""

    exports: list[list[int]]
    entries: list[tuple[int, ExportEntry]]
    undecided: list[tuple[int, int]]


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_exports(candidates: Sequence[Candidate], is_part: Callable[[int, int], bool]) -> Grouping:
    """Group detected input parts into exports and give each its role; the answer never depends on the
    order of ``candidates`` (everything is decided on sorted values).

    1. **Copies**: parts of one platform holding the same files are one part given twice; one is kept (the
       first in sort order), the others are copies.
    2. **Parts**: ``is_part(i, j)`` (the platform's rule: LinkedIn Basic and Complete a few days apart, Meta's
       parts of one download) joins parts into exports, unless their accounts are shown to differ.
    3. **Accounts**: exports of one platform whose accounts are the same (:func:`compare_accounts`) are one
       account's exports at several dates: the newest is analysed, the others are older. Exports whose
       account cannot be told are kept apart (both counted) and reported in ``undecided``.
    """
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].sort_key())
    copy_of: dict[int, int] = {}
    seen: dict[tuple[str, frozenset[tuple[str, int]]], int] = {}
    for i in order:
        c = candidates[i]
        key = (c.platform, c.fingerprint)
        if c.fingerprint and key in seen:
            copy_of[i] = seen[key]
        else:
            seen[key] = i
    kept = [i for i in order if i not in copy_of]
    union = _Union(len(candidates))
    for a_pos, a in enumerate(kept):
        for b in kept[a_pos + 1 :]:
            ca, cb = candidates[a], candidates[b]
            if ca.platform != cb.platform or not is_part(a, b):
                continue
            if compare_accounts(ca.account, cb.account) is AccountMatch.DIFFERENT:
                continue
            union.join(a, b)
    groups: dict[int, list[int]] = {}
    for i in kept:
        groups.setdefault(union.find(i), []).append(i)
    exports = list(groups.values())  # each in sort order (kept is sorted); listed by their first part
    accounts = {
        tuple(parts): merge_identities(candidates[parts[0]].platform, (candidates[i].account for i in parts))
        for parts in exports
    }

    def newest(parts: list[int]) -> tuple[date, int, str]:
        dates_ = [d for i in parts if (d := candidates[i].export_date) is not None]
        # Newest first; then the export with more files (a full download over a part), then by name.
        size = sum(len(candidates[i].fingerprint) for i in parts)
        return (max(dates_) if dates_ else date.min, size, candidates[parts[0]].name)

    owners = _Union(len(exports))
    undecided: list[tuple[int, int]] = []
    for a_pos, pa in enumerate(exports):
        for b_pos in range(a_pos + 1, len(exports)):
            pb = exports[b_pos]
            ca, cb = candidates[pa[0]], candidates[pb[0]]
            if ca.platform != cb.platform or ca.separate or cb.separate:
                continue
            match = compare_accounts(accounts[tuple(pa)], accounts[tuple(pb)])
            if match is AccountMatch.SAME:
                owners.join(a_pos, b_pos)
            elif match is AccountMatch.UNKNOWN:
                undecided.append((pa[0], pb[0]))
    by_owner: dict[int, list[int]] = {}
    for pos in range(len(exports)):
        by_owner.setdefault(owners.find(pos), []).append(pos)
    analysed: list[int] = []
    older: list[tuple[int, int]] = []  # (export position, analysed export position)
    for members in by_owner.values():
        ranked = sorted(members, key=lambda pos: newest(exports[pos]), reverse=True)
        analysed.append(ranked[0])
        older.extend((pos, ranked[0]) for pos in ranked[1:])

    def canonical(pos: int) -> tuple[int, str, date, str]:
        parts = exports[pos]
        first = candidates[parts[0]]
        handle = (accounts[tuple(parts)].handle or "").casefold()
        return (first.order, handle, newest(parts)[0], first.name)

    analysed.sort(key=canonical)
    number = {pos: n for n, pos in enumerate(analysed)}
    older.sort(
        key=lambda po: (number[po[1]], -newest(exports[po[0]])[0].toordinal(), candidates[exports[po[0]][0]].name)
    )
    for n, (pos, _) in enumerate(older, start=len(analysed)):
        number[pos] = n
    entries: list[tuple[int, ExportEntry]] = []

    def entry(i: int, role: ExportRole, export: int, current: int, account: AccountIdentity) -> None:
        c = candidates[i]
        entries.append((i, ExportEntry(c.platform, role, c.path, c.name, c.export_date, account, export, current)))

    copies_of: dict[int, list[int]] = {}
    for i, j in copy_of.items():
        copies_of.setdefault(j, []).append(i)
    for pos in analysed:
        parts, n = exports[pos], number[pos]
        account = accounts[tuple(parts)]
        for k, i in enumerate(parts):
            entry(i, ExportRole.PART if k else ExportRole.ANALYSED, n, n, account)
        for i in parts:
            for j in sorted(copies_of.get(i, []), key=lambda j: candidates[j].sort_key()):
                entry(j, ExportRole.COPY, n, n, account)
        for old, current in older:
            if current != pos:
                continue
            parts = exports[old]
            account = accounts[tuple(parts)]
            for i in parts:
                entry(i, ExportRole.OLDER, number[old], n, account)
                for j in sorted(copies_of.get(i, []), key=lambda j: candidates[j].sort_key()):
                    entry(j, ExportRole.COPY, number[old], n, account)
    return Grouping([exports[pos] for pos in analysed], entries, undecided)
