"""Using the second core: a worker process reads part of the tasks while the main process reads the rest.

Why a process and not threads: readers are pure-Python parsing, which threads would serialise on the GIL.
Why ``spawn``: the caller may be a threaded program (the terminal UI, polars' pool), where ``fork`` can
deadlock. The worker receives its share of the plan itself (:class:`WorkerSpec`: the tasks with their
members, sizes and zip entries; zips travel without their open handle and are opened again on first use)
and never plans again: the inputs are listed once, so a file that appears in a folder while it is read
cannot shift the tasks (one chat counted twice, another lost). A zip that is no longer the file that was
planned (replaced since) makes the worker give up, and the parent reads that share from its own open
handles. The worker sends back its items as one polars frame plus the per-task results; progress messages
flow back after each task so a progress bar keeps moving. The archive is never written to and nothing
touches the disk: results travel through a pipe.

The worker never outlives its parent: it ignores Ctrl-C (the parent stops it), asks Linux to send it
SIGTERM when the parent dies (``PR_SET_PDEATHSIG``), and a watch thread ends it when its parent process is
gone, on systems without that call or if the parent died before it was made.

Why the worker starts before its share is known: a new interpreter spends about 0.3 s importing polars and
the readers before it can read anything. :func:`exportscope.pipeline.analyze` starts it right after the
inputs are listed, when they hold enough to read (:func:`worth_starting`), so those imports overlap the
parent's own planning; the share follows through the pipe once planned (:meth:`Worker.assign`), from a thread,
so the parent never waits for the worker to be ready. A worker that gets no share (``None``: the plan found
one process better) ends at once. Its items come back as one Arrow IPC buffer (half the cost of pickling
the frame, on the worker's side).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import queue
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import reduction
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from exportscope.archive import SourceChanged
from exportscope.gctune import fewer_collections
from exportscope.plan import Task
from exportscope.reading import Collector, Shape, TaskResult, read_task
from exportscope.schedule import Schedule, units_of

if TYPE_CHECKING:
    import polars as pl

#: Below this many bytes of files to read, a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BYTES = 24 * 1024 * 1024
#: Suffixes of members no reader parses (photos, videos, sounds): left out of :func:`worth_starting`'s count.
MEDIA_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".mp4", ".mov", ".m4v"}
    | {".webm", ".avi", ".3gp", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".wav", ".amr", ".pdf"}
)
#: How often the worker checks that its parent is still there (seconds).
PARENT_WATCH_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class WorkerSpec:
    """What the worker may be asked to read (tasks with their members, sizes, bound platform and rule) and
    its parent. Which of them it reads comes in batches afterwards (:class:`~exportscope.schedule.Schedule`)."""

    tasks: list[Task]
    parent: int
    #: The worker's inflation budget before its first batch; each batch adds its declared bytes (None: what
    #: its sources arrive with, and batches add nothing).
    budget: int | None = None


def workers_available() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


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
    big: files of at least :data:`SPARE_MIN_DISK_BYTES` together, or a folder (never walked here: a
    Downloads folder may hold thousands of files). A wrong guess costs the second core its imports."""
    if _SPARE or workers_available() < 2 or start_method() != "fork":
        return
    size = 0
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        size += SPARE_MIN_DISK_BYTES if stat.S_ISDIR(st.st_mode) else st.st_size
    if size >= SPARE_MIN_DISK_BYTES:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            _SPARE.append(Worker(parent=os.getpid()))


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


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` is gone: Linux's parent-death signal, and a watch as a fallback."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)  # reparented: the parent died (before the death signal was asked for, or no such call)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="exportscope-parent-watch", daemon=True).start()


def _warm_up() -> None:
    """Import what reading needs (polars, the readers, every platform family) while the parent plans."""
    import polars  # noqa: F401

    from exportscope import reading  # noqa: F401
    from exportscope.platforms import all_platforms

    all_platforms()


def _worker_main(conn: Connection, parent: int) -> None:
    """The worker's whole life: import, wait for what it may read, check its zips, say ("ready",), then read
    each ("read", indices, bytes) batch it is sent, with a ("progress", ...) message after each task, until
    ("end",); then ("done", ...). ("error", ...) when it cannot, and the parent reads what it was given. A
    parent that needs no worker after all ends it (:meth:`Worker.stop`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    # A forked worker starts with its parent's stop handlers (they would unwind the parent's work here, and
    # remove the temporary files of its outputs): terminate() and the parent's death must simply end it.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
    # Half the cores for this process's polars pool (the parent has its own): on two cores, polars threads
    # that wait by spinning would take the CPU the other process reads with. Before polars is imported.
    os.environ["POLARS_MAX_THREADS"] = os.environ.get("POLARS_MAX_THREADS") or str(max(1, workers_available() // 2))
    _die_with_parent(parent)
    fewer_collections()
    try:
        _warm_up()
        spec: WorkerSpec = pickle.loads(conn.recv_bytes())
    except BaseException as exc:  # the parent went away, or an import failed: say so if anyone listens
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        conn.close()
        return
    sources = {id(m.source): m.source for t in spec.tasks for m in t.members}
    budgets = {id(s.budget): s.budget for s in sources.values()}  # one, shared by the sources
    by_index = {t.index: t for t in spec.tasks}
    try:
        try:
            if spec.budget is not None:
                for budget in budgets.values():
                    budget.allow(spec.budget)
            for source in sources.values():
                source.ensure_open()  # a zip replaced since the plan: give the share back, read nothing
            conn.send(("ready",))
            collector = Collector()
            results: list[TaskResult] = []
            while (message := conn.recv())[0] == "read":
                _, indices, declared = message
                if spec.budget is not None:
                    for budget in budgets.values():
                        budget.limit += declared
                for index in indices:
                    task = by_index[index]
                    results.append(
                        read_task(
                            task.index,
                            task.platform,
                            task.rule,
                            task.members,
                            collector,
                            suffix=task.suffix,
                            latest=task.latest,
                        )
                    )
                    conn.send(("progress", task.index, len(task.members), task.members[0].path))
            used = sum(b.used for b in budgets.values())
            frame = collector.frame()
            shared = _frame_in_memory_file(frame)
            if shared is None:
                conn.send(("done", _frame_bytes(frame), results, collector.shapes, used))
            else:
                try:
                    conn.send(("done", None, results, collector.shapes, used))
                    reduction.send_handle(conn, shared, parent)
                finally:
                    os.close(shared)
        finally:
            for source in sources.values():
                source.close()
    except SourceChanged as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # report, never hang the parent
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _frame_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as an uncompressed Arrow IPC file: written in about half the time pickle takes (polars
    pickles a frame as an IPC stream, then copies it), read back without a copy of its columns."""
    import io

    out = io.BytesIO()
    frame.write_ipc(out, compression="uncompressed")
    return out.getvalue()


def _frame_in_memory_file(frame: pl.DataFrame) -> int | None:
    """The frame written as an uncompressed Arrow IPC file into an anonymous in-memory file (Linux's
    ``memfd_create``: nothing touches the disk), for its descriptor to travel to the parent; None where no
    such file can be made (then the frame travels as bytes through the pipe).

    Why: as bytes, 30 MiB of items were copied five times (into Python bytes, pickled, through a pipe 64 KiB
    at a time, out of the pipe, unpickled) and cost the parent 0.15-0.2 s after the worker was done; here
    polars writes the file itself and the parent maps it (:func:`_frame_from_file`).
    """
    memfd_create = getattr(os, "memfd_create", None)
    if memfd_create is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd: int = memfd_create("exportscope-items", getattr(os, "MFD_CLOEXEC", 0))
    except OSError:
        return None
    try:
        frame.write_ipc(f"/proc/self/fd/{fd}", compression="uncompressed")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _frame_from_file(fd: int) -> pl.DataFrame:
    """The frame of :func:`_frame_in_memory_file`, from its descriptor received here (closed after)."""
    import polars as pl

    try:
        return pl.read_ipc(f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)


def _frame_of(data: bytes) -> pl.DataFrame:
    import io

    import polars as pl

    return pl.read_ipc(io.BytesIO(data))


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

    def __init__(self, spec: WorkerSpec | None = None, *, parent: int | None = None) -> None:
        """Start the worker process; with ``spec``, give it all of its tasks at once (else later:
        :meth:`assign`)."""
        method = start_method()
        if method == "fork":
            for stream in (sys.stdout, sys.stderr):  # the child flushes its copies when it ends: nothing twice
                with contextlib.suppress(Exception):
                    stream.flush()
        ctx = multiprocessing.get_context("fork") if method == "fork" else multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=True)
        parent = spec.parent if spec is not None else parent if parent is not None else os.getpid()
        self._process = ctx.Process(target=_worker_main, args=(child, parent), daemon=True)
        self._process.start()
        child.close()
        self._feeder: threading.Thread | None = None
        self._steps: queue.SimpleQueue[tuple[int, str] | None] = queue.SimpleQueue()
        self.frame: pl.DataFrame | None = None
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
        ahead: deque[int] = deque()  # tasks left in each batch sent and not read yet
        ended = False

        def top_up() -> None:
            nonlocal ended
            while not ended and len(ahead) < self.AHEAD:
                batch = schedule.for_worker()
                if batch is None:
                    self._conn.send(("end",))
                    ended = True
                    return
                tasks, declared = batch
                self._conn.send(("read", [t.index for t in tasks], declared))
                ahead.append(len(tasks))

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
                    ahead[0] -= 1
                    if not ahead[0]:
                        ahead.popleft()
                    top_up()
                elif kind == "done":
                    data = message[1]
                    frame = _frame_from_file(reduction.recv_handle(self._conn)) if data is None else _frame_of(data)
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
        """End the worker (whether it read, failed or never got a share) and close the pipe; again: nothing."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        if self._feeder is not None:
            self._feeder.join(timeout=5)  # its recv() fails once the worker is gone
        self._conn.close()
