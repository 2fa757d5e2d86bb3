"""Meta files read as columns (issue 19): the mojibake repaired on the strings kept, with the same answer as
the bytes-level repair of the whole file, and message threads read the same either way."""

from __future__ import annotations

import json
from typing import Any

import pytest

from exportscope.platforms.meta import jsonread, loading
from exportscope.platforms.meta.jsonread import loads, parse_ascii, repair_column, repair_string
from tests.metakit import moj, rows, run

YFA = "your_facebook_activity"

#: Strings as they stand in a Meta file once decoded without repair: mojibake (every UTF-8 byte one
#: character), real Latin-1 that is not UTF-8, escapes above U+00FF, and mixes of these in one string.
TRICKY: list[Any] = [
    moj("café crème"),
    moj("👋 salut"),  # a 4-byte character
    "é",  # a lone \u00e9: real Latin-1, stays
    "é and " + moj("café"),  # one run real Latin-1, the other mojibake: each run decided alone
    moj("déjà") + " \u2019 " + moj("ça"),  # a character above U+00FF between two runs
    moj("ok ") + "\U0001f600" + moj(" à"),  # a real emoji (a surrogate pair in the file) beside runs
    moj("voilà"),  # mojibake ending in what reads as a no-break space (à = C3 A0)
    "\\u00c3\\u00a9 is text",  # escaped backslashes: no escape at all
    moj("a\x00b é"),  # the column separator inside a value
    "plain ascii",
    "",
    None,
    17,
    moj("Ã©"),  # the person really wrote mojibake: repaired once, to what they wrote
]


def _file(values: list[Any]) -> bytes:
    return json.dumps(values, ensure_ascii=True).encode("ascii")


def test_the_column_repair_is_the_bytes_repair_of_the_whole_file() -> None:
    data = _file(TRICKY)
    assert repair_column(parse_ascii(data)) == loads(data)
    for value in TRICKY:  # alone, and each string on its own (the per-string fallback)
        one = _file([value])
        assert repair_column(parse_ascii(one)) == loads(one)
        if isinstance(value, str):
            assert repair_string(parse_ascii(one)[0]) == loads(one)[0]


def test_the_one_pass_is_taken_when_every_run_is_utf8() -> None:
    good = [moj("café"), moj("naïve 🎉"), None, "x"]
    assert repair_column(good) == ["café", "naïve 🎉", None, "x"]
    assert repair_column([moj("é"), "é"]) == ["é", "é"]  # the second is real Latin-1: it alone stays


def test_a_file_with_raw_non_ascii_bytes_is_not_parsed_raw() -> None:
    with pytest.raises(LookupError):
        parse_ascii('["déjà"]'.encode())
    assert loads('["déjà"]'.encode()) == ["déjà"]  # a file already repaired stays as it is


def _thread() -> dict[str, Any]:
    msgs: list[Any] = [
        {"sender_name": "Ben", "timestamp_ms": 1700000005000, "content": "voilà "},
        {"sender_name": "Meta AI", "timestamp_ms": 1700000004000, "content": "Bonjour 👋"},
        {"sender_name": "Jeanne", "timestamp_ms": 1700000003000, "content": "hé @meta AI, où ?"},
        {"sender_name": "Jeanne", "timestamp_ms": 1700000002000, "share": {"share_text": "Café ☕"}},
        {"sender_name": "", "senderName": "meta ai", "timestamp_ms": 1700000001000, "content": "   "},
        {"sender_name": "Ben", "timestamp_ms": 1700000001000, "content": "é"},
        {"sender_name": "Ben", "timestamp_ms": 1700000000000, "text": "à demain"},
    ]
    return {"participants": [{"name": "Ben"}, {"name": "Jeanne Doé"}], "messages": msgs, "title": "Ben"}


def _all_content() -> dict[str, Any]:
    """Every message with a ``content`` string: the part's one-pass shape."""
    msgs: list[Any] = [
        {"sender_name": "Ben", "timestamp_ms": 1700000003000, "content": "déjà vu 🎉"},
        {"sender_name": "Meta AI", "timestamp_ms": 1700000002000, "content": "voilà"},
        {"sender_name": "Ben", "timestamp_ms": 1700000001000, "content": "  ", "text": "à toi"},
        {"sender_name": "Jeanne Doé", "timestamp_ms": 1700000000000, "content": "é"},
    ]
    return {"participants": [{"name": "Ben"}, {"name": "Jeanne Doé"}], "messages": msgs}


