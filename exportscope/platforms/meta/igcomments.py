"""Instagram's comment files read as columns when every entry has the same labels (the common case).

Why: ``post_comments_1.json`` holds one ``string_map_data`` entry per comment (``Comment``, ``Media Owner``,
``Time``), and reading it entry by entry looked the labels up twice per comment (:func:`smd_field`, a set
of lowercased synonyms each time) and walked each entry again for its time (:func:`record_seconds`). When
every entry is a dict holding only ``string_map_data``, every map has the same labels in the same order,
each field a dict of keys among ``href``, ``value``, ``timestamp`` none of which holds a dict or a list,
a comment label is among them and at most one label holds times, the labels are looked up once
and each column is read with a C-level pass: the same texts, owners, times and rows as
:func:`~exportscope.platforms.meta.readers.read_ig_comments` gives entry by entry. Any other file is read
entry by entry.

A batch has one visibility (the media owner), so the comments go as one batch per run of comments on the
same owner's media; a file whose owners change at nearly every comment is read entry by entry, which costs
less than a batch per comment.
"""

from __future__ import annotations

from itertools import pairwise, repeat
from operator import itemgetter
from typing import Any

from exportscope.model import RecordBatch
from exportscope.platforms.meta.generic import ITEM_KEYS, label_columns
from exportscope.platforms.meta.jsonread import clean, seconds, whole_second_micros

_ONLY = frozenset({"string_map_data"})
_NESTED = frozenset({dict, list})
#: Below this many comments per run of one owner, batches cost more than records: read entry by entry.
MIN_RUN = 8


def comment_batches(
    entries: list[Any],
    comment_labels: tuple[str, ...],
    owner_labels: tuple[str, ...],
    path: str,
    *,
    min_run: int = MIN_RUN,
) -> list[RecordBatch] | None:
    """The comments of a file's entries as batches (module doc), or None to read them entry by entry."""
    if not entries or set(map(type, entries)) != {dict} or set().union(*entries) != _ONLY:
        return None
    found = label_columns(list(map(itemgetter("string_map_data"), entries)))
    if found is None:
        return None
    columns: dict[str, list[Any]] = dict(found)
    order = tuple(columns)
    for fields in columns.values():
        for key in ITEM_KEYS:  # a nested value would be walked for a time: read entry by entry
            if not _NESTED.isdisjoint(map(type, map(dict.get, fields, repeat(key)))):
                return None
    comment = _first(order, comment_labels)
    if comment is None:  # no comment label: the longest value is the text, entry by entry
        return None
    owner = _first(order, owner_labels)
    times = [list(map(dict.get, columns[label], repeat("timestamp"))) for label in order]
    stamps = [t for t in times if t.count(None) != len(t)]
    if len(stamps) > 1:
        return None
    texts = list(map(clean, map(dict.get, columns[comment], repeat("value"))))
    owners: list[str | None] = (
        list(map(clean, map(dict.get, columns[owner], repeat("value")))) if owner is not None else [None] * len(texts)
    )
    runs = [0, *(i for i in range(1, len(owners)) if owners[i] != owners[i - 1]), len(owners)]
    if (len(runs) - 1) * min_run > len(owners):
        return None
    n = len(texts)
    micros = whole_second_micros(stamps[0]) if stamps else None
    epochs: list[float | None] = (
        [] if micros is not None else [seconds(t) or None for t in stamps[0]] if stamps else [None] * n
    )
    rows: list[int | None] = list(range(1, n + 1))
    return [
        RecordBatch(
            text=texts[lo:hi],
            epoch=epochs[lo:hi],
            row=rows[lo:hi],
            source=[path] * (hi - lo),
            visibility=owners[lo],
            micros=None if micros is None else micros[lo:hi],
        )
        for lo, hi in pairwise(runs)
    ]


def _first(order: tuple[str, ...], synonyms: tuple[str, ...]) -> str | None:
    """The first label that is one of ``synonyms``, compared as :func:`smd_field` compares them."""
    wanted = {s.lower() for s in synonyms}
    return next((label for label in order if label.strip().lower() in wanted), None)
