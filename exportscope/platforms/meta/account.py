"""Facebook's and Instagram's account identity: the profile file's name, user name and contacts, else the
user in the export's file name (Threads rides inside Instagram's export and shares its account)."""

from __future__ import annotations

from typing import Any

from exportscope.archive import Member, Source
from exportscope.identity import FROM_FILE_NAME, AccountIdentity, Identifier
from exportscope.platforms.accounts import by_name, ident, read_small


def _json(member: Member) -> Any:
    from exportscope.platforms.meta.jsonread import loads

    data = read_small(member)
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
    for m in by_name(source, "profileinformation.json")[:1]:
        profile = section(_json(m), "profile")
        if not isinstance(profile, dict):
            continue
        name = ident(_first_value(profile, "name", "full_name"), m.path)
        username = ident(profile.get("username"), m.path)
        emails = _first_value(profile, "emails", "emails")
        if isinstance(emails, list) and emails:
            email = ident(emails[0], m.path)
        phones = profile.get("phone_numbers")
        if isinstance(phones, list) and phones and isinstance(phones[0], dict):
            phone = ident(phones[0].get("phone_number"), m.path)
        url = ident(profile.get("profile_uri"), m.path)
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
    for m in by_name(source, "personalinformation.json")[:1]:
        smd = _smd(_json(m))
        name = ident(_smd_value(smd, "Name"), m.path)
        username = ident(_smd_value(smd, "Username"), m.path)
        email = ident(_smd_value(smd, "Email", "Email address"), m.path)
        phone = ident(_smd_value(smd, "Phone Number", "Phone number"), m.path)
    file_user, file_id = _user_from_file_name(source)
    return AccountIdentity(
        "instagram", name=name, username=username or file_user, account_id=file_id, email=email, phone=phone
    )
