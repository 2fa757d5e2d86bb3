"""Who an export is of: each platform family's account identity, read from its few small profile files.

Why here and not in the readers: the identity is needed while *planning* (to tell parts, copies, older
exports and other people's exports apart) before any reader runs, and it must be cheap. So these functions
read at most a few small members, never fail (a damaged file adds nothing) and return an
:class:`~exportscope.identity.AccountIdentity` whose every value says which member stated it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from exportscope.archive import Member, MemberError, Source
from exportscope.identity import FROM_FILE_NAME, AccountIdentity, Identifier
from exportscope.textio import decode, header_key

#: Profile files are small; a bigger one is not read for the identity (its reader still reads it).
MAX_IDENTITY_BYTES = 4 * 1024 * 1024


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _ident(value: Any, source: str) -> Identifier | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    return Identifier(_nfc(value), source)


def _by_name(source: Source, *names: str) -> list[Member]:
    """Members whose file name (lower-cased, spaces and ``_`` dropped) is one of ``names``, shortest path
    first (the export's own file, not a copy in a subfolder)."""
    wanted = set(names)
    found = [m for m in source.members if re.sub(r"[\s_\-]+", "", m.name.lower()) in wanted]
    return sorted(found, key=lambda m: (m.path.count("/"), m.path))


def _read(member: Member) -> bytes | None:
    if member.size > MAX_IDENTITY_BYTES or member.encrypted:
        return None
    try:
        return member.read_bytes(MAX_IDENTITY_BYTES)
    except (MemberError, OSError, ValueError):
        return None


def _csv_rows(member: Member) -> list[dict[str, str]]:
    """A small CSV as dicts keyed by :func:`header_key`; the LinkedIn ``Notes:`` preamble is skipped."""
    data = _read(member)
    if data is None:
        return []
    text, dialect = decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=dialect.delimiter))
    except csv.Error:
        return []
    for i, row in enumerate(rows[:20]):
        if len([c for c in row if c.strip()]) >= 2:
            header = [header_key(c.strip().strip('"')) for c in row]
            return [dict(zip(header, (c.strip() for c in r), strict=False)) for r in rows[i + 1 :] if any(r)]
    return []


# --- LinkedIn -----------------------------------------------------------------------------------------------


def linkedin_account(source: Source) -> AccountIdentity:
    """LinkedIn: the name in ``Profile.csv``, the primary e-mail of ``Email Addresses.csv``, the first
    number of ``PhoneNumbers.csv``. LinkedIn exports state no account id or profile URL of the member."""
    name = email = phone = None
    for m in _by_name(source, "profile.csv")[:1]:
        rows = _csv_rows(m)
        if rows:
            first, last = rows[0].get("firstname", ""), rows[0].get("lastname", "")
            name = _ident(f"{first} {last}".strip(), m.path)
    for m in _by_name(source, "emailaddresses.csv")[:1]:
        rows = [r for r in _csv_rows(m) if "@" in r.get("emailaddress", "")]
        primary = [r for r in rows if r.get("primary", "").lower() in ("yes", "true")]
        if rows:
            email = _ident((primary or rows)[0]["emailaddress"], m.path)
    for m in _by_name(source, "phonenumbers.csv")[:1]:
        numbers = [r.get("number", "") for r in _csv_rows(m) if re.search(r"\d{5}", r.get("number", ""))]
        if numbers:
            phone = _ident(numbers[0], m.path)
    return AccountIdentity("linkedin", name=name, email=email, phone=phone)


# --- Meta ---------------------------------------------------------------------------------------------------


def _json(member: Member) -> Any:
    from exportscope.platforms.meta.jsonread import loads

    data = _read(member)
    if data is None:
        return None
    try:
        return loads(data)
    except Exception:  # a damaged profile file adds nothing to the identity; its reader says why
        return None


def _first_value(node: Any, *keys: str) -> Any:
    for key in keys:
        if isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return None
    return node


def _meta_name_user(name: str) -> tuple[str, str | None] | None:
    from exportscope.platforms.meta import parse_export_name

    parsed = parse_export_name(name)
    return (parsed[0], parsed[1]) if parsed else None


