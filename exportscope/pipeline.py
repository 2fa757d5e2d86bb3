"""The one direction of the flow: inputs -> archive -> detect -> readers -> classify -> items + ledger.

:func:`analyze` is the library's entry point; the CLI, the TUI and the report writers all call it. It takes
an optional progress callback and a cancel event so the TUI can run it in a thread worker and stop it.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exportscope import dates
from exportscope.archive import (
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    Archive,
    InputError,
    Member,
    MemberError,
    Source,
    open_source,
    strip_wrapper,
)
from exportscope.classify import PlatformContext, classify
from exportscope.model import Drift, Fact, FileStatus, LedgerEntry, Problem, Record
from exportscope.platforms import all_platforms
from exportscope.platforms.base import Platform
from exportscope.rules import Rule, region_code

if TYPE_CHECKING:
    import polars as pl


class Cancelled(Exception):
    """The caller set the cancel event; the analysis stopped between two files."""


@dataclass(frozen=True)
class Options:
    """What the user tells us; everything the overrides need that the export may not say."""

    region: str | None = None
    as_of: date = field(default_factory=lambda: datetime.now(UTC).date())
    opted_out: frozenset[str] = frozenset()
    facebook_audience: str = "unknown"
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_ratio: float = MAX_RATIO


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    current: str


@dataclass
class Export:
    """One platform export, possibly of several parts (sources)."""

    platform: Platform
    sources: list[Source]
    era: str | None = None
    export_date: date | None = None
    facts: dict[tuple[str, str], Fact] = field(default_factory=dict)
    #: (item platform, sentence): the platform's ``export_notes`` and readers' ``Fact("note", ...)``, shown in
    #: the summary's platform notes.
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything one run learned: the items frame, the ledger of every member, and per-platform context."""

    inputs: list[str]
    options: Options
    exports: list[Export]
    items: pl.DataFrame
    ledger: list[LedgerEntry]
    contexts: dict[str, PlatformContext]
    notes: list[str] = field(default_factory=list)

    @property
    def platforms(self) -> list[str]:
        """Platforms present, in the order they were found (threads after instagram)."""
        return list(self.contexts)


_RAW_COLUMNS = ("platform", "source", "rule_id", "variant", "raw_visibility", "timestamp", "text", "row", "thread")


class _Collector:
    """Accumulates records column by column (no per-item dicts), then becomes one polars frame.

    ``platform`` and ``rule_id`` are the same for every record of a group, so they are kept as runs
    (value, count) and expanded once at the end instead of being appended per record.
    """

    def __init__(self) -> None:
        self.cols: dict[str, list[object]] = {c: [] for c in _RAW_COLUMNS if c not in ("platform", "rule_id")}
        self.runs: list[tuple[str, str, int]] = []
        self.rules: dict[str, Rule] = {}

    def add(self, platform: str, rule: Rule, rec: Record, default_source: str) -> None:
        """One record (the hot path in :func:`_read_group` inlines this)."""
        c = self.cols
        c["source"].append(rec.source or default_source)
        c["variant"].append(rec.variant)
        c["raw_visibility"].append(rec.visibility)
        c["timestamp"].append(_epoch_us(rec))
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
        frame = pl.DataFrame({k: cols[k] for k in _RAW_COLUMNS}, schema=schema)
        return frame.with_columns(pl.from_epoch("timestamp", time_unit="us").dt.replace_time_zone("UTC"))


def _epoch_us(rec: Record) -> int | None:
    """Epoch microseconds: polars converts ints ~5x faster than timezone-aware datetimes."""
    ts = rec.timestamp
    return None if ts is None else round(ts.timestamp() * 1_000_000)


def _open_all(paths: Sequence[Path], options: Options) -> list[Source]:
    sources: list[Source] = []
    try:
        for p in paths:
            src = open_source(Path(p))
            src.max_member_bytes = options.max_member_bytes
            src.max_ratio = options.max_ratio
            sources.append(src)
    except InputError:
        for s in sources:
            s.close()
        raise
    return sources


def _detect(source: Source, platforms: Sequence[Platform]) -> Platform | None:
    best: tuple[float, Platform] | None = None
    for p in platforms:
        score = p.detect_source(source)
        if score >= p.threshold and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def analyze(
    paths: Sequence[Path | str],
    options: Options | None = None,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    on_export: Callable[[Analysis], None] | None = None,
) -> Analysis:
    """Read, detect, parse and classify the given inputs. Raises InputError for unusable input.

    ``on_export``, if given, receives a partial Analysis after each platform export but the last (the
    exports read so far, classified), so a UI can show results as they arrive; it costs one extra
    classification of the items read so far per export, and nothing when not given.
    """
    options = options or Options()
    if not paths:
        raise InputError("no input given: name an export's .zip file or folder")
    platforms = all_platforms()
    keep = frozenset(t.lower() for p in platforms for t in p.top_folders)
    sources = _open_all([Path(p) for p in paths], options)
    try:
        return _analyze_sources(paths, sources, platforms, keep, options, progress, cancel, on_export)
    finally:
        for s in sources:
            s.close()


