"""Raw deflate for zip members: zlib-ng when it is installed (a dependency), else the standard library's zlib.

Why: inflating is a third of what the floor of a JSON export costs (inflate every member, parse it with
orjson: issue 19). python-zlib-ng is a drop-in ``zlib`` module built on zlib-ng, a maintained fork of zlib
whose inflate and CRC-32 use the processor's wide and vector instructions: the same raw deflate streams give
the same bytes and the same CRC-32, 2.5 times faster on the heavy Facebook export (59 MB of JSON: 0.096 s
-> 0.039 s inflated and checked, one process). The streams, the limits and the checks are ours either way
(:class:`exportscope.zipread.MemberReader`); only the engine changes. The standard module stays the fallback
for a platform without a zlib-ng wheel or build (:data:`BACKEND` says which one runs), so a missing
package costs speed, never a run.
"""

from __future__ import annotations

import zlib
from typing import Any, Protocol


class Inflater(Protocol):
    """What :class:`~exportscope.zipread.MemberReader` uses of a decompression object (both modules')."""

    @property
    def eof(self) -> bool: ...

    @property
    def unconsumed_tail(self) -> bytes: ...

    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...


def _engine() -> tuple[str, Any]:
    try:
        from zlib_ng import zlib_ng
    except ImportError:  # no wheel for this platform and no build: the standard module
        return "zlib", zlib
    return "zlib-ng", zlib_ng


#: Which engine inflates: "zlib-ng" or "zlib".
BACKEND, _MODULE = _engine()

#: What a damaged stream raises, whichever engine inflates it.
ERRORS: tuple[type[Exception], ...] = (zlib.error, _MODULE.error)


def raw_inflater() -> Inflater:
    """A raw deflate stream's decompressor (``wbits=-15``: zip members have no zlib header)."""
    inflater: Inflater = _MODULE.decompressobj(-15)
    return inflater


def crc32(data: bytes, value: int = 0) -> int:
    """CRC-32 of ``data`` continued from ``value``, as :func:`zlib.crc32`."""
    result: int = _MODULE.crc32(data, value)
    return result
