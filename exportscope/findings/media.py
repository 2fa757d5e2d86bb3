"""What media says about where and how it was made: EXIF in the image files of the archive, and the GPS,
upload IPs and tags Meta records beside posts and photos in its JSON.

Images are never decoded: only their first bytes are read (a JPEG's EXIF block sits in its first 64 KiB,
before the picture data), so scanning thousands of photos costs a few KiB each. The Meta JSON scan is
:mod:`exportscope.platforms.meta.hits`: the readers run it while they parse (their
:class:`~exportscope.model.Hits` travel with the analysis, ``Export.hits``), and :func:`read_json_hits`
runs it here only on the members no reader scanned.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from exportscope.archive import InputError, Member, open_source
from exportscope.model import JsonHit as JsonHit
from exportscope.platforms.meta.hits import MAX_SCAN_BYTES, entry_hits
from exportscope.platforms.meta.hits import is_message_path as is_message_path
from exportscope.platforms.meta.hits import may_hold_hits as _may_hold_hits
from exportscope.platforms.meta.hits import scan_json as scan_json
from exportscope.platforms.meta.jsonread import entries, fix_text

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"})
#: Bytes read from the start of an image before giving up on finding its EXIF block.
HEAD_BYTES = 64 * 1024
MAX_HEAD_BYTES = 256 * 1024
#: Bytes read first from an image stored as is: a JPEG's markers up to its EXIF block (or to the picture
#: data, when it has none) fit in a few KiB, and more is read only as the markers ask (:func:`_jpeg_exif`);
#: any other image gets the rest of :data:`HEAD_BYTES` before it is looked at.
FIRST_BYTES = 4 * 1024
MAX_JSON_BYTES = MAX_SCAN_BYTES

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


def _inflated(member: Member) -> bool:
    """A zip member stored compressed (photos are usually stored as they are)."""
    return member.info is not None and member.info.compress_type != zipfile.ZIP_STORED


def read_photo_meta(member: Member) -> PhotoMeta:
    """EXIF facts of one image member, from its first bytes only. Unreadable images give an empty result."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings(), member.open(buffered=False) as fh:
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF; an odd photo is not news
            # Why not HEAD_BYTES at once: a photo's header is a few KiB, and reading, checksumming and copying
            # 64 KiB of each photo was half of what scanning it cost (29 -> 16 µs a photo; 2,048 photos: 0.060
            # -> 0.032 s). An inflated member keeps the single read: its reads may come back shorter.
            first = HEAD_BYTES if _inflated(member) else FIRST_BYTES
            head = fh.read(first)
            exif = Image.Exif()
            if head[:2] == b"\xff\xd8":
                payload = _jpeg_exif(fh, head)
                if payload is None:
                    return PhotoMeta()
                exif.load(payload)
            else:
                if len(head) == first < HEAD_BYTES:  # the rest of the head, as one read of HEAD_BYTES gave
                    head += fh.read(HEAD_BYTES - first)
                with Image.open(io.BytesIO(head)) as im:
                    exif = im.getexif()
            return meta_from_exif(exif)
    except Exception:  # corrupt EXIF (struct.error), a decompression-bomb header, a damaged member...
        # One odd image never stops the scan or the report; the member's ledger entry says what it is.
        return PhotoMeta()


# --- Meta JSON ------------------------------------------------------------------------------------------


# Meta's mojibake repair for one string is the reader's own (one implementation).
fix_mojibake = fix_text


def read_json_hits(member: Member) -> list[JsonHit]:
    """The hits of a member no reader scanned (:class:`~exportscope.model.Hits`): opened and parsed again."""
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
    return entry_hits(entries(data))


# --- re-opening an analysed export -----------------------------------------------------------------------


def scanned(member: Member) -> bool:
    """Whether the media findings open this member: a photo, or a JSON file."""
    suffix = member.suffix
    return suffix in IMAGE_SUFFIXES or suffix == ".json"


@contextlib.contextmanager
def reopened(
    sources: list[Any], wanted: Callable[[Member], bool] | None = None, read: Callable[[Member], bool] | None = None
) -> Iterator[list[Member]]:
    """The members of already-analysed sources, readable again.

    :func:`exportscope.pipeline.analyze` closes its archives when it returns; rather than keep file handles
    open for the whole life of a report or the terminal UI, the sources are opened again here and each
    member keeps the logical path the analysis gave it (wrapper folders stripped). The same path in two
    parts counts once, as in :class:`exportscope.archive.Archive`. With ``wanted``, a source holding no
    member it wants is not opened again (a zip of 20,000 chats has no photo to scan: listing it again
    would cost as much as the scan). With ``read`` too (which wanted members the caller reads), a source
    holding wanted members but none to read is not opened either: its wanted members come as the analysis
    listed them, for their paths only (a Meta zip whose JSON the readers have all scanned, and no photo).
    A zip still the file the analysis listed is not listed again (:meth:`Source.copy_if_unchanged`).
    """
    fresh = []
    members: dict[str, Member] = {}
    try:
        for src in sources:
            if wanted is not None and not any(wanted(m) for m in src.members):
                continue
            if wanted is not None and read is not None and not any(read(m) for m in src.members if wanted(m)):
                for old in src.members:
                    if wanted(old) and old.path not in members:
                        members[old.path] = old
                continue
            new = src.copy_if_unchanged(wanted)  # the analysis' own listing, while the file is the one it listed
            if new is not None:
                fresh.append(new)
                for m in new.members:
                    members.setdefault(m.path, m)
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
