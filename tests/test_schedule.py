"""Who reads which task: units handed out as each process becomes free, the worker's batches shrinking as
the end nears, units that share state kept whole, the inflation budget moved with what is handed out; and
the worker started by a fork only while that is safe."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from exportscope import parallel, worker
from exportscope.model import Record
from exportscope.schedule import BATCH_PART, Schedule, units_of
from exportscope.zipread import Budget

REPO = Path(__file__).resolve().parent.parent


@dataclass
class FakePlatform:
    """A platform whose readers share state across the files of an export for the rules named."""

    sharing: frozenset[str] = frozenset()

    def task_shares_state(self, rule: object) -> bool:
        return str(rule) in self.sharing


@dataclass
class FakeTask:
    index: int
    size: int
    export: int = 0
    rule: str = "chat"
    platform: FakePlatform = field(default_factory=FakePlatform)


def tasks_of(sizes: list[int]) -> list[FakeTask]:
    return [FakeTask(i, size) for i, size in enumerate(sizes)]


def test_units_keep_the_tasks_of_an_export_that_share_state_together() -> None:
    meta = FakePlatform(frozenset({"posts"}))
    tasks = [
        FakeTask(0, 10, export=0, rule="posts", platform=meta),
        FakeTask(1, 10, export=0, rule="chat", platform=meta),
        FakeTask(2, 10, export=0, rule="posts", platform=meta),
        FakeTask(3, 10, export=1, rule="posts", platform=meta),
    ]
    units = units_of(tasks)  # type: ignore[arg-type]
    assert [[t.index for t in u] for u in units] == [[0, 2], [1], [3]]


def test_the_parent_takes_the_biggest_unit_first_and_everything_is_handed_out_once() -> None:
    tasks = tasks_of([5, 50, 20, 20, 1])
    schedule = Schedule([[t] for t in tasks])  # type: ignore[list-item]
    first = schedule.for_main()
    assert first is not None and [t.index for t in first] == [1]
    got = schedule.for_worker()
    assert got is not None
    handed = [t.index for t in got[0]]
    rest: list[int] = []
    while (unit := schedule.for_main()) is not None:
        rest.extend(t.index for t in unit)
    assert sorted([1, *handed, *rest]) == [0, 1, 2, 3, 4]
    assert schedule.worker_tasks == handed
    assert schedule.for_worker() is None


def test_the_workers_batches_shrink_as_the_end_nears() -> None:
    tasks = tasks_of([10] * 100)
    schedule = Schedule([[t] for t in tasks])  # type: ignore[list-item]
    sizes = []
    while (got := schedule.for_worker()) is not None:
        sizes.append(got[1])
    assert 1000 // BATCH_PART - 10 < sizes[0] <= 1000 // BATCH_PART  # that part of what was left, in units
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 10  # down to one unit at the end
    assert sum(sizes) == 1000 and schedule.worker_bytes == 1000


def test_a_unit_bigger_than_the_batch_is_handed_out_whole() -> None:
    schedule = Schedule([[t] for t in tasks_of([900, 50, 50])])  # type: ignore[list-item]
    got = schedule.for_worker()
    assert got is not None and [t.index for t in got[0]] == [0] and got[1] == 900


def test_a_batch_bigger_than_its_target_is_one_unit_and_says_so() -> None:
    """The LinkedIn shape: one file is most of the reading. The worker's batch is that one unit, bigger than
    the target it was handed out at (so the feeding thread sends nothing ahead of it: the next biggest unit
    goes to the parent)."""
    schedule = Schedule([[t] for t in tasks_of([500, 70, 40, 30, 1])])  # type: ignore[list-item]
    target = schedule.batch_target()
    got = schedule.for_worker()
    assert got is not None and len(got[0]) == 1 and got[1] > target == 641 // BATCH_PART
    nxt = schedule.for_main()
    assert nxt is not None and [t.index for t in nxt] == [1]
    usual = Schedule([[t] for t in tasks_of([10] * 100)])  # type: ignore[list-item]
    target = usual.batch_target()
    got = usual.for_worker()
    assert got is not None and got[1] <= target  # batches of the usual size: two go ahead


def test_what_the_worker_is_handed_moves_off_the_parents_budget() -> None:
    budget = Budget(1000)
    budget.used = 100
    schedule = Schedule([[t] for t in tasks_of([400, 200, 100])], budget)  # type: ignore[list-item]
    got = schedule.for_worker()
    assert got is not None
    assert budget.left == 900 - got[1]
    assert budget.used == 100  # what the parent used is never touched here: its reading thread counts it


def test_closing_says_whether_the_worker_was_ever_given_anything() -> None:
    idle = Schedule([[t] for t in tasks_of([10, 10])])  # type: ignore[list-item]
    assert idle.close() and idle.for_worker() is None
    busy = Schedule([[t] for t in tasks_of([10, 10])])  # type: ignore[list-item]
    assert busy.for_worker() is not None
    assert not busy.close()


def test_two_takers_at_once_never_get_the_same_unit() -> None:
    schedule = Schedule([[t] for t in tasks_of([3] * 2000)])  # type: ignore[list-item]
    taken: list[list[int]] = [[], []]

    def main() -> None:
        while (unit := schedule.for_main()) is not None:
            taken[0].extend(t.index for t in unit)

    def worker() -> None:
        while (got := schedule.for_worker()) is not None:
            taken[1].extend(t.index for t in got[0])

    threads = [threading.Thread(target=main), threading.Thread(target=worker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken[0] + taken[1]) == list(range(2000))


def test_a_fork_only_while_no_other_thread_runs_and_polars_is_not_loaded() -> None:
    code = (
        "import sys, threading, time\n"
        "from exportscope import parallel\n"
        "print(parallel.start_method())\n"
        "t = threading.Thread(target=time.sleep, args=(0.5,)); t.start()\n"
        "print(parallel.start_method()); t.join()\n"
        "import polars\n"
        "print(parallel.start_method())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    expected = ["fork", "spawn", "spawn"] if sys.platform.startswith("linux") else ["spawn"] * 3
    assert out.stdout.split() == expected


#: Run in a new interpreter over the Facebook samples: the analysis with a worker (``w``; the parent waits
#: for its first batch, so it really reads some) as ``a`` and in one process as ``b``. ``SETUP`` runs first;
#: ``REPORT``, an expression over them, is printed as JSON.
TWO_WAYS = (
    "import sys, json, time\n"
    "from exportscope import parallel, reading, schedule\n"
    "parallel.PARALLEL_MIN_BYTES = 0\n"
    "SETUP"
    "first = schedule.Schedule.for_main\n"
    "def for_main(self):\n"
    "    while not self.worker_tasks and not self._closed: time.sleep(0.01)\n"
    "    return first(self)\n"
    "schedule.Schedule.for_main = for_main\n"
    "W, made = parallel.Worker, []\n"
    "parallel.Worker = lambda *a, **k: made.append(W(*a, **k)) or made[-1]\n"
    "from exportscope.pipeline import analyze, Options\n"
    "a = analyze(sys.argv[1:], Options(workers=2))\n"
    "b = analyze(sys.argv[1:], Options(workers=1))\n"
    "w = made[0]\n"
    "print(json.dumps(REPORT))\n"
)


def _two_ways(setup: str, report: str) -> dict[str, Any]:
    import json

    code = TWO_WAYS.replace("SETUP", setup).replace("REPORT", report)
    samples = sorted((REPO / "sample_exports" / "facebook-2025").glob("*.zip"))
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, samples)], capture_output=True, text=True, cwd=REPO, check=True
    )
    seen: dict[str, Any] = json.loads(out.stdout)
    return seen


def test_the_command_line_forks_its_worker_and_gets_what_one_process_gets() -> None:
    """The real command: the worker forked after listing (no thread, no polars yet) reads its batches."""
    seen = _two_ways(
        "methods = []\n"
        "real = parallel.start_method\n"
        "parallel.start_method = lambda: methods.append(real()) or methods[-1]\n",
        "{'methods': methods, 'same': a.items.equals(b.items), 'n': a.items.height,"
        " 'worker read': len(w.results), 'error': w.error}",
    )
    assert seen["same"] and seen["n"] > 0
    assert seen["error"] is None and seen["worker read"] > 0
    if sys.platform.startswith("linux"):
        assert seen["methods"][0] == "fork"


def test_the_workers_items_come_back_the_same_as_an_in_memory_file_or_as_bytes() -> None:
    from datetime import datetime

    import polars as pl

    frame = pl.DataFrame(
        {
            "shape": pl.Series([0, 1, 1], dtype=pl.UInt32),
            "source": ["a/message_1.json", "a/message_1.json", None],
            "timestamp": pl.Series(
                [datetime(2025, 6, 13, tzinfo=UTC), None, datetime(1999, 1, 1, tzinfo=UTC)],
                dtype=pl.Datetime("us", "UTC"),
            ),
            "text": ["Zoé 👋", "", None],
        }
    )
    assert worker.frame_of(worker.frame_bytes(frame)).equals(frame)
    fd = worker.frame_in_memory_file(frame)
    if sys.platform.startswith("linux"):
        assert fd is not None
    if fd is not None:
        assert worker.frame_from_file(fd).equals(frame)


SPARE_SCRIPT = """
import json, sys
from exportscope import parallel
from exportscope.pipeline import Options, analyze

