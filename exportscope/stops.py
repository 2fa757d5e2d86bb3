"""Clean stops: SIGTERM and SIGHUP end a run the way Ctrl-C (SIGINT) does.

Why: the default action of SIGTERM (``kill``, a service manager, a container stopping) and SIGHUP (the
terminal closed) ends the process at once, leaving the ``.NAME.XXXX.part`` temporary file of an output being
written (a complete personal report, beside the target) and the reading worker running without its parent.
With :func:`install`, each of them raises :class:`Stopped` (a ``KeyboardInterrupt``) in the main thread, so
the same unwinding as Ctrl-C runs: the atomic writers remove their temporary file and keep the previous
output, the pipeline stops its worker, and the CLI prints one line and exits with ``128 + signal``. The
temporary files of writes running in other threads are removed by the handler itself
(:func:`exportscope.fsutil.discard_pending`) before it raises.

An event loop must not be unwound from inside (the terminal UI would be left in raw mode, with a traceback
over the screen): while :func:`deferred` is active, the handler calls the given callback (which asks the
app to quit) instead of raising, and the caller raises :class:`Stopped` once the loop has ended.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType

# At import, not in the handler: a signal may land while the handler's module is half imported (a lazy import
# in the main thread), and the handler's own import of it then failed ("cannot import name ... from partially
# initialized module": an internal error instead of the stop).
from exportscope import fsutil

#: The signals handled, with the name shown in the one-line message (no SIGHUP on Windows).
STOP_SIGNALS: dict[int, str] = {
    int(getattr(signal, name)): name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
}


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_deferred: list[Callable[[], None]] = []
_received: list[int] = []
#: Every stop raised in this process, in order: a caller that must tell a stop from an error compares counts
#: (:func:`raised_count`), since a library may hand back the stop raised inside it as an error of its own.
_raised_in_order: list[int] = []

#: The same signal again within this many seconds of the one raised is the same stop: Ctrl-C reaches both
#: the process that waits for the command (:mod:`exportscope.waiter`) and the command's, and the first passes
#: it on; a second Ctrl-C pressed in a hurry asks nothing more. Raised again, it would break into the unwinding
#: of the first (the removal of temporary files, the worker's stop) with a second traceback.
REPEAT_SECONDS = 1.0
_raised: dict[int, float] = {}


def _handler(signum: int, frame: FrameType | None) -> None:
    if not _deferred:
        now = time.monotonic()
        if now - _raised.get(signum, -REPEAT_SECONDS) < REPEAT_SECONDS:
            return  # the same stop again, maybe in the middle of this very handler: it is on its way
        _raised[signum] = now
    fsutil.discard_pending()
    if _deferred:
        _received.append(signum)
        _deferred[-1]()
        return
    _raised_in_order.append(signum)
    raise Stopped(signum)


def raised_count() -> int:
    """How many stops were raised in this process so far."""
    return len(_raised_in_order)


def raised_again(since: int) -> Stopped | None:
    """The first stop raised after :func:`raised_count` gave ``since``, as a new exception to raise; None if
    there was none. Why: the stop is raised wherever the main thread is, also inside a library call (polars
    checks for signals while it works), and a library that turns what its callback raised into an error of
    its own would make a stop look like a file that failed to read."""
    return Stopped(_raised_in_order[since]) if len(_raised_in_order) > since else None


@contextlib.contextmanager
def deferred(callback: Callable[[], None]) -> Iterator[None]:
    """While inside, a stop signal calls ``callback`` (it must only ask to stop); on leaving, the stop is
    raised as :class:`Stopped`."""
    _deferred.append(callback)
    _received.clear()
    try:
        yield
    finally:
        _deferred.pop()
    if _received:
        raise Stopped(_received[0])


def _swallowed(unraisable: sys.UnraisableHookArgs) -> None:
    """A stop raised where Python cannot pass an exception on (inside a callback a library's native code made
    into Python, a finaliser) is not printed as "Exception ignored" with a traceback: the run either stops
    all the same (a library that turns the failed callback into an error of its own: :func:`raised_again`
    makes that error the stop, said in one line) or goes on to its end, as after a stop that came once the
    work was done. Any other exception goes to the hook there was before.

    Seen: polars calling back into Python ('DataTypeClass') while building a frame, once in 300 Ctrl-C at
    random moments of ``summary --json``: the run ended with the one line and 130, below the traceback.
    Raising the stop again once out of the callback was tried: Python runs the handler inside this hook."""
    if isinstance(unraisable.exc_value, Stopped) and threading.current_thread() is threading.main_thread():
        return
    _previous_hook(unraisable)


_previous_hook = sys.unraisablehook


def install() -> None:
    """Handle SIGINT, SIGTERM and SIGHUP as stops (main thread only; a no-op elsewhere); a stop raised where
    it cannot propagate is not printed as an ignored exception (:func:`_swallowed`)."""
    global _previous_hook
    if threading.current_thread() is not threading.main_thread():
        return
    if sys.unraisablehook is not _swallowed:
        _previous_hook, sys.unraisablehook = sys.unraisablehook, _swallowed
    for signum in STOP_SIGNALS:
        if STOP_SIGNALS[signum] != "SIGHUP" or signal.getsignal(signum) is not signal.SIG_IGN:  # keep nohup's
            signal.signal(signum, _handler)


def exit_code(exc: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by that signal (130 for Ctrl-C)."""
    return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT)


def stop_name(exc: BaseException) -> str:
    return STOP_SIGNALS.get(exc.signum, "signal") if isinstance(exc, Stopped) else "SIGINT"


def stopped_line(exc: BaseException) -> str:
    """The one line a stop ends the command with (on stderr, after ``exportscope: error:``)."""
    return f"interrupted by {stop_name(exc)}"


def say_stopped(exc: BaseException) -> int:
    """Say the stop's one line on stderr (where the CLI's own guard cannot: before it, or after typer's
    answer) and give the exit code to end with."""
    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        sys.stderr.write(f"exportscope: error: {stopped_line(exc)}\n")
    return exit_code(exc)
