"""Who an X (Twitter) export names, for ``--redact`` (:mod:`exportscope.platforms.people`).

The owner: ``account.js`` (``username``, ``accountDisplayName``, ``email``, ``accountId``) and every former
handle in ``screen-name-change.js``. Other people: the accounts mentioned in posts (``user_mentions``:
``screen_name`` and ``name``). Followers, following and message partners are listed by numeric id and
profile link only, which the link and number masking already covers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from exportscope.archive import Member
from exportscope.platforms.people import People
from exportscope.platforms.x import ytd

#: Files read for names (by their name key): the account, its handle changes, and the posts' mentions.
_OWNER_FILES = ("account", "screen-name-change")
_MENTION_FILES = ("tweets", "tweet", "community-tweet", "deleted-tweets", "note-tweet", "like")


def _walk(obj: Any, key: str = "") -> Iterator[tuple[str, Any, Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, dict | list):
                yield from _walk(v, str(k))
            else:
                yield str(k), v, obj
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, key)


def _owner(data: Any, found: People) -> None:
    for key, value, _parent in _walk(data):
        if not isinstance(value, str) or not value.strip():
            continue
        if key in ("username", "changedFrom", "changedTo", "screenName"):
            found.add_handle(value, owner=True)
        elif key == "accountDisplayName":
            found.add_name(value, owner=True)
        elif key in ("email", "accountId", "phoneNumber"):
            found.identifiers.add(value.strip())


def _mentions(data: Any, found: People) -> None:
    for key, value, parent in _walk(data):
        if isinstance(value, str) and "screen_name" in parent:
            if key == "screen_name":
                found.add_handle(value)
            elif key == "name":
                found.add_name(value)


def people(members: Sequence[tuple[Member, str | None]]) -> People:
    found = People()
    for member, _rule in members:
        if member.suffix != ".js":
            continue
        key = ytd.name_key(member.path)
        owner, mentions = key in _OWNER_FILES, key in _MENTION_FILES
        if not (owner or mentions):
            continue
        try:
            data = ytd.read_member(member)
        except (OSError, ValueError):
            continue  # a file that failed the analysis fails here too; its ledger line says why
        if owner:
            _owner(data, found)
        else:
            _mentions(data, found)
    own = {h.casefold() for h in found.owner_handles}
    found.handles = {h for h in found.handles if h.casefold() not in own}
    return found
