"""Opening what a person hands us: a zip, a folder or a loose chat file, listed into a :class:`Source`.

Why a module of its own: this is where an input is judged usable or not, once, with a sentence a person can
act on (:class:`InputError`: no such file, a FIFO, a damaged or encrypted zip), and where every entry is
listed with its safe logical name. A member that cannot be used (an empty name, overlapping zip entries, a
symlink out of the folder, a device) is kept as a problem of its source, never dropped silently.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from exportscope import i18n
from exportscope.archive.member import Member, normalise_name
from exportscope.archive.source import Source, fingerprint, reason
from exportscope.errors import InputError
from exportscope.notes import Problem
from exportscope.regular import open_regular, open_regular_fd, pread, special_problem, special_reason
from exportscope.zipread import Budget, MemberError, next_offsets, overlapping

#: How a zip file starts (a local header, or the end record of an empty zip).
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: A file that is not a zip is read on its own only with one of these suffixes (a WhatsApp chat, a CSV...).
LOOSE_SUFFIXES = {".txt", ".csv", ".json", ".html", ".htm"}


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
        return open_folder(path)
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
    if head[:4] in ZIP_MAGIC or path.suffix.lower() == ".zip":
        return open_zip(path, head)
    if path.suffix.lower() in LOOSE_SUFFIXES:
        src = Source(path=path, kind="file", disk_bytes=st.st_size, fingerprint=fingerprint(st))
        src.members.append(Member(path=path.name, source=src, size=st.st_size, compressed=st.st_size, key=path.name))
        return src
    raise InputError(f"{path}: not a zip archive, a folder or a chat .txt; give the export's .zip or its folder")


def open_zip(path: Path, head: bytes) -> Source:
    """A zip on disk, listed, read through its own descriptor (``pread``: no shared position), with a budget
    for its size; raises :class:`InputError` when it is not a usable zip."""
    if head[:4] not in ZIP_MAGIC:
        raise InputError(f"{path}: not a zip archive (the file does not start like one)", Problem.of("not_zip"))
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
        size = path.stat().st_size
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
        # NotImplementedError: a damaged header claiming a zip version newer than Python reads.
        raise InputError(
            f"{path}: damaged or truncated zip ({reason(exc)}); download the export again",
            Problem.of("damaged_zip", reason(exc)),
        ) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({reason(exc)})", Problem.of("unreadable", reason(exc))) from exc
    try:
        fd = open_regular_fd(path)
    except OSError as exc:
        zf.close()
        raise InputError(f"{path}: cannot be read ({reason(exc)})", Problem.of("unreadable", reason(exc))) from exc
    src = zip_source(path, zf, infos, pread(fd))
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


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it. Without the UTF-8 flag (bit 11) zipfile decodes names as
    cp437, but most tools write UTF-8 regardless: such a name is read as UTF-8 when its bytes are valid
    UTF-8 ("Données", not "Donn├⌐es"), else kept as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def zip_source(
    path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], read_at: Callable[[int, int], bytes]
) -> Source:
    """The members of an open zip (on disk or in memory), by logical name; folder entries skipped, entries
    with an empty name or overlapping another kept as problems."""
    src = Source(path=path, kind="zip", _zip=zf, _read_at=read_at)
    end = int(getattr(zf, "start_dir", 0)) or max((i.header_offset for i in infos), default=0)
    src._next = next_offsets(infos, end)
    bad = overlapping(infos, end)
    for n, info in enumerate(infos):
        if info.filename.endswith("/"):  # a folder entry (ZipInfo.is_dir() fails on an empty name)
            continue
        logical = normalise_name(member_name(info))
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


def open_folder(root: Path) -> Source:
    """Every regular file below ``root``, in sorted order; symlinks out of it, symlinked folders and special
    files are listed as problems, never opened."""
    src = Source(path=root, kind="folder")
    real_root = root.resolve()

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else root.name
        src.problems.append((rel, Problem.of("unreadable", reason(exc))))

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
                src.problems.append((rel, Problem.of("unreadable", reason(exc))))
                continue
            src.members.append(
                Member(path=normalise_name(rel), source=src, size=st.st_size, compressed=st.st_size, key=rel)
            )
            src.disk_bytes += st.st_size
    src.budget = Budget.for_size(src.disk_bytes)
    return src
