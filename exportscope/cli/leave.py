"""Leaving the process once a command is done, without the interpreter's slow tear-down.

Why: after a command on a big export, the process still holds hundreds of MiB of objects (the items, the
readers' caches, polars' frames). A normal exit clears every module and frees them one by one: 0.08 s after
``summary --json`` on a heavy Facebook export, 0.13-0.3 s on about a million items, all of it after the
output is already written. The operating system takes the memory back at once anyway.

What a normal exit does that matters is done here, in the same order: threads that are not daemons are
waited for, the ``atexit`` functions run (our temporary-file sweep, :func:`exportscope.fsutil.discard_pending`;
multiprocessing's; a coverage tool's), the standard streams are flushed; then the process ends with the
command's exit code (given first to the process that waits for this one, if the command was split:
:mod:`exportscope.waiter`). Only the console command does this: a library caller or a test that runs the app in
its own process keeps a normal exit.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading

from exportscope import waiter


def exit_code(code: object) -> int:
    """What ``sys.exit(code)`` would end the process with: None is 0, an int itself, anything else is
    printed on stderr and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def leave(code: object) -> None:
    """End the process now with ``code`` (as ``sys.exit`` takes it), after what a normal exit must do."""
    status = exit_code(code)
    main = threading.main_thread()
    for thread in threading.enumerate():
        if thread is not main and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``), a closed stream: nothing more to say
            if status == 0 and stream is sys.stdout:
                status = 120  # what Python itself ends with when stdout cannot be flushed at exit
    waiter.release(status)  # a process waiting for this one (exportscope.launch) ends now, with the status
    os._exit(status)
