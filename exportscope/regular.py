"""Opening files from disk only when they are regular files, and reading them at an offset.

Why a module: a folder input may hold a FIFO named like a chat (opening it for reading waits for a writer
forever), a socket or a device. Every file exportscope reads from disk goes through :func:`open_regular`,
which never blocks and refuses anything that is not a regular file, with a reason a person can read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

from exportscope.notes import Problem
from exportscope.zipread import MemberError


def pread(fd: int) -> Callable[[int, int], bytes]:
    """Read at an offset without a shared file position, so several members can be open at once."""
    if hasattr(os, "pread"):
        return lambda pos, n: os.pread(fd, n, pos)

    def read_at(pos: int, n: int) -> bytes:  # pragma: no cover - platforms without pread (Windows)
        os.lseek(fd, pos, os.SEEK_SET)
        return os.read(fd, n)

    return read_at


def open_regular(path: Path) -> IO[bytes]:
    """Open a file for reading only if it is a regular file, never blocking on a FIFO or touching a device."""
    return os.fdopen(open_regular_fd(path), "rb", buffering=0)


def open_regular_fd(path: Path) -> int:
    """``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer; the type is then
    checked on the open descriptor, so a file swapped for a FIFO after it was listed is refused too."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise MemberError(path.name, special_problem(mode))
        os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise


def special_problem(mode: int) -> Problem:
    """Why a path that is not a regular file or folder is skipped, naming what it is (``not_regular_fifo``,
    ``_socket``, ``_device``, ``_special``)."""
    kind = (
        "fifo"
        if stat.S_ISFIFO(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "special"
    )
    return Problem.of(f"not_regular_{kind}")


def special_reason(mode: int) -> str:
    """:func:`special_problem` in English (the one-line error of an input that is such a path)."""
    from exportscope import i18n

    return i18n.problem_text(special_problem(mode))
