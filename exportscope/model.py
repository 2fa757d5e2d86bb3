"""The vocabulary every layer shares: verdicts, visibilities, kinds, raw records and the file ledger.

Readers (``platforms/``) produce :class:`Record`, :class:`Fact` and :class:`Problem` values; the classifier
turns records into rows of the items frame whose columns are :data:`ITEM_COLUMNS`. Nothing here imports
polars, so readers stay cheap to import and to test.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from exportscope.notes import FieldValue, Note, freeze
from exportscope.notes import Problem as Problem  # a reader's problem: the shared value of exportscope.notes

if TYPE_CHECKING:
    import polars as pl


class Verdict(enum.StrEnum):
    """What the platform's generative-AI training policy does with an item (classification.md)."""

    TRAINING = "training"
    CONDITIONAL = "conditional"
    EXCLUDED = "excluded"
    NOT_USED = "not_used"
    UNRECOGNIZED = "unrecognized"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.TRAINING: "Used for AI training",
    Verdict.CONDITIONAL: "Used if public",
    Verdict.EXCLUDED: "Excluded: private messages",
    Verdict.NOT_USED: "Not used for training",
    Verdict.UNRECOGNIZED: "Not recognized",
}

#: The order in which verdicts are shown everywhere (most exposed first).
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.TRAINING,
    Verdict.CONDITIONAL,
    Verdict.EXCLUDED,
    Verdict.NOT_USED,
)


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    NETWORK = "network"
    PRIVATE = "private"
    UNKNOWN = "unknown"


#: Every kind an item can have, in one place (classification.md asks for one list). Rule files are
#: validated against it so a typo in a schema fails at load time, not as a silent new category.
KINDS: frozenset[str] = frozenset(
    {
        "profile", "position", "education", "skill", "language", "certification", "project",
        "publication", "honor", "course", "volunteering", "patent", "organization", "test_score",
        "cause", "post", "comment", "article", "poll_vote", "recommendation", "endorsement", "media",
        "story", "message", "ai_chat", "reaction", "repost", "connection", "invitation", "follow", "contact",
        "calendar", "note", "search", "login", "security", "device", "location", "ad_interest",
        "ad_click", "inference", "job_application", "screening_answer", "job_saved", "job_preference", "setting",
        "account", "payment", "event", "learning", "saved_item", "verification", "group",
        "activity", "other",
    }
)  # fmt: skip


#: Kinds of item a person posts themselves, whose date is when they posted it: the "posted while under 18"
#: finding counts only these (an education's or a position's start date is not a posting date).
POSTED_KINDS: frozenset[str] = frozenset({"post", "comment", "article", "poll_vote", "media", "story"})


@dataclass(slots=True)
class Record:
    """One item as a reader sees it, before any verdict.

    ``variant`` selects a sub-rule of the file's rule (a Profile.csv field, a draft article, an invitation
    with a message); ``visibility`` is the raw audience value the file records, if any, mapped to a
    :class:`Visibility` by the rule. ``row`` is where the record sits in its source (1-based data row or
    list index) so a person can find it again. ``epoch`` is the time as seconds since 1970 UTC, for readers
    whose files write it that way: it spares building a datetime per item; ``timestamp`` wins when
    both are set. ``link`` is the item's address on the platform when the export writes one (a
    post's ShareLink), so a person can open the item to delete or restrict it.
    """

    text: str | None = None
    timestamp: datetime | None = None
    variant: str | None = None
    visibility: str | None = None
    row: int | None = None
    thread: str | None = None
    source: str | None = None  # set by the pipeline when a reader does not
    epoch: float | None = None
    #: The date cell as written when it holds a value no format could read: the item stays undated and the
    #: file's ledger line counts it, with the value's shape (never the value).
    raw_time: str | None = None
    link: str | None = None  # the item's own address on the platform, where the export holds one


