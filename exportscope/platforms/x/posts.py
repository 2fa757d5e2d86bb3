"""Posts: ``tweets.js`` and its parts, long posts (``note-tweet.js``), Circle and Community posts, deleted
posts, and the legacy "Your Tweet archive" (Grailbird) files.

The files that describe one set of posts are one task (the rule's ``together`` option), read in this order:
Circle ids, Community posts, long-post texts, then the tweet parts, so each post is counted once (by id,
across parts and files), a long post gets its full text, and a Circle post is marked. What a post *is*
(original, reply to someone else, retweet, Circle, edited-away version) becomes its variant; the verdicts
are in ``schemas/x.toml``. Quirks handled: x.md section 9, items 4-12 and 14.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from exportscope.archive import Member
from exportscope.model import Fact, Problem, Record
from exportscope.notes import Note
from exportscope.platforms.base import Output
from exportscope.platforms.x import xdates, xtext, ytd
from exportscope.platforms.x.context import XContext
from exportscope.rules import Rule

#: Circles existed from 2022-08-30 to 2023-10-31 (x.md 6.1): posts of that time may have been Circle posts.
CIRCLE_START = datetime.fromisoformat("2022-08-30T00:00:00+00:00")
CIRCLE_END = datetime.fromisoformat("2023-11-01T00:00:00+00:00")

_TCO = re.compile(r"https?://t\.co/\w+")
_ORDER = {"twitter-circle-tweet": 0, "community-tweet": 1, "note-tweet": 2, "deleted-note-tweet": 2}

_MEDIA_VARIANT = {
    None: "media",
    "comment": "media",
    "repost": "repost_media",
    "circle": "circle_media",
    "circle_comment": "circle_media",
    "maybe_circle": "maybe_circle_media",
    "maybe_circle_comment": "maybe_circle_media",
    "community": "community_media",
    "community_comment": "community_media",
}


def counted(member: Member, n: int) -> Fact:
    """How many top-level entries a file held: compared with the manifest's count (:mod:`.ledger`)."""
    return Fact(f"parsed:{PurePosixPath(member.path).name.lower()}", str(n), member.path)


@dataclass
class _Note:
    text: str
    when: datetime | None
    row: int
    source: str
    used: bool = False


@dataclass
class PostState:
    """What one posts task learns as it goes: ids seen, Circle ids, long-post texts, counters."""

    ctx: XContext
    window: xdates.Window
    circle_ids: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    media_seen: set[str] = field(default_factory=set)
    notes: dict[int | None, list[_Note]] = field(default_factory=dict)
    duplicates: int = 0
    superseded: int = 0


def is_retweet(tweet: dict[str, Any]) -> bool:
    raw = tweet.get("full_text", tweet.get("text"))
    return (isinstance(raw, str) and raw.startswith("RT @")) or isinstance(tweet.get("retweeted_status"), dict)


