"""Reading one logical file (a task): run its reader, collect records column by column, keep the rest as values.

Why this is its own package: the same code runs in the main process and in the worker process of
:mod:`exportscope.parallel`, so a task's result must be a plain value (a :class:`TaskResult`) that can be
merged in task order whoever read it, never a mutation of shared state. The columns themselves are
:mod:`exportscope.reading.collector`'s; a reader's whole columns are appended by
:mod:`exportscope.reading.batch`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from exportscope import dates, stops
from exportscope.archive import Member, MemberError
from exportscope.model import (
    HITS_WANTED,
    Drift,
    Fact,
    FileStatus,
    Hits,
    JsonHit,
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
from exportscope.reading.batch import BatchTally as BatchTally
from exportscope.reading.batch import extend_batch
from exportscope.reading.collector import IMPOSSIBLE_DATE, MAX_TEXT_CHARS, epoch_us
from exportscope.reading.collector import RAW_COLUMNS as RAW_COLUMNS
from exportscope.reading.collector import Collector as Collector
from exportscope.reading.collector import Shape as Shape
from exportscope.reading.collector import release_free_memory as release_free_memory
from exportscope.rules import Rule


@dataclass
class TaskResult:
    """What reading one task produced besides its records: ledger lines, facts, notes, the hits its reader
    found while parsing (member path -> hits, :class:`~exportscope.model.Hits`), and its row range."""

    index: int
    ledger: list[LedgerEntry] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    hits: dict[str, tuple[JsonHit, ...]] = field(default_factory=dict)
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
    hits_wanted = HITS_WANTED.get()
    stops_before = stops.raised_count()
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
            elif type(out) is Hits:
                if hits_wanted:  # else never a claim that the member was scanned: the findings would trust it
                    result.hits[out.source] = out.hits
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
        if (stop := stops.raised_again(stops_before)) is not None:  # a stop handed back as a library's error
            raise stop from exc
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
