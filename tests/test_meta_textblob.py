"""Message texts kept as bytes until the collector's column (issue 19), and the other whole-column paths of
the Meta readers: each gives what the per-message Python path gives, and each odd shape still takes that
path (a non-integer time, a message without content, a real Latin-1 run, a NUL, a Meta AI thread, a None in
the middle of a list of messages or entries)."""

from __future__ import annotations

import json
import random
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportscope.model import RecordBatch
from exportscope.platforms.meta import messages, posts
from exportscope.platforms.meta.jsonread import entries, entry_list, parse_ascii, repair_column, repair_string
from exportscope.platforms.meta.textblob import TextBlob
from exportscope.reading import Collector
from exportscope.reading.batch import _micros, extend_batch
from exportscope.textio import WHITESPACE
from tests.metakit import moj, rows, run

YFA = "your_facebook_activity"

#: Raw strings as a Meta file parsed without the repair gives them: mojibake (every UTF-8 byte one
#: character), whitespace of every kind Python strips (and some it does not), real Latin-1 that is not
#: UTF-8, empty and whitespace-only texts, and mojibake of a no-break space.
RAW = [
    moj("déjà vu 🎉"),
    moj("  voilà\u00a0"),  # ends in a no-break space once repaired: stripped
    "\x1c\x1dfile separators\x1e\x1f",  # Python strips these, Rust's trim does not
    moj("\u3000ideographic\u2028"),
    moj("\u200bzero width\u200b"),  # not whitespace to Python: kept
    "",
    " \t\n ",
    moj("\u00a0"),  # a text that is only a no-break space: None
    "plain ascii",
    moj("hé @Meta AI, où ?"),
    "\x85next line\x85",
]


def _reference(raw: list[str]) -> list[str | None]:
    return [repair_string(t).strip() or None for t in raw]


def test_whitespace_is_what_python_strips() -> None:
    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == WHITESPACE


def test_a_blob_gives_the_repaired_stripped_texts_in_python_and_in_polars() -> None:
    blob = TextBlob.of(RAW, repaired=False)
    assert blob is not None
    assert blob.strings() == _reference(RAW)
    assert TextBlob.column([blob]).to_list() == _reference(RAW)


def test_a_real_latin1_run_takes_the_string_by_string_repair() -> None:
    raw = [moj("café"), "é seul", "fin"]  # the lone \u00e9 is real Latin-1: not UTF-8 as bytes
    blob = TextBlob.of(raw, repaired=False)
    assert blob is not None
    assert TextBlob.column([blob]).to_list() == ["café", "é seul", "fin"] == blob.strings()
    other = TextBlob.of([moj("été")], repaired=False)
    assert other is not None  # one bad blob among good ones: every text still right
    assert TextBlob.column([other, blob]).to_list() == ["été", "café", "é seul", "fin"]


def test_what_a_blob_cannot_hold_is_refused() -> None:
    assert TextBlob.of(["a\x00b"], repaired=False) is None  # the separator inside a text
    assert TextBlob.of(["smile \U0001f600"], repaired=False) is None  # above U+00FF: not a byte
    assert TextBlob.of([], repaired=False) is None
    done = TextBlob.of(["smile \U0001f600 ", "déjà"], repaired=True)  # already repaired: UTF-8 as it is
    assert done is not None
    assert TextBlob.column([done]).to_list() == ["smile \U0001f600", "déjà"] == done.strings()


@pytest.mark.parametrize("shape", ["reading", "reverse", "order", "mixed"])
def test_fixes_and_orders_are_the_same_in_both_paths(shape: str) -> None:
    random.seed(7)
    made = []
    for k in range(4):
        raw = random.sample(RAW, 6)
        blob = TextBlob.of(raw, repaired=False, fixes={0: f"fixed {k}", 3: None})
        assert blob is not None
        if shape == "reverse" or (shape == "mixed" and k % 2):
            blob = blob.arranged(None, reverse=True)
        elif shape == "order" or shape == "mixed":
            order = list(range(6))
            random.shuffle(order)
            blob = blob.arranged(order)
        made.append(blob)
    expected = [t for b in made for t in b.strings()]
    assert TextBlob.column(made).to_list() == expected
    assert made[0].strings()[made[0].order.index(0) if made[0].order else (5 if made[0].reverse else 0)] == "fixed 0"


