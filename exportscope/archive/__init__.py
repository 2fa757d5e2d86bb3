"""One logical, read-only view over the zips, folders and files a person hands us.

Why a layer of its own: every reader must get the same guarantees without thinking about them. Members are
streamed straight out of the zip (never extracted), names are normalised so a hostile ``../`` can never
become a filesystem path, a member that would inflate past the limits fails alone, and the archive is never
written to. Readers only ever see :class:`Member` and the streams this package hands out.

The parts, one job each: :mod:`.member` (a member's safe name and its streams), :mod:`.source` (one input and
the limits enforced where a member is opened), :mod:`.opening` (judging and listing an input); here, what
joins the parts of one export: :func:`strip_wrapper` and :class:`Archive`. Every name is importable from
``exportscope.archive``, as before the split.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from exportscope.archive.member import Member, normalise_name
from exportscope.archive.opening import open_source
from exportscope.archive.source import Source, SourceChanged, fingerprint
from exportscope.errors import InputError
from exportscope.notes import Problem
from exportscope.regular import special_reason
from exportscope.zipread import MAX_MEMBER_BYTES, MAX_RATIO, RATIO_MIN_BYTES, Budget, MemberError

__all__ = [
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "RATIO_MIN_BYTES",
    "Archive",
    "Budget",
    "InputError",
    "Member",
    "MemberError",
    "Source",
    "SourceChanged",
    "fingerprint",
    "normalise_name",
    "open_source",
    "special_reason",
    "strip_wrapper",
]


def strip_wrapper(members: Iterable[Member], keep: frozenset[str]) -> None:
    """Drop a single top folder that wraps everything (an unzipped copy, a re-zipped folder).

    ``keep`` lists top folders that are part of a real layout (``Jobs``, ``your_facebook_activity``...): a
    zip holding only one of those is not wrapped.
    """
    items = list(members)
    while items:  # one level at a time, as a loop: a hostile path can be thousands of folders deep
        tops = {m.path.split("/", 1)[0] for m in items}
        if len(tops) != 1 or any("/" not in m.path for m in items):
            return
        if next(iter(tops)).lower() in keep:
            return
        for m in items:
            m.path = m.path.split("/", 1)[1]


@dataclass(eq=False)
class Archive:
    """Several sources merged into one namespace: the parts of one export.

    The same relative path in two parts counts once; the first source in ``sources`` wins, so callers order
    them by preference (LinkedIn's Complete zip before its Basic one).
    """

    sources: list[Source]
    members: dict[str, Member] = field(default_factory=dict)
    duplicates: list[Member] = field(default_factory=list)

    def __post_init__(self) -> None:
        for src in self.sources:
            for m in src.members:
                if m.path in self.members:
                    self.duplicates.append(m)
                else:
                    self.members[m.path] = m

    def __iter__(self) -> Iterator[Member]:
        return iter(self.members.values())

    def __len__(self) -> int:
        return len(self.members)

    @property
    def problems(self) -> list[tuple[str, Problem]]:
        return [p for s in self.sources for p in s.problems]

    def close(self) -> None:
        for s in self.sources:
            s.close()
