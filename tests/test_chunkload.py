"""The worker's chunks are read back in a thread of their own (issue 19): in the order they came, errors kept
for the end, and the feeding thread answers the worker while a chunk is still being read."""

from __future__ import annotations

import sys
import threading
from typing import Any

import polars as pl
import pytest

from exportscope import chunkload, parallel, worker
from exportscope.chunkload import ChunkLoader
from exportscope.schedule import Schedule
from tests.test_schedule import ScriptedConnection, feeding, tasks_of

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="in-memory files: Linux only")


def _file(values: list[int]) -> int:
    fd = worker.frame_in_memory_file(pl.DataFrame({"row": values}))
    assert fd is not None
    return fd


def test_chunks_come_back_in_the_order_they_came_even_when_the_first_is_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    real = chunkload.frame_from_file
    first = threading.Event()

    def slow_first(fd: int) -> pl.DataFrame:
        if not first.is_set():
            first.set()
            threading.Event().wait(0.2)
        return real(fd)

    monkeypatch.setattr(chunkload, "frame_from_file", slow_first)
    loader = ChunkLoader()
    for values in ([1, 2], [3], [4, 5, 6]):
        loader.add(_file(values))
    assert [f.get_column("row").to_list() for f in loader.frames()] == [[1, 2], [3], [4, 5, 6]]


def test_where_no_thread_can_start_each_chunk_is_read_when_it_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    loader = ChunkLoader()
    loader.add(_file([1]))
    loader.add(_file([2, 3]))
    assert [f.height for f in loader.frames()] == [1, 2]


def test_an_unreadable_chunk_is_raised_at_the_end_and_the_rest_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    real = chunkload.frame_from_file
    calls: list[int] = []

    def broken_second(fd: int) -> pl.DataFrame:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError("gone")
        return real(fd)

    monkeypatch.setattr(chunkload, "frame_from_file", broken_second)
    loader = ChunkLoader()
    fds = [_file([i]) for i in range(3)]
    for fd in fds:
        loader.add(fd)
    with pytest.raises(OSError, match="gone"):
        loader.frames()
    assert len(calls) == 2  # the third was closed, not read


def test_the_feeding_thread_answers_the_worker_while_a_chunk_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker hands over a chunk, then reports its task read: the next batch goes out while the chunk is
    still being read (the feeding thread used to read it first, and the worker waited)."""
    schedule = Schedule([[t] for t in tasks_of([100] * 6)])  # type: ignore[list-item]
    reading = threading.Event()
    release = threading.Event()
    real = chunkload.frame_from_file

    def held(fd: int) -> pl.DataFrame:
        reading.set()
        assert release.wait(10)
        return real(fd)

    handles = iter([_file([1, 2]), _file([3])])
    monkeypatch.setattr(parallel.reduction, "recv_handle", lambda conn: next(handles))
    monkeypatch.setattr(chunkload, "frame_from_file", held)
    answered: list[int] = []

    def script(conn: ScriptedConnection) -> list[Any]:
        def chunk() -> Any:
            answered.append(len(conn.reads()))
            return ("chunk",)

        def while_the_chunk_is_read() -> Any:
            assert reading.wait(10)
            answered.append(len(conn.reads()))
            release.set()
            return ("done", None, [], [], 0)

        return [("ready",), chunk, ("progress", 0, 1, "a.json"), while_the_chunk_is_read]

    _, w = feeding(schedule, script)
    assert w.error is None, w.error
    assert answered == [1, 2]  # a batch bigger than its target goes alone; the next once its task was read
    assert w.error is None and w.frame is not None
    assert w.frame.get_column("row").to_list() == [1, 2, 3]
