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
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

#: A member larger than this (inflated) fails with a clear reason instead of exhausting memory or time.
MAX_MEMBER_BYTES = 4 * 1024**3
#: Inflated/compressed ratio above which a big member is treated as a decompression bomb. Real JSON and
#: CSV compress 5-30x; a crafted member of zeros reaches 1000x.
MAX_RATIO = 250.0
#: The ratio rule applies only past this size, so tiny very-compressible files stay fine.
RATIO_MIN_BYTES = 8 * 1024 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_LOOSE_SUFFIXES = {".txt", ".csv", ".json", ".html", ".htm"}


class InputError(Exception):
    """An input that cannot be used at all (exit code 2). The message is one line for a person."""


class MemberError(Exception):
    """One member cannot be read; that member fails, the rest of the archive goes on."""


class SourceChanged(Exception):
    """An input on disk is no longer the file that was planned (replaced or rewritten since)."""


def fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies a file's content cheaply: the same device, inode, size and modification time."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def normalise_name(name: str) -> str:
    """Turn a member name into a safe relative POSIX path.

    Backslashes become slashes, drive letters and leading slashes go, ``.`` and ``..`` parts are dropped:
    the result never escapes its archive and is only ever used as a key, never opened on disk.
    """
    name = name.replace("\\", "/")
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
        return PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix.lower()

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


class _CappedReader(io.RawIOBase):
    """Wraps a stream and fails once more than ``cap`` bytes come out (a lying zip header).

    ``truncate``: end at ``cap`` instead of failing. A file of a folder is read as large as it was when the
    inputs were listed (the plan is a snapshot); what it gained since is not read, and the run says so.
    """

    def __init__(self, inner: IO[bytes], cap: int, label: str, truncate: bool = False) -> None:
        self._inner = inner
        self._left = cap
        self._label = label
        self._truncate = truncate

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._truncate and self._left <= 0:
            return 0
        try:
            data = self._inner.read(min(len(buffer), self._left) if self._truncate else len(buffer))
        except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as exc:
            # Corrupt compressed data or a bad CRC: this member fails, whoever was reading it.
            raise MemberError(f"{self._label}: damaged data ({_reason(exc)})") from exc
        self._left -= len(data)
        if self._left < 0:
            raise MemberError(f"{self._label}: inflates past the size limit; skipped as a possible zip bomb")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


@dataclass(eq=False)
class Source:
    """One input: a zip file, a folder, or a single loose file (a WhatsApp ``.txt`` chat)."""

    path: Path
    kind: str  # "zip" | "folder" | "file"
    members: list[Member] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) for unusable members
    _zip: zipfile.ZipFile | None = None
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_ratio: float = MAX_RATIO
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
        """Sent to the worker process without the open zip handle; it is opened again on first use."""
        state = dict(self.__dict__)
        state["_zip"] = None
        return state

    def _reopen(self) -> zipfile.ZipFile:
        """Open this zip again (in the worker): from disk only if it is still the file that was planned."""
        if self.origin is not None:
            data = self.origin.read_bytes(MAX_NESTED_IN_MEMORY + 1)
            zf = zipfile.ZipFile(io.BytesIO(data))
        else:
            zf = zipfile.ZipFile(self.path)
            if self.fingerprint is not None and fingerprint(os.fstat(zf.fp.fileno())) != self.fingerprint:  # type: ignore[union-attr]
                zf.close()
                raise SourceChanged(f"{self.path}: changed after the inputs were listed")
        self._zip = zf
        return zf

    def ensure_open(self) -> None:
        """Open a zip sent to another process; raises :class:`SourceChanged` if it is not the planned file."""
        if self.origin is not None:
            self.origin.source.ensure_open()
        if self.kind == "zip" and self._zip is None:
            self._reopen()

    def open(self, member: Member, *, buffered: bool = True) -> IO[bytes]:
        if member.encrypted:
            raise MemberError(f"{member.path}: encrypted; exportscope does not read password-protected zips")
        if member.size > self.max_member_bytes:
            raise MemberError(
                f"{member.path}: inflates to {member.size:,} bytes, over the {self.max_member_bytes:,} "
                "byte size limit; skipped as a possible zip bomb"
            )
        if member.size > RATIO_MIN_BYTES and member.compressed > 0 and member.size / member.compressed > self.max_ratio:
            raise MemberError(
                f"{member.path}: compression ratio {member.size / member.compressed:,.0f}:1 is beyond "
                f"{self.max_ratio:,.0f}:1; skipped as a possible zip bomb"
            )
        try:
            if self.kind == "zip":
                zf = self._zip if self._zip is not None else self._reopen()
                raw: IO[bytes] = zf.open(member.info or member.key)
            elif self.kind == "folder":
                raw = open(self.path / member.key, "rb")  # noqa: SIM115 - returned to the caller
            else:
                raw = open(self.path, "rb")  # noqa: SIM115
        except SourceChanged as exc:
            raise MemberError(f"{member.path}: its zip changed after the inputs were listed; not read") from exc
        except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise MemberError(f"{member.path}: cannot be read ({_reason(exc)})") from exc
        if self.kind == "zip":
            capped = _CappedReader(raw, max(member.size, 0) + 1024, member.path)
        else:  # a file on disk: read as large as it was listed, never what it gained since
            capped = _CappedReader(raw, max(member.size, 0), member.path, truncate=True)
        if not buffered:
            return capped  # type: ignore[return-value]
        return io.BufferedReader(capped, buffer_size=1024 * 1024)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None


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
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            st = os.fstat(fh.fileno())
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if head[:4] in _ZIP_MAGIC or path.suffix.lower() == ".zip":
        return _open_zip(path, head)
    if path.suffix.lower() in _LOOSE_SUFFIXES:
        src = Source(path=path, kind="file", fingerprint=fingerprint(st))
        size = st.st_size
        src.members.append(Member(path=path.name, source=src, size=size, compressed=size, key=path.name))
        return src
    raise InputError(f"{path}: not a zip archive, a folder or a chat .txt; give the export's .zip or its folder")


