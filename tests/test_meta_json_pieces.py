"""A big Meta JSON file read in pieces (issue 20): the same values as parsed whole, whatever the cuts meet."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from exportscope.platforms.meta import jsonstream
from exportscope.platforms.meta.jsonread import NotJSONError, loads
from exportscope.platforms.meta.jsonstream import pieces
from tests.metakit import mj, rows, run


@pytest.fixture(autouse=True)
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of about 200 bytes, so a small file is cut many times (at every kind of place)."""
    monkeypatch.setattr(jsonstream, "PIECE_BYTES", 200)


def rebuilt(data: bytes) -> Any:
    """The document put back together from its pieces."""
    out: Any = None
    for key, value, is_piece in pieces(data):
        if key is None:
            out = (out or []) + value if is_piece else value
            continue
        out = {} if out is None else out
        if is_piece:
            out.setdefault(key, []).extend(value)
        else:
            out[key] = value
    return out


def awkward_messages(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """Messages whose text and nesting hold what a cut could be fooled by: ``}, {`` in strings, quotes and
    backslashes, nested lists of dicts (reactions), non-ASCII (mojibake once written), empty values."""
    rng = random.Random(seed)
    tricky = ['a}, {"b": 1', 'quote " and \\ backslash', "café 👋 don’t", "}, {", "", "[{]}", "\\u00e9 as text"]
    out: list[dict[str, Any]] = []
    for i in range(n):
        m: dict[str, Any] = {"sender_name": "Jeanne Dö", "timestamp_ms": 1_700_000_000_000 - i}
        m["content"] = rng.choice(tricky)
        if i % 3 == 0:
            m["reactions"] = [{"reaction": "❤", "actor": "Ben"}, {"reaction": "👍", "actor": "Jeanne"}]
        if i % 5 == 0:
            m["photos"] = [{"uri": f"photos/{i}.jpg", "creation_timestamp": 1_700_000_000}]
        if i % 7 == 0:
            m["share"] = {"link": "https://example.com/?a={b}", "share_text": "}, {"}
        out.append(m)
    return out


@pytest.mark.parametrize("indent", [None, 2])
def test_a_thread_in_pieces_is_the_thread_parsed_whole(indent: int | None) -> None:
    doc = {
        "participants": [{"name": "Ben"}, {"name": "Jeanne Dö"}],
        "messages": awkward_messages(300),
        "title": "Ben}, {",
        "is_still_participant": True,
        "thread_path": "inbox/ben_1",
        "magic_words": [],
        "image": {"uri": "x.jpg", "creation_timestamp": 1},
        "joinable_mode": None,
        "n": -1.5e3,
    }
    data = mj(doc) if indent else json.dumps(doc, ensure_ascii=True, separators=(",", ":")).encode()
    assert rebuilt(data) == loads(data)
    got = list(pieces(data))
    assert sum(1 for k, _, p in got if k == "messages" and p) > 10  # really cut, not read whole
    assert [k for k, _, _ in got if k != "messages"] == [
        "participants", "title", "is_still_participant", "thread_path", "magic_words", "image", "joinable_mode", "n"
    ]  # fmt: skip
    assert ("magic_words", [], True) in got  # an empty array is one empty piece: its key is not lost


def test_a_top_level_list_and_other_shapes() -> None:
    posts = [{"timestamp": i, "data": [{"post": f"post {i} }}, {{"}]} for i in range(200)]
    assert rebuilt(mj(posts)) == loads(mj(posts))
    assert rebuilt(b"[]") == [] and rebuilt(b"  {}  ") is None
    assert rebuilt(b'["a", 1, null, [2, 3], {"x": "]"}]') == ["a", 1, None, [2, 3], {"x": "]"}]
    assert list(pieces(b'"just a string"')) == [(None, "just a string", False)]
    assert rebuilt(b"\xef\xbb\xbf" + mj({"messages": [{"content": "été"}]})) == {"messages": [{"content": "été"}]}


@pytest.mark.parametrize(
    "broken",
    [
        b'{"messages": [{"content": "a"}, {"content": "b"',
        b'{"messages": [{"content": "a"}, {"content": "b"}]',
        b'{"messages": [{"content": "a"}]} trailing',
        b'{"messages" [1]}',
        b'{"messages": [1], "x": tru}',
        b'[{"a": 1}, {"b": 2}',
        b'{"messages": [' + b'{"c": "unterminated}, {' * 50,
    ],
)
def test_a_broken_file_raises_the_one_line_error(broken: bytes) -> None:
    with pytest.raises(NotJSONError) as err:
        list(pieces(broken))
    assert err.value.code == "not_json"


def test_too_deep_is_said_as_when_parsed_whole() -> None:
    with pytest.raises(NotJSONError) as err:
        list(pieces(b'{"messages": [' + b"[" * 5000 + b"]" * 5000 + b"]}"))
    assert err.value.code == "too_deep"


def test_a_big_thread_part_read_in_pieces_gives_the_same_items(make_zip, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's path for a big part (pieces) and for a small one (whole) give the same items, rows
    included, and a part that breaks half-way fails alone with none of its messages kept."""
    from exportscope.platforms.meta import loading

    base = "your_facebook_activity/messages/inbox/ben_1"
    msgs = awkward_messages(400)
    msgs.insert(17, "not a message")  # counted in the rows, as when the part is parsed whole
    members = {
        f"{base}/message_1.json": mj({"participants": [{"name": "Ben"}], "messages": msgs}),
        f"{base}/message_2.json": mj({"participants": [{"name": "Ben"}], "messages": awkward_messages(50, 2)})[:-900],
        "your_facebook_activity/messages/inbox/ai_2/message_1.json": mj(
            {"messages": awkward_messages(30, 3), "participants": [{"name": "Meta AI"}]}
        ),  # participants after the messages: every message is still shared with Meta AI
    }
    whole = run(make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", members), workers=1)
    monkeypatch.setattr(loading, "STREAM_BYTES", 0)
    cut = run(make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", members), workers=1)
    assert rows(cut) == rows(whole)
    assert len(rows(whole, "facebook.messages")) == 400 + 30
    assert {r["rule"] for r in rows(whole) if r["thread"] == "inbox/ai_2"} == {"facebook.messages.meta_ai"}
    assert 18 not in {r["row"] for r in rows(cut) if r["thread"] == "inbox/ben_1"}  # the string, not an item
    failed = {e.path: e.reason for e in cut.ledger if e.status.value == "failed"}
    assert list(failed) == [f"{base}/message_2.json"] and failed[f"{base}/message_2.json"].startswith("not valid")


class _Member:
    """What ``load_entries`` needs of a member: its size and its bytes."""

    def __init__(self, data: bytes) -> None:
        self.data, self.size, self.path = data, len(data), "x.json"

    def read_bytes(self) -> bytes:
        return self.data


@pytest.mark.parametrize(
    "doc",
    [
        [{"timestamp": i, "data": [{"post": f"p {i} }}, {{"}]} for i in range(100)] + [None, [{"nested": 1}], 3],
        {"comments_v2": [{"timestamp": i, "title": "a}, {b"} for i in range(100)], "more": {"x": [1, 2]}},
        {"events_joined": [{"name": f"e{i}"} for i in range(60)], "events_declined": [], "hidden": {}},
        {"messages": [{"content": "a record, not a wrapper"}] * 50, "title": "t"},  # a record key: one item
        {"list": [{"a": 1}] * 50, "flag": True},  # a scalar value: one item
        {},
        "café",
    ],
)
def test_big_entries_are_the_entries_of_the_whole_file(doc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope.platforms.meta import loading
    from exportscope.platforms.meta.jsonread import entries

    data = mj(doc)
    whole = list(entries(loads(data)))
    monkeypatch.setattr(loading, "STREAM_BYTES", 0)
    assert list(loading.load_entries(_Member(data))) == whole  # type: ignore[arg-type]