def test_joined_blobs_keep_their_fixes_in_place() -> None:
    a = TextBlob.of(["x", ""], repaired=False, fixes={1: "share"})
    b = TextBlob.of(["", "y"], repaired=False, fixes={0: "text"})
    assert a is not None and b is not None
    joined = TextBlob.join([a, b])
    assert joined is not None
    assert joined.strings() == ["x", "share", "text", "y"] == TextBlob.column([joined]).to_list()
    c = TextBlob.of(["z"], repaired=True)
    assert c is not None and TextBlob.join([a, c]) is None  # repaired and not: the strings decide


#: Pieces of raw texts: letters, whitespace Python strips, an @, mojibake (of é, 🎉, a no-break space and an
#: ideographic space) and a lone é (real Latin-1: the string-by-string repair).
_PIECES = ["a", "b", " ", "\t", "\x1c", "\x85", "\xa0", "@", "é", moj("é"), moj("🎉"), moj("\xa0"), moj("\u3000")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=8))
def test_any_texts_the_same_in_both_paths(raw: list[str]) -> None:
    blob = TextBlob.of(raw, repaired=False)
    assert blob is not None
    assert blob.strings() == _reference(raw) == TextBlob.column([blob.arranged(None)]).to_list()
    back = blob.arranged(None, reverse=True)
    assert TextBlob.column([back]).to_list() == _reference(raw)[::-1] == back.strings()


def test_collector_places_blobs_between_listed_texts() -> None:
    collector = Collector()
    shapes: dict[Any, int] = {}
    listed = RecordBatch(["one", None], [1.0, 2.0], [1, 2], ["a.json", "a.json"])
    blob = TextBlob.of(RAW[:3], repaired=False)
    assert blob is not None
    blobbed = RecordBatch(blob.arranged(None, reverse=True), [], [1, 2, 3], ["b.json"] * 3, micros=[5, 6, 7])
    for batch in (listed, blobbed, blobbed, listed):
        extend_batch(collector, batch, shapes, "facebook", "facebook.messages")
    frame = collector.frame()
    three = _reference(RAW[:3])[::-1]
    assert frame.get_column("text").to_list() == ["one", None, *three, *three, "one", None]
    assert frame.schema["text"] == pl.String
    assert frame.get_column("timestamp").dt.epoch("us").to_list()[2:5] == [5, 6, 7]


def test_a_blob_longer_than_the_cut_takes_its_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope.reading import batch as batch_module

    monkeypatch.setattr(batch_module, "MAX_TEXT_CHARS", 5)
    collector = Collector()
    blob = TextBlob.of(["short", "much longer text"], repaired=False)
    assert blob is not None
    tally = extend_batch(collector, RecordBatch(blob, [], [1, 2], ["m.json"] * 2, micros=[1, 2]), {}, "f", "r")
    assert tally.cut == {"m.json": 1}
    assert collector.frame().get_column("text").to_list() == ["short", "much "]


def test_whole_milliseconds_are_the_microseconds_of_the_float_path() -> None:
    random.seed(19)
    top = messages._EXACT_MS - 1
    ms = [1, 999, 1000, 1_700_000_000_123, top, top - 1, *(random.randrange(1, top) for _ in range(200_000))]
    assert _micros([m / 1000 for m in ms]) == [m * 1000 for m in ms]


# --- threads: the blob path and the per-message path give the same items ------------------------------


def _part(msgs: list[Any], participants: tuple[str, ...] = ("Ben", "Jeanne Doé")) -> bytes:
    """A part as Meta writes it; LATIN1 stands for a lone ``\\u00e9``, a run that is not UTF-8 (real Latin-1)."""
    doc = {"participants": [{"name": n} for n in participants], "messages": msgs}
    return json.dumps(moj(doc), ensure_ascii=True).encode("ascii").replace(b"LATIN1", b"\\u00e9")


