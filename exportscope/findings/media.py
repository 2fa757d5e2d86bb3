"""What media says about where and how it was made: EXIF in the image files of the archive, and the GPS,
upload IPs and tags Meta records beside posts and photos in its JSON.

Images are never decoded: only their first bytes are read (a JPEG's EXIF block sits in its first 64 KiB,
before the picture data), so scanning thousands of photos costs a few KiB each. The Meta JSON shapes are
those of shared/reference/meta.md (``media_metadata.*.exif_data[]`` with ``latitude``/``longitude``/
``upload_ip``; ``place.coordinate``; a post's ``tags``); the scan walks any JSON generically so it does not
depend on how a reader names its rules.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from exportscope.archive import InputError, Member, open_source
from exportscope.platforms.meta.jsonread import entries, fix_text

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"})
#: Bytes read from the start of an image before giving up on finding its EXIF block.
HEAD_BYTES = 64 * 1024
MAX_HEAD_BYTES = 256 * 1024
#: JSON members larger than this are not scanned for metadata (Meta's message files reach 100 MB).
MAX_JSON_BYTES = 64 * 1024 * 1024

_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769


@dataclass(frozen=True, slots=True)
class PhotoMeta:
    gps: tuple[float, float] | None = None
    camera: str | None = None
    taken: str | None = None

    def __bool__(self) -> bool:
        return bool(self.gps or self.camera or self.taken)


# --- EXIF in image files ------------------------------------------------------------------------------


def _jpeg_exif(fh: IO[bytes], head: bytes) -> bytes | None:
    """The ``Exif\\0\\0`` APP1 payload, walking the JPEG markers and reading on only as far as needed."""
    buf = bytearray(head)

    def need(n: int) -> bool:
        while len(buf) < n:
            if n > MAX_HEAD_BYTES:
                return False
            chunk = fh.read(n - len(buf))
            if not chunk:
                return False
            buf.extend(chunk)
        return True

    i = 2
    while need(i + 4):
        if buf[i] != 0xFF:
            return None
        marker = buf[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        if marker in (0xDA, 0xD9):  # picture data starts: no EXIF before it
            return None
        length = int.from_bytes(buf[i + 2 : i + 4], "big")
        if marker == 0xE1 and need(i + 2 + length):
            payload = bytes(buf[i + 4 : i + 2 + length])
            if payload.startswith(b"Exif\x00\x00"):
                return payload
        i += 2 + length
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace("\x00", " ").split())
    return value or None


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(x) for x in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60 + s / 3600
    return -deg if _text(ref) in ("S", "W") else deg


def meta_from_exif(exif: Any) -> PhotoMeta:
    """GPS (decimal degrees), camera (make and model) and date taken from a PIL ``Image.Exif``."""
    gps_ifd = exif.get_ifd(_GPS_IFD)
    gps = None
    if gps_ifd:
        lat = _degrees(gps_ifd.get(2), gps_ifd.get(1))
        lon = _degrees(gps_ifd.get(4), gps_ifd.get(3))
        if lat is not None and lon is not None and (lat, lon) != (0.0, 0.0) and abs(lat) <= 90 and abs(lon) <= 180:
            gps = (round(lat, 5), round(lon, 5))
    make, model = _text(exif.get(0x010F)), _text(exif.get(0x0110))
    camera = (
        model if model and make and model.lower().startswith(make.lower()) else " ".join(filter(None, [make, model]))
    )
    taken = _text(exif.get_ifd(_EXIF_IFD).get(0x9003)) or _text(exif.get(0x0132))
    if taken and (taken.startswith("0000") or len(taken) < 10):
        taken = None
    elif taken:
        taken = taken[:10].replace(":", "-") + taken[10:]
    return PhotoMeta(gps=gps, camera=camera or None, taken=taken)


def read_photo_meta(member: Member) -> PhotoMeta:
    """EXIF facts of one image member, from its first bytes only. Unreadable images give an empty result."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings(), member.open(buffered=False) as fh:
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF; an odd photo is not news
            head = fh.read(HEAD_BYTES)
            exif = Image.Exif()
            if head[:2] == b"\xff\xd8":
                payload = _jpeg_exif(fh, head)
                if payload is None:
                    return PhotoMeta()
                exif.load(payload)
            else:
                with Image.open(io.BytesIO(head)) as im:
                    exif = im.getexif()
            return meta_from_exif(exif)
    except Exception:  # corrupt EXIF (struct.error), a decompression-bomb header, a damaged member...
        # One odd image never stops the scan or the report; the member's ledger entry says what it is.
        return PhotoMeta()


