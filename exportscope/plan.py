"""From inputs to a list of tasks: open, detect, group parts into exports, match members to rules.

Planning is deterministic (sorted folder walks, zip order, insertion-ordered dicts) and happens once per run:
the worker process of :mod:`exportscope.parallel` receives its tasks from this plan, never plans again.
Files that need no reading (not recognised, known and ignored, unusable) are ledgered here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from exportscope.archive import Archive, Budget, InputError, Member, Source, open_source, strip_wrapper
from exportscope.identity import AccountIdentity, Candidate, ExportEntry, ExportRole, Grouping, group_exports
from exportscope.inputs import drop_given_elsewhere, split_folder, unique_paths
from exportscope.model import Fact, FileStatus, JsonHit, LedgerEntry
from exportscope.notes import Note, Problem
from exportscope.platforms import all_platforms, family_labels, join_or
from exportscope.platforms.base import Platform
from exportscope.rules import Rule


@dataclass
class Export:
    """One platform export, possibly of several parts (sources)."""

    platform: Platform
    sources: list[Source]
    era: str | None = None
    export_date: date | None = None
    #: Who the export is of (:mod:`exportscope.identity`), from its parts' profile files.
    account: AccountIdentity = field(default_factory=lambda: AccountIdentity(""))
    #: "" for the first account of its platform, "#2", "#3"... for the others (exports in canonical order):
    #: the items, ledger lines and context of a second account are keyed ``<platform>#2``.
    suffix: str = ""
    facts: dict[tuple[str, str], Fact] = field(default_factory=dict)
    #: (item platform, note): the platform's ``export_notes`` and readers' ``Fact("note", Note)``, shown in
    #: the summary's platform notes.
    notes: list[tuple[str, Note]] = field(default_factory=list)
    #: Member path -> the GPS, upload IPs and tags its reader found while parsing it (``Hits``): the findings
    #: pass scans only the JSON members missing here.
    hits: dict[str, tuple[JsonHit, ...]] = field(default_factory=dict)


@dataclass
class Task:
    """One logical file to read: a rule and its members (several for a file written in parts)."""

    index: int
    export: int
    platform: Platform  # bound to the export's archive
    rule: Rule
    members: list[Member]
    suffix: str = ""  # the export's account suffix (Export.suffix)
    #: The latest possible timestamp of the export's items (the end of the day after its export date);
    #: None when the export date is unknown.
    latest: datetime | None = None

    @property
    def size(self) -> int:
        return sum(m.size for m in self.members)


@dataclass
class Plan:
    sources: list[Source]
    exports: list[Export]
    tasks: list[Task]
    #: Per export: the ledger lines of files that need no reading, in member order.
    ledgers: list[list[LedgerEntry]]
    unknown: list[LedgerEntry]
    notes: list[Note]
    #: Every input part with its role (analysed, part, copy, older): ``Analysis.export_entries``.
    entries: list[ExportEntry] = field(default_factory=list)
    #: What the whole run may inflate, shared by every source (see :class:`exportscope.archive.Budget`).
    budget: Budget = field(default_factory=lambda: Budget.for_size(0))

    @property
    def total_files(self) -> int:
        return sum(len(t.members) for t in self.tasks) + sum(map(len, self.ledgers))

    def close(self) -> None:
        for s in self.sources:
            s.close()


def open_all(
    paths: Sequence[Path], max_member_bytes: int, max_ratio: float, max_inflated: int | None = None
) -> list[Source]:
    """Open every input; they share one inflation budget, sized on all of them (or ``max_inflated``)."""
    sources: list[Source] = []
    try:
        for p in paths:
            src = open_source(Path(p))
            src.max_member_bytes = max_member_bytes
            src.max_ratio = max_ratio
            sources.append(src)
    except InputError:
        for s in sources:
            s.close()
        raise
    budget = Budget.for_size(sum(s.disk_bytes for s in sources), max_inflated)
    for s in sources:
        s.budget = budget
    return sources


def _detect(source: Source, platforms: Sequence[Platform]) -> Platform | None:
    best: tuple[float, Platform] | None = None
    for p in platforms:
        score = p.detect_source(source)
        if score >= p.threshold and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def make_plan(
    paths: Sequence[Path | str],
    max_member_bytes: int,
    max_ratio: float,
    max_inflated: int | None = None,
    on_listed: Callable[[Sequence[Source]], None] | None = None,
) -> Plan:
    """Open and plan the inputs; raises InputError when nothing can be used. The caller closes the plan.

    ``on_listed``, if given, sees the opened inputs (their members listed) before the platforms are loaded
    and the plan is made: the pipeline starts its reading worker there, so the worker's imports overlap this
    process's planning."""
    unique, repeated = unique_paths([Path(p) for p in paths])
    sources = open_all(unique, max_member_bytes, max_ratio, max_inflated)
    try:
        if on_listed is not None:
            on_listed(sources)
        platforms = all_platforms()
        keep = frozenset(t.lower() for p in platforms for t in p.top_folders)
        plan = _plan(sources, platforms, keep)
        plan.notes[:0] = [Note.of("input_repeated", name=p.name) for p in sorted(repeated)]
        return plan
    except BaseException:
        for s in sources:
            s.close()
        raise


