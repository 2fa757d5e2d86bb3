"""Values every layer shares: what the person tells us (:class:`Options`), what a run learned (:class:`Analysis`),
how far it got (:class:`Progress`) and what the overrides know about one platform (:class:`PlatformContext`,
with its :class:`PolicyStatus`).

This module is a leaf: it imports nothing of the pipeline (archive, plan, reading, contexts, classify), so
the pipeline, the outputs and a script can all name these types without importing one another. The data
that validation needs (the region table, the platforms' names and questions) is loaded only when an option
that needs it is given.

:class:`Options` validates and normalises what it is given, so a script gets exactly what the command line
gets: ``Options(region="France")`` is ``eu``, ``opted_out={"LinkedIn"}`` is ``linkedin``, and a value we
cannot use raises :class:`~exportscope.errors.InvalidOption` (an ``OptionsError``) instead of falling back
to a default in silence.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from exportscope.dates import age_on
from exportscope.errors import InvalidOption
from exportscope.notes import Note
from exportscope.zipread import MAX_MEMBER_BYTES, MAX_RATIO

if TYPE_CHECKING:
    import polars as pl

    from exportscope.identity import AccountIdentity, ExportEntry
    from exportscope.model import LedgerEntry
    from exportscope.plan import Export
    from exportscope.reading import Shape
    from exportscope.rules import Rule

__all__ = [
    "Analysis",
    "InvalidOption",
    "Options",
    "PlatformContext",
    "PolicyStatus",
    "Progress",
    "TrainingStatus",
]

#: Who can see the past Facebook posts: the values ``Options.facebook_audience`` takes.
AUDIENCES: tuple[str, ...] = ("unknown", "public", "friends")


def _region(value: object) -> str | None:
    """A region code from a code or a country/area name (as ``--region`` accepts), or None when not given."""
    if value is None:
        return None
    from exportscope.regions import load_regions, region_code

    codes = sorted(set(load_regions().values()))
    choices = ", ".join(codes)
    if not isinstance(value, str):
        raise InvalidOption("region", value, f"not a region; name a country or use {choices}")
    code = region_code(value)
    if code is None:
        raise InvalidOption("region", value, f"unknown region; name a country or use {choices}")
    return code


def _as_of(value: object) -> date:
    """A date; a ``YYYY-MM-DD`` string is read as that day, a datetime as its (UTC) day."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidOption("as_of", value, "not a date; write it as YYYY-MM-DD")


def _names(value: object, option: str) -> list[str]:
    """A collection of strings (one string is one name, never its letters)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = list(value)
        if all(isinstance(v, str) for v in items):
            return items
    raise InvalidOption(option, value, "not a set of names")


def _opted_out(value: object) -> frozenset[str]:
    """Platform or policy names, case-insensitively (``LinkedIn``, ``meta``); an unknown name raises."""
    names = _names(value, "opted_out")
    if not names:
        return frozenset()
    from exportscope.policies import load_policies
    from exportscope.schemafiles import platform_schemas

    known = {str(data["platform"]) for _, data in platform_schemas()} | set(load_policies())
    out: set[str] = set()
    for name in names:
        key = name.strip().casefold()
        if key not in known:
            raise InvalidOption("opted_out", name, f"unknown platform; use {', '.join(sorted(known))}")
        out.add(key)
    return frozenset(out)


def _audience(value: object) -> str:
    key = value.strip().casefold() if isinstance(value, str) else value
    if key not in AUDIENCES:
        raise InvalidOption("facebook_audience", value, f"not an audience; use {', '.join(AUDIENCES)}")
    return str(key)


def _answers(value: object) -> tuple[tuple[str, str], ...]:
    """(question key, choice) pairs, from pairs or a mapping; the key must be a platform's question and the
    value one of its choices (the last pair of one key wins)."""
    if not value:
        return ()
    pairs: list[Any]
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str):
        pairs = list(value)
    else:
        raise InvalidOption("answers", value, "not (question, answer) pairs")
    from exportscope.questions import declared_questions

    questions = {q.key: q for q in declared_questions()}
    out: dict[str, str] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise InvalidOption("answers", pair, "not a (question, answer) pair")
        key, answer = pair[0].strip(), pair[1].strip().casefold()
        question = questions.get(key)
        if question is None:
            known = ", ".join(sorted(questions))
            raise InvalidOption("answers", key, f"no platform asks this; the questions are {known}")
        if answer not in question.choices:
            raise InvalidOption(question.key, pair[1], f"not an answer; use {', '.join(question.choices)}")
        out[key] = answer
    return tuple(out.items())


def _positive(option: str, value: object, *, whole: bool = True) -> None:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or (whole and not isinstance(number, int)) or not number > 0:
        raise InvalidOption(option, value, "must be a positive number")


@dataclass(frozen=True)
class Options:
    """What the user tells us; everything the overrides need that the export may not say.

    Validated and normalised on construction (also by ``dataclasses.replace``): ``region`` is a region code
    from a code or a country name; ``as_of`` a date (a ``YYYY-MM-DD`` string is accepted); ``opted_out``
    platform or policy names in lower case; ``answers`` the platforms' own questions with allowed values.
    A value that cannot be used raises :class:`~exportscope.errors.InvalidOption`, an ``OptionsError``.

    ``workers``: how many processes may read (1 = this one only; the default uses a second core when the
    archive is big enough to pay for it).
    """

    region: str | None = None
    as_of: date = field(default_factory=lambda: datetime.now(UTC).date())
    opted_out: frozenset[str] = frozenset()
    facebook_audience: str = "unknown"
    #: Answers to the platforms' own questions (``Platform.questions``), as (key, value) pairs:
    #: ``(("<family>.<question>", "yes"),)``; a mapping is accepted.
    answers: tuple[tuple[str, str], ...] = ()
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_ratio: float = MAX_RATIO
    #: Bytes the whole run may inflate (None: a multiple of the inputs' size on disk, see archive.Budget).
    max_inflated_bytes: int | None = None
    workers: int = 2

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "region", _region(self.region))
        put(self, "as_of", _as_of(self.as_of))
        put(self, "opted_out", _opted_out(self.opted_out))
        put(self, "facebook_audience", _audience(self.facebook_audience))
        put(self, "answers", _answers(self.answers))
        _positive("workers", self.workers)
        _positive("max_member_bytes", self.max_member_bytes)
        _positive("max_ratio", self.max_ratio, whole=False)
        if self.max_inflated_bytes is not None:
            _positive("max_inflated_bytes", self.max_inflated_bytes)


@dataclass(frozen=True)
class Progress:
    """Files done out of the run's total, and the one being read ("" between files)."""

    done: int
    total: int
    current: str


