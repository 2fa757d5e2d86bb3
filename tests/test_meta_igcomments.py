"""Instagram comments read as columns give exactly the records read entry by entry, and the files the columns
cannot read exactly (mixed labels, nested values, several timed labels, owners changing at every comment) are
read entry by entry."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from exportscope.model import RecordBatch
from exportscope.platforms.meta import readers
from exportscope.platforms.meta.igcomments import comment_batches
from exportscope.platforms.meta.readers import COMMENT_LABELS, OWNER_LABELS, comment_record
from tests.metakit import mj, rows, run

YIA = "your_instagram_activity"
PATH = f"{YIA}/comments/post_comments_1.json"


def _comment(text: Any, owner: Any = "ben_sample", stamp: Any = 1420029794) -> dict[str, Any]:
    return {
        "string_map_data": {
            "Comment": {"value": text},
            "Media Owner": {"value": owner},
            "Time": {"timestamp": stamp},
        }
    }


def _flat(batches: list[RecordBatch]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for b in batches:
        micros = b.micros if b.micros is not None else [None if e is None else round(e * 1_000_000) for e in b.epoch]
        out += [(t, m, r, b.visibility, s) for t, m, r, s in zip(b.text, micros, b.row, b.source, strict=True)]
    return out


def _one_by_one(entries: list[Any]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for row, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            r = comment_record(entry, row, PATH)
            stamp = None if r.epoch is None else round(r.epoch * 1_000_000)
            out.append((r.text, stamp, r.row, r.visibility, r.source))
    return out


def test_a_common_file_is_read_as_columns_with_the_same_items(make_zip: Any, monkeypatch: Any) -> None:
    entries = [
        _comment("great 😂 café"),
        _comment("  padded  "),
        _comment(""),
        _comment("on ana's", owner="ana"),
        _comment("no time", stamp=None),
        *[_comment(f"c{i}", owner="ana" if 20 <= i < 25 else "ben_sample", stamp=1420029794 + i) for i in range(40)],
    ]
    got = comment_batches(entries, COMMENT_LABELS, OWNER_LABELS, PATH)
    assert got is not None and len(got) >= 2  # one batch per run of one owner
    assert _flat(got) == _one_by_one(entries)

    path = make_zip("instagram-jdoe-2026-03-09-AAAA1111.zip", {PATH: mj(entries)})

    def read() -> list[dict[str, Any]]:
        return rows(run(path), "instagram.comments")

    fast = read()
    assert len(fast) == len(entries) and fast[0]["text"] == "great 😂 café"
    monkeypatch.setattr(readers, "comment_batches", lambda *args: None)
    assert read() == fast


def test_files_the_columns_cannot_read_exactly_are_read_entry_by_entry() -> None:
    common = [_comment("a"), _comment("b")]
    refused = {
        "labels differ": [*common, {"string_map_data": {"Comment": {"value": "c"}}}],
        "another key": [*common, {**_comment("c"), "title": "x"}],
        "nested value": [*common, _comment({"value": "c"})],
        "nested time": [*common, _comment("c", stamp={"timestamp": 1420029794})],
        "two timed labels": [
            {"string_map_data": {"Comment": {"value": "a", "timestamp": 1}, "Time": {"timestamp": 2}}}
        ],
        "no comment label": [{"string_map_data": {"Text": {"value": "a"}, "Media Owner": {"value": "ben"}}}],
        "a time label": [{"string_map_data": {"Comment": {"value": "a"}, "timestamp": {"value": "1"}}}],
        "owners alternate": [_comment(str(i), owner=f"o{i % 2}") for i in range(40)],
        "not all dicts": [*common, "x"],
    }
    for name, entries in refused.items():
        assert comment_batches(entries, COMMENT_LABELS, OWNER_LABELS, PATH) is None, name


_VALUES = st.one_of(
    st.none(), st.sampled_from(["", " ", "hi", " café ", "😂", "ben_sample"]), st.integers(-2, 3), st.booleans()
)
_STAMPS = st.one_of(
    st.none(),
    st.sampled_from([0, -1, 1420029794, 2**40, 2**60, "1420029794", "x", 1.5, True, 1420029794.25]),
)
_LABELS = ["Comment", "Media Owner", "Time", "Commentaire", " comment ", "Other"]


@st.composite
def _files(draw: Any) -> list[Any]:
    order = draw(st.lists(st.sampled_from(_LABELS), min_size=1, max_size=4, unique=True))
    timed = draw(st.lists(st.sampled_from(order), max_size=2, unique=True))
    n = draw(st.integers(1, 12))
    entries: list[Any] = []
    for _ in range(n):
        smd: dict[str, Any] = {}
        for label in order:
            field: dict[str, Any] = {}
            if draw(st.booleans()):
                field["value"] = draw(_VALUES)
            if draw(st.integers(0, 4)) == 0:
                field["href"] = draw(st.sampled_from(["https://x", None, 3]))
            if label in timed and draw(st.integers(0, 5)) > 0:
                field["timestamp"] = draw(_STAMPS)
            smd[label] = field
        entries.append({"string_map_data": smd})
    return entries


@settings(max_examples=1500, deadline=None)
@given(_files())
def test_columns_or_not_the_same_records(entries: list[Any]) -> None:
    got = comment_batches(entries, COMMENT_LABELS, OWNER_LABELS, PATH, min_run=1)
    if got is not None:
        assert _flat(got) == _one_by_one(entries)
