"""Profile readers: Facebook's ``profile_v2`` sections and Instagram's / Threads' ``string_map_data`` profile.

One record per non-empty field (one per element for list fields such as work or education), with the
field as the rule variant so the rule file decides which fields are profile content and which are account
data. The readers also hand the overrides their facts: the birth date, and for Instagram and Threads
whether the account is private (``Private Account`` is the *string* ``"True"`` or ``"False"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Fact, Record
from exportscope.platforms.base import Output
from exportscope.platforms.meta.jsonread import clean, entries, epoch, join, record_time, section
from exportscope.platforms.meta.loading import load
from exportscope.platforms.meta.media import MetaContext
from exportscope.platforms.meta.mediacount import MediaCounter
from exportscope.rules import Rule

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def _scalars(node: Any, depth: int = 0) -> list[str]:
    """The readable strings of a profile value (a string, a dict of strings, a list of those)."""
    if depth > 4:
        return []
    if isinstance(node, str):
        return [v] if (v := clean(node)) else []
    if isinstance(node, dict):
        out: list[str] = []
        for key, value in node.items():
            if key.endswith("timestamp") or key in ("uri", "href", "verified", "graduated"):
                continue
            out.extend(_scalars(value, depth + 1))
        return out
    if isinstance(node, list):
        return [s for v in node for s in _scalars(v, depth + 1)]
    return []


def birthday_fact(value: Any, source: str) -> Fact | None:
    """Facebook's ``{"year","month","day"}`` birthday as a fact (a date, or ``Mar 7`` without a year)."""
    if not isinstance(value, dict):
        return None
    y, m, d = value.get("year"), value.get("month"), value.get("day")
    if not (isinstance(m, int) and isinstance(d, int) and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    if isinstance(y, int) and y > 0:
        try:
            return Fact("birth_date", date(y, m, d), source)
        except ValueError:
            return None
    return Fact("birth_date", f"{_MONTH_ABBR[m - 1]} {d}", source)


def read_fb_profile(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """``profile_v2`` (or the bare ``profile`` of 2018-20): one record per field or list element."""
    for member in members:
        data = load(member)
        profile = section(data, "profile")
        if not isinstance(profile, dict):
            profile = data if isinstance(data, dict) else {}
        row = 0
        for key, value in profile.items():
            variant = slug(key)
            if variant == "birthday":
                fact = birthday_fact(value, member.path)
                if fact is not None:
                    row += 1
                    shown = fact.value.isoformat() if isinstance(fact.value, date) else str(fact.value)
                    yield Record(text=shown, variant=variant, row=row, source=member.path)
                    yield fact
                continue
            if variant == "name" and isinstance(value, dict):
                value = clean(value.get("full_name")) or join(_scalars(value))
            if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
                value = [x for v in value.values() for x in v]  # emails: {"emails": [...], "previous_emails": [...]}
            elements = value if isinstance(value, list) else [value]
            for el in elements:
                text: str | None = join(_scalars(el))
                when = record_time(el) if isinstance(el, dict) else None
                if variant.endswith("timestamp"):
                    when, text = epoch(el), None
                if text is None and when is None:
                    continue
                row += 1
                yield Record(text=text, timestamp=when, variant=variant, row=row, source=member.path)


#: Canonical Instagram/Threads profile fields and their localized labels (meta.md, section 3).
PROFILE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Naam", "Nom", "Nombre", "Nome"),
    "username": ("Username", "Gebruikersnaam", "Nom d'utilisateur", "Nombre de usuario", "Benutzername"),
    "bio": ("Bio", "Biografie", "Biographie", "Biografía", "Biografia"),
    "email": ("Email", "E-mail", "Email address", "E-mailadres", "E-Mail-Adresse", "Adresse e-mail"),
    "phone_number": ("Phone Number", "Phone number", "Telefoonnummer", "Telefonnummer", "Numéro de téléphone"),
    "gender": ("Gender", "Geslacht", "Genre", "Geschlecht", "Género"),
    "date_of_birth": ("Date of birth", "Date of Birth", "Birthday", "Geboortedatum", "Date de naissance",
                      "Geburtsdatum", "Fecha de nacimiento"),
    "private_account": ("Private Account", "Privéaccount", "Privé-account", "Compte privé", "Privates Konto",
                        "Cuenta privada"),
    "website": ("Website", "Links", "Site web"),
}  # fmt: skip
_LABEL_TO_FIELD = {label.lower(): name for name, labels in PROFILE_FIELDS.items() for label in labels}
_BOOL = {"true": True, "false": False, "waar": True, "onwaar": False, "vrai": True, "faux": False}


def _canonical(label: str, value: str | None) -> str:
    name = _LABEL_TO_FIELD.get(label.strip().lower())
    if name:
        return name
    # Shape fallback: a True/False value under a label about privacy is the private-account flag.
    if value is not None and value.lower() in _BOOL and "priv" in label.lower():
        return "private_account"
    return slug(label)


def _ig_birth(field: dict[str, Any], source: str) -> Fact | None:
    value = clean(field.get("value"))
    if value:
        parsed = dates.parse_birth_date(value)
        if parsed is None and (iso := dates.parse(value, ("ISO",))):
            parsed = (iso.year, iso.month, iso.day)
        if parsed is not None and parsed[0] is not None:
            return Fact("birth_date", date(parsed[0], parsed[1], parsed[2]), source)
        return Fact("birth_date", value, source) if parsed is not None else None
    when = epoch(field.get("timestamp"))
    return Fact("birth_date", when.date(), source) if when else None


def read_ig_profile(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Instagram ``profile_user`` / Threads ``text_post_app_text_post_app_profile``: one record per field."""
    for member in members:
        counter = MediaCounter(ctx, member)
        row = 0
        for entry in entries(load(member)):
            if not isinstance(entry, dict):
                continue
            smd = entry.get("string_map_data")
            for label, field in (smd or {}).items() if isinstance(smd, dict) else ():
                if not isinstance(field, dict):
                    continue
                value = clean(field.get("value"))
                variant = _canonical(label, value)
                if variant == "private_account" and value is not None and value.lower() in _BOOL:
                    yield Fact("account_private", _BOOL[value.lower()], member.path)
                elif variant == "date_of_birth" and (fact := _ig_birth(field, member.path)):
                    yield fact
                elif variant == "username" and value:
                    yield Fact("username", value, member.path)
                when = epoch(field.get("timestamp"))
                if value is None and field.get("href"):
                    value = clean(field.get("href"))
                if value is None:
                    continue
                if variant == "private_account":
                    # A bare "True" tells no one what it answers: keep the export's own label with it.
                    value = f"{label.strip()}: {value}"
                row += 1
                yield Record(text=value, timestamp=when, variant=variant, row=row, source=member.path)
            photos = entry.get("media_map_data")
            if isinstance(photos, dict):
                for medium in photos.values():
                    row += 1
                    yield from counter.records([medium], row, variant="profile_photo")
        yield from counter.problems()
