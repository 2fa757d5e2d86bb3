"""Reading one logical file (a task): run its reader, collect records column by column, keep the rest as values.

Why this is its own module: the same code runs in the main process and in the worker process of
:mod:`exportscope.parallel`, so a task's result must be a plain value (a :class:`TaskResult`) that can be
merged in task order whoever read it, never a mutation of shared state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exportscope.archive import Member, MemberError
from exportscope.model import Drift, Fact, FileStatus, LedgerEntry, Problem, Record
from exportscope.platforms.base import Platform
from exportscope.rules import Rule

if TYPE_CHECKING:
    import polars as pl

RAW_COLUMNS = ("platform", "source", "rule_id", "variant", "raw_visibility", "timestamp", "text", "row", "thread")
_PER_RECORD = tuple(c for c in RAW_COLUMNS if c not in ("platform", "rule_id"))


def epoch_us(rec: Record) -> int | None:
    """Epoch microseconds: polars converts ints ~5x faster than timezone-aware datetimes."""
    ts = rec.timestamp
    return None if ts is None else round(ts.timestamp() * 1_000_000)


class Collector:
    """Accumulates records column by column (no per-item dicts), then becomes one polars frame.

    ``platform`` and ``rule_id`` are the same for every record of a task, so they are kept as runs
    (value, count) and expanded once at the end instead of being appended per record.
    """

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {c: [] for c in _PER_RECORD}
        self.runs: list[tuple[str, str, int]] = []
        self.rules: dict[str, Rule] = {}

    def __len__(self) -> int:
        return len(self.cols["source"])

    def add(self, platform: str, rule: Rule, rec: Record, default_source: str) -> None:
        """One record (the hot path in :func:`read_task` inlines this)."""
        c = self.cols
        c["source"].append(rec.source or default_source)
        c["variant"].append(rec.variant)
        c["raw_visibility"].append(rec.visibility)
        c["timestamp"].append(epoch_us(rec))
        c["text"].append(rec.text)
        c["row"].append(rec.row)
        c["thread"].append(rec.thread)
        self.run(platform, rule, 1)

    def run(self, platform: str, rule: Rule, count: int) -> None:
        self.rules[rule.id] = rule
        if count:
            self.runs.append((platform, rule.id, count))

    def frame(self) -> pl.DataFrame:
        import polars as pl

        schema: Any = {
            "platform": pl.String,
            "source": pl.String,
            "rule_id": pl.String,
            "variant": pl.String,
            "raw_visibility": pl.String,
            "timestamp": pl.Int64,
            "text": pl.String,
            "row": pl.Int64,
            "thread": pl.String,
        }
        cols = dict(self.cols)
        cols["platform"] = [p for p, _, n in self.runs for p in [p] * n]
        cols["rule_id"] = [r for _, r, n in self.runs for r in [r] * n]
        frame = pl.DataFrame({k: cols[k] for k in RAW_COLUMNS}, schema=schema)
        return frame.with_columns(pl.from_epoch("timestamp", time_unit="us").dt.replace_time_zone("UTC"))


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
    item_platform = rule.platform
    default_source = members[0].path
    paths = {m.path for m in members}
    failure: str | None = None
    cols = collector.cols
    add_source, add_variant = cols["source"].append, cols["variant"].append
    add_vis, add_ts, add_text = cols["raw_visibility"].append, cols["timestamp"].append, cols["text"].append
    add_row, add_thread = cols["row"].append, cols["thread"].append
    n = 0
    try:
        for out in platform.read(members, rule):
            if type(out) is Record:  # the hot path: Collector.add, inlined
                key = out.source or default_source
                add_source(key)
                add_variant(out.variant)
                add_vis(out.visibility)
                add_ts(epoch_us(out))
                add_text(out.text)
                add_row(out.row)
                add_thread(out.thread)
                n += 1
                # A record may point at another member (a photo referenced by a post): the file read counts it.
                counts[key if key in paths else default_source] += 1
            elif isinstance(out, Fact):
                if out.name == "note":
                    result.notes.append(str(out.value))
                else:
                    result.facts.append(out)
            elif isinstance(out, Problem):
                problems[default_source].append(out.message)
            elif isinstance(out, Drift):
                changed = [f"-{c}" for c in out.missing] + [f"+{c}" for c in out.new]
                drifts[out.source or default_source].extend(changed)
                problems[out.source or default_source].append("columns changed: " + " ".join(changed))
            elif isinstance(out, Record):  # a subclass of Record: the slow path
                collector.add(item_platform, rule, out, default_source)
                counts[out.source or default_source] += 1
    except MemberError as exc:
        failure = str(exc)
    except Exception as exc:  # one broken file must never lose the rest of the archive
        read = sum(counts.values())
        failure = f"{type(exc).__name__}: {str(exc)[:200]}" + (f" (after {read} items)" if read else "")
    collector.run(item_platform, rule, n)
    result.end = len(collector)
    for m in members:
        reason = failure or ("; ".join(problems[m.path]) if problems.get(m.path) else None)
        # Files are ledgered under the platform their rule serves (Threads files inside an Instagram export).
        result.ledger.append(
            LedgerEntry(
                item_platform,
                m.path,
                FileStatus.FAILED if failure else FileStatus.PARSED,
                rule=rule.id,
                items=counts.get(m.path, 0),
                size=m.size,
                reason=reason,
                drift=drifts.get(m.path, []),
            )
        )
    return result
