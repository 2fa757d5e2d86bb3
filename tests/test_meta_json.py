"""Meta's JSON conventions: mojibake repaired strictly and once (strings and keys), shapes unwrapped, times."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from exportscope.platforms.meta.jsonread import (
    NotJSONError,
    bare_key,
    entries,
    fix_text,
    loads,
    record_time,
    repair_bytes,
    values_text,
)


def meta_bytes(value: object) -> bytes:
    """JSON as Meta writes it: every UTF-8 byte of every string and key as one \\u00XX escape."""

    def moj(v: object) -> object:
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [moj(x) for x in v]
        if isinstance(v, dict):
            return {moj(k): moj(x) for k, x in v.items()}
        return v

    return json.dumps(moj(value), ensure_ascii=True).encode("ascii")


def test_meta_escapes_are_the_documented_bytes() -> None:
    assert meta_bytes("don’t") == b'"don\\u00e2\\u0080\\u0099t"'
    assert meta_bytes("👍") == b'"\\u00f0\\u009f\\u0091\\u008d"'


@pytest.mark.parametrize(
    "text",
    ["café", "don’t", "Zoë & Søren", "👍🏽 👨‍👩‍👧", "🇵🇹", "日本語", "Ça marche ! « guillemets »", "naïve crêpe"],
)
def test_repair_restores_accents_emoji_and_cjk(text: str) -> None:
    assert loads(meta_bytes({"k": text})) == {"k": text}


def test_keys_are_repaired_too() -> None:
    data = loads(meta_bytes({"string_map_data": {"Opgeslagen op": {"timestamp": 1}, "Catégorie": {"value": "é"}}}))
    assert list(data["string_map_data"]) == ["Opgeslagen op", "Catégorie"]
    assert data["string_map_data"]["Catégorie"]["value"] == "é"


def test_repair_is_idempotent_on_its_own_output() -> None:
    raw = meta_bytes({"k": "Vacances à Lisbonne 🇵🇹"})
    once = repair_bytes(raw)
    assert repair_bytes(once) == once
    assert once == '{"k": "Vacances à Lisbonne 🇵🇹"}'.encode()


def test_repair_is_strict_invalid_utf8_runs_stay() -> None:
    # A lone \u00e9 is real Latin-1 text (é), not UTF-8 bytes: it must survive as é.
    assert loads(b'{"k": "caf\\u00e9"}') == {"k": "café"}
    # Real, correctly escaped text (no mojibake) is left alone: U+2019 is above U+00FF.
    assert loads(b'{"k": "don\\u2019t \\ud83d\\udc4d"}') == {"k": "don’t 👍"}
    # Bytes that are not valid UTF-8 (a lead byte without its continuation) stay as written.
    assert loads(b'{"k": "\\u00c3x"}') == {"k": "Ãx"}


def test_an_escaped_backslash_is_never_taken_for_an_escape() -> None:
    # JSON "\\u00c3\\u00a9" after a literal backslash: the text is a backslash then "u00c3..." verbatim.
    assert loads(b'{"k": "a\\\\u00c3\\u00a9"}') == {"k": "a\\u00c3\u00a9"}
    # Three backslashes: one literal backslash, then a real escape run that is repaired.
    assert loads(b'{"k": "\\\\\\u00c3\\u00a9"}') == {"k": "\\é"}


def test_ascii_escapes_are_never_rewritten() -> None:
    assert loads(b'{"k": "a\\u0022b\\u005c"}') == {"k": 'a"b\\'}


def test_fix_text_matches_the_reference_function() -> None:
    assert fix_text("donâ\x80\x99t") == "don’t"
    assert fix_text("café") == "café"  # é alone is not UTF-8: unchanged
    assert fix_text("日本") == "日本"  # above U+00FF: unchanged
    assert fix_text(fix_text("Ã©t\u00e9")) == fix_text("Ã©t\u00e9")


def test_html_in_a_json_file_is_a_clear_error() -> None:
    with pytest.raises(NotJSONError, match="HTML-format export"):
        loads(b"\xef\xbb\xbf\n<!DOCTYPE html><html><body>Posts</body></html>")
    with pytest.raises(NotJSONError, match="not valid JSON"):
        loads(b'{"k": ')
    assert loads(b"  ") is None


def test_version_suffixes_are_stripped() -> None:
    assert [bare_key(k) for k in ("comments_v2", "following_v3", "friends", "profile_v2", "v2_thing")] == [
        "comments",
        "following",
        "friends",
        "profile",
        "v2_thing",
    ]


@pytest.mark.parametrize(
    ("data", "count"),
    [
        ([{"timestamp": 1}, {"timestamp": 2}], 2),  # list top
        ({"comments_v2": [{"timestamp": 1}, {"timestamp": 2}, {"timestamp": 3}]}, 3),  # dict wrapping a list
        ({"comments": [{"timestamp": 1}]}, 1),  # bare key (2018-20)
        ({"event_responses_v2": {"events_joined": [{"name": "a"}], "events_declined": [{"name": "b"}]}}, 2),
        ({"timestamp": 1, "title": "x"}, 1),  # a single object
        ({"topics_v2": ["Cuisine", "Voyages"]}, 2),  # strings
        ({"string_map_data": {"Username": {"value": "jdoe"}}}, 1),  # a record, not a wrapper
        ({}, 0),
        (None, 0),
    ],
)
def test_entries_unwrap_every_top_level_shape(data: object, count: int) -> None:
    assert len(list(entries(data))) == count


def test_record_time_seconds_zero_and_nested_labels() -> None:
    assert record_time({"timestamp": 1700000000}) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert record_time({"timestamp": 0}) is None
    assert record_time({"timestamp_ms": 1700000000123}) == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)
    localized = {"string_map_data": {"Opmerking": {"value": "x"}, "Tijd": {"timestamp": 1716200000}}}
    assert record_time(localized) == datetime(2024, 5, 20, 10, 13, 20, tzinfo=UTC)
    lv = {"label_values": [{"label": "Sent", "timestamp_value": 1730000000}]}
    assert record_time(lv) == datetime(2024, 10, 27, 3, 33, 20, tzinfo=UTC)


def test_values_text_prefers_values_over_title_sentences() -> None:
    rec = {"timestamp": 1, "title": "Vous avez cherché", "data": [{"text": "pâtisserie belém"}]}
    assert values_text(rec) == "pâtisserie belém"
    assert values_text({"title": "Jeanne a aimé une photo.", "data": [{"reaction": {"reaction": "LIKE"}}]}) == (
        "Jeanne a aimé une photo."
    )
    sld = {"title": "", "string_list_data": [{"href": "https://x", "value": "ben_sample", "timestamp": 1}]}
    assert values_text(sld) == "ben_sample"
    login = {"action": "Login", "timestamp": 5, "ip_address": "198.51.100.23"}
    assert values_text(login) == "Login · 198.51.100.23"


def test_fast_path_equals_the_run_by_run_rewrite() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from exportscope.platforms.meta.mojibake import _ESCAPES, _unescape_run

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.text(max_size=12), st.booleans()), max_size=6), st.booleans())
    def check(strings: list[tuple[str, bool]], upper: bool) -> None:
        parts = []
        for text, mojibake in strings:
            value = text.encode("utf-8").decode("latin-1") if mojibake else text
            parts.append(json.dumps(value, ensure_ascii=True))
        data = ("[" + ",".join(parts) + "]").encode("ascii")
        if upper:
            data = data.replace(b"\\u00c3", b"\\u00C3")
        assert repair_bytes(data) == _ESCAPES.sub(_unescape_run, data)
        if all(m for _, m in strings):
            assert loads(data) == [t for t, _ in strings]

    check()


def test_epoch_seconds_follow_the_datetime_rules() -> None:
    """The float-seconds path used by the hot Meta readers accepts and rejects what from_epoch does."""
    from exportscope import dates

    assert dates.epoch_seconds(1_700_000_123_456, millis=True) == 1_700_000_123.456
    assert dates.epoch_seconds(1_700_000_000) == dates.from_epoch(1_700_000_000).timestamp()  # type: ignore[union-attr]
    for unknown in (0, -5, True, "x", None, 10**15):
        assert dates.epoch_seconds(unknown) is None
