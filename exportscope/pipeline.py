"""The one direction of the flow: inputs -> archive -> detect -> readers -> classify -> items + ledger.

:func:`analyze` is the library's entry point; the CLI, the TUI and the report writers all call it. It takes
an optional progress callback and a cancel event so the TUI can run it in a thread worker and stop it.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from exportscope.archive import MAX_MEMBER_BYTES, MAX_RATIO, InputError
from exportscope.classify import PlatformContext, classify
from exportscope.contexts import build_contexts
from exportscope.identity import ExportEntry
from exportscope.model import LedgerEntry
from exportscope.notes import Note
from exportscope.plan import Export, Plan, make_plan
from exportscope.reading import Collector, Shape, TaskResult, read_task

if TYPE_CHECKING:
    import polars as pl

    from exportscope.rules import Rule

__all__ = ["Analysis", "Cancelled", "Export", "Options", "Progress", "analyze"]


class Cancelled(Exception):
    """The caller set the cancel event; the analysis stopped between two files."""


@dataclass(frozen=True)
class Options:
    """What the user tells us; everything the overrides need that the export may not say.

    ``workers``: how many processes may read (1 = this one only; the default uses a second core when the
    archive is big enough to pay for it).
    """

    region: str | None = None
    as_of: date = field(default_factory=lambda: datetime.now(UTC).date())
    opted_out: frozenset[str] = frozenset()
    facebook_audience: str = "unknown"
    #: Answers to the platforms' own questions (``Platform.questions``), as (key, value) pairs:
    #: ``(("x.protected", "yes"),)``.
    answers: tuple[tuple[str, str], ...] = ()
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_ratio: float = MAX_RATIO
    #: Bytes the whole run may inflate (None: a multiple of the inputs' size on disk, see archive.Budget).
    max_inflated_bytes: int | None = None
    workers: int = 2


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    current: str


@dataclass
class Analysis:
    """Everything one run learned: the items frame, the ledger of every member, and per-platform context."""

    inputs: list[str]
    options: Options
    exports: list[Export]
    items: pl.DataFrame
    ledger: list[LedgerEntry]
    contexts: dict[str, PlatformContext]
    notes: list[Note] = field(default_factory=list)
    #: Every input part the run saw, with its role (analysed, part, copy, older export of the same account),
    #: its export date and its account (:class:`exportscope.identity.ExportEntry`). ``exports[i].account``
    #: is the identity of the analysed export ``i``.
    export_entries: list[ExportEntry] = field(default_factory=list)
    #: What classification started from (the readers' frame, its shapes and rules), kept so that a person's
    #: answer (region, audience, opted out) re-classifies at once without reading the archive again
    #: (:func:`exportscope.actions.answers.reclassify`). Its columns are shared with ``items``, not copied.
    basis: tuple[pl.DataFrame, list[Shape], dict[str, Rule]] | None = field(default=None, repr=False)

    @property
    def platforms(self) -> list[str]:
        """Platforms present, in the order they were found (threads after instagram)."""
        return list(self.contexts)


def analyze(
    paths: Sequence[Path | str],
    options: Options | None = None,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    on_export: Callable[[Analysis], None] | None = None,
) -> Analysis:
    """Read, detect, parse and classify the given inputs. Raises InputError for unusable input.

    ``on_export``, if given, receives a partial Analysis after each platform export but the last (the
    exports read so far, classified), so a UI can show results as they arrive; it costs one extra
    classification of the items read so far per export, and nothing when not given. Partial results are
    only given when one process reads (a big archive read by two arrives whole, and sooner).
    """
    options = options or Options()
    if not paths:
        raise InputError("no input given: name an export's .zip file or folder")
    plan = make_plan(paths, options.max_member_bytes, options.max_ratio, options.max_inflated_bytes)
    try:
        return _Run(paths, plan, options, progress, cancel, on_export).execute()
    finally:
        plan.close()


class _Run:
    """One analysis: reads the plan's tasks (some in a worker process), then merges in task order."""

    def __init__(
        self,
        paths: Sequence[Path | str],
        plan: Plan,
        options: Options,
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
        on_export: Callable[[Analysis], None] | None,
    ) -> None:
        self.paths, self.plan, self.options = paths, plan, options
        self.progress, self.cancel, self.on_export = progress, cancel, on_export
        self.total = plan.total_files
        self.done = len(plan.unknown) + sum(map(len, plan.ledgers))
        self.collector = Collector()
        self.results: dict[int, TaskResult] = {}
        self.worker_tasks: set[int] = set()
        # The platforms' own notes (HTML export...), to which each run adds the readers' notes.
        self.base_notes = [list(e.notes) for e in plan.exports]
        self.snapshot_notes: list[Note] = []  # inputs that changed while read (known once all is read)

    def _tick(self, files: int, current: str) -> None:
        self.done += files
        if self.progress:
            self.progress(Progress(self.done, self.total, current))

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def execute(self) -> Analysis:
        from exportscope import parallel

        split = None
        if self.options.workers > 1 and parallel.workers_available() > 1:
            split = parallel.split_tasks(self.plan.tasks)
        self._tick(0, "")
        if split is None:
            return self._serial()
        mine, theirs = split
        self.worker_tasks = set(theirs)
        # The worker gets its share of this plan (never the paths to plan again): one snapshot of the inputs,
        # and its share of the inflation budget.
        spec = parallel.WorkerSpec([self.plan.tasks[i] for i in theirs], os.getpid(), self._share_budget(theirs))
        try:
            worker = parallel.Worker(spec)
        except (OSError, RuntimeError, ValueError, TypeError, AttributeError, pickle.PicklingError):
            # No way to start a process here, or a share that cannot travel: one process reads all.
            self.worker_tasks = set()
            self.plan.budget.allow(self.plan.budget.left + (spec.budget or 0))  # its share comes back here
            return self._serial()
        try:
            for index in mine:
                self._check_cancel()
                for files, path in worker.poll():
                    self._tick(files, path)
                self._read_with_progress(index)
            while not worker.finished:
                self._check_cancel()
                for files, path in worker.poll(timeout=0.1):
                    self._tick(files, path)
        finally:
            worker.stop()
        if worker.error is not None or worker.frame is None:
            # The worker could not run (no second interpreter here, a main module it cannot import...):
            # never lose the run for that, read its share here, from scratch.
            self.worker_tasks = set()
            self.plan.budget.allow(self.plan.budget.left + (spec.budget or 0))  # its share comes back here
            self.done -= sum(len(self.plan.tasks[i].members) for i in theirs if i in worker.progressed)
            for index in theirs:
                self._check_cancel()
                self._read_with_progress(index)
            return self._finish(None, [])
        for result in worker.results:
            self.results[result.index] = result
        return self._finish(worker.frame, worker.shapes)

    def _share_budget(self, theirs: list[int]) -> int:
        """Split what is left of the run's inflation budget between the two processes; returns the worker's.

        Each process counts its own share, so the run never inflates more than its budget and what fails
        never depends on which process got there first. When the members' declared sizes fit, each side gets
        what its members declare plus half the slack: an honest archive never fails for the split. When they
        do not fit (a bomb declaring gigabytes), the side that declares less gets what it declares, up to
        half, and the other side the rest.
        """
        budget = self.plan.budget
        left = budget.left
        want = set(theirs)
        need_theirs = sum(t.size for t in self.plan.tasks if t.index in want)
        need_mine = sum(t.size for t in self.plan.tasks if t.index not in want)
        if need_mine + need_theirs <= left:
            share = need_theirs + (left - need_mine - need_theirs) // 2
        elif need_theirs <= need_mine:
            share = min(need_theirs, left // 2)
        else:
            share = left - min(need_mine, left // 2)
        budget.allow(left - share)
        return share

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

    def _serial(self) -> Analysis:
        tasks = self.plan.tasks
        for pos, task in enumerate(tasks):
            self._check_cancel()
            self._read_with_progress(task.index)
            last_of_export = pos + 1 < len(tasks) and tasks[pos + 1].export != task.export
            if self.on_export is not None and last_of_export:
                self.on_export(self._analysis(self.collector.frame(), task.export + 1))
        return self._finish(None, [])

    def _finish(self, other: pl.DataFrame | None, other_shapes: list[Shape]) -> Analysis:
        """Merge both processes' items in task order, so the result never depends on who read what."""
        import polars as pl

        from exportscope.snapshot import changes

        self.snapshot_notes = changes(self.plan.sources, self.paths)
        mine = self.collector.frame()
        if other is not None:
            # The worker numbered its shapes itself: renumber them as this process's collector does.
            remap = [self.collector.shape_id(shape) for shape in other_shapes]
            rules = {t.rule.id: t.rule for t in self.plan.tasks}
            for shape in other_shapes:
                self.collector.rules.setdefault(shape[1], rules[shape[1]])
            if remap:
                other = other.with_columns(pl.Series("shape", remap, dtype=pl.UInt32).gather(other.get_column("shape")))
        order = sorted(self.results)
        spans = [(self.results[i].start, self.results[i].end) for i in order]
        contiguous = all(start == (spans[k - 1][1] if k else 0) for k, (start, _) in enumerate(spans))
        if other is None and contiguous:
            return self._analysis(mine, len(self.plan.exports))  # read in task order already: no copy
        pieces = []
        for index in order:
            r = self.results[index]
            source = other if other is not None and index in self.worker_tasks else mine
            if r.end > r.start:
                pieces.append(source.slice(r.start, r.end - r.start))
        frame = pl.concat(pieces, rechunk=True) if pieces else mine.clear()
        return self._analysis(frame, len(self.plan.exports))

    def _analysis(self, frame: pl.DataFrame, n_exports: int) -> Analysis:
        """Apply facts and notes in task order, build contexts, classify: for all exports or the first n."""
        exports = self.plan.exports[:n_exports]
        ledger: list[LedgerEntry] = []
        seen: set[str] = set()
        for i, export in enumerate(exports):
            export.facts.clear()
            export.notes[:] = self.base_notes[i]
            ledger.extend(self.plan.ledgers[i])
            for task in (t for t in self.plan.tasks if t.export == i and t.index in self.results):
                result = self.results[task.index]
                seen.add(task.rule.platform + task.suffix)
                ledger.extend(result.ledger)
                for fact in result.facts:
                    export.facts[(task.rule.platform, fact.name)] = fact
                export.notes.extend((task.rule.platform, note) for note in result.notes)
            # Checks that need the whole export read (X: its manifest's counts against what was read).
            paths = [m.path for s in export.sources for m in s.members]
            export.notes.extend((export.platform.name, n) for n in export.platform.reconcile(export.facts, paths))
        ledger.extend(self.plan.unknown)
        contexts = build_contexts(exports, seen, self.options)
        return Analysis(
            inputs=[str(p) for p in self.paths],
            options=self.options,
            exports=exports,
            items=classify(frame, self.collector.shapes, self.collector.rules, contexts, self.options.as_of),
            ledger=ledger,
            contexts=contexts,
            notes=list(self.plan.notes) + self.snapshot_notes,
            export_entries=[e for e in self.plan.entries if e.current < n_exports],
            basis=(frame, list(self.collector.shapes), dict(self.collector.rules)),
        )