def _expand_folders(
    sources: list[Source], platforms: Sequence[Platform], hollow: set[int], gave: set[int]
) -> list[Source]:
    """Export zips inside a folder input (a Downloads folder holding them) become inputs of their own, and so
    do the unzipped exports and chats beside them (:func:`exportscope.inputs.split_folder`).

    Zips are real files, so they open like any input. A zip that is no export we know stays a file of its
    folder (listed as not recognised), and so does one of a platform that opens nested zips itself; a zip
    that does not open is listed as a failed file of the folder, with why
    (a chat export names each chat after its zip). A folder left with no file of its own is dropped
    (``hollow``); one that gave exports and keeps other files is marked in ``gave``.
    """
    drop_given_elsewhere(sources)
    out: list[Source] = []
    for src in sources:
        if src.kind != "folder":
            out.append(src)
            continue
        nested: list[Source] = []
        for m in [m for m in src.members if m.suffix == ".zip"]:
            try:
                inner = open_source(src.path / m.key)
            except InputError as exc:
                # A damaged, truncated (half-downloaded) or encrypted zip is a failed file of the folder, with
                # its reason: never a name another platform's detection could take for an export of its own.
                src.members.remove(m)
                src.problems.append((m.path, exc.problem or Problem.of("unreadable", str(exc))))
                continue
            platform = _detect(inner, platforms)
            if platform is None or platform.opens_nested_zips:
                inner.close()
                continue
            inner.max_member_bytes, inner.max_ratio, inner.budget = src.max_member_bytes, src.max_ratio, src.budget
            src.members.remove(m)
            nested.append(inner)
        parts = split_folder(src, platforms, lambda s: _detect(s, platforms))
        if src not in parts or not (src.members or src.problems or not nested):
            # Emptied by the split: kept (its listing is the snapshot of the folder), never detected.
            hollow.add(id(src))
            out.append(src)
        out.extend(p for p in parts if p is not src or id(src) not in hollow)
        out.extend(nested)
        if id(src) not in hollow and (nested or any(p is not src for p in parts)):
            gave.add(id(src))
    return out


def _fingerprint(src: Source) -> frozenset[tuple[str, int]]:
    return frozenset((m.path, m.size) for m in src.members)


