"""Who an export names, and where its paths carry names: each platform family's answer, behind one interface.

``--redact`` masks every person the export knows and ``doctor`` masks every path that names one; both ask
here so the two can never disagree. Each family answers in its own ``people`` module
(``platforms/<family>/people.py``), found by the registry, never listed here:

- ``people(members)`` (required): the :class:`People` its files name, from the members of one export with
  the rule id each was read with (connections, invitations, senders, participants, friends, tagged and
  mentioned people, chat titles...);
- ``mask_segments(parts, thread_token, name_token, owner)`` (optional): the path segments with those that
  name a person masked (Meta thread folders of every era and export-zip user names, WhatsApp chat titles);
- ``chat_title(segment)`` (optional): the person or group a path segment names (a WhatsApp chat title);
- ``owner_handle(input_name)`` (optional): the owner's user name in an input's file name (Meta's zips);
- ``NOT_PEOPLE`` (optional): chat names that are no person (WhatsApp's AI assistant), kept readable;
- ``NOT_NAME_WORDS`` (optional): product names never masked alone inside a person's name (Messenger),
  beside the platforms' own names and labels, which the registry gives.

Scanning re-opens the analysed inputs (as the media findings do) and reads only the files that name people,
so the reading pipeline stays as it is and nothing is scanned unless a redacted output is asked for.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, cast

from exportscope.archive import Member

if TYPE_CHECKING:
    from exportscope.identity import AccountIdentity
    from exportscope.types import Analysis


@dataclass
class People:
    """Names and identifiers an export holds. ``names`` are people (masked whole and word by word),
    ``phrases`` are chat and group titles (masked whole only: "Sunday riders" is not two names)."""

    names: set[str] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)
    owner_names: set[str] = field(default_factory=set)
    owner_handles: set[str] = field(default_factory=set)
    #: Device models, makes and ids the account data lists (masked wherever they appear).
    devices: set[str] = field(default_factory=set)
    #: The owner's contact identifiers (e-mail, phone, profile URL, account id): masked even with keep_owner.
    identifiers: set[str] = field(default_factory=set)

    def update(self, other: People) -> None:
        self.names |= other.names
        self.phrases |= other.phrases
        self.handles |= other.handles
        self.owner_names |= other.owner_names
        self.owner_handles |= other.owner_handles
        self.devices |= other.devices
        self.identifiers |= other.identifiers

    def add_name(self, value: str | None, owner: bool = False) -> None:
        name = " ".join((value or "").split())
        if len(name) >= 2 and any(ch.isalpha() for ch in name):
            (self.owner_names if owner else self.names).add(name)

    def add_handle(self, value: str | None, owner: bool = False) -> None:
        handle = (value or "").strip().lstrip("@").strip("/")
        if len(handle) >= 3 and " " not in handle:
            (self.owner_handles if owner else self.handles).add(handle)


#: A family's scanner: the members of one export with the rule id each was read with (None: not recognised).
Scanner = Callable[[Sequence[tuple[Member, str | None]]], People]


@functools.cache
def _modules() -> dict[str, ModuleType]:
    """Family name -> its ``people`` module, for every family that has one (in the registry's order)."""
    from exportscope import platforms

    out: dict[str, ModuleType] = {}
    for family in platforms.families():
        name = f"{platforms.__name__}.{family}.people"
        if importlib.util.find_spec(name) is not None:
            out[family] = importlib.import_module(name)
    return out


def _hooks(name: str) -> list[Callable[..., object]]:
    """Every family's ``people`` module function called ``name``, where it has one."""
    return [hook for module in _modules().values() if callable(hook := getattr(module, name, None))]


@functools.cache
def not_people() -> frozenset[str]:
    """Chat and contact names (case-folded) that name no person, from every family's ``NOT_PEOPLE``."""
    return frozenset(n.casefold() for m in _modules().values() for n in getattr(m, "NOT_PEOPLE", ()))


@functools.cache
def not_name_words() -> frozenset[str]:
    """Words (case-folded) never masked alone inside a name: every platform's name, label and family label
    (the platforms of every rule too: Threads is Instagram's), and every family's ``NOT_NAME_WORDS``."""
    import re

    from exportscope.platforms import all_platforms

    texts = [w for p in all_platforms() for w in (p.name, p.label, p.family_label)]
    texts += [r.platform for p in all_platforms() for r in p.ruleset.rules]
    words = {w.casefold() for text in texts for w in re.findall(r"[^\W\d_]+", text)}
    words |= {w.casefold() for m in _modules().values() for w in getattr(m, "NOT_NAME_WORDS", ())}
    return frozenset(words)


def scanner(platform: str) -> Scanner | None:
    """The ``people`` function of the family that provides ``platform``, None when it has none."""
    from exportscope.platforms import family_of

    module = _modules().get(family_of(platform) or "")
    scan: Scanner | None = getattr(module, "people", None) if module is not None else None
    return scan


def people_of(analysis: Analysis) -> People:
    """Every person and identifier the analysed exports name (their files are opened again, read-only)."""
    from exportscope.findings.media import reopened

    rules = {(e.platform, e.path): e.rule for e in analysis.ledger}
    found = People()
    for export in analysis.exports:
        scan = scanner(export.platform.name)
        if scan is None:
            continue
        platforms = {export.platform.name, *(r.platform for r in export.platform.ruleset.rules)}
        with reopened(export.sources) as members:
            pairs = [(m, next((rules[(p, m.path)] for p in platforms if (p, m.path) in rules), None)) for m in members]
            found.update(scan(pairs))
        for source in export.sources:
            for owner_handle in _hooks("owner_handle"):
                if isinstance(user := owner_handle(source.path.name), str):
                    found.add_handle(user, owner=True)
        owner_identity(found, export.account)
    for entry in getattr(analysis, "export_entries", ()):  # older exports and copies name the owner too
        owner_identity(found, entry.account)
    # The owner appears among other people too (a sender, a participant): with --keep-owner they stay theirs.
    owner_names = {n.casefold() for n in found.owner_names}
    owner_handles = {h.casefold() for h in found.owner_handles}
    found.names = {n for n in found.names if n.casefold() not in owner_names}
    found.handles = {h for h in found.handles if h.casefold() not in owner_handles}
    return found


def owner_identity(found: People, account: AccountIdentity | None) -> None:
    """The account owner's identifiers as :mod:`exportscope.identity` read them (issue 12): the name and
    user name are masked unless ``--keep-owner``; e-mail, phone and profile URL are masked always (they are
    masked by their own detectors, and named here so a spelling the detectors miss goes too)."""
    if account is None:
        return
    if account.name is not None:
        found.add_name(account.name.value, owner=True)
    if account.username is not None:
        found.add_handle(account.username.value, owner=True)
    for ident in (account.email, account.phone, account.profile_url, account.account_id):
        if ident is not None:
            found.identifiers.add(ident.value)


# --- paths ---------------------------------------------------------------------------------------------


def mask_path(path: str, thread_token: str, name_token: str, owner: bool = True) -> str:
    """A path with every segment that names a person masked, by every family's ``mask_segments`` (one list
    for ``--redact`` and ``doctor``): Meta thread folders of every era and export-zip user names (the
    owner's: ``owner=False`` keeps them, for ``--keep-owner``), WhatsApp chat titles in every language. The
    structure (how many segments, the file names) stays."""
    parts = path.split("/")
    for mask in _hooks("mask_segments"):
        parts = cast(list[str], mask(parts, thread_token, name_token, owner))
    return "/".join(parts)


def chat_titles(paths: Iterable[str]) -> set[str]:
    """The contact and group names in chat-export names, from every segment of the given paths."""
    hooks = _hooks("chat_title")
    out: set[str] = set()
    for path in paths:
        for part in path.replace("\\", "/").split("/"):
            for title in hooks:
                if isinstance(name := title(part), str):
                    out.add(name)
    return out
