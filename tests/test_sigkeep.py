"""Ctrl-C does what each process says after polars is imported (:mod:`exportscope.sigkeep`).

Polars installs its own SIGINT handler as it is imported and, on Ctrl-C, aborts the polars operations running
in every thread. The reading worker ignores Ctrl-C and the command stops in its main thread only: both must
stay so once polars is loaded. Each case runs in a fresh interpreter (polars' import happens once)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.stopping import REPO, run_script

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sigaction and /proc: Linux")

_QUERIES_UNDER_CTRL_C = """
import os, signal, sys, threading, time

if KEEP:
    from exportscope import sigkeep

    sigkeep.keep()


class Stopped(KeyboardInterrupt):
    pass


def stop(signum, frame):
    raise Stopped(signum)


signal.signal(signal.SIGINT, signal.SIG_IGN if IGNORE else stop)
if IN_THREAD:  # polars' first import in another thread (the disposition is then restored through sigaction)
    first = threading.Thread(target=__import__, args=("polars",))
    first.start()
    first.join()
import polars as pl

frame = pl.DataFrame({"a": pl.int_range(0, 1_000_000, eager=True)})
query = frame.lazy().select(pl.col("a").cast(pl.String).str.len_bytes().sum() + pl.col("a").sort().head(1))
ended = {}


def queries(name):
    try:
        for _ in range(8):  # about a second on the 2-core machine: the signal lands in one of them
            query.collect()
        ended[name] = "done"
    except BaseException as exc:
        ended[name] = type(exc).__name__


thread = threading.Thread(target=queries, args=("thread",))
thread.start()
threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    queries("main")
except BaseException as exc:
    ended["main"] = type(exc).__name__
thread.join()
print(ended["main"], ended["thread"])
"""


def _under_ctrl_c(tmp_path: Path, *, keep: bool, ignore: bool, in_thread: bool = False) -> tuple[str, str]:
    source = (
        _QUERIES_UNDER_CTRL_C.replace("KEEP", str(keep))
        .replace("IGNORE", str(ignore))
        .replace("IN_THREAD", str(in_thread))
    )
    ran = run_script(tmp_path, source, timeout=120)
    assert ran.returncode == 0, ran.stderr
    main, thread = ran.stdout.split()
    return main, thread


@pytest.fixture(scope="module")
def polars_takes_ctrl_c(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests that use it skip unless this polars, imported with nothing kept, aborts a SIG_IGN process's
    queries on Ctrl-C (asked once: the case they guard against may be gone from polars one day)."""
    if _under_ctrl_c(tmp_path_factory.mktemp("control"), keep=False, ignore=True) == ("done", "done"):
        pytest.skip("this polars does not abort its operations on Ctrl-C")


@pytest.mark.parametrize("in_thread", [False, True], ids=["imported in the main thread", "in another thread"])
@pytest.mark.usefixtures("polars_takes_ctrl_c")
def test_a_process_that_ignores_ctrl_c_still_does_once_polars_is_imported(tmp_path: Path, in_thread: bool) -> None:
    assert _under_ctrl_c(tmp_path, keep=True, ignore=True, in_thread=in_thread) == ("done", "done")


@pytest.mark.parametrize("in_thread", [False, True], ids=["imported in the main thread", "in another thread"])
@pytest.mark.usefixtures("polars_takes_ctrl_c")
def test_a_stop_is_raised_in_the_main_thread_only_and_as_ours(tmp_path: Path, in_thread: bool) -> None:
    # The main thread's query checks Python's signals: our stop comes out of it, not polars' interruption;
    # the other thread's queries run to their end.
    assert _under_ctrl_c(tmp_path, keep=True, ignore=False, in_thread=in_thread) == ("Stopped", "done")


def _ignores_sigint(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (2 - 1)))
    raise AssertionError("no SigIgn line")


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


_SPARE = """
import sys, time
from exportscope import parallel, sigkeep

sigkeep.keep()  # as the command's entry point does
parallel.start_spare([sys.argv[1]])  # a folder always looks big enough
print(parallel._SPARE[0]._process.pid, flush=True)
time.sleep(60)
"""


def test_the_reading_worker_still_ignores_ctrl_c_after_its_imports(tmp_path: Path) -> None:
    """The spare worker the command forks first imports polars after it chose to ignore Ctrl-C."""
    script = tmp_path / "spare.py"
    script.write_text(_SPARE)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        deadline = time.monotonic() + 60
        idle = 0
        last = -1
        while idle < 5:  # polars loaded, then no CPU for 0.5 s: its imports are over, it waits for its share
            assert time.monotonic() < deadline, "the worker never finished its imports"
            time.sleep(0.1)
            loaded = "polars" in Path(f"/proc/{pid}/maps").read_text()
            ticks = _cpu_ticks(pid)
            idle = idle + 1 if loaded and ticks == last else 0
            last = ticks
        assert _ignores_sigint(pid)
    finally:
        proc.kill()
        proc.wait()
