"""Counting findings by distinct value, and keeping every place each value was seen as item ids.

Why a module of its own: the findings used to keep five examples and count occurrences, so "IP addresses
recorded with uploads: 4" listed two addresses then "and 2 more" that were the same two. Here every finding
counts its distinct values and, per value, the items that carry it; and it keeps *every* reference, not only
the examples, so the terminal UI can mark each item that has a finding and jump from a finding to its items.

Memory stays light: a reference is one integer in an ``array('q')`` (the item's position in the analysis'
items frame), never a copy of the item; a place that has no position yet (a photo file, a JSON entry found
by re-reading the archive) is a packed (source id, row) integer until :func:`resolve` maps it to the items
that file and row produced. Only the first :data:`MAX_EXAMPLES` values keep an example (a snippet); the rest
keep their value, their counts and their references.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

MAX_EXAMPLES = 5
_ROW_BITS = 32


@dataclass(slots=True)
class _Value:
    """One distinct value of a finding: its shown value, first example, counts and references."""

    value: str
    example: dict[str, Any] | None
    count: int = 0
    private: int = 0  # occurrences in a private message (not used for training)
    refs: array[int] = field(default_factory=lambda: array("q"))  # item positions
    places: array[int] = field(default_factory=lambda: array("q"))  # packed (source id, row), where no position
    linked: array[int] = field(default_factory=lambda: array("q"))  # the positions the places resolved to


@dataclass(slots=True)
class _Bucket:
    count: int = 0
    values: dict[str, _Value] = field(default_factory=dict)


class Collector:
    """Counts every occurrence per (type, platform), by distinct value, with every reference kept."""

    def __init__(self, max_examples: int = MAX_EXAMPLES) -> None:
        self.max_examples = max_examples
        self.buckets: dict[tuple[str, str], _Bucket] = {}
        self.sources: list[str] = []
        self._source_ids: dict[str, int] = {}

    def _place(self, source: str, row: int | None) -> int:
        sid = self._source_ids.get(source)
        if sid is None:
            sid = self._source_ids[source] = len(self.sources)
            self.sources.append(source)
        return (sid << _ROW_BITS) | (0 if row is None else (row + 1) & 0xFFFFFFFF)

    def add(
        self,
        type_: str,
        platform: str,
        value: str,
        example: dict[str, Any],
        key: str | None = None,
        *,
        item: int | None = None,
        private: bool = False,
    ) -> None:
        """One occurrence; ``key`` (default: the value) decides what counts as distinct. ``item`` is the
        position of the item it was found in; without it, the example's ``source`` and ``row`` say where it
        was seen, resolved to items later (:func:`resolve`). ``private``: seen in a private message."""
        b = self.buckets.setdefault((type_, platform), _Bucket())
        b.count += 1
        key = value if key is None else key
        v = b.values.get(key)
        if v is None:
            keep = len(b.values) < self.max_examples
            v = b.values[key] = _Value(value, {"value": value, **example} if keep else None)
        v.count += 1
        v.private += private
        if item is not None:
            if not v.refs or v.refs[-1] != item:
                v.refs.append(item)
        elif example.get("source"):
            place = self._place(str(example["source"]), example.get("row"))
            if not v.places or v.places[-1] != place:
                v.places.append(place)

    # --- resolving places to items ----------------------------------------------------------------------

    def pending(self) -> list[tuple[str, str, int | None]]:
        """Every (platform, source, row) seen without an item position, distinct."""
        out: set[tuple[str, str, int | None]] = set()
        for (_, platform), b in self.buckets.items():
            for v in b.values.values():
                for place in set(v.places):
                    row = place & 0xFFFFFFFF
                    out.add((platform, self.sources[place >> _ROW_BITS], row - 1 if row else None))
        return sorted(out, key=lambda p: (p[0], p[1], -1 if p[2] is None else p[2]))

    def resolve(self, found: dict[tuple[str, str, int | None], list[int]]) -> None:
        """Link the places of :meth:`pending` to the item positions that file and row produced (``found``: a
        post and its photo share one). A place still counts as one item, linked or not (a photo sent in a
        message has no item of its own)."""
        for (_, platform), b in self.buckets.items():
            for v in b.values.values():
                for place in v.places:
                    row = place & 0xFFFFFFFF
                    v.linked.extend(
                        found.get((platform, self.sources[place >> _ROW_BITS], row - 1 if row else None), [])
                    )

    # --- output -----------------------------------------------------------------------------------------

    def result(self, platform_order: Iterable[str] = ()) -> tuple[list[dict[str, Any]], FindingRefs]:
        """The findings (JSON-ready dicts) and their references, in the order findings are shown."""
        from exportscope.findings import FINDING_TYPES

        order = {p: i for i, p in enumerate(platform_order)}
        rank = {t: i for i, t in enumerate(FINDING_TYPES)}
        keys = sorted(self.buckets, key=lambda k: (order.get(k[1], len(order)), k[1], rank.get(k[0], 99)))
        findings: list[dict[str, Any]] = []
        refs: dict[tuple[str, str], list[tuple[str, array[int]]]] = {}
        for t, p in keys:
            b = self.buckets[(t, p)]
            examples = []
            every: set[int] = set()
            loose: set[int] = set()
            private = 0
            per_value: list[tuple[str, array[int]]] = []
            for v in b.values.values():
                items = set(v.refs)
                spots = set(v.places)
                every |= items
                loose |= spots
                private += v.private
                per_value.append((v.value, array("q", sorted(items | set(v.linked)))))
                if v.example is not None:
                    examples.append({**v.example, "occurrences": v.count, "items": len(items) + len(spots)})
            refs[(t, p)] = per_value
            finding: dict[str, Any] = {
                "type": t,
                "platform": p,
                "count": b.count,
                "distinct": len(b.values),
                "items": len(every) + len(loose),
                "examples": examples,
            }
            if private:
                finding["private"] = private
            findings.append(finding)
        return findings, FindingRefs(refs)


class FindingRefs:
    """Every item each finding was seen in, as positions in the analysis' items frame (ids, not copies).

    ``of(type, platform)`` gives the positions of a finding, ``of(type, platform, value)`` those of one of
    its values; :meth:`positions` every position that carries any finding (the terminal UI marks those).
    """

    def __init__(self, refs: dict[tuple[str, str], list[tuple[str, array[int]]]] | None = None) -> None:
        self._refs = refs or {}

    def of(self, type_: str, platform: str, value: str | None = None) -> list[int]:
        out: set[int] = set()
        for v, positions in self._refs.get((type_, platform), []):
            if value is None or v == value:
                out.update(positions)
        return sorted(out)

    def positions(self) -> set[int]:
        return {p for values in self._refs.values() for _, positions in values for p in positions}

    def __len__(self) -> int:
        return sum(len(positions) for values in self._refs.values() for _, positions in values)


def places_to_items(items: pl.DataFrame, pending: list[tuple[str, str, int | None]]) -> dict[Any, list[int]]:
    """The positions of the items each (platform, source, row) produced; a row of None means the whole
    source (a photo file is the source of its media item).

    The pending places are joined to the items as columns, so Python meets only the items that match (the
    500 photos of a posts file of 5,000 entries: 10 ms when every item of the file was a Python tuple)."""
    import polars as pl

    if not pending:
        return {}
    sources = sorted({s for _, s, _ in pending})
    frame = (
        items.select("platform", "source", "row")
        .with_row_index("_pos")
        .filter(pl.col("source").is_in(sources))
        .with_columns(pl.col("platform", "source").cast(pl.String), pl.col("row").cast(pl.Int64))
    )
    types = {"platform": pl.String, "source": pl.String, "row": pl.Int64}
    out: dict[Any, list[int]] = {}
    for on, wanted in (
        (["platform", "source", "row"], [p for p in pending if p[2] is not None]),
        (["platform", "source"], [p for p in pending if p[2] is None]),
    ):
        if not wanted:
            continue
        keys = pl.DataFrame([p[: len(on)] for p in wanted], schema={c: types[c] for c in on}, orient="row")
        matched = frame.join(keys, on=on, how="semi").sort("_pos")
        whole = len(on) == 2
        for pos, platform, source, row in matched.iter_rows():
            out.setdefault((platform, source, None if whole else row), []).append(int(pos))
    return out
