"""The GPS, upload IPs and tags a reader finds while it parses (one pass), against the findings pass's own scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from metakit import mj, run

from exportscope.findings import find
from exportscope.findings import media as media_mod
from exportscope.model import JsonHit

YFA = "your_facebook_activity"
POSTS = f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.json"
OTHER = f"{YFA}/posts/your_posts__check_ins__photos_and_videos_2.json"
ZIP = "facebook-jdoe-2025-11-20-AbCdEfGh.zip"


def _posts() -> list[Any]:
    """Posts with every hit shape the scan knows, in entries read as columns (plain) and as records."""
    photo = {
        "uri": f"{YFA}/posts/media/Album_1/1_n_1.jpg",
        "creation_timestamp": 1700000000,
        "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": " 203.0.113.7 ", "latitude": 48.85837,
                                                             "longitude": 2.294481}]}},
    }  # fmt: skip
    return [
        {"timestamp": 1700000000, "data": [{"post": "plain, no hit"}]},
        {"timestamp": 1700000100, "data": [{"post": "avec Chérie"}], "tags": ["Ben Sample", {"name": "Chérie Dö"}]},
        {"timestamp": 1700000200, "data": [{"post": "photo"}], "attachments": [{"data": [{"media": photo}]}]},
        "not an entry",
        {"timestamp": 1700000300, "data": [{"post": "café"}],
         "attachments": [{"data": [{"place": {"name": " Café  du Coin ", "coordinate": {"latitude": 52.0,
                                                                                        "longitude": 4.0}}}]}]},
        {"timestamp": 1700000400, "data": [{"place": {"name": "Null Island", "coordinate": {"latitude": 0,
                                                                                           "longitude": 0}}}]},
        {"timestamp": 1700000500, "data": [{"post": "nested"}], "media": [{"uri": "x.jpg", "tags": [" Zoé "]}]},
    ]  # fmt: skip


def _reread(path: Path) -> dict[str, list[JsonHit]]:
    """What the findings pass finds in each JSON member when it opens them all itself."""
    from exportscope.archive import open_source

    source = open_source(path)
    try:
        return {m.path: media_mod.read_json_hits(m) for m in source.members if m.suffix == ".json"}
    finally:
        source.close()


def test_the_posts_reader_finds_the_hits_the_findings_pass_would(make_zip) -> None:  # type: ignore[no-untyped-def]
    path = make_zip(ZIP, {POSTS: mj(_posts()), OTHER: mj([{"timestamp": 1700000000, "data": [{"post": "x"}]}])})
    analysis = run(path)
    hits = analysis.exports[0].hits
    expected = _reread(path)
    assert hits[POSTS] == tuple(expected[POSTS])
    assert {h.type for h in hits[POSTS]} == {"gps", "upload_ip", "person"}
    assert [h.value for h in hits[POSTS] if h.type == "person"] == ["Ben Sample", "Chérie Dö", "Zoé"]
    assert [(h.row, h.place) for h in hits[POSTS] if h.context == "place"] == [(5, "Café du Coin")]
    assert hits[OTHER] == ()  # scanned (its bytes hold no hit key): none, and never opened again


def test_findings_take_the_readers_hits_and_open_only_the_rest(make_zip, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    profile = "personal_information/profile_information/profile_information.json"
    path = make_zip(ZIP, {POSTS: mj(_posts()), profile: mj({"profile_v2": {"name": {"full_name": "Jeanne Dö"}}})})
    analysis = run(path)
    opened: list[str] = []
    original = media_mod.read_json_hits

    def spy(member: Any) -> list[JsonHit]:
        opened.append(member.path)
        return original(member)

    monkeypatch.setattr(media_mod, "read_json_hits", spy)
    found = find(analysis)
    assert POSTS not in opened and profile in opened
    # The same findings as when the findings pass scans every member itself.
    analysis.exports[0].hits.clear()
    opened.clear()
    assert find(analysis) == found
    assert POSTS in opened
    by_type = {f["type"]: f for f in found}
    assert (by_type["gps"]["count"], by_type["upload_ip"]["count"], by_type["person"]["count"]) == (2, 1, 3)


def test_a_member_not_read_raw_is_left_to_the_findings_pass(make_zip) -> None:  # type: ignore[no-untyped-def]
    """Raw UTF-8 bytes (not Meta's escapes) are parsed repaired: the reader's document is not the findings
    pass's, so it gives no hits and the findings pass opens the member as before."""
    import json

    raw = json.dumps(_posts(), ensure_ascii=False).encode("utf-8")
    path = make_zip(ZIP, {POSTS: raw})
    analysis = run(path)
    assert POSTS not in analysis.exports[0].hits
    persons = {f["type"]: f for f in find(analysis)}["person"]
    assert [e["value"] for e in persons["examples"]] == ["Ben Sample", "Chérie Dö", "Zoé"]
