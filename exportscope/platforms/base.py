"""What every platform reader family provides, so the pipeline can treat them alike.

A :class:`Platform` knows a format, never a verdict: it recognises its archives (``markers``), maps each
member to a rule of its ``schemas/<family>.toml`` (by name key or path pattern), groups the members that
form one logical file (LinkedIn's ``_1``/``_2`` parts, Meta's ``message_1..N.json``) and turns them into
:class:`~exportscope.model.Record` values with the reader the rule names. Errors are values
(:class:`~exportscope.model.Problem`) or exceptions that fail that group only.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

from exportscope.archive import Archive, Member, Source
from exportscope.identity import AccountIdentity
from exportscope.model import Drift, Fact, Hits, Problem, Record, RecordBatch
from exportscope.notes import Note
from exportscope.platforms.questions import Question as Question  # re-exported: its home before questions were data
from exportscope.rules import Rule, RuleSet, load_rules
from exportscope.schemafiles import platform_schemas

if TYPE_CHECKING:
    from exportscope.types import PlatformContext

Output = Record | RecordBatch | Fact | Problem | Drift | Hits
#: A reader takes the members of one logical file (in order) and the rule that matched them.
Reader = Callable[[Sequence[Member], Rule], Iterable[Output]]


class LazyReaders(Mapping[str, Reader]):
    """A family's readers by name, imported the first time one is asked for.

    Why: every command loads every family (detection needs them all), but a run reads one or two of them,
    and the reader modules are most of a family's import (HTML parsing for LinkedIn's articles, WhatsApp's
    chat grammar, X's and Meta's JSON readers): 40-60 ms of every start went to readers the run never
    called. ``load`` imports them and returns the table; it runs once per process.
    """

    def __init__(self, load: Callable[[], Mapping[str, Callable[..., Iterable[Output]]]]) -> None:
        self._load = load
        self._table: Mapping[str, Reader] | None = None

    def _readers(self) -> Mapping[str, Reader]:
        if self._table is None:
            self._table = dict(self._load())
        return self._table

    def __getitem__(self, name: str) -> Reader:
        return self._readers()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._readers())

    def __len__(self) -> int:
        return len(self._readers())

    @property
    def loaded(self) -> bool:
        """True once the readers are imported."""
        return self._table is not None

    def __reduce__(self) -> tuple[type[LazyReaders], tuple[Callable[[], Mapping[str, Reader]]]]:
        """Sent to the reading worker as the loader only: it imports what its own tasks need."""
        return (LazyReaders, (self._load,))


def required_text(pattern: str) -> str | None:
    """The longest run of plain characters every match of ``pattern`` contains (``profile.csv`` for
    ``(^|/)profile\\.csv$``), None when it has none or is not a pattern this can tell about (flags).

    Why: most markers match no path of an input (five families ask about every input), and a regular
    expression starting with ``(^|/)`` has no literal start for the engine to look for, so it tried every
    position of thousands of paths; a substring search over all the paths at once says "no" in microseconds.
    The run is read from the parsed pattern's top level, whose items every match holds in order.
    """
    try:
        # The re module's own parser (untyped, so imported by name): what the pattern means, not a guess.
        parser = importlib.import_module("re._parser")
        literal = importlib.import_module("re._constants").LITERAL
        parsed = parser.parse(pattern)
    except Exception:  # any doubt: no shortcut, the pattern is asked path by path
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    best = run = ""
    for op, value in parsed:
        if op is literal:
            run += chr(value)
            if len(run) > len(best):
                best = run
        else:
            run = ""
    return best or None


class Marker:
    """One detection marker: its pattern, the text every match holds (:func:`required_text`) and its weight;
    the pattern is compiled the first time a path is asked about it (:attr:`rx`).

    Why: a run loads every family before it plans, and compiling their 55 marker patterns took a few ms of
    the time before the reading worker starts, most of them for markers whose text no path of the input
    holds (so never searched)."""

    __slots__ = ("_rx", "pattern", "required", "weight")

    def __init__(self, pattern: str, weight: float) -> None:
        self.pattern, self.weight = pattern, weight
        self.required = required_text(pattern)
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx


@dataclass
class Platform:
    """A platform family's declarative description plus its readers."""

    name: str
    label: str
    rules_file: str
    #: Reader name (a rule's ``reader``) -> reader; a :class:`LazyReaders` imports them when first used.
    readers: Mapping[str, Reader]
    # Detection is data: the ``[detection]`` table of the platform's schema file (``markers``, ``threshold``,
    # ``top_folders``, ``eras``, ``era_case``) fills these; a value given here is used where the table has none.
    #: (regex on the lower-cased member path, weight): detection scores by known paths.
    markers: Sequence[tuple[str, float]] = ()
    #: A detection score at or above this says "this is our archive".
    threshold: float = 1.0
    #: Top folders that belong to the real layout and so are never stripped as a wrapper.
    top_folders: frozenset[str] = frozenset()
    #: (regex on member paths, era name), first hit wins; the last entry should match anything.
    eras: Sequence[tuple[str, str]] = ()
    #: True when the era patterns see the paths as written (LinkedIn's 2018 ``Messages.csv``), not lower-cased.
    era_case: bool = False
    #: What this platform may ask the person when its export does not say (see :class:`Question`).
    questions: Sequence[Question] = ()
    #: The family's display name where it differs from ``label`` (Facebook and Instagram are "Meta"): the
    #: name messages use for the family as a whole (the list of "not recognised as a ... export").
    family_label: str = ""
    _marker_res: list[Marker] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        spec: Mapping[str, Any] = dict(platform_schemas()).get(f"{self.rules_file}.toml", {}).get("detection", {})
        if "markers" in spec:
            self.markers = tuple((str(m["pattern"]), float(m["weight"])) for m in spec["markers"])
        if "eras" in spec:
            self.eras = tuple((str(e["pattern"]), str(e["era"])) for e in spec["eras"])
        if "top_folders" in spec:
            self.top_folders = frozenset(str(t) for t in spec["top_folders"])
        self.threshold = float(spec.get("threshold", self.threshold))
        self.era_case = bool(spec.get("era_case", self.era_case))
        self._marker_res = [Marker(rx, w) for rx, w in self.markers]

    @property
    def ruleset(self) -> RuleSet:
        return load_rules(self.rules_file)

    # --- recognition -------------------------------------------------------------------------------

    def detect(self, paths: Sequence[str]) -> float:
        """A score: the sum of the weights of the markers that some member path matches.

        A marker whose required text (:func:`required_text`) is in no path (the usual answer: five families
        ask about every input) is told by one substring search over all the paths, not one regular expression
        search per path (thousands in a Meta export)."""
        lowered = [p.lower() for p in paths]
        lines = "\n".join(lowered)
        score = 0.0
        for marker in self._marker_res:
            if marker.required is not None and marker.required not in lines:
                continue
            search = marker.rx.search
            if any(search(p) for p in lowered):
                score += marker.weight
        return score

    def detect_root(self, paths: Sequence[str]) -> float:
        """The detection score counting only markers that match at the start of a path: whether a folder is
        an export at its root (an unzipped export) rather than a folder that holds exports further down.

        A marker that only names the first folder (``Complete_LinkedInDataExport_.../``) says that folder is
        an export, not its parent, unless the folder is one of the layout's own top folders.
        """
        lowered = [p.lower() for p in paths]
        top = {t.lower() for t in self.top_folders}

        score = 0.0
        for marker in self._marker_res:
            search, weight = marker.rx.search, marker.weight
            for p in lowered:
                m = search(p)
                if m is None or m.start() != 0:
                    continue
                slash = p.find("/")
                if slash != -1 and m.end() <= slash + 1 and p[:slash] not in top:
                    continue  # the marker names a folder of the root: that folder is the export
                score += weight
                break
        return score

    def detect_source(self, source: Source) -> float:
        """The detection score of one input; by default, of its member paths (:meth:`detect`).

        A platform whose files are recognised by content (a WhatsApp chat ``.txt`` of any name) overrides it.
        """
        return self.detect([m.path for m in source.members])

    def era(self, paths: Sequence[str]) -> str | None:
        """The layout era by member paths, first hit wins (lower-cased unless :attr:`era_case`)."""
        seen = list(paths) if self.era_case else [p.lower() for p in paths]
        for rx, name in self.eras:
            pattern = re.compile(rx)
            if any(pattern.search(p) for p in seen):
                return name
        return None

    # --- grouping of inputs into exports -------------------------------------------------------------

    def export_key(self, source: Source) -> str:
        """Sources with the same key are parts of one export and merge (default: all of a platform)."""
        return self.name

    def same_export(self, a: Source, b: Source) -> bool:
        """True when two inputs are parts of one export (they merge): by default, the same export key.

        Parts of one account at different dates are not parts: :mod:`exportscope.identity` makes the
        newest the analysed export and lists the others as older.
        """
        return self.export_key(a) == self.export_key(b)

    #: True when every input is an export of its own, never compared by account (WhatsApp chats).
    separate_inputs: ClassVar[bool] = False

    def split(self, source: Source) -> list[Source]:
        """The inputs one detected source stands for (default: itself).

        A folder of WhatsApp chats holds one chat zip per export; the platform opens each as a Source of its
        own so it becomes a separate export. Sources returned besides ``source`` are closed with the inputs.
        """
        return [source]

    def source_priority(self, source: Source) -> int:
        """Lower first: which part's copy of a duplicated path is kept."""
        return 0

    def export_date(self, sources: Sequence[Source]) -> date | None:
        return None

    def account(self, source: Source) -> AccountIdentity:
        """Who this input (one part of an export) is of, from the few profile files it holds (each family's
        ``account`` module, with :mod:`exportscope.platforms.accounts`'s helpers); an empty identity when it
        names nobody. Never raises."""
        return AccountIdentity(self.name)

    def export_notes(self, paths: Sequence[str]) -> list[Note]:
        """Notes about the export as a whole (Meta: "this is the HTML format"), shown with its platform."""
        return []

    def reconcile(self, facts: Mapping[tuple[str, str], Fact], paths: Sequence[str]) -> list[Note]:
        """Notes after the whole export is read, from the facts its readers stated (a manifest's
        counts against what was read). Default: none."""
        return []

    def apply_answers(self, ctx: PlatformContext, answers: Mapping[str, str]) -> PlatformContext:
        """The context with the person's answers to this platform's :attr:`questions` applied (a new context:
        contexts are frozen; default: the same)."""
        return ctx

    def task_shares_state(self, rule: Rule) -> bool:
        """True when this rule's reader shares state with other files of the export (Meta counts a photo
        listed in a post and in its album once): such files are then read by one process, in order."""
        return False

    #: True when the platform opens the zips found inside its inputs itself (WhatsApp: a folder of chat
    #: zips); otherwise a recognised zip inside a folder input becomes an input of its own.
    opens_nested_zips: ClassVar[bool] = False

    def bind(self, archive: Archive) -> Platform:
        """The platform as used for one export (default: itself).

        Meta returns a copy that knows every member path of all parts, to resolve media references by suffix
        and count a photo listed in two files once; the shared platform object never holds per-run state.
        """
        return self

    # --- members -------------------------------------------------------------------------------------

    def name_key(self, path: str) -> str:
        """The normalised file name the rule file's ``names`` refer to."""
        return PurePosixPath(path).name.lower()

    def match(self, member: Member) -> Rule | None:
        return self.ruleset.match(member.path, self.name_key(member.path))

    def part_key(self, member: Member, rule: Rule) -> str:
        """Members with the same rule and part key are read together as one logical file."""
        return member.path

    def read(self, members: Sequence[Member], rule: Rule) -> Iterator[Output]:
        reader = self.readers.get(rule.reader)
        if reader is None:
            yield Problem.of("no_reader", reader=rule.reader, rule=rule.id)
            return
        yield from self.call_reader(reader, members, rule)

    def call_reader(
        self, reader: Callable[..., Iterable[Output]], members: Sequence[Member], rule: Rule
    ) -> Iterable[Output]:
        """Run one reader (Meta and X give theirs the export's bound context too)."""
        return reader(members, rule)
