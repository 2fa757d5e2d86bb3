"""What the caller does next runs while the reading process waits for its worker, once, and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from exportscope import parallel
from exportscope.pipeline import Options, analyze

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
INPUTS = [*sorted((SAMPLES / "linkedin-2024").glob("*.zip")), *sorted((SAMPLES / "facebook-2025").glob("*.zip"))]


@pytest.fixture
def worker_still_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker reads as usual, but the first time the parent asks, it has not finished yet: the parent
    has read its share first and waits (what happens whenever the worker's last batch is the longer one)."""
    real = parallel.Worker

    class Late(real):  # type: ignore[misc,valid-type]
        @property
        def finished(self) -> bool:
            self._asked = getattr(self, "_asked", 0) + 1
            return bool(self._finished) and self._asked > 1

        @finished.setter
        def finished(self, value: bool) -> None:
            self._finished = value

    monkeypatch.setattr(parallel, "Worker", Late)


def test_it_runs_once_while_the_parent_waits_and_changes_nothing(force_parallel, worker_still_reading) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    two = analyze(INPUTS, Options(workers=2), while_waiting=lambda: calls.append(1))
    assert calls == [1]
    one = analyze(INPUTS, Options(workers=1), while_waiting=lambda: calls.append(2))
    assert calls == [1]  # one process: no one to wait for
    assert two.items.equals(one.items)
