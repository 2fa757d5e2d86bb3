"""Who an export names, and where its paths carry names: each platform family's answer, behind one interface.

``--redact`` masks every person the export knows and ``doctor`` masks every path that names one; both ask
here so the two can never disagree. Each family knows its own files:

- :mod:`.linkedin.people`: connections, invitations, message senders and recipients, recommendation and
  endorsement authors, followed members, imported contacts, and the owner's profile;
- :mod:`.meta.people`: message participants, senders and titles, friends, followers and following, tagged
  people, and the owner's name and user names (:mod:`.meta.names` for thread folders of every era);
- :mod:`.whatsapp.people`: chat titles (:mod:`.whatsapp.names`, every language), senders, the account name
  and group names.

Scanning re-opens the analysed inputs (as the media findings do) and reads only the files that name people,
so the reading pipeline stays as it is and nothing is scanned unless a redacted output is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exportscope.archive import Member
from exportscope.platforms.meta import names as meta_names
from exportscope.platforms.whatsapp import names as whatsapp_names

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

#: Platform name -> module of the family that knows its files.
_FAMILY_OF = {
    "linkedin": "linkedin.people",
    "facebook": "meta.people",
    "instagram": "meta.people",
    "whatsapp": "whatsapp.people",
    "x": "x.people",
}


def scanner(platform: str) -> Scanner | None:
    module = _FAMILY_OF.get(platform)
    if module is None:
        return None
    scan: Scanner = importlib.import_module(f"exportscope.platforms.{module}").people
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
            if user := meta_names.export_user(source.path.name):
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
    """A path with every segment that names a person masked, by every family's rules (one list for
    ``--redact`` and ``doctor``): Meta thread folders of every era and export-zip user names (the owner's:
    ``owner=False`` keeps them, for ``--keep-owner``), WhatsApp chat titles in every language. The structure
    (how many segments, the file names) stays."""
    parts = path.split("/")
    parts = meta_names.mask_segments(parts, thread_token, name_token, owner)
    parts = [whatsapp_names.mask_segment(p, name_token) for p in parts]
    return "/".join(parts)


def chat_titles(paths: Iterable[str]) -> set[str]:
    """The contact and group names in chat-export names, from every segment of the given paths."""
    out: set[str] = set()
    for path in paths:
        for part in path.replace("\\", "/").split("/"):
            if (name := whatsapp_names.chat_title_name(part)) is not None:
                out.add(name)
    return out
