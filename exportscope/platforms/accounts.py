"""What every family's account identity reader shares: finding and reading a few small profile files.

Why apart from the readers: the identity is needed while *planning* (to tell parts, copies, older exports and
other people's exports apart) before any reader runs, and it must be cheap. So each family's ``account``
module (``platforms/<family>/account.py``, called through :meth:`Platform.account
<exportscope.platforms.base.Platform.account>`) reads at most a few small members with these helpers, never
fails (a damaged file adds nothing) and returns an :class:`~exportscope.identity.AccountIdentity` whose every
value says which member stated it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from exportscope.archive import Member, MemberError, Source
from exportscope.identity import Identifier

#: Profile files are small; a bigger one is not read for the identity (its reader still reads it).
MAX_IDENTITY_BYTES = 4 * 1024 * 1024


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def ident(value: Any, source: str) -> Identifier | None:
    """An identifier stated by member ``source``: a non-empty string or a whole number, NFC-normalised."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    return Identifier(_nfc(value), source)


def by_name(source: Source, *names: str) -> list[Member]:
    """Members whose file name (lower-cased, spaces and ``_`` dropped) is one of ``names``, shortest path
    first (the export's own file, not a copy in a subfolder)."""
    wanted = set(names)
    found = [m for m in source.members if re.sub(r"[\s_\-]+", "", m.name.lower()) in wanted]
    return sorted(found, key=lambda m: (m.path.count("/"), m.path))


def read_small(member: Member) -> bytes | None:
    """The member's bytes, or None when it is too big, encrypted or unreadable."""
    if member.size > MAX_IDENTITY_BYTES or member.encrypted:
        return None
    try:
        return member.read_bytes(MAX_IDENTITY_BYTES)
    except (MemberError, OSError, ValueError):
        return None
