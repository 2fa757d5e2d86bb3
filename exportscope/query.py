"""Questions a browsing person asks of the items frame: filter, search, page, count per tree node, per year.

This is the terminal UI's query engine, kept headless (polars only, no textual) so it is tested without a
screen and stays fast on 200,000 items: the frame is sorted once (newest first), a folded copy of the
text (lower case, no accents) is made once for search, and every question after that is one vectorised
polars expression. The UI never builds a widget per item; it asks :meth:`ItemQuery.page` for the rows it
is about to draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from exportscope.model import VERDICT_ORDER, Verdict

if TYPE_CHECKING:
    import polars as pl

#: Verdicts whose items may be fed to a model (the per-year chart counts these).
ELIGIBLE: tuple[str, ...] = (Verdict.TRAINING.value, Verdict.CONDITIONAL.value)

#: Every verdict, most exposed first, ``unrecognized`` last (tree and counts order).
VERDICT_RANK: dict[str, int] = {v.value: i for i, v in enumerate((*VERDICT_ORDER, Verdict.UNRECOGNIZED))}

#: The columns a table row needs; ``id`` is the item's stable position in the sorted frame.
ROW_COLUMNS: tuple[str, ...] = ("id", "timestamp", "platform", "kind", "verdict", "text")


def fold(text: pl.Expr) -> pl.Expr:
    """Text as search compares it: lower case, accents dropped ("Résumé" and "resume" are one)."""
    return text.str.to_lowercase().str.normalize("NFD").str.replace_all(r"\p{Mn}", "")


def fold_text(text: str) -> str:
    """:func:`fold` for the typed search text."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` as search finds it (any case, any accents): (start, end) offsets
    into ``text`` itself, for highlighting."""
    wanted = fold_text(needle)
    if not wanted:
        return []
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: the index in ``text`` of folded character i
    for index, char in enumerate(text):
        for piece in fold_text(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        stop = origin[end - 1] + 1
        while stop < len(text) and not fold_text(text[stop]):  # a combining accent belongs to its letter
            stop += 1
        spans.append((origin[start], stop))
        start = haystack.find(wanted, end)
    return spans


class PeriodError(ValueError):
    """A date range a person typed that cannot be read; ``code`` names why (``tui.period_error.<code>``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _period_bound(text: str, *, end: bool) -> date:
    """``2025``, ``2025-03`` or ``2025-03-14`` as the first (or, with ``end``, the last) day it covers."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise PeriodError("shape") from None
    if not 1 <= len(numbers) <= 3 or len(parts[0]) != 4 or any(len(p) > 2 for p in parts[1:]):
        raise PeriodError("shape")
    year, month, day = (*numbers, 0, 0)[:3]
    try:
        if len(numbers) == 1:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if len(numbers) == 2:
            first = date(year, month, 1)
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if end else first
        return date(year, month, day)
    except ValueError:
        raise PeriodError("no_such_date") from None


def parse_period(text: str) -> tuple[date | None, date | None]:
    """A date range as typed: ``2024-01-01..2024-06-30``, ``2024-03..2024-05``, ``2024-03`` (one month),
    ``2024`` (one year), ``2024-03..`` (from), ``..2024-05`` (until); both ends inclusive. An empty text is
    no range. Raises :class:`PeriodError` for anything else (never guesses a day-first or two-digit year)."""
    text = text.strip()
    if not text:
        return None, None
    if ".." in text:
        lo_text, _, hi_text = (part.strip() for part in text.partition(".."))
        if not lo_text and not hi_text:
            raise PeriodError("shape")
    else:
        lo_text = hi_text = text
    lo = _period_bound(lo_text, end=False) if lo_text else None
    hi = _period_bound(hi_text, end=True) if hi_text else None
    if lo is not None and hi is not None and lo > hi:
        raise PeriodError("reversed")
    return lo, hi


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


@dataclass(frozen=True)
class NodeCount:
    """Items (and words) under one (platform, verdict, kind) leaf of the tree."""

    platform: str
    verdict: str
    kind: str
    items: int
    words: int


class ItemQuery:
    """An items frame prepared for browsing. Build it once per analysis (off the UI thread for big ones)."""

    def __init__(self, items: pl.DataFrame) -> None:
        import polars as pl

        ts = pl.col("timestamp")
        # ``pos``: the item's position in the analysis' items frame, which the findings refer to.
        self.frame: pl.DataFrame = (
            items.with_row_index("pos")
            .sort(ts, descending=True, nulls_last=True, maintain_order=True)
            .with_row_index("id")
            .with_columns(
                year=ts.dt.year().cast(pl.Int32),
                month=ts.dt.month().cast(pl.Int8),
                _lc=fold(pl.col("text")),
            )
        )
        self._all_counts = self.counts(Filter())

    @property
    def total(self) -> int:
        return self.frame.height

    # --- filtering ------------------------------------------------------------------------------------

    def _predicate(self, f: Filter, *, node: bool = True) -> pl.Expr:
        import polars as pl

        cond = pl.lit(True)
        if node:
            for col, value in (("platform", f.platform), ("verdict", f.verdict), ("kind", f.kind)):
                if value is not None:
                    cond = cond & (pl.col(col) == value)
        if f.year is not None:
            cond = cond & (pl.col("year") == f.year)
        if f.month is not None:
            cond = cond & (pl.col("month") == f.month)
        if f.start is not None:
            cond = cond & (pl.col("timestamp") >= datetime.combine(f.start, datetime.min.time(), UTC))
        if f.end is not None:
            cond = cond & (pl.col("timestamp") < datetime.combine(f.end + timedelta(days=1), datetime.min.time(), UTC))
        if f.text:
            # literal=True: what a person types is a string to find, never a regex to run.
            cond = cond & pl.col("_lc").str.contains(fold_text(f.text), literal=True).fill_null(False)
        return cond

    def select(self, f: Filter, order: Sort | None = None) -> pl.DataFrame:
        """The matching items (table columns only), newest first or in ``order``."""
        frame = self.frame if f.is_empty else self.frame.filter(self._predicate(f))
        return self._sorted(frame, order).select(ROW_COLUMNS)

    def _sorted(self, frame: pl.DataFrame, order: Sort | None) -> pl.DataFrame:
        """``frame`` in ``order``: one stable polars sort (ties keep the newest-first ``id`` order)."""
        import polars as pl

        if order is None or order.is_default:
            return frame
        if order.column == "verdict":  # most exposed first, as everywhere else, not alphabetical
            key = pl.col("verdict").replace_strict(VERDICT_RANK, default=len(VERDICT_RANK), return_dtype=pl.Int32)
        elif order.column == "text":
            key = pl.col("_lc")
        elif order.column == "kind":  # by the kind's name in the table's language ("candidature" < "langue")
            from exportscope.i18n import kind_label

            names = {k: fold_text(kind_label(k, order.lang)) for k in frame.get_column("kind").unique() if k}
            key = pl.col("kind").replace_strict(names, default=None, return_dtype=pl.String)
        else:
            key = pl.col(order.column)
        return frame.sort(key, descending=order.descending, nulls_last=True, maintain_order=True)

    def positions(self, f: Filter, order: Sort | None = None) -> list[int]:
        """The positions in the analysis' items frame of the matching items, in the table's order (what an
        export of "the items shown" writes)."""
        frame = self.frame if f.is_empty else self.frame.filter(self._predicate(f))
        return [int(p) for p in self._sorted(frame, order).get_column("pos")]

    def undated_left_out(self, f: Filter) -> int:
        """Items that would match ``f`` but have no date, when a date filter is on (0 otherwise): a date
        filter cannot place them, and the UI says how many it leaves out."""
        import polars as pl

        if not f.dated:
            return 0
        return int(self.frame.select((self._predicate(f.without_dates()) & pl.col("timestamp").is_null()).sum()).item())

    def count(self, f: Filter) -> int:
        if f.is_empty:
            return self.total
        return int(self.frame.select(self._predicate(f).sum()).item() or 0)

    def counts(self, f: Filter) -> list[NodeCount]:
        """Per-leaf counts under the filter's search text and year (the tree's own node is ignored, so the
        tree can show what each branch holds *for this search*)."""
        import polars as pl

        frame = self.frame
        if f.narrowed:
            frame = frame.filter(self._predicate(f, node=False))
        grouped = frame.group_by("platform", "verdict", "kind").agg(
            items=pl.len(), words=pl.col("words").sum().fill_null(0)
        )
        out = [NodeCount(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in grouped.iter_rows()]
        out.sort(key=lambda c: (c.platform, VERDICT_RANK.get(c.verdict, 99), -c.items, c.kind))
        return out

    def tree(self) -> list[NodeCount]:
        """Every leaf that exists in the unfiltered items: the tree's fixed shape."""
        return list(self._all_counts)

    # --- rows -----------------------------------------------------------------------------------------

    @staticmethod
    def page(view: pl.DataFrame, offset: int, limit: int) -> list[tuple[Any, ...]]:
        """Rows ``offset .. offset+limit`` of a selection, as tuples in :data:`ROW_COLUMNS` order."""
        if offset >= view.height or limit <= 0:
            return []
        return view.slice(max(0, offset), limit).rows()

    def item(self, item_id: int) -> dict[str, Any]:
        """Every column of one item (for the detail pane)."""
        row = self.frame.row(item_id, named=True)
        row.pop("_lc", None)
        row.pop("pos", None)
        return row

    def ids_at(self, positions: Iterable[int]) -> list[int]:
        """The ids (table order) of the items at these positions of the analysis' items frame (what the
        findings refer to), ascending: the first is the newest."""
        import polars as pl

        wanted = list(positions)
        if not wanted:
            return []
        ids = self.frame.filter(pl.col("pos").is_in(wanted)).get_column("id")
        return sorted(int(i) for i in ids)

    @staticmethod
    def index_of(view: pl.DataFrame, item_id: int) -> int | None:
        """Where an item sits in a selection (its table row), or None when the selection does not hold it."""
        import polars as pl

        hits = view.with_row_index("_at").filter(pl.col("id") == item_id).get_column("_at")
        return int(hits[0]) if hits.len() else None

    # --- aggregates -----------------------------------------------------------------------------------

    def years(self) -> list[int]:
        """Years that hold at least one dated item, ascending."""
        col = self.frame.get_column("year").drop_nulls().unique().sort()
        return [int(y) for y in col.to_list()]

    def per_year(self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE) -> list[tuple[int, int]]:
        """(year, items) for every year from the first to the last dated item, gaps filled with 0."""
        import polars as pl

        frame = self.frame.filter(pl.col("verdict").is_in(list(verdicts)), pl.col("year").is_not_null())
        if platform is not None:
            frame = frame.filter(pl.col("platform") == platform)
        if frame.height == 0:
            return []
        counts = dict(frame.group_by("year").agg(n=pl.len()).iter_rows())
        lo, hi = min(counts), max(counts)
        return [(y, int(counts.get(y, 0))) for y in range(lo, hi + 1)]

    def per_month(
        self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE
    ) -> list[tuple[int, int, dict[str, int]]]:
        """(year, month, items per verdict) for every month from the first to the last dated item of these
        verdicts, gaps filled with empty months (a month with nothing is shown, not skipped)."""
        import polars as pl

        frame = self.frame.filter(pl.col("verdict").is_in(list(verdicts)), pl.col("year").is_not_null())
        if platform is not None:
            frame = frame.filter(pl.col("platform") == platform)
        if frame.height == 0:
            return []
        counts: dict[tuple[int, int], dict[str, int]] = {}
        for year, month, verdict, items in frame.group_by("year", "month", "verdict").agg(n=pl.len()).iter_rows():
            counts.setdefault((int(year), int(month)), {})[str(verdict)] = int(items)
        (y, m), last = min(counts), max(counts)
        out = []
        while (y, m) <= last:
            out.append((y, m, counts.get((y, m), {})))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def platforms(self, verdicts: Sequence[str] = ELIGIBLE) -> list[str]:
        """Platforms holding items of these verdicts, in the analysis' order (the dashboard's cards)."""
        import polars as pl

        col = self.frame.filter(pl.col("verdict").is_in(list(verdicts))).sort("pos").get_column("platform")
        return [str(p) for p in col.unique(maintain_order=True).to_list()]

    def undated(self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE) -> int:
        """Eligible items without a date (the chart cannot place them; the UI says how many)."""
        import polars as pl

        frame = self.frame.filter(pl.col("verdict").is_in(list(verdicts)), pl.col("year").is_null())
        if platform is not None:
            frame = frame.filter(pl.col("platform") == platform)
        return frame.height


def sparkline(values: Iterable[int]) -> str:
    """Eight-level block characters, scaled to the largest value; 0 stays a visible baseline (``▁`` is
    kept for "some", a space would hide that a year is there). The shape carries meaning without colour."""
    vals = list(values)
    if not vals:
        return ""
    top = max(vals)
    blocks = "▁▂▃▄▅▆▇█"
    if top <= 0:
        return "·" * len(vals)
    out = []
    for v in vals:
        if v <= 0:
            out.append("·")
        else:
            out.append(blocks[min(7, max(0, round(v / top * 7)))])
    return "".join(out)


def bar_cells(value: int, top: int, width: int) -> int:
    """How many cells of a ``width``-cell bar ``value`` fills when ``top`` fills them all: proportional,
    rounded, and at least one for any value above 0 (a month with one item must not look empty)."""
    if value <= 0 or top <= 0 or width <= 0:
        return 0
    return max(1, min(width, round(value / top * width)))
