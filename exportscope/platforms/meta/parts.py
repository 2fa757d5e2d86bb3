"""A part of a split Meta download read alone: photos and videos, none of the lists that say what they are.

Accounts Center splits a large download into several zips of one name up to the last dash
(``instagram-jdoe-2025-11-20-AAAA1111.zip`` and ``…-BBBB2222.zip``); one of them may hold only the media.
Media files are counted through the JSON files that list them (posts, stories, messages), so such a part on
its own shows no item at all, which looks like "nothing here" although the photos are there. The note says
it is a part, and which part is missing: the one with the JSON files.
"""

from __future__ import annotations

from collections.abc import Sequence

from exportscope.notes import Note
from exportscope.platforms.meta.media import MEDIA_SUFFIXES, file_name, file_suffix

_LISTS = (".json", ".html", ".htm")


def media_only_notes(label: str, paths: Sequence[str]) -> list[Note]:
    """The note for an export that holds media files and no JSON or HTML file (empty otherwise)."""
    if any(p.lower().endswith(_LISTS) for p in paths):
        return []
    media = sum(1 for p in paths if file_suffix(file_name(p)).lower() in MEDIA_SUFFIXES)
    if not media:
        return []
    return [Note.of("media_only_part", label=label, media=media)]
