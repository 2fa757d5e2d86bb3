"""A :class:`~exportscope.model.RecordBatch` (a reader's whole columns) appended to the collector's columns.

Why its own module: a batch gets the same checks a single record gets in
:func:`exportscope.reading.read_task` (impossible dates, unreadable ones, texts cut), but as passes over
columns, with one list operation per column instead of Python code per record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exportscope import dates
from exportscope.model import RecordBatch, TextColumn
from exportscope.reading.collector import IMPOSSIBLE_DATE, MAX_TEXT_CHARS, Collector


@dataclass
class BatchTally:
    """What :func:`extend_batch` counted in one batch, keyed by each record's own ``source`` (first seen
    first), for :func:`read_task` to add to the file's ledger line as it does for single records."""

    impossible: dict[str, int] = field(default_factory=dict)
    cut: dict[str, int] = field(default_factory=dict)
    undated: dict[str, int] = field(default_factory=dict)
    undated_shape: dict[str, str] = field(default_factory=dict)


def _bump(counter: dict[str, int], key: str) -> None:
    counter[key] = counter.get(key, 0) + 1


def extend_batch(
    collector: Collector,
    batch: RecordBatch,
    shapes: dict[tuple[str | None, str | None, str | None], int],
    item_platform: str,
    rule_id: str,
    *,
    lo: int | None = None,
    hi: int | None = None,
) -> BatchTally:
    """Append a :class:`RecordBatch` to the collector's columns: the same values :func:`read_task` appends
    record by record for a :class:`Record`, with one list operation per column.

    As for a single record: a time before ``lo`` or after ``hi`` (epoch microseconds) is impossible, the item
    is kept undated with the impossible-date flag in its shape; an unreadable ``raw_time`` without a time is
    counted undated with its shape; a text longer than :data:`MAX_TEXT_CHARS` is kept to its beginning. The
    lists of the batch are never changed (a cut or a dropped time copies the column first).
    """
    n = len(batch)
    tally = BatchTally()
    sources = batch.source
    stamps = batch.micros if batch.micros is not None else _micros(batch.epoch)
    flags: list[str | None] | None = None
    known: list[int] = [s for s in stamps if s is not None] if None in stamps else stamps  # type: ignore[assignment]
    if known and ((lo is not None and min(known) < lo) or (hi is not None and max(known) > hi)):
        bad = [
            i
            for i, s in enumerate(stamps)
            if s is not None and ((lo is not None and s < lo) or (hi is not None and s > hi))
        ]
        if bad:
            stamps = list(stamps)  # the batch's own list stays as it was
            flags = [None] * n
            for i in bad:
                stamps[i] = None
                flags[i] = IMPOSSIBLE_DATE
                _bump(tally.impossible, sources[i])
    if batch.raw_time is not None:
        for i, raw in enumerate(batch.raw_time):
            if raw is not None and stamps[i] is None and (flags is None or flags[i] is None):
                _bump(tally.undated, sources[i])
                tally.undated_shape.setdefault(sources[i], dates.shape(raw))
    texts = batch.text
    if not isinstance(texts, list):  # a text column kept whole: its strings only when one may be cut
        if texts.longest() <= MAX_TEXT_CHARS:
            return _extend(collector, batch, shapes, item_platform, rule_id, stamps, flags, texts, tally)
        texts = texts.strings()
    longest = max(map(len, filter(None, texts)), default=0)
    long = [] if longest <= MAX_TEXT_CHARS else [i for i, t in enumerate(texts) if t and len(t) > MAX_TEXT_CHARS]
    if long:
        texts = list(texts)
        for i in long:
            texts[i] = (texts[i] or "")[:MAX_TEXT_CHARS]
            _bump(tally.cut, sources[i])
    return _extend(collector, batch, shapes, item_platform, rule_id, stamps, flags, texts, tally)


def _extend(
    collector: Collector,
    batch: RecordBatch,
    shapes: dict[tuple[str | None, str | None, str | None], int],
    item_platform: str,
    rule_id: str,
    stamps: list[int | None],
    flags: list[str | None] | None,
    texts: list[str | None] | TextColumn,
    tally: BatchTally,
) -> BatchTally:
    n = len(batch)
    sources = batch.source
    visibility = batch.visibility

    def sid_of(variant: str | None, flag: str | None) -> int:
        look = (variant, visibility, flag)
        sid = shapes.get(look)
        if sid is None:
            sid = shapes[look] = collector.shape_id((item_platform, rule_id, *look))
        return sid

    cols = collector.cols
    if batch.variant is None and flags is None:
        cols["shape"].extend([sid_of(None, None)] * n)
    else:
        variants = batch.variant if batch.variant is not None else [None] * n
        marks = flags if flags is not None else [None] * n
        # First seen first (not a set's order): shapes get their ids in the order single records would.
        ids = {pair: sid_of(*pair) for pair in dict.fromkeys(zip(variants, marks, strict=True))}
        if len(ids) == 1:
            cols["shape"].extend([next(iter(ids.values()))] * n)
        else:
            cols["shape"].extend([ids[pair] for pair in zip(variants, marks, strict=True)])
    cols["source"].extend(sources)
    cols["timestamp"].extend(stamps)
    collector.extend_text(texts)
    cols["row"].extend(batch.row)
    cols["thread"].extend(batch.thread_ids if batch.thread_ids is not None else [batch.thread] * n)
    cols["link"].extend(batch.link if batch.link is not None else [None] * n)
    return tally


def _micros(epochs: list[float | None]) -> list[int | None]:
    """Seconds as whole microseconds, ``round(t * 1_000_000)`` each: for a column of floats only (the
    common case, messages) with C-level ``map`` passes, the same values (a float times the int is the float
    times that int as a float)."""
    if set(map(type, epochs)) == {float}:
        return list(map(round, map((1e6).__rmul__, epochs)))  # type: ignore[arg-type]
    return [None if t is None else round(t * 1_000_000) for t in epochs]
