"""How often Python's cycle collector runs in an exportscope process (the CLI and the reading worker).

Why: reading a big archive allocates millions of small objects that live for the whole run (a note per
chat, a ledger line per file, the collected columns), and CPython's default thresholds start a collection
every 700 allocations; each full collection walks every live object again. With 20,000 chats in one zip the
collector took a fifth of the run's CPU while finding almost nothing to free: exportscope's values hold no
reference cycles, reference counting frees them. Collections every 100,000 allocations keep what cycles
there are (tracebacks, generators) bounded and cost next to nothing. A process setting, so it is made
only where a process starts (``cli.main``, the worker), never by the library on import.

While the archive is read there is no automatic collection at all (:func:`paused`): a JSON file parsed whole
(20,000 comments) is hundreds of thousands of young dicts and lists alive at once, so the young generation
filled during the parse and each collection walked all of them, to free none: 0.04 s of the heavy Facebook
export, 0.12-0.25 s of scale L in one process. They are freed by reference counting as soon as the file is
read.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Allocations between two young-generation collections (CPython's default: 700).
YOUNG_THRESHOLD = 100_000


def fewer_collections() -> None:
    """Raise the young generation's threshold; the older generations keep their ratios."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (the reading of an archive); the collector is turned back on
    after it if it was on before. Threads share the collector: a terminal UI's own cycles wait until the
    reading is over, which is seconds."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
