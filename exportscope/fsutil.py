"""Writing outputs safely: the only place exportscope writes files, and only where the user asked.

Every output is written to a temporary file beside the target and renamed over it, so an interrupted run
never leaves a half-written report; the temporary file is removed on any failure. The target must be a
regular file or nothing (:func:`exportscope.outpath.refuse_special`, checked before and again just before
the rename): renaming over a device node, a named pipe or a symbolic link would replace it.

Temporary files still being written are listed in :data:`_pending`, so a stop by a signal (SIGTERM, SIGHUP,
SIGINT: see :mod:`exportscope.stops`) removes them even when the write runs in another thread, and an
``atexit`` hook removes whatever a thread left behind. ``-`` writes to standard output instead
(:func:`open_output`); on a terminal the bytes are made terminal-safe first.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from exportscope.outpath import is_stdout, refuse_special
from exportscope.termsafe import safe_block

#: Temporary files being written right now (removed by :func:`discard_pending` on a stop).
_pending: set[str] = set()
#: Re-entrant: the stop handler (:mod:`exportscope.stops`) calls :func:`discard_pending` in the main thread,
#: between any two bytecodes, also while that thread holds the lock (in :func:`_forget`, or in the handler of
#: a first stop when a second arrives): a plain lock would wait for itself there, forever.
_lock = threading.RLock()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold stop signals while a temporary file is created and listed, so none is left unlisted."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    from exportscope.stops import STOP_SIGNALS

    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _temporary(target: Path) -> tuple[int, str]:
    refuse_special(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with _lock:
            _pending.add(tmp)
    return fd, tmp


def _forget(tmp: str, remove: bool) -> None:
    with _lock:
        _pending.discard(tmp)
    if remove:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _replace(tmp: str, target: Path) -> None:
    refuse_special(target)  # it may have become a link or a pipe while we wrote
    os.replace(tmp, target)


def discard_pending() -> None:
    """Remove every temporary file still being written (a stop: the previous outputs stay as they were)."""
    with _lock:
        paths = list(_pending)
        _pending.clear()
    for tmp in paths:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


atexit.register(discard_pending)


@contextlib.contextmanager
def atomic_write(target: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Yield a file object; on success it replaces ``target`` atomically, on error it vanishes."""
    target = Path(target)
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, target)
        _forget(tmp, remove=False)
    except BaseException:
        _forget(tmp, remove=True)
        raise


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Like :func:`atomic_write` for writers that want a path (polars' parquet writer)."""
    target = Path(target)
    fd, tmp = _temporary(target)
    os.close(fd)
    try:
        yield Path(tmp)
        _replace(tmp, target)
        _forget(tmp, remove=False)
    except BaseException:
        _forget(tmp, remove=True)
        raise


class _TerminalSink:
    """Standard output when it is a terminal: bytes decoded as UTF-8 and made terminal-safe (newlines and
    tabs kept), so a report or a table printed to the screen cannot carry an escape sequence."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def write(self, data: Any) -> int:
        text = self._decoder.decode(bytes(data))
        self._out.write(safe_block(text).encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self._out.flush()


@contextlib.contextmanager
def open_output(target: Path | str) -> Iterator[IO[bytes]]:
    """Where a text writer writes: standard output for ``-``, else an atomic write of ``target``."""
    if not is_stdout(target):
        with atomic_write(Path(target)) as fh:
            yield fh
        return
    out = sys.stdout.buffer
    sink: Any = _TerminalSink(out) if out.isatty() else out
    yield sink
    sink.flush()