def _common() -> list[Any]:
    return [
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_009_000, "content": "déjà vu 🎉 "},
        {"sender_name": "Jeanne Doé", "timestamp_ms": 1_700_000_008_000, "content": "hé @meta AI, où ?"},
        {"sender_name": "Meta AI", "timestamp_ms": 1_700_000_007_000, "content": "Bonjour 👋"},
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_006_000, "content": "", "share": {"share_text": "Café ☕"}},
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_006_000, "content": "  ", "text": "@Meta AI aide"},
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_005_000, "content": "\u00a0"},
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_004_000, "content": "tie"},
        {"sender_name": "Jeanne Doé", "timestamp_ms": 1_700_000_004_000, "content": "tie too", "text": "unused"},
    ]


ODD: dict[str, list[Any]] = {
    "common": [],
    "float time": [{"sender_name": "Ben", "timestamp_ms": 1_700_000_001_500.5, "content": "float"}],
    "no content": [{"sender_name": "Ben", "timestamp_ms": 1_700_000_001_000, "photos": [{"uri": "x.jpg"}]}],
    "none between": [None],
    "not a dict": ["not a message"],
    "string time": [{"sender_name": "Ben", "timestamp_ms": "1700000001000", "content": "string time"}],
    "far future": [{"sender_name": "Ben", "timestamp_ms": 2**32 * 1000 + 7, "content": "year 2106"}],
    "nul inside": [{"sender_name": "Ben", "timestamp_ms": 1_700_000_001_000, "content": "a\x00b"}],
}


def _thread_rows(path: Any) -> list[tuple[Any, ...]]:
    got = rows(run(path), "facebook.messages")
    return [(r["text"], r["timestamp"], r["row"], r["rule"], r["source"]) for r in got]


@pytest.mark.parametrize("odd", sorted(ODD))
@pytest.mark.parametrize("with_ai", [False, True])
def test_a_thread_reads_the_same_with_or_without_blobs(make_zip, monkeypatch, odd: str, with_ai: bool) -> None:
    newer = _common()
    older = [
        {"sender_name": "Ben", "timestamp_ms": 1_700_000_003_000, "content": "caf LATIN1 and café"},
        *ODD[odd],
        {"sender_name": "Jeanne Doé", "timestamp_ms": 1_700_000_009_500, "content": "out of order"},
    ]
    people = ("Ben", "Meta AI") if with_ai else ("Ben", "Jeanne Doé")
    folder = f"{YFA}/messages/inbox/ben_1"
    path = make_zip(
        "facebook-jdoe-2025-1-1-AbCdEfGh.zip",
        {f"{folder}/message_1.json": _part(newer, people), f"{folder}/message_2.json": _part(older, people)},
    )
    fast = _thread_rows(path)
    assert len(fast) == len(newer) + len(older) - (odd in ("none between", "not a dict"))
    texts = [t for t, *_ in fast]
    assert "Café ☕" in texts and "@Meta AI aide" in texts and "unused" not in texts
    assert "caf é and café" in texts  # the lone \u00e9 stays what it was, the mojibake beside it is repaired
    monkeypatch.setattr(messages, "_part_blob", lambda *a: None)
    assert _thread_rows(path) == fast


def test_the_common_thread_is_read_as_one_blob(monkeypatch) -> None:
    made: list[Any] = []
    real = messages._part_blob

    def spy(*args: Any) -> Any:
        made.append(out := real(*args))
        return out

    monkeypatch.setattr(messages, "_part_blob", spy)
    doc = parse_ascii(_part(_common()))
    thread = messages._Thread()
    messages._add_piece(doc["messages"], 0, False, repair_string, False, "m.json", thread)
    batch = thread.batch("inbox/ben_1")
    assert made[0] is not None and isinstance(batch.text, TextBlob) and batch.micros is not None
    assert batch.text.strings()[0] == "tie too"  # a tie: the later message in the file comes first


# --- posts and comments: whole files and word columns ---------------------------------------------------


def _posts_zip(make_zip: Any, listed: Any) -> Any:
    data = json.dumps(moj(listed), ensure_ascii=True).encode("ascii")
    return make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", {f"{YFA}/posts/your_posts_1.json": data})


def _post_rows(path: Any) -> list[tuple[Any, ...]]:
    got = rows(run(path), "facebook.posts")
    return [(r["text"], r["timestamp"], r["row"], r["kind"]) for r in got]


