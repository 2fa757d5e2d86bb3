"""Inflating zip members without trusting a single number the zip declares.

Why not ``zipfile.ZipFile.open``: it believes the central directory. A member can claim a 1:1 compressed size
while its deflate stream is 400 times smaller, two entries can share (or quote) each other's bytes so one
small kernel is inflated thousands of times (the "better zip bomb"), and Python 3.11.7 detects neither. Here
``zipfile`` only lists the central directory; this module reads each member's local header itself, refuses
entries whose data overlaps another's (:func:`overlapping`), and inflates through :class:`MemberReader`,
which counts what really comes out and stops at the entry's declared size, at the compression ratio measured
on the compressed bytes really consumed, and at the run's :class:`Budget`.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

from exportscope import deflate
from exportscope.notes import Problem

#: A member larger than this (inflated) fails with a clear reason instead of exhausting memory or time.
MAX_MEMBER_BYTES = 4 * 1024**3
#: Inflated/compressed ratio above which a big member is treated as a decompression bomb. Real JSON and
#: CSV compress 5-30x; a crafted member of zeros reaches 1000x.
MAX_RATIO = 250.0
#: The ratio rule applies only past this many inflated bytes, so tiny very-compressible files stay fine.
RATIO_MIN_BYTES = 8 * 1024 * 1024

#: The run may inflate this many times the bytes of its inputs on disk (real exports inflate 3-20 times:
#: their media are stored, never inflated, and their text compresses 5-30 times)...
BUDGET_FACTOR = 32
#: ...but at least this much (a small export of very compressible text)...
BUDGET_FLOOR = 16 * 1024**2
#: ...and never more than this, whatever the inputs' size.
BUDGET_CEILING = 16 * 1024**3
#: Zips inside zips are held in memory to be read (zipfile needs to seek): at most this much at once.
NESTED_MEMORY = 512 * 1024**2
#: A zip inside a zip inside a zip... is opened at most this many levels deep.
MAX_NESTED_DEPTH = 2

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_CHUNK = 64 * 1024


class MemberError(Exception):
    """One member cannot be read; that member fails, the rest of the archive goes on.

    ``problem`` says what went wrong as a value (:class:`~exportscope.notes.Problem`; its ``code`` is
    ``budget``, ``ratio``, ``declared_size``, ``overlap``, ``nested_depth``, ``not_regular_fifo``,
    ``damaged``...); ``label`` is the member's path. The message (``str()``) is both in English, for a log.
    """

    def __init__(self, label: str, problem: Problem) -> None:
        from exportscope import i18n

        super().__init__(f"{label}: {i18n.problem_text(problem)}")
        self.label, self.problem, self.code = label, problem, problem.code


@dataclass
class Budget:
    """What one run may inflate in total, counted on the bytes that really come out of the decompressor.

    Shared by every source of a run (nested zips included), so a hundred members each under the per-member
    limits cannot add up to gigabytes. A member whose declared size no longer fits fails before a byte is
    inflated, and so does one that passes the budget while inflating: it fails alone, the members that still
    fit are read. ``nested_*`` bounds the memory held by zips opened inside zips, charged by what they hold.
    """

    limit: int
    used: int = 0
    nested_limit: int = NESTED_MEMORY
    nested_used: int = 0
    #: The whole run's budget, as said to a person (``limit`` may be one process's share of it).
    total: int = 0

    def __post_init__(self) -> None:
        self.total = self.total or self.limit

    @classmethod
    def for_size(cls, disk_bytes: int, limit: int | None = None) -> Budget:
        """The default budget for inputs of ``disk_bytes`` on disk, unless ``limit`` overrides it."""
        if limit is None:
            limit = min(BUDGET_CEILING, max(BUDGET_FLOOR, BUDGET_FACTOR * disk_bytes))
        return cls(limit)

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)

    def allow(self, limit: int) -> None:
        """Start counting afresh with ``limit`` bytes (a worker process given its share of the run)."""
        self.limit, self.used = limit, 0

    def refuse(self, label: str, declared: int) -> None:
        """Fail a member whose declared size cannot fit in what is left, before inflating any of it."""
        if declared > self.left:
            raise MemberError(label, Problem.of("budget", total=self.total))

    def charge(self, label: str, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise MemberError(label, Problem.of("budget", total=self.total))


def overlapping(infos: Sequence[zipfile.ZipInfo], end: int) -> dict[int, str]:
    """Entries (by index) whose bytes overlap another entry's, or run past the central directory at ``end``.

    Each entry spans from its local header to the end of its compressed data. The local header's extra field
    is not known without reading it, so this uses the shortest span the entry can have; :class:`MemberReader`
    checks the exact span when the member is opened. Every entry of an overlapping pair is returned: the one
    holding another's header and the one held.
    """
    spans = []
    for i, info in enumerate(infos):
        start = info.header_offset
        spans.append((start, start + _LOCAL_HEADER.size + len(_raw_name(info)) + info.compress_size, i))
    spans.sort()
    bad: dict[int, str] = {}
    reach = -1  # the furthest end among the entries before
    for k, (start, stop, i) in enumerate(spans):
        nxt = spans[k + 1][0] if k + 1 < len(spans) else end
        if start < reach or stop > nxt:
            bad[i] = "overlap_entries"
        if stop > end:
            bad[i] = "overlap_directory"
        reach = max(reach, stop)
    return bad


def next_offsets(infos: Sequence[zipfile.ZipInfo], end: int) -> dict[int, int]:
    """For each local header offset, where the next entry (or the central directory) begins."""
    offsets = sorted({i.header_offset for i in infos})
    return {off: (offsets[k + 1] if k + 1 < len(offsets) else end) for k, off in enumerate(offsets)}


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", errors="replace")


class MemberReader(io.RawIOBase):
    """The inflated bytes of one zip member, with every limit checked on what really comes out.

    Stops with :class:`MemberError` when the output passes the entry's declared size, when past
    :data:`RATIO_MIN_BYTES` the output is more than ``max_ratio`` times the compressed bytes really consumed,
    when the run's budget runs out, or when the data is damaged (bad stream, bad checksum, cut short).
    ``readinto`` never inflates more than it is asked for, so reading a photo's first 64 KiB inflates 64 KiB.
    """

    def __init__(
        self,
        read_at: Callable[[int, int], bytes],
        info: zipfile.ZipInfo,
        *,
        label: str,
        next_offset: int,
        budget: Budget,
        max_ratio: float,
    ) -> None:
        self._label, self._budget, self._max_ratio = label, budget, max_ratio
        self._info, self._read_at = info, read_at
        head = read_at(info.header_offset, _LOCAL_HEADER.size)
        if len(head) != _LOCAL_HEADER.size or head[:4] != _LOCAL_MAGIC:
            raise MemberError(label, Problem.of("damaged_header"))
        fields = _LOCAL_HEADER.unpack(head)
        start = info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11]
        if start + info.compress_size > next_offset:
            raise MemberError(label, Problem.of("overlap"))
        self._pos = start  # where the next compressed bytes are read (a shared handle: never its position)
        self._method = info.compress_type
        self._left = info.compress_size  # compressed bytes still to read, as declared
        self._read = 0  # compressed bytes read from the file
        self._out = 0  # bytes produced
        self._crc = 0
        self._eof = False
        self._dec = deflate.raw_inflater() if self._method == zipfile.ZIP_DEFLATED else None

    def _take(self, n: int) -> bytes:
        data = self._read_at(self._pos, min(n, self._left))
        self._pos += len(data)
        self._left -= len(data)
        self._read += len(data)
        return data

    def readable(self) -> bool:
        return True

    def readall(self) -> bytes:
        """The rest of the member, inflated a megabyte at a time (io's default asks 8 KiB per call)."""
        parts = []
        while chunk := self.read(1024 * 1024):
            parts.append(chunk)
        return b"".join(parts)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._eof or not len(buffer):
            return 0
        data = self._inflate(len(buffer))
        if not data:
            self._finish()
            return 0
        self._account(data)
        buffer[: len(data)] = data
        return len(data)

    def _inflate(self, want: int) -> bytes:
        if self._dec is None:  # stored
            data = self._take(want)
            if not data and self._left:
                raise MemberError(self._label, Problem.of("damaged_cut"))
            return data
        dec = self._dec
        while True:
            if dec.eof:
                return b""
            chunk = dec.unconsumed_tail or self._take(_CHUNK)
            try:
                # With no input left the decompressor may still hold output: a long match it was copying when
                # ``want`` stopped it (a repetitive member read in small reads). Only if it gives none is the
                # stream cut short.
                out = dec.decompress(chunk, want)
            except deflate.ERRORS as exc:
                raise MemberError(self._label, Problem.of("damaged_stream")) from exc
            if out:
                return out
            if not chunk and not dec.eof:
                raise MemberError(self._label, Problem.of("damaged_cut"))

    def _account(self, data: bytes) -> None:
        self._out += len(data)
        self._crc = deflate.crc32(data, self._crc)
        if self._out > self._info.file_size:
            raise MemberError(self._label, Problem.of("declared_size"))
        if self._out > RATIO_MIN_BYTES:
            consumed = self._read - (len(self._dec.unconsumed_tail) if self._dec is not None else 0)
            if self._out > self._max_ratio * max(consumed, 1):
                raise MemberError(self._label, Problem.of("ratio_stream", limit=round(self._max_ratio)))
        self._budget.charge(self._label, len(data))

    def _finish(self) -> None:
        self._eof = True
        if self._crc != self._info.CRC:
            raise MemberError(self._label, Problem.of("damaged_checksum"))


class CountingReader(io.RawIOBase):
    """A stream that stops at ``cap`` bytes and charges what comes out to the run's budget.

    For a zip member compressed by another method than deflate (read by ``zipfile``, whose limits are then
    the declared sizes) and for a file on disk, which is read up to the size it had when it was listed: a
    file that grows while it is read is not followed.
    """

    def __init__(self, inner: IO[bytes], cap: int, label: str, budget: Budget | None, *, strict: bool) -> None:
        self._inner, self._left, self._label, self._budget, self._strict = inner, cap, label, budget, strict

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        want = len(buffer) if self._strict else min(len(buffer), self._left)
        if want <= 0:
            return 0
        try:
            data = self._inner.read(want)
        except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise MemberError(self._label, Problem.of("damaged_stream")) from exc
        self._left -= len(data)
        if self._left < 0:
            raise MemberError(self._label, Problem.of("declared_size"))
        if self._budget is not None:
            self._budget.charge(self._label, len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()
