"""A chunk of LinkedIn CSV rows as polars columns (:class:`Table`), and the expressions that make its records.

Why a module of its own: every expression here is the columnar twin of one function of the row path
(:mod:`.csvread`: ``nonempty``, ``text_of``, ``time_of``, ``raw_time_of``, ``read_csv``; ``web_link``), and
must give the very same values; keeping them together, apart from the byte checks and the chunk loop, keeps
each twin beside its neighbours.

Each expression names a computed column once: ``when(s == "").otherwise(s)`` would compute ``s`` twice.

Dates: only values in the exact shape of the rule's first format (``[0-9]`` digits, a year from 1000, a
second below 60) are parsed as a column; every other non-empty value goes through
:func:`exportscope.dates.parse`, as on the row path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exportscope import dates
from exportscope.model import RecordBatch
from exportscope.rules import Rule
from exportscope.textio import WHITESPACE, Columns, web_link

if TYPE_CHECKING:
    import polars as pl

    from exportscope.archive import Member

#: Per date format id: (the exact shape, as a Rust regex, and the strptime format reading it). A value in
#: that shape is read the same by both; formats not listed here (D6, D10...) are parsed in Python.
_FAST_FORMATS: dict[str, tuple[str, str]] = {
    "D1": (r"^[0-9]{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9][0-9]{3}$", "%d %b %Y"),
    "D2": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-5][0-9] UTC$", "%Y-%m-%d %H:%M:%S UTC"),
    "D3": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-5][0-9]$", "%Y-%m-%d %H:%M:%S"),
    "D9": (r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC$", "%Y-%m-%d %H:%M UTC"),
}


@dataclass
class Table:
    """Consecutive data rows of one member as columns (``c0``, ``c1``... by header position), blank rows
    dropped; ``before`` is how many rows of the member came before them (the first is row ``before + 1``)."""

    member: Member
    columns: Columns
    frame: pl.DataFrame
    before: int = 0

    def __len__(self) -> int:
        return self.frame.height

    def col(self, *names: str) -> pl.Expr | None:
        """A column by any of its names (as :meth:`Columns.find`); "" is null, as ``Columns.get`` has it."""
        import polars as pl

        i = self.columns.find(*names)
        return None if i is None else pl.col(f"c{i}")

    def cell(self, *names: str) -> pl.Expr:
        """:meth:`col`, or a null column when the file has no such column."""
        import polars as pl

        found = self.col(*names)
        return pl.lit(None, pl.String) if found is None else found

    def lists(self, exprs: dict[str, pl.Expr]) -> dict[str, list[Any]]:
        """Each expression's value per row, as Python lists, computed in one pass over the frame."""
        picked = self.frame.select([e.alias(name) for name, e in exprs.items()])
        return {name: picked[name].to_list() for name in exprs}

    def rows(self) -> list[int | None]:
        return list(range(self.before + 1, self.before + len(self) + 1))


def stripped(expr: pl.Expr) -> pl.Expr:
    """:func:`exportscope.textio.nonempty` as an expression: stripped, and null when empty or ``""``."""

    # ``replace``, not ``when(s == "")...otherwise(s)``: that evaluates ``s`` (and all of ``expr``) thrice.
    return expr.str.strip_chars(WHITESPACE).replace(["", '""'], None)


def text_expr(table: Table, names: Sequence[str], sep: str = " · ") -> pl.Expr:
    """:func:`~exportscope.platforms.linkedin.csvread.text_of`: the named columns (aliases once) joined."""
    import polars as pl

    seen: list[int] = []
    for name in names:
        i = table.columns.find(name)
        if i is not None and i not in seen:
            seen.append(i)
    if not seen:
        return pl.lit(None, pl.String)
    joined = pl.concat_str([stripped(pl.col(f"c{i}")) for i in seen], separator=sep, ignore_nulls=True)
    return joined.replace("", None)


def time_exprs(table: Table, rule: Rule) -> dict[str, pl.Expr]:
    """What :func:`times` needs, to be selected with the other columns in one pass: the epoch seconds of
    values in the exact shape of the rule's first format (``_epoch``) and the date cells (``_time0``...)."""
    import polars as pl

    cols = [i for col in rule.time if (i := table.columns.find(col)) is not None]
    exprs = {f"_time{k}": pl.col(f"c{i}") for k, i in enumerate(cols)}
    lead = table.col(rule.time[0]) if rule.time else None
    fast = fast_epoch(lead, rule.time_format[0]) if rule.time_format and lead is not None else None
    if fast is not None:
        exprs["_epoch"] = fast
    return exprs


