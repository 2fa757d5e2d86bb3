"""The summary as typed values: what :func:`exportscope.summary.build` returns and every reader reads.

Why typed: the summary was a dict read by string keys in the text output, the reports and the terminal UI,
and changed in place by the report builder; a renamed key failed only at run time, in one output. Now the
readers use attributes (mypy checks them), changes are new values (:func:`dataclasses.replace`), and the
one place that knows the JSON shape is :meth:`Summary.to_json`: the ``exportscope.summary/1`` document of
``schemas/summary.schema.json``, key for key and in the same order (the golden files check the bytes).

Fields are declared in the order of the JSON keys; values are what JSON carries (dates as ISO strings),
except what is said in words: notes are :class:`~exportscope.notes.Note` values and a failed file's reason a
:class:`~exportscope.notes.Problem`, rendered only when written (``to_json`` says them in English beside their
keys, as the document always did; a report or the text summary says them in its own language). Two parts stay
JSON-shaped on purpose: ``todo`` and ``answers`` are the documents of :mod:`exportscope.actions.todo` and
:mod:`exportscope.actions.answers`, and ``findings`` the list of :func:`exportscope.findings.find`; those
modules own their shapes.

This module imports only the leaf :mod:`exportscope.notes` at load time (the catalogue is read when a note is
written), so every layer can use it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from exportscope.notes import Note, Problem


def _flat(value: Any) -> dict[str, Any]:
    """:func:`dataclasses.asdict` of a dataclass whose fields are scalars or lists of scalars, without its
    generic deep copy (a summary of a large export holds thousands of files read, and asdict was most of
    writing the document)."""
    out: dict[str, Any] = {}
    for name in value.__dataclass_fields__:
        v = getattr(value, name)
        out[name] = list(v) if isinstance(v, list) else v
    return out


def _said(note: Note) -> str:
    """A note in English, as the summary document writes it beside its key."""
    from exportscope import i18n

    return i18n.note_text(note)


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
    """A file that could not be read: ``error`` is its problems in English, joined (the ledger's reason);
    ``problems`` the values they were said from, the failure first (empty when the ledger holds none)."""

    path: str
    error: str
    problems: tuple[Problem, ...] = ()

    @property
    def failure(self) -> Problem:
        """The failure as a value (a generic ``failed`` when the ledger recorded none)."""
        return self.problems[0] if self.problems else Problem("failed")

    def text(self, lang: str) -> str:
        """Why the file failed, in ``lang`` (in English, ``error`` itself)."""
        from exportscope import i18n

        if not self.problems:
            return self.error if lang == i18n.DEFAULT_LANG else i18n.problem_text(self.failure, lang)
        return i18n.joined((i18n.problem_text(p, lang) for p in self.problems), lang)

    def to_json(self) -> dict[str, Any]:
        # ``code``, ``fields``, ``detail`` (added within version 1): why, as a value, beside the English ``error``.
        return {"path": self.path, "error": self.error, **self.failure.to_json()}


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

    def to_json(self) -> dict[str, Any]:
        out = _flat(self)  # the lists of values below are replaced by lists of their documents
        out["failed"] = [f.to_json() for f in self.failed]
        out["drift"] = [_flat(d) for d in self.drift]
        out["read"] = [_flat(r) for r in self.read]
        return out


@dataclass(frozen=True)
class ItemNote:
    """A note carried by some items (why their verdict differs from their rule), and how many carry it."""

    note: Note
    items: int

    def to_json(self) -> dict[str, Any]:
        # ``key`` and ``fields`` (added within version 1) beside the English ``note``.
        return {"note": _said(self.note), "items": self.items, **self.note.to_json()}


@dataclass(frozen=True)
class IfPublic:
    """What a private account's items would add to training were the account public."""

    items: int
    words: int


@dataclass(frozen=True)
class AccountPrivacy:
    """Whether the export says the account is private (None: it does not say), where that decides verdicts
    (Instagram, Threads, protected X posts), and what would be used were it public."""

    private: bool | None
    if_public: IfPublic


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
    #: Added within version 1 (issue 18): None where the account's privacy decides nothing.
    account_privacy: AccountPrivacy | None
    totals: dict[str, int]  # verdict code -> items
    words: dict[str, int]  # verdict code -> words
    conversations: int
    by_kind: list[KindCount]
    files: FileCounts
    notes: list[Note]
    item_notes: list[ItemNote]
    #: The policy block the platform follows (``policies.toml``): the text outputs say its texts in their
    #: language from it. Not in the document.
    policy_key: str = ""

    def to_json(self) -> dict[str, Any]:
        """The platform's entry of the document (``notes`` in English, then ``note_keys``, in one order)."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "policy_key":
                continue
            if name == "files":
                out[name] = self.files.to_json()
            elif name == "notes":
                out["notes"] = [_said(n) for n in self.notes]
                # Added within version 1: each note of ``notes`` as its key and fields, in the same order.
                out["note_keys"] = [n.to_json() for n in self.notes]
            elif name == "item_notes":
                out[name] = [n.to_json() for n in self.item_notes]
            elif name in ("policy", "account_privacy") and value is not None:
                out[name] = asdict(value)
            elif name == "by_kind":
                out[name] = [_flat(k) for k in self.by_kind]
            else:
                out[name] = value
        return out


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
    notes: list[Note]
    exports: list[ExportEntry]
    unrecognized: list[str]
    todo: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    #: Files of those inputs that could not be read at all (a damaged or half-downloaded zip in a Downloads
    #: folder), with why; their paths are in ``unrecognized`` too, as they always were.
    unreadable: list[FailedFile] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON document (a new dict each time: changing it never changes the summary)."""
        from copy import deepcopy

        return {
            "schema": self.schema,
            "as_of": self.as_of,
            "inputs": list(self.inputs),
            "platforms": [p.to_json() for p in self.platforms],
            "findings": deepcopy(self.findings),
            "notes": [_said(n) for n in self.notes],
            # Added within version 1: each note of ``notes`` as its key and fields, in the same order.
            "note_keys": [n.to_json() for n in self.notes],
            "exports": [_flat(e) for e in self.exports],
            "unrecognized": list(self.unrecognized),
            "todo": deepcopy(self.todo),
            "answers": deepcopy(self.answers),
            # Added within version 1: which of ``unrecognized`` failed to open, and why.
            "unreadable": [f.to_json() for f in self.unreadable],
        }

    def labels(self) -> dict[str, str]:
        """Platform name -> its display label."""
        return {p.platform: p.label for p in self.platforms}
