"""Facebook posts, check-ins, comments and group items (the ``posts`` reader), read as columns.

Why its own module: these files are the bulk of an export's own words (tens of thousands of entries), so
their plain entries are read as columns (:class:`_PlainRun`) rather than one Python record each; the
shapes of an entry (:func:`facebook_text`, :func:`attachment_media`) serve the stories reader too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from exportscope.archive import Member
from exportscope.dates import MAX_EPOCH_SECONDS
from exportscope.model import Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.meta.hits import HitScan
from exportscope.platforms.meta.jsonread import (
    as_list,
    clean,
    join,
    label_values,
    record_seconds,
    record_time,
    repair_column,
    repair_tree,
    whole_second_micros,
)
from exportscope.platforms.meta.loading import raw_entries
from exportscope.platforms.meta.media import MetaContext
from exportscope.platforms.meta.mediacount import MediaCounter
from exportscope.platforms.meta.textblob import TextBlob
from exportscope.rules import Rule


def attachment_media(entry: dict[str, Any]) -> list[Any]:
    """Media objects of a Facebook item: ``attachments[].data[].media`` (and a ``media`` list, if any)."""
    found: list[Any] = []
    for att in as_list(entry.get("attachments")):
        if isinstance(att, dict):
            for d in as_list(att.get("data")):
                if isinstance(d, dict) and isinstance(d.get("media"), dict):
                    found.append(d["media"])
    media = entry.get("media")
    if isinstance(media, list):
        found.extend(media)
    return found


def facebook_text(entry: dict[str, Any]) -> str | None:
    """The person's words in a Facebook post, comment or group item; a place name for a bare check-in."""
    parts: list[str] = []
    place: str | None = None
    for d in as_list(entry.get("data")):
        if not isinstance(d, dict):
            continue
        if v := clean(d.get("post")):
            parts.append(v)
        comment = d.get("comment")
        if v := clean(comment.get("comment") if isinstance(comment, dict) else comment):
            parts.append(v)
        if v := clean(d.get("text")):
            parts.append(v)
    for att in as_list(entry.get("attachments")):
        if not isinstance(att, dict):
            continue
        for d in as_list(att.get("data")):
            if not isinstance(d, dict):
                continue
            if v := clean(d.get("text")):
                parts.append(v)
            if isinstance(d.get("place"), dict) and place is None:
                place = clean(d["place"].get("name"))
    if not parts and "label_values" in entry:
        return join([v for _, e in label_values(entry["label_values"]) if (v := clean(e.get("value")))])
    return join(parts) or place


def first_media_title(entry: dict[str, Any]) -> str | None:
    media = entry.get("media")
    if isinstance(media, list) and media and isinstance(media[0], dict):
        return clean(media[0].get("title"))
    return None


