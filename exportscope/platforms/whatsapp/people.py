"""Who a WhatsApp export names: chat titles, the senders of every chat, and from the account report the
account's own name, its contacts' names, its groups and its device.

The owner of a chat export is the sender :func:`~exportscope.platforms.whatsapp.read.owner` infers (the one
who deleted a message, the one writing to Meta AI); the account report's ``name`` is the owner too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from exportscope.archive import Member
from exportscope.platforms.people import People
from exportscope.platforms.whatsapp import names
from exportscope.platforms.whatsapp.chat import ChatParser
from exportscope.platforms.whatsapp.read import META_AI, _Chat, chat_name, owner
from exportscope.textio import bounded_lines, open_text

#: Keys of the account report whose value is a device model or id (masked wherever it appears).
_DEVICE_VALUE = re.compile(r"model|device_id|(?:^|_)imei|serial", re.I)
#: A single report file larger than this is not read (the reader's own limit).
_MAX_JSON = 256 * 1024 * 1024


def _leaves(obj: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, str(k))
    elif isinstance(obj, list):
        for v in obj:
            yield from _leaves(v, key)
    else:
        yield key, obj


def _chat(member: Member, found: People) -> None:
    name = chat_name(member)
    if name.casefold() != META_AI:
        found.phrases.add(name)
    parser = ChatParser()
    with member.open() as raw:
        text, _dialect = open_text(raw)
        for _ in parser.parse(bounded_lines(text)):
            pass
    senders = {s for s in parser.senders if s and s.casefold() != META_AI}
    is_ai = name.casefold() == META_AI
    who, _why = owner(_Chat(name=name, meta_ai="name" if is_ai else None), parser)
    for sender in senders:
        found.add_name(sender, owner=sender == who)


def _report(member: Member, found: People) -> None:
    import orjson

    try:
        data = orjson.loads(member.read_bytes(_MAX_JSON))
    except (orjson.JSONDecodeError, ValueError, OSError):
        return
    low = member.path.lower()
    for key, value in _leaves(data):
        if not isinstance(value, str) or not value.strip():
            continue
        k = key.lower()
        if "user_information" in low and k in ("name", "push_name", "display_name"):
            found.add_name(value, owner=True)
        elif "groups" in low and k in ("name", "subject", "title"):
            found.phrases.add(value.strip())
        elif "contacts" in low and k in ("name", "display_name", "contact_name"):
            found.add_name(value)
        elif _DEVICE_VALUE.search(k):
            found.devices.add(value.strip())


def people(members: Sequence[tuple[Member, str | None]]) -> People:
    found = People()
    for member, rule in members:
        try:
            if rule == "whatsapp.chat":
                _chat(member, found)
            elif rule is not None and rule.startswith("whatsapp.report.") and member.suffix == ".json":
                _report(member, found)
        except (OSError, ValueError):
            continue  # a member that failed the analysis fails here too; its ledger line says why
    return found


# --- the paths (exportscope.platforms.people's optional hooks) ------------------------------------------

#: The contact or group name of a chat export's file or zip name, in every language (:mod:`.names`).
chat_title = names.chat_title_name


def mask_segments(parts: list[str], thread_token: str, name_token: str, owner: bool = True) -> list[str]:
    """Path segments with every chat title's name masked (``WhatsApp Chat with [name].txt``)."""
    return [names.mask_segment(p, name_token) for p in parts]


#: Chat names that are no person (the AI assistant): they stay readable.
NOT_PEOPLE = names.NOT_PEOPLE