def fast_epoch(cell: pl.Expr, fmt: str) -> pl.Expr | None:
    """Epoch seconds of the values in the exact shape of date format ``fmt``, null for the others (they go
    through :func:`dates.parse`); None when the format has no column twin."""
    import polars as pl

    fast = _FAST_FORMATS.get(fmt)
    if fast is None:
        return None
    shape, strp = fast
    parsed = pl.when(cell.str.contains(shape)).then(cell.str.strptime(pl.Datetime("us"), strp, strict=False))
    return parsed.dt.epoch("us") / 1_000_000


def times(got: dict[str, list[Any]], n: int, rule: Rule) -> tuple[list[float | None], list[str | None] | None]:
    """Per row: the epoch seconds of :func:`~exportscope.platforms.linkedin.csvread.time_of` and the
    unreadable date cell of ``raw_time_of`` (the list is None when every row has a time or no date), from
    the lists of :func:`time_exprs`; values the column parse left out go through :func:`dates.parse`."""
    cells = [got[f"_time{k}"] for k in range(len(rule.time)) if f"_time{k}" in got]
    epochs: list[float | None] = list(got["_epoch"]) if "_epoch" in got else [None] * n
    if not cells:
        return epochs, None
    raw: list[str | None] | None = None
    for r, epoch in enumerate(epochs):
        if epoch is not None:
            continue
        stamp, unread = _row_time([c[r] for c in cells], rule)
        if stamp is not None:
            epochs[r] = stamp
        elif unread is not None:
            if raw is None:
                raw = [None] * n
            raw[r] = unread
    return epochs, raw


def _row_time(values: Sequence[str | None], rule: Rule) -> tuple[float | None, str | None]:
    """``time_of`` and ``raw_time_of`` for one row's date cells, in the rule's column order."""
    for value in values:
        if stamp := dates.parse(value, rule.time_format):
            return stamp.timestamp(), None
    return None, next((v for v in values if not dates.is_empty(v)), None)


def batch(table: Table, rule: Rule) -> RecordBatch:
    """The rows of :func:`~exportscope.platforms.linkedin.csvread.read_csv` as one batch."""
    n = len(table)
    exprs = {"_text": text_expr(table, rule.text), **time_exprs(table, rule), **link_exprs(table.col("Link"))}
    got = table.lists(exprs)
    epochs, raw = times(got, n, rule)
    return RecordBatch(
        text=got["_text"],
        epoch=epochs,
        row=table.rows(),
        source=[table.member.path] * n,
        raw_time=raw,
        link=link_values(got),
    )


#: :data:`exportscope.textio._LINK` for ASCII values (Python's ``\s`` and ``re.I`` agree with these ranges
#: there); a value with any other character is checked by :func:`~exportscope.textio.web_link` itself.
_ASCII_LINK = r"^(?i:https?)://[^\x00-\x20\x7f<>\"'`]+$"


def link_exprs(cell: pl.Expr | None) -> dict[str, pl.Expr]:
    """What :func:`link_values` needs: :func:`~exportscope.textio.web_link` of an ASCII cell (``_link``), and
    the cells that are not ASCII (``_link_odd``), for Python to check. Nothing when there is no such column."""
    import polars as pl

    if cell is None:
        return {}
    ascii_only = cell.str.len_bytes() == cell.str.len_chars()
    return {
        "_link": pl.when(ascii_only).then(cell.str.strip_chars(WHITESPACE).str.extract(_ASCII_LINK, 0)),
        "_link_odd": pl.when(~ascii_only).then(cell),
    }


def link_values(got: dict[str, list[Any]]) -> list[str | None] | None:
    """Per row the address of :func:`~exportscope.textio.web_link`, from the lists of :func:`link_exprs`
    (None when the file has no such column)."""
    if "_link" not in got:
        return None
    links: list[str | None] = got["_link"]
    odd: list[str | None] = got["_link_odd"]
    if odd.count(None) != len(odd):
        for i, value in enumerate(odd):
            if value is not None:
                links[i] = web_link(value)
    return links
