"""What Ctrl-C does in an exportscope process, kept as it was when polars is imported.

Why: polars installs its own SIGINT handler as it is imported (chained to the one it replaces), and on Ctrl-C
it aborts every polars operation then running in the process, in any thread, with a ``KeyboardInterrupt``.
Two of exportscope's processes say what Ctrl-C must do, and polars' handler undid it:

- the reading worker ignores Ctrl-C (its parent stops it, :mod:`exportscope.worker`); with polars' handler
  it no longer did, and a Ctrl-C broke whatever polars was doing in it (a task's columns, a chunk being made);
- the command raises its stop in its main thread only (:mod:`exportscope.stops`); with polars' handler the
  threads that take the worker's rows died with a traceback over the one-line message (seen in a Ctrl-C
  fuzz), and any polars call of the reading could end with an interruption that was not the stop.

So SIGINT's disposition is taken just before polars' import and put back right after it (in the main
thread by setting Python's own record of it again; in another thread through the C library's ``sigaction``,
its record copied whole, never interpreted). Polars' operations in the main thread still stop on Ctrl-C:
they check Python's signals as they run, and the stop our handler raises comes out of them as it is.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType
from typing import Any

#: Bytes enough for a ``struct sigaction`` on every Linux ABI (152 on x86-64): it is copied, never read.
_SIGACTION_BYTES = 512


def keep() -> None:
    """From now on, polars' import in this process (and in those forked from it) leaves SIGINT as it was.
    Nothing if polars is imported already (then only setting a disposition again takes it back) or if this
    was asked already. Costs a string comparison per import until polars' (and ctypes only if polars is first
    imported outside the main thread)."""
    if "polars" in sys.modules or any(isinstance(f, _KeepAtPolarsImport) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _KeepAtPolarsImport())


class _KeepAtPolarsImport:
    """A finder that finds nothing itself: on polars' import it takes the spec the other finders give and wraps
    its loading between saving and restoring SIGINT's disposition. Removed once used."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "polars":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)  # from the finders that really find it
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        # The loader is this spec's own object (a finder makes one per spec): nothing else is changed.
        loader.exec_module = _keeping_sigint(loader.exec_module)  # type: ignore[method-assign,assignment]
        return spec


def _keeping_sigint(load: Callable[[ModuleType], None]) -> Callable[[ModuleType], None]:
    def exec_module(module: ModuleType) -> None:
        restore = _saved_sigint()
        try:
            load(module)
        finally:
            restore()

    return exec_module


def _saved_sigint() -> Callable[[], None]:
    """SIGINT's disposition now, as a call that puts it back: in the main thread, Python's own record of it,
    set again (no ctypes to load: 1.5 ms on the path to the first rows); elsewhere the C library's record,
    copied whole; a call that does nothing where neither can be had (Windows)."""
    handler = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is threading.main_thread() and handler is not None:
        return lambda: _set(handler)
    import ctypes

    try:
        sigaction = ctypes.CDLL(None, use_errno=True).sigaction
    except (OSError, AttributeError, TypeError):  # pragma: no cover - not a POSIX C library
        return lambda: None
    saved = ctypes.create_string_buffer(_SIGACTION_BYTES)
    if sigaction(int(signal.SIGINT), None, saved) != 0:
        return lambda: None
    return lambda: sigaction(int(signal.SIGINT), saved, None)


def _set(handler: Callable[[int, FrameType | None], Any] | int | signal.Handlers) -> None:
    signal.signal(signal.SIGINT, handler)
