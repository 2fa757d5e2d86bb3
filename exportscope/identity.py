"""Which inputs are one export of one account at one date: parts, copies, older exports, other accounts.

A person's Downloads folder holds several exports of one account taken months apart, Basic and Complete
parts, an export unzipped beside its zip, and exports of a partner's account. Merging them by platform
alone loses data silently (a file of the same name in an older export counts once) or mixes two people (one
account's private setting decides the other's verdicts). So every input is identified by what it holds:

- :class:`AccountIdentity`: who the account is, per export, read from the export's own profile files (the
  name, username, account id, e-mail, profile URL and phone number it states), each with the member it was
  found in. Each platform family derives it (``Platform.account``); :func:`derive` is the entry point.
- :func:`compare_accounts` / :func:`same_account`: whether two identities are one account. Only stable
  identifiers prove it (an account id, a username, an e-mail, a profile URL, a phone number); a name alone is
  weak evidence, used only when nothing else is stated on either side.
- :class:`ExportEntry` and :class:`ExportRole`: every export a run saw, with its role. The newest export of
  an account is *analysed*; further parts of it are *parts*; the same export given twice (a zip and its
  unzipped folder, a Mac re-zip) is a *copy*; older exports of the same account are *older*: listed, not
  counted, for a later comparison. ``Analysis.export_entries`` lists them; ``Analysis.exports[i].account``
  is the identity of analysed export ``i``.

This module holds values and pure decisions only: no reader, no polars, nothing of the pipeline.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exportscope.archive import Source
    from exportscope.platforms.base import Platform

__all__ = [
    "AccountIdentity",
    "AccountMatch",
    "Candidate",
    "ExportEntry",
    "ExportRole",
    "Grouping",
    "Identifier",
    "compare_accounts",
    "derive",
    "group_exports",
    "merge_identities",
    "same_account",
]


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifying value and where the export states it.

    ``source`` is the member path it was read from (``Profile.csv``,
    ``personal_information/profile_information/profile_information.json``), or ``"(file name)"`` when it
    comes from the input's name (Meta puts the username in ``facebook-<user>-<date>-<rand>.zip``).
    """

    value: str
    source: str


#: The ``source`` of an identifier read from the input's file name rather than from a member.
FROM_FILE_NAME = "(file name)"


@dataclass(frozen=True, slots=True)
class AccountIdentity:
    """Who one export is of, as far as the export says. Every field is optional; an empty identity means
    the export names nobody (a WhatsApp chat, a LinkedIn part without profile files).

    ``platform`` is the export's platform family name (``linkedin``, ``facebook``, ``instagram``,
    ``whatsapp``). Values are kept as the export writes them (NFC-normalised); comparisons normalise them
    further (:func:`compare_accounts`).
    """

    platform: str
    name: Identifier | None = None  # the person's full name as the profile states it
    username: Identifier | None = None  # Instagram/Facebook/Threads username, LinkedIn vanity name
    account_id: Identifier | None = None  # a numeric or opaque account id, when the export states one
    email: Identifier | None = None  # the primary (else first) account e-mail address
    profile_url: Identifier | None = None  # the public profile URL (LinkedIn /in/..., facebook.com/...)
    phone: Identifier | None = None  # the account's phone number (WhatsApp: the account itself)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f) for f in _FIELDS)

    @property
    def handle(self) -> str | None:
        """A short display handle: ``@username``, else the name, else the e-mail, else the phone; None when
        the export names nobody. It is personal data: ``--redact`` masks it (see ``masked_handle``)."""
        if self.username:
            return "@" + self.username.value.lstrip("@")
        for ident in (self.name, self.email, self.phone):
            if ident:
                return ident.value
        return None

    def masked_handle(self) -> str | None:
        """The handle with all but its first character masked (``@a…``, ``A…``): enough to tell two accounts
        apart in a shared report, not enough to name the person."""
        handle = self.handle
        if handle is None:
            return None
        keep = 2 if handle.startswith("@") else 1
        return handle[:keep] + "…"

    def identifiers(self) -> dict[str, Identifier]:
        """The stated identifiers by field name (``name``, ``username``...), in declaration order."""
        return {f: v for f in _FIELDS if (v := getattr(self, f)) is not None}


_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(AccountIdentity) if f.name != "platform")
#: Identifiers that prove an account by themselves (a name does not: two people share a name).
STRONG: tuple[str, ...] = ("account_id", "username", "email", "profile_url", "phone")


class AccountMatch(enum.StrEnum):
    """The answer of :func:`compare_accounts`."""

    SAME = "same"  # a stable identifier is shared and none contradicts (or: same name, nothing else stated)
    DIFFERENT = "different"  # another platform, or a stable identifier of one type differs and none is shared
    UNKNOWN = "unknown"  # not enough stated to tell (an empty identity on either side)


