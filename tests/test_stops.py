"""Clean stops (issue 22, item 2): SIGTERM and SIGHUP during a write end the run like Ctrl-C does: the
temporary ``.part`` file is removed, the previous output is kept, one line is printed and the exit code is
128 + the signal. The writer is slowed down in a child process so the signal lands mid-write."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exportscope.errors import OutputError
from tests.stopping import stop_mid_write


@pytest.mark.parametrize(
    ("signum", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP"), (signal.SIGINT, "SIGINT")]
)
def test_a_stop_during_a_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path, signum: int, name: str) -> None:
    proc, stderr, out_dir, target = stop_mid_write(tmp_path, "exportscope.cli", lambda p: p.send_signal(signum))
    assert proc.returncode == 128 + signum, stderr
    assert stderr.strip() == f"exportscope: error: interrupted by {name}"
    assert sorted(p.name for p in out_dir.iterdir()) == ["items.csv"]  # no .part file left
    assert target.read_text() == "the previous items\n"


def test_a_pending_temporary_file_is_removed_on_a_stop_from_another_thread(tmp_path: Path) -> None:
    """A write in a thread (the terminal UI's export) never sees the signal: the handler removes its file."""
    import threading

    from exportscope import fsutil

    started, release = threading.Event(), threading.Event()

    def write() -> None:
        try:
            with fsutil.atomic_write(tmp_path / "report.html") as fh:
                fh.write(b"<p>personal</p>")
                started.set()
                release.wait(10)
        except OSError:
            pass  # its temporary file is gone: the rename fails, nothing is written

    thread = threading.Thread(target=write)
    thread.start()
    assert started.wait(10)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    fsutil.discard_pending()  # what the signal handler does first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    release.set()
    thread.join(10)
    assert not (tmp_path / "report.html").exists()


def test_inside_an_event_loop_a_stop_asks_to_quit_then_raises_once_it_has() -> None:
    """The terminal UI's way: the handler only asks the app to quit; the stop is raised after it has."""
    from exportscope import stops

    saved = {signum: signal.getsignal(signum) for signum in stops.STOP_SIGNALS}
    asked: list[str] = []
    try:
        stops.install()
        with pytest.raises(stops.Stopped) as caught, stops.deferred(lambda: asked.append("quit")):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(100):  # the handler runs between two bytecodes of this thread
                if asked:
                    break
                time.sleep(0.01)
            assert asked == ["quit"]  # still running here: nothing was raised inside
        assert caught.value.signum == signal.SIGTERM
        assert stops.exit_code(caught.value) == 143
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def test_removing_the_pending_files_can_be_asked_again_while_it_runs(tmp_path: Path) -> None:
    """A stop handler runs in the main thread between any two bytecodes, also while that thread is inside
    discard_pending or _forget (a second stop arriving during the first): asking again must not wait for
    itself."""
    import threading

    from exportscope import fsutil

    pending = tmp_path / ".items.csv.1.part"
    pending.write_text("half")
    fsutil._pending.add(str(pending))
    done = threading.Event()

    def nested() -> None:
        with fsutil._lock:  # as the interrupted code holds it
            fsutil.discard_pending()
        done.set()

    thread = threading.Thread(target=nested, daemon=True)
    thread.start()
    assert done.wait(5)
    assert not pending.exists() and not fsutil._pending


def test_the_same_stop_again_within_a_second_is_not_raised_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope import fsutil, stops

    cleared: list[int] = []
    monkeypatch.setattr(fsutil, "discard_pending", lambda: cleared.append(1))
    monkeypatch.setattr(stops, "_raised", {})
    with pytest.raises(stops.Stopped):
        stops._handler(signal.SIGTERM, None)
    stops._handler(signal.SIGTERM, None)  # the copy passed on by the waiting process: nothing raised
    assert cleared == [1]
    with pytest.raises(stops.Stopped):
        stops._handler(signal.SIGINT, None)  # another stop is one
    monkeypatch.setattr(stops, "REPEAT_SECONDS", 0.0)
    with pytest.raises(stops.Stopped):
        stops._handler(signal.SIGTERM, None)  # past the window: a stop again


_STARTING = """
import importlib, os, signal, sys

where = importlib.import_module("PATCHED_MODULE")
for part in "OWNER".split(".") if "OWNER" else []:
    where = getattr(where, part)
real = where.NAME


def stopped_here(*args, **kwargs):
    os.kill(os.getpid(), SIGNUM)
    return real(*args, **kwargs)


where.NAME = stopped_here
sys.argv = ["exportscope", *sys.argv[1:]]
from exportscope.launch import main

main()
"""


@pytest.mark.parametrize(
    ("where", "signum"),
    [
        ("typer.main:get_command", signal.SIGINT),  # typer builds the command line (before any command's guard)
        ("typer.main:get_command", signal.SIGTERM),
        ("typer.core:TyperGroup.parse_args", signal.SIGTERM),  # it is parsed (typer: a silent Exit(130))
        ("exportscope.parallel:start_spare", signal.SIGINT),  # before the CLI is imported
        ("exportscope.gctune:fewer_collections", signal.SIGINT),  # in the CLI's start, before its own guard
    ],
)
def test_a_stop_while_the_command_starts_is_one_line_not_a_traceback(tmp_path: Path, where: str, signum: int) -> None:
    from tests.stopping import LINKEDIN, run_script

    module, attribute = where.split(":")
    owner, _, name = attribute.rpartition(".")
    source = (
        _STARTING.replace("PATCHED_MODULE", module)
        .replace("OWNER", owner)
        .replace("NAME", name)
        .replace("SIGNUM", str(int(signum)))
    )
    target = tmp_path / "items.csv"
    ended = run_script(tmp_path, source, "items", str(LINKEDIN), "-o", str(target))
    assert ended.returncode == 128 + signum, ended.stderr
    assert ended.stderr.strip() == f"exportscope: error: interrupted by {signal.Signals(signum).name}"
    assert not target.exists()


def test_a_stop_a_reader_library_hands_back_as_its_own_error_is_still_a_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stop is raised wherever the main thread is, also inside a library's call; a library that turns it
    into an error of its own must not make the run go on with the file counted as failed."""
    from pathlib import Path as _Path

    from exportscope import stops
    from exportscope.archive import Member, Source
    from exportscope.model import Record
    from exportscope.platforms.base import Platform
    from exportscope.reading import Collector, read_task
    from exportscope.rules import load_rules

    monkeypatch.setattr(stops, "_raised", {})  # no stop of another test within the repeat window
    monkeypatch.setattr(stops, "_raised_in_order", [])
    rule = load_rules("facebook").get("facebook.ai_chats")
    members = [Member("a.json", Source(_Path("x.zip"), "zip"), 10, 10)]

    def library_call() -> None:
        try:
            stops._handler(signal.SIGTERM, None)  # the signal lands inside the library's callback
        except KeyboardInterrupt as exc:
            raise ValueError("the library's own error") from exc

    def stopped_reader(_members: object, _rule: object) -> Iterator[Record]:
        yield Record(text="read before", row=1)
        library_call()
        yield Record(text="never", row=2)

    def broken_reader(_members: object, _rule: object) -> Iterator[Record]:
        yield Record(text="read before", row=1)
        raise ValueError("a broken file")

    platform = Platform("facebook", "Facebook", "facebook", {rule.reader: stopped_reader})
    with pytest.raises(stops.Stopped) as raised:
        read_task(0, platform, rule, members, Collector())
    assert raised.value.signum == signal.SIGTERM
    # An error with no stop behind it is still one file failing, the rest going on.
    platform = Platform("facebook", "Facebook", "facebook", {rule.reader: broken_reader})
    result = read_task(0, platform, rule, members, Collector())
    assert [entry.status.name for entry in result.ledger] == ["FAILED"]


@pytest.mark.parametrize(
    "made", [ValueError, OSError, OutputError], ids=["an error", "an OS error", "a place that cannot be written"]
)
def test_the_command_guard_ends_a_stop_made_into_an_error_as_the_stop(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], made: type[Exception]
) -> None:
    """Not "internal error ... a bug in exportscope" (1), nor "cannot write there" (2): the stop's line and code."""
    import typer

    from exportscope import stops
    from exportscope.cli.program import guarded

    monkeypatch.setattr(stops, "_raised", {})
    monkeypatch.setattr(stops, "_raised_in_order", [])

    @guarded
    def command() -> None:
        try:
            stops._handler(signal.SIGHUP, None)
        except KeyboardInterrupt as exc:
            raise made("what the library said") from exc

    with pytest.raises(typer.Exit) as ended:
        command()
    assert ended.value.exit_code == 128 + signal.SIGHUP
    assert capsys.readouterr().err == "exportscope: error: interrupted by SIGHUP\n"

    @guarded
    def failing() -> None:
        raise made("a real failure")

    with pytest.raises(typer.Exit) as ended:
        failing()
    assert ended.value.exit_code in (1, 2)  # a bug, or a place that cannot be written: never a stop


_TWICE = """
import os, signal, sys, time

from exportscope import parallel, stops

real_spare, real_line = parallel.start_spare, stops.stopped_line


def spin():
    end = time.monotonic() + 0.2
    while time.monotonic() < end:
        pass


def first(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C from the terminal, as the command starts
    spin()
    return real_spare(*args, **kwargs)


def second(exc):
    os.kill(os.getpid(), signal.SIGINT)  # the copy the waiting process passes on, while the first is handled
    spin()
    return real_line(exc)


parallel.start_spare, stops.stopped_line = first, second
sys.argv = ["exportscope", *sys.argv[1:]]
from exportscope.launch import main

main()
"""


def test_ctrl_c_twice_as_the_command_starts_is_one_stop(tmp_path: Path) -> None:
    """Ctrl-C reaches the split command twice (from the terminal, and passed on by the waiting process): the
    second copy landing while the first is handled must not raise again (a traceback, found by the fuzz)."""
    from tests.stopping import LINKEDIN, run_script

    ended = run_script(tmp_path, _TWICE, "summary", "--json", str(LINKEDIN))
    assert (ended.returncode, ended.stderr) == (130, "exportscope: error: interrupted by SIGINT\n")


def test_a_stop_raised_where_it_cannot_propagate_is_not_printed_as_an_ignored_exception(tmp_path: Path) -> None:
    """Raised inside a finaliser (as inside a callback a library's native code made: polars building a
    frame), Python would print "Exception ignored" and a traceback on stderr; the stop is counted, and nothing
    is printed. Other exceptions raised there are still reported as before."""
    from tests.stopping import run_script

    source = """
import gc, signal
from exportscope import stops
stops.install()

class Odd:
    def __del__(self):
        raise ValueError("not a stop")

class Callback:
    def __del__(self):  # where an exception cannot propagate
        stops._handler(signal.SIGINT, None)

Odd()
gc.collect()
Callback()
gc.collect()
print("went on", stops.raised_count())
"""
    ended = run_script(tmp_path, source)
    assert ended.stdout.strip() == "went on 1", ended.stderr
    assert "Stopped" not in ended.stderr and "Callback" not in ended.stderr
    assert "ValueError: not a stop" in ended.stderr  # the hook there was before still hears the rest
