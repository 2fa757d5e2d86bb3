"""Who a Facebook, Instagram or Threads export names (meta.md sections 4-7).

Other people: message participants, senders, reaction authors and thread titles; friends, friend requests,
followers and following (names, user names and profile links); people tagged in posts and photos. The
owner: the profile's full name and user name (Facebook ``profile_v2``, Instagram and Threads
``string_map_data`` ``Name``/``Username``), and the user name in the export zip's name
(:mod:`.meta.names`). Devices: the device models and ids listed in the account's device and login files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from exportscope.archive import Member
from exportscope.platforms.meta import names as path_names
from exportscope.platforms.meta.jsonread import fix_text, loads
from exportscope.platforms.people import People

#: Rules whose files list people (friends, followers, following, contacts) rather than the owner's content.
_PEOPLE_RULES = frozenset(
    {"facebook.friends", "facebook.follows", "instagram.follows", "instagram.contacts", "threads.follows"}
)
_MESSAGE_RULES = frozenset(
    {"facebook.messages", "instagram.messages", "facebook.messages_other", "instagram.messages_other"}
)
#: ``string_map_data`` labels whose value is another account (a liked or commented post's owner).
_OTHER_ACCOUNT_LABELS = frozenset({"media owner", "owner", "author", "username of the account"})
_OWNER_RULES = frozenset({"facebook.profile", "instagram.profile", "threads.profile", "instagram.account"})
#: Keys naming a person in message threads and people lists.
_NAME_KEYS = frozenset({"name", "full_name", "sender_name", "sendername", "actor", "author", "participants"})
_TITLE_KEYS = frozenset({"title", "threadname", "thread_name"})
_PROFILE_LINK = re.compile(r"(?:facebook\.com|instagram\.com|threads\.net)/(?:@)?([\w.]{3,})", re.I)
_NOT_HANDLES = frozenset({"profile.php", "groups", "pages", "events", "stories", "p", "reel", "explore"})
#: Profile fields that are the owner's name or user name.
_OWNER_NAME_KEYS = frozenset({"full_name"})
_OWNER_HANDLE_KEYS = frozenset({"username", "user name", "vanity"})
_DEVICE_KEY = re.compile(r"(?:^|[\s_])(?:model|device(?:_?id)?|device name|imei|serial)(?:$|[\s_])", re.I)
#: Files larger than this are not scanned for names (the media findings' limit).
_MAX_JSON = 64 * 1024 * 1024


def _walk(obj: Any, key: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(key, value, parent) for every scalar and every list under a key, depth first."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            k = k if k.isascii() else fix_text(str(k))
            if isinstance(v, dict | list):
                if isinstance(v, list):
                    yield k, v, obj
                yield from _walk(v, k)
            else:
                yield k, v, obj
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, key)


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _link_handle(found: People, value: str, owner: bool = False) -> None:
    for m in _PROFILE_LINK.finditer(value):
        if m[1].lower() not in _NOT_HANDLES:
            found.add_handle(m[1], owner=owner)


def _people_file(data: Any, found: People, messages: bool) -> None:
    for key, value, parent in _walk(data):
        k = key.lower()
        if k == "participants" and isinstance(value, list):
            for p in value:
                name = _text(p.get("name") if isinstance(p, dict) else p)
                found.add_name(name)
        elif isinstance(value, list):
            continue
        elif k in _NAME_KEYS and (text := _text(value)):
            found.add_name(text)
        elif messages and k in _TITLE_KEYS and (text := _text(value)):
            found.phrases.add(text)
        elif k == "value" and (text := _text(value)) and isinstance(parent, dict) and "href" in parent:
            found.add_handle(text)  # Instagram followers: {"href": ".../ben_sample", "value": "ben_sample"}
        elif k == "href" and isinstance(value, str):
            _link_handle(found, value)


def _thread(data: Any, found: People) -> None:
    """A message thread file (meta.md section 7): participants, title, senders and reaction authors, read
    by its known shape (a thread holds thousands of messages: no generic walk); other shapes are walked."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        _people_file(data, found, messages=True)
        return
    names: set[str] = set()
    for p in data.get("participants") or []:
        name = p.get("name") if isinstance(p, dict) else p
        if isinstance(name, str):
            names.add(name)
    for key in ("title", "threadName", "thread_name"):
        if (title := _text(data.get(key))) is not None:
            found.phrases.add(title)
    for msg in data["messages"]:
        if not isinstance(msg, dict):
            continue
        for key in ("sender_name", "senderName"):
            if isinstance(sender := msg.get(key), str):
                names.add(sender)
        for reaction in msg.get("reactions") or []:
            if isinstance(reaction, dict) and isinstance(actor := reaction.get("actor"), str):
                names.add(actor)
    for name in names:
        found.add_name(_text(name))


