"""Meta's JSON family: parsing (with the mojibake repaired, or raw), unwrapping the top level, common shapes.

The repair itself is :mod:`exportscope.platforms.meta.mojibake` (its names are re-exported here, where the
readers have always found them); this module parses a file, finds its items (:func:`entries`) and reads the
values Meta writes in every file (times, ``label_values``, ``string_map_data``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import orjson

from exportscope import dates
from exportscope.model import ReadFailure
from exportscope.platforms.meta.mojibake import fix_text as fix_text
from exportscope.platforms.meta.mojibake import repair_bytes
from exportscope.platforms.meta.mojibake import repair_column as repair_column
from exportscope.platforms.meta.mojibake import repair_string as repair_string
from exportscope.platforms.meta.mojibake import repair_tree as repair_tree

_VERSION = re.compile(r"_v\d+$")


def parse_ascii(data: bytes) -> Any:
    """A Meta JSON file parsed *without* the mojibake repair, when every byte is ASCII (as Meta writes
    them); the caller repairs the strings it keeps with :func:`repair_column`, a pass over those columns
    instead of over the whole file. Raises :class:`LookupError` for a file with raw non-ASCII bytes (then
    :func:`loads` it), and the same errors as :func:`loads` for what is not JSON."""
    if not data.isascii():
        raise LookupError("not ascii")
    return _decode(data, data)


class NotJSONError(ReadFailure):
    """A ``.json`` member that is not JSON; the code and message say what it looks like instead."""


#: orjson refuses JSON nested deeper than this (its own limit is 1024); the reason names it in our words.
MAX_DEPTH = 1000


def depth_before(data: bytes, pos: int) -> int:
    """The nesting depth of ``data`` at byte ``pos``, ignoring brackets inside strings (failure path only)."""
    depth = 0
    in_string = escaped = False
    for byte in data[: min(pos + 1, 4 << 20)]:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return depth


def loads(data: bytes) -> Any:
    """Decode one Meta JSON file with its mojibake repaired; a clear error, never a decoder traceback."""
    return _decode(data, repair_bytes(data))


def _decode(data: bytes, text: bytes) -> Any:
    """orjson on ``text`` (``data``, repaired or not); failures said for ``data``, never a traceback."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"<":
        raise NotJSONError("html_export")
    if not head:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        pos = getattr(exc, "pos", 0) or 0
        if depth_before(data, pos) >= MAX_DEPTH:
            raise NotJSONError("too_deep") from None
        raise NotJSONError("not_json", at=pos) from None


def bare_key(key: str) -> str:
    """A key without its ``_v2``/``_v3`` suffix: the bare keys of 2018-20 and the versioned ones match."""
    return _VERSION.sub("", key)


#: Keys that make a dict a record (an item) rather than a wrapper around lists of items.
RECORD_KEYS = frozenset(
    {
        "string_map_data", "string_list_data", "label_values", "media_map_data", "title", "timestamp",
        "data", "media", "name", "attachments", "creation_timestamp", "uri", "fbid", "timestamp_ms",
        "participants", "messages", "text", "value",
    }
)  # fmt: skip


def entries(data: Any) -> Iterator[Any]:
    """The items of a file, whatever its top level: a list, a dict wrapping lists, sections, or one object.

    A dict is a wrapper when it has no scalar value and none of the record keys; its list and dict values
    are unwrapped in order (``{"event_responses_v2": {"events_joined": [...], "events_declined": [...]}}``).
    Anything else is one item.
    """
    if isinstance(data, list):
        for item in data:
            if isinstance(item, list):
                yield from entries(item)
            elif item is not None:
                yield item
        return
    if isinstance(data, dict):
        if not data:
            return
        if RECORD_KEYS.isdisjoint(data) and all(isinstance(v, (list, dict)) for v in data.values()):
            for value in data.values():
                yield from entries(value)
            return
        yield data
        return
    if data is not None:
        yield data


def entry_list(data: Any) -> list[Any]:
    """``list(entries(data))``, without a generator step per item where the top level is a list of dicts
    (or a wrapper of such lists, ``{"comments_v2": [...]}``): then the list itself is the answer."""
    if type(data) is list and set(map(type, data)) <= {dict}:
        return data
    if (
        type(data) is dict
        and data
        and RECORD_KEYS.isdisjoint(data)
        and all(isinstance(v, (list, dict)) for v in data.values())
    ):
        if len(data) == 1:
            return entry_list(next(iter(data.values())))
        return [item for value in data.values() for item in entry_list(value)]
    return list(entries(data))


def section(data: Any, *names: str) -> Any:
    """The value under a top-level key, compared without version suffix (``profile_v2`` = ``profile``)."""
    if not isinstance(data, dict):
        return None
    wanted = set(names)
    for key, value in data.items():
        if bare_key(key) in wanted:
            return value
    return None


# --- values ------------------------------------------------------------------------------------------------

#: The keys :func:`record_seconds` looks for first in any dict it walks, in that order.
TIME_KEYS = ("timestamp", "creation_timestamp", "start_timestamp", "taken_timestamp", "timestamp_value")


