"""Readers for Meta's content and activity files: posts, albums, media lists, comments, stories, generic records.

Every reader takes the members of one logical file, the rule that matched them and the export's
:class:`~exportscope.platforms.meta.media.MetaContext`; it yields records (kinds and verdicts come from the
rule file) and, for a photo or video attached to an item, one more record with the ``media`` variant. Text
is the person's own words (``post``, ``comment``, captions), never Meta's ``title`` sentences, which are
written in the account's language and describe the item ("Jane Doe updated her status.").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Fact, Problem, ReadFailure, Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.meta.jsonread import (
    RECORD_KEYS,
    as_list,
    clean,
    entries,
    join,
    label_values,
    loads,
    parse_ascii,
    record_seconds,
    record_time,
    repair_column,
    repair_tree,
    smd_field,
    values_text,
)
from exportscope.platforms.meta.jsonstream import STREAM_BYTES, pieces
from exportscope.platforms.meta.media import MetaContext
from exportscope.regions import region_code
from exportscope.rules import Rule
from exportscope.textio import web_link

MetaReader = Callable[[Sequence[Member], Rule, MetaContext], Iterable[Output]]

#: Localized labels of Instagram's ``string_map_data`` (meta.md, section 3: synonyms, then shape).
COMMENT_LABELS = ("Comment", "Opmerking", "Reactie", "Kommentar", "Commentaire", "Comentario", "Commento")
OWNER_LABELS = ("Media Owner", "Eigenaar van media", "Medieninhaber", "Propriétaire du contenu multimédia")


#: Meta's largest real files (message threads) stay under about 100 MB; a member beyond this fails alone.
#: Parsed whole, JSON takes several times its size in memory: a big thread is read in pieces instead
#: (:func:`load_pieces`), and this cap bounds the bytes held while it is.
MAX_JSON_BYTES = 256 * 1024 * 1024


def load(member: Member) -> Any:
    """One member's JSON, repaired; a non-JSON member raises a one-line error that fails only this file."""
    _check_size(member)
    return loads(member.read_bytes())


