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


@dataclass(frozen=True)
class Filter:
    """What the person narrowed the items to. ``None`` means "any"; ``text`` is a substring, found whatever
    its case and accents ("resume" finds "Résumé")."""

    platform: str | None = None
    verdict: str | None = None
    kind: str | None = None
    year: int | None = None
    text: str = ""

    def with_node(self, platform: str | None, verdict: str | None = None, kind: str | None = None) -> Filter:
        """The same filter aimed at another tree node (platform > verdict > kind)."""
        return replace(self, platform=platform, verdict=verdict, kind=kind)

    @property
    def is_empty(self) -> bool:
        return self == Filter()


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
        if f.text:
            # literal=True: what a person types is a string to find, never a regex to run.
            cond = cond & pl.col("_lc").str.contains(fold_text(f.text), literal=True).fill_null(False)
        return cond

    def select(self, f: Filter) -> pl.DataFrame:
        """The matching items (table columns only), newest first."""
        frame = self.frame.select(ROW_COLUMNS)
        if f.is_empty:
            return frame
        return self.frame.filter(self._predicate(f)).select(ROW_COLUMNS)

    def count(self, f: Filter) -> int:
        if f.is_empty:
            return self.total
        return int(self.frame.select(self._predicate(f).sum()).item() or 0)

    def counts(self, f: Filter) -> list[NodeCount]:
        """Per-leaf counts under the filter's search text and year (the tree's own node is ignored, so the
        tree can show what each branch holds *for this search*)."""
        import polars as pl

        frame = self.frame
        if f.text or f.year is not None:
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