def _analyze_sources(
    paths: Sequence[Path | str],
    sources: list[Source],
    platforms: Sequence[Platform],
    keep: frozenset[str],
    options: Options,
    progress: Callable[[Progress], None] | None,
    cancel: threading.Event | None,
    on_export: Callable[[Analysis], None] | None = None,
) -> Analysis:
    ledger: list[LedgerEntry] = []
    notes: list[str] = []
    groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
    by_name = {p.name: p for p in platforms}
    for src in list(sources):
        strip_wrapper(src.members, keep)
        platform = _detect(src, platforms)
        if platform is None:
            notes.append(f"{src.name}: not recognised as a LinkedIn, Meta or WhatsApp export")
            for m in src.members:
                ledger.append(LedgerEntry("unknown", m.path, FileStatus.UNRECOGNIZED, size=m.size))
            continue
        for part in platform.split(src):
            if part is not src:
                sources.append(part)  # closed with the inputs
            groups[(platform.name, platform.export_key(part))].append(part)
    if not groups:
        names = ", ".join(s.name for s in sources)
        if not any(s.members for s in sources):
            raise InputError(f"{names}: empty; there are no files to read")
        raise InputError(f"{names}: nothing recognizable; this is not a LinkedIn, Meta or WhatsApp data export")

    exports: list[Export] = []
    for (pname, _key), srcs in groups.items():
        platform = by_name[pname]
        srcs.sort(key=platform.source_priority)
        member_paths = [m.path for s in srcs for m in s.members]
        export = Export(platform, srcs, era=platform.era(member_paths), export_date=platform.export_date(srcs))
        export.notes.extend((platform.name, note) for note in platform.export_notes(member_paths))
        exports.append(export)

    collector = _Collector()
    work: list[tuple[Export, Archive]] = [(e, Archive(e.sources)) for e in exports]
    total = sum(len(a) for _, a in work)
    done = 0
    for index, (export, archive) in enumerate(work):
        for path, reason in archive.problems:
            ledger.append(LedgerEntry(export.platform.name, path, FileStatus.FAILED, reason=reason))
        if archive.duplicates:
            notes.append(
                f"{export.platform.label}: {len(archive.duplicates)} file(s) present in more than one part "
                "were counted once"
            )
        done = _read_export(export, archive, collector, ledger, done, total, progress, cancel)
        if on_export is not None and index < len(work) - 1:
            read = [e for e, _ in work[: index + 1]]
            part_contexts = _contexts(read, collector, options)
            on_export(
                Analysis(
                    inputs=[str(p) for p in paths],
                    options=options,
                    exports=read,
                    items=classify(collector.frame(), collector.rules, part_contexts, options.as_of),
                    ledger=list(ledger),
                    contexts=part_contexts,
                    notes=list(notes),
                )
            )

    contexts = _contexts(exports, collector, options)
    frame = classify(collector.frame(), collector.rules, contexts, options.as_of)
    return Analysis(
        inputs=[str(p) for p in paths],
        options=options,
        exports=exports,
        items=frame,
        ledger=ledger,
        contexts=contexts,
        notes=notes,
    )


def _read_export(
    export: Export,
    archive: Archive,
    collector: _Collector,
    ledger: list[LedgerEntry],
    done: int,
    total: int,
    progress: Callable[[Progress], None] | None,
    cancel: threading.Event | None,
) -> int:
    platform = export.platform.bind(archive)
    pname = platform.name
    groups: dict[tuple[str, str], tuple[Rule, list[Member]]] = {}
    for member in archive:
        rule = platform.match(member)
        if rule is None:
            ledger.append(LedgerEntry(pname, member.path, FileStatus.UNRECOGNIZED, size=member.size))
            done += 1
        elif rule.ignore:
            ledger.append(
                LedgerEntry(
                    rule.platform,
                    member.path,
                    FileStatus.IGNORED,
                    rule=rule.id,
                    size=member.size,
                    reason=rule.description or None,
                )
            )
            done += 1
        else:
            groups.setdefault((rule.id, platform.part_key(member, rule)), (rule, []))[1].append(member)
    if progress:
        progress(Progress(done, total, ""))
    for rule, members in groups.values():
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if progress:
            progress(Progress(done, total, members[0].path))
        counts, problems, drifts, failure = _read_group(export, platform, rule, members, collector)
        for m in members:
            status = FileStatus.FAILED if failure else FileStatus.PARSED
            reason = failure or ("; ".join(problems[m.path]) if problems.get(m.path) else None)
            # Files are ledgered under the platform their rule serves (Threads files inside an Instagram export).
            ledger.append(
                LedgerEntry(
                    rule.platform,
                    m.path,
                    status,
                    rule=rule.id,
                    items=counts.get(m.path, 0),
                    size=m.size,
                    reason=reason,
                    drift=drifts.get(m.path, []),
                )
            )
        done += len(members)
    if progress:
        progress(Progress(done, total, ""))
    return done


