"""The console command leaves without the interpreter's tear-down (:mod:`exportscope.cli.leave`), yet does
everything a normal exit does that someone could see: threads finished, ``atexit`` run, output flushed, the
exit code kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )


#: The console script's entry point with the arguments given.
_MAIN = "import sys\nsys.argv = ['exportscope', *{args!r}]\nfrom exportscope.launch import main\nmain()\n"


def test_leave_waits_for_threads_runs_atexit_and_flushes_in_that_order() -> None:
    done = _run(
        "import atexit, sys, threading, time\n"
        "from exportscope.cli.leave import leave\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "def late():\n"
        "    time.sleep(0.2)\n"
        "    print('thread done', end=' ')\n"
        "threading.Thread(target=late).start()\n"
        "sys.stdout.write('buffered ')\n"  # no newline: still in the buffer when leave() is called
        "leave(3)\n"
        "print('never')\n"
    )
    assert done.returncode == 3
    assert done.stdout == "buffered thread done atexit ran\n"


def test_leave_takes_the_codes_sys_exit_takes() -> None:
    assert _run("from exportscope.cli.leave import leave; leave(None)").returncode == 0
    said = _run("from exportscope.cli.leave import leave; leave('no such thing')")
    assert (said.returncode, said.stderr) == (1, "no such thing\n")


def test_the_console_command_ends_with_its_output_whole_and_its_exit_code() -> None:
    ok = _run(_MAIN.format(args=["summary", "--json", "--demo"]))
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["schema"] == "exportscope.summary/1"
    bad = _run(_MAIN.format(args=["summary", "/no/such/export.zip"]))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1


def test_a_reader_that_closed_the_pipe_is_not_a_success() -> None:
    """``exportscope ... | head -1``: the rest of the output could not be written, which a normal exit reports
    with 120; a quick exit must not turn it into 0."""
    code = (
        "import os, sys\n"
        "from exportscope.cli.leave import leave\n"
        "r, w = os.pipe()\n"
        "os.close(r)\n"
        "sys.stdout = os.fdopen(w, 'w')\n"
        "sys.stdout.write('x' * 10)\n"
        "leave(0)\n"
    )
    assert _run(code).returncode == 120
