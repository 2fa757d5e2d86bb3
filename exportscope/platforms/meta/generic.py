"""The generic reader's two most common file shapes read as columns: activity lists and string lists.

Why: likes, reactions, searches and Instagram's liked posts are the bulk of a big export (hundreds of
thousands of entries), and :func:`~exportscope.platforms.meta.jsonread.values_text` and
:func:`~exportscope.platforms.meta.jsonread.record_seconds` walk every entry in Python to find what is the
same place in each. When every entry of a file has one of two shapes, the text and time are read with
C-level passes over the column (``map``, ``set``, ``count``), with the same answers; any other file (or an
entry of another shape in it) is read entry by entry as before.

- an activity entry: keys among ``timestamp``, ``title``, ``data``; ``data`` one dict of one key (Facebook's
  ``{"reaction": {...}}``, ``{"text": "..."}``). Text: that value when it is a non-blank string, else the
  title.
- a string-list entry: keys among ``title``, ``string_list_data``; the list one dict whose keys are among
  ``href``, ``value``, ``timestamp`` (Instagram's likes and follows). Text: the value, else the title. Time:
  the item's ``timestamp``.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import Any

from exportscope.platforms.meta.jsonread import TIME_KEYS, clean, whole_second_micros

_ACTIVITY = frozenset({"timestamp", "title", "data"})
_LISTED = frozenset({"title", "string_list_data"})
#: The keys of one label's dict in a string map.
ITEM_KEYS = frozenset({"href", "value", "timestamp"})
_MAPPED = frozenset({"title", "string_map_data"})
#: The keys ``record_seconds`` looks for first in any dict it walks: never a label of a mapped entry here.
_TIME_KEYS = frozenset(TIME_KEYS)
_FIRST = itemgetter(0)

#: A file's texts, and its times in epoch microseconds (None: read them entry by entry).
Columns = tuple[list[str | None], list[int | None] | None]


#: How the strings kept are repaired: not at all (a file parsed with the repair), or as one column
#: (:func:`~exportscope.platforms.meta.jsonread.repair_column`, a file parsed raw).
Fix = Callable[[list[Any]], list[Any]]


def _as_is(values: list[Any]) -> list[Any]:
    return values


def generic_columns(entries: list[Any], fix: Fix = _as_is) -> Columns | None:
    """(texts, times in epoch microseconds or None) of a file's entries when every one has the activity
    shape or every one the string-list shape: what ``values_text`` gives each, and ``record_seconds`` as
    microseconds when every time is a whole number of seconds in range (else None: the caller reads them).
    None when the file has another shape. ``fix`` repairs the texts kept, for entries parsed raw (their keys
    are compared unrepaired: a key written with escapes is another shape, read entry by entry)."""
    if not entries or set(map(type, entries)) != {dict}:
        return None
    keys = set().union(*entries)
    if keys <= _ACTIVITY:
        return _activity(entries, "timestamp" in keys, fix)
    if keys <= _LISTED:
        return _listed(entries, fix)
    if keys <= _MAPPED:
        return _mapped(entries, fix)
    return None


#: Keys that show in the bytes of a file the columns would refuse (people, sections, media, label lists):
#: such a file is parsed with the repair at once, not parsed raw first and then again.
_OTHER_KEYS = (b'"string_map_data"', b'"label_values"', b'"name"', b'"attachments"', b'"media"', b'"uri"')


#: How much of a file's head and of its tail :func:`worth_raw` looks at.
GUESS_BYTES = 128 * 1024


def worth_raw(data: bytes) -> bool:
    """Whether a file's bytes look like one of the two shapes (a ``data`` or ``string_list_data`` key, none
    of the others): only a guess for speed, never for the answer (:func:`generic_columns` decides).

    Only the first and last :data:`GUESS_BYTES` are looked at: these files repeat one entry shape, and seven
    searches through all of a 15 MB likes file cost a third of parsing it. A file whose other keys hide in
    its middle is parsed raw first, refused by the columns, and parsed again with the repair: slower, the
    same items."""
    if len(data) > 2 * GUESS_BYTES:
        data = data[:GUESS_BYTES] + data[-GUESS_BYTES:]
    return (b'"data"' in data or b'"string_list_data"' in data) and not any(k in data for k in _OTHER_KEYS)


def _one_dicts(lists: list[Any]) -> list[dict[str, Any]] | None:
    """The only element of each list, when every value is a list of exactly one dict."""
    if set(map(type, lists)) != {list} or set(map(len, lists)) != {1}:
        return None
    items = list(map(_FIRST, lists))
    return items if set(map(type, items)) == {dict} else None


def _texts(words: list[Any], titles: list[Any], fix: Fix) -> list[str | None]:
    """Each word repaired and cleaned (stripped, a blank one none), and where there is none the title."""
    words = fix(words)
    out: list[str | None]
    if set(map(type, words)) == {str}:
        out = list(map(str.strip, words))
        if "" not in out:
            return out
        at = [i for i, w in enumerate(out) if not w]
    else:
        out = [w.strip() if type(w) is str else "" for w in words]
        at = [i for i, w in enumerate(out) if not w]
    if at:
        fixed = fix([titles[i] for i in at])
        for i, title in zip(at, fixed, strict=True):
            out[i] = clean(title)
    return out


def _activity(entries: list[dict[str, Any]], timed: bool, fix: Fix) -> Columns | None:
    items = _one_dicts(list(map(dict.get, entries, repeat("data"))))
    if items is None or set(map(len, items)) != {1}:
        return None
    words = list(map(next, map(iter, map(dict.values, items))))
    stamps = list(map(dict.get, entries, repeat("timestamp"))) if timed else []
    if str in set(map(type, stamps)):  # a text time would be the text of an entry without a value
        return None
    titles = list(map(dict.get, entries, repeat("title")))
    texts = _texts(words if str in set(map(type, words)) else titles, titles, fix)  # no value is text: the titles
    return texts, whole_second_micros(stamps) if timed else None


def _listed(entries: list[dict[str, Any]], fix: Fix) -> Columns | None:
    items = _one_dicts(list(map(dict.get, entries, repeat("string_list_data"))))
    if items is None or not set().union(*items) <= ITEM_KEYS:
        return None
    titles = list(map(dict.get, entries, repeat("title")))
    texts = _texts(list(map(dict.get, items, repeat("value"))), titles, fix)
    return texts, whole_second_micros(list(map(dict.get, items, repeat("timestamp"))))


def label_columns(maps: list[Any]) -> dict[str, list[dict[str, Any]]] | None:
    """Each label's dicts (label -> one per entry, labels in the maps' order) when every string map is a dict
    with the same labels in the same order, none of them a time key, each label's value a dict of
    :data:`ITEM_KEYS`; None otherwise (the entries are then read one by one)."""
    if set(map(type, maps)) != {dict}:
        return None
    labels = set(map(tuple, maps))
    if len(labels) != 1:
        return None
    (order,) = labels
    if _TIME_KEYS.intersection(order):
        return None
    columns: dict[str, list[dict[str, Any]]] = {}
    for label in order:
        fields = list(map(itemgetter(label), maps))
        if set(map(type, fields)) != {dict} or not set().union(*fields) <= ITEM_KEYS:
            return None
        columns[label] = fields
    return columns


def _mapped(entries: list[dict[str, Any]], fix: Fix) -> Columns | None:
    """String-map entries whose maps all have the same labels in the same order, each a dict of keys among
    ``href``, ``value``, ``timestamp``, one label holding the values (Instagram's ads seen: ``Author``) and
    at most one the times (``Time``). Text: the value, else the title; time: that label's ``timestamp``."""
    found = label_columns(list(map(dict.get, entries, repeat("string_map_data"))))
    if found is None:
        return None
    values: list[list[Any]] = []
    stamps: list[list[Any]] = []
    for fields in found.values():
        values.append(list(map(dict.get, fields, repeat("value"))))
        stamps.append(list(map(dict.get, fields, repeat("timestamp"))))
    n = len(entries)
    held = [v for v in values if v.count(None) != n]
    timed = [t for t in stamps if t.count(None) != n]
    if len(held) > 1 or len(timed) > 1:
        return None
    titles = list(map(dict.get, entries, repeat("title")))
    texts = _texts(held[0] if held else titles, titles, fix)
    return texts, whole_second_micros(timed[0]) if timed else None