# --- Meta JSON ------------------------------------------------------------------------------------------


# Meta's mojibake repair for one string is the reader's own (one implementation).
fix_mojibake = fix_text


@dataclass(frozen=True, slots=True)
class JsonHit:
    """One value found in a Meta JSON file. ``context`` says what it was recorded with, as a code
    (``exif_data``: the upload's metadata; ``place``: a place the post names, its name in ``place``; ``tag``:
    a tag); ``row`` is the entry of the file it sits in, numbered as the readers number their items."""

    type: str  # "gps" | "upload_ip" | "person"
    value: str
    context: str | None = None
    place: str | None = None
    row: int | None = None


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
        key = fix_mojibake(str(raw_key)).lower()
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
            place = " ".join(fix_mojibake(name).split()) if isinstance(name, str) and name.strip() else None
            yield JsonHit("gps", _fmt_gps(gps), "place", place)
            continue
        if key == "tags" and isinstance(value, list):
            for tag in value:
                name = tag.get("name") if isinstance(tag, dict) else tag
                if isinstance(name, str) and name.strip():
                    yield JsonHit("person", " ".join(fix_mojibake(name).split()), "tag")
            continue
        if isinstance(value, dict | list):
            yield from scan_json(value)


def read_json_hits(member: Member) -> list[JsonHit]:
    import orjson

    if member.size > MAX_JSON_BYTES:
        return []
    try:
        raw = member.read_bytes()
        if not _may_hold_hits(raw):
            return []
        data = orjson.loads(raw)
    except (orjson.JSONDecodeError, OSError, ValueError):
        return []
    # Numbered by entry as the readers number their items, so a hit finds the item it belongs to.
    return [replace(hit, row=row) for row, entry in enumerate(entries(data), 1) for hit in scan_json(entry)]


#: The keys :func:`scan_json` acts on, and an escape that could spell an ASCII letter of one of them.
_HIT_KEYS = (b"exif_data", b"coordinate", b"tags")
_ASCII_ESCAPE = re.compile(rb"\\u00[0-7][0-9a-fA-F]")


def _may_hold_hits(raw: bytes) -> bool:
    """False only when no key of the file can be one :func:`scan_json` acts on, checked on the bytes so a
    file without one (most of an export: comments, likes, searches) is never parsed a second time. Keys are
    compared case-insensitively there, so the bytes are too; a key could also spell a letter as a
    ``\\u00XX`` escape (never seen from Meta), and then the file is scanned."""
    low = raw.lower()
    return any(k in low for k in _HIT_KEYS) or _ASCII_ESCAPE.search(raw) is not None


def is_message_path(path: str) -> bool:
    parts = path.lower().split("/")
    return "messages" in parts[:-1]


# --- re-opening an analysed export -----------------------------------------------------------------------


def scanned(member: Member) -> bool:
    """Whether the media findings open this member: a photo, or a JSON file."""
    suffix = member.suffix
    return suffix in IMAGE_SUFFIXES or suffix == ".json"


@contextlib.contextmanager
def reopened(sources: list[Any], wanted: Callable[[Member], bool] | None = None) -> Iterator[list[Member]]:
    """The members of already-analysed sources, readable again.

    :func:`exportscope.pipeline.analyze` closes its archives when it returns; rather than keep file handles
    open for the whole life of a report or the terminal UI, the sources are opened again here and each
    member keeps the logical path the analysis gave it (wrapper folders stripped). The same path in two
    parts counts once, as in :class:`exportscope.archive.Archive`. With ``wanted``, a source holding no
    member it wants is not opened again (a zip of 20,000 chats has no photo to scan: listing it again
    would cost as much as the scan).
    """
    fresh = []
    members: dict[str, Member] = {}
    try:
        for src in sources:
            if wanted is not None and not any(wanted(m) for m in src.members):
                continue
            try:
                new = open_source(src.path)
            except InputError:
                continue  # moved or deleted since the analysis: its media cannot be scanned
            new.max_member_bytes = src.max_member_bytes
            new.max_ratio = src.max_ratio
            fresh.append(new)
            by_key = {m.key: m for m in new.members}
            for old in src.members:
                m = by_key.get(old.key)
                if m is not None and old.path not in members:
                    m.path = old.path
                    members[old.path] = m
        yield list(members.values())
    finally:
        for s in fresh:
            s.close()