def epoch(value: Any, millis: bool = False) -> datetime | None:
    """Seconds (or milliseconds) since 1970; 0 and garbage mean unknown. Numeric strings are accepted (ASCII
    digits only: ``"²"`` is a digit to ``str.isdigit`` and ``int()`` fails on it, which failed the file)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return dates.from_epoch(value, millis=millis)


def seconds(value: Any, millis: bool = False) -> float | None:
    """:func:`epoch` as float seconds, without building a datetime (the hot path of big files)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return dates.epoch_seconds(value, millis=millis)


#: Whole seconds up to this many become microseconds exactly as ``s * 1_000_000``: below 2**53 the float
#: path's ``round(float(s) * 1_000_000)`` is that same product, computed without rounding.
EXACT_SECONDS = 2**53 // 1_000_000


def whole_second_micros(stamps: list[Any]) -> list[int | None] | None:
    """Times as epoch microseconds when every one is a whole number of seconds in range (Meta's usual): the
    values :func:`seconds` and the collector's rounding give, without a float each; else None (the caller
    takes the float path)."""
    if set(map(type, stamps)) == {int} and min(stamps) > 0 and max(stamps) <= EXACT_SECONDS:
        return list(map((1_000_000).__mul__, stamps))
    return None


def record_seconds(rec: Any) -> float | None:
    """An item's time as float seconds: its own timestamp keys, then ``timestamp_ms``, then the first nested
    timestamp. No datetime is built: this is the hot path of big files."""
    if not isinstance(rec, dict):
        return None
    for key in TIME_KEYS:
        if key in rec and (t := seconds(rec[key])):
            return t
    if "timestamp_ms" in rec and (t := seconds(rec["timestamp_ms"], millis=True)):
        return t
    for key in ("string_map_data", "string_list_data", "label_values", "data", "media", "events"):
        if found := _nested_seconds(rec.get(key), 0):
            return found
    return None


def record_time(rec: Any) -> datetime | None:
    """:func:`record_seconds` as a UTC datetime, for readers that compare or fall back on times."""
    found = record_seconds(rec)
    return None if found is None else datetime.fromtimestamp(found, tz=UTC)


def _nested_seconds(node: Any, depth: int) -> float | None:
    if depth > 4:
        return None
    if isinstance(node, dict):
        for key in TIME_KEYS:
            if key in node and (t := seconds(node[key])):
                return t
        for value in node.values():
            if isinstance(value, (dict, list)) and (t := _nested_seconds(value, depth + 1)):
                return t
    elif isinstance(node, list):
        for value in node:
            if t := _nested_seconds(value, depth + 1):
                return t
    return None


def as_list(value: Any) -> list[Any]:
    """A list value, or an empty list for anything else (a missing key, or an odd shape in odd data)."""
    return value if isinstance(value, list) else []


def clean(value: Any) -> str | None:
    """A non-empty stripped string, else None."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def join(parts: list[str]) -> str | None:
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return " · ".join(seen) if seen else None


def label_values(items: Any) -> Iterator[tuple[str, Any]]:
    """(label, entry) pairs of a ``label_values`` list, descending into ``dict`` and ``vec`` groups."""
    if not isinstance(items, list):
        return
    for entry in items:
        if not isinstance(entry, dict):
            continue
        label = clean(entry.get("label")) or clean(entry.get("title")) or ""
        yield label, entry
        for sub in ("dict", "vec"):
            inner = entry.get(sub)
            if isinstance(inner, list):
                for child in inner:
                    if isinstance(child, dict) and isinstance(child.get("dict"), list):
                        yield from label_values(child["dict"])
                    elif isinstance(child, dict):
                        yield from label_values([child])


def values_text(rec: Any) -> str | None:
    """Readable text of a generic record: string values of the known shapes, joined, hrefs left out."""
    parts: list[str] = []
    if isinstance(rec, str):
        return clean(rec)
    if not isinstance(rec, dict):
        return None
    for key in ("name", "text", "value"):
        if v := clean(rec.get(key)):
            parts.append(v)
    smd = rec.get("string_map_data")
    if isinstance(smd, dict):
        for field in smd.values():
            if isinstance(field, dict) and (v := clean(field.get("value"))):
                parts.append(v)
    sld = rec.get("string_list_data")
    if isinstance(sld, list):
        for field in sld:
            if isinstance(field, dict) and (v := clean(field.get("value"))):
                parts.append(v)
    for _label, entry in label_values(rec.get("label_values")):
        if v := clean(entry.get("value")):
            parts.append(v)
    data = rec.get("data")
    if isinstance(data, list):
        for d in data:
            if isinstance(d, dict):
                parts.extend(v for v in (clean(x) for x in d.values() if isinstance(x, str)) if v)
    if not parts:
        # No known shape: the record's own string values (logins: action, IP, user agent, city), then the
        # title, a sentence in the account's language that at least says what the record is.
        parts = [v for key, x in rec.items() if key != "title" and (v := clean(x))]
    if not parts and (v := clean(rec.get("title"))):
        parts.append(v)
    return join(parts)


def smd_field(smd: Any, synonyms: tuple[str, ...]) -> dict[str, Any] | None:
    """The ``string_map_data`` entry whose label is one of ``synonyms`` (compared case-insensitively)."""
    if not isinstance(smd, dict):
        return None
    wanted = {s.lower() for s in synonyms}
    for label, field in smd.items():
        if isinstance(field, dict) and label.strip().lower() in wanted:
            return field
    return None