def _read_group(
    export: Export, platform_: Platform, rule: Rule, members: list[Member], collector: _Collector
) -> tuple[dict[str, int], dict[str, list[str]], dict[str, list[str]], str | None]:
    """Run one reader over one logical file. A raised error fails the group, keeping what was read."""
    counts: dict[str, int] = defaultdict(int)
    problems: dict[str, list[str]] = defaultdict(list)
    drifts: dict[str, list[str]] = defaultdict(list)
    platform = rule.platform
    default_source = members[0].path
    paths = {m.path for m in members}
    failure: str | None = None
    cols = collector.cols
    add_source, add_variant = cols["source"].append, cols["variant"].append
    add_vis, add_ts, add_text = cols["raw_visibility"].append, cols["timestamp"].append, cols["text"].append
    add_row, add_thread = cols["row"].append, cols["thread"].append
    n = 0
    try:
        for out in platform_.read(members, rule):
            if type(out) is Record:  # the hot path: collector.add, inlined
                key = out.source or default_source
                add_source(key)
                add_variant(out.variant)
                add_vis(out.visibility)
                add_ts(_epoch_us(out))
                add_text(out.text)
                add_row(out.row)
                add_thread(out.thread)
                n += 1
                # A record may point at another member (a photo referenced by a post): the file read counts it.
                counts[key if key in paths else default_source] += 1
            elif isinstance(out, Fact):
                if out.name == "note":
                    export.notes.append((platform, str(out.value)))
                else:
                    export.facts[(platform, out.name)] = out
            elif isinstance(out, Problem):
                problems[default_source].append(out.message)
            elif isinstance(out, Drift):
                changed = [f"-{c}" for c in out.missing] + [f"+{c}" for c in out.new]
                drifts[out.source or default_source].extend(changed)
                problems[out.source or default_source].append("columns changed: " + " ".join(changed))
            elif isinstance(out, Record):  # a subclass of Record: the slow path
                collector.add(platform, rule, out, default_source)
                counts[out.source or default_source] += 1
    except MemberError as exc:
        failure = str(exc)
    except Exception as exc:
        read = sum(counts.values())
        failure = f"{type(exc).__name__}: {str(exc)[:200]}" + (f" (after {read} items)" if read else "")
    collector.run(platform, rule, n)
    return counts, problems, drifts, failure


def _contexts(exports: list[Export], collector: _Collector, options: Options) -> dict[str, PlatformContext]:
    """One context per item platform (threads rides inside the instagram export)."""
    contexts: dict[str, PlatformContext] = {}
    item_platforms: dict[str, Export] = {}
    for export in exports:
        item_platforms.setdefault(export.platform.name, export)
        for rule in export.platform.ruleset.rules:
            if rule.platform != export.platform.name and any(
                r.platform == rule.platform for r in collector.rules.values()
            ):
                item_platforms.setdefault(rule.platform, export)
    for name, export in item_platforms.items():
        facts = {fname: f for (plat, fname), f in export.facts.items() if plat == name}
        if name != export.platform.name:
            # A platform riding inside another's export (Threads in Instagram) is the same person in the
            # same place: it inherits the region and birth date its own files do not state.
            for fname in ("region", "birth_date"):
                if fname not in facts and (parent := export.facts.get((export.platform.name, fname))):
                    facts[fname] = parent
        ctx = PlatformContext(platform=name, policy=export.platform.ruleset.policy)
        if options.region:
            ctx.region, ctx.region_source = options.region, "option"
        elif "region" in facts and (code := region_code(str(facts["region"].value))):
            ctx.region, ctx.region_source = code, "export"
        birth = facts.get("birth_date")
        if birth is not None and birth.value is not None:
            value = birth.value
            if isinstance(value, date):
                ctx.birth = (value.year, value.month, value.day)
            else:
                ctx.birth = dates.parse_birth_date(str(value))
        private = facts.get("account_private")
        if private is not None and isinstance(private.value, bool):
            ctx.account_private = private.value
        ctx.audience = options.facebook_audience
        ctx.opted_out = name in options.opted_out or export.platform.ruleset.policy in options.opted_out
        ctx.notes.extend(text for e in exports for plat, text in e.notes if plat == name)
        contexts[name] = ctx
    return contexts