def test_a_part_of_content_strings_is_repaired_in_one_pass(make_zip, monkeypatch) -> None:
    path = _messages_zip(make_zip, _all_content())
    raw = _read(path)
    assert [t for t, *_ in raw] == ["é", "à toi", "voilà", "déjà vu 🎉"]
    assert [rule.endswith("meta_ai") for *_, rule in raw] == [False, False, True, False]
    monkeypatch.setattr(loading, "parse_ascii", lambda data: (_ for _ in ()).throw(LookupError("forced")))
    assert _read(path) == raw


def _messages_zip(make_zip: Any, doc: dict[str, Any], odd: bool = False) -> Any:
    part = moj(doc)
    if odd:  # a message that is not a dict: the part is read message by message
        part["messages"].append("not a message")
    data = json.dumps(part, ensure_ascii=True).encode("ascii")
    return make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", {f"{YFA}/messages/inbox/ben_1/message_1.json": data})


def _read(path: Any) -> list[tuple[Any, ...]]:
    got = rows(run(path), "facebook.messages")
    return [(r["text"], r["timestamp"], r["row"], r["rule"]) for r in got]


@pytest.mark.parametrize("odd", [False, True])
def test_a_thread_reads_the_same_parsed_raw_or_repaired_as_bytes(make_zip, monkeypatch, odd: bool) -> None:
    path = _messages_zip(make_zip, _thread(), odd)
    raw = _read(path)
    texts = [t for t, *_ in raw]
    assert texts == ["à demain", "é", None, "Café ☕", "hé @meta AI, où ?", "Bonjour 👋", "voilà"]
    marked = [rule.endswith("meta_ai") for *_, rule in raw]
    assert marked == [False, False, True, False, True, True, False]

    def refuse(data: bytes) -> Any:
        raise LookupError("forced")

    monkeypatch.setattr(loading, "parse_ascii", refuse)
    assert _read(path) == raw
    assert jsonread.parse_ascii is not refuse


def _posts() -> list[Any]:
    """Posts of every shape read_posts knows, plain ones around the others (their order must hold)."""
    photo = {"uri": f"{YFA}/posts/media/a/1.jpg", "creation_timestamp": 1700000100, "title": "Plage"}
    return [
        {"timestamp": 1700000000, "title": "Jeanne Doé a publié.", "data": [{"post": "voilà "}, {"post": "voilà"}]},
        {"timestamp": 1700000010, "data": [{"comment": {"comment": "très bien", "author": "Jeanne Doé"}}]},
        {"timestamp": 1700000020, "data": [{"comment": "é"}, {"text": "  "}, {"update_timestamp": 1700000021}]},
        {"timestamp": 1700000030, "attachments": [{"data": [{"media": photo}]}], "data": [{"post": "Été 🌞"}]},
        {"timestamp": 1700000040, "data": [{"post": "après la plage"}]},
        {"timestamp": 1700000050, "attachments": [{"data": [{"place": {"name": "Café de Flore"}}]}]},
        {"timestamp": 1700000060, "label_values": [{"label": "Groupe", "value": "Randonnée"}]},
        {"timestamp": 1700000070, "title": "only a title"},
        "not an entry",
        {"timestamp": 1700000080, "data": [{"post": moj("déjà")}]},  # really written as mojibake
    ]


def test_posts_read_the_same_parsed_raw_or_repaired_as_bytes(make_zip, monkeypatch) -> None:
    data = json.dumps(moj(_posts()), ensure_ascii=True).encode("ascii")
    path = make_zip(
        "facebook-jdoe-2025-1-1-AbCdEfGh.zip",
        {f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.json": data, f"{YFA}/posts/media/a/1.jpg": b"x"},
    )

    def read() -> list[tuple[Any, ...]]:
        got = rows(run(path), "facebook.posts")
        return [(r["text"], r["timestamp"], r["row"], r["kind"]) for r in got]

    raw = read()
    assert [t for t, *_ in raw] == [
        "voilà",
        "très bien",
        "é",
        "Été 🌞",
        "Plage",
        "après la plage",
        "Café de Flore",
        "Randonnée",
        None,
        moj("déjà").strip(),  # what was written, stripped like any text
    ]
    assert [r for _, _, r, _ in raw] == [1, 2, 3, 4, 4, 5, 6, 7, 8, 10]
    monkeypatch.setattr(loading, "parse_ascii", lambda data: (_ for _ in ()).throw(LookupError("forced")))
    assert read() == raw