def _plan(sources: list[Source], platforms: Sequence[Platform], keep: frozenset[str]) -> Plan:
    notes: list[Note] = []
    unknown: list[LedgerEntry] = []
    hollow: set[int] = set()  # folders left with nothing of their own once their exports were taken out
    gave: set[int] = set()  # folders that held exports, and other files beside them
    sources[:] = _expand_folders(sources, platforms, hollow, gave)
    if all(s.kind == "file" for s in sources) and not any(m.size for s in sources for m in s.members):
        raise InputError(f"{', '.join(s.name for s in sources)}: empty; the file holds nothing to read")
    parts: list[tuple[Platform, Source]] = []
    rank = {p.name: i for i, p in enumerate(platforms)}
    for src in [s for s in sources if id(s) not in hollow]:
        strip_wrapper(src.members, keep)
        platform = _detect(src, platforms)
        if platform is None:
            labels = family_labels()
            head, last = ", ".join(labels[:-1]), labels[-1]
            if id(src) in gave:  # a Downloads folder: its exports were read; say what else it holds is none
                n = len(src.members) + len(src.problems)
                notes.append(Note.of("beside_exports", name=src.name, n=n, head=head, last=last))
            else:
                notes.append(Note.of("not_recognised", name=src.name, head=head, last=last))
            unknown.extend(
                LedgerEntry("unknown", f"{src.name}/{m.path}", FileStatus.UNRECOGNIZED, size=m.size)
                for m in src.members
            )
            unknown.extend(
                LedgerEntry("unknown", f"{src.name}/{path}", FileStatus.FAILED, problems=(problem,))
                for path, problem in src.problems
            )
            continue
        for part in platform.split(src):
            if part is not src:
                sources.append(part)  # closed with the inputs
            parts.append((platform, part))
    if not parts:
        names = ", ".join(s.name for s in sources)
        if not any(s.members for s in sources):
            raise InputError(f"{names}: empty; there are no files to read")
        raise InputError(f"{names}: nothing recognizable; this is not a {join_or(family_labels(), 'en')} data export")

    candidates = [
        Candidate(
            platform=platform.name,
            order=rank[platform.name],
            name=src.name,
            path=str(src.path),
            export_date=platform.export_date([src]),
            account=platform.account(src),
            fingerprint=_fingerprint(src) if not src.problems else frozenset(),
            priority=platform.source_priority(src),
            separate=platform.separate_inputs,
            kind=src.kind,
        )
        for platform, src in parts
    ]

    def is_part(i: int, j: int) -> bool:
        platform = parts[i][0]
        return platform.same_export(parts[i][1], parts[j][1])

    grouping = group_exports(candidates, is_part)
    plan = Plan(sources, [], [], [], unknown, notes, budget=sources[0].budget)
    plan.entries = [e for _, e in grouping.entries]
    by_index = {i: e for i, e in grouping.entries}
    accounts_seen: dict[str, int] = {}
    for group in grouping.exports:
        platform = parts[group[0]][0]
        srcs = [parts[i][1] for i in group]
        member_paths = [m.path for s in srcs for m in s.members]
        export = Export(platform, srcs, era=platform.era(member_paths), export_date=platform.export_date(srcs))
        export.account = by_index[group[0]].account
        if not platform.separate_inputs:
            n = accounts_seen[platform.name] = accounts_seen.get(platform.name, 0) + 1
            export.suffix = f"#{n}" if n > 1 else ""
        export.notes.extend((platform.name, note) for note in platform.export_notes(member_paths))
        archive = Archive(srcs)
        if archive.duplicates:
            notes.append(Note.of("counted_once", label=platform.label, n=len(archive.duplicates)))
        _plan_export(plan, len(plan.exports), export, archive)
        plan.exports.append(export)
    notes.extend(_grouping_notes(plan, candidates, grouping, {p.name: p.label for p in platforms}))
    return plan


def _grouping_notes(
    plan: Plan, candidates: Sequence[Candidate], grouping: Grouping, labels: dict[str, str]
) -> list[Note]:
    """Say what was set aside: copies counted once, older exports not counted, accounts not told apart."""
    out: list[Note] = []
    first: dict[int, ExportEntry] = {}
    for e in plan.entries:
        if e.role in (ExportRole.ANALYSED, ExportRole.OLDER):
            first.setdefault(e.export, e)
    original: ExportEntry | None = None  # copies are listed right after the part they repeat
    for e in plan.entries:
        label = labels.get(e.platform, e.platform)
        if e.role is not ExportRole.COPY:
            original = e
        if e.role is ExportRole.COPY and original is not None:
            out.append(Note.of("copy", label=label, name=e.name, other=original.name))
        elif e.role is ExportRole.OLDER and first[e.export] is e:
            when = e.export_date.isoformat() if e.export_date else None  # None: said "date unknown"
            current = first[e.current]
            now = current.export_date.isoformat() if current.export_date else None
            out.append(Note.of("older_export", label=label, name=e.name, date=when, current=current.name, now=now))
    for a, b in grouping.undecided:
        label = labels.get(candidates[a].platform, candidates[a].platform)
        out.append(Note.of("account_undecided", label=label, a=candidates[a].name, b=candidates[b].name))
    return out


def _plan_export(plan: Plan, export_index: int, export: Export, archive: Archive) -> None:
    platform = export.platform.bind(archive)
    key = export.platform.name + export.suffix
    day = export.export_date
    # Export dates are days in the platform's time zone: a day of margin keeps every real item of that day.
    latest = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=2) if day else None
    ledger = [LedgerEntry(key, path, FileStatus.FAILED, problems=(problem,)) for path, problem in archive.problems]
    groups: dict[tuple[str, str], tuple[Rule, list[Member]]] = {}
    for member in archive:
        rule = platform.match(member)
        if rule is None:
            ledger.append(LedgerEntry(key, member.path, FileStatus.UNRECOGNIZED, size=member.size))
        elif rule.ignore:
            ledger.append(
                LedgerEntry(
                    rule.platform + export.suffix,
                    member.path,
                    FileStatus.IGNORED,
                    rule=rule.id,
                    size=member.size,
                    description=rule.description or None,
                )
            )
        else:
            groups.setdefault((rule.id, platform.part_key(member, rule)), (rule, []))[1].append(member)
    plan.ledgers.append(ledger)
    for rule, members in groups.values():
        plan.tasks.append(Task(len(plan.tasks), export_index, platform, rule, members, export.suffix, latest))