def _others(data: Any, found: People) -> None:
    """Other accounts named in the owner's activity (Instagram likes, saves and comments): profile links
    and the owner of a post, whatever the file."""
    for key, value, _parent in _walk(data):
        if key == "href" and isinstance(value, str):
            _link_handle(found, value)
    for label, field in _string_map(data):
        if label.lower() in _OTHER_ACCOUNT_LABELS and (text := _text(field.get("value"))):
            found.add_handle(text)


def _tags(data: Any, found: People) -> None:
    for key, value, _parent in _walk(data):
        if key.lower() == "tags" and isinstance(value, list):
            for tag in value:
                found.add_name(_text(tag.get("name") if isinstance(tag, dict) else tag))


def _owner(data: Any, found: People) -> None:
    """Facebook ``profile_v2.name.full_name`` and ``username``; Instagram and Threads ``Name``/``Username``.
    Other names in a profile (family members, schools, places) are not the owner's."""
    for key, value, _parent in _walk(data):
        k = key.lower()
        if isinstance(value, dict | list) or (text := _text(value)) is None:
            continue
        if k in _OWNER_NAME_KEYS:
            found.add_name(text, owner=True)
        elif k in _OWNER_HANDLE_KEYS:
            found.add_handle(text, owner=True)
        elif k == "name" and isinstance(_parent, dict) and "relation" in _parent:
            found.add_name(text)  # a family member listed in the profile
    for label, field in _string_map(data):
        low = label.lower()
        value = _text(field.get("value"))
        if low in ("name", "full name"):
            found.add_name(value, owner=True)
        elif low in ("username", "user name"):
            found.add_handle(value, owner=True)


def _string_map(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, value, _parent in _walk(data):
        if key == "string_map_data" and isinstance(value, dict):
            for label, field in value.items():
                if isinstance(field, dict):
                    yield fix_text(str(label)), field
    if isinstance(data, dict | list):
        for node in data if isinstance(data, list) else data.values():
            if isinstance(node, dict | list):
                for entry in node if isinstance(node, list) else [node]:
                    if isinstance(entry, dict) and isinstance(entry.get("string_map_data"), dict):
                        for label, field in entry["string_map_data"].items():
                            if isinstance(field, dict):
                                yield fix_text(str(label)), field


def _devices(data: Any, found: People) -> None:
    for key, value, _parent in _walk(data):
        if _DEVICE_KEY.search(key) and (text := _text(value)) and not isinstance(value, list):
            found.devices.add(text)
    for label, field in _string_map(data):
        if _DEVICE_KEY.search(label) and (text := _text(field.get("value"))):
            found.devices.add(text)


def people(members: Sequence[tuple[Member, str | None]]) -> People:
    found = People()
    for member, rule in members:
        if member.suffix != ".json" or member.size > _MAX_JSON or rule is None:
            continue
        low = member.path.lower()
        devices = "device" in low or "login" in low or "security" in low
        known = rule in _MESSAGE_RULES or rule in _PEOPLE_RULES or rule in _OWNER_RULES
        try:
            raw = member.read_bytes()
            tags = rule not in _MESSAGE_RULES and b'"tags"' in raw
            others = rule not in _MESSAGE_RULES and (b"instagram.com/" in raw or b"Owner" in raw)
            if not (known or devices or tags or others):
                continue  # names no one: not parsed at all (most of a big export)
            data = loads(raw)
        except (OSError, ValueError):
            continue  # a file that failed the analysis fails here too; its ledger line says why
        if rule in _MESSAGE_RULES:
            _thread(data, found)
        elif rule in _PEOPLE_RULES:
            _people_file(data, found, messages=False)
        elif rule in _OWNER_RULES:
            _owner(data, found)
        if devices:
            _devices(data, found)
        if tags:
            _tags(data, found)
        if others:
            _others(data, found)
    owner = {n.casefold() for n in found.owner_names}
    found.names = {n for n in found.names if n.casefold() not in owner}
    own_handles = {h.casefold() for h in found.owner_handles}
    found.handles = {h for h in found.handles if h.casefold() not in own_handles}
    return found


# --- the paths (exportscope.platforms.people's optional hooks) ------------------------------------------

#: Thread folders of every era and export-zip user names (:mod:`.names`).
mask_segments = path_names.mask_segments
#: The owner's user name in an export zip's name (``facebook-<user>-<date>-<id>.zip``).
owner_handle = path_names.export_user
#: Meta's products that are no one's name (never masked alone inside a person's name).
NOT_NAME_WORDS = frozenset({"meta", "messenger"})
