"""The cycle collector is off while an archive is read (:func:`exportscope.gctune.paused`) and comes back as
it was: a library caller or the terminal UI keeps its collector after the reading."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from exportscope.gctune import paused
from exportscope.pipeline import analyze
from tests.conftest import SAMPLES


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector on for the test, and as it was after it, whatever the test did with it (left off, the
    rest of the pytest process ran without it: millions of the terminal UI tests' cyclic objects were never
    freed, and the process's last collection took over 5 s, so the test runner interrupted it)."""
    was_on = gc.isenabled()
    gc.enable()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_back_on_after_even_when_the_block_fails(collector_on: None) -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        raise ValueError("a reader failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_the_reading_runs_without_collections_and_leaves_the_collector_on(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exportscope import pipeline

    seen: list[bool] = []
    real = pipeline.read_task

    def read_task(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read_task", read_task)
    analysis = analyze([SAMPLES / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip"])
    assert analysis.exports and seen and not any(seen)
    assert gc.isenabled()
