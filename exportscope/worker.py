"""The reading worker's side: its whole life in the second process, and how its items travel back.

:mod:`exportscope.parallel` starts it and feeds it (the parent's side); this module is what runs in the
child. Why it is split off: the child's life (signals, its parent's death, imports, the batch loop) and the
hand-back of its items are their own job, and a spawned child imports only this and what reading needs.

The worker never outlives its parent: it ignores Ctrl-C (the parent stops it), asks Linux to send it
SIGTERM when the parent dies (``PR_SET_PDEATHSIG``), and a watch thread ends it when its parent process is
gone, on systems without that call or if the parent died before it was made.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import reduction
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from exportscope import sigkeep, waiter
from exportscope.archive import SourceChanged
from exportscope.model import HITS_WANTED
from exportscope.plan import Task
from exportscope.reading import Collector, TaskResult, read_task

if TYPE_CHECKING:
    import polars as pl


#: How often the worker checks that its parent is still there (seconds).
PARENT_WATCH_SECONDS = 0.5


@dataclass(frozen=True)
class WorkerSpec:
    """What the worker may be asked to read (tasks with their members, sizes, bound platform and rule) and
    its parent. Which of them it reads comes in batches afterwards (:class:`~exportscope.schedule.Schedule`)."""

    tasks: list[Task]
    parent: int
    #: The worker's inflation budget before its first batch; each batch adds its declared bytes (None: what
    #: its sources arrive with, and batches add nothing).
    budget: int | None = None
    #: Whether its readers look for hits (:data:`~exportscope.model.HITS_WANTED`), as the parent's do.
    hits: bool = True


def workers_available() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` is gone: Linux's parent-death signal, and a watch as a fallback."""
    waiter.term_when_parent_dies()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)  # reparented: the parent died (before the death signal was asked for, or no such call)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="exportscope-parent-watch", daemon=True).start()


def warm_up(share_came: Callable[[], bool] = lambda: False) -> None:
    """Import what reading needs (polars, the readers, every platform family) while the parent plans.

    A worker forked by the command line has the families already (the parent loaded them to fork): it
    imports only polars, and each reader module when its first task needs it, for it is ready before the
    parent has planned only when it has little to do. A spawned or spare worker usually waits for its share
    longer than every family and reader takes to import (13-19 and 17-24 ms on the 2-core machine): it
    imports them now, unless its share has come meanwhile (``share_came``), as it does for the spare forked
    as the command starts (:mod:`exportscope.launch`), whose share comes while it imports polars: then what
    the share needs is imported as it is read (its families as it is unpickled, each reader at its first
    task) and the reading starts 30-40 ms sooner."""
    import polars  # noqa: F401

    from exportscope import reading  # noqa: F401
    from exportscope.platforms import all_platforms, loaded

    if loaded() or share_came():
        return
    for platform in all_platforms():
        if share_came():
            return
        dict(platform.readers)


def worker_main(conn: Connection, parent: int) -> None:
    """The worker's whole life: import, wait for what it may read, check its zips, say ("ready",), then read
    each ("read", indices, bytes) batch it is sent, with a ("progress", ...) message after each task, until
    ("end",); then ("done", ...). ("error", ...) when it cannot, and the parent reads what it was given. A
    parent that needs no worker after all ends it (:meth:`Worker.stop`)."""
    waiter.forget()  # the command's status pipe is its process's alone
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    # A forked worker starts with its parent's stop handlers (they would unwind the parent's work here, and
    # remove the temporary files of its outputs): terminate() and the parent's death must simply end it.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
    sigkeep.keep()  # polars' import below would otherwise catch Ctrl-C again, and abort our reading with it
    # Half the cores for this process's polars pool (the parent has its own): on two cores, polars threads
    # that wait by spinning would take the CPU the other process reads with. Before polars is imported.
    os.environ["POLARS_MAX_THREADS"] = os.environ.get("POLARS_MAX_THREADS") or str(max(1, workers_available() // 2))
    die_with_parent(parent)
    gc.disable()  # a process that only reads (see gctune.paused): its objects hold no cycles, and it ends soon
    try:
        warm_up(conn.poll)
        spec: WorkerSpec = pickle.loads(conn.recv_bytes())
    except BaseException as exc:  # the parent went away, or an import failed: say so if anyone listens
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        conn.close()
        return
    HITS_WANTED.set(spec.hits)  # this process reads for this spec only
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
                    hand_over(collector, conn, parent)
            used = sum(b.used for b in budgets.values())
            frame = collector.frame()
            shared = frame_in_memory_file(frame)
            if shared is None:
                conn.send(("done", frame_bytes(frame), results, collector.shapes, used))
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


def hand_over(collector: Collector, conn: Connection, parent: int) -> None:
    """Send the parent the chunks the collector made since the last call, each as an in-memory file: a
    ("chunk",) message and its descriptor. Why: at the end the worker then hands back only its last rows,
    and the parent has read the rest while both processes were still reading (writing and reading the
    heavy Facebook export's 120,000 worker rows took 0.04-0.05 s after the reading, when nothing else
    runs). A chunk that cannot be made a file (no in-memory files on this system) stays with the collector
    and travels at the end, with the rest."""
    for i, chunk in enumerate(taken := collector.take_chunks()):
        fd = frame_in_memory_file(chunk)
        if fd is None:
            collector.chunks[:0] = taken[i:]
            return
        try:
            conn.send(("chunk",))
            reduction.send_handle(conn, fd, parent)
        finally:
            os.close(fd)


def joined(chunks: list[pl.DataFrame], rest: pl.DataFrame) -> pl.DataFrame:
    """The worker's rows: the chunks it handed over as it read, then the rest (joined without copying)."""
    import polars as pl

    return pl.concat([*chunks, rest], rechunk=False) if chunks else rest


def frame_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as an uncompressed Arrow IPC file: written in about half the time pickle takes (polars
    pickles a frame as an IPC stream, then copies it), read back without a copy of its columns."""
    import io

    out = io.BytesIO()
    frame.write_ipc(out, compression="uncompressed")
    return out.getvalue()


def frame_in_memory_file(frame: pl.DataFrame) -> int | None:
    """The frame written as an uncompressed Arrow IPC file into an anonymous in-memory file (Linux's
    ``memfd_create``: nothing touches the disk), for its descriptor to travel to the parent; None where no
    such file can be made (then the frame travels as bytes through the pipe).

    Why: as bytes, 30 MiB of items were copied five times (into Python bytes, pickled, through a pipe 64 KiB
    at a time, out of the pipe, unpickled) and cost the parent 0.15-0.2 s after the worker was done; here
    polars writes the file itself and the parent reads it in one call (:func:`frame_from_file`).
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


def frame_from_file(fd: int) -> pl.DataFrame:
    """The frame of :func:`frame_in_memory_file`, from its descriptor received here (closed after)."""
    import polars as pl

    try:
        return pl.read_ipc(f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)


def frame_of(data: bytes) -> pl.DataFrame:
    import io

    import polars as pl

    return pl.read_ipc(io.BytesIO(data))
