"""The console command's waiting parent: the shell has the exit status as soon as the command is done.

Why: a process that ends gives its memory back to the system before its parent (the shell, a script) learns
that it ended. After a command on a big export that is hundreds of MiB (the heavy Facebook export's items:
about 260 MiB), and the system took 15-20 ms to take it back on the 2-core machine, against 2-3 ms for a
small process, every run, after the output was complete. So for the commands that read big inputs,
:func:`split` forks the process before anything is read: the child runs the command; the original process
only waits, and ends with the child's status as soon as the child says it (:func:`release`), while the
child gives its memory back on its own time. The mold linker does the same for the same reason.

What stays as it was: the exit status (a child that ends without saying it, a traceback or a signal, is
waited for and its status, or its signal, passed on), the output (the child points its standard streams
elsewhere before it says its status, so a pipe's reader sees the end then), and stops: a stop signal sent
to the original process (``kill PID``, ``timeout``) is passed to the child, which stops as Ctrl-C does
(:mod:`exportscope.stops`; Ctrl-C itself reaches both, and the child takes the second copy as the same
stop), and the child is sent SIGTERM if the original process dies without passing anything on. Linux only,
where the reading worker is forked too (:func:`exportscope.parallel.start_method`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from typing import NoReturn

#: The signals the waiting process passes on to the command's process (SIGHUP only if not ignored: nohup).
FORWARDED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

_PR_SET_PDEATHSIG = 1

#: In the command's process: the pipe the status is written to (empty: not split, or said already).
_STATUS: list[int] = []


def split() -> bool:
    """Fork: the original process waits for the command's status and never returns; the child returns True
    and runs the command. False (nothing done) where no pipe or process can be made."""
    try:
        read_end, write_end = os.pipe()  # not inherited by a program the command starts
    except OSError:
        return False
    original = os.getpid()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice
        with contextlib.suppress(Exception):
            stream.flush()
    held = hold_stops()
    try:
        child = os.fork()
    except OSError:
        release_stops(held)
        os.close(read_end)
        os.close(write_end)
        return False
    if child:
        os.close(write_end)
        _wait(child, read_end, held)
    os.close(read_end)
    _STATUS.append(write_end)
    _stop_with(original)
    release_stops(held)  # a stop that came meanwhile is raised here, where the command's start handles it
    return True


def hold_stops() -> list[int] | None:
    """Block the stop signals in this thread until :func:`release_stops` (None where signals cannot be
    blocked); around a fork, so that the child starts with them blocked too.

    Why: a child runs Python's at-fork functions first thing (``random`` reseeds itself), before it can set
    what a stop does in it; a Ctrl-C landing there was raised inside one of them, printed as "Exception
    ignored in ..." with a traceback, and lost (found by the Ctrl-C fuzz, ``benchmarks/ctrlc_fuzz.py``).
    Blocked, it waits until the child has chosen: the reading worker ignores it, the command stops."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        return None
    return list(signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED))


def release_stops(held: list[int] | None) -> None:
    """Put back the signal mask :func:`hold_stops` found; a stop that came meanwhile is delivered now."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def term_when_parent_dies() -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (elsewhere nothing: callers check
    ``os.getppid()`` as well, which also covers a parent that ended before this was asked)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _stop_with(original: int) -> None:
    """Be sent SIGTERM if the waiting process dies (killed at once, it passes nothing on)."""
    term_when_parent_dies()
    if os.getppid() != original:  # it died before that was asked: nobody waits for this command any more
        os._exit(128 + signal.SIGTERM)


def _wait(child: int, status_pipe: int, held: list[int] | None) -> NoReturn:
    """The original process's life after the fork: pass stop signals on, then end as the command did."""

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.kill(child, signum)

    for signum in FORWARDED:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, forward)
    release_stops(held)  # a stop that came during the fork is passed on now
    try:
        said = os.read(status_pipe, 1)  # retried after a forwarded signal (PEP 475)
    except OSError:
        said = b""
    if said:
        os._exit(said[0])
    # The command's process ended without saying its status (a traceback, a signal): take it from the system.
    _, status = os.waitpid(child, 0)
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        with contextlib.suppress(OSError, ValueError):  # SIGKILL and SIGSTOP keep their only action
            signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # end the way it ended: a shell shows the same
        os._exit(128 + signum)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def release(status: int) -> None:
    """In the command's process, once it is done and its streams are flushed: let the waiting process end
    with ``status``. Stop signals are ignored from here on (the work is done; the waiting process's end sends
    SIGTERM), and the standard streams point to the null device so a pipe's reader sees the end now. Nothing
    when the process was not split."""
    if not _STATUS:
        return
    fd = _STATUS.pop()
    for signum in FORWARDED:
        signal.signal(signum, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(null, std)
        os.close(null)
    with contextlib.suppress(OSError):
        os.write(fd, bytes([status & 0xFF]))
    os.close(fd)


def forget() -> None:
    """In a process forked from the command's (the reading worker): close its copy of the status pipe, so
    that the waiting process learns of the command's end from the command's process alone."""
    while _STATUS:
        with contextlib.suppress(OSError):
            os.close(_STATUS.pop())
