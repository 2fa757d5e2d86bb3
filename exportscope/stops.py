"""Clean stops: SIGTERM and SIGHUP end a run the way Ctrl-C (SIGINT) does.

Why: the default action of SIGTERM (``kill``, a service manager, a container stopping) and SIGHUP (the
terminal closed) ends the process at once, leaving the ``.NAME.XXXX.part`` temporary file of an output being
written (a complete personal report, beside the target) and the reading worker running without its parent.
With :func:`install`, each of them raises :class:`Stopped` (a ``KeyboardInterrupt``) in the main thread, so
the same unwinding as Ctrl-C runs: the atomic writers remove their temporary file and keep the previous
output, the pipeline stops its worker, and the CLI prints one line and exits with ``128 + signal``. The
temporary files of writes running in other threads are removed by the handler itself
(:func:`exportscope.fsutil.discard_pending`) before it raises.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

#: The signals handled, with the name shown in the one-line message.
STOP_SIGNALS: dict[int, str] = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _handler(signum: int, frame: FrameType | None) -> None:
    from exportscope.fsutil import discard_pending

    discard_pending()
    raise Stopped(signum)


def install() -> None:
    """Handle SIGINT, SIGTERM and SIGHUP as stops (main thread only; a no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in STOP_SIGNALS:
        if signum != signal.SIGHUP or signal.getsignal(signum) is not signal.SIG_IGN:  # keep nohup's choice
            signal.signal(signum, _handler)


def exit_code(exc: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by that signal (130 for Ctrl-C)."""
    return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT)


def stop_name(exc: BaseException) -> str:
    return STOP_SIGNALS.get(exc.signum, "signal") if isinstance(exc, Stopped) else "SIGINT"
