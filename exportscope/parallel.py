"""Using the second core: a worker process reads part of the tasks while the main process reads the rest.

Why a process and not threads: readers are pure-Python parsing, which threads would serialise on the GIL.
How it starts (:func:`start_method`): forked while this process is single-threaded and has not loaded
polars (the command line right after listing its inputs, or :func:`prepare_for_ui` before a terminal UI
starts), else a new interpreter (``spawn``): a threaded program (the UI, polars' pool) can deadlock a fork.
The worker receives the plan's tasks themselves (:class:`~exportscope.worker.WorkerSpec`: members, sizes
and zip entries; zips travel without their open handle and are opened again) and never plans again: the
inputs are listed once, so a file that appears in a folder while it is read cannot shift the tasks (one
chat counted twice, another lost). A zip that is no longer the file that was planned (replaced since) makes
the worker give up, and the parent reads what it was given from its own open handles.

Why the worker starts before its tasks are known: it imports polars and the readers (0.3-0.5 s) before it
can read anything. :func:`exportscope.pipeline.analyze` starts it right after the inputs are listed, when
they hold enough to read (:func:`worth_starting`), so those imports overlap the parent's own planning; the
tasks follow through the pipe once planned (:meth:`Worker.assign`), from a thread, so the parent never
waits for the worker to be ready. Who reads which task is decided as they go
(:class:`~exportscope.schedule.Schedule`); a worker given nothing is not waited for. Its items come back
as one Arrow IPC file in memory (:mod:`exportscope.worker`); progress messages flow back after each task
so a progress bar keeps moving. The archive is never written to and nothing touches the disk.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import stat
import sys
import threading
from collections import deque
from collections.abc import Sequence
from multiprocessing import reduction
from typing import TYPE_CHECKING, Any

from exportscope import waiter
from exportscope.chunkload import ChunkLoader
from exportscope.plan import Task
from exportscope.reading import Shape, TaskResult
from exportscope.schedule import Schedule, units_of
from exportscope.worker import WorkerSpec, frame_from_file, frame_of, joined, worker_main, workers_available

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "MEDIA_SUFFIXES",
    "PARALLEL_MIN_BYTES",
    "SPARE_MIN_DISK_BYTES",
    "Worker",
    "WorkerSpec",
    "drop_spare",
    "look_big",
    "prepare_for_ui",
    "shared_units",
    "start_method",
    "start_spare",
    "take_spare",
    "workers_available",
    "worth_starting",
]

#: Below this many bytes of files to read, a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BYTES = 24 * 1024 * 1024


#: Suffixes of members no reader parses (photos, videos, sounds): left out of :func:`worth_starting`'s count.
MEDIA_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".mp4", ".mov", ".m4v"}
    | {".webm", ".avi", ".3gp", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".wav", ".amr", ".pdf"}
)


def worth_starting(sizes: Sequence[tuple[str, int]]) -> bool:
    """Whether the listed members (suffix, inflated size) hold enough to read for :func:`split_tasks` to
    give a worker a share: a worker can start before planning when it will be needed. Members no reader
    parses do not count, so an archive of photos does not start one for nothing; a wrong guess costs the
    second core one interpreter start (the share it then gets is None)."""
    return sum(size for suffix, size in sizes if suffix.lower() not in MEDIA_SUFFIXES) >= PARALLEL_MIN_BYTES


def shared_units(tasks: Sequence[Task]) -> list[list[Task]] | None:
    """The units two processes share (:func:`exportscope.schedule.units_of`), or None when one process is
    better: too few bytes to read for a second one to pay for its start-up, or a single unit."""
    if sum(t.size for t in tasks) < PARALLEL_MIN_BYTES:
        return None
    units = units_of(tasks)
    return units if len(units) >= 2 else None


def start_method() -> str:
    """``fork`` when this process is still single-threaded and has not loaded polars, else ``spawn``.

    Why: a spawned worker is a new interpreter that imports exportscope again before it can import what it
    reads with (0.2-0.3 s on the 2-core machine, on top of the imports both need). A fork starts with every
    module the parent has, in a few milliseconds. It is only safe while no other thread exists (a fork copies
    one thread; a lock another thread held stays locked forever in the child) and before polars is loaded
    (its thread pool would be missing in the child). The command line starts its worker right after listing
    the inputs, when both hold; the terminal UI (threads) and a library caller that already uses polars get
    ``spawn``, as before. Linux only: the count of the process's threads is read from ``/proc``.
    """
    if not sys.platform.startswith("linux") or "polars" in sys.modules or threading.active_count() != 1:
        return "spawn"
    try:
        native_threads = len(os.listdir("/proc/self/task"))
    except OSError:
        return "spawn"
    return "fork" if native_threads == 1 else "spawn"


def prepare_for_ui(paths: Sequence[str | os.PathLike[str]] = (), workers: int = 2) -> None:
    """Get ready to read ``paths`` under a full-screen UI: fork a spare reading worker now when they look big
    enough (:func:`start_spare`), and start :mod:`multiprocessing`'s resource tracker while ``sys.stderr`` is
    still the process's own.

    Why the tracker: every ``spawn`` start needs it, and it is started with ``sys.stderr``'s file
    descriptor. A full-screen UI (Textual) replaces ``sys.stderr`` with an object whose ``fileno()`` is -1
    while it runs, so a worker started then, from the UI's loader thread, failed ("bad value(s) in
    fds_to_keep") and the terminal UI read every archive in one process, however big. It costs one small
    process, once per process (the tracker is shared by every later start); where no process can start,
    nothing happens here and :class:`Worker` falls back as before. Why the spare: once the UI runs, this
    process has threads and a worker can only be a new interpreter (spawn), which imports for half a second
    before it can read; forked before, it imports polars while the UI starts. Call this before such a UI
    starts.
    """
    from multiprocessing import resource_tracker

    if workers > 1:
        start_spare(paths)
    with contextlib.suppress(OSError, ValueError, RuntimeError):
        resource_tracker.ensure_running()


#: A spare worker is forked ahead (:func:`start_spare`) for inputs of at least this many bytes on disk: zips
#: of text hold five to ten times their size, so this is about where :func:`worth_starting` says yes.
SPARE_MIN_DISK_BYTES = PARALLEL_MIN_BYTES // 8


#: The spare worker, until :func:`take_spare` takes it (at most one).
_SPARE: list[Worker] = []


def start_spare(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Fork a reading worker now, without its share, for the next :func:`exportscope.pipeline.analyze` of
    these inputs to take (:func:`take_spare`) if they turn out to hold enough to read; it is stopped
    otherwise. Only when a fork is safe (:func:`start_method`), a second core exists and the inputs look
    big (:func:`look_big`). A wrong guess costs the second core its imports."""
    if _SPARE or workers_available() < 2 or start_method() != "fork":
        return
    if look_big(paths):
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            _SPARE.append(Worker(parent=os.getpid(), preload=False))


