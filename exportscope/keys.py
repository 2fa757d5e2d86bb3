"""Stable item keys: one string per item that names the same item in two exports of one account.

Why: the erasure check (``exportscope diff``) and the clean-up worklist must recognise "this post" in an
export made months later, when rows moved, files were renumbered and other items were added or deleted. A
row number or a position in the frame cannot do that; a key built from what identifies the item can.

The key contract (version 1), documented in the README and relied on by the worklist:

    <platform>|<kind>|<place>|<when>|<n>

- ``platform``, ``kind``: the item's columns (``facebook``, ``post``).
- ``place``: where the item lives, independent of the export's file numbering:
  - a message (any item with a ``thread``): the conversation, the last segment of the thread id (a Meta thread
    folder such as ``bensample_123`` whether it sits in ``inbox/`` or ``archived_threads/``, a LinkedIn
    conversation id, a WhatsApp chat's name);
  - a media file: its path in the export (``media/posts/202405/a1.jpg``);
  - anything else: its source file with a numbered part removed (``Shares_7000000001.csv`` and ``Shares.csv``
    are one place, so are ``posts_1.json`` and ``posts_2.json``).
- ``when``: the item's time in UTC to the second (``2025-07-01T14:33:22Z``); an item without a time (a profile
  field, a skill, a setting) is identified by its content instead: ``~`` and its text with whitespace
  collapsed, cut at 80 characters.
- ``n``: 1 for the first item sharing the same platform, kind, place and when, 2 for the next, in the order
  they sit in their file (source, then row): two WhatsApp messages written in the same minute stay apart.

What the key deliberately ignores: the verdict, rule, visibility, note and word count (they are our reading,
not the item), the row number as such, and, for dated items, the text: a post edited between two exports
keeps its key, so the diff reports it as changed rather than as deleted and re-posted.

Known limits, said rather than hidden: the items frame carries no platform link or id (readers do not keep
them), so two dated items of one place and second are told apart by their order in the file; an undated
item whose text changed gets a new key (the diff pairs such items back when it can).

Everything is computed on whole columns with polars expressions: no Python loop per row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

#: Version of the key contract above; bump it (and say so in the README) if the format ever changes.
KEY_VERSION = 1

#: Kinds whose ``source`` is the item's own file (a photo or video), so the path is the place as it is.
MEDIA_KINDS: frozenset[str] = frozenset({"media", "story"})

#: A numbered part of a data file: ``Shares_7000000001.csv``, ``posts_1.json``, ``message_3.json``.
_PART_SUFFIX = r"_\d+(\.(?:csv|json|html|txt))$"

#: How much of an undated item's text names it.
CONTENT_CHARS = 80


def place_expr() -> pl.Expr:
    """Where an item lives, independent of file numbering (see the module docstring)."""
    import polars as pl

    source = pl.col("source").cast(pl.String).fill_null("")
    is_media_file = pl.col("kind").is_in(sorted(MEDIA_KINDS)) & ~source.str.contains(r"(?i)\.(csv|json|html|txt)$")
    conversation = pl.col("thread").cast(pl.String).str.replace(r"^.*/", "")
    return (
        pl.when(pl.col("thread").is_not_null() & (pl.col("thread") != ""))
        .then(conversation)
        .when(is_media_file)
        .then(source)
        .otherwise(source.str.replace(_PART_SUFFIX, "$1"))
    )


def when_expr() -> pl.Expr:
    """The item's time to the second in UTC, or ``~`` and its collapsed text when it has none."""
    import polars as pl

    stamp = pl.col("timestamp").dt.convert_time_zone("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    content = (
        pl.col("text")
        .cast(pl.String)
        .fill_null("")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.slice(0, CONTENT_CHARS)
    )
    return pl.when(pl.col("timestamp").is_not_null()).then(stamp).otherwise(pl.lit("~") + content)


def with_keys(items: pl.DataFrame, column: str = "key") -> pl.DataFrame:
    """The items frame with a ``key`` column added (same rows, same order).

    The frame needs ``platform, kind, source, timestamp, text`` and may have ``thread`` and ``row`` (the
    items frame of :func:`exportscope.pipeline.analyze` has them all). Rows keep their order; the key does not
    depend on it.
    """
    import polars as pl

    frame = items
    if "thread" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("thread"))
    if "row" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("row"))
    if frame.schema["timestamp"] == pl.String:
        frame = frame.with_columns(pl.col("timestamp").str.to_datetime(time_zone="UTC", strict=False))
    base = pl.concat_str(
        [pl.col("platform").cast(pl.String), pl.col("kind").cast(pl.String), place_expr(), when_expr()],
        separator="|",
    )
    # n: the position within a run of equal bases in file order. Sorting once and numbering runs is much
    # cheaper than a ranking window over a million distinct groups (1M items: ~3 s instead of ~14 s).
    ordered = (
        frame.with_row_index("__i")
        .with_columns(base.alias("__base"))
        .sort(
            ["__base", pl.col("source").cast(pl.String), pl.col("row").cast(pl.Int64), pl.col("text").cast(pl.String)],
            nulls_last=True,
        )
    )
    first = pl.col("__base") != pl.col("__base").shift(1)
    position = pl.int_range(pl.len(), dtype=pl.Int64)
    start = pl.when(first.fill_null(True)).then(position).otherwise(None).forward_fill()
    keyed = (
        ordered.with_columns((position - start + 1).alias("__n"))
        .with_columns(pl.concat_str([pl.col("__base"), pl.col("__n").cast(pl.String)], separator="|").alias(column))
        .sort("__i")
        .drop("__i", "__base", "__n")
    )
    return keyed.select([*items.columns, column]) if column not in items.columns else keyed