class TrainingStatus(enum.StrEnum):
    """Where a platform's AI training stands for this person on the as-of date."""

    #: Training is in force in the person's region (since ``PolicyStatus.since``, or no date published).
    IN_FORCE = "in_force"
    #: Training starts in the person's region after the as-of date (on ``PolicyStatus.since``).
    STARTS_LATER = "starts_later"
    #: The region is unknown and the policy differs by region: no region's start was applied.
    REGION_UNKNOWN = "region_unknown"
    #: The platform has not said whether it trains in the person's region.
    NOT_SAID = "not_said"


@dataclass(frozen=True)
class PolicyStatus:
    """The policy status of one platform for one person, computed once with the contexts
    (:func:`exportscope.contexts.policy_status`) and read by the overrides and every output."""

    state: TrainingStatus
    #: When training started or starts in the person's region; None when no date is published or the
    #: region is unknown.
    since: date | None = None


@dataclass(frozen=True)
class PlatformContext:
    """What the overrides need to know about one platform's export and the user's answers.

    Frozen: an answer (a region, an audience) builds a new context with ``dataclasses.replace``, so a context
    already handed to another thread (the terminal UI's) never changes under it.
    """

    platform: str
    policy: str
    #: Whether training is in force for this person on the as-of date, and since when.
    status: PolicyStatus
    region: str | None = None
    region_source: str = "unknown"  # "option" | "export" | "unknown"
    birth: tuple[int | None, int, int] | None = None
    account_private: bool | None = None
    audience: str = "unknown"  # what the user said about past posts: public | friends | unknown
    username: str | None = None  # the account's own username (Instagram: whose media a comment is on)
    opted_out: bool = False
    notes: tuple[Note, ...] = ()
    #: The key of this context in ``Analysis.contexts``, and of its items' ``account`` column: the platform
    #: name, or ``instagram#2`` for a second account of one platform (exportscope.identity).
    key: str = ""
    #: Who the export is of (the analysed export's identity), when known.
    account: AccountIdentity | None = None

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.platform)

    def in_force_since(self) -> date | None:
        """When training started or starts in this context's region (``status.since``)."""
        return self.status.since

    def is_minor(self, as_of: date) -> bool:
        age = age_on(self.birth, as_of)
        return age is not None and age < 18


@dataclass
class Analysis:
    """Everything one run learned: the items frame, the ledger of every member, and per-platform context."""

    inputs: list[str]
    options: Options
    exports: list[Export]
    items: pl.DataFrame
    ledger: list[LedgerEntry]
    contexts: dict[str, PlatformContext]
    notes: list[Note] = field(default_factory=list)
    #: Every input part the run saw, with its role (analysed, part, copy, older export of the same account),
    #: its export date and its account (:class:`exportscope.identity.ExportEntry`). ``exports[i].account``
    #: is the identity of the analysed export ``i``.
    export_entries: list[ExportEntry] = field(default_factory=list)
    #: What classification started from (the readers' frame, its shapes and rules), kept so that a person's
    #: answer (region, audience, opted out) re-classifies at once without reading the archive again
    #: (:func:`exportscope.actions.answers.reclassify`). Its columns are shared with ``items``, not copied.
    basis: tuple[pl.DataFrame, list[Shape], dict[str, Rule]] | None = field(default=None, repr=False)

    @property
    def platforms(self) -> list[str]:
        """Platforms present, in the order they were found (threads after instagram)."""
        return list(self.contexts)
