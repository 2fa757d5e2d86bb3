"""``Shares.csv``: one post per row, read as columns where the file allows (:mod:`.columnar`), else row by row.

Why a module of its own: the share reader has a row twin and a column twin that must give the very same
items (LinkedIn's per-line quote wrapping undone, the Visibility cell passed raw, the share's link), and
keeping them side by side keeps them alike. A heavy export holds tens of thousands of posts; read one
Python object per row they cost several times the parse itself.

The 2018 file (UTF-16 TSV, ``Share Commentary``, D4 dates) and any chunk the columns cannot read exactly go
through :func:`share_record` (the columnar reader decides, see :mod:`.columnar`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from exportscope.archive import Member
from exportscope.model import Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin import columnar
from exportscope.platforms.linkedin.csvframe import link_exprs, link_values
from exportscope.platforms.linkedin.csvread import Row, expected_columns, raw_time_of, time_of
from exportscope.rules import Rule
from exportscope.textio import nonempty, web_link

if TYPE_CHECKING:
    import polars as pl

_WRAPPED_NEWLINE = re.compile(r'"(\r?\n)"')
#: The same pattern for polars (Rust's regex reads it alike: leftmost-first, non-overlapping).
_WRAPPED_NEWLINE_RX = r'"\r?\n"'


def unwrap_share_lines(text: str) -> str:
    """Undo LinkedIn's per-line quoting of a multi-line ShareCommentary.

    LinkedIn joins the lines of a post with ``"`` + newline + ``"``, so after CSV decoding the first line
    ends in a stray quote, the last begins with one and a blank line is ``""``. Replacing each ``"``+newline+
    ``"`` by the newline restores the post; the post's own quotes are untouched. It is done only when *every*
    newline is wrapped that way: a file written without the wrapping (an older export, a hand edit) is left
    as it is rather than losing real quotes. Newlines come out as LF.
    """
    newlines = text.count("\n")
    if not newlines or len(_WRAPPED_NEWLINE.findall(text)) != newlines:
        return text.replace("\r\n", "\n")
    return _WRAPPED_NEWLINE.sub("\n", text)


def unwrap_expr(cell: pl.Expr) -> pl.Expr:
    """:func:`unwrap_share_lines` as an expression (null stays null)."""
    import polars as pl

    newlines = cell.str.count_matches("\n", literal=True)
    wrapped = cell.str.count_matches(_WRAPPED_NEWLINE_RX)
    return (
        pl.when((newlines > 0) & (newlines == wrapped))
        .then(cell.str.replace_all(_WRAPPED_NEWLINE_RX, "\n"))
        .otherwise(cell.str.replace_all("\r\n", "\n", literal=True))
    )


def read_shares(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One post per row (every row, also those without text: a repost is still a post of yours).

    2018 files are UTF-16 TSV with ``Share Commentary`` and D4 dates; later ones ``ShareCommentary`` and D3.
    The Visibility cell is passed raw (``MEMBER_NETWORK``, 2018 ``Public``/``Connections``); the rule's
    ``visibility_map`` maps it. A MediaUrl is not counted as a separate media item: Rich_Media.csv lists
    the uploaded photos and videos themselves, and counting both would count each photo twice.
    """
    want = expected_columns(rule)
    for member in members:
        yield from columnar.read(
            member, rule, want, alone=len(members) == 1, to_batch=share_batches, to_record=share_record
        )


def share_record(row: Row, rule: Rule) -> Record:
    """One post from one row (the row path)."""
    raw = row.get("ShareCommentary", "Share Commentary")
    return Record(
        text=nonempty(unwrap_share_lines(raw)) if raw else None,
        timestamp=(ts := time_of(row, rule)),
        raw_time=None if ts else raw_time_of(row, rule),
        visibility=(row.get("Visibility") or "").strip(),
        row=row.n,
        source=row.member.path,
        link=web_link(row.get("ShareLink", "Share Link")),
    )


def share_batches(table: columnar.Table, rule: Rule) -> list[RecordBatch]:
    """The rows of :func:`share_record` as batches: one per run of rows with the same Visibility cell (a
    batch has one visibility; nearly every file has a single one, so nearly always one batch)."""
    n = len(table)
    exprs = {
        "_text": columnar.stripped(unwrap_expr(table.cell("ShareCommentary", "Share Commentary"))),
        "_visibility": table.cell("Visibility").fill_null("").str.strip_chars(columnar.WHITESPACE),
        **columnar.time_exprs(table, rule),
        **link_exprs(table.col("ShareLink", "Share Link")),
    }
    got = table.lists(exprs)
    epochs, raw = columnar.times(got, n, rule)
    links = link_values(got)
    texts, visibility, rows = got["_text"], got["_visibility"], table.rows()
    runs = [0, n] if not n or visibility.count(visibility[0]) == n else _runs(visibility)
    return [
        RecordBatch(
            text=texts[lo:hi],
            epoch=epochs[lo:hi],
            row=rows[lo:hi],
            source=[table.member.path] * (hi - lo),
            visibility=visibility[lo],
            raw_time=None if raw is None else raw[lo:hi],
            link=None if links is None else links[lo:hi],
        )
        for lo, hi in pairwise(runs)
    ]


def _runs(values: list[str]) -> list[int]:
    """The start of every run of equal values, then the length: ``[0, ..., len(values)]``."""
    starts = [0, *(i for i in range(1, len(values)) if values[i] != values[i - 1])]
    return [*starts, len(values)]
