"""``exportscope items``: every classified item as .parquet, .csv or .jsonl (ARCHITECTURE.md columns).

CSV cells that start with ``= + - @`` (or a tab/CR) are prefixed with a quote so a spreadsheet never runs
archive text as a formula; the other formats keep the text exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exportscope import formats
from exportscope.fsutil import atomic_path, open_output
from exportscope.model import ITEM_EXPORT_COLUMNS

if TYPE_CHECKING:
    import polars as pl

    from exportscope.redact import Redactor

ITEM_FORMATS = tuple(f.name for f in formats.family("items"))
_FORMULA_START = r"^[=+\-@\t\r]"


def format_for(path: Path, explicit: str | None = None) -> str:
    """The item table's format (:func:`exportscope.formats.choose`): ``-`` is JSON lines, never Parquet."""
    return formats.choose("items", path, explicit).name


def public_frame(items: pl.DataFrame) -> pl.DataFrame:
    """The documented columns only, in order (the ARCHITECTURE.md ones, then ``note``)."""
    return items.select(ITEM_EXPORT_COLUMNS)


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA_START)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_cols
    )


def write_items(items: pl.DataFrame, path: Path, fmt: str | None = None, redactor: Redactor | None = None) -> int:
    """Write the items (``-``: to standard output, not for parquet); returns how many rows were written. With
    a ``redactor`` (``items --redact``) the text, source and note of every row are masked first; the rows and
    their other columns stay."""
    import polars as pl

    fmt = format_for(path, fmt)
    frame = public_frame(redactor.frame(items) if redactor is not None else items)
    if fmt == "parquet":
        with atomic_path(path) as tmp:
            frame.write_parquet(tmp)
        return frame.height
    frame = frame.with_columns(pl.col("timestamp").dt.strftime("%Y-%m-%dT%H:%M:%SZ").alias("timestamp"))
    if fmt == "csv":
        frame = neutralise_formulas(frame)
        with open_output(path) as fh:
            frame.write_csv(fh)
    else:
        with open_output(path) as fh:
            frame.write_ndjson(fh)
    return frame.height
