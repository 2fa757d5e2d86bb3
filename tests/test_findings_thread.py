"""The findings are looked for side by side with other work (issue 19): the media scan in a thread beside the
text findings, and the findings beside the summary's counts (:func:`exportscope.api.summarize`). The answers
are the ones the steps give one after the other, an error on either side reaches the caller, and no thread
is left running when a call returns or raises."""

from __future__ import annotations

import threading
from typing import Any

import polars as pl
import pytest
import report_fixture as fx

from exportscope import findings
from exportscope.findings import Found, find_all
from exportscope.findings.collect import Collector, places_to_items
from exportscope.pipeline import Options, analyze
from exportscope.samples import sample_paths
from exportscope.types import Analysis


def _one_after_the_other(analysis: Analysis) -> Found:
    """What :func:`find_all` gave before the thread: text, minors, media into one collector, in that order."""
    acc = Collector()
    findings._text_findings(analysis, acc, None)
    findings._minor_findings(analysis, acc)
    findings._media_findings(analysis, acc, None)
    acc.resolve(places_to_items(analysis.items, acc.pending()))
    order = list(analysis.contexts) + [e.platform.name for e in analysis.exports]
    return Found(*acc.result(order))


def _refs(found: Found) -> dict[tuple[str, str], list[int]]:
    return {(f["type"], f["platform"]): sorted(found.refs.of(f["type"], f["platform"])) for f in found.findings}


@pytest.fixture(scope="module")
def demo() -> Analysis:
    return analyze(sample_paths(), Options(as_of=fx.AS_OF))


