"""Who one export is of, as far as the export says: :class:`AccountIdentity`, each value with where it was read.

Why a module of its own: the identity is a value that travels (into the plan, the summary, a comparison of two
exports) and is derived once per export by its platform family (``Platform.account``); merging the parts'
identities is part of the value, deciding whether two are one account is not (:mod:`.compare`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exportscope.archive import Source
    from exportscope.platforms.base import Platform


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