def _user_from_file_name(source: Source) -> tuple[Identifier | None, Identifier | None]:
    """(username, account id) from ``facebook-<user>-<date>-<rand>.zip``: ``<user>`` is the username, or
    the numeric id when the account has none (meta.md, section 1)."""
    parsed = _meta_name_user(source.name)
    if parsed is None:
        return None, None
    user = parsed[0]
    if user.isdigit():
        return None, Identifier(user, FROM_FILE_NAME)
    return Identifier(user, FROM_FILE_NAME), None


def facebook_account(source: Source) -> AccountIdentity:
    """Facebook: ``profile_v2`` of ``profile_information.json`` (name, username, e-mails, phones, profile
    URI), else the user in the file name."""
    from exportscope.platforms.meta.jsonread import section

    name = username = email = phone = url = None
    for m in _by_name(source, "profileinformation.json")[:1]:
        profile = section(_json(m), "profile")
        if not isinstance(profile, dict):
            continue
        name = _ident(_first_value(profile, "name", "full_name"), m.path)
        username = _ident(profile.get("username"), m.path)
        emails = _first_value(profile, "emails", "emails")
        if isinstance(emails, list) and emails:
            email = _ident(emails[0], m.path)
        phones = profile.get("phone_numbers")
        if isinstance(phones, list) and phones and isinstance(phones[0], dict):
            phone = _ident(phones[0].get("phone_number"), m.path)
        url = _ident(profile.get("profile_uri"), m.path)
    file_user, file_id = _user_from_file_name(source)
    return AccountIdentity(
        "facebook",
        name=name,
        username=username or file_user,
        account_id=file_id,
        email=email,
        profile_url=url,
        phone=phone,
    )


def _smd(data: Any) -> dict[str, Any]:
    """The ``string_map_data`` of Instagram's ``profile_user`` (or of the first entry found)."""
    from exportscope.platforms.meta.jsonread import entries

    for entry in entries(data):
        smd = entry.get("string_map_data") if isinstance(entry, dict) else None
        if isinstance(smd, dict):
            return smd
    return {}


def _smd_value(smd: dict[str, Any], *labels: str) -> Any:
    from exportscope.platforms.meta.jsonread import smd_field

    field = smd_field(smd, labels)
    return field.get("value") if field else None


def instagram_account(source: Source) -> AccountIdentity:
    """Instagram: ``personal_information.json`` (Username, Name, Email, Phone Number), else the user in the
    file name. Threads rides inside and shares the account."""
    name = username = email = phone = None
    for m in _by_name(source, "personalinformation.json")[:1]:
        smd = _smd(_json(m))
        name = _ident(_smd_value(smd, "Name"), m.path)
        username = _ident(_smd_value(smd, "Username"), m.path)
        email = _ident(_smd_value(smd, "Email", "Email address"), m.path)
        phone = _ident(_smd_value(smd, "Phone Number", "Phone number"), m.path)
    file_user, file_id = _user_from_file_name(source)
    return AccountIdentity(
        "instagram", name=name, username=username or file_user, account_id=file_id, email=email, phone=phone
    )


# --- WhatsApp -----------------------------------------------------------------------------------------------

_PHONE_KEY = re.compile(r"phone|number|msisdn|wa_id", re.I)
_NAME_KEY = re.compile(r"(^|_)(push_)?name$", re.I)


def _leaves(value: Any, prefix: str = "", depth: int = 0) -> Iterable[tuple[str, Any]]:
    if depth > 6:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{prefix}.{k}" if prefix else str(k), depth + 1)
    elif not isinstance(value, list):
        yield prefix, value


def whatsapp_account(source: Source) -> AccountIdentity:
    """WhatsApp: the account report's ``user_information.json`` (the phone number is the account). A chat
    export names no account: its identity is empty and every chat stays an export of its own."""
    import orjson

    name = phone = None
    found = _by_name(source, "userinformation.json", "registrationinformation.json", "registrationinfo.json")
    for m in sorted(found, key=lambda m: not m.name.lower().startswith("user")):
        data = _read(m)
        try:
            parsed = orjson.loads(data) if data is not None else None
        except orjson.JSONDecodeError:
            continue
        for key, value in _leaves(parsed):
            leaf = key.rsplit(".", 1)[-1]
            if phone is None and _PHONE_KEY.search(leaf) and re.search(r"\d{6}", str(value)):
                phone = _ident(str(value), m.path)
            elif name is None and _NAME_KEY.search(leaf):
                name = _ident(value, m.path)
    return AccountIdentity("whatsapp", name=name, phone=phone)
