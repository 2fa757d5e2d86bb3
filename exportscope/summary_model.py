"""The summary as typed values: what :func:`exportscope.summary.build` returns and every reader reads.

Why typed: the summary was a dict read by string keys in the text output, the reports and the terminal UI,
and changed in place by the report builder; a renamed key failed only at run time, in one output. Now the
readers use attributes (mypy checks them), changes are new values (:func:`dataclasses.replace`), and the
one place that knows the JSON shape is :meth:`Summary.to_json`: the ``exportscope.summary/1`` document of
``schemas/summary.schema.json``, key for key and in the same order (the golden files check the bytes).

Fields are declared in the order of the JSON keys; values are what JSON carries (dates as ISO strings), so
``to_json`` is :func:`dataclasses.asdict`. Two parts stay JSON-shaped on purpose: ``todo`` and ``answers``
are the documents of :mod:`exportscope.actions.todo` and :mod:`exportscope.actions.answers`, and
``findings`` the list of :func:`exportscope.findings.find`; those modules own their shapes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RegionStart:
    """When training starts in one group of regions (``None``: no date published)."""

    codes: list[str]
    in_force_since: str | None


@dataclass(frozen=True)
class PolicyView:
    """The platform's policy for the person's region, and its opt-out; ``status``: in_force, starts_later,
    region_unknown or not_said (decided once, with the contexts)."""

    status: str
    in_force_since: str | None
    known: bool | None
    region_note: str | None
    regions: list[RegionStart]
    setting: str
    setting_path: str
    opt_out_url: str
    opt_out_effect: str


@dataclass(frozen=True)
class KindCount:
    """Items of one kind with one verdict: how many, their words, their first and last dates."""

    kind: str
    verdict: str
    items: int
    words: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class FailedFile:
    path: str
    error: str


@dataclass(frozen=True)
class Drift:
    """A known file whose columns or keys changed."""

    path: str
    columns: list[str]


@dataclass(frozen=True)
class FileRead:
    """One file read: its items, the dates not read (and the shape of the first), the impossible dates and
    the rows off their columns."""

    path: str
    items: int
    undated: int
    undated_shape: str | None
    impossible_dates: int
    misaligned: int


@dataclass(frozen=True)
class FileCounts:
    """What became of the files of one platform's export: nothing silent."""

    total: int
    parsed: int
    ignored: int
    unrecognized: list[str]
    failed: list[FailedFile]
    drift: list[Drift]
    items: int
    undated: int
    impossible_dates: int
    misaligned: int
    read: list[FileRead]


@dataclass(frozen=True)
class ItemNote:
    """A note carried by some items (why their verdict differs from their rule), and how many carry it."""

    note: str
    items: int


@dataclass(frozen=True)
class PlatformSummary:
    """One platform of one account: who, when, where, the policy, the counts, the files, the notes."""

    platform: str
    label: str
    account: str | None
    era: str | None
    export_date: str | None
    region: str | None
    region_source: str
    policy: PolicyView
    opted_out: bool
    totals: dict[str, int]  # verdict code -> items
    words: dict[str, int]  # verdict code -> words
    conversations: int
    by_kind: list[KindCount]
    files: FileCounts
    notes: list[str]
    item_notes: list[ItemNote]


@dataclass(frozen=True)
class ExportEntry:
    """One input part and what was done with it (``role``: analysed, part, copy, older)."""

    platform: str
    role: str
    name: str
    export_date: str | None
    account: str | None


@dataclass(frozen=True)
class Summary:
    """The ``exportscope.summary/1`` document as values; :meth:`to_json` is the document."""

    schema: str
    as_of: str
    inputs: list[str]
    platforms: list[PlatformSummary]
    findings: list[dict[str, Any]]
    notes: list[str]
    exports: list[ExportEntry]
    unrecognized: list[str]
    todo: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The JSON document (a new dict each time: changing it never changes the summary)."""
        return asdict(self)

    def labels(self) -> dict[str, str]:
        """Platform name -> its display label."""
        return {p.platform: p.label for p in self.platforms}