@pytest.fixture(scope="module")
def linkedin(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze([fx.build(tmp_path_factory.mktemp("findings"))], Options(as_of=fx.AS_OF))


@pytest.mark.parametrize("which", ["demo", "linkedin"])
def test_the_threaded_findings_are_the_serial_ones(which: str, request: pytest.FixtureRequest) -> None:
    analysis: Analysis = request.getfixturevalue(which)
    serial = _one_after_the_other(analysis)
    threaded = find_all(analysis)
    assert threaded.findings == serial.findings
    assert _refs(threaded) == _refs(serial)
    # The samples hold photos with EXIF and texts with findings: both sides of the thread had work.
    types = {f["type"] for f in threaded.findings}
    assert types & {"exif_gps", "exif_camera", "exif_date"} and types & {"email", "phone", "person"}


def _no_findings_thread() -> bool:
    return not any(t.name == "exportscope-media-findings" for t in threading.enumerate())


def test_the_media_adds_reach_the_collector_in_their_order(linkedin: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which values are shown as examples (the first few) depends on the order they were added in."""
    values = [f"Camera {i}" for i in range(12)]

    def media(analysis: Analysis, acc: Any, cancel: threading.Event | None) -> None:
        for value in values:
            acc.add("exif_camera", "linkedin", value, {"source": f"{value}.jpg"})

    monkeypatch.setattr(findings, "_media_findings", media)
    camera = next(f for f in find_all(linkedin).findings if f["type"] == "exif_camera")
    assert [e["value"] for e in camera["examples"]] == values[: findings.MAX_EXAMPLES]
    assert camera["distinct"] == len(values)


def test_an_error_in_the_media_scan_reaches_the_caller(linkedin: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(analysis: Analysis, acc: Any, cancel: threading.Event | None) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(findings, "_media_findings", broken)
    with pytest.raises(OSError) as raised:
        find_all(linkedin)
    assert raised.value.errno == 5
    assert _no_findings_thread()


def test_an_error_in_the_text_findings_waits_for_the_scan(linkedin: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned = threading.Event()
    slow = threading.Event()

    def media(analysis: Analysis, acc: Any, cancel: threading.Event | None) -> None:
        slow.wait(1)
        scanned.set()

    def broken(analysis: Analysis, acc: Collector, cancel: threading.Event | None) -> None:
        raise ValueError("a text findings step failed")

    monkeypatch.setattr(findings, "_media_findings", media)
    monkeypatch.setattr(findings, "_text_findings", broken)
    with pytest.raises(ValueError):
        find_all(linkedin)
    assert scanned.is_set()  # joined before the error left find_all
    assert _no_findings_thread()


def test_without_media_no_thread_is_started(linkedin: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    original = threading.Thread.start

    def start(self: threading.Thread) -> None:
        started.append(self.name)
        original(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    found = find_all(linkedin, media=False)
    assert "exportscope-media-findings" not in started
    assert not {f["type"] for f in found.findings} & {"exif_gps", "exif_camera", "exif_date"}


def test_a_cancelled_scan_stops_and_the_call_returns(linkedin: Analysis) -> None:
    cancel = threading.Event()
    cancel.set()
    find_all(linkedin, cancel=cancel)  # the TUI's loader drops what a cancelled call returns
    assert _no_findings_thread()


# --- the summary's counts made while the findings are looked for ------------------------------------------


def test_the_summary_asks_for_its_findings_once_and_last(linkedin: Analysis) -> None:
    from exportscope import summary

    found = find_all(linkedin).findings
    calls: list[str] = []

    def later() -> list[dict[str, Any]]:
        calls.append("asked")
        return found

    with_list = summary.build(linkedin, found).to_json()
    assert summary.build(linkedin, later).to_json() == with_list
    assert calls == ["asked"]
    assert with_list["findings"] == found and found


def test_summarize_looks_in_a_thread_and_gives_what_find_gives(
    linkedin: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exportscope
    from exportscope import summary

    threads: list[str] = []
    original = findings.find

    def find(analysis: Analysis, **kwargs: Any) -> list[dict[str, Any]]:
        threads.append(threading.current_thread().name)
        return original(analysis, **kwargs)

    monkeypatch.setattr(findings, "find", find)
    assert exportscope.summarize(linkedin).to_json() == summary.build(linkedin, original(linkedin)).to_json()
    assert len(threads) == 1 and threads[0] != threading.current_thread().name


def test_an_error_while_looking_reaches_summarize(linkedin: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    import exportscope

    def broken(analysis: Analysis, **kwargs: Any) -> list[dict[str, Any]]:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(findings, "find", broken)
    with pytest.raises(OSError):
        exportscope.summarize(linkedin)
    assert not any(t.name.startswith("exportscope-find") for t in threading.enumerate())


def test_where_no_thread_can_start_the_findings_are_looked_for_one_after_the_other(
    linkedin: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exportscope
    from exportscope import summary

    serial = _one_after_the_other(linkedin)
    expected = summary.build(linkedin, serial.findings).to_json()

    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    found = find_all(linkedin)
    assert found.findings == serial.findings and _refs(found) == _refs(serial)
    assert exportscope.summarize(linkedin).to_json() == expected


def _places_one_by_one(items: pl.DataFrame, pending: list[tuple[str, str, int | None]]) -> dict[Any, list[int]]:
    """places_to_items as it was: every item of the pending sources met in Python."""
    by_row: dict[Any, list[int]] = {}
    by_source: dict[Any, list[int]] = {}
    for pos, (platform, source, row) in enumerate(items.select("platform", "source", "row").iter_rows()):
        by_row.setdefault((platform, source, row), []).append(pos)
        by_source.setdefault((platform, source), []).append(pos)
    out: dict[Any, list[int]] = {}
    for platform, source, row in pending:
        hits = by_row.get((platform, source, row)) if row is not None else by_source.get((platform, source))
        if hits:
            out[(platform, source, row)] = hits
    return out


def test_places_lead_to_the_items_their_file_and_row_produced(demo: Analysis) -> None:
    """Rows (a post and its photos share one), whole sources (a photo file), a place with no item (a photo
    sent in a message), another platform's file of the same name: as when every item was met in Python."""
    items = demo.items
    seen = items.select("platform", "source", "row").unique(maintain_order=True).rows()
    pending: list[tuple[str, str, int | None]] = [(p, s, r) for p, s, r in seen[::3] if r is not None]
    pending += [(p, s, None) for p, s, _ in seen[1::5]]
    pending += [("facebook", "messages/inbox/ben_1/photos/1.jpg", None), ("nowhere", seen[0][1], seen[0][2])]
    found = places_to_items(items, pending)
    assert found == _places_one_by_one(items, pending)
    assert any(len(v) > 1 for v in found.values())  # a row that produced several items
    assert any(k[2] is None for k in found)