def is_reply_to_other(tweet: dict[str, Any], owner: str | None) -> bool:
    """A reply: a status id is present (x.md 9.10); to the owner's own post it is a thread, not a comment."""
    if not ytd.text(tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")):
        return False
    target = ytd.text(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id"))
    return owner is None or target != owner


def edit_ids(tweet: dict[str, Any]) -> list[str]:
    info = tweet.get("edit_info")
    if not isinstance(info, dict):
        return []
    initial = info.get("initial")
    if isinstance(initial, dict):
        ids = initial.get("editTweetIds")
    else:
        edit = ytd.obj(info.get("edit"))
        control = ytd.obj(edit.get("editControlInitial"))
        ids = control.get("editTweetIds")
    return [str(i) for i in ids] if isinstance(ids, list) else []


def _variant(tweet: dict[str, Any], tid: str, when: datetime | None, state: PostState, community: bool) -> str | None:
    if is_retweet(tweet):
        return "repost"
    reply = is_reply_to_other(tweet, state.ctx.owner)
    if community:
        return "community_comment" if reply else "community"
    if tid in state.circle_ids:
        return "circle_comment" if reply else "circle"
    if not state.ctx.has_circle_file and when is not None and CIRCLE_START <= when < CIRCLE_END:
        return "maybe_circle_comment" if reply else "maybe_circle"
    return "comment" if reply else None


def _media(tweet: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for holder in (tweet.get("extended_entities"), tweet.get("entities")):
        if isinstance(holder, dict) and isinstance(holder.get("media"), list):
            out = [m for m in holder["media"] if isinstance(m, dict)]
            if out:
                return out
    return out


def _prefix(tweet: dict[str, Any]) -> str:
    """The start of a long post as ``tweets.js`` cuts it: unescaped, t.co links and the final ``…`` dropped."""
    raw = tweet.get("full_text")
    if not isinstance(raw, str):
        return ""
    cut = _TCO.sub("", xtext.unescape(raw)).rstrip()
    return cut.removesuffix("…").rstrip()


def _match_note(tweet: dict[str, Any], when: datetime | None, state: PostState) -> str | None:
    second = int(when.timestamp()) if when is not None else None
    candidates = [n for n in state.notes.get(second, []) if not n.used]
    if not candidates:
        return None
    prefix = _prefix(tweet)
    for note in candidates:
        if prefix and note.text.startswith(prefix):
            note.used = True
            return note.text
    if len(candidates) == 1 and not prefix:
        candidates[0].used = True
        return candidates[0].text
    return None


def tweet_records(
    tweet: dict[str, Any],
    row: int,
    member: Member,
    state: PostState,
    *,
    community: bool = False,
    legacy: bool = False,
    deleted: bool = False,
) -> Iterator[Record]:
    """The post and its media as records; nothing for an id already counted."""
    tid = ytd.text(tweet.get("id_str") or tweet.get("id")) or f"{member.path}#{row}"
    if tid in state.seen:
        state.duplicates += 1
        return
    state.seen.add(tid)
    parse = xdates.parse_t5 if legacy else xdates.parse_t1
    when = state.window.parse(tweet.get("created_at"), parse)
    if deleted:
        variant: str | None = None
    else:
        ids = edit_ids(tweet)
        if len(ids) > 1 and tid != ids[-1]:
            state.superseded += 1
            yield Record(xtext.tweet_text(tweet), when, "superseded", row=row, source=member.path)
            return
        variant = _variant(tweet, tid, when, state, community)
    text = None if variant == "repost" or deleted else _match_note(tweet, when, state)
    yield Record(text or xtext.tweet_text(tweet), when, variant, row=row, source=member.path)
    media_variant = "media" if deleted else _MEDIA_VARIANT.get(variant, "media")
    for m in _media(tweet):
        key = ytd.text(m.get("id_str") or m.get("id")) or ytd.text(m.get("media_url_https")) or ""
        if key and key in state.media_seen:
            continue
        state.media_seen.add(key)
        yield Record(ytd.text(m.get("expanded_url")), when, media_variant, row=row, source=member.path)


def read_posts(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``tweets.js`` + parts, ``note-tweet.js``, ``twitter-circle-tweet.js``, ``community-tweet.js``."""
    yield from _read(members, ctx, deleted=False)


def read_deleted(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``deleted-tweets.js`` and ``deleted-note-tweet.js``: not used, kept as items with their media."""
    yield from _read(members, ctx, deleted=True)


def _read(members: Sequence[Member], ctx: XContext, *, deleted: bool) -> Iterator[Output]:
    state = PostState(ctx, ctx.window())
    ordered = sorted(members, key=lambda m: (_ORDER.get(ytd.name_key(m.path), 9), ytd.part_number(m.path), m.path))
    readable: list[Member] = []
    for got in ytd.read_each(ordered):
        if isinstance(got, Problem):
            yield got
            continue
        member, value = got
        readable.append(member)
        key = ytd.name_key(member.path)
        rows = list(ytd.unwrapped(value))
        yield counted(member, len(ytd.entries(value)))
        if key == "twitter-circle-tweet":
            for _, tweet in rows:
                if tid := ytd.text(tweet.get("id_str") or tweet.get("id")):
                    state.circle_ids.add(tid)
            # Circle posts also sit in tweets.js (x.md 6.1): they are read there; the rest here, after.
            continue
        if key in ("note-tweet", "deleted-note-tweet"):
            for row, note in rows:
                core = ytd.obj(note.get("core"))
                if text := xtext.note_text(core):
                    when = xdates.parse_iso(note.get("createdAt"))
                    second = int(when.timestamp()) if when else None
                    state.notes.setdefault(second, []).append(_Note(text, when, row, member.path))
            continue
        for row, tweet in rows:
            yield from tweet_records(tweet, row, member, state, community=key == "community-tweet", deleted=deleted)
        del got, value, rows  # a part is ~100 MB of JSON: never hold two parts' objects at once
    # Circle posts missing from tweets.js, then long posts that matched no tweet: posts of their own.
    for member in [m for m in readable if ytd.name_key(m.path) == "twitter-circle-tweet"]:
        for row, tweet in ytd.unwrapped(ytd.read_member(member)):
            if ytd.text(tweet.get("id_str") or tweet.get("id")) not in state.seen:
                yield from tweet_records(tweet, row, member, state, deleted=deleted)
    for waiting in state.notes.values():
        for left in waiting:
            if not left.used:
                yield Record(left.text, state.window.check(left.when), None, row=left.row, source=left.source)
    yield from _notes(state)


def _notes(state: PostState) -> Iterator[Fact]:
    if state.duplicates:
        yield Fact("note", Note.of("x_duplicate_posts", n=state.duplicates), "")
    if state.superseded:
        yield Fact("note", Note.of("x_superseded", n=state.superseded), "")
    if state.window.impossible:
        yield Fact("note", Note.of("x_impossible_dates", n=state.window.impossible), "")


def read_legacy(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """The pre-2019 "Your Tweet archive": ``data/js/tweets/YYYY_MM.js`` (``Grailbird.data.tweets_YYYY_MM =``)."""
    state = PostState(ctx, ctx.window())
    for got in ytd.read_each(sorted(members, key=lambda m: m.path)):
        if isinstance(got, Problem):
            yield got
            continue
        member, value = got
        for row, tweet in enumerate(ytd.entries(value), start=1):
            if isinstance(tweet, dict):
                yield from tweet_records(tweet, row, member, state, legacy=True)
    yield from _notes(state)
