"""One logical, read-only view over the zips, folders and files a person hands us.

Why a layer of its own: every reader must get the same guarantees without thinking about them. Members are
streamed straight out of the zip (never extracted), names are normalised so a hostile ``../`` can never
become a filesystem path, a member that would inflate past the limits fails alone, and the archive is never
written to. Readers only ever see :class:`Member` and the streams this module hands out.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from exportscope import i18n
from exportscope.errors import InputError
from exportscope.notes import Problem
from exportscope.regular import open_regular, open_regular_fd, pread, special_problem, special_reason
from exportscope.zipread import (
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    RATIO_MIN_BYTES,
    Budget,
    CountingReader,
    MemberError,
    MemberReader,
    next_offsets,
    overlapping,
)

__all__ = [
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "RATIO_MIN_BYTES",
    "Archive",
    "Budget",
    "InputError",
    "Member",
    "MemberError",
    "Source",
    "SourceChanged",
    "fingerprint",
    "normalise_name",
    "open_source",
    "special_reason",
    "strip_wrapper",
]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_LOOSE_SUFFIXES = {".txt", ".csv", ".json", ".html", ".htm"}


class SourceChanged(Exception):
    """An input on disk is no longer the file that was planned (replaced or rewritten since)."""


def fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies a file's content cheaply: the same device, inode, size and modification time."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def normalise_name(name: str) -> str:
    """Turn a member name into a safe relative POSIX path.

    Backslashes become slashes, drive letters and leading slashes go, ``.`` and ``..`` parts are dropped:
    the result never escapes its archive and is only ever used as a key, never opened on disk. Names are
    NFC-normalised: a zip re-made on a Mac (NFD names) and its original name their files alike.
    """
    name = unicodedata.normalize("NFC", name.replace("\\", "/"))
    parts: list[str] = []
    for i, part in enumerate(name.split("/")):
        if i == 0 and len(part) == 2 and part[1] == ":":
            continue
        if part in ("", ".", ".."):
            continue
        parts.append(part)
    return "/".join(parts)


@dataclass(slots=True)
class Member:
    """One file of an export: its logical path, where it comes from, and its (declared) sizes."""

    path: str
    source: Source
    size: int
    compressed: int
    key: str = ""  # the name inside its source (zip name or path relative to the folder)
    encrypted: bool = False
    info: zipfile.ZipInfo | None = None  # the zip entry itself: two entries may share a name

    @property
    def name(self) -> str:
        # PurePosixPath(path).name, without building a path object (asked for every member, many times):
        # the same for a normalised path, whose last part is never empty nor ".".
        tail = self.path.rpartition("/")[2]
        return tail if tail and tail != "." else PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        name = self.name
        dot = name.rfind(".")
        return name[dot:].lower() if 0 < dot < len(name) - 1 else ""

    def open(self, *, buffered: bool = True) -> IO[bytes]:
        """A binary stream of the member's inflated bytes, capped at the limits.

        ``buffered=False`` for readers of a few header bytes: a buffered stream would inflate a megabyte
        ahead of what they read.
        """
        return self.source.open(self, buffered=buffered)

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The whole member, or only its first ``limit`` bytes (media headers need only those).

        With a limit the stream is unbuffered, so no more than ``limit`` bytes (plus the zip layer's small
        read-ahead) are ever inflated: reading a photo's EXIF never reads the photo.
        """
        if limit is None:
            with self.open() as fh:
                return fh.read()
        with self.source.open(self, buffered=False) as raw:
            parts: list[bytes] = []
            left = limit
            while left > 0:
                chunk = raw.read(left)
                if not chunk:
                    break
                parts.append(chunk)
                left -= len(chunk)
            return b"".join(parts)


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
        state.update(_zip=None, _fd=None, _read_at=None, _dirs=None)
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

    def ensure_open(self) -> None:
        """Open a zip sent to another process; raises :class:`SourceChanged` if it is not the planned file."""
        if self.origin is not None:
            self.origin.source.ensure_open()
        if self.kind == "zip" and self._zip is None:
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
            if self.kind == "zip" and self._zip is None:
                self._reopen()
            if self._zip is not None and self._read_at is not None:
                info = member.info or self._zip.getinfo(member.key)
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
                inner: IO[bytes] = self._zip.open(info)
                return CountingReader(inner, max(member.size, 0), member.path, self.budget, strict=True)
            disk = self.path / member.key if self.kind == "folder" else self.path
            return CountingReader(open_regular(disk), max(member.size, 0), member.path, None, strict=False)
        except MemberError:
            raise
        except SourceChanged as exc:
            raise MemberError(member.path, Problem.of("zip_changed")) from exc
        except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError, KeyError) as exc:
            raise MemberError(member.path, Problem.of("unreadable", _reason(exc))) from exc

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def open_source(path: Path) -> Source:
    """Open one input, or raise :class:`InputError` with a sentence a person can act on."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except OSError as exc:  # a name too long, a folder on the way that cannot be searched, a symlink loop
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        if not os.access(path, os.R_OK | os.X_OK):
            raise InputError(f"{path}: cannot be read (permission denied)")
        return _open_folder(path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: {special_reason(st.st_mode)}; give the export's .zip or its folder")
    try:
        with open_regular(path) as fh:
            head = fh.read(4)
            st = os.fstat(fh.fileno())
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    except MemberError as exc:  # swapped for a FIFO between the two looks
        raise InputError(f"{path}: {i18n.problem_text(exc.problem)}", exc.problem) from None
    if head[:4] in _ZIP_MAGIC or path.suffix.lower() == ".zip":
        return _open_zip(path, head)
    if path.suffix.lower() in _LOOSE_SUFFIXES:
        src = Source(path=path, kind="file", disk_bytes=st.st_size, fingerprint=fingerprint(st))
        src.members.append(Member(path=path.name, source=src, size=st.st_size, compressed=st.st_size, key=path.name))
        return src
    raise InputError(f"{path}: not a zip archive, a folder or a chat .txt; give the export's .zip or its folder")


def _open_zip(path: Path, head: bytes) -> Source:
    if head[:4] not in _ZIP_MAGIC:
        raise InputError(f"{path}: not a zip archive (the file does not start like one)", Problem.of("not_zip"))
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
        size = path.stat().st_size
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        # NotImplementedError: a damaged header claiming a zip version newer than Python reads.
        raise InputError(
            f"{path}: damaged or truncated zip ({_reason(exc)}); download the export again",
            Problem.of("damaged_zip", _reason(exc)),
        ) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({_reason(exc)})", Problem.of("unreadable", _reason(exc))) from exc
    try:
        fd = open_regular_fd(path)
    except OSError as exc:
        zf.close()
        raise InputError(f"{path}: cannot be read ({_reason(exc)})", Problem.of("unreadable", _reason(exc))) from exc
    src = _zip_source(path, zf, infos, pread(fd))
    src._fd = fd
    with contextlib.suppress(OSError):
        src.fingerprint = fingerprint(os.fstat(fd))
    src.disk_bytes = size
    src.budget = Budget.for_size(size)
    if src.members and all(m.encrypted for m in src.members):
        zf.close()
        raise InputError(
            f"{path}: the zip is encrypted (password-protected); exportscope cannot read it", Problem.of("encrypted")
        )
    return src


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it. Without the UTF-8 flag (bit 11) zipfile decodes names as
    cp437, but most tools write UTF-8 regardless: such a name is read as UTF-8 when its bytes are valid
    UTF-8 ("Données", not "Donn├⌐es"), else kept as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_source(
    path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], read_at: Callable[[int, int], bytes]
) -> Source:
    src = Source(path=path, kind="zip", _zip=zf, _read_at=read_at)
    end = int(getattr(zf, "start_dir", 0)) or max((i.header_offset for i in infos), default=0)
    src._next = next_offsets(infos, end)
    bad = overlapping(infos, end)
    for n, info in enumerate(infos):
        if info.filename.endswith("/"):  # a folder entry (ZipInfo.is_dir() fails on an empty name)
            continue
        logical = normalise_name(_member_name(info))
        if not logical:
            src.problems.append((info.filename, Problem.of("empty_name")))
            continue
        if n in bad:
            src.problems.append((logical, Problem.of(bad[n])))
            continue
        src.members.append(
            Member(
                path=logical,
                source=src,
                size=info.file_size,
                compressed=info.compress_size,
                key=info.filename,
                encrypted=bool(info.flag_bits & 0x1),
                info=info,
            )
        )
    return src


def _open_folder(root: Path) -> Source:
    src = Source(path=root, kind="folder")
    real_root = root.resolve()

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else root.name
        src.problems.append((rel, Problem.of("unreadable", _reason(exc))))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        # A symlinked folder is never walked into: os.walk lists it but does not follow it.
        for d in list(dirnames):
            if (here / d).is_symlink():
                rel = (here / d).relative_to(root).as_posix()
                src.problems.append((rel, Problem.of("symlink_folder")))
                dirnames.remove(d)
        for fname in sorted(filenames):
            full = here / fname
            rel = full.relative_to(root).as_posix()
            src.listing[rel] = (-1, -1)  # met, whatever happens next: only a new name is "appeared"
            try:
                st = full.lstat()
                src.listing[rel] = (st.st_size, st.st_mtime_ns)
                if stat.S_ISLNK(st.st_mode):
                    target = full.resolve()
                    if not target.is_relative_to(real_root):
                        src.problems.append((rel, Problem.of("symlink_outside")))
                        continue
                    st = target.stat()
                if not stat.S_ISREG(st.st_mode):
                    # A FIFO would block the read forever, a device may never end: listed, never opened.
                    src.problems.append((rel, special_problem(st.st_mode)))
                    continue
            except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
                src.problems.append((rel, Problem.of("unreadable", _reason(exc))))
                continue
            src.members.append(
                Member(path=normalise_name(rel), source=src, size=st.st_size, compressed=st.st_size, key=rel)
            )
            src.disk_bytes += st.st_size
    src.budget = Budget.for_size(src.disk_bytes)
    return src


def strip_wrapper(members: Iterable[Member], keep: frozenset[str]) -> None:
    """Drop a single top folder that wraps everything (an unzipped copy, a re-zipped folder).

    ``keep`` lists top folders that are part of a real layout (``Jobs``, ``your_facebook_activity``...): a
    zip holding only one of those is not wrapped.
    """
    items = list(members)
    while items:  # one level at a time, as a loop: a hostile path can be thousands of folders deep
        tops = {m.path.split("/", 1)[0] for m in items}
        if len(tops) != 1 or any("/" not in m.path for m in items):
            return
        if next(iter(tops)).lower() in keep:
            return
        for m in items:
            m.path = m.path.split("/", 1)[1]


@dataclass(eq=False)
class Archive:
    """Several sources merged into one namespace: the parts of one export.

    The same relative path in two parts counts once; the first source in ``sources`` wins, so callers order
    them by preference (LinkedIn's Complete zip before its Basic one).
    """

    sources: list[Source]
    members: dict[str, Member] = field(default_factory=dict)
    duplicates: list[Member] = field(default_factory=list)

    def __post_init__(self) -> None:
        for src in self.sources:
            for m in src.members:
                if m.path in self.members:
                    self.duplicates.append(m)
                else:
                    self.members[m.path] = m

    def __iter__(self) -> Iterator[Member]:
        return iter(self.members.values())

    def __len__(self) -> int:
        return len(self.members)

    @property
    def problems(self) -> list[tuple[str, Problem]]:
        return [p for s in self.sources for p in s.problems]

    def close(self) -> None:
        for s in self.sources:
            s.close()
