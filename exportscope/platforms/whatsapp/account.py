"""WhatsApp's account identity: the account report's phone number and name (a chat export names none)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from exportscope.archive import Source
from exportscope.identity import AccountIdentity
from exportscope.platforms.accounts import by_name, ident, read_small

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
    found = by_name(source, "userinformation.json", "registrationinformation.json", "registrationinfo.json")
    for m in sorted(found, key=lambda m: not m.name.lower().startswith("user")):
        data = read_small(m)
        try:
            parsed = orjson.loads(data) if data is not None else None
        except orjson.JSONDecodeError:
            continue
        for key, value in _leaves(parsed):
            leaf = key.rsplit(".", 1)[-1]
            if phone is None and _PHONE_KEY.search(leaf) and re.search(r"\d{6}", str(value)):
                phone = ident(str(value), m.path)
            elif name is None and _NAME_KEY.search(leaf):
                name = ident(value, m.path)
    return AccountIdentity("whatsapp", name=name, phone=phone)