POSTS: dict[str, list[Any]] = {
    "status": [
        {"timestamp": 1_700_000_000 + i, "data": [{"post": f" été {i} "}, {"update_timestamp": 1_700_000_100}]}
        for i in range(5)
    ],
    "no post": [
        {"timestamp": 1_700_000_000, "data": [{"update_timestamp": 1}]},
        {"timestamp": 1_700_000_001, "data": [{"post": "x"}]},
    ],
    "comments": [
        {"timestamp": 1_700_000_000 + i, "data": [{"comment": {"comment": f"très {i}", "author": "Jeanne"}}]}
        for i in range(4)
    ],
    "comment strings": [{"timestamp": 1_700_000_000, "data": [{"comment": "tout court"}]}],
    "two keys": [
        {"timestamp": 1_700_000_000, "data": [{"post": "a", "text": "b"}]},
        {"timestamp": 1, "data": [{"post": "c"}]},
    ],
    "words later": [{"timestamp": 1_700_000_000, "data": [{"post": "a"}, {"post": "a"}, {"text": "b"}]}],
    "no data": [
        {"timestamp": 1_700_000_000, "title": "only a title"},
        {"timestamp": 1_700_000_001, "data": [{"post": "y"}]},
    ],
    "none between": [
        {"timestamp": 1_700_000_000, "data": [{"post": "a"}]},
        None,
        {"timestamp": 1, "data": [{"post": "b"}]},
    ],
    "number word": [{"timestamp": 1_700_000_000, "data": [{"post": 5}]}, {"timestamp": 1, "data": [{"post": "b"}]}],
    "mixed comments": [
        {"timestamp": 1, "data": [{"comment": {"comment": "a"}}]},
        {"timestamp": 2, "data": [{"comment": "b"}]},
    ],
    "with media": [
        {"timestamp": 1_700_000_000, "data": [{"post": "a"}]},
        {"timestamp": 1_700_000_001, "attachments": [{"data": [{"place": {"name": "Café de Flore"}}]}]},
    ],
    "wrapped": {"comments_v2": [{"timestamp": 1_700_000_000, "data": [{"comment": {"comment": "w"}}]}]},
    "empty": [],
}


@pytest.mark.parametrize("shape", sorted(POSTS))
def test_posts_read_the_same_as_columns_or_one_by_one(make_zip, monkeypatch, shape: str) -> None:
    path = _posts_zip(make_zip, POSTS[shape])
    fast = _post_rows(path)
    monkeypatch.setattr(posts, "_word_column", lambda entries: None)
    monkeypatch.setattr(posts, "_all_plain", lambda entries: False)
    assert _post_rows(path) == fast
    if shape == "status":
        assert [t for t, *_ in fast] == [f"été {i}" for i in range(5)]


def test_the_word_column_takes_only_its_shape() -> None:
    plain = [{"data": [{"post": "a"}, {"update_timestamp": 1}]}, {"data": [{"update_timestamp": 2}]}]
    assert posts._word_column(plain) == ["a", None]
    assert posts._word_column([{"data": [{"comment": {"comment": "c"}}]}]) == ["c"]
    assert posts._word_column([{"data": [{"post": "a", "text": "b"}]}]) is None  # two words
    assert posts._word_column([{"data": [{"post": "a"}, {"text": "b"}]}]) is None  # a word after the first
    assert posts._word_column([{"data": []}]) is None
    assert posts._word_column([{"title": "t"}]) is None


def test_entry_list_is_the_entries() -> None:
    for doc in (
        [{"a": 1}, {"b": 2}],
        {"x_v2": [{"a": 1}], "y": {"z": [{"b": 2}]}},
        [{"a": 1}, [{"b": 2}], None],
        {"title": "one"},
        {},
        None,
        5,
    ):
        assert entry_list(doc) == list(entries(doc))


# --- the generic reader's column shapes -------------------------------------------------------------