def look_big(paths: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether these inputs look big enough to be worth a second process: files of at least
    :data:`SPARE_MIN_DISK_BYTES` together, or a folder (never walked: a Downloads folder may hold thousands
    of files). Paths that cannot be read count for nothing."""
    size = 0
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        size += SPARE_MIN_DISK_BYTES if stat.S_ISDIR(st.st_mode) else st.st_size
    return size >= SPARE_MIN_DISK_BYTES


def take_spare() -> Worker | None:
    """The worker :func:`start_spare` forked, if any and still alive (then it is no longer spare)."""
    while _SPARE:
        worker = _SPARE.pop()
        if worker.alive():
            return worker
        worker.stop()
    return None


def drop_spare() -> None:
    """Stop a spare worker nobody took."""
    while _SPARE:
        _SPARE.pop().stop()


class Worker:
    """The parent's handle on the worker process.

    A thread of the parent feeds it: it sends what the worker may read, then, once the worker is ready,
    batches from the :class:`~exportscope.schedule.Schedule` (two ahead, so the worker never waits for the
    parent's reading thread to let go of the interpreter), and takes its messages as they come: progress
    steps wait in a queue for :meth:`poll`, the results are set when it is done. So a worker that finishes
    early is never kept waiting for its frame to be taken.
    """

    #: Batches sent ahead of the worker's reading.
    AHEAD = 2

    def __init__(self, spec: WorkerSpec | None = None, *, parent: int | None = None, preload: bool = True) -> None:
        """Start the worker process; with ``spec``, give it all of its tasks at once (else later:
        :meth:`assign`). ``preload``: a forked worker inherits the platforms, loaded here first (a UI that
        forks a spare before its first paint leaves them to the worker instead)."""
        method = start_method()
        if method == "fork" and preload:
            # What the worker imports anyway and this process needs too: loaded once, before the fork, so
            # the worker only imports polars (0.1 s less CPU on a second core the parent may share).
            from exportscope.platforms import all_platforms

            all_platforms()
            method = start_method()  # still safe (loading them started no thread and loaded no polars)
        if method == "fork":
            for stream in (sys.stdout, sys.stderr):  # the child flushes its copies when it ends: nothing twice
                with contextlib.suppress(Exception):
                    stream.flush()
        ctx = multiprocessing.get_context("fork") if method == "fork" else multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=True)
        parent = spec.parent if spec is not None else parent if parent is not None else os.getpid()
        self._process = ctx.Process(target=worker_main, args=(child, parent), daemon=True)
        held = waiter.hold_stops()  # the worker starts with them blocked: it unblocks once it ignores Ctrl-C
        try:
            self._process.start()
        finally:
            waiter.release_stops(held)
        child.close()
        self._feeder: threading.Thread | None = None
        self._steps: queue.SimpleQueue[tuple[int, str] | None] = queue.SimpleQueue()
        self.frame: pl.DataFrame | None = None
        #: The worker's rows it handed over while it read (:func:`exportscope.worker.hand_over`), in order;
        #: ``frame`` is them and the rest, once it is done.
        self.chunks: list[pl.DataFrame] = []
        self.results: list[TaskResult] = []
        self.shapes: list[Shape] = []
        #: Bytes the worker inflated (charged to its budget).
        self.used = 0
        self.error: str | None = None
        self.finished = False
        self.progressed: set[int] = set()  # task indices the worker reported done
        if spec is not None:
            self.assign(spec)

    def assign(self, spec: WorkerSpec, schedule: Schedule | None = None) -> None:
        """Give the worker what it may read, and the schedule it takes its batches from (without one: all
        of ``spec``'s tasks, in one batch). ``spec`` is pickled here (a snapshot, before this process reads
        on) and sent from the feeding thread: a spec bigger than the pipe's buffer would otherwise keep the
        parent waiting until the worker has imported what it needs. Raises what pickling raises."""
        if self._feeder is not None:
            raise RuntimeError("the worker already has its share")
        data = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
        plan = schedule if schedule is not None else Schedule([spec.tasks])
        self._feeder = threading.Thread(target=self._feed, args=(data, plan), name="exportscope-worker", daemon=True)
        self._feeder.start()

    def _feed(self, data: bytes, schedule: Schedule) -> None:
        """The feeding thread: send, hand out batches, take messages until the worker is done or gone."""
        ahead: deque[list[int]] = deque()  # per batch sent and not read yet: [tasks left, 1 if oversized]
        ended = False
        loader = ChunkLoader()  # reads the chunks while this thread answers the worker

        def top_up() -> None:
            # A batch is at least one unit, however big. A worker holding a unit bigger than a batch is sent
            # nothing ahead: the next biggest goes to the parent meanwhile. (A worker ready before the parent
            # was sent the biggest unit and, ahead, the next: on the LinkedIn shape messages.csv, 0.5 s, and
            # Shares.csv, 0.07 s, while the parent read the small files and then waited.) Batches of the
            # usual size go two ahead, so the worker never waits for this thread between them.
            nonlocal ended
            while not ended and len(ahead) < self.AHEAD and not (ahead and ahead[-1][1]):
                target = schedule.batch_target()
                batch = schedule.for_worker()
                if batch is None:
                    self._conn.send(("end",))
                    ended = True
                    return
                tasks, declared = batch
                self._conn.send(("read", [t.index for t in tasks], declared))
                ahead.append([len(tasks), int(declared > target)])  # over its target: one unit, however many tasks

        try:
            self._conn.send_bytes(data)
            while True:
                message: Any = self._conn.recv()
                kind = message[0]
                if kind == "ready":
                    top_up()
                elif kind == "progress":
                    self.progressed.add(message[1])
                    self._steps.put((message[2], message[3]))
                    ahead[0][0] -= 1
                    if not ahead[0][0]:
                        ahead.popleft()
                    top_up()
                elif kind == "chunk":
                    loader.add(reduction.recv_handle(self._conn))
                elif kind == "done":
                    data = message[1]
                    rest = frame_from_file(reduction.recv_handle(self._conn)) if data is None else frame_of(data)
                    self.chunks = loader.frames()
                    frame = joined(self.chunks, rest)
                    self.frame, self.results, self.shapes, self.used = frame, message[2], message[3], message[4]
                    return
                else:
                    self.error = message[1]
                    return
        except (EOFError, OSError, ValueError):  # the worker is gone (stopped, or it died)
            self.error = self.error or "the worker process ended unexpectedly"
        except Exception as exc:  # its results could not be taken: the parent reads its share itself
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            loader.stop()
            schedule.close()  # a worker done or gone takes nothing more
            self.finished = True
            self._steps.put(None)  # wakes a poll() waiting for the next step

    def poll(self, timeout: float = 0.0) -> list[tuple[int, str]]:
        """The progress steps (files, path) the worker reported since the last call; waits up to ``timeout``
        seconds for one when there is none yet and the worker is not done."""
        steps: list[tuple[int, str]] = []
        with contextlib.suppress(queue.Empty):
            step = self._steps.get(timeout=timeout) if timeout > 0 and not self.finished else self._steps.get_nowait()
            while True:
                if step is not None:
                    steps.append(step)
                step = self._steps.get_nowait()
        return steps

    def alive(self) -> bool:
        return self._process.is_alive()

    def stop(self) -> None:
        """End the worker (whether it read, failed or never got a share) and close the pipe; again: nothing.

        A worker that has handed back everything it read ends by itself: it is not waited for here, for its end
        is the system taking back its memory (0-8 ms after the heavy Facebook export's reading, when the
        parent has its merge, classification and output to do). :mod:`multiprocessing` collects it at the
        next process started, or at exit."""
        if self.frame is None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)
        if self._feeder is not None:
            self._feeder.join(timeout=5)  # its recv() fails once the worker is gone
        self._conn.close()
