"""How often Python's cycle collector runs in an exportscope process (the CLI and the reading worker).

Why: reading a big archive allocates millions of small objects that live for the whole run (a note per
chat, a ledger line per file, the collected columns), and CPython's default thresholds start a collection
every 700 allocations; each full collection walks every live object again. With 20,000 chats in one zip the
collector took a fifth of the run's CPU while finding almost nothing to free: exportscope's values hold no
reference cycles, reference counting frees them. Collections every 100,000 allocations keep what cycles
there are (tracebacks, generators) bounded and cost next to nothing. A process setting, so it is made
only where a process starts (``cli.main``, the worker), never by the library on import.
"""

from __future__ import annotations

import gc

#: Allocations between two young-generation collections (CPython's default: 700).
YOUNG_THRESHOLD = 100_000


def fewer_collections() -> None:
    """Raise the young generation's threshold; the older generations keep their ratios."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
