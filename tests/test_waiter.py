"""The console command's waiting parent (issue 19): the status reaches the shell as soon as the command says
it, before its process has given back its memory; a command that ends without saying it, or is killed,
passes on its code or its signal; a stop sent to the waiting process reaches the command and ends it once,
cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ended_within, process_alive
from tests.stopping import run_script, stop_mid_write

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the command is split on Linux only")

ROOT = Path(__file__).resolve().parent.parent

#: A split process whose child does what the test says (``ACT``), then lingers as a big process's end does.
SPLIT = textwrap.dedent(
    """
    import os, signal, sys, time
    from exportscope import waiter
    assert waiter.split()
    print("pid", os.getpid(), flush=True)
    ACT
    time.sleep(20)
    os._exit(0)
    """
)


def _split(act: str) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run :data:`SPLIT` with ``act``; returns the finished process, its wall time and the child's pid."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", SPLIT.replace("ACT", act)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    took = time.monotonic() - start
    child = int(done.stdout.split()[1])
    return done, took, child


def test_the_status_comes_as_soon_as_the_command_says_it_while_its_process_lingers() -> None:
    done, took, child = _split("print('the output', flush=True)\nwaiter.release(3)")
    try:
        assert done.returncode == 3
        assert done.stdout.splitlines()[1:] == ["the output"]  # the pipe ended without waiting for the child
        assert took < 10  # the child lingers for 20 s
        assert process_alive(child)
    finally:
        os.kill(child, signal.SIGKILL)


def test_a_command_that_ends_without_saying_its_status_passes_its_code_on() -> None:
    done, _, child = _split("sys.stdout.flush(); os._exit(5)")
    assert done.returncode == 5
    assert ended_within(child)


def test_a_command_killed_by_a_signal_ends_the_waiting_process_by_the_same_signal() -> None:
    done, _, _ = _split("os.kill(os.getpid(), signal.SIGKILL)")
    assert done.returncode == -signal.SIGKILL


def test_a_process_forked_by_the_command_does_not_keep_the_waiting_process_waiting() -> None:
    """The reading worker is such a process: without :func:`waiter.forget` the waiting process would see the
    command's end only once the worker ends too."""
    act = textwrap.dedent(
        """
        if os.fork() == 0:
            waiter.forget()
            time.sleep(20)
            os._exit(0)
        os._exit(4)
        """
    )
    start = time.monotonic()
    done = subprocess.run(  # no pipes: the forked process holds them as long as it lives
        [sys.executable, "-c", SPLIT.replace("ACT", act)], stdout=subprocess.DEVNULL, cwd=ROOT, timeout=60
    )
    assert done.returncode == 4
    assert time.monotonic() - start < 10


@pytest.mark.parametrize(
    ("signum", "group"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True), (signal.SIGHUP, True)],
    ids=["SIGTERM to the waiting process", "SIGINT to it", "Ctrl-C to the group", "SIGHUP to the group"],
)
def test_a_stop_reaches_the_command_once_and_ends_it_cleanly(tmp_path: Path, signum: int, group: bool) -> None:
    """The real command through its entry point, split (its inputs made to look big), stopped mid-write."""
    children: list[str] = []

    def stop(proc: subprocess.Popen[str]) -> None:
        children.extend(Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split())
        if group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)

    setup = "import exportscope.parallel as parallel\nparallel.SPARE_MIN_DISK_BYTES = 0"
    proc, stderr, out_dir, target = stop_mid_write(tmp_path, "exportscope.launch", stop, setup)
    assert children  # the command runs in a child of the process started
    assert proc.returncode == 128 + signum, stderr
    assert stderr.strip() == f"exportscope: error: interrupted by {signal.Signals(signum).name}"  # once
    assert sorted(p.name for p in out_dir.iterdir()) == ["items.csv"]  # no .part file left
    assert target.read_text() == "the previous items\n"
    assert all(ended_within(int(pid)) for pid in children)


_CTRL_C_AS_FORKED = """
import os, signal, sys

# Ctrl-C landing in each forked child as it starts, while Python runs its at-fork functions there.
os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGINT))
sys.argv = ["exportscope", *sys.argv[1:]]
from exportscope.launch import main

main()
"""


def test_a_stop_while_a_child_is_forked_waits_for_the_child_to_choose(tmp_path: Path) -> None:
    """The command's process and the reading worker are forked with the stop signals blocked: a Ctrl-C in
    their first instants is neither raised inside an at-fork function ("Exception ignored in ...", lost) nor
    lost; the command stops with its one line, the worker ignores it."""
    folder = tmp_path / "export"  # a folder always looks big: the command is split and a spare is forked
    folder.mkdir()
    (folder / "chat.txt").write_text("[01/02/2024, 10:00:00] Ana: hello\n")
    ended = run_script(tmp_path, _CTRL_C_AS_FORKED, "summary", "--json", str(folder))
    assert (ended.returncode, ended.stderr) == (130, "exportscope: error: interrupted by SIGINT\n")
