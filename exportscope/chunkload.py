"""The reading worker's chunks, read back in a thread of their own, in the order they came.

Why: the parent's feeding thread (:meth:`exportscope.parallel.Worker._feed`) is also the one that answers
the worker: after each task the worker reports, it sends the next batch, or the end. It used to read each
chunk the worker handed over (:func:`exportscope.worker.frame_from_file`) itself, and a chunk of 100,000
rows took it 25-30 ms on the heavy Facebook export; a worker done with its batch meanwhile waited for its
next message (18-25 ms near the end of the reading, in every run traced), then made its last chunk only
after that. Here the feeding thread only takes each chunk's descriptor and goes back to the pipe.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import TYPE_CHECKING

from exportscope.worker import frame_from_file

if TYPE_CHECKING:
    import polars as pl


class ChunkLoader:
    """Reads the frames of in-memory files (:func:`exportscope.worker.frame_in_memory_file`) one after the
    other in a thread, started at the first; where no thread can start, each is read when it is added."""

    def __init__(self) -> None:
        self._fds: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._frames: list[pl.DataFrame] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._inline = False

    def add(self, fd: int) -> None:
        """Read the frame of ``fd`` after those added before; the descriptor is this loader's from now on
        (closed once read, or unread after an error)."""
        if self._thread is None and not self._inline:
            thread = threading.Thread(target=self._run, name="exportscope-chunks", daemon=True)
            try:
                thread.start()
            except RuntimeError:  # a process at its thread limit: read here, as before
                self._inline = True
            else:
                self._thread = thread
        if self._inline:
            self._load(fd)
        else:
            self._fds.put(fd)

    def _run(self) -> None:
        while (fd := self._fds.get()) is not None:
            self._load(fd)

    def _load(self, fd: int) -> None:
        if self._error is not None:  # the frames are lost anyway: only the descriptor is let go
            os.close(fd)
            return
        try:
            self._frames.append(frame_from_file(fd))
        except BaseException as exc:  # kept for the caller of frames()
            self._error = exc

    def stop(self) -> None:
        """Wait until every descriptor added is read (or closed); again: nothing."""
        if self._thread is not None:
            self._fds.put(None)
            self._thread.join()
            self._thread = None

    def frames(self) -> list[pl.DataFrame]:
        """Every frame added, in order, once all are read; raises what reading one of them raised."""
        self.stop()
        if self._error is not None:
            raise self._error
        return self._frames
