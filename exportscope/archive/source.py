"""One input (a zip, a folder or a loose file) and the capped streams of its members.

Why a module of its own: every limit a reader relies on is enforced here, where a member is opened, and
nowhere else: the declared size and inflation ratio, the run's inflation budget, encryption, and a zip on disk
that changed since it was planned (a :class:`Source` sent to the worker process opens its zip again and
checks it is the same file). Readers never touch ``zipfile`` or the disk themselves.
"""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from exportscope.notes import Problem
from exportscope.regular import open_regular, open_regular_fd, pread
from exportscope.zipread import (
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    RATIO_MIN_BYTES,
    Budget,
    CountingReader,
    MemberError,
    MemberReader,
)

if TYPE_CHECKING:
    from exportscope.archive.member import Member


class SourceChanged(Exception):
    """An input on disk is no longer the file that was planned (replaced or rewritten since)."""


def fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies a file's content cheaply: the same device, inode, size and modification time."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(eq=False)
class Source:
    """One input: a zip file, a folder, or a single loose file (a WhatsApp ``.txt`` chat)."""

    path: Path
    kind: str  # "zip" | "folder" | "file"
    members: list[Member] = field(default_factory=list)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (path, why) for unusable members
    _zip: zipfile.ZipFile | None = None
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_ratio: float = MAX_RATIO
    #: The run's inflation budget, shared by all its sources (a source alone gets one for its own size).
    budget: Budget = field(default_factory=lambda: Budget.for_size(0))
    #: How many zips this one sits inside (0: a file on disk).
    depth: int = 0
    #: Bytes of the input on disk (the zip file, or the folder's files), for the default budget.
    disk_bytes: int = 0
    _read_at: Callable[[int, int], bytes] | None = None  # (offset, n) -> the zip's bytes there
    _fd: int | None = None  # the zip file's descriptor, read with pread (no shared position)
    _next: dict[int, int] = field(default_factory=dict)  # local header offset -> where the next entry begins
    _dirs: dict[str, dict[str, int]] | None = None
    _entries: dict[int, zipfile.ZipInfo] | None = None  # the reopened zip's entries by offset (:meth:`entry`)
    #: A zip read from inside another zip: the member it was read from (to open it again in the worker).
    origin: Member | None = None
    #: A zip or loose file on disk: (device, inode, size, mtime ns) when it was opened.
    fingerprint: tuple[int, int, int, int] | None = None
    #: A folder: every file name met by the walk (relative POSIX path) -> (size, mtime ns) when listed.
    listing: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    def __getstate__(self) -> dict[str, object]:
        """Sent to the worker process without its open handles; they are opened again on first use."""
        state = dict(self.__dict__)
        state.update(_zip=None, _fd=None, _read_at=None, _dirs=None, _entries=None)
        return state

    def _reopen(self) -> None:
        """Open this zip again (in the worker): from disk only if it is still the file that was planned."""
        if self.origin is not None:
            from exportscope.nested import MAX_NESTED_IN_MEMORY

            data = self.origin.read_bytes(MAX_NESTED_IN_MEMORY + 1)
            view = memoryview(data)
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._read_at = lambda pos, n: bytes(view[pos : pos + n])
            return
        fd = open_regular_fd(self.path)
        if self.fingerprint is not None and fingerprint(os.fstat(fd)) != self.fingerprint:
            os.close(fd)
            raise SourceChanged(f"{self.path}: changed after the inputs were listed")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._read_at = fd, pread(fd)

    def copy_if_unchanged(self, keep: Callable[[Member], bool] | None = None) -> Source | None:
        """A copy of this zip with a descriptor of its own and the same listing, if the file on disk is still
        the one listed (its fingerprint); None otherwise, or for a zip read from inside another one. With
        ``keep``, only the members it keeps are in the copy.

        Why: the findings, the worklist and the people scan open an analysed export again after the
        analysis closed it. Listing the zip again costs as much as the scan of its photos (a Meta zip of
        906 members: 14 ms in ``zipfile`` and 8 ms of our own checks, against 24 ms for 500 photos' EXIF);
        the copy reads through the entries the analysis listed (``Member.info``) and parses no directory.
        A copy, not this source opened again: another thread may be reading from this one. A file that
        changed since is listed again by the caller, as before."""
        if self.kind != "zip" or self.origin is not None or self.fingerprint is None:
            return None
        try:
            fd = open_regular_fd(self.path)
        except (OSError, MemberError):
            return None
        try:
            same = fingerprint(os.fstat(fd)) == self.fingerprint
        except OSError:
            same = False
        if not same:
            os.close(fd)
            return None
        copy = dataclasses.replace(
            self,
            members=[],
            problems=list(self.problems),
            budget=Budget.for_size(self.disk_bytes),
            _zip=None,
            _fd=fd,
            _read_at=pread(fd),
            _dirs=None,
            _entries=None,
        )
        copy.members = [dataclasses.replace(m, source=copy) for m in self.members if keep is None or keep(m)]
        return copy

    def _zipfile(self) -> zipfile.ZipFile:
        """The zip's directory as ``zipfile`` lists it, parsed on first need: a member with its entry in hand
        (stored or deflated) is read through the descriptor alone (:meth:`copy_if_unchanged`)."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        return self._zip

    def ensure_open(self) -> None:
        """Open a zip sent to another process; raises :class:`SourceChanged` if it is not the planned file."""
        if self.origin is not None:
            self.origin.source.ensure_open()
        if self.kind == "zip" and self._read_at is None:
            self._reopen()

    def sizes_in(self, folder: str) -> dict[str, int]:
        """Sizes of the members directly in ``folder`` (logical paths), by file name.

        The index is built once per source, so a chat looking up its attachments costs the same whether the
        zip holds one chat or twenty thousand.
        """
        if self._dirs is None:
            self._dirs = {}
            for m in self.members:
                head, _, tail = m.path.rpartition("/")
                self._dirs.setdefault(head, {})[tail] = m.size
        return self._dirs.get(folder, {})

    def open(self, member: Member, *, buffered: bool = True) -> IO[bytes]:
        if member.encrypted:
            raise MemberError(member.path, Problem.of("encrypted"))
        if member.size > self.max_member_bytes:
            raise MemberError(member.path, Problem.of("size", size=member.size, limit=self.max_member_bytes))
        if member.size > RATIO_MIN_BYTES and member.compressed > 0 and member.size / member.compressed > self.max_ratio:
            ratio = round(member.size / member.compressed)
            raise MemberError(member.path, Problem.of("ratio", ratio=ratio, limit=round(self.max_ratio)))
        if buffered and self.kind == "zip":
            # A whole-member read: one whose declared size no longer fits fails now, inflating nothing, so
            # the members after it that still fit are read.
            self.budget.refuse(member.path, member.size)
        raw = self._raw(member)
        if not buffered:
            return raw  # type: ignore[return-value]
        return io.BufferedReader(raw, buffer_size=1024 * 1024)

    def _raw(self, member: Member) -> io.RawIOBase:
        try:
            if self.kind == "zip" and self._read_at is None:
                self._reopen()
            if self.kind == "zip" and self._read_at is not None:
                info = member.info or self.entry(member)
                if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    return MemberReader(
                        self._read_at,
                        info,
                        label=member.path,
                        next_offset=self._next.get(info.header_offset, info.header_offset),
                        budget=self.budget,
                        max_ratio=self.max_ratio,
                    )
                # bzip2, lzma: zipfile inflates, we count what comes out against the declared size.
                inner: IO[bytes] = self._zipfile().open(info)
                return CountingReader(inner, max(member.size, 0), member.path, self.budget, strict=True)
            disk = self.path / member.key if self.kind == "folder" else self.path
            return CountingReader(open_regular(disk), max(member.size, 0), member.path, None, strict=False)
        except MemberError:
            raise
        except SourceChanged as exc:
            raise MemberError(member.path, Problem.of("zip_changed")) from exc
        except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError, KeyError) as exc:
            raise MemberError(member.path, Problem.of("unreadable", reason(exc))) from exc

    def entry(self, member: Member) -> zipfile.ZipInfo:
        """``member``'s entry in this open zip: the one at its offset when it travelled without it (see
        :meth:`Member.__getstate__`), else the entry of its name. Kept on the member for its next read."""
        directory = self._zipfile()
        info: zipfile.ZipInfo | None = None
        if member.entry_offset is not None:
            if self._entries is None:
                self._entries = {i.header_offset: i for i in directory.infolist()}
            info = self._entries.get(member.entry_offset)
        if info is None or info.filename != member.key:  # never for the planned file: its name decides then
            info = directory.getinfo(member.key)
        member.info = info
        return info

    def close(self) -> None:
        self._entries = None
        self._read_at = None  # open again on the next read (:meth:`_reopen`)
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def reason(exc: BaseException) -> str:
    """An exception as the short detail of a problem: its first line, at most 200 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
