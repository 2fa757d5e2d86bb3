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
import signal
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from exportscope.archive import SourceChanged
from exportscope.gctune import fewer_collections
from exportscope.plan import Task
from exportscope.reading import Collector, Shape, TaskResult, read_task

if TYPE_CHECKING:
    import polars as pl

#: Below this many bytes of files to read, a second process costs more (its start-up) than it saves.
PARALLEL_MIN_BYTES = 24 * 1024 * 1024
#: The worker starts later (a new interpreter, imports, opening the zips again): it gets this much less.
#: None since it starts before planning (its imports overlap the parent's): on the heavy Meta export the
#: parent's share still cost it more CPU per byte (it polls the worker, takes its frame, and its polars pool
#: is twice the worker's), so with 12 MB the worker idled while the parent read on.
WORKER_HANDICAP_BYTES = 0
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
    """The worker's share of the plan: its tasks (members, sizes, bound platform, rule) and its parent."""

    tasks: list[Task]
    parent: int
    #: The worker's share of the run's inflation budget (None: what its sources arrive with).
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


def split_tasks(tasks: Sequence[Task]) -> tuple[list[int], list[int]] | None:
    """(main's task indices, worker's) balanced by bytes to read, or None when one process is better.

    Tasks are assigned in units: one task, or every task of an export whose readers share state across
    files (``Platform.task_shares_state``), which must stay in one process for the result to be the same.
    """
    total = sum(t.size for t in tasks)
    if total < PARALLEL_MIN_BYTES or len(tasks) < 2:
        return None
    units: dict[tuple[str, int], list[Task]] = {}
    for t in tasks:
        key = ("export", t.export) if t.platform.task_shares_state(t.rule) else ("task", t.index)
        units.setdefault(key, []).append(t)
    if len(units) < 2:
        return None
    main: list[int] = []
    worker: list[int] = []
    load = [0, WORKER_HANDICAP_BYTES]
    for unit in sorted(units.values(), key=lambda u: sum(t.size for t in u), reverse=True):
        side = 0 if load[0] <= load[1] else 1
        (main if side == 0 else worker).extend(t.index for t in unit)
        load[side] += sum(t.size for t in unit)
    if not worker:
        return None
    return sorted(main), sorted(worker)


def prepare_for_ui() -> None:
    """Start :mod:`multiprocessing`'s resource tracker now, while ``sys.stderr`` is still the process's own.

    Why: every ``spawn`` start needs that tracker, and the tracker is started with ``sys.stderr``'s file
    descriptor. A full-screen UI (Textual) replaces ``sys.stderr`` with an object whose ``fileno()`` is -1
    while it runs, so a worker started then, from the UI's loader thread, failed ("bad value(s) in
    fds_to_keep") and the terminal UI read every archive in one process, however big. Call this before such a
    UI starts. It costs one small process, once per process (the tracker is shared by every later start);
    where no process can start, nothing happens here and :class:`Worker` falls back as before.
    """
    from multiprocessing import resource_tracker

    with contextlib.suppress(OSError, ValueError, RuntimeError):
        resource_tracker.ensure_running()


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
    """The worker's whole life: import, wait for its share, check its zips, read its tasks, send
    ("progress", ...) messages, then ("done", ...); ("error", ...) when it cannot, and the parent reads the
    share itself. A parent that needs no worker after all ends it (:meth:`Worker.stop`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    # Half the cores for this process's polars pool (the parent has its own): on two cores, polars threads
    # that wait by spinning would take the CPU the other process reads with. Before polars is imported.
    os.environ.setdefault("POLARS_MAX_THREADS", str(max(1, workers_available() // 2)))
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
    try:
        try:
            if spec.budget is not None:  # the sources share one budget object; it counts the worker's share
                for source in sources.values():
                    source.budget.allow(spec.budget)
            for source in sources.values():
                source.ensure_open()  # a zip replaced since the plan: give the share back, read nothing
            collector = Collector()
            results: list[TaskResult] = []
            for task in spec.tasks:
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
            conn.send(("done", _frame_bytes(collector.frame()), results, collector.shapes))
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


def _frame_of(data: bytes) -> pl.DataFrame:
    import io

    import polars as pl

    return pl.read_ipc(io.BytesIO(data))


class Worker:
    """The parent's handle on the worker process."""

    def __init__(self, spec: WorkerSpec | None = None, *, parent: int | None = None) -> None:
        """Start the worker process; with ``spec``, give it its share at once (else later: :meth:`assign`)."""
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=True)
        parent = spec.parent if spec is not None else parent if parent is not None else os.getpid()
        self._process = ctx.Process(target=_worker_main, args=(child, parent), daemon=True)
        self._process.start()
        child.close()
        self._sender: threading.Thread | None = None
        self.frame: pl.DataFrame | None = None
        self.results: list[TaskResult] = []
        self.shapes: list[Shape] = []
        self.error: str | None = None
        self.finished = False
        self.progressed: set[int] = set()  # task indices the worker reported done
        if spec is not None:
            self.assign(spec)

    def assign(self, spec: WorkerSpec) -> None:
        """Send the worker its share: pickled here (a snapshot, before this process reads on), written from
        a thread: a share bigger than the pipe's buffer would otherwise keep the parent waiting until the
        worker has imported what it needs. Raises what pickling raises (a share that cannot travel)."""
        if self._sender is not None:
            raise RuntimeError("the worker already has its share")
        data = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)

        def send() -> None:
            with contextlib.suppress(OSError, ValueError):  # a worker gone: poll() reports it
                self._conn.send_bytes(data)

        self._sender = threading.Thread(target=send, name="exportscope-worker-share", daemon=True)
        self._sender.start()

    def poll(self, timeout: float = 0.0) -> list[tuple[int, str]]:
        """Drain messages; returns the progress steps (files, path) seen. Sets the result when done."""
        steps: list[tuple[int, str]] = []
        while not self.finished and self._conn.poll(timeout):
            try:
                message: Any = self._conn.recv()
            except EOFError:
                self.error = self.error or "the worker process ended unexpectedly"
                self.finished = True
                break
            kind = message[0]
            if kind == "progress":
                self.progressed.add(message[1])
                steps.append((message[2], message[3]))
            elif kind == "done":
                self.frame, self.results, self.shapes = _frame_of(message[1]), message[2], message[3]
                self.finished = True
            else:
                self.error = message[1]
                self.finished = True
            timeout = 0.0
        return steps

    def stop(self) -> None:
        """End the worker (whether it read, failed or never got a share) and close the pipe; again: nothing."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        if self._sender is not None:
            self._sender.join(timeout=5)  # its send fails once the worker is gone
        self._conn.close()
