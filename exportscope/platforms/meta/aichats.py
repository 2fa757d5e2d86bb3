"""Meta AI conversations (``ai_chats``): one record per turn when the turns are nested, else one per
conversation.

Why apart from :mod:`.messages`: these files are no message threads but label/value entries (meta.md), read
with the generic helpers; only the kind of item (a conversation with Meta AI) is shared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from exportscope.archive import Member
from exportscope.model import Record
from exportscope.platforms.base import Output
from exportscope.platforms.meta.jsonread import (
    as_list,
    clean,
    entries,
    epoch,
    join,
    label_values,
    record_time,
    values_text,
)
from exportscope.platforms.meta.loading import load
from exportscope.platforms.meta.media import MetaContext
from exportscope.rules import Rule

_AI_TEXT_LABELS = {"message", "text", "content", "prompt", "response", "bericht", "nachricht", "mensaje"}


def _ai_turns(entry: dict[str, Any]) -> list[tuple[str | None, datetime | None]]:
    """The turns of one Meta AI conversation: nested ``dict`` groups of its label_values, each a message."""
    turns: list[tuple[str | None, datetime | None]] = []
    for top in as_list(entry.get("label_values")):
        if not isinstance(top, dict) or not isinstance(top.get("dict"), list):
            continue
        for child in top["dict"]:
            group = child.get("dict") if isinstance(child, dict) else None
            if not isinstance(group, list):
                continue
            texts: list[str] = []
            fallback: list[str] = []
            when: datetime | None = None
            for label, field in label_values(group):
                if "timestamp_value" in field and when is None:
                    when = epoch(field["timestamp_value"])
                value = clean(field.get("value"))
                if value is None:
                    continue
                (texts if label.lower() in _AI_TEXT_LABELS else fallback).append(value)
            text = join(texts) or (max(fallback, key=len) if fallback else None)
            turns.append((text, when))
    return turns


def read_ai_chats(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Meta AI conversations: one record per turn when the turns are nested, else one per conversation."""
    for member in members:
        for n, entry in enumerate(entries(load(member)), 1):
            if not isinstance(entry, dict):
                continue
            thread = f"meta_ai/{n}"
            turns = _ai_turns(entry)
            if not turns:
                yield Record(
                    text=values_text(entry), timestamp=record_time(entry), row=n, thread=thread, source=member.path
                )
                continue
            start = record_time(entry)
            for text, when in turns:
                yield Record(text=text, timestamp=when or start, row=n, thread=thread, source=member.path)