def _open_zip(path: Path, head: bytes) -> Source:
    if head[:4] not in _ZIP_MAGIC:
        raise InputError(f"{path}: not a zip archive (the file does not start like one)")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        # NotImplementedError: a damaged header claiming a zip version newer than Python reads.
        raise InputError(f"{path}: damaged or truncated zip ({_reason(exc)}); download the export again") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({_reason(exc)})") from exc
    src = _zip_source(path, zf, infos)
    with contextlib.suppress(OSError, AttributeError):
        src.fingerprint = fingerprint(os.fstat(zf.fp.fileno()))  # type: ignore[union-attr]
    if src.members and all(m.encrypted for m in src.members):
        zf.close()
        raise InputError(f"{path}: the zip is encrypted (password-protected); exportscope cannot read it")
    return src


def _zip_source(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Source:
    src = Source(path=path, kind="zip", _zip=zf)
    for info in infos:
        if info.filename.endswith("/"):  # a folder entry (ZipInfo.is_dir() fails on an empty name)
            continue
        logical = normalise_name(info.filename)
        if not logical:
            src.problems.append((info.filename, "member name is empty after normalisation"))
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


#: A zip inside a zip must be read into memory to be opened (zipfile needs to seek): up to this size only.
MAX_NESTED_IN_MEMORY = 128 * 1024 * 1024


def open_nested_zip(member: Member, *, max_in_memory: int = MAX_NESTED_IN_MEMORY) -> Source:
    """A member that is itself a zip (a WhatsApp chat zip in a folder of chats), opened as a Source.

    A folder's member is opened from disk, so nothing is read into memory; a zip inside a zip is read whole,
    through the member's size caps, up to ``max_in_memory`` bytes. The nested members' paths are prefixed
    with the outer member's path (``Chat.zip/_chat.txt``) so they stay distinct from their neighbours'.
    Raises :class:`MemberError` with a reason when the member cannot be opened.
    """
    outer = member.source
    try:
        if outer.kind == "folder":
            disk = outer.path / member.key
            with open(disk, "rb") as fh:
                head = fh.read(4)
            src = _open_zip(disk, head)
        else:
            if member.size > max_in_memory:
                raise MemberError(
                    f"{member.path}: a zip inside a zip larger than {max_in_memory // 1024**2} MB; "
                    "unzip the outer zip and give its folder"
                )
            data = member.read_bytes(max_in_memory + 1)
            if data[:4] not in _ZIP_MAGIC:
                raise MemberError(f"{member.path}: not a zip archive (the file does not start like one)")
            zf = zipfile.ZipFile(io.BytesIO(data))
            src = _zip_source(outer.path / member.key, zf, zf.infolist())
            src.origin = member
    except InputError as exc:
        raise MemberError(str(exc)) from exc
    except (OSError, zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        raise MemberError(f"{member.path}: damaged or truncated zip ({_reason(exc)})") from exc
    src.max_member_bytes, src.max_ratio = outer.max_member_bytes, outer.max_ratio
    for m in src.members:
        m.path = f"{member.path}/{m.path}"
    src.problems = [(f"{member.path}/{p}", reason) for p, reason in src.problems]
    return src


def _open_folder(root: Path) -> Source:
    src = Source(path=root, kind="folder")
    real_root = root.resolve()

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else root.name
        src.problems.append((rel, f"cannot be read ({_reason(exc)})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        # A symlinked folder is never walked into: os.walk lists it but does not follow it.
        for d in list(dirnames):
            if (here / d).is_symlink():
                rel = (here / d).relative_to(root).as_posix()
                src.problems.append((rel, "symbolic link to a folder; not followed"))
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
                        src.problems.append((rel, "symbolic link pointing outside the folder; not followed"))
                        continue
                    st = target.stat()
                if not stat.S_ISREG(st.st_mode):
                    continue
            except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
                src.problems.append((rel, f"cannot be read ({_reason(exc)})"))
                continue
            src.members.append(
                Member(path=normalise_name(rel), source=src, size=st.st_size, compressed=st.st_size, key=rel)
            )
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
    def problems(self) -> list[tuple[str, str]]:
        return [p for s in self.sources for p in s.problems]

    def close(self) -> None:
        for s in self.sources:
            s.close()