workers, inputs = int(sys.argv[1]), sys.argv[2:]
parallel.start_spare(inputs)  # the bundled samples are small: no spare for them as they are
small = len(parallel._SPARE)
parallel.PARALLEL_MIN_BYTES = parallel.SPARE_MIN_DISK_BYTES = 0  # now they count as big
parallel.start_spare(inputs)
spare = parallel._SPARE[0]
result = analyze(inputs, Options(workers=workers))
spare._process.join(10)  # a worker that handed everything back ends by itself (not waited for by stop())
print(json.dumps({"small": small, "taken": spare._feeder is not None, "alive": spare.alive(),
                  "after": len(parallel._SPARE), "items": result.items.height}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a spare worker is forked: Linux only")
@pytest.mark.parametrize("workers", [2, 1])
def test_a_spare_worker_forked_before_a_ui_starts_is_taken_by_the_analysis_or_stopped(workers: int) -> None:
    """Taken when the analysis reads with two processes; stopped when it reads with one (or the inputs turn
    out too small); never left running."""
    samples = sorted((REPO / "sample_exports" / "facebook-2025").glob("*.zip"))
    out = subprocess.run(
        [sys.executable, "-c", SPARE_SCRIPT, str(workers), *map(str, samples)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    import json

    seen = json.loads(out.stdout)
    assert seen["small"] == 0
    assert seen["taken"] == (workers == 2)
    assert not seen["alive"] and seen["after"] == 0 and seen["items"] > 0


FORKED_STOP_SCRIPT = """
import os, sys, time
from exportscope import fsutil, parallel, stops

stops.install()  # the command line's stop handlers: SIGTERM removes the outputs being written, then unwinds
tmp = sys.argv[1]
open(tmp, "w").close()
fsutil._pending.add(tmp)  # an output being written by this process
worker = parallel.Worker(parent=os.getpid())
time.sleep(0.5)
worker.stop()  # SIGTERM
print(os.path.exists(tmp), worker._process.exitcode)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers: Linux only")
def test_a_forked_worker_ends_on_sigterm_without_running_its_parents_stop_handler(tmp_path: Path) -> None:
    tmp = tmp_path / ".report.html.1234.part"
    out = subprocess.run(
        [sys.executable, "-c", FORKED_STOP_SCRIPT, str(tmp)], capture_output=True, text=True, cwd=REPO, check=True
    )
    exists, code = out.stdout.split()
    assert exists == "True"  # the parent's temporary file was not removed by the worker
    assert int(code) == -15  # ended by SIGTERM's default action, not unwound by a handler


@pytest.mark.usefixtures("force_parallel")
def test_the_parent_turns_its_rows_into_columns_before_it_waits_for_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its last flush overlaps the worker's last batches instead of following them: every time the parent
    asks the worker how it is doing once nothing is left to hand out, its own rows are columns already."""
    from exportscope import parallel, pipeline
    from tests.conftest import SAMPLES

    pending_when_waiting: list[int] = []
    readers: list[pipeline._Reader] = []
    handed_out = threading.Event()
    real_init, real_poll, real_for_main = pipeline._Reader.__init__, parallel.Worker.poll, Schedule.for_main

    def init(self: pipeline._Reader, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        readers.append(self)

    def for_main(self: Schedule) -> object:
        unit = real_for_main(self)
        if unit is None:
            handed_out.set()
        return unit

    def poll(self: parallel.Worker, timeout: float = 0.0) -> object:
        if handed_out.is_set():
            pending_when_waiting.append(len(readers[-1].collector.cols["source"]))
        return real_poll(self, timeout)

    monkeypatch.setattr(pipeline._Reader, "__init__", init)
    monkeypatch.setattr(Schedule, "for_main", for_main)
    monkeypatch.setattr(parallel.Worker, "poll", poll)
    analysis = pipeline.analyze([SAMPLES / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip"])
    assert analysis.exports and readers[-1].worker_tasks  # the worker did read a share
    assert pending_when_waiting and set(pending_when_waiting) == {0}


def test_the_workers_rows_travel_chunk_by_chunk_while_it_reads_and_come_back_whole() -> None:
    """A worker whose collector flushes every few rows hands each chunk over as it goes; the analysis is
    the same as one process's, row for row."""
    seen = _two_ways(
        "reading.Collector.flush_rows = 7\n"  # inherited by the forked worker
        # The parent takes nothing until the worker has been handed every unit: the worker reads them all, so
        # how many chunks it hands over does not depend on which process was quicker (waiting for two batches
        # only, the parent could still take every other unit on these small samples: 1 chunk in 2 runs of 8).
        "_real = schedule.Schedule.for_main\n"
        "def _after_all(self):\n"
        "    end = time.monotonic() + 30\n"
        "    while self._units and not self._closed and time.monotonic() < end: time.sleep(0.01)\n"
        "    return _real(self)\n"
        "schedule.Schedule.for_main = _after_all\n",
        "{'same': a.items.equals(b.items), 'n': a.items.height, 'error': w.error, 'chunks': len(w.chunks),"
        " 'chunk rows': sum(c.height for c in w.chunks), 'worker rows': w.frame.height if w.frame is not None"
        " else None}",
    )
    assert seen["error"] is None and seen["same"] and seen["n"] > 0
    if sys.platform.startswith("linux"):  # in-memory files: the chunks travel as the worker reads
        assert seen["chunks"] >= 2
        assert 0 < seen["chunk rows"] <= seen["worker rows"]


def test_a_collector_hands_over_its_chunks_and_keeps_counting_rows() -> None:
    from exportscope.reading import Collector
    from exportscope.rules import load_rules

    rule = load_rules("linkedin").rules[0]
    whole, split = Collector(), Collector()
    whole.flush_rows = split.flush_rows = 3
    handed = []
    for i in range(10):
        for c in (whole, split):
            c.add("linkedin", rule, Record(text=f"t{i}", row=i), "a.csv")
            c.maybe_flush()
        handed += split.take_chunks()
    assert len(split) == len(whole) == 10
    assert handed and sum(c.height for c in handed) == 9
    assert worker.joined(handed, split.frame()).equals(whole.frame())


def test_without_in_memory_files_the_chunks_stay_and_travel_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no in-memory file can be made, hand_over sends nothing and the collector keeps its chunks, in
    order, for the frame sent at the end."""
    from exportscope.reading import Collector
    from exportscope.rules import load_rules

    rule = load_rules("linkedin").rules[0]
    handed, kept = Collector(), Collector()
    handed.flush_rows = kept.flush_rows = 2
    sent: list[object] = []

    class Conn:
        def send(self, message: object) -> None:
            sent.append(message)

    monkeypatch.setattr(worker, "frame_in_memory_file", lambda frame: None)
    for i in range(5):
        for c in (handed, kept):
            c.add("linkedin", rule, Record(text=f"t{i}", row=i), "a.csv")
            c.maybe_flush()
        worker.hand_over(handed, Conn(), 0)  # type: ignore[arg-type]
    assert sent == [] and len(handed.chunks) == 2
    assert handed.frame().equals(kept.frame())


class ScriptedConnection:
    """The worker's end of the pipe, played by a script: each ``recv`` gives the next message (a callable is
    called first, to act as the parent at that moment); every message sent is kept."""

    def __init__(self, script: list[Any]) -> None:
        self.script = list(script)
        self.sent: list[Any] = []

    def send_bytes(self, data: bytes) -> None:
        self.sent.append(("spec",))

    def send(self, message: Any) -> None:
        self.sent.append(message)

    def recv(self) -> Any:
        step = self.script.pop(0)
        return step() if callable(step) else step

    def reads(self) -> list[tuple[list[int], int]]:
        return [(m[1], m[2]) for m in self.sent if m[0] == "read"]


def feeding(
    schedule: Schedule, script_of: Callable[[ScriptedConnection], list[Any]]
) -> tuple[ScriptedConnection, parallel.Worker]:
    """Run the parent's feeding loop (``Worker._feed``) in this thread against a scripted worker; returns the
    connection and the worker handle (its frame, error...) once the loop has ended."""
    import queue

    conn = ScriptedConnection([])
    conn.script = script_of(conn)
    w = parallel.Worker.__new__(parallel.Worker)
    w._conn = conn  # type: ignore[assignment]
    w._steps = queue.SimpleQueue()
    w.chunks, w.progressed, w.error, w.finished = [], set(), None, False
    w._feed(b"spec", schedule)
    return conn, w


def _fed(schedule: Schedule, script_of: Callable[[ScriptedConnection], list[Any]]) -> ScriptedConnection:
    return feeding(schedule, script_of)[0]


def _worker_first(schedule: Schedule, then: list[Any]) -> tuple[list[int], list[int], ScriptedConnection]:
    """The worker is ready first; then the parent takes its first unit (how many batches were out then is
    noted), the worker reports its first task read, and the script goes on with ``then``. Returns the batches
    out when the parent took, the parent's tasks, and the connection."""
    parent: list[int] = []
    out_when_the_parent_took: list[int] = []

    def script(conn: ScriptedConnection) -> list[Any]:
        def parent_takes() -> Any:
            out_when_the_parent_took.append(len(conn.reads()))
            unit = schedule.for_main()
            assert unit is not None
            parent.extend(t.index for t in unit)
            return ("progress", 0, 1, "first.json")

        return [("ready",), parent_takes, *then, ("error", "enough")]

    conn = _fed(schedule, script)
    return out_when_the_parent_took, parent, conn


def test_the_feeding_thread_sends_nothing_ahead_of_a_giant_unit() -> None:
    """The worker, ready first, is sent the biggest unit alone; the parent takes the next biggest; the worker
    is sent more only once it has read its unit."""
    schedule = Schedule([[t] for t in tasks_of([500, 70, 40, 30, 1])])  # type: ignore[list-item]
    out_when_the_parent_took, parent, conn = _worker_first(schedule, [])
    assert out_when_the_parent_took == [1]  # only the giant unit was out when the parent took its first
    assert parent == [1]  # the next biggest went to the parent
    assert conn.reads()[0] == ([0], 500) and len(conn.reads()) == 2  # the next once the giant was read


def test_a_giant_unit_of_several_tasks_is_held_alone_too() -> None:
    """A unit whose tasks share state (Meta's media-claiming readers) is handed out whole: bigger than a batch,
    it is out alone, whatever its number of tasks."""
    tasks = tasks_of([300, 200, 70, 40, 30])
    schedule = Schedule([tasks[:2], *([t] for t in tasks[2:])])  # type: ignore[list-item]
    out_when_the_parent_took, parent, conn = _worker_first(schedule, [("progress", 1, 1, "second.json")])
    assert out_when_the_parent_took == [1] and parent == [2]
    assert conn.reads()[0] == ([0, 1], 500) and len(conn.reads()) == 2


def test_the_feeding_thread_sends_two_usual_batches_ahead() -> None:
    schedule = Schedule([[t] for t in tasks_of([10] * 100)])  # type: ignore[list-item]
    conn = _fed(schedule, lambda conn: [("ready",), ("error", "enough")])
    assert len(conn.reads()) == 2
