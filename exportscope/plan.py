"""From inputs to a list of tasks: open, detect, group parts into exports, match members to rules.

Planning is deterministic (sorted folder walks, zip order, insertion-ordered dicts) and happens once per run:
the worker process of :mod:`exportscope.parallel` receives its tasks from this plan, never plans again.
Files that need no reading (not recognised, known and ignored, unusable) are ledgered here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exportscope import i18n
from exportscope.archive import Archive, InputError, Member, Source, open_source, strip_wrapper
from exportscope.identity import AccountIdentity, ExportEntry, ExportRole, derive
from exportscope.model import Fact, FileStatus, LedgerEntry
from exportscope.platforms import all_platforms
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
    facts: dict[tuple[str, str], Fact] = field(default_factory=dict)
    #: (item platform, sentence): the platform's ``export_notes`` and readers' ``Fact("note", ...)``, shown in
    #: the summary's platform notes.
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Task:
    """One logical file to read: a rule and its members (several for LinkedIn parts or Meta threads)."""

    index: int
    export: int
    platform: Platform  # bound to the export's archive
    rule: Rule
    members: list[Member]

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
    notes: list[str]
    #: Every input part with its role (analysed, part, copy, older): ``Analysis.export_entries``.
    entries: list[ExportEntry] = field(default_factory=list)

    @property
    def total_files(self) -> int:
        return sum(len(t.members) for t in self.tasks) + sum(map(len, self.ledgers))

    def close(self) -> None:
        for s in self.sources:
            s.close()


def open_all(paths: Sequence[Path], max_member_bytes: int, max_ratio: float) -> list[Source]:
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
    return sources


def _detect(source: Source, platforms: Sequence[Platform]) -> Platform | None:
    best: tuple[float, Platform] | None = None
    for p in platforms:
        score = p.detect_source(source)
        if score >= p.threshold and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def make_plan(paths: Sequence[Path | str], max_member_bytes: int, max_ratio: float) -> Plan:
    """Open and plan the inputs; raises InputError when nothing can be used. The caller closes the plan."""
    platforms = all_platforms()
    keep = frozenset(t.lower() for p in platforms for t in p.top_folders)
    sources = open_all([Path(p) for p in paths], max_member_bytes, max_ratio)
    try:
        return _plan(sources, platforms, keep)
    except BaseException:
        for s in sources:
            s.close()
        raise


def _expand_folders(sources: list[Source], platforms: Sequence[Platform]) -> list[Source]:
    """Export zips inside a folder input (a Downloads folder holding them) become inputs of their own.

    They are real files, so they open like any input. A zip that is no export we know stays a file of its
    folder (listed as not recognised), and so does one of a platform that opens nested zips itself
    (WhatsApp names each chat after its zip). A folder left with no file of its own is dropped.
    """
    out: list[Source] = []
    for src in sources:
        if src.kind != "folder":
            out.append(src)
            continue
        nested: list[Source] = []
        for m in [m for m in src.members if m.suffix == ".zip"]:
            try:
                inner = open_source(src.path / m.key)
            except InputError:
                continue  # stays a member: listed, or failed by a platform that reads nested zips
            platform = _detect(inner, platforms)
            if platform is None or platform.opens_nested_zips:
                inner.close()
                continue
            inner.max_member_bytes, inner.max_ratio = src.max_member_bytes, src.max_ratio
            src.members.remove(m)
            nested.append(inner)
        if src.members or src.problems or not nested:
            out.append(src)
        out.extend(nested)
    return out


def _plan(sources: list[Source], platforms: Sequence[Platform], keep: frozenset[str]) -> Plan:
    notes: list[str] = []
    unknown: list[LedgerEntry] = []
    sources[:] = _expand_folders(sources, platforms)
    groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
    by_name = {p.name: p for p in platforms}
    for src in list(sources):
        strip_wrapper(src.members, keep)
        platform = _detect(src, platforms)
        if platform is None:
            notes.append(i18n.t("note.not_recognised", "en", name=src.name))
            unknown.extend(
                LedgerEntry("unknown", f"{src.name}/{m.path}", FileStatus.UNRECOGNIZED, size=m.size)
                for m in src.members
            )
            unknown.extend(
                LedgerEntry("unknown", f"{src.name}/{path}", FileStatus.FAILED, reason=reason)
                for path, reason in src.problems
            )
            continue
        for part in platform.split(src):
            if part is not src:
                sources.append(part)  # closed with the inputs
            groups[(platform.name, platform.export_key(part))].append(part)
    if not groups:
        names = ", ".join(s.name for s in sources)
        if not any(s.members for s in sources):
            raise InputError(f"{names}: empty; there are no files to read")
        raise InputError(f"{names}: nothing recognizable; this is not a LinkedIn, Meta, WhatsApp or X data export")

    plan = Plan(sources, [], [], [], unknown, notes)
    for (pname, _key), srcs in groups.items():
        platform = by_name[pname]
        srcs.sort(key=platform.source_priority)
        member_paths = [m.path for s in srcs for m in s.members]
        export = Export(platform, srcs, era=platform.era(member_paths), export_date=platform.export_date(srcs))
        export.account = derive(platform, srcs)
        index = len(plan.exports)
        plan.entries.extend(
            ExportEntry(
                platform.name,
                ExportRole.PART if k else ExportRole.ANALYSED,
                str(src.path),
                src.name,
                export.export_date,
                export.account,
                index,
                index,
            )
            for k, src in enumerate(srcs)
        )
        export.notes.extend((platform.name, note) for note in platform.export_notes(member_paths))
        archive = Archive(srcs)
        if archive.duplicates:
            notes.append(i18n.t("note.counted_once", "en", label=platform.label, n=len(archive.duplicates)))
        _plan_export(plan, len(plan.exports), export, archive)
        plan.exports.append(export)
    return plan


def _plan_export(plan: Plan, export_index: int, export: Export, archive: Archive) -> None:
    platform = export.platform.bind(archive)
    ledger = [
        LedgerEntry(export.platform.name, path, FileStatus.FAILED, reason=reason) for path, reason in archive.problems
    ]
    groups: dict[tuple[str, str], tuple[Rule, list[Member]]] = {}
    for member in archive:
        rule = platform.match(member)
        if rule is None:
            ledger.append(LedgerEntry(platform.name, member.path, FileStatus.UNRECOGNIZED, size=member.size))
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
        else:
            groups.setdefault((rule.id, platform.part_key(member, rule)), (rule, []))[1].append(member)
    plan.ledgers.append(ledger)
    for rule, members in groups.values():
        plan.tasks.append(Task(len(plan.tasks), export_index, platform, rule, members))