class TextColumn(Protocol):
    """Texts a reader hands over without a Python string each (a message thread's texts as one block of
    bytes): the collector asks for a bound of their lengths, for their strings, or for the polars column
    of many of one kind at once (``column``)."""

    def __len__(self) -> int: ...

    def longest(self) -> int: ...

    def strings(self) -> list[str | None]: ...

    @staticmethod
    def column(blobs: Sequence[Any]) -> pl.Series: ...


@dataclass(slots=True)
class RecordBatch:
    """Many records of one logical file as columns: what a hot reader (long message threads) yields instead
    of one :class:`Record` per item, so that no Python object is built per message.

    Every list has one value per record, in output order; ``epoch`` is seconds since 1970 UTC as in
    :class:`Record`, unless ``micros`` gives the times as whole microseconds (then ``epoch`` is not read).
    ``text`` is a list, or a :class:`TextColumn` whose strings the collector makes only if it must.
    ``variant`` is one value per record, or None when no record has one; ``raw_time`` is likewise one
    unreadable date cell per record (as :attr:`Record.raw_time`), or None; ``thread`` and ``visibility``
    are shared by the whole batch, unless ``thread_ids`` gives one thread per record (one file may mix
    conversations). ``link`` is one address per record, or None when no record has one.
    The collector appends the lists to its columns, with the same date, text and undated checks as for a
    Record.
    """

    text: list[str | None] | TextColumn
    epoch: list[float | None]
    row: list[int | None]
    source: list[str]
    thread: str | None = None
    variant: list[str | None] | None = None
    visibility: str | None = None
    raw_time: list[str | None] | None = None
    link: list[str | None] | None = None
    thread_ids: list[str | None] | None = None
    micros: list[int | None] | None = None

    def __len__(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class JsonHit:
    """One value found beside the items of a JSON file (its media metadata, a place, a tag). ``context``
    says what it was recorded with, as a code (``exif_data``: the upload's metadata; ``place``: a place the
    post names, its name in ``place``; ``tag``: a tag); ``row`` is the entry of the file it sits in, numbered
    as the readers number their items."""

    type: str  # "gps" | "upload_ip" | "person"
    value: str
    context: str | None = None
    place: str | None = None
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Hits:
    """Every :class:`JsonHit` of one member, found by the reader while it parsed the member for its items:
    the findings pass takes them instead of opening and parsing the member a second time. An empty
    ``hits`` means the member was scanned and holds none; a member without a ``Hits`` is scanned by the
    findings pass itself."""

    source: str
    hits: tuple[JsonHit, ...]


#: Whether the readers of the run look for :class:`Hits` at all. Off for a command that never asks for the
#: findings (``items`` without ``--redact``, ``summary --no-findings`` or as tables): the check a reader
#: makes on every JSON member it loads (is there a hit key in these bytes?) reads each member's bytes several
#: times over, 0.2 s of CPU over the 62 MB of such JSON at scale L, for an answer nobody uses. A run without
#: them hands on no ``Hits``, so findings asked of it later scan the members themselves (the same findings).
HITS_WANTED: ContextVar[bool] = ContextVar("exportscope_hits_wanted", default=True)


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the export says about the account as a whole (birth date, region, private account).

    Facts feed the overrides in :mod:`exportscope.classify`; they are never items themselves.
    """

    name: str
    #: A :class:`~exportscope.notes.Note` when ``name`` is ``"note"`` (said with the platform's notes).
    value: str | bool | date | Note | None
    source: str


class ReadFailure(ValueError):
    """A file that cannot be read, as a :class:`~exportscope.notes.Problem` (``problem.<code>`` with its
    fields; ``code`` is kept beside it).

    Readers raise it instead of letting a library's exception through, so what a person reads (and what the
    tests check) never depends on how a release of orjson, polars or zipfile words its errors. ``str()`` is
    the problem in English, for a log.
    """

    def __init__(self, code: str, detail: str = "", **fields: FieldValue) -> None:
        from exportscope import i18n

        self.problem = Problem(code, detail, freeze(fields))
        self.code = code
        super().__init__(i18n.problem_text(self.problem))


def describe_failure(exc: BaseException) -> Problem:
    """Why a file could not be read, as a value: never a class name, at most a library's detail.

    A ``ReadFailure`` (and the archive's ``MemberError``) carry their own problem; anything else is a damaged
    or unexpected file, with the library's first line kept as a detail for ``doctor`` and bug reports.
    """
    own = getattr(exc, "problem", None)
    if isinstance(own, Problem):
        return own
    if isinstance(exc, RecursionError):
        return Problem.of("too_deep")
    if isinstance(exc, UnicodeError):
        return Problem.of("not_text")
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return Problem.of("unexpected", text)


@dataclass(frozen=True, slots=True)
class Drift:
    """A known file whose columns or keys changed: the names only, never values (``exportscope doctor``).

    A reader yields it when the header it found differs from the rule's expected columns, so a format change
    by the platform is loud instead of a silent zero-row success.
    """

    missing: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    source: str | None = None

    def describe(self) -> str:
        parts = []
        if self.missing:
            parts.append("missing " + ", ".join(self.missing))
        if self.new:
            parts.append("new " + ", ".join(self.new))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Misaligned(Problem):
    """Rows of a known file whose values do not fit its columns (more values than the header has columns):
    they are counted, but none of their cells is read as text or date, and the file's ledger line says how
    many (``summary``: ``misaligned``). A Problem, so every reader passes it on as it does the others."""

    rows: int = 0


class FileStatus(enum.StrEnum):
    PARSED = "parsed"
    IGNORED = "ignored"
    UNRECOGNIZED = "unrecognized"
    FAILED = "failed"


@dataclass(slots=True)
class LedgerEntry:
    """What happened to one archive member: every member gets exactly one entry."""

    platform: str
    path: str
    status: FileStatus
    rule: str | None = None
    items: int = 0
    size: int = 0
    #: A known file without items: what the rule data says it is (``rule.description``).
    description: str | None = None
    drift: list[str] = field(default_factory=list)
    #: Items whose date cell could not be read, and the shape of the first such value (``DD Mon YYYY``).
    undated: int = 0
    undated_shape: str | None = None
    #: Items whose date was impossible (before the platform existed, after the export): now undated.
    impossible: int = 0
    #: Rows whose values do not fit the file's columns: counted, their cells not read (:class:`Misaligned`).
    misaligned: int = 0
    #: Why the file failed, or what was odd about it, as values (the first is the failure of a failed file).
    problems: tuple[Problem, ...] = ()

    @property
    def reason_code(self) -> str | None:
        """The first problem's code (``size``, ``not_json``, ``drift``...), or None."""
        return self.problems[0].code if self.problems else None

    @property
    def reason(self) -> str | None:
        """The problems in English, joined with "; " (what the summary's ``error`` says), else the rule's
        description of a file without items."""
        if not self.problems:
            return self.description
        from exportscope import i18n

        return "; ".join(i18n.problem_text(p) for p in self.problems)


#: The public columns of the items frame and of ``exportscope items`` (ARCHITECTURE.md), in order.
ITEM_COLUMNS: tuple[str, ...] = (
    "platform",
    "source",
    "kind",
    "verdict",
    "visibility",
    "timestamp",
    "text",
    "words",
    "rule",
)

#: The columns ``exportscope items`` writes: the ARCHITECTURE.md ones, then ``note`` (added within version 1):
#: why an override changed the item's verdict, or a policy note that applies to it; then ``link`` (added within
#: version 1): the item's address on the platform where the export holds one, else empty.
ITEM_EXPORT_COLUMNS: tuple[str, ...] = (*ITEM_COLUMNS, "note", "link")

#: Columns the frame carries beyond the public ones, for the UI's detail pane and for counting threads;
#: ``account`` is the key of the item's context (its platform, or ``<platform>#2`` for a second account).
#: ``note_key`` holds the same notes as ``note`` as typed values (:func:`exportscope.notes.notes_of`), so they
#: are counted and translated without reading our English again.
EXTRA_COLUMNS: tuple[str, ...] = ("row", "thread", "note", "link", "account", "note_key")