GENERIC: dict[str, list[Any]] = {
    "reactions": [
        {"timestamp": 1_700_000_000 + i, "title": "Jeanne a aimé.", "data": [{"reaction": {"reaction": "LIKE"}}]}
        for i in range(3)
    ],
    "searches": [
        {"timestamp": 1_700_000_000, "title": "You searched", "data": [{"text": " café "}]},
        {"timestamp": 1_700_000_001, "title": "You searched", "data": [{"text": "\u00a0"}]},  # blank: the title
        {"timestamp": 1_700_000_001, "title": " Recherché ", "data": [{"text": " \u3000 "}]},
        {"timestamp": 1_700_000_002, "data": [{"text": ""}]},  # blank and no title: none
        {"timestamp": 1_700_000_003, "title": 5, "data": [{"text": 7}]},
    ],
    "no time": [
        {"title": "t", "data": [{"text": "a"}]},
        {"title": "u", "data": [{"comment": {"timestamp": 1_700_000_000}}]},
    ],
    "some untimed": [{"timestamp": 1_700_000_000, "data": [{"text": "a"}]}, {"title": "u", "data": [{"text": "b"}]}],
    "float time": [{"timestamp": 1_700_000_000.5, "data": [{"text": "a"}]}],
    "zero time": [{"timestamp": 0, "data": [{"text": "a"}]}],
    "text time": [{"timestamp": "yesterday", "title": "t", "data": [{"reaction": {}}]}],
    "far time": [{"timestamp": 2**53, "data": [{"text": "a"}]}],
    "two keys": [{"timestamp": 1, "data": [{"text": "a", "uri": "b"}]}],
    "two items": [{"timestamp": 1, "data": [{"text": "a"}, {"text": "b"}]}],
    "liked": [
        {"title": "ben", "string_list_data": [{"href": "https://x", "value": " 👍 ", "timestamp": 1_700_000_000}]},
        {"title": "ben", "string_list_data": [{"href": "https://x", "timestamp": 1_700_000_001}]},
        {"string_list_data": [{"value": "  ", "timestamp": 1_700_000_002}]},
    ],
    "liked untimed": [{"title": "ben", "string_list_data": [{"value": "v"}]}],
    "liked more keys": [{"title": "ben", "string_list_data": [{"value": "v", "timestamp": 1, "extra": 2}]}],
    "liked two": [{"title": "ben", "string_list_data": [{"value": "v"}, {"value": "w"}]}],
    "ads": [
        {"string_map_data": {"Author": {"value": " brand "}, "Time": {"timestamp": 1_700_000_000}}},
        {"title": "t", "string_map_data": {"Author": {"value": "\u00a0"}, "Time": {"timestamp": 1_700_000_001}}},
        {"string_map_data": {"Author": {"value": 3}, "Time": {"timestamp": 1_700_000_002}}},
    ],
    "ads untimed": [{"string_map_data": {"Author": {"value": "brand", "href": "https://x"}}}],
    "ads empty": [{"title": "t", "string_map_data": {}}],
    "other labels": [{"string_map_data": {"Author": {"value": "a"}}}, {"string_map_data": {"Name": {"value": "b"}}}],
    "two values": [{"string_map_data": {"Author": {"value": "a"}, "Name": {"value": "b"}}}],
    "two times": [{"string_map_data": {"A": {"timestamp": 1}, "B": {"timestamp": 2}}}],
    "time label": [{"string_map_data": {"timestamp": {"value": "a"}}}],
    "other shape": [{"name": "Ben", "timestamp": 1_700_000_000}],
    "mixed shapes": [{"timestamp": 1, "data": [{"text": "a"}]}, {"title": "b", "string_list_data": [{"value": "c"}]}],
    "not dicts": [{"timestamp": 1, "data": [{"text": "a"}]}, "x"],
}


@pytest.mark.parametrize("shape", sorted(GENERIC))
def test_generic_columns_are_values_text_and_record_seconds(shape: str) -> None:
    from exportscope.platforms.meta.generic import generic_columns
    from exportscope.platforms.meta.jsonread import record_seconds, values_text

    listed = GENERIC[shape]
    got = generic_columns(listed)
    timed = {"reactions", "searches", "liked", "ads"}
    untimed = {
        "no time",
        "some untimed",
        "float time",
        "zero time",
        "far time",
        "liked untimed",
        "ads untimed",
        "ads empty",
    }
    assert (got is not None) == (shape in timed | untimed)
    if got is None:
        return
    texts, micros = got
    assert texts == [values_text(e) for e in listed]
    raw = parse_ascii(json.dumps(moj(listed), ensure_ascii=True).encode("ascii"))  # as parsed without the repair
    assert generic_columns(raw, repair_column) == got
    seconds = [record_seconds(e) for e in listed]
    if micros is not None:
        assert micros == _micros(seconds)
    assert (micros is None) == (shape in untimed)


