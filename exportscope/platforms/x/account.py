"""Account, profile and every other X data file: the manifest, one item per field or per entry, and the facts
the overrides need (owner, birth date, protected status, region hint).

Protected status (x.md 6.4): only ``protected-history.js`` says it, and only for changes of the last six
months; its last action at the archive's date decides. No entry means unknown, never public.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from exportscope.archive import Member
from exportscope.model import Fact, Problem, Record
from exportscope.notes import Note
from exportscope.platforms.base import Output
from exportscope.platforms.x import xdates, xtext, ytd
from exportscope.platforms.x.context import XContext
from exportscope.platforms.x.posts import counted
from exportscope.rules import Rule

_TIME_PARSERS = {
    "T1": xdates.parse_t1,
    "T2": xdates.parse_iso,
    "T4": xdates.parse_epoch_ms,
    "T5": xdates.parse_t5,
    "snowflake": xdates.snowflake_time,
}


def read_manifest(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``manifest.js``: the owner and archive date as facts, and each listed file's expected count."""
    for member in members:
        manifest = ytd.parse_manifest(member.read_bytes())
        if manifest.account_id:
            yield Fact("account_id", manifest.account_id, member.path)
        if manifest.username:
            yield Fact("username", manifest.username, member.path)
        if manifest.display_name:
            yield Fact("display_name", manifest.display_name, member.path)
        if manifest.generated:
            yield Fact("generation_date", manifest.generated.date(), member.path)
        for name, (type_name, count) in manifest.files.items():
            yield Fact(f"expected:{name}", f"{type_name}:{count}", member.path)


def _flatten(obj: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in obj.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _field_text(value: Any) -> str | None:
    if isinstance(value, list):
        parts = [t for v in value if (t := ytd.text(v))]
        return ", ".join(parts) or None
    if isinstance(value, bool):
        return str(value).lower()
    return ytd.text(value)


def read_fields(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """One item per non-empty field (``account.js``, ``profile.js``...); the variant is the field's name.

    Facts: the account id and username (``account.js``) and the profile location, a hint of the region.
    """
    window = ctx.window()
    time_fields = set(rule.time)
    for member in members:
        value = ytd.read_member(member)
        yield counted(member, len(ytd.entries(value)))
        for row, obj in ytd.unwrapped(value):
            for path, raw in _flatten(obj):
                name = path.rsplit(".", 1)[-1]
                text = _field_text(raw)
                if text is None:
                    continue
                when = None
                if path in time_fields:
                    when = window.check(xdates.parse_iso(raw))
                yield Record(text, when, name, row=row, source=member.path)
                if name == "accountId":
                    yield Fact("account_id", text, member.path)
                elif name == "username":
                    yield Fact("username", text, member.path)
                elif name == "location" and rule.options.get("region_hint"):
                    yield Fact("region", text, member.path)


def read_age(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``ageinfo.js``: the birth date the person gave X (never ``inferredAgeInfo``, a range)."""
    for member in members:
        value = ytd.read_member(member)
        yield counted(member, len(ytd.entries(value)))
        for row, meta in ytd.unwrapped(value):
            info = ytd.obj(meta.get("ageInfo")) or meta
            born = xdates.parse_day(info.get("birthDate"))
            if born is not None:
                yield Fact("birth_date", born, member.path)
                yield Record(born.isoformat(), None, "birth_date", row=row, source=member.path)
            ages = info.get("age")
            if (age := _field_text(ages)) is not None:
                yield Record(age, None, "age", row=row, source=member.path)


def read_protected(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``protected-history.js``: each Protect/Unprotect is a setting item; the last one gives the status."""
    window = ctx.window()
    actions: list[tuple[datetime, str]] = []
    for member in members:
        value = ytd.read_member(member)
        yield counted(member, len(ytd.entries(value)))
        for row, entry in ytd.unwrapped(value):
            action = (ytd.text(entry.get("action")) or "").lower()
            when = window.check(xdates.parse_iso(entry.get("protectedAt")))
            yield Record(action or None, when, None, row=row, source=member.path)
            if action in ("protect", "unprotect") and when is not None:
                actions.append((when, action))
        if actions:
            actions.sort()
            last_when, last = actions[-1]
            yield Fact("account_private", last == "protect", member.path)
            key = "x_protected_on" if last == "protect" else "x_unprotected_on"
            yield Fact("note", Note.of(key, date=last_when.date().isoformat()), member.path)


def _entry_text(entry: dict[str, Any], paths: Sequence[str]) -> str | None:
    for path in paths:
        value = ytd.dig(entry, path)
        if (text := _field_text(value)) is not None:
            return text
    return None


def read_entries(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """One item per entry of the file's array; text and time from the rule's ``text``/``time`` paths."""
    window = ctx.window()
    formats = rule.time_format or ("T2",)
    for got in ytd.read_each(sorted(members, key=lambda m: (ytd.part_number(m.path), m.path))):
        if isinstance(got, Problem):
            yield got
            continue
        member, value = got
        yield counted(member, len(ytd.entries(value)))
        for row, entry in ytd.unwrapped(value):
            if not entry:  # {"expandedProfile": { }}: an empty placeholder, not an item
                continue
            when = None
            for path in rule.time:
                raw = ytd.dig(entry, path)
                for fmt in formats:
                    if (parsed := _TIME_PARSERS.get(fmt, xdates.parse_iso)(raw)) is not None:
                        when = window.check(parsed)
                        break
                if when is not None:
                    break
            text = _entry_text(entry, rule.text)
            if text is not None and rule.options.get("unescape"):
                text = xtext.unescape(text)
            yield Record(text, when, None, row=row, source=member.path)


def read_personalization(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """``personalization.js``: one item per inferred interest, language, gender, age range and recent place."""
    for member in members:
        value = ytd.read_member(member)
        yield counted(member, len(ytd.entries(value)))
        for row, data in ytd.unwrapped(value):
            demo = ytd.obj(data.get("demographics"))
            for lang in demo.get("languages") or []:
                if isinstance(lang, dict) and (t := ytd.text(lang.get("language"))):
                    yield Record(t, None, None, row=row, source=member.path)
            gender = ytd.obj(demo.get("genderInfo"))
            if t := ytd.text(gender.get("gender")):
                yield Record(t, None, None, row=row, source=member.path)
            interests = ytd.obj(data.get("interests"))
            for interest in interests.get("interests") or []:
                if isinstance(interest, dict) and (t := ytd.text(interest.get("name"))):
                    yield Record(t, None, None, row=row, source=member.path)
            for show in interests.get("shows") or []:
                if t := ytd.text(show):
                    yield Record(t, None, None, row=row, source=member.path)
            for place in data.get("locationHistory") or []:
                if t := ytd.text(place):
                    yield Record(t, None, "location", row=row, source=member.path)
            inferred = ytd.obj(data.get("inferredAgeInfo"))
            if t := _field_text(inferred.get("age")):
                yield Record(t, None, None, row=row, source=member.path)


def read_media_files(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    """One item per file of a media folder that no other file lists (profile photos, Grok uploads)."""
    for member in members:
        yield Record(member.name, None, None, row=None, source=member.path)
