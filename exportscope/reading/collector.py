"""The collector: a task's records as columns (no per-item dicts), then chunks of one polars frame.

Why its own module: the readers hand over records one at a time or whole columns at a time
(:mod:`exportscope.reading.batch`); both end here, as Python lists between tasks and as polars chunks once
enough of them wait, whichever process reads. A batch's texts may come as a
:class:`~exportscope.model.TextColumn` (a message thread's texts as one block of bytes): they become part of
the text column at the flush, all such columns of the chunk in one polars pass, never a string each.
"""

from __future__ import annotations

import sys
from itertools import repeat
from typing import TYPE_CHECKING, Any

from exportscope.columns import word_counts
from exportscope.model import Record, TextColumn
from exportscope.rules import Rule

if TYPE_CHECKING:
    import polars as pl

RAW_COLUMNS = ("shape", "source", "timestamp", "text", "row", "thread", "link")
#: An item's text is kept up to this many characters (a 50 MB CSV field must not cost gigabytes downstream,
#: in the findings, the reports and the terminal UI); the cut is counted and said on the file's ledger line.
MAX_TEXT_CHARS = 1024 * 1024

#: What decides an item's kind, verdict, visibility and note: (context key, rule id, variant, raw
#: visibility, flag). The flag is None, or "impossible_date" for items whose date was dropped as impossible.
Shape = tuple[str, str, str | None, str | None, str | None]

IMPOSSIBLE_DATE = "impossible_date"


def epoch_us(rec: Record) -> int | None:
    """Epoch microseconds: polars converts ints ~5x faster than timezone-aware datetimes."""
    ts = rec.timestamp
    if ts is not None:
        return round(ts.timestamp() * 1_000_000)
    return None if rec.epoch is None else round(rec.epoch * 1_000_000)