@pytest.mark.parametrize("shape", ["reactions", "searches", "liked", "ads", "no time", "other shape", "mixed shapes"])
def test_generic_files_read_the_same_as_columns_or_one_by_one(make_zip, monkeypatch, shape: str) -> None:
    from exportscope.platforms.meta import readers

    data = json.dumps(moj(GENERIC[shape]), ensure_ascii=True).encode("ascii")
    path = make_zip(
        "facebook-jdoe-2025-1-1-AbCdEfGh.zip", {f"{YFA}/comments_and_reactions/likes_and_reactions_1.json": data}
    )

    def read() -> list[tuple[Any, ...]]:
        return [(r["text"], r["timestamp"], r["row"], r["kind"]) for r in rows(run(path), "facebook.reactions")]

    fast = read()
    assert len(fast) == len(GENERIC[shape])
    monkeypatch.setattr(readers, "generic_columns", lambda *args: None)
    assert read() == fast


def test_raw_parsing_is_tried_only_where_the_columns_may_take_the_file() -> None:
    from exportscope.platforms.meta.generic import worth_raw

    def of(shape: str) -> bytes:
        return json.dumps(GENERIC[shape]).encode()

    assert worth_raw(of("reactions")) and worth_raw(of("liked"))
    assert not worth_raw(of("ads")) and not worth_raw(of("other shape"))


def test_a_long_file_whose_other_keys_hide_in_its_middle_reads_the_same(make_zip, monkeypatch) -> None:
    """The guess looks at the head and the tail only: an entry of another shape in the middle of a long file
    makes it parsed raw, refused by the columns and parsed again with the repair, with the same items."""
    from exportscope.platforms.meta import generic, readers

    monkeypatch.setattr(generic, "GUESS_BYTES", 256)
    odd = {"timestamp": 1700000000, "title": "Jane Doé shared a photo", "data": [{"media": {"uri": "x.jpg"}}]}
    listed = [*GENERIC["reactions"] * 4, odd, *GENERIC["reactions"] * 4]
    data = json.dumps(moj(listed), ensure_ascii=True).encode("ascii")
    assert generic.worth_raw(data) and b'"media"' in data
    path = make_zip(
        "facebook-jdoe-2025-1-1-AbCdEfGh.zip", {f"{YFA}/comments_and_reactions/likes_and_reactions_1.json": data}
    )

    def read() -> list[tuple[Any, ...]]:
        return [(r["text"], r["timestamp"], r["row"], r["kind"]) for r in rows(run(path), "facebook.reactions")]

    fast = read()
    assert len(fast) == len(listed) and ("Jane Doé shared a photo" in {r[0] for r in fast})
    monkeypatch.setattr(generic, "GUESS_BYTES", 1 << 30)  # the whole file looked at: parsed with the repair
    assert read() == fast
    monkeypatch.setattr(readers, "generic_columns", lambda *args: None)
    assert read() == fast


def test_a_media_file_name_is_the_path_objects() -> None:
    from pathlib import PurePosixPath

    from exportscope.platforms.meta.media import file_name

    for path in ["media/posts/1.jpg", "a//b.jpg", "a/b/", "a/b/.", "a/./b", "a/..", "..", ".", "", "x", "a/b//", "/a"]:
        assert file_name(path) == PurePosixPath(path).name, path


def test_blobs_past_the_largest_string_take_their_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope.platforms.meta import textblob

    blob = TextBlob.of(RAW, repaired=False)
    assert blob is not None
    monkeypatch.setattr(textblob, "_LARGEST", 10)
    monkeypatch.setattr(textblob, "_column", lambda blobs: pytest.fail("the one pass was tried"))
    assert TextBlob.column([blob.arranged(None, reverse=True)]).to_list() == _reference(RAW)[::-1]
