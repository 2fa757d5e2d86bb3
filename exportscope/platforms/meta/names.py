"""Where Meta exports write people's names into paths: message-thread folders of every layout era and the
export's own file name. The one list ``--redact`` and ``doctor`` share.

A conversation folder is named after its title, lower-cased and stripped, plus an id (meta.md section 7):

- 2018-21 Facebook: ``messages/inbox/alicemartin_a1b2c3d4e5/`` (a ten-character letters-and-digits id);
- 2022 on, Facebook and Instagram: ``.../messages/inbox/bensample_1234567890/`` (a numeric id; Instagram's
  folders are ``<username>_<id>``); deleted accounts ``facebookuser_<id>``;
- the same under ``archived_threads``, ``filtered_threads``, ``message_requests``, ``e2ee_cutover`` and group
  chats under ``your_group_messages``.

The folder right under one of those is always masked, whatever its shape; elsewhere a segment is masked when
it has the shape of a thread folder, so a thread path seen out of context (an unrecognised file) is masked
too. The export's zip is named after the account (``facebook-jdoe-2025-11-20-AbCdEfGh.zip``): its user
name is the owner's handle.
"""

from __future__ import annotations

import re

#: Folders whose next segment is a conversation named after the people in it.
THREAD_FOLDERS: frozenset[str] = frozenset(
    {
        "inbox",
        "archived_threads",
        "filtered_threads",
        "message_requests",
        "e2ee_cutover",
        "your_group_messages",
        "secret_conversations",
    }
)

#: A thread folder seen anywhere: a slug, then a numeric id (2022 on) or a ten-character id holding a digit
#: (2018-21). Never a file (no suffix), never a slug made of digits only.
_THREAD_DIR = re.compile(r"^(?=[^./]*[^\W\d_])[^./]+_(?:\d{6,}|(?=[a-z\d]*\d)(?=[a-z\d]*[a-z])[a-z\d]{10})$", re.I)
#: The export zip's name: ``<facebook|instagram>-<user>-<date>-<id>`` (meta.md section 1).
_EXPORT_NAME = re.compile(
    r"^((?:facebook|instagram|meta)-)(.+?)(-\d{1,4}-\d{1,2}-\d{1,4}(?:-[A-Za-z0-9]+)?(?:\.zip)?)$", re.I
)


def is_thread_dir(segment: str) -> bool:
    return _THREAD_DIR.match(segment) is not None


def export_user(name: str) -> str | None:
    """The account's user name in an export zip's name, None when the name is not Meta's pattern."""
    m = _EXPORT_NAME.match(name)
    return m[2] if m else None


def mask_segments(parts: list[str], thread_token: str, name_token: str, owner: bool = True) -> list[str]:
    """Path segments with every conversation folder (and, unless ``owner`` is False, the owner's user name
    in an export zip's name) masked."""
    out = list(parts)
    for i, part in enumerate(parts):
        after_folder = i > 0 and parts[i - 1].lower() in THREAD_FOLDERS and i < len(parts) - 1
        if after_folder or is_thread_dir(part):
            out[i] = thread_token
        elif owner and (m := _EXPORT_NAME.match(part)):
            out[i] = f"{m[1]}{name_token}{m[3]}"
    return out
