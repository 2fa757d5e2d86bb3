"""Reading one logical file (a task): run its reader, collect records column by column, keep the rest as values.

Why this is its own module: the same code runs in the main process and in the worker process of
:mod:`exportscope.parallel`, so a task's result must be a plain value (a :class:`TaskResult`) that can be
merged in task order whoever read it, never a mutation of shared state.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exportscope.archive import Member, MemberError
from exportscope.model import Drift, Fact, FileStatus, LedgerEntry, Problem, Record, RecordBatch, describe_failure
from exportscope.platforms.base import Platform
from exportscope.rules import Rule

if TYPE_CHECKING:
    import polars as pl

RAW_COLUMNS = ("shape", "source", "timestamp", "text", "row", "thread")

#: What decides an item's kind, verdict and visibility: (item platform, rule id, variant, raw visibility).
Shape = tuple[str, str, str | None, str | None]


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
        c["shape"].append(self.shape_id((platform, rule.id, rec.variant, rec.visibility)))
        c["source"].append(rec.source or default_source)
        c["timestamp"].append(epoch_us(rec))
        c["text"].append(rec.text)
        c["row"].append(rec.row)
        c["thread"].append(rec.thread)

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
        }
        chunk = pl.DataFrame(self.cols, schema=schema)
        self.chunks.append(chunk.with_columns(pl.from_epoch("timestamp", time_unit="us").dt.replace_time_zone("UTC")))
        self.flushed += pending
        self.cols = {c: [] for c in RAW_COLUMNS}

    def frame(self) -> pl.DataFrame:
        """Everything collected so far, as one frame (chunks are joined without copying)."""
        import polars as pl

        self.flush()
        return self.chunks[0] if len(self.chunks) == 1 else pl.concat(self.chunks, rechunk=False)


def extend_batch(
    collector: Collector,
    batch: RecordBatch,
    shapes: dict[tuple[str | None, str | None], int],
    item_platform: str,
    rule_id: str,
) -> None:
    """Append a :class:`RecordBatch` to the collector's columns: the same values :meth:`Collector.add` would
    append record by record, with one list operation per column (a column the batch lacks gets None)."""
    n = len(batch)
    variants = batch.variant if batch.variant is not None else [None] * n
    ids: dict[str | None, int] = {}
    for variant in set(variants):
        look = (variant, batch.visibility)
        sid = shapes.get(look)
        if sid is None:
            sid = shapes[look] = collector.shape_id((item_platform, rule_id, *look))
        ids[variant] = sid
    cols = collector.cols
    if len(ids) == 1:
        cols["shape"].extend([next(iter(ids.values()))] * n)
    else:
        cols["shape"].extend([ids[v] for v in variants])
    cols["source"].extend(batch.source)
    cols["timestamp"].extend([None if t is None else round(t * 1_000_000) for t in batch.epoch])
    cols["text"].extend(batch.text)
    cols["row"].extend(batch.row)
    cols["thread"].extend([batch.thread] * n)
    given = {"shape", "source", "timestamp", "text", "row", "thread"}
    for name in RAW_COLUMNS:
        if name not in given:
            cols[name].extend([None] * n)


@dataclass
class TaskResult:
    """What reading one task produced besides its records: ledger lines, facts, notes, and its row range."""

    index: int
    ledger: list[LedgerEntry] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


def read_task(
    index: int, platform: Platform, rule: Rule, members: Sequence[Member], collector: Collector
) -> TaskResult:
    """Run one reader over one logical file. A raised error fails the file, keeping what was read."""
    result = TaskResult(index, start=len(collector))
    counts: dict[str, int] = defaultdict(int)
    problems: dict[str, list[str]] = defaultdict(list)
    drifts: dict[str, list[str]] = defaultdict(list)
    failed: dict[str, str] = {}
    item_platform = rule.platform
    default_source = members[0].path
    paths = {m.path for m in members}
    failure: str | None = None
    collector.rules[rule.id] = rule
    cols = collector.cols
    add_shape, add_source, add_ts = cols["shape"].append, cols["source"].append, cols["timestamp"].append
    add_text, add_row, add_thread = cols["text"].append, cols["row"].append, cols["thread"].append
    shapes: dict[tuple[str | None, str | None], int] = {}  # this task's (variant, visibility) -> shape id
    try:
        for out in platform.read(members, rule):
            if type(out) is Record:  # the hot path: Collector.add, inlined
                key = out.source or default_source
                look = (out.variant, out.visibility)
                sid = shapes.get(look)
                if sid is None:
                    sid = shapes[look] = collector.shape_id((item_platform, rule.id, *look))
                add_shape(sid)
                add_source(key)
                add_ts(epoch_us(out))
                add_text(out.text)
                add_row(out.row)
                add_thread(out.thread)
                # A record may point at another member (a photo referenced by a post): the file read counts it.
                counts[key if key in paths else default_source] += 1
            elif type(out) is RecordBatch:  # a whole thread as columns: appended list by list
                n = len(out)
                extend_batch(collector, out, shapes, item_platform, rule.id)
                if n:
                    for key, count in Counter(out.source).items():
                        counts[key if key in paths else default_source] += count
            elif isinstance(out, Fact):
                if out.name == "note":
                    result.notes.append(str(out.value))
                else:
                    result.facts.append(out)
            elif isinstance(out, Problem):
                if out.fails:
                    failed[out.source or default_source] = out.message
                else:
                    problems[out.source or default_source].append(out.message)
            elif isinstance(out, Drift):
                changed = [f"-{c}" for c in out.missing] + [f"+{c}" for c in out.new]
                drifts[out.source or default_source].extend(changed)
                problems[out.source or default_source].append("columns changed: " + " ".join(changed))
            elif isinstance(out, Record):  # a subclass of Record: the slow path
                collector.add(item_platform, rule, out, default_source)
                counts[out.source or default_source] += 1
    except MemberError as exc:
        failure = str(exc)
        for m in members:  # the ledger line names the file already: keep only what went wrong
            failure = failure.removeprefix(f"{m.path}: ")
    except Exception as exc:  # one broken file must never lose the rest of the archive
        read = sum(counts.values())
        failure = describe_failure(exc) + (f" (after {read} items)" if read else "")
    result.end = len(collector)
    collector.maybe_flush()
    for m in members:
        own_failure = failure or failed.get(m.path)
        reason = own_failure or ("; ".join(problems[m.path]) if problems.get(m.path) else None)
        # Files are ledgered under the platform their rule serves (Threads files inside an Instagram export).
        result.ledger.append(
            LedgerEntry(
                item_platform,
                m.path,
                FileStatus.FAILED if own_failure else FileStatus.PARSED,
                rule=rule.id,
                items=counts.get(m.path, 0),
                size=m.size,
                reason=reason,
                drift=drifts.get(m.path, []),
            )
        )
    return result
