"""The items frame prepared for browsing, and every question the terminal UI asks of it.

Why a module of its own: this is the one place that holds the (possibly 200,000-row) frame. It is sorted once
(newest first), a folded copy of the text is made once for search (:meth:`ItemQuery.prepare_search`), and every
question after that is one vectorised polars expression. The UI never builds a widget per item; it asks
:meth:`ItemQuery.page` for the rows it is about to draw.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from exportscope.columns import per_thread
from exportscope.model import VERDICT_ORDER, Verdict
from exportscope.query.filters import Filter, Sort
from exportscope.query.text import fold, fold_text

if TYPE_CHECKING:
    import polars as pl

#: Verdicts whose items may be fed to a model (the per-year chart counts these).
ELIGIBLE: tuple[str, ...] = (Verdict.TRAINING.value, Verdict.CONDITIONAL.value)

#: Every verdict, most exposed first, ``unrecognized`` last (tree and counts order).
VERDICT_RANK: dict[str, int] = {v.value: i for i, v in enumerate((*VERDICT_ORDER, Verdict.UNRECOGNIZED))}

#: The columns a table row needs; ``id`` is the item's stable position in the sorted frame.
ROW_COLUMNS: tuple[str, ...] = ("id", "timestamp", "platform", "kind", "verdict", "text")


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

    def __init__(self, items: pl.DataFrame, *, search: bool = True) -> None:
        """``search=False`` leaves out the folded text search compares against (about 0.5 s on 200,000
        items, most of building this): the terminal UI shows its dashboard without it and folds right after
        (:meth:`prepare_search`); a question that needs it before then folds it first, so every answer is
        the same either way.

        The counts the dashboard shows (tree, years, months, undated) come from the items in their own order;
        the frame sorted for the table (:attr:`frame`, every column moved) is made by the first question that
        needs it, or by :meth:`prepare_search`, so the dashboard never waits for it."""
        import polars as pl

        ts = pl.col("timestamp")
        # ``pos``: the item's position in the analysis' items frame, which the findings refer to.
        self._base: pl.DataFrame = items.with_row_index("pos").with_columns(
            year=ts.dt.year().cast(pl.Int32),
            month=ts.dt.month().cast(pl.Int8),
        )
        self._frame: pl.DataFrame | None = None
        self._lock = threading.Lock()
        if search:
            self.prepare_search()
        self._all_counts = self._count_leaves(self._base)

    @property
    def frame(self) -> pl.DataFrame:
        """The items newest first (undated last, ties in their order), ``id`` their row there: the table's
        frame. Sorted once, by the first question that needs it (from either thread)."""
        import polars as pl

        frame = self._frame
        if frame is None:
            with self._lock:
                if self._frame is None:
                    ts = pl.col("timestamp")
                    self._frame = self._base.sort(
                        ts, descending=True, nulls_last=True, maintain_order=True
                    ).with_row_index("id")
                frame = self._frame
        return frame

    def prepare_search(self, like: ItemQuery | None = None) -> None:
        """Add the folded text (``_lc``) that search and the sort by text compare against, once.

        ``like``: an index of the same texts in the same order (the items re-classified with the person's
        answers), whose folded column is taken instead of folding again; checked, never assumed.
        Safe from another thread while the UI asks questions: the frame is replaced by one that has the
        column (never changed in place), and a question that needs it first folds it itself."""
        import polars as pl

        frame = self.frame
        if "_lc" in frame.columns:
            return
        same = like is not None and "_lc" in like.frame.columns and like.frame.height == frame.height
        if same and like is not None and like.frame.get_column("text").equals(frame.get_column("text")):
            self._frame = frame.with_columns(like.frame.get_column("_lc"))
            return
        self._frame = frame.with_columns(per_thread(frame.get_column("text"), fold(pl.col("text")).alias("_lc")))

    def _source(self, f: Filter) -> pl.DataFrame:
        """The frame to ask ``f`` of: with the folded text when ``f`` searches."""
        if f.text:
            self.prepare_search()
        return self.frame

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
        frame = self.frame if f.is_empty else self._source(f).filter(self._predicate(f))
        return self._sorted(frame, order).select(ROW_COLUMNS)

    def _sorted(self, frame: pl.DataFrame, order: Sort | None) -> pl.DataFrame:
        """``frame`` in ``order``: one stable polars sort (ties keep the newest-first ``id`` order)."""
        import polars as pl

        if order is None or order.is_default:
            return frame
        if order.column == "verdict":  # most exposed first, as everywhere else, not alphabetical
            key = pl.col("verdict").replace_strict(VERDICT_RANK, default=len(VERDICT_RANK), return_dtype=pl.Int32)
        elif order.column == "text":
            key = pl.col("_lc") if "_lc" in frame.columns else fold(pl.col("text"))
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
        frame = self.frame if f.is_empty else self._source(f).filter(self._predicate(f))
        return [int(p) for p in self._sorted(frame, order).get_column("pos")]

    def undated_left_out(self, f: Filter) -> int:
        """Items that would match ``f`` but have no date, when a date filter is on (0 otherwise): a date
        filter cannot place them, and the UI says how many it leaves out."""
        import polars as pl

        if not f.dated:
            return 0
        source = self._source(f)
        return int(source.select((self._predicate(f.without_dates()) & pl.col("timestamp").is_null()).sum()).item())

    def count(self, f: Filter) -> int:
        if f.is_empty:
            return self.total
        return int(self._source(f).select(self._predicate(f).sum()).item() or 0)

    def counts(self, f: Filter) -> list[NodeCount]:
        """Per-leaf counts under the filter's search text and year (the tree's own node is ignored, so the
        tree can show what each branch holds *for this search*)."""

        if not f.narrowed:
            return self._count_leaves(self._base)
        return self._count_leaves(self._source(f).lazy().filter(self._predicate(f, node=False)))

    @staticmethod
    def _count_leaves(frame: pl.DataFrame | pl.LazyFrame) -> list[NodeCount]:
        """Items and words per (platform, verdict, kind) leaf of ``frame``, in the tree's order."""
        import polars as pl

        query = (
            frame.lazy()
            .group_by("platform", "verdict", "kind")
            .agg(items=pl.len(), words=pl.col("words").sum().fill_null(0))
        )
        out = [NodeCount(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in query.collect().iter_rows()]
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
        col = self._base.get_column("year").drop_nulls().unique().sort()
        return [int(y) for y in col.to_list()]

    def per_year(self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE) -> list[tuple[int, int]]:
        """(year, items) for every year from the first to the last dated item, gaps filled with 0."""
        import polars as pl

        frame = self._eligible(platform, verdicts).filter(pl.col("year").is_not_null())
        counts = dict(frame.group_by("year").agg(n=pl.len()).collect().iter_rows())
        if not counts:
            return []
        lo, hi = min(counts), max(counts)
        return [(y, int(counts.get(y, 0))) for y in range(lo, hi + 1)]

    def per_month(
        self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE
    ) -> list[tuple[int, int, dict[str, int]]]:
        """(year, month, items per verdict) for every month from the first to the last dated item of these
        verdicts, gaps filled with empty months (a month with nothing is shown, not skipped)."""
        import polars as pl

        frame = self._eligible(platform, verdicts).filter(pl.col("year").is_not_null())
        counts: dict[tuple[int, int], dict[str, int]] = {}
        grouped = frame.group_by("year", "month", "verdict").agg(n=pl.len()).collect()
        for year, month, verdict, items in grouped.iter_rows():
            counts.setdefault((int(year), int(month)), {})[str(verdict)] = int(items)
        if not counts:
            return []
        (y, m), last = min(counts), max(counts)
        out = []
        while (y, m) <= last:
            out.append((y, m, counts.get((y, m), {})))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def platforms(self, verdicts: Sequence[str] = ELIGIBLE) -> list[str]:
        """Platforms holding items of these verdicts, in the analysis' order (the dashboard's cards)."""

        col = self._eligible(None, verdicts).select("platform").collect().get_column("platform")  # in "pos" order
        return [str(p) for p in col.unique(maintain_order=True).to_list()]

    def undated(self, platform: str | None = None, verdicts: Sequence[str] = ELIGIBLE) -> int:
        """Eligible items without a date (the chart cannot place them; the UI says how many)."""
        import polars as pl

        frame = self._eligible(platform, verdicts).filter(pl.col("year").is_null())
        return int(frame.select(pl.len()).collect().item())

    def _eligible(self, platform: str | None, verdicts: Sequence[str]) -> pl.LazyFrame:
        """The items of these verdicts (and of ``platform``, if given), in their own order, as a plan: the
        aggregates read only the columns they need, never the texts."""
        import polars as pl

        cond = pl.col("verdict").is_in(list(verdicts))
        if platform is not None:
            cond &= pl.col("platform") == platform
        return self._base.lazy().filter(cond)