def normalise(field_name: str, value: str) -> str:
    """The comparable form of one identifier: NFKC, case-folded, spaces collapsed; e-mails lower-cased;
    phone numbers reduced to their digits; usernames without ``@``; profile URLs without scheme, ``www.``,
    query and trailing slash."""
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if field_name == "phone":
        return re.sub(r"\D", "", text).lstrip("0")
    if field_name == "username":
        return text.lstrip("@")
    if field_name == "profile_url":
        text = re.sub(r"^[a-z]+://", "", text)
        text = text.removeprefix("www.").split("?", 1)[0].split("#", 1)[0]
        return text.rstrip("/")
    return re.sub(r"\s+", " ", text)


def compare_accounts(a: AccountIdentity, b: AccountIdentity) -> AccountMatch:
    """Whether two exports are of one account, from what each states (never from their file names alone).

    An account id decides alone when both state one. Otherwise any shared stable identifier (username,
    e-mail, profile URL, phone) makes them the same account, even if another one changed (people change
    their e-mail); a stable identifier stated by both with different values and none shared makes them
    different. With no stable identifier in common, the same name on both sides is taken as the same account
    and different names as different accounts; an export that names nobody gives UNKNOWN.
    """
    if a.platform != b.platform:
        return AccountMatch.DIFFERENT
    ida, idb = a.account_id, b.account_id
    if ida and idb:
        same_id = normalise("account_id", ida.value) == normalise("account_id", idb.value)
        return AccountMatch.SAME if same_id else AccountMatch.DIFFERENT
    shared = contradicted = False
    for f in STRONG[1:]:
        va, vb = getattr(a, f), getattr(b, f)
        if va is None or vb is None:
            continue
        if normalise(f, va.value) == normalise(f, vb.value):
            shared = True
        else:
            contradicted = True
    if shared:
        return AccountMatch.SAME
    if contradicted:
        return AccountMatch.DIFFERENT
    if a.name and b.name:
        same_name = normalise("name", a.name.value) == normalise("name", b.name.value)
        return AccountMatch.SAME if same_name else AccountMatch.DIFFERENT
    return AccountMatch.UNKNOWN


def same_account(a: AccountIdentity, b: AccountIdentity) -> bool:
    """True only when the exports show they are one account (:func:`compare_accounts` says SAME)."""
    return compare_accounts(a, b) is AccountMatch.SAME


def merge_identities(platform: str, parts: Iterable[AccountIdentity]) -> AccountIdentity:
    """One identity for the parts of one export: for each field, the first part (in the given order) that
    states it. Callers pass parts in their preference order (LinkedIn's Complete part first)."""
    found: dict[str, Identifier] = {}
    for part in parts:
        for f, v in part.identifiers().items():
            found.setdefault(f, v)
    return AccountIdentity(
        platform,
        name=found.get("name"),
        username=found.get("username"),
        account_id=found.get("account_id"),
        email=found.get("email"),
        profile_url=found.get("profile_url"),
        phone=found.get("phone"),
    )


def derive(platform: Platform, sources: Iterable[Source]) -> AccountIdentity:
    """The identity of one export (one or several parts), as its platform family reads it.

    Each family reads a few small profile files (LinkedIn ``Profile.csv``, ``Email Addresses.csv``...; Meta
    ``profile_information.json`` / ``personal_information.json``; WhatsApp ``user_information.json``); a
    file that cannot be read adds nothing. Cheap: it runs while planning, before any reader.
    """
    return merge_identities(platform.name, (platform.account(src) for src in sources))


class ExportRole(enum.StrEnum):
    """What a run did with one input (one part of one export)."""

    ANALYSED = "analysed"  # the export read and counted (the newest of its account); its first part
    PART = "part"  # a further part of an analysed export (LinkedIn Basic beside Complete, Meta part 2)
    COPY = "copy"  # the same export given twice (a zip and its unzipped folder, a Mac re-zip): counted once
    OLDER = "older"  # an older export of the same account: listed with its date, not counted


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One input part as the run classified it; ``Analysis.export_entries`` lists every one, in a stable
    order: each analysed export (in ``Analysis.exports`` order) with its parts and copies, followed by the
    older exports of the same account, newest first, each with its parts and copies.

    ``export``: which export the part belongs to. Parts with the same number are one export. For counted
    exports it is the index in ``Analysis.exports``; older exports get numbers after those.
    ``current``: the index in ``Analysis.exports`` of the analysed export of the same account (for an
    analysed part, its own ``export``): the one an older export would be compared with.
    ``path``: the input as a path a person can give again (a zip, a folder, a chat; an export found inside a
    folder input has its own path below it), so a comparison can read an older export on its own.
    """

    platform: str
    role: ExportRole
    path: str
    name: str
    export_date: date | None
    account: AccountIdentity
    export: int
    current: int

    @property
    def counted(self) -> bool:
        """True when its items are in the analysis (analysed and part); copies and older exports are not."""
        return self.role in (ExportRole.ANALYSED, ExportRole.PART)


# --- grouping inputs into exports ---------------------------------------------------------------------------


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
