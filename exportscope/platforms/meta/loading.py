"""Loading a Meta JSON member: whole, in pieces when it is big, or raw (without the repair) when it is ASCII.

Why its own module: every Meta reader loads its members through these, and they decide the memory a big
file costs (a thread part read a piece at a time, :mod:`exportscope.platforms.meta.jsonstream`) and the work
the mojibake repair costs (a file written all in ASCII, as Meta writes them, is parsed without it and only
the strings a reader keeps are repaired: :func:`load_raw_pieces`, :func:`raw_entries`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from exportscope.archive import Member
from exportscope.model import ReadFailure
from exportscope.platforms.meta.hits import checked
from exportscope.platforms.meta.jsonread import RECORD_KEYS, entries, entry_list, loads, parse_ascii
from exportscope.platforms.meta.jsonstream import STREAM_BYTES, pieces

#: Meta's largest real files (message threads) stay under about 100 MB; a member beyond this fails alone.
#: Parsed whole, JSON takes several times its size in memory: a big thread is read in pieces instead
#: (:func:`load_pieces`), and this cap bounds the bytes held while it is.
MAX_JSON_BYTES = 256 * 1024 * 1024


def load(member: Member) -> Any:
    """One member's JSON, repaired; a non-JSON member raises a one-line error that fails only this file."""
    check_size(member)
    return loads(read_checked(member))


def read_checked(member: Member) -> bytes:
    """A member's bytes, checked for the keys of its hits while they are in hand
    (:func:`~exportscope.platforms.meta.hits.checked`): the findings pass need not read it again."""
    data = member.read_bytes()
    checked(member, data)
    return data


def check_size(member: Member) -> None:
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
    check_size(member)
    data = read_checked(member)
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
    check_size(member)
    yield from pieces(read_checked(member))


def load_raw_pieces(member: Member) -> tuple[Iterator[tuple[str | None, Any, bool]], bool]:
    """:func:`load_pieces`, and whether its strings are repaired already. A small member written all in
    ASCII (as Meta writes them) is parsed without the bytes repair: the caller repairs only the strings it
    keeps (:func:`~exportscope.platforms.meta.jsonread.repair_column`), which is the same text for less work."""
    if member.size >= STREAM_BYTES:
        return load_pieces(member), True
    check_size(member)
    data = read_checked(member)
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


def raw_entries(member: Member) -> tuple[Iterable[Any], bytes | None]:
    """The member's entries, and its bytes when they were parsed *without* the repair (a small member
    written all in ASCII: its entries' strings are repaired by the reader, and they come as a list,
    :func:`~exportscope.platforms.meta.jsonread.entry_list`); None for a member parsed as before (repaired)."""
    if member.size >= STREAM_BYTES:
        return load_entries(member), None
    return whole_entries(member)


def whole_entries(member: Member, raw: Callable[[bytes], bool] | None = None) -> tuple[list[Any], bytes | None]:
    """:func:`raw_entries` of a member parsed whole (under
    :data:`~exportscope.platforms.meta.jsonstream.STREAM_BYTES`): its entries as a list. ``raw``, when
    given, says from the bytes whether parsing without the repair is worth trying (else it is repaired)."""
    check_size(member)
    data = read_checked(member)
    if raw is None or raw(data):
        try:
            return entry_list(parse_ascii(data)), data
        except LookupError:
            pass
    return entry_list(loads(data)), None