class Collector:
    """Accumulates records column by column (no per-item dicts), then becomes one polars frame.

    Each record keeps a small integer, its *shape* (:data:`Shape`): (platform, rule, variant, raw
    visibility). A big archive has a million records but only dozens of shapes, so classifying a shape once
    and gathering the answers by id is cheaper in time and memory than hashing four string columns.
    Between tasks, once more than :attr:`flush_rows` records wait as Python objects, they become a polars
    chunk: Python objects cost about three times the memory of the same values in Arrow. Row positions are
    global across chunks.
    """

    flush_rows = 100_000

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {c: [] for c in RAW_COLUMNS}
        self.shapes: list[Shape] = []
        self.shape_ids: dict[Shape, int] = {}
        self.rules: dict[str, Rule] = {}
        self.chunks: list[pl.DataFrame] = []
        self.flushed = 0
        #: Texts handed over as a whole column (:class:`~exportscope.model.TextColumn`), with where each
        #: starts among the pending rows; their rows hold None in ``cols["text"]`` until the flush.
        self.blobs: list[tuple[int, TextColumn]] = []

    def __len__(self) -> int:
        return self.flushed + len(self.cols["source"])

    def shape_id(self, shape: Shape) -> int:
        sid = self.shape_ids.get(shape)
        if sid is None:
            sid = self.shape_ids[shape] = len(self.shapes)
            self.shapes.append(shape)
        return sid

    def add(self, platform: str, rule: Rule, rec: Record, default_source: str) -> None:
        """One record (the hot path in :func:`read_task` inlines this)."""
        self.rules[rule.id] = rule
        c = self.cols
        c["shape"].append(self.shape_id((platform, rule.id, rec.variant, rec.visibility, None)))
        c["source"].append(rec.source or default_source)
        c["timestamp"].append(epoch_us(rec))
        c["text"].append(rec.text if rec.text is None or len(rec.text) <= MAX_TEXT_CHARS else rec.text[:MAX_TEXT_CHARS])
        c["row"].append(rec.row)
        c["thread"].append(rec.thread)
        c["link"].append(rec.link)

    def extend_text(self, texts: list[str | None] | TextColumn) -> None:
        """Append a batch's texts: a list as it is, a text column kept whole until the flush."""
        column = self.cols["text"]
        if isinstance(texts, list):
            column.extend(texts)
        else:
            self.blobs.append((len(column), texts))
            column.extend(repeat(None, len(texts)))

    def maybe_flush(self) -> None:
        """Called between tasks: turn the pending records into a chunk once there are enough of them."""
        if len(self.cols["source"]) >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        import polars as pl

        pending = len(self.cols["source"])
        if not pending and self.chunks:
            return
        schema: Any = {
            "shape": pl.UInt32,
            "source": pl.String,
            "timestamp": pl.Int64,
            "text": pl.String,
            "row": pl.Int64,
            "thread": pl.String,
            "link": pl.String,
        }
        cols: dict[str, Any] = self.cols
        if self.blobs:
            cols = {**cols, "text": self._text_column()}
        chunk = pl.DataFrame(cols, schema=schema)
        # Epoch microseconds are what a UTC datetime column holds: a cast, not a computed column. The words
        # are counted here, by each reading process as it goes, rather than after the reading by the one
        # that classifies (the costliest step of classifying).
        self.chunks.append(
            chunk.with_columns(
                chunk.get_column("timestamp").cast(pl.Datetime("us", "UTC")), word_counts(chunk.get_column("text"))
            )
        )
        self.flushed += pending
        self.cols = {c: [] for c in RAW_COLUMNS}
        self.blobs = []
        if pending >= self.flush_rows:
            release_free_memory()

    def _text_column(self) -> pl.Series:
        """The pending texts as one column: the lists' strings, and every text column of one kind built at
        once (one polars pass for all the message threads of a chunk), each in its place."""
        import polars as pl

        texts = self.cols["text"]
        kinds = {type(blob) for _, blob in self.blobs}
        if len(kinds) == 1:
            whole = next(iter(kinds)).column([blob for _, blob in self.blobs])
        else:  # never made today: each column on its own
            whole = pl.concat([type(blob).column([blob]) for _, blob in self.blobs], rechunk=True)
        pieces: list[pl.Series] = []
        at = taken = 0  # the next pending row, and how much of ``whole`` is placed
        run = 0  # rows of ``whole`` waiting to be placed as one slice
        for start, blob in self.blobs:
            if start > at:
                if run:
                    pieces.append(whole.slice(taken, run))
                    taken, run = taken + run, 0
                pieces.append(pl.Series("text", texts[at:start], dtype=pl.String))
            run += len(blob)
            at = start + len(blob)
        if run:
            pieces.append(whole.slice(taken, run))
        if at < len(texts):
            pieces.append(pl.Series("text", texts[at:], dtype=pl.String))
        return pieces[0] if len(pieces) == 1 else pl.concat(pieces, rechunk=True)

    def take_chunks(self) -> list[pl.DataFrame]:
        """The chunks flushed since the last call, handed over (the reading worker sends each to the parent
        as soon as it is made: :func:`exportscope.worker.hand_over`). Row positions stay those of the whole
        collection; :meth:`frame` then holds only the rows after the chunks taken."""
        taken, self.chunks = self.chunks, []
        return taken

    def frame(self) -> pl.DataFrame:
        """Everything collected so far (since the last :meth:`take_chunks`), as one frame (chunks are
        joined without copying)."""
        import polars as pl

        self.flush()
        return self.chunks[0] if len(self.chunks) == 1 else pl.concat(self.chunks, rechunk=False)


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc only; elsewhere nothing happens).

    Why: a big task's records go through Python lists of millions of entries; freed, glibc keeps their pages
    for later (its threshold for returning big blocks grows with each one freed), and the polars steps after
    the reading then stack their own memory on top. A 250 MiB message thread held 270 MiB this way.
    """
    import ctypes

    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else False
        except OSError:  # another C library (musl): nothing to trim
            _LIBC = False
    trim = getattr(_LIBC, "malloc_trim", None) if _LIBC else None
    if trim is not None:
        trim(0)


_LIBC: Any = None
