"""Readers for Meta's content and activity files: posts, albums, media lists, comments, stories, generic records.

The posts reader is :mod:`exportscope.platforms.meta.posts`, messages :mod:`exportscope.platforms.meta.messages`.
Every reader takes the members of one logical file, the rule that matched them and the export's
:class:`~exportscope.platforms.meta.media.MetaContext`; it yields records (kinds and verdicts come from the
rule file) and, for a photo or video attached to an item, one more record with the ``media`` variant. Text
is the person's own words (``post``, ``comment``, captions), never Meta's ``title`` sentences, which are
written in the account's language and describe the item ("Jane Doe updated her status.").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from exportscope.archive import Member
from exportscope.model import Fact, Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.meta.generic import generic_columns, worth_raw
from exportscope.platforms.meta.igcomments import comment_batches
from exportscope.platforms.meta.jsonread import (
    as_list,
    clean,
    entry_list,
    loads,
    record_seconds,
    record_time,
    repair_column,
    smd_field,
    values_text,
)
from exportscope.platforms.meta.jsonstream import STREAM_BYTES
from exportscope.platforms.meta.loading import load, load_entries, whole_entries
from exportscope.platforms.meta.media import MetaContext
from exportscope.platforms.meta.mediacount import MediaCounter
from exportscope.platforms.meta.posts import attachment_media, facebook_text, first_media_title
from exportscope.regions import region_code
from exportscope.rules import Rule

MetaReader = Callable[[Sequence[Member], Rule, MetaContext], Iterable[Output]]

#: Localized labels of Instagram's ``string_map_data`` (meta.md, section 3: synonyms, then shape).
COMMENT_LABELS = ("Comment", "Opmerking", "Reactie", "Kommentar", "Commentaire", "Comentario", "Commento")
OWNER_LABELS = ("Media Owner", "Eigenaar van media", "Medieninhaber", "Propriétaire du contenu multimédia")


def read_ig_posts(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Instagram posts and Threads posts: the caption is the top-level ``title`` or, for a single medium
    without one, ``media[0].title``; each medium with a file is one more record."""
    for member in members:
        counter = MediaCounter(ctx, member)
        for row, entry in enumerate(load_entries(member), 1):
            if not isinstance(entry, dict):
                continue
            text = clean(entry.get("title")) or first_media_title(entry)
            when = record_time(entry)
            yield Record(text=text, timestamp=when, row=row, source=member.path)
            yield from counter.records(as_list(entry.get("media")), row, text, when)
        yield from counter.problems()


def _media_objects(entry: Any) -> list[Any]:
    if not isinstance(entry, dict):
        return []
    for key in ("media", "photos"):
        if isinstance(entry.get(key), list):
            return list(entry[key])
    return [entry] if "uri" in entry or "path" in entry else []


def read_media(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Lists of media (albums, uncategorized photos, videos, reels, stories, profile photos, archived and
    deleted media): one record per medium, counted once per export even when listed in several files."""
    for member in members:
        counter = MediaCounter(ctx, member)
        row = 0
        for entry in load_entries(member):
            album = clean(entry.get("name")) if isinstance(entry, dict) and "photos" in entry else None
            variant = album_variant(album, rule)
            for medium in _media_objects(entry):
                row += 1
                yield from counter.records([medium], row, album, record_time(entry), variant=variant)
        yield from counter.problems()


def album_variant(album: str | None, rule: Rule) -> str | None:
    """The variant an album's name selects (Facebook's "Profile pictures" and "Cover photos" albums hold
    photos that are always public): ``options.album_variants`` maps a variant to the names, any language."""
    if not album:
        return None
    names: dict[str, list[str]] = rule.options.get("album_variants", {})
    low = album.strip().casefold()
    return next((v for v, ns in names.items() if low in (n.casefold() for n in ns)), None)


def read_stories(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Facebook archived stories: one record per story (its medium is the story, not a separate item)."""
    for member in members:
        for row, entry in enumerate(load_entries(member), 1):
            if not isinstance(entry, dict):
                continue
            text = facebook_text(entry)
            if text is None:
                media = attachment_media(entry)
                text = clean(media[0].get("title")) if media and isinstance(media[0], dict) else None
            yield Record(text=text, epoch=record_seconds(entry), row=row, source=member.path)


