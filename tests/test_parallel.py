"""Reading with two processes gives exactly what one process gives: same items in the same order, same
ledger, same facts and notes; progress keeps moving; cancelling stops the worker."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from exportscope import parallel
from exportscope.pipeline import Cancelled, Options, Progress, analyze
from exportscope.summary import build
from tests.conftest import ended_within

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
INPUTS = [
    *sorted((SAMPLES / "linkedin-2024").glob("*.zip")),
    *sorted((SAMPLES / "facebook-2025").glob("*.zip")),
    *sorted((SAMPLES / "instagram-2025").glob("*.zip")),
    SAMPLES / "whatsapp",
]
AS_OF = Options().as_of


@pytest.fixture
def started(monkeypatch) -> list[parallel.Worker]:
    """Every reading worker the pipeline makes, in order (the real ones, spied on)."""
    made: list[parallel.Worker] = []
    real_worker = parallel.Worker

    def spy(spec=None, **kwargs) -> parallel.Worker:
        worker = real_worker(spec, **kwargs)
        made.append(worker)
        return worker

    monkeypatch.setattr(parallel, "Worker", spy)
    return made


def test_two_processes_give_the_same_analysis_as_one(force_parallel, started: list[parallel.Worker]) -> None:
    one = analyze(INPUTS, Options(workers=1))
    steps: list[Progress] = []
    two = analyze(INPUTS, Options(workers=2), progress=steps.append)
    assert len(started) == 1 and started[0].results, started[0].error  # the worker really read some tasks
    assert len(started[0].results) < len(one.ledger)  # and the parent others
    assert two.items.equals(one.items)
    assert [(e.path, e.status, e.items, e.reason) for e in two.ledger] == [
        (e.path, e.status, e.items, e.reason) for e in one.ledger
    ]
    assert build(two) == build(one)
    assert steps[-1].done == steps[-1].total
    assert [s.done for s in steps] == sorted(s.done for s in steps)


def test_a_worker_that_handed_everything_back_is_not_waited_for_and_ends_by_itself(
    force_parallel, monkeypatch, started: list[parallel.Worker]
) -> None:
    """Its end is the system taking back its memory: the parent goes on meanwhile (issue 19)."""
    import multiprocessing.process

    joined: list[int | None] = []
    real_join = multiprocessing.process.BaseProcess.join

    def join(self: multiprocessing.process.BaseProcess, timeout: float | None = None) -> None:
        joined.append(self.pid)
        real_join(self, timeout)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "join", join)
    analyze(INPUTS, Options(workers=2))
    assert len(started) == 1 and started[0].frame is not None and started[0].error is None
    pid = started[0]._process.pid
    assert pid is not None and pid not in joined
    assert ended_within(pid)


def test_small_archives_are_read_by_one_process() -> None:
    from exportscope.plan import make_plan

    plan = make_plan(INPUTS, Options().max_member_bytes, Options().max_ratio)
    try:
        assert parallel.shared_units(plan.tasks) is None
    finally:
        plan.close()


def test_cancel_stops_the_worker(force_parallel) -> None:
    cancel = threading.Event()

    def on_progress(p: Progress) -> None:
        if p.done > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        analyze(INPUTS, Options(workers=2), progress=on_progress, cancel=cancel)


def test_a_worker_that_cannot_run_falls_back_to_one_process(force_parallel, monkeypatch) -> None:
    class DeadWorker:
        """A worker whose process died before reading anything."""

        def __init__(self, spec=None, **kwargs) -> None:
            self.finished, self.error, self.frame, self.progressed = True, "RuntimeError: died", None, set()

        def assign(self, spec, schedule=None) -> None:
            schedule.for_worker()  # it was handed a batch, then died: the parent reads that batch too

        def poll(self, timeout: float = 0.0) -> list[tuple[int, str]]:
            return []

        def stop(self) -> None:
            pass

    monkeypatch.setattr(parallel, "Worker", DeadWorker)
    one = analyze(INPUTS, Options(workers=1))
    steps: list[Progress] = []
    two = analyze(INPUTS, Options(workers=2), progress=steps.append)
    assert two.items.equals(one.items)
    assert steps[-1].done == steps[-1].total


def test_a_worker_that_cannot_start_falls_back_to_one_process(force_parallel, monkeypatch) -> None:
    def no_process(spec=None, *, parent=None) -> None:
        raise OSError("cannot start a process here")

    monkeypatch.setattr(parallel, "Worker", no_process)
    assert analyze(INPUTS, Options(workers=2)).items.equals(analyze(INPUTS, Options(workers=1)).items)


def test_the_worker_starts_once_the_inputs_are_listed_and_gets_its_share_after_planning(
    force_parallel, monkeypatch
) -> None:
    """Its imports overlap the planning: started without a share, before the plan exists, given it after."""
    from exportscope import plan as plan_mod

    events: list[str] = []
    real_worker, real_plan = parallel.Worker, plan_mod._plan

    class Spy(real_worker):  # type: ignore[misc, valid-type]
        def __init__(self, spec=None, **kwargs) -> None:
            events.append("started with a share" if spec is not None else "started")
            super().__init__(spec, **kwargs)

        def assign(self, spec, schedule=None) -> None:
            events.append(f"given {len(spec.tasks)} tasks")
            super().assign(spec, schedule)

    def planning(*args, **kwargs):
        events.append("planned")
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(parallel, "Worker", Spy)
    monkeypatch.setattr(plan_mod, "_plan", planning)
    two = analyze(INPUTS, Options(workers=2))
    assert events[:2] == ["started", "planned"]
    assert events[2].startswith("given ") and events[2] != "given 0 tasks"
    assert two.items.equals(analyze(INPUTS, Options(workers=1)).items)


def test_a_worker_started_on_a_guess_the_plan_does_not_confirm_is_stopped(
    force_parallel, monkeypatch, started: list[parallel.Worker]
) -> None:
    monkeypatch.setattr(parallel, "shared_units", lambda tasks: None)  # one process is better, after all
    one = analyze(INPUTS, Options(workers=2))
    assert len(started) == 1
    assert not started[0]._process.is_alive()
    assert one.items.equals(analyze(INPUTS, Options(workers=1)).items)


def test_only_members_a_reader_parses_count_towards_starting_a_worker(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1000)
    assert parallel.worth_starting([(".json", 600), (".csv", 400)])
    assert not parallel.worth_starting([(".jpg", 5000), (".MP4", 5000), (".json", 999)])


def test_a_worker_started_for_inputs_that_turn_out_unusable_is_stopped(
    force_parallel, monkeypatch, tmp_path, started: list[parallel.Worker]
) -> None:
    from exportscope.archive import InputError

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "shopping list.txt").write_text("milk\neggs\n", encoding="utf-8")
    with pytest.raises(InputError):
        analyze([folder], Options(workers=2))
    assert len(started) == 1  # listed, worth a worker (the threshold is 0 here), then nothing recognizable
    assert not started[0]._process.is_alive()
