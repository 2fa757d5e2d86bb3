"""The one direction of the flow: inputs -> archive -> detect -> readers -> classify -> items + ledger.

:func:`analyze` is the library's entry point; the CLI, the TUI and the report writers all call it. It takes
an optional progress callback and a cancel event so the TUI can run it in a thread worker and stop it.

Three steps, each a function of its inputs:

- :func:`read` runs the plan's tasks (some in a worker process), reporting progress; it returns a
  :class:`Reading`: each task's result and the frames the processes collected.
- :func:`merge` puts both processes' rows in task order under one numbering of shapes (:class:`Merged`), so
  the result never depends on which process read what.
- :func:`assemble` turns the results of the first ``n`` exports into an :class:`~exportscope.types.Analysis`:
  new exports with their facts and notes, the ledger, the contexts, the classified items. It never changes
  the plan or a result, so a partial analysis (the first exports, shown by the terminal UI while the rest is
  read) is the same function over a prefix, and nothing handed to another thread changes afterwards.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exportscope.archive import InputError
from exportscope.classify import classify
from exportscope.contexts import build_contexts, warm_up
from exportscope.model import HITS_WANTED, Fact, JsonHit, LedgerEntry
from exportscope.notes import Note
from exportscope.plan import Export, Plan, make_plan
from exportscope.reading import Collector, Shape, TaskResult, read_task
from exportscope.rules import check_notes
from exportscope.types import Analysis, Options, Progress

if TYPE_CHECKING:
    import polars as pl

    from exportscope.archive import Source
    from exportscope.parallel import Worker
    from exportscope.rules import Rule

__all__ = [
    "Analysis",
    "Cancelled",
    "Export",
    "Merged",
    "Options",
    "Progress",
    "Reading",
    "analyze",
    "assemble",
    "merge",
    "read",
]


class Cancelled(Exception):
    """The caller set the cancel event; the analysis stopped between two files."""


@dataclass(frozen=True)
class Reading:
    """What :func:`read` produced: each task's result and the rows each process collected.

    ``frame``/``shapes``/``rules``: this process's rows, numbered by its own shapes. ``other``: the worker
    process's rows and shapes, for the tasks in ``worker_tasks`` (None when one process read everything).
    """

    results: dict[int, TaskResult]
    frame: pl.DataFrame
    shapes: list[Shape]
    rules: dict[str, Rule]
    other: tuple[pl.DataFrame, list[Shape]] | None = None
    worker_tasks: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Merged:
    """Every task's rows in task order, under one numbering of shapes, with each task's result."""

    results: dict[int, TaskResult]
    frame: pl.DataFrame
    shapes: list[Shape]
    rules: dict[str, Rule]


def analyze(
    paths: Sequence[Path | str],
    options: Options | None = None,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    on_export: Callable[[Analysis], None] | None = None,
    while_waiting: Callable[[], None] | None = None,
    findings: bool = True,
) -> Analysis:
    """Read, detect, parse and classify the given inputs. Raises InputError for unusable input.

    ``on_export``, if given, receives a partial Analysis after each platform export but the last (the
    exports read so far, classified), so a UI can show results as they arrive; it costs one extra
    classification of the items read so far per export, and nothing when not given. Partial results are
    only given when one process reads (a big archive read by two arrives whole, and sooner).
    ``while_waiting``, if given, runs once if this process has read its share before the worker process:
    what the caller does next anyway (imports, data to load) costs nothing there. ``findings=False``: the
    caller will not ask for the findings, so the readers do not look for what only they use
    (:data:`~exportscope.model.HITS_WANTED`); findings asked of the analysis all the same are still right.
    """
    from exportscope.snapshot import changes

    options = options or Options()
    if not paths:
        raise InputError("no input given: name an export's .zip file or folder")
    early: list[Worker] = []  # the reading worker, started once the inputs are listed when it will be needed

    def start_worker(sources: Sequence[Source]) -> None:
        from exportscope import parallel

        sizes = [(m.suffix, m.size) for s in sources for m in s.members]
        if options.workers > 1 and parallel.workers_available() > 1 and parallel.worth_starting(sizes):
            spare = parallel.take_spare()  # forked ahead by a UI, before its threads
            if spare is not None:
                early.append(spare)
                return
            with contextlib.suppress(OSError, RuntimeError, ValueError):  # no process here: one reads all
                early.append(parallel.Worker(parent=os.getpid()))
        else:
            parallel.drop_spare()

    try:
        plan = make_plan(
            paths, options.max_member_bytes, options.max_ratio, options.max_inflated_bytes, on_listed=start_worker
        )
    except BaseException:
        for started in early:
            started.stop()
        _drop_spare()
        raise
    try:
        partial: Callable[[Reading, int], None] | None = None
        if on_export is not None:
            report = on_export

            def partial(prefix: Reading, n_exports: int) -> None:
                report(assemble(plan, paths, options, merge(plan, prefix), n_exports))

        first = early[0] if early else None
        reading = read(
            plan,
            options,
            progress=progress,
            cancel=cancel,
            on_prefix=partial,
            worker=first,
            while_waiting=while_waiting,
            hits=findings,
        )
        # Inputs that changed while read (known once all is read).
        notes = changes(plan.sources, paths)
        return assemble(plan, paths, options, merge(plan, reading), len(plan.exports), notes)
    finally:
        for started in early:  # read() stops it; again here (a no-op then) whatever went wrong before
            started.stop()
        plan.close()
        _drop_spare()


def _drop_spare() -> None:
    """A spare worker the inputs did not need (or unusable inputs) is stopped once the analysis ends."""
    from exportscope import parallel

    parallel.drop_spare()


def read(
    plan: Plan,
    options: Options,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    on_prefix: Callable[[Reading, int], None] | None = None,
    worker: Worker | None = None,
    while_waiting: Callable[[], None] | None = None,
    hits: bool = True,
) -> Reading:
    """Read every task of ``plan``, in a second process too when ``options.workers`` allows and it pays.

    ``on_prefix``, when one process reads, receives the reading of the first ``n`` exports after each but the
    last (a copy: later reading never changes it) and ``n``. ``worker``: a worker process started already,
    without its share (:class:`~exportscope.parallel.Worker`); used if the plan splits, stopped either way.
    ``hits``: whether the readers look for the findings' hits (:data:`~exportscope.model.HITS_WANTED`), in
    both processes.
    """
    from exportscope.gctune import paused

    wanted = HITS_WANTED.set(hits)
    try:
        with paused():  # big parsed files are hundreds of thousands of young objects, none of them in a cycle
            return _Reader(plan, options, progress, cancel, on_prefix, while_waiting).execute(worker)
    finally:
        HITS_WANTED.reset(wanted)


def merge(plan: Plan, reading: Reading) -> Merged:
    """Both processes' rows in task order, under this process's numbering of shapes (the worker's shapes that
    this process never met are numbered after its own). Changes nothing it is given."""
    import polars as pl

    shapes = list(reading.shapes)
    rules = dict(reading.rules)
    mine = reading.frame
    other: pl.DataFrame | None = None
    if reading.other is not None:
        other, other_shapes = reading.other
        ids = {shape: i for i, shape in enumerate(shapes)}
        remap: list[int] = []
        by_id = {t.rule.id: t.rule for t in plan.tasks}
        for shape in other_shapes:
            if shape not in ids:
                ids[shape] = len(shapes)
                shapes.append(shape)
            remap.append(ids[shape])
            rules.setdefault(shape[1], by_id[shape[1]])
        if remap:
            other = other.with_columns(pl.Series("shape", remap, dtype=pl.UInt32).gather(other.get_column("shape")))
    results = reading.results
    order = sorted(results)
    spans = [(results[i].start, results[i].end) for i in order]
    contiguous = all(start == (spans[k - 1][1] if k else 0) for k, (start, _) in enumerate(spans))
    if other is None and contiguous:
        return Merged(results, mine, shapes, rules)  # read in task order already: no copy
    pieces = []
    for index in order:
        r = results[index]
        source = other if other is not None and index in reading.worker_tasks else mine
        if r.end > r.start:
            pieces.append(source.slice(r.start, r.end - r.start))
    frame = pl.concat(pieces, rechunk=True) if pieces else mine.clear()
    return Merged(results, frame, shapes, rules)


def assemble(
    plan: Plan,
    paths: Sequence[Path | str],
    options: Options,
    merged: Merged,
    n_exports: int,
    notes: Sequence[Note] = (),
) -> Analysis:
    """The analysis of the first ``n_exports`` exports: facts and notes in task order, contexts, verdicts.

    Each export of the result is a new :class:`~exportscope.plan.Export` holding its facts and notes; the
    plan's exports, the results and the merged rows are left as they are. ``notes``: the run's own notes
    beside the plan's (inputs that changed while read).
    """
    exports: list[Export] = []
    ledger: list[LedgerEntry] = []
    seen: set[str] = set()
    for export in plan.exports[:n_exports]:
        check_notes(export.platform.ruleset)  # before any note becomes words (see rules.check_notes)
    for i, export in enumerate(plan.exports[:n_exports]):
        facts: dict[tuple[str, str], Fact] = {}
        export_notes = list(export.notes)  # the platform's own notes (HTML export...)
        hits: dict[str, tuple[JsonHit, ...]] = {}
        ledger.extend(plan.ledgers[i])
        for task in (t for t in plan.tasks if t.export == i and t.index in merged.results):
            result = merged.results[task.index]
            seen.add(task.rule.platform + task.suffix)
            ledger.extend(result.ledger)
            for fact in result.facts:
                facts[(task.rule.platform, fact.name)] = fact
            export_notes.extend((task.rule.platform, note) for note in result.notes)
            hits.update(result.hits)
        # Checks that need the whole export read (a manifest's counts against what was read).
        members = [m.path for s in export.sources for m in s.members]
        export_notes.extend((export.platform.name, n) for n in export.platform.reconcile(facts, members))
        exports.append(dataclasses.replace(export, facts=facts, notes=export_notes, hits=hits))
    ledger.extend(plan.unknown)
    contexts = build_contexts(exports, seen, options)
    return Analysis(
        inputs=[str(p) for p in paths],
        options=options,
        exports=exports,
        items=classify(merged.frame, merged.shapes, merged.rules, contexts, options.as_of),
        ledger=ledger,
        contexts=contexts,
        notes=list(plan.notes) + list(notes),
        export_entries=[e for e in plan.entries if e.current < n_exports],
        basis=(merged.frame, list(merged.shapes), dict(merged.rules)),
    )


class _Reader:
    """The reading step: schedules the plan's tasks (some in a worker process) and reports progress."""

    def __init__(
        self,
        plan: Plan,
        options: Options,
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
        on_prefix: Callable[[Reading, int], None] | None,
        while_waiting: Callable[[], None] | None = None,
    ) -> None:
        self.plan, self.options = plan, options
        self.while_waiting = while_waiting
        self.progress, self.cancel, self.on_prefix = progress, cancel, on_prefix
        self.total = plan.total_files
        self.done = len(plan.unknown) + sum(map(len, plan.ledgers))
        self.collector = Collector()
        self.results: dict[int, TaskResult] = {}
        self.worker_tasks: set[int] = set()

    def _tick(self, files: int, current: str) -> None:
        self.done += files
        if self.progress:
            self.progress(Progress(self.done, self.total, current))

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def execute(self, started: Worker | None = None) -> Reading:
        from exportscope import parallel
        from exportscope.schedule import Schedule

        units = None
        if self.options.workers > 1 and parallel.workers_available() > 1:
            units = parallel.shared_units(self.plan.tasks)
        budget = self.plan.budget
        need = sum(t.size for t in self.plan.tasks)
        if need > budget.left:
            # Not everything fits in the run's budget: what fails must not depend on which process got there
            # first, so one process reads, in plan order.
            units = None
        self._tick(0, "")
        if units is None:
            if started is not None:
                started.stop()  # started on a guess the plan did not confirm
            return self._serial()
        # Each process keeps half of what the budget holds beyond the declared sizes (for what is read beyond
        # them); the declared bytes of each batch move from this process's budget to the worker's.
        slack = (budget.left - need) // 2
        schedule = Schedule(units, budget)
        spec = parallel.WorkerSpec(list(self.plan.tasks), os.getpid(), slack, hits=HITS_WANTED.get())
        budget.limit -= slack  # before the feeding thread starts: it changes the limit too
        try:
            worker = started if started is not None else parallel.Worker(parent=spec.parent)
            try:
                worker.assign(spec, schedule)
            except BaseException:
                worker.stop()
                raise
        except (OSError, RuntimeError, ValueError, TypeError, AttributeError, pickle.PicklingError):
            # No way to start a process here, or tasks that cannot travel: one process reads all.
            budget.limit += slack
            return self._serial()
        # Polars now, not at this process's first chunk: that import (0.12 s) then fell where it fell, sometimes
        # near the end of the reading, where the worker could no longer take over what it held up.
        import polars  # noqa: F401

        try:
            while (unit := schedule.for_main()) is not None:
                for task in unit:
                    self._check_cancel()
                    for files, path in worker.poll():
                        self._tick(files, path)
                    self._read_with_progress(task.index)
            if schedule.close():  # the worker was not ready before the parent had taken every unit
                budget.limit += slack
                return self._reading()
            # This process's last rows become a column chunk now, while the worker reads its last batches,
            # rather than after it is done (0.05-0.1 s of polars on the heavy Facebook export).
            self.collector.flush()
            if not worker.finished:  # this process waits: it loads what comes next meanwhile
                warm_up()  # the assembly's data (policies, regions)
                for export in self.plan.exports:
                    check_notes(export.platform.ruleset)  # and the message catalogue the notes need
                if self.while_waiting is not None:
                    self.while_waiting()
            while not worker.finished:
                self._check_cancel()
                for files, path in worker.poll(timeout=0.1):
                    self._tick(files, path)
            for files, path in worker.poll():
                self._tick(files, path)
        finally:
            worker.stop()
        budget.limit += slack + schedule.worker_bytes  # the worker's part comes back, and what it used is counted
        theirs = schedule.worker_tasks
        if worker.error is not None or worker.frame is None:
            # The worker could not run (no second interpreter here, a main module it cannot import...):
            # never lose the run for that, read what it was given here, from scratch.
            self.done -= sum(len(self.plan.tasks[i].members) for i in theirs if i in worker.progressed)
            for index in sorted(theirs):
                self._check_cancel()
                self._read_with_progress(index)
            return self._reading()
        budget.used += worker.used
        self.worker_tasks = set(theirs)
        for result in worker.results:
            self.results[result.index] = result
        return self._reading((worker.frame, list(worker.shapes)))

    def _read_with_progress(self, index: int) -> None:
        task = self.plan.tasks[index]
        self._tick(0, task.members[0].path)
        self._read(index)
        self._tick(len(task.members), "")

    def _read(self, index: int) -> None:
        task = self.plan.tasks[index]
        self.results[index] = read_task(
            index, task.platform, task.rule, task.members, self.collector, suffix=task.suffix, latest=task.latest
        )

    def _serial(self) -> Reading:
        tasks = self.plan.tasks
        for pos, task in enumerate(tasks):
            self._check_cancel()
            self._read_with_progress(task.index)
            last_of_export = pos + 1 < len(tasks) and tasks[pos + 1].export != task.export
            if self.on_prefix is not None and last_of_export:
                self.on_prefix(self._reading(), task.export + 1)
        return self._reading()

    def _reading(self, other: tuple[pl.DataFrame, list[Shape]] | None = None) -> Reading:
        """What was read so far, as values later reading never changes (copies of the growing lists)."""
        return Reading(
            results=dict(self.results),
            frame=self.collector.frame(),
            shapes=list(self.collector.shapes),
            rules=dict(self.collector.rules),
            other=other,
            worker_tasks=frozenset(self.worker_tasks) if other is not None else frozenset(),
        )
