"""The names WhatsApp gives chat exports, in every language we know: the one list the reader (to find the
chat's name), ``--redact`` and ``doctor`` (to mask it) share.

A chat export is named after the contact or the group (``WhatsApp Chat with Alice.txt``,
``Discussion WhatsApp avec Bruno.txt``), so the file name, the zip that holds an iOS ``_chat.txt`` and every
path below them carry a person's name. Which translations WhatsApp really writes is uncertain
(shared/reference/whatsapp.md section 1): the list errs towards more, because a prefix missing here is a
name printed in a shared report.
"""

from __future__ import annotations

import re

#: Chat-export title prefixes, each with the separator that precedes the chat's name. English, German,
#: Spanish, French (two spellings), Portuguese, Italian, Dutch, then languages reported by users.
CHAT_TITLE_PREFIXES: tuple[str, ...] = (
    "WhatsApp Chat with ",
    "WhatsApp Chat - ",
    "WhatsApp-Chat mit ",
    "Chat de WhatsApp con ",
    "Discussion WhatsApp avec ",
    "Chat WhatsApp avec ",
    "Conversa do WhatsApp com ",
    "Conversa no WhatsApp com ",
    "Chat WhatsApp con ",
    "WhatsApp-chat met ",
    "WhatsApp-chatt med ",
    "WhatsApp-chat med ",
    "Czat WhatsApp z ",
    "Chat WhatsApp dengan ",
    "WhatsApp Sohbeti - ",
    "Чат WhatsApp с ",
)

#: The prefixes as one regular-expression alternation (longest first, so no prefix hides a longer one).
CHAT_PREFIXES = "(?:" + "|".join(re.escape(p) for p in sorted(CHAT_TITLE_PREFIXES, key=len, reverse=True)) + ")"

#: A path segment that is a chat title: prefix, the name, an optional `` (1)`` copy number and suffix.
_TITLE = re.compile(r"^(" + CHAT_PREFIXES + r"\s*)(.+?)((?: \(\d+\))?(?:\.txt|\.zip)?)$", re.I)


def chat_title_name(segment: str) -> str | None:
    """The contact or group name in a chat-export file or zip name, None when it is not one."""
    m = _TITLE.match(segment)
    return m[2].strip() if m else None


#: Chat names that are not people (WhatsApp's AI assistant): they stay readable.
NOT_PEOPLE = frozenset({"meta ai"})


def mask_segment(segment: str, token: str) -> str:
    """A path segment with the chat's name replaced by ``token``; other segments unchanged."""
    m = _TITLE.match(segment)
    if m is None or m[2].strip().casefold() in NOT_PEOPLE:
        return segment
    return f"{m[1]}{token}{m[3]}"
