"""The GPS coordinates, upload IPs and tags Meta records beside posts and photos, found in parsed JSON.

Why here, beside the readers, and not only in :mod:`exportscope.findings`: a reader that parses a member
anyway finds its hits in the same pass (:func:`member_hits`) and hands them on as a
:class:`~exportscope.model.Hits`, so the findings pass never inflates and parses that member a second time.
The scan walks any JSON generically (meta.md: ``media_metadata.*.exif_data[]`` with ``latitude``/
``longitude``/``upload_ip``; ``place.coordinate``; a post's ``tags``), so it does not depend on how a reader
names its rules. It works on the document as parsed from the raw bytes, *without* the mojibake repair (keys
and names are repaired one at a time here): the findings pass and a reader give the same hits only when both
scan that same document.

A reader that does not walk what it parses still says which of its members hold no hit key at all
(:func:`hit_free`): every Meta member is loaded through :mod:`exportscope.platforms.meta.loading`, which
checks the bytes it has in hand (:func:`checked`), and the platform hands an empty
:class:`~exportscope.model.Hits` on for each such member after its reader ran. The findings pass would have
opened it, inflated it and run that very check to find nothing; it skips it instead.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from exportscope.model import HITS_WANTED, Hits, JsonHit
from exportscope.platforms.meta.jsonread import fix_text

if TYPE_CHECKING:
    from exportscope.archive import Member

#: JSON members larger than this are not scanned for metadata (Meta's message files reach 100 MB).
MAX_SCAN_BYTES = 64 * 1024 * 1024

#: The keys :func:`scan_json` acts on, and an escape that could spell an ASCII letter of one of them.
_HIT_KEYS = (b"exif_data", b"coordinate", b"tags")
_ASCII_ESCAPE = re.compile(rb"\\u00[0-7][0-9a-fA-F]")


def may_hold_hits(raw: bytes) -> bool:
    """False only when no key of the file can be one :func:`scan_json` acts on, checked on the bytes so a
    file without one (most of an export: comments, likes, searches) is never walked. Keys are compared
    case-insensitively there, so the bytes are too; a key could also spell a letter as a ``\\u00XX`` escape
    (never seen from Meta), and then the file is scanned."""
    low = raw.lower()  # one copy, searched once per key (most files hold none: each search reads it all)
    return any(k in low for k in _HIT_KEYS) or _ASCII_ESCAPE.search(raw) is not None


def is_message_path(path: str) -> bool:
    """A member inside a ``messages`` folder: its JSON is never scanned for hits (private messages)."""
    parts = path.lower().split("/")
    return "messages" in parts[:-1]


#: While a reader runs (:func:`hit_free`): the members its loading checked, path -> whether the bytes may
#: hold a hit key. None outside a reader (the findings pass, a test loading a member): nothing is noted.
_CHECKED: ContextVar[dict[str, bool] | None] = ContextVar("exportscope_meta_hits_checked", default=None)


def scannable(member: Member) -> bool:
    """Whether the findings pass would scan this member's JSON for hits (:func:`scan_json`): a ``.json``
    file outside the messages, small enough to be scanned."""
    return member.suffix == ".json" and member.size <= MAX_SCAN_BYTES and not is_message_path(member.path)


def checked(member: Member, data: bytes) -> None:
    """Note, for the reader running now, whether ``data`` (``member``'s bytes, just read) may hold a hit:
    the very check the findings pass runs first on a member no reader scanned."""
    seen = _CHECKED.get()
    if seen is not None and member.path not in seen and scannable(member):
        seen[member.path] = may_hold_hits(data)


def _may_hold(source: str, raw: bytes) -> bool:
    """:func:`may_hold_hits` of a member's bytes, the answer :func:`checked` noted when there is one."""
    seen = _CHECKED.get()
    known = seen.get(source) if seen is not None else None
    return may_hold_hits(raw) if known is None else known


def hit_free(outputs: Iterable[Any]) -> Iterator[Any]:
    """A reader's outputs, then an empty :class:`~exportscope.model.Hits` for each member it loaded whose
    bytes hold no hit key: the findings pass, told the member was scanned and holds none, does not open it
    again. A member whose bytes may hold one gets nothing here (its reader's own :class:`HitScan` says what
    it holds, or the findings pass scans it); the same empty answer twice (a :class:`HitScan` that did not
    walk) is the same answer. In a run that wants no hits (:data:`~exportscope.model.HITS_WANTED`) nothing is
    noted, so nothing is checked."""
    if not HITS_WANTED.get():
        yield from outputs
        return
    seen: dict[str, bool] = {}
    token = _CHECKED.set(seen)
    try:
        yield from outputs
    finally:
        # A reader abandoned half-way is closed wherever it is collected: the token may not be this context's.
        with contextlib.suppress(ValueError):
            _CHECKED.reset(token)
    for path, may_hold in seen.items():
        if not may_hold:
            yield Hits(path, ())


def _coordinate(obj: Any) -> tuple[float, float] | None:
    if not isinstance(obj, dict):
        return None
    lat, lon = obj.get("latitude"), obj.get("longitude")
    if not (isinstance(lat, int | float) and isinstance(lon, int | float)) or isinstance(lat, bool):
        return None
    if (lat, lon) != (0, 0) and abs(lat) <= 90 and abs(lon) <= 180:
        return (float(lat), float(lon))
    return None


def _fmt_gps(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.5f}, {pair[1]:.5f}"


def scan_json(obj: Any) -> Iterator[JsonHit]:
    """Every GPS coordinate, upload IP and tagged person in a Meta JSON document, in document order."""
    if isinstance(obj, list):
        for x in obj:
            yield from scan_json(x)
        return
    if not isinstance(obj, dict):
        return
    for raw_key, value in obj.items():
        key = fix_text(str(raw_key)).lower()
        if key == "exif_data" and isinstance(value, list):
            for entry in value:
                if not isinstance(entry, dict):
                    continue
                if gps := _coordinate(entry):
                    yield JsonHit("gps", _fmt_gps(gps), "exif_data")
                ip = entry.get("upload_ip")
                if isinstance(ip, str) and ip.strip():
                    yield JsonHit("upload_ip", ip.strip(), "exif_data")
            continue
        if key == "coordinate" and (gps := _coordinate(value)):
            name = obj.get("name")
            place = " ".join(fix_text(name).split()) if isinstance(name, str) and name.strip() else None
            yield JsonHit("gps", _fmt_gps(gps), "place", place)
            continue
        if key == "tags" and isinstance(value, list):
            for tag in value:
                name = tag.get("name") if isinstance(tag, dict) else tag
                if isinstance(name, str) and name.strip():
                    yield JsonHit("person", " ".join(fix_text(name).split()), "tag")
            continue
        if isinstance(value, dict | list):
            yield from scan_json(value)


def entry_hits(entries: Iterable[Any]) -> list[JsonHit]:
    """The hits of a file's entries (as :func:`~exportscope.platforms.meta.jsonread.entries` gives them),
    each numbered with its entry's row, 1-based, as the readers number their items."""
    return [
        JsonHit(hit.type, hit.value, hit.context, hit.place, row)
        for row, entry in enumerate(entries, 1)
        for hit in scan_json(entry)
    ]


class HitScan:
    """A reader's scan of one member it parses from its raw bytes: :meth:`add` each entry (with its row) as
    the reader meets it, then :meth:`result` is the member's :class:`~exportscope.model.Hits`, the very
    hits the findings pass would find in it. A member the findings pass never scans (too large) gives an
    empty result, and so does every member of a run that wants no hits (:data:`~exportscope.model.HITS_WANTED`:
    the reading drops them); a member whose bytes hold no hit key is not walked at all, and in one that does, only
    the entries that hold one are (:func:`holding_keys`)."""

    def __init__(self, source: str, size: int, raw: bytes) -> None:
        self.source = source
        self.walk = size <= MAX_SCAN_BYTES and HITS_WANTED.get() and _may_hold(source, raw)
        self.entries: list[tuple[int, Any]] = []

    def add(self, row: int, entry: Any) -> None:
        """Keep ``entry`` (as parsed, never changed by the readers) to be walked by :meth:`result`."""
        if self.walk and isinstance(entry, dict | list):
            self.entries.append((row, entry))

    def result(self) -> Hits:
        entries = self.entries
        walked = holding_keys([entry for _, entry in entries])
        hits = [
            JsonHit(h.type, h.value, h.context, h.place, entries[i][0])
            for i in walked
            for h in scan_json(entries[i][1])
        ]
        return Hits(self.source, tuple(hits))


def holding_keys(values: list[Any]) -> list[int]:
    """The positions, in order, of the values that may hold a key :func:`scan_json` acts on; the others hold
    no hit, so walking only these gives every hit.

    Why: in a file that holds one hit key (500 photos' ``exif_data`` among 5,000 posts), walking every
    entry in Python cost 30 ms; each entry written out by orjson (C) and all of them searched at once costs
    a third of that, and only the entries holding a key are walked. Sound because :func:`scan_json` compares
    ``fix_text(key).lower()`` with ASCII names: the repair never makes an ASCII letter of non-ASCII text, and
    ``str.lower`` makes ASCII of only two non-ASCII characters, the Kelvin sign (a ``k``, in no name) and a
    dotted capital I (an ``i`` with a combining dot still beside it), so a key that matches is spelled in
    ASCII letters in orjson's output, where ``bytes.lower`` finds it. A value orjson cannot write is walked."""
    if len(values) < 2:
        return list(range(len(values)))
    import orjson

    parts: list[bytes] = []
    for value in values:
        try:
            parts.append(orjson.dumps(value))
        except (orjson.JSONEncodeError, TypeError):
            return list(range(len(values)))  # rare (nesting deeper than orjson writes): walk them all
    ends = list(accumulate(map(len, parts)))
    text = b"".join(parts).lower()
    found: set[int] = set()
    for key in _HIT_KEYS:
        at = text.find(key)
        while at != -1:
            i = bisect_right(ends, at)
            found.add(i)
            at = text.find(key, ends[i]) if i + 1 < len(ends) else -1
    return sorted(found)