def read_posts(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Facebook posts, check-ins, comments and group items: one record each, plus one per attached medium.

    Entries without media (most of them) are gathered into a :class:`RecordBatch`, emitted before the next
    entry with media so that the order of items is the order of the file. A file written all in ASCII (as
    Meta writes them) is parsed without the bytes repair: its plain entries (``data`` only, no attachment,
    media or label list) are kept as they are and read as columns when the batch goes (:class:`_PlainRun`:
    their words repaired in one pass, their times converted in one); any other entry has its strings
    repaired first (:func:`repair_tree`), then is read as before. Both give the text the repaired file
    gives. Such a file is scanned for its GPS, upload IPs and tags in the same pass (:class:`HitScan`), and
    its :class:`~exportscope.model.Hits` follow its records."""
    for member in members:
        counter = MediaCounter(ctx, member)
        run = _PlainRun()
        listed, data = raw_entries(member)
        scan = HitScan(member.path, member.size, data) if data is not None else None
        if scan is not None and isinstance(listed, list) and _all_plain(listed):  # the common file: no loop
            yield from _plain_file(member.path, listed, scan)
            continue
        for row, entry in enumerate(listed, 1):
            if scan is not None and scan.walk:
                scan.add(row, entry)
            if not isinstance(entry, dict):
                continue
            if data is not None:
                if _PLAIN_KEYS.isdisjoint(entry):
                    run.add(row, entry)
                    continue
                entry = repair_tree(entry)
            text = facebook_text(entry)
            media = attachment_media(entry)
            if not media:
                run.given(row, text, record_seconds(entry))
                continue
            if run:
                yield run.batch(member.path)
                run = _PlainRun()
            when = record_time(entry)
            yield Record(text=text, timestamp=when, row=row, source=member.path)
            yield from counter.records(media, row, text, when)
        if run:
            yield run.batch(member.path)
        yield from counter.problems()
        if scan is not None:
            yield scan.result()


#: Keys that take an entry off the plain path of :func:`read_posts` (its media and its other text shapes).
_PLAIN_KEYS = frozenset({"attachments", "media", "label_values"})
#: The keys of a ``data`` item that hold words (:func:`_plain_words`).
_WORD_KEYS = frozenset({"post", "comment", "text"})


def _plain_file(path: str, entries: list[dict[str, Any]], scan: HitScan) -> Iterator[Output]:
    """A file of plain entries only, parsed without the repair: what :func:`read_posts`'s loop gives for it
    (one batch of every entry, then the file's hits), read as columns."""
    if scan.walk:
        for row, entry in enumerate(entries, 1):
            scan.add(row, entry)
    if entries:
        rows: list[int | None] = list(range(1, len(entries) + 1))
        words = _word_column(entries)
        text: list[str | None] | TextBlob | None = None
        if words is not None:  # the words as bytes until the collector's column (an empty word: no text)
            text = TextBlob.of([w if w is not None else "" for w in words] if None in words else words, False)
        micros = _plain_micros(entries)
        yield RecordBatch(
            text if text is not None else _plain_texts(entries),
            _plain_times(entries) if micros is None else [],
            rows,
            [path] * len(entries),
            micros=micros,
        )
    yield scan.result()


def _all_plain(entries: list[Any]) -> bool:
    """Every entry of a file is a plain one (a dict without attachments, media or label list): then the
    whole file is one batch, read as columns without a Python step per entry (:func:`read_posts`)."""
    return set(map(type, entries)) <= {dict} and all(map(_PLAIN_KEYS.isdisjoint, entries))


class _PlainRun:
    """A run of post entries read as columns: for a plain entry the entry itself (its words and time are
    read when the batch goes: :meth:`batch`), for another entry its text and time, given. The texts are
    :func:`facebook_text`'s (words stripped, empty ones left out, repeats once, repaired as one column), the
    times :func:`record_seconds`'."""

    def __init__(self) -> None:
        self.rows: list[int | None] = []
        #: Per row: a plain entry (a dict), or the (text, seconds) given for another one.
        self.items: list[Any] = []
        self.mixed = False

    def __bool__(self) -> bool:
        return bool(self.rows)

    def add(self, row: int, entry: dict[str, Any]) -> None:
        self.rows.append(row)
        self.items.append(entry)

    def given(self, row: int, text: str | None, seconds: float | None) -> None:
        self.rows.append(row)
        self.items.append((text, seconds))
        self.mixed = True

    def batch(self, path: str) -> RecordBatch:
        items = self.items
        plain = [e for e in items if type(e) is dict] if self.mixed else items
        texts = _plain_texts(plain)
        times = _plain_times(plain)
        if self.mixed:
            texts_it, times_it = iter(texts), iter(times)
            texts = [next(texts_it) if type(e) is dict else e[0] for e in items]
            times = [next(times_it) if type(e) is dict else e[1] for e in items]
        return RecordBatch(texts, times, self.rows, [path] * len(self.rows))


def _plain_words(entry: dict[str, Any], words: list[str]) -> None:
    """Append the raw words of a plain entry: its ``data`` items' ``post``, ``comment`` and ``text``."""
    for d in as_list(entry.get("data")):
        if not isinstance(d, dict):
            continue
        if type(v := d.get("post")) is str:
            words.append(v)
        comment = d.get("comment")
        if type(v := comment.get("comment") if isinstance(comment, dict) else comment) is str:
            words.append(v)
        if type(v := d.get("text")) is str:
            words.append(v)


def _word_column(entries: list[dict[str, Any]]) -> list[Any] | None:
    """The raw word of each plain entry (None for an entry without one), read with C-level passes over the
    column (``map``, ``set``, ``count``), when the file has the common shape: every entry's ``data`` is a
    list of dicts, only its first dict holds words, and all entries hold them under one key (``post``, a
    ``comment`` dict's ``comment``, a ``comment`` string, or ``text``), a string or nothing. The same words
    as :func:`_plain_words`; None when the shape is another one (then the entries are read one by one)."""
    datas: list[Any] = list(map(dict.get, entries, repeat("data")))
    if set(map(type, datas)) != {list}:
        return None
    sizes = set(map(len, datas))
    if 0 in sizes:
        return None
    firsts = list(map(itemgetter(0), datas))
    if set(map(type, firsts)) != {dict}:
        return None
    if max(sizes) > 1:  # the dicts after the first (``update_timestamp``) must hold no word
        rest = list(chain.from_iterable(map(itemgetter(slice(1, None)), datas)))
        if set(map(type, rest)) != {dict} or not all(map(_WORD_KEYS.isdisjoint, rest)):
            return None
    keys = _WORD_KEYS.intersection(set().union(*firsts))
    if not keys:
        return [None] * len(firsts)  # no entry has a word
    if len(keys) > 1:  # two keys in the file: maybe two words in an entry
        return None
    (key,) = keys
    words: list[Any] = list(map(dict.get, firsts, repeat(key)))
    if key == "comment" and dict in (kinds := set(map(type, words))):  # ``comment`` dicts: their ``comment``
        if kinds == {dict}:
            words = list(map(dict.get, words, repeat("comment")))
        elif kinds == {dict, type(None)}:
            words = [None if c is None else c.get("comment") for c in words]
        else:
            return None
    if set(map(type, words)) - {str, type(None)}:
        return None
    return words


def _plain_texts(entries: list[dict[str, Any]]) -> list[str | None]:
    """:func:`facebook_text` of plain entries (no attachments, media or label list), their words repaired
    as one column (:func:`repair_column`). The common case, at most one word per entry under one key
    (:func:`_word_column`), is read with C-level passes."""
    column = _word_column(entries)
    if column is not None:
        fixed = repair_column(column)
        if None in fixed:
            return [None if w is None else (w.strip() or None) for w in fixed]
        return [w or None for w in map(str.strip, fixed)]
    words: list[str] = []
    ends: list[int] = []
    for entry in entries:
        _plain_words(entry, words)
        ends.append(len(words))
    stripped = list(map(str.strip, repair_column(words)))
    if len(words) == len(entries):  # one word each: the word is the text (an empty one: none)
        return [w or None for w in stripped]
    out: list[str | None] = []
    start = 0
    for end in ends:
        if end - start == 1:
            out.append(stripped[start] or None)
        else:
            out.append(join([w for w in stripped[start:end] if w]))
        start = end
    return out


def _plain_micros(entries: list[dict[str, Any]]) -> list[int | None] | None:
    """The entries' times as epoch microseconds (:func:`whole_second_micros`): the values
    :func:`_plain_times` gives, without a float each; else None."""
    return whole_second_micros(list(map(dict.get, entries, repeat("timestamp"))))


def _plain_times(entries: list[dict[str, Any]]) -> list[float | None]:
    """:func:`record_seconds` of each entry; an entry whose ``timestamp`` is a whole number of seconds in
    range (Meta's usual) is read by C-level passes, any other one by :func:`record_seconds` itself."""
    stamps: list[Any] = list(map(dict.get, entries, repeat("timestamp")))
    if set(map(type, stamps)) == {int} and min(stamps, default=1) > 0 and max(stamps, default=0) <= MAX_EPOCH_SECONDS:
        return list(map(float, stamps))
    return [
        float(s) if type(s) is int and 0 < s <= MAX_EPOCH_SECONDS else record_seconds(e)
        for s, e in zip(stamps, entries, strict=True)
    ]
