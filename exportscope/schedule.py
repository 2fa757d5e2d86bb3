"""Which process reads which task: handed out as each process becomes free, not split once beforehand.

Why not a split made before reading (as before): the two processes never read at the same speed. The worker
starts later (a new interpreter, its imports), the parent polls it and keeps the progress, and on a machine
whose two cores are shared (a virtual machine, a laptop saving power) either may run half as fast as the
other for a while. On the heavy Meta export a split balanced by bytes left the worker idle for 0.4-0.8 s
while the parent read on. Here the parent takes one unit at a time, the worker a batch at a time (an eighth
of what is left, so batches shrink as the end nears and neither waits long for the other), the biggest
units first so that the last ones, handed out when the other side is nearly done, are small.

A unit is one task, or every task of an export whose readers share state across its files
(``Platform.task_shares_state``): those stay in one process, in order, for the result to be the same.
The schedule only decides who reads what; what is read, and the order of the items, never depend on it
(:func:`exportscope.pipeline.merge` puts every task's rows in task order).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exportscope.plan import Task
    from exportscope.zipread import Budget

#: A worker's batch is this part of the bytes not handed out yet (at least one unit): with two batches sent
#: ahead, the worker holds at most about a quarter of what is left, so it never ends long after the parent.
BATCH_PART = 8


def units_of(tasks: Sequence[Task]) -> list[list[Task]]:
    """The plan's tasks grouped into the units a process reads whole, each in plan order, units in the order
    of their first task."""
    units: dict[tuple[str, int], list[Task]] = {}
    for t in tasks:
        key = ("export", t.export) if t.platform.task_shares_state(t.rule) else ("task", t.index)
        units.setdefault(key, []).append(t)
    return list(units.values())


class Schedule:
    """The units not read yet, shared by the parent (:meth:`for_main`) and the thread that feeds the worker
    (:meth:`for_worker`); thread-safe.

    ``budget``: the parent's inflation budget. What is handed to the worker is taken off its limit (the
    worker's own budget grows by as much), so that the two processes never together inflate more than the
    run's budget. Only the limit is changed here, never what was used: the parent's reading thread counts
    its use at the same time.
    """

    def __init__(self, units: Sequence[Sequence[Task]], budget: Budget | None = None) -> None:
        ordered = sorted(units, key=_unit_size, reverse=True)  # stable: equal sizes keep plan order
        self._units: deque[list[Task]] = deque(list(u) for u in ordered)
        self._left = sum(map(_unit_size, ordered))
        self._lock = threading.Lock()
        self._budget = budget
        self._closed = False
        #: Task indices handed to the worker, in the order handed.
        self.worker_tasks: list[int] = []
        #: Declared bytes of those tasks.
        self.worker_bytes = 0

    def for_main(self) -> list[Task] | None:
        """The next unit for the parent, biggest first; None when every unit is handed out."""
        with self._lock:
            if not self._units:
                return None
            unit = self._units.popleft()
            self._left -= _unit_size(unit)
            return unit

    def for_worker(self) -> tuple[list[Task], int] | None:
        """The worker's next batch (its tasks, their declared bytes): the biggest units left, an eighth
        of the bytes not handed out yet and at least one unit; None when nothing is left or the parent has
        closed the schedule."""
        with self._lock:
            if self._closed or not self._units:
                return None
            target = self._left // BATCH_PART
            batch: list[Task] = []
            size = 0
            while self._units and (not batch or size + _unit_size(self._units[0]) <= target):
                unit = self._units.popleft()
                batch.extend(unit)
                size += _unit_size(unit)
            self._left -= size
            self.worker_tasks.extend(t.index for t in batch)
            self.worker_bytes += size
            if self._budget is not None:
                self._budget.limit -= size
            return batch, size

    def batch_target(self) -> int:
        """The declared bytes a worker's batch would aim at now (:meth:`for_worker`); a batch bigger than this
        is a single unit bigger than a batch."""
        with self._lock:
            return self._left // BATCH_PART

    def close(self) -> bool:
        """Hand nothing more to the worker; True when it was never given anything (then it need not be
        waited for: the parent has read or will read every unit)."""
        with self._lock:
            self._closed = True
            return not self.worker_tasks


def _unit_size(unit: Sequence[Task]) -> int:
    return sum(t.size for t in unit)