def _check_size(member: Member) -> None:
    if member.size > MAX_JSON_BYTES:
        raise ReadFailure("too_large", size=round(member.size / 2**20), limit=MAX_JSON_BYTES // 2**20)


def load_entries(member: Member) -> Iterator[Any]:
    """:func:`~exportscope.platforms.meta.jsonread.entries` of one member's JSON, the same items in the same
    order; a big member's items come a piece at a time when its top level is a list, or a dict that only
    wraps lists and dicts (Meta's ``{"comments_v2": [...]}``). Which one a dict is shows only at its end,
    so a big dict is walked twice: once for its keys, once for its items. A big dict that is one record is
    parsed whole, as before."""
    if member.size < STREAM_BYTES:
        yield from entries(load(member))
        return
    _check_size(member)
    data = member.read_bytes()
    keys: list[str] = []
    wrapper = True
    for key, value, is_piece in pieces(data):
        if key is None:  # a list (or a scalar) at the top: its pieces are its items
            yield from entries(value)
            continue
        if not keys or keys[-1] != key:
            keys.append(key)
        wrapper = wrapper and (is_piece or isinstance(value, dict))
    if not keys:
        return
    if not wrapper or not RECORD_KEYS.isdisjoint(keys):
        yield from entries(loads(data))
        return
    for _key, value, _is_piece in pieces(data):
        yield from entries(value)


def load_pieces(member: Member) -> Iterator[tuple[str | None, Any, bool]]:
    """One member's JSON top level as :func:`~exportscope.platforms.meta.jsonstream.pieces` gives it: a big
    member (:data:`~exportscope.platforms.meta.jsonstream.STREAM_BYTES` and more) is parsed a piece of an
    array at a time, so its memory stays bounded; a smaller one is parsed whole and handed over the same way."""
    if member.size < STREAM_BYTES:
        yield from _top_level(load(member))
        return
    _check_size(member)
    yield from pieces(member.read_bytes())


def load_raw_pieces(member: Member) -> tuple[Iterator[tuple[str | None, Any, bool]], bool]:
    """:func:`load_pieces`, and whether its strings are repaired already. A small member written all in
    ASCII (as Meta writes them) is parsed without the bytes repair: the caller repairs only the strings it
    keeps (:func:`~exportscope.platforms.meta.jsonread.repair_column`), which is the same text for less work."""
    if member.size >= STREAM_BYTES:
        return load_pieces(member), True
    _check_size(member)
    data = member.read_bytes()
    try:
        doc, repaired = parse_ascii(data), False
    except LookupError:
        doc, repaired = loads(data), True
    return _top_level(doc), repaired


def _top_level(data: Any) -> Iterator[tuple[str | None, Any, bool]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value, isinstance(value, list)
    else:
        yield None, data, isinstance(data, list)


class MediaCounter:
    """Emits the ``media`` records of one file and reports the references that point to nothing."""

    def __init__(self, ctx: MetaContext, member: Member) -> None:
        self.ctx = ctx
        self.member = member
        self.missing = 0

    def records(
        self,
        media: Iterable[Any],
        row: int,
        parent_text: str | None = None,
        fallback: datetime | None = None,
        variant: str | None = "media",
    ) -> Iterator[Record]:
        for item in media:
            if not isinstance(item, dict):
                continue
            uri = clean(item.get("uri")) or clean(item.get("path"))  # ``path``: media.json up to 2020
            if uri is None:
                continue
            resolved = self.ctx.media.resolve(uri)
            if resolved is None and "://" not in uri:
                self.missing += 1
            if not self.ctx.claim(resolved or uri):
                continue
            caption = [
                t
                for t in (clean(item.get("title")), clean(item.get("description")), clean(item.get("caption")))
                if t and t != parent_text
            ]
            yield Record(
                text=join(caption),
                timestamp=record_time(item) or _iso_time(item.get("taken_at")) or fallback,
                variant=variant,
                row=row,
                source=resolved or self.member.path,
                # A CDN address is the only link a Meta export writes for an item (it may have expired).
                link=web_link(uri) if "://" in uri else None,
            )

    def problems(self) -> Iterator[Problem]:
        if self.missing:
            yield Problem.of("media_missing", n=self.missing)


def _iso_time(value: Any) -> datetime | None:
    """Instagram up to 2020 wrote ISO times (``2019-05-01T10:20:30+00:00``); the zone is UTC."""
    text = clean(value)
    return dates.parse(text[:19], ("ISO",)) if text else None


# --- shapes ------------------------------------------------------------------------------------------------


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


def _first_media_title(entry: dict[str, Any]) -> str | None:
    media = entry.get("media")
    if isinstance(media, list) and media and isinstance(media[0], dict):
        return clean(media[0].get("title"))
    return None


# --- readers -----------------------------------------------------------------------------------------------


def read_posts(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Facebook posts, check-ins, comments and group items: one record each, plus one per attached medium.

    Entries without media (most of them) are gathered into a :class:`RecordBatch`, emitted before the next
    entry with media so that the order of items is the order of the file. A file written all in ASCII (as
    Meta writes them) is parsed without the bytes repair: the words of its plain entries (``data`` only, no
    attachment, media or label list) are gathered as one column and repaired in one pass
    (:class:`_PlainTexts`); any other entry has its strings repaired first (:func:`repair_tree`), then is
    read as before. Both give the text the repaired file gives."""
    for member in members:
        counter = MediaCounter(ctx, member)
        plain = _PlainTexts()
        times: list[float | None] = []
        rows: list[int | None] = []
        listed, repaired = _raw_entries(member)
        for row, entry in enumerate(listed, 1):
            if not isinstance(entry, dict):
                continue
            if not repaired:
                if _PLAIN_KEYS.isdisjoint(entry):
                    plain.add(entry)
                    times.append(record_seconds(entry))
                    rows.append(row)
                    continue
                entry = repair_tree(entry)
            text = facebook_text(entry)
            media = attachment_media(entry)
            if not media:
                plain.given(text)
                times.append(record_seconds(entry))
                rows.append(row)
                continue
            if rows:
                yield RecordBatch(plain.texts(), times, rows, [member.path] * len(rows))
                plain, times, rows = _PlainTexts(), [], []
            when = record_time(entry)
            yield Record(text=text, timestamp=when, row=row, source=member.path)
            yield from counter.records(media, row, text, when)
        if rows:
            yield RecordBatch(plain.texts(), times, rows, [member.path] * len(rows))
        yield from counter.problems()


#: Keys that take an entry off the plain path of :func:`read_posts` (its media and its other text shapes).
_PLAIN_KEYS = frozenset({"attachments", "media", "label_values"})


def _raw_entries(member: Member) -> tuple[Iterable[Any], bool]:
    """The member's entries and whether their strings are repaired: a small member written all in ASCII is
    parsed without the bytes repair (its entries' strings are repaired by the reader); others as before."""
    if member.size >= STREAM_BYTES:
        return load_entries(member), True
    _check_size(member)
    data = member.read_bytes()
    try:
        return entries(parse_ascii(data)), False
    except LookupError:
        return entries(loads(data)), True


class _PlainTexts:
    """The texts of a run of post entries: for a plain entry its raw words, kept in one flat column and
    repaired together; for another entry its text, given. :meth:`texts` joins each entry's words as
    :func:`facebook_text` does (stripped, empty ones left out, repeats once)."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.spans: list[tuple[int, int] | str | None] = []

    def add(self, entry: dict[str, Any]) -> None:
        start = len(self.words)
        words = self.words
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
        self.spans.append((start, len(words)))

    def given(self, text: str | None) -> None:
        self.spans.append(text)

    def texts(self) -> list[str | None]:
        fixed = repair_column(self.words)
        return [
            join([w for w in map(str.strip, fixed[span[0] : span[1]]) if w]) if isinstance(span, tuple) else span
            for span in self.spans
        ]


def read_ig_posts(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Instagram posts and Threads posts: the caption is the top-level ``title`` or, for a single medium
    without one, ``media[0].title``; each medium with a file is one more record."""
    for member in members:
        counter = MediaCounter(ctx, member)
        for row, entry in enumerate(load_entries(member), 1):
            if not isinstance(entry, dict):
                continue
            text = clean(entry.get("title")) or _first_media_title(entry)
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
        for row, entry in enumerate(load_entries(member), 1):
            if not isinstance(entry, dict):
                continue
            smd = entry.get("string_map_data")
            text: str | None = None
            field = smd_field(smd, COMMENT_LABELS)
            owner = smd_field(smd, OWNER_LABELS) if isinstance(smd, dict) else None
            if field is not None:
                text = clean(field.get("value"))
            elif isinstance(smd, dict):
                values = [
                    v for f in smd.values() if isinstance(f, dict) and f is not owner and (v := clean(f.get("value")))
                ]
                text = max(values, key=len) if values else None
            else:
                text = values_text(entry)
            # Whose medium the comment is on: the rule compares it with the account's own username.
            on = clean(owner.get("value")) if isinstance(owner, dict) else None
            yield Record(text=text, epoch=record_seconds(entry), visibility=on, row=row, source=member.path)


def read_generic(members: Sequence[Member], rule: Rule, ctx: MetaContext) -> Iterator[Output]:
    """Any Meta record list (likes, friends, followers, searches, logins, devices, ads, off-Meta activity,
    saved items, settings): one record per entry of the file's main list, its values as text.

    The records of a file go as one :class:`RecordBatch` (two lists, no object per record: these lists are
    the bulk of a big export); a file that breaks half-way still hands over what it read before the error,
    as a record at a time would have."""
    for member in members:
        texts: list[str | None] = []
        epochs: list[float | None] = []
        try:
            for entry in load_entries(member):
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
