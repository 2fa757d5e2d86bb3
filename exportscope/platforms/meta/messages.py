"""Messenger and Instagram DM threads, group chats, and Meta AI conversations.

A long thread is split over ``message_1.json`` ... ``message_N.json``, each newest-first (meta.md, section 7).
The pipeline hands this reader all parts of one thread folder together (``Meta.part_key``); it keeps only
what an item needs from each message (time, text, where it came from), lets the parsed part go, then emits
the whole conversation in time order as one thread. Message attachments are part of their message: they are
never separate media items and their files are never opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import islice, repeat
from operator import ge, itemgetter
from pathlib import PurePosixPath
from typing import Any

from exportscope.archive import Member
from exportscope.dates import MAX_EPOCH_SECONDS
from exportscope.model import RecordBatch, describe_failure
from exportscope.platforms.base import Output
from exportscope.platforms.meta.jsonread import (
    clean,
    repair_column,
    repair_string,
    seconds,
)
from exportscope.platforms.meta.loading import load_raw_pieces
from exportscope.platforms.meta.media import MetaContext
from exportscope.platforms.meta.textblob import TextBlob
from exportscope.rules import Rule

_PART = re.compile(r"_(\d+)\.json$", re.I)
_STAMP = itemgetter("timestamp_ms")


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


def _same(text: str) -> str:
    return text


#: How a string of a part is repaired: not at all (the part was repaired as bytes), or one at a time.
Fix = Callable[[str], str]


def _fixed(value: Any, fix: Fix) -> str | None:
    return clean(fix(value)) if isinstance(value, str) else None


def _message_text(msg: dict[str, Any], fix: Fix = _same) -> str | None:
    text = _fixed(msg.get("content"), fix) or _fixed(msg.get("text"), fix)
    if text is None and isinstance(msg.get("share"), dict):
        text = _fixed(msg["share"].get("share_text"), fix)
    return text


#: One part's columns: times (seconds), texts, rows (1-based positions in the part), senders (the raw
#: ``sender_name`` values, None when the part is read message by message).
Columns = tuple[list[float | None], list[str | None], list[int], "list[Any] | None"]


def _part_columns(messages: list[Any], fix: Fix) -> Columns | None:
    """The columns of one part's messages, built with C-level passes (``map``, ``zip``, ``join``) rather
    than Python code per message; None when the part is not the common shape (every message a dict with an
    integer ``timestamp_ms`` in range), then the caller reads it message by message. Same values as
    :func:`_message_time` and :func:`_message_text`; the contents of a part parsed without the bytes repair
    are repaired as one column (:func:`repair_column`) before they are stripped (a repaired text may end in
    what was a no-break space)."""
    if not messages:
        return [], [], [], []
    try:
        stamps = list(map(_STAMP, messages))
    except (TypeError, KeyError):  # a message that is not a dict, or has no timestamp_ms
        return None
    contents = list(map(dict.get, messages, repeat("content")))
    senders: list[Any] = list(map(dict.get, messages, repeat("sender_name")))
    if set(map(type, stamps)) != {int} or min(stamps) <= 0 or max(stamps) / 1000 > MAX_EPOCH_SECONDS:
        return None
    times: list[float | None] = list(map((1000).__rtruediv__, stamps))
    texts: list[str | None]
    if set(map(type, contents)) == {str}:
        texts = list(map(str.strip, contents if fix is _same else repair_column(contents)))
        empty = [i for i, t in enumerate(texts) if not t] if "" in texts else []
    else:
        if fix is not _same:
            contents = repair_column(contents)
        texts = [(c.strip() or None) if type(c) is str else None for c in contents]
        empty = [i for i, t in enumerate(texts) if t is None]
    for i in empty:
        texts[i] = _message_text(messages[i], fix)
    return times, texts, list(range(1, len(messages) + 1)), senders


#: Millisecond times below this (2**32 seconds, the year 2106) become microseconds exactly as ``ms * 1000``:
#: ``round(ms / 1000 * 1_000_000)`` of the float path differs from it by under half a microsecond there.
_EXACT_MS = 2**32 * 1000

_Blobbed = tuple[list[int], TextBlob, list[Any], list[str]]


def _part_blob(messages: list[Any], fix: Fix, repaired: bool) -> _Blobbed | None:
    """A part's (millisecond times, texts as a :class:`TextBlob`, senders, raw contents) in the common shape: every
    message a dict with an integer ``timestamp_ms`` in range and a ``content`` string; None otherwise (then
    :func:`_part_columns` reads it). A message whose content is empty once repaired and stripped takes
    its ``text`` or shared text, decided here (the blob's ``fixes``), as :func:`_message_text` does."""
    if not messages:
        return None
    try:
        stamps = list(map(_STAMP, messages))
    except (TypeError, KeyError):  # a message that is not a dict, or has no timestamp_ms
        return None
    if set(map(type, stamps)) != {int} or min(stamps) <= 0 or max(stamps) >= _EXACT_MS:
        return None
    contents: list[Any] = list(map(dict.get, messages, repeat("content")))
    try:
        blob = TextBlob.of(contents, repaired)  # joining them is the check that every content is a string
    except TypeError:
        return None
    if blob is None:
        return None
    fixes = blob.fixes
    others = list(map(dict.get, messages, repeat("text")))
    shares = list(map(dict.get, messages, repeat("share")))
    if others.count(None) != len(others) or shares.count(None) != len(shares):
        for i, (other, share) in enumerate(zip(others, shares, strict=True)):
            if (other is not None or share is not None) and not fix(contents[i]).strip():
                fixes[i] = _message_text(messages[i], fix)
    return stamps, blob, list(map(dict.get, messages, repeat("sender_name"))), contents


class _Thread:
    """The columns of one conversation as its parts are read: times, texts, rows, sources, variants.

    Pieces in the common shape (:func:`_part_blob`) keep integer milliseconds and their texts as blobs
    (``blobs``: where each starts in the columns); when every piece of the thread has that shape, the thread
    is one batch of exact microseconds and one blob (:meth:`batch`), else the blobs' pieces are turned into
    float seconds and strings, the columns every other piece has."""

    def __init__(self) -> None:
        self.times: list[Any] = []  # milliseconds (int) in a blob's range, else seconds (float or None)
        self.texts: list[str | None] = []  # None in a blob's range
        self.rows: list[int | None] = []
        self.sources: list[str] = []
        self.variants: list[str | None] = []
        self.blobs: list[tuple[int, TextBlob]] = []

    def __len__(self) -> int:
        return len(self.times)

    def cut(self, start: int) -> None:
        """Forget everything from position ``start`` on (a part that failed)."""
        for column in (self.times, self.texts, self.rows, self.sources, self.variants):
            del column[start:]
        self.blobs = [(at, blob) for at, blob in self.blobs if at < start]

    def batch(self, thread: str) -> RecordBatch:
        """The conversation, oldest first: sorted by time, unknown first; ties in reverse reading order (a
        stable sort of the reversed positions)."""
        blob = None
        if self.blobs and sum(b.n for _, b in self.blobs) == len(self.times):
            blob = TextBlob.join([b for _, b in self.blobs])
        if blob is None:
            self._as_strings()
        times = self.times
        order: list[int] = []
        # The common case: newest-first parts, oldest last; times that never grow in reading order are
        # sorted already when reversed (ties too: the later message in the file comes first).
        reverse = None not in times and all(map(ge, times, islice(times, 1, None)))
        if not reverse:
            low = float("-inf")
            keys = [low if t is None else t for t in times] if None in times else times
            order = sorted(range(len(keys) - 1, -1, -1), key=keys.__getitem__)

        def arranged(column: list[Any]) -> list[Any]:
            if reverse:
                return column[::-1]
            return list(itemgetter(*order)(column)) if len(order) > 1 else list(column)

        variants = self.variants
        return RecordBatch(
            text=arranged(self.texts) if blob is None else blob.arranged(order, reverse),
            epoch=arranged(times) if blob is None else [],
            micros=None if blob is None else list(map((1000).__mul__, arranged(times))),
            row=arranged(self.rows),
            source=arranged(self.sources),
            thread=thread,
            variant=arranged(variants) if any(variants) else None,
        )

    def _as_strings(self) -> None:
        for at, blob in self.blobs:
            end = at + blob.n
            self.times[at:end] = list(map((1000).__rtruediv__, self.times[at:end]))
            self.texts[at:end] = blob.strings()
        self.blobs = []


def read_messages(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """All messages of one conversation as one :class:`RecordBatch`, oldest first, whatever the order of
    parts and messages. Within equal (or unknown) times the reverse of file order wins: parts are newest-first.

    A big part is read a piece of its ``messages`` at a time (:func:`load_pieces`): only the columns an item
    needs are kept from each piece, so memory follows the messages' text, not the size of the parsed file.
    A part written all in ASCII (as Meta writes them) is parsed without the bytes repair, and only the
    strings kept are repaired (:func:`load_raw_pieces`); in the common shape their texts stay bytes until the
    collector's column (:class:`TextBlob`).
    """
    ordered = sorted(members, key=lambda m: (part_number(m.path), m.path))
    thread = _Thread()
    for member in ordered:
        start = len(thread)
        seen = 0  # messages of this part in the pieces before (rows count every element, as in one piece)
        with_ai = False
        try:
            parts, repaired = load_raw_pieces(member)
            fix = _same if repaired else repair_string
            for key, value, is_piece in parts:
                if key == "participants":
                    with_ai = _has_meta_ai(value, fix)
                elif (key == "messages" or key is None) and is_piece:
                    _add_piece(value, seen, with_ai, fix, repaired, member.path, thread)
                    seen += len(value)
        except (ValueError, RecursionError) as exc:  # one broken part fails alone; the thread's others count
            thread.cut(start)
            yield replace(describe_failure(exc), source=member.path, fails=True)
            continue
        if with_ai:
            thread.variants[start:] = ["meta_ai"] * (len(thread) - start)
    yield thread.batch(thread_id(ordered[0].path))


def _add_piece(
    messages: list[Any], offset: int, with_ai: bool, fix: Fix, repaired: bool, path: str, thread: _Thread
) -> None:
    """Append one list of messages (a whole part, or a piece of a big one whose first message is the part's
    ``offset + 1``-th) to the thread's columns. ``with_ai``: the participants, read before, include Meta AI
    (then every message is marked after the part, and none is looked at here)."""
    fast = _part_blob(messages, fix, repaired)
    texts: list[str | None] | dict[int, str | None]
    rows: list[int | None]
    senders: list[Any] | None
    if fast is not None:
        stamps, blob, senders, contents = fast
        thread.blobs.append((len(thread), blob))
        thread.times += stamps
        thread.texts += [None] * blob.n
        rows = list(range(1 + offset, blob.n + 1 + offset))
        msgs = messages
        # Only a text holding an @ can mention Meta AI: those, and the texts decided apart.
        texts = {i: fix(c).strip() or None for i, c in enumerate(contents) if "@" in c} if b"@" in blob.data else {}
        texts.update(blob.fixes)
    else:
        columns = _part_columns(messages, fix)
        if columns is None:
            kept = [(i, m) for i, m in enumerate(messages, 1) if isinstance(m, dict)]
            columns = (
                [_message_time(m) for _, m in kept],
                [_message_text(m, fix) for _, m in kept],
                [i for i, _ in kept],
                None,
            )
            msgs = [m for _, m in kept]
        else:
            msgs = messages
        thread.times += columns[0]
        thread.texts += columns[1]
        rows = [r + offset for r in columns[2]] if offset else list(columns[2])
        texts, senders = columns[1], columns[3]
    thread.rows += rows
    thread.sources += [path] * len(rows)
    if with_ai:
        thread.variants += [None] * len(msgs)
    else:
        thread.variants += _meta_ai_marks(msgs, texts, senders, fix)


#: Who Meta AI is in a thread, and how a message calls it (lower case).
_META_AI = "meta ai"
_MENTION = "@meta ai"


def _is_meta_ai(name: Any, fix: Fix) -> bool:
    return isinstance(name, str) and fix(name).strip().casefold() == _META_AI


def _has_meta_ai(participants: Any, fix: Fix = _same) -> bool:
    """A thread Meta AI takes part in: everything in it is shared with Meta AI."""
    for p in participants if isinstance(participants, list) else ():
        if _is_meta_ai(p.get("name") if isinstance(p, dict) else p, fix):
            return True
    return False


def _meta_ai_marks(
    msgs: list[dict[str, Any]],
    texts: list[str | None] | dict[int, str | None],
    senders: list[Any] | None,
    fix: Fix,
) -> list[str | None]:
    """``meta_ai`` for a message from Meta AI or mentioning @Meta AI (a heuristic: the item says so), else
    None. Asked once per distinct sender, and only of the texts holding an ``@`` (a mention needs one).
    ``texts``: every message's text, or only those that may hold an ``@`` by position. ``senders``: the
    messages' ``sender_name`` values when known (else read here)."""
    if senders is None:
        senders = [m.get("sender_name") for m in msgs]
    if not all(senders):  # a falsy name: the camelCase key of the secure-storage download, if any
        senders = [s or m.get("senderName") for m, s in zip(msgs, senders, strict=True)]
    try:
        distinct = set(senders)
    except TypeError:  # a list or dict where a name belongs
        distinct = {s for s in senders if type(s) is str}
    ai = {s for s in distinct if _is_meta_ai(s, fix)}
    marked: set[int] = set()
    mentions = texts.items() if isinstance(texts, dict) else enumerate(texts)
    if isinstance(texts, dict) or "@" in "\x00".join(filter(None, texts)):
        marked.update(i for i, t in mentions if t is not None and "@" in t and _MENTION in t.casefold())
    if ai:
        marked.update(i for i, s in enumerate(senders) if type(s) is str and s in ai)
    if not marked:
        return [None] * len(msgs)
    return ["meta_ai" if i in marked else None for i in range(len(msgs))]
