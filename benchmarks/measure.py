"""One started command's end, CPU time and peak memory, the processes it leaves behind included.

Why: for big inputs the console command splits (``exportscope.waiter``): the process started only waits,
the command runs in its child, and that child says its status and is left to end on its own (it gives its
memory back after the shell has its answer). Its CPU time and peak RSS are then in nobody's resource usage
that a plain ``wait4`` of the started process sees. Here the benchmark becomes the subreaper of what it
starts (Linux's ``PR_SET_CHILD_SUBREAPER``): a process whose parent ends is handed to the benchmark, which
waits for it and counts it. The wall time stops when the started process ends, as a shell's does.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import time
from dataclasses import dataclass

_PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Ended:
    """A started process's end (``time.perf_counter()``), exit status, and the CPU seconds and peak RSS (KiB)
    of it and of the processes it left behind."""

    at: float
    status: int
    cpu: float
    peak_rss_kib: int


_ADOPTING: list[bool] = []


def adopt_orphans() -> None:
    """Make this process the subreaper of its descendants (Linux; elsewhere nothing: no command splits).
    For a benchmark's own process, not a test runner's: every child left unwaited is taken as the command's."""
    if sys.platform.startswith("linux") and not _ADOPTING:
        with contextlib.suppress(OSError, AttributeError):
            if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0:
                _ADOPTING.append(True)


def wait_tree(pid: int) -> Ended:
    """Wait for the started process ``pid``, then, if :func:`adopt_orphans` was called before it started,
    for every process it left to this one (this process's children now: start no other child meanwhile)."""
    _, status, usage = os.wait4(pid, 0)
    at = time.perf_counter()
    cpu = usage.ru_utime + usage.ru_stime  # with the workers it waited for itself
    peak = usage.ru_maxrss
    while _ADOPTING and (left := _children()):  # again: what an adopted process left in turn (its worker)
        for child in left:
            with contextlib.suppress(ChildProcessError):
                _, _, use = os.wait4(child, 0)
                cpu += use.ru_utime + use.ru_stime
                peak = max(peak, use.ru_maxrss)
    return Ended(at, os.waitstatus_to_exitcode(status), cpu, peak)


def _children() -> list[int]:
    """This process's child processes (adopted ones too), from every thread's list."""
    pids: list[int] = []
    for task in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError), open(f"/proc/self/task/{task}/children") as fh:
            pids.extend(int(p) for p in fh.read().split())
    return pids
