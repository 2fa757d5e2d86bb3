"""Messenger and Instagram DM threads, group chats, and Meta AI conversations.

A long thread is split over ``message_1.json`` ... ``message_N.json``, each newest-first (meta.md, section 7).
The pipeline hands this reader all parts of one thread folder together (``Meta.part_key``); it keeps only
what an item needs from each message (time, text, where it came from), lets the parsed part go, then emits
the whole conversation in time order as one thread. Message attachments are part of their message: they are
never separate media items and their files are never opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from exportscope.archive import Member
from exportscope.dates import MAX_EPOCH_SECONDS
from exportscope.model import Record, RecordBatch, describe_failure
from exportscope.platforms.base import Output
from exportscope.platforms.meta.jsonread import (
    as_list,
    clean,
    entries,
    epoch,
    join,
    label_values,
    record_time,
    seconds,
    values_text,
)
from exportscope.platforms.meta.media import MetaContext
from exportscope.platforms.meta.readers import load, load_pieces
from exportscope.rules import Rule

_PART = re.compile(r"_(\d+)\.json$", re.I)


def part_number(path: str) -> int:
    m = _PART.search(path)
    return int(m[1]) if m else 0


def thread_id(path: str) -> str:
    """``inbox/bensample_123`` for ``.../messages/inbox/bensample_123/message_1.json``: unique per thread."""
    parts = PurePosixPath(path).parts
    low = [p.lower() for p in parts]
    if "messages" in low[:-1]:
        i = len(low) - 1 - low[::-1].index("messages")
        rest = parts[i + 1 : -1]
        if rest:
            return "/".join(rest)
    if len(parts) >= 2 and PurePosixPath(path).name.lower().startswith("message_"):
        return "/".join(parts[-3:-1])
    return "/".join(parts[-2:]).removesuffix(".json")


def _message_time(msg: dict[str, Any]) -> float | None:
    """Seconds since 1970: messages are the bulk of an export, so no datetime is built per message."""
    if "timestamp_ms" in msg:
        return seconds(msg["timestamp_ms"], millis=True)
    # The secure-storage download writes camelCase keys and a millisecond ``timestamp``.
    value = msg.get("timestamp")
    if isinstance(value, (int, float)) and value > 1e11:
        return seconds(value, millis=True)
    return seconds(value)


def _message_text(msg: dict[str, Any]) -> str | None:
    text = clean(msg.get("content")) or clean(msg.get("text"))
    if text is None and isinstance(msg.get("share"), dict):
        text = clean(msg["share"].get("share_text"))
    return text


def _part_columns(messages: list[Any]) -> tuple[list[float | None], list[str | None], list[int]] | None:
    """(times, texts, rows) of one part's messages, built a list at a time; None when the part is not the
    common shape (every message a dict with an integer ``timestamp_ms`` in range), then the caller reads it
    message by message. Same values as :func:`_message_time` and :func:`_message_text`."""
    if not all(type(m) is dict for m in messages):
        return None
    stamps = [m.get("timestamp_ms") for m in messages]
    if not all(type(s) is int for s in stamps):
        return None
    if stamps and (min(stamps) <= 0 or max(stamps) / 1000 > MAX_EPOCH_SECONDS):
        return None
    times: list[float | None] = [s / 1000 for s in stamps]
    contents = [m.get("content") for m in messages]
    texts = [
        (c.strip() or _message_text(m)) if type(c) is str else _message_text(m)
        for m, c in zip(messages, contents, strict=True)
    ]
    return times, texts, list(range(1, len(messages) + 1))


def read_messages(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """All messages of one conversation as one :class:`RecordBatch`, oldest first, whatever the order of
    parts and messages. Within equal (or unknown) times the reverse of file order wins: parts are newest-first.

    A big part is read a piece of its ``messages`` at a time (:func:`load_pieces`): only the columns an item
    needs are kept from each piece, so memory follows the messages' text, not the size of the parsed file.
    """
    ordered = sorted(members, key=lambda m: (part_number(m.path), m.path))
    thread = thread_id(ordered[0].path)
    times: list[float | None] = []
    texts: list[str | None] = []
    rows: list[int | None] = []
    sources: list[str] = []
    variants: list[str | None] = []
    for member in ordered:
        start = len(times)
        seen = 0  # messages of this part in the pieces before (rows count every element, as in one piece)
        with_ai = False
        try:
            for key, value, is_piece in load_pieces(member):
                if key == "participants":
                    with_ai = _has_meta_ai(value)
                elif (key == "messages" or key is None) and is_piece:
                    _add_piece(value, seen, with_ai, member.path, times, texts, rows, sources, variants)
                    seen += len(value)
        except (ValueError, RecursionError) as exc:  # one broken part fails alone; the thread's others count
            for column in (times, texts, rows, sources, variants):
                del column[start:]
            yield replace(describe_failure(exc), source=member.path, fails=True)
            continue
        if with_ai:
            variants[start:] = ["meta_ai"] * (len(variants) - start)
    # Sort by time, unknown first; ties in reverse reading order: a stable sort of the reversed positions.
    low = float("-inf")
    keys = [low if t is None else t for t in times]
    order = list(range(len(keys) - 1, -1, -1))
    order.sort(key=keys.__getitem__)
    yield RecordBatch(
        text=[texts[i] for i in order],
        epoch=[times[i] for i in order],
        row=[rows[i] for i in order],
        source=[sources[i] for i in order],
        thread=thread,
        variant=[variants[i] for i in order] if any(variants) else None,
    )


def _add_piece(
    messages: list[Any],
    offset: int,
    with_ai: bool,
    path: str,
    times: list[float | None],
    texts: list[str | None],
    rows: list[int | None],
    sources: list[str],
    variants: list[str | None],
) -> None:
    """Append one list of messages (a whole part, or a piece of a big one whose first message is the part's
    ``offset + 1``-th) to the thread's columns. ``with_ai``: the participants, read before, include Meta AI
    (then every message is marked after the part, and none is looked at here)."""
    columns = _part_columns(messages)
    if columns is None:
        kept = [(i, m) for i, m in enumerate(messages, 1) if isinstance(m, dict)]
        columns = ([_message_time(m) for _, m in kept], [_message_text(m) for _, m in kept], [i for i, _ in kept])
        msgs = [m for _, m in kept]
    else:
        msgs = messages
    times += columns[0]
    texts += columns[1]
    rows += [r + offset for r in columns[2]] if offset else columns[2]
    sources += [path] * len(columns[0])
    if with_ai:
        variants += [None] * len(msgs)
    else:
        variants += ["meta_ai" if _reaches_meta_ai(m, t) else None for m, t in zip(msgs, columns[1], strict=True)]


#: Who Meta AI is in a thread, and how a message calls it (lower case).
_META_AI = "meta ai"
_MENTION = "@meta ai"


def _has_meta_ai(participants: Any) -> bool:
    """A thread Meta AI takes part in: everything in it is shared with Meta AI."""
    for p in participants if isinstance(participants, list) else ():
        name = p.get("name") if isinstance(p, dict) else p
        if isinstance(name, str) and name.strip().casefold() == _META_AI:
            return True
    return False


def _reaches_meta_ai(msg: dict[str, Any], text: str | None) -> bool:
    """A message from Meta AI, mentioning @Meta AI, or a share sent to Meta AI (a heuristic: the item says so)."""
    sender = msg.get("sender_name") or msg.get("senderName")
    if isinstance(sender, str) and sender.strip().casefold() == _META_AI:
        return True
    return text is not None and _MENTION in text.casefold()


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
