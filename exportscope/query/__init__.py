"""Questions a browsing person asks of the items frame: filter, search, page, count per tree node, per year.

This is the terminal UI's query engine, kept headless (polars only, no textual) so it is tested without a
screen and stays fast on 200,000 items. The parts, one job each: :mod:`.items` (the prepared frame and the
questions, :class:`ItemQuery`), :mod:`.filters` (what was asked: :class:`Filter`, :class:`Sort`),
:mod:`.text` (how search folds text), :mod:`.period` (a typed date range), :mod:`.charts` (counts drawn as
text). Every name is importable from ``exportscope.query``, as before the split; importing it loads no
polars (the frame's questions import it when asked).
"""

from __future__ import annotations

from exportscope.query.charts import bar_cells, sparkline
from exportscope.query.filters import SORT_COLUMNS, Filter, Sort
from exportscope.query.items import ELIGIBLE, ROW_COLUMNS, VERDICT_RANK, ItemQuery, NodeCount
from exportscope.query.period import PeriodError, parse_period
from exportscope.query.text import fold, fold_text, match_spans

__all__ = [
    "ELIGIBLE",
    "ROW_COLUMNS",
    "SORT_COLUMNS",
    "VERDICT_RANK",
    "Filter",
    "ItemQuery",
    "NodeCount",
    "PeriodError",
    "Sort",
    "bar_cells",
    "fold",
    "fold_text",
    "match_spans",
    "parse_period",
    "sparkline",
]