def read_ig_comments(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Instagram comments: the ``Comment`` label (or a synonym; else the longest value that is not the
    media owner) is the text, the entry with a timestamp is the time."""
    for member in members:
        listed: Iterable[Any]
        if member.size < STREAM_BYTES:  # parsed whole anyway: maybe read as columns
            listed = entry_list(load(member))  # entries(load(member)), as load_entries gives them
            batches = comment_batches(listed, COMMENT_LABELS, OWNER_LABELS, member.path)
            if batches is not None:
                yield from batches
                continue
        else:
            listed = load_entries(member)
        for row, entry in enumerate(listed, 1):
            if isinstance(entry, dict):
                yield comment_record(entry, row, member.path)


def comment_record(entry: dict[str, Any], row: int, path: str) -> Record:
    """One Instagram comment entry as a record (the entry-by-entry twin of
    :func:`~exportscope.platforms.meta.igcomments.comment_batches`)."""
    smd = entry.get("string_map_data")
    text: str | None = None
    field = smd_field(smd, COMMENT_LABELS)
    owner = smd_field(smd, OWNER_LABELS) if isinstance(smd, dict) else None
    if field is not None:
        text = clean(field.get("value"))
    elif isinstance(smd, dict):
        values = [v for f in smd.values() if isinstance(f, dict) and f is not owner and (v := clean(f.get("value")))]
        text = max(values, key=len) if values else None
    else:
        text = values_text(entry)
    # Whose medium the comment is on: the rule compares it with the account's own username.
    on = clean(owner.get("value")) if isinstance(owner, dict) else None
    return Record(text=text, epoch=record_seconds(entry), visibility=on, row=row, source=path)


def read_generic(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Any Meta record list (likes, friends, followers, searches, logins, devices, ads, off-Meta activity,
    saved items, settings): one record per entry of the file's main list, its values as text.

    The records of a file go as one :class:`RecordBatch` (two lists, no object per record: these lists are
    the bulk of a big export); a file that breaks half-way still hands over what it read before the error,
    as a record at a time would have. A file parsed whole whose entries all have one of the common shapes
    is read as columns (:func:`~exportscope.platforms.meta.generic.generic_columns`), with the same texts
    and times."""
    for member in members:
        texts: list[str | None] = []
        epochs: list[float | None] = []
        listed: Iterable[Any]
        if member.size < STREAM_BYTES:  # parsed whole anyway: its entries as a list, maybe read as columns
            listed, raw = whole_entries(member, worth_raw)  # parsed without the repair when it may pay
            columns = generic_columns(listed) if raw is None else generic_columns(listed, repair_column)
            if raw is not None and (columns is None or columns[1] is None):
                # Read entry by entry, every string repaired first (times found in nested values included).
                listed, columns = entry_list(loads(raw)), None
            if columns is not None:
                found, micros = columns
                epochs = [record_seconds(e) for e in listed] if micros is None else []
                rows: list[int | None] = list(range(1, len(found) + 1))
                yield RecordBatch(text=found, epoch=epochs, row=rows, source=[member.path] * len(found), micros=micros)
                continue
        else:
            listed = load_entries(member)
        try:
            for entry in listed:
                texts.append(values_text(entry))
                epochs.append(record_seconds(entry))
        except Exception:
            if texts:
                yield _generic_batch(texts, epochs, member.path)
            raise
        if texts:
            yield _generic_batch(texts, epochs, member.path)


def _generic_batch(texts: list[str | None], epochs: list[float | None], path: str) -> RecordBatch:
    rows: list[int | None] = list(range(1, len(texts) + 1))
    return RecordBatch(text=texts, epoch=epochs, row=rows, source=[path] * len(texts))


def read_region(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Where the export says the account is (Facebook's privacy jurisdiction, Instagram's profile-based-in):
    generic records, and the first value naming a known region becomes the ``region`` fact."""
    found = False
    for member in members:
        for row, entry in enumerate(load_entries(member), 1):
            text = values_text(entry)
            yield Record(text=text, epoch=record_seconds(entry), row=row, source=member.path)
            if found or text is None:
                continue
            for part in text.split(" · "):
                if region_code(part) is not None:
                    yield Fact("region", part, member.path)
                    found = True
                    break
