"""One expression over a long text column, on every polars thread.

Why: polars runs an expression over a frame's chunks on its thread pool, but over one chunk on one thread,
and the items frame's columns come in one chunk. The string scans that follow the reading (the word counts,
the folded search text, the findings' masks) are the costliest steps after it, and each is the same
expression row by row, so :func:`per_thread` cuts the column into a chunk per thread first (slices of the
same buffers, nothing copied) and puts the answer back into one chunk. The CPU time is the same; with a
second core free, the wall time of a scan drops by about a third (the word counts of 1,000,000 items: 0.39 ->
0.25 s), and with none it is what it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

#: Columns shorter than this are scanned in one piece (the threads' start-up would cost more).
MIN_ROWS_PER_PIECE = 10_000


def per_thread(column: pl.Series, expr: pl.Expr) -> pl.Series:
    """``expr`` (written over ``pl.col(column.name)``; its output name is kept) evaluated on ``column`` cut
    into one chunk per polars thread; the answer is the same as on the whole column, in one chunk."""
    return per_thread_frame(column, [expr]).to_series()


def per_thread_frame(column: pl.Series, exprs: list[pl.Expr]) -> pl.DataFrame:
    """:func:`per_thread` for several expressions over the same column: one column each, in order."""
    import polars as pl

    parts = max(1, min(pl.thread_pool_size(), column.len() // MIN_ROWS_PER_PIECE))
    size = -(-column.len() // parts)
    pieces = pl.concat([column.slice(i * size, size) for i in range(parts)], rechunk=False) if parts > 1 else column
    return pl.DataFrame(pieces).select(exprs).rechunk()


#: A text whose words are not simply its spaces plus one: another space character, two spaces in a row, or a
#: space at either end (``[^\S ]`` is any space but U+0020).
_NOT_PLAIN = r"[^\S ]|  |^ | $"


def word_counts(text: pl.Series) -> pl.Series:
    """``words``: the runs of non-space characters of each text (0 for none), as an Int64 column.

    The regex count of those runs is the costliest step of classifying (it stops at every word). Most texts
    hold no space but single U+0020 between words: their words are their spaces plus one, a literal count
    that, with the check that says which texts those are, costs a third less. The others are counted by the
    regex. Both scans run on every polars thread (:func:`per_thread_frame`). The reading processes count each
    chunk of items as they flush it (:class:`exportscope.reading.collector.Collector`), so this runs in both
    processes while they read, not after, in the one that classifies.
    """
    import polars as pl

    col = pl.col(text.name).fill_null("")
    scan = per_thread_frame(
        text,
        [
            col.str.contains(_NOT_PLAIN).alias("odd"),
            pl.when(col == "").then(0).otherwise(col.str.count_matches(" ", literal=True) + 1).alias("words"),
        ],
    )
    words = scan.get_column("words").cast(pl.Int64)
    odd = scan.get_column("odd")
    if odd.any():
        rest = text.filter(odd)
        counted = per_thread(rest, pl.col(rest.name).str.count_matches(r"\S+").cast(pl.Int64))
        words = words.scatter(odd.arg_true(), counted)
    return words
