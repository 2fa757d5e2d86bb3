"""What the person asked the browser for: the items narrowed to (:class:`Filter`) and their order (:class:`Sort`).

Why a module of its own: these are plain values that the terminal UI keeps, compares and changes (a tree node,
a typed search, a column clicked again) without a frame; :class:`~exportscope.query.items.ItemQuery` answers
them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Filter:
    """What the person narrowed the items to. ``None`` means "any"; ``text`` is a substring, found whatever
    its case and accents ("resume" finds "Résumé"). ``year`` and ``month`` (1-12, in any year unless ``year``
    is set) and the inclusive day range ``start``..``end`` (UTC days) are the date filters: with any of them
    on, undated items are left out, and :meth:`ItemQuery.undated_left_out` says how many."""

    platform: str | None = None
    verdict: str | None = None
    kind: str | None = None
    year: int | None = None
    text: str = ""
    month: int | None = None
    start: date | None = None
    end: date | None = None

    def with_node(self, platform: str | None, verdict: str | None = None, kind: str | None = None) -> Filter:
        """The same filter aimed at another tree node (platform > verdict > kind)."""
        return replace(self, platform=platform, verdict=verdict, kind=kind)

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def dated(self) -> bool:
        """A date filter is on (undated items cannot match it)."""
        return self.year is not None or self.month is not None or self.start is not None or self.end is not None

    @property
    def narrowed(self) -> bool:
        """Search text or a date filter is on (the tree's counts follow these, not the node)."""
        return bool(self.text) or self.dated

    def without_dates(self) -> Filter:
        return replace(self, year=None, month=None, start=None, end=None)


#: The columns the table can be sorted by, in the table's order.
SORT_COLUMNS: tuple[str, ...] = ("timestamp", "platform", "kind", "verdict", "text")


@dataclass(frozen=True)
class Sort:
    """The table's order: a column of :data:`SORT_COLUMNS` and a direction. The default, newest first, is
    the frame's own order. Sorting is stable: rows that tie keep their newest-first order; items without
    a value (undated, no text) come last either way."""

    column: str = "timestamp"
    descending: bool = True
    #: The language the table shows kinds in: kinds sort by the name a person reads, not by their code.
    lang: str = "en"

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"not a sortable column: {self.column}")

    @property
    def is_default(self) -> bool:
        return self.column == "timestamp" and self.descending

    def toggled(self, column: str) -> Sort:
        """Sorting by ``column`` again reverses it; a new column starts ascending (dates: newest first)."""
        if column == self.column:
            return replace(self, descending=not self.descending)
        return replace(self, column=column, descending=column == "timestamp")

    def next_column(self) -> Sort:
        """The next column (the sort key's cycle), in its first direction."""
        following = SORT_COLUMNS[(SORT_COLUMNS.index(self.column) + 1) % len(SORT_COLUMNS)]
        return replace(self, column=following, descending=following == "timestamp")
