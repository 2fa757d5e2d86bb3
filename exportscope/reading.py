"""Reading one logical file (a task): run its reader, collect records column by column, keep the rest as values.

Why this is its own module: the same code runs in the main process and in the worker process of
:mod:`exportscope.parallel`, so a task's result must be a plain value (a :class:`TaskResult`) that can be
merged in task order whoever read it, never a mutation of shared state.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from exportscope import dates
from exportscope.archive import Member, MemberError
from exportscope.model import (
    Drift,
    Fact,
    FileStatus,
    LedgerEntry,
    Misaligned,
    Problem,
    Record,
    RecordBatch,
    describe_failure,
)
from exportscope.notes import Note, freeze
from exportscope.platforms.base import Platform
from exportscope.policies import load_not_before
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
        chunk = pl.DataFrame(self.cols, schema=schema)
        self.chunks.append(chunk.with_columns(pl.from_epoch("timestamp", time_unit="us").dt.replace_time_zone("UTC")))
        self.flushed += pending
        self.cols = {c: [] for c in RAW_COLUMNS}
        if pending >= self.flush_rows:
            release_free_memory()

    def frame(self) -> pl.DataFrame:
        """Everything collected so far, as one frame (chunks are joined without copying)."""
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
    stamps = _micros(batch.epoch)
    flags: list[str | None] | None = None
    known: list[int] = [s for s in stamps if s is not None] if None in stamps else stamps  # type: ignore[assignment]
    if known and ((lo is not None and min(known) < lo) or (hi is not None and max(known) > hi)):
        bad = [
            i
            for i, s in enumerate(stamps)
            if s is not None and ((lo is not None and s < lo) or (hi is not None and s > hi))
        ]
        if bad:
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
    longest = max(map(len, filter(None, texts)), default=0)
    long = [] if longest <= MAX_TEXT_CHARS else [i for i, t in enumerate(texts) if t and len(t) > MAX_TEXT_CHARS]
    if long:
        texts = list(texts)
        for i in long:
            texts[i] = (texts[i] or "")[:MAX_TEXT_CHARS]
            _bump(tally.cut, sources[i])
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
    cols["text"].extend(texts)
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


@dataclass
class TaskResult:
    """What reading one task produced besides its records: ledger lines, facts, notes, and its row range."""

    index: int
    ledger: list[LedgerEntry] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    start: int = 0
    end: int = 0


def read_task(
    index: int,
    platform: Platform,
    rule: Rule,
    members: Sequence[Member],
    collector: Collector,
    *,
    suffix: str = "",
    latest: datetime | None = None,
) -> TaskResult:
    """Run one reader over one logical file. A raised error fails the file, keeping what was read.

    ``suffix`` tells a second account of one platform apart (``#2``): records and ledger lines are keyed by
    ``rule.platform + suffix``, the key of their context (:func:`exportscope.contexts.build_contexts`).
    A timestamp before the item platform existed (``schemas/dates.toml``) or after ``latest`` (the export
    date) is impossible: the item is kept undated, flagged for the note, and counted on its file's line.
    """
    result = TaskResult(index, start=len(collector))
    counts: dict[str, int] = defaultdict(int)
    problems: dict[str, list[Problem]] = defaultdict(list)
    drifts: dict[str, list[str]] = defaultdict(list)
    failed: dict[str, Problem] = {}
    cut: dict[str, int] = defaultdict(int)  # texts kept to their first MAX_TEXT_CHARS, per source
    item_platform = rule.platform + suffix
    default_source = members[0].path
    paths = {m.path for m in members}
    failure: Problem | None = None
    collector.rules[rule.id] = rule
    cols = collector.cols
    add_shape, add_source, add_ts = cols["shape"].append, cols["source"].append, cols["timestamp"].append
    add_text, add_row, add_thread = cols["text"].append, cols["row"].append, cols["thread"].append
    add_link = cols["link"].append
    shapes: dict[tuple[str | None, str | None, str | None], int] = {}  # (variant, visibility, flag) -> id
    impossible: dict[str, int] = defaultdict(int)
    misaligned: dict[str, int] = defaultdict(int)
    undated: dict[str, int] = defaultdict(int)
    undated_shape: dict[str, str] = {}
    first = load_not_before().get(rule.platform)
    lo = round(datetime(first.year, first.month, first.day, tzinfo=UTC).timestamp() * 1_000_000) if first else None
    hi = round(latest.timestamp() * 1_000_000) if latest is not None else None
    out: object = None
    try:
        for out in platform.read(members, rule):
            if type(out) is Record:  # the hot path: Collector.add, inlined
                key = out.source or default_source
                stamp = epoch_us(out)
                flag = None
                if stamp is not None and ((lo is not None and stamp < lo) or (hi is not None and stamp > hi)):
                    stamp, flag = None, IMPOSSIBLE_DATE
                    impossible[key if key in paths else default_source] += 1
                elif stamp is None and out.raw_time is not None:
                    counted = key if key in paths else default_source
                    undated[counted] += 1
                    undated_shape.setdefault(counted, dates.shape(out.raw_time))
                look = (out.variant, out.visibility, flag)
                sid = shapes.get(look)
                if sid is None:
                    sid = shapes[look] = collector.shape_id((item_platform, rule.id, *look))
                add_shape(sid)
                add_source(key)
                add_ts(stamp)
                text = out.text
                if text is not None and len(text) > MAX_TEXT_CHARS:
                    text = text[:MAX_TEXT_CHARS]
                    cut[key] += 1
                add_text(text)
                add_row(out.row)
                add_thread(out.thread)
                add_link(out.link)
                # A record may point at another member (a photo referenced by a post): the file read counts it.
                counts[key if key in paths else default_source] += 1
            elif type(out) is RecordBatch:  # a whole thread as columns: appended list by list
                if not len(out):
                    continue
                tally = extend_batch(collector, out, shapes, item_platform, rule.id, lo=lo, hi=hi)
                for key, count in Counter(out.source).items():
                    counts[key if key in paths else default_source] += count
                for key, count in tally.impossible.items():
                    impossible[key if key in paths else default_source] += count
                for key, count in tally.undated.items():
                    undated[key if key in paths else default_source] += count
                for key, shape in tally.undated_shape.items():
                    undated_shape.setdefault(key if key in paths else default_source, shape)
                for key, count in tally.cut.items():
                    cut[key] += count
            elif isinstance(out, Fact):
                if out.name == "note" and isinstance(out.value, Note):
                    result.notes.append(out.value)
                else:
                    result.facts.append(out)
            elif isinstance(out, Problem):
                if isinstance(out, Misaligned):
                    misaligned[out.source or default_source] += out.rows
                if out.fails:
                    failed[out.source or default_source] = out
                else:
                    problems[out.source or default_source].append(out)
            elif isinstance(out, Drift):
                changed = [f"-{c}" for c in out.missing] + [f"+{c}" for c in out.new]
                drifts[out.source or default_source].extend(changed)
                problems[out.source or default_source].append(Problem.of("drift", columns=" ".join(changed)))
            elif isinstance(out, Record):  # a subclass of Record: the slow path
                if out.text is not None and len(out.text) > MAX_TEXT_CHARS:
                    cut[out.source or default_source] += 1
                collector.add(item_platform, rule, out, default_source)
                counts[out.source or default_source] += 1
    except MemberError as exc:  # the ledger line names the file already: only what went wrong
        failure = exc.problem
    except Exception as exc:  # one broken file must never lose the rest of the archive
        read = sum(counts.values())
        failure = describe_failure(exc)
        if read:  # the items read before it are kept, and the failure says how many ("... (after 12 items)")
            failure = Problem(failure.code, failure.detail, freeze({**failure.args, "items_read": read}))
    result.end = len(collector)
    out = None  # the last batch's lists hold their texts: let them go before the flush frees the columns
    collector.maybe_flush()
    for path, n in cut.items():
        problems[path if path in paths else default_source].append(Problem.of("texts_cut", n=n, limit=MAX_TEXT_CHARS))
    for m in members:
        own_failure = failure or failed.get(m.path)
        reason = (own_failure,) if own_failure else tuple(problems.get(m.path, ()))
        # Files are ledgered under the platform their rule serves (Threads files inside an Instagram export).
        result.ledger.append(
            LedgerEntry(
                item_platform,
                m.path,
                FileStatus.FAILED if own_failure else FileStatus.PARSED,
                rule=rule.id,
                items=counts.get(m.path, 0),
                size=m.size,
                problems=reason,
                drift=drifts.get(m.path, []),
                undated=undated.get(m.path, 0),
                undated_shape=undated_shape.get(m.path),
                impossible=impossible.get(m.path, 0),
                misaligned=misaligned.get(m.path, 0),
            )
        )
    return result
