"""The GPS, upload IPs and tags a reader finds while it parses (one pass), against the findings pass's own scan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from metakit import AS_OF, mj, run

from exportscope.archive import Source
from exportscope.findings import find
from exportscope.findings import media as media_mod
from exportscope.model import Hits, JsonHit
from exportscope.platforms.meta.hits import HitScan, holding_keys, scan_json

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


def _spy_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The members the findings pass opens and parses itself (from now on)."""
    opened: list[str] = []
    original = media_mod.read_json_hits

    def spy(member: Any) -> list[JsonHit]:
        opened.append(member.path)
        return original(member)

    monkeypatch.setattr(media_mod, "read_json_hits", spy)
    return opened


def test_findings_take_the_readers_hits_and_open_only_the_rest(make_zip, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    profile = "personal_information/profile_information/profile_information.json"
    # A JSON file no rule reads: no reader has seen it, so the findings pass opens it (and finds its place).
    unknown = f"{YFA}/some_new_section/new_file.json"
    place = {"place": {"name": "Gare du Nord", "coordinate": {"latitude": 48.8809, "longitude": 2.3553}}}
    path = make_zip(
        ZIP,
        {
            POSTS: mj(_posts()),
            profile: mj({"profile_v2": {"name": {"full_name": "Jeanne Dö"}}}),
            unknown: mj([place]),
        },
    )
    analysis = run(path)
    opened = _spy_opened(monkeypatch)
    found = find(analysis)
    # The posts were walked by their reader; the profile was read by its reader, whose bytes hold no hit key.
    assert opened == [unknown]
    assert analysis.exports[0].hits[profile] == ()
    # The same findings as when the findings pass scans every member itself.
    analysis.exports[0].hits.clear()
    opened.clear()
    assert find(analysis) == found
    assert set(opened) == {POSTS, profile, unknown}
    by_type = {f["type"]: f for f in found}
    assert (by_type["gps"]["count"], by_type["upload_ip"]["count"], by_type["person"]["count"]) == (3, 1, 3)
    assert [e.get("place") for e in by_type["gps"]["examples"] if e["source"] == unknown] == ["Gare du Nord"]


IG_ZIP = "instagram-jdoe-2025-11-20-AAAA1111.zip"
IG_POSTS = "your_instagram_activity/media/posts_1.json"
IG_LIKES = "your_instagram_activity/likes/liked_posts.json"
IG_COMMENTS = "your_instagram_activity/comments/post_comments_1.json"


def test_members_loaded_without_a_hit_key_are_never_opened_again(make_zip, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Readers that do not walk what they parse (the generic reader, Instagram's posts and comments) still
    say which members hold no hit key; a member whose bytes hold one is left to the findings pass, which
    finds its GPS, upload IP and tags as before."""
    exif = {"exif_data": [{"latitude": 40.4168, "longitude": -3.7038, "upload_ip": "198.51.100.4"}]}
    posts = [
        {"title": "Madrid", "creation_timestamp": 1700000000,
         "media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 1700000000, "title": "",
                    "media_metadata": {"photo_metadata": exif}, "tags": [{"name": "Zoé Exemple"}]}]},
    ]  # fmt: skip
    likes = {"likes_media_likes": [
        {"title": "ben_sample", "string_list_data": [{"href": "https://www.instagram.com/p/x", "value": "\U0001f44d",
                                                     "timestamp": 1700000100}]},
    ]}  # fmt: skip
    comments = [{"string_map_data": {"Comment": {"value": "joli"}, "Time": {"timestamp": 1700000200}}}]
    path = make_zip(IG_ZIP, {IG_POSTS: mj(posts), IG_LIKES: mj(likes), IG_COMMENTS: mj(comments)})
    analysis = run(path)
    hits = analysis.exports[0].hits
    assert hits[IG_LIKES] == () and hits[IG_COMMENTS] == ()
    assert IG_POSTS not in hits  # its reader did not walk it: the findings pass does
    opened = _spy_opened(monkeypatch)
    by_type = {f["type"]: f for f in find(analysis)}
    assert opened == [IG_POSTS]
    assert [e["value"] for e in by_type["gps"]["examples"]] == ["40.41680, -3.70380"]
    assert [e["value"] for e in by_type["upload_ip"]["examples"]] == ["198.51.100.4"]
    assert [e["value"] for e in by_type["person"]["examples"]] == ["Zoé Exemple"]
    # The same findings as when the findings pass scans every member itself.
    analysis.exports[0].hits.clear()
    assert {f["type"]: f for f in find(analysis)} == by_type
    assert sorted(opened) == sorted([IG_POSTS, IG_POSTS, IG_LIKES, IG_COMMENTS])


def test_outside_a_reader_loading_notes_nothing(make_zip) -> None:  # type: ignore[no-untyped-def]
    """The check runs only for a reader (the platform hands the empty hits on); loading a member anywhere
    else (the findings pass, a tool) neither notes nor changes anything."""
    from exportscope.archive import open_source
    from exportscope.platforms.meta import hits as hits_mod
    from exportscope.platforms.meta.loading import load

    path = make_zip(IG_ZIP, {IG_COMMENTS: mj([{"string_map_data": {"Comment": {"value": "x"}}}])})
    source = open_source(path)
    try:
        (member,) = [m for m in source.members if m.path == IG_COMMENTS]
        assert load(member) == [{"string_map_data": {"Comment": {"value": "x"}}}]
        assert hits_mod._CHECKED.get() is None

        def reader() -> Iterator[Any]:  # loads as a reader does: while the platform runs it
            yield load(member)

        entries = [{"string_map_data": {"Comment": {"value": "x"}}}]
        assert list(hits_mod.hit_free(reader())) == [entries, Hits(IG_COMMENTS, ())]
        assert hits_mod._CHECKED.get() is None
    finally:
        source.close()


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


def test_a_zip_whose_json_was_all_scanned_is_not_opened_again(make_zip, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """No photo to read and every JSON file scanned by its reader: the findings come from the readers' hits
    alone, the same as when the findings pass opens the zip and scans every member itself."""
    path = make_zip(ZIP, {POSTS: mj(_posts()), OTHER: mj([{"timestamp": 1700000000, "data": [{"post": "x"}]}])})
    analysis = run(path)
    opened: list[Any] = []
    original = media_mod.open_source
    copy = Source.copy_if_unchanged

    def spy(where: Any) -> Any:
        opened.append(where)
        return original(where)

    def spy_copy(src: Source, *args: Any) -> Any:
        opened.append(src.path)
        return copy(src, *args)

    monkeypatch.setattr(media_mod, "open_source", spy)
    monkeypatch.setattr(Source, "copy_if_unchanged", spy_copy)
    found = find(analysis)
    assert opened == []
    assert {f["type"] for f in found} >= {"gps", "upload_ip", "person"}
    analysis.exports[0].hits.clear()
    assert find(analysis) == found
    assert opened == [path]


# --- which entries are walked ------------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "exif_data",
        "EXIF_Data",
        "coordinate",
        "Coordinate",
        "tags",
        "TAGS",
        "t\u0430gs",  # a Cyrillic a: not the key
        "\u212aeys",  # the Kelvin sign, which lower() makes an ASCII k
        "ex\u0130f_data",  # a dotted capital I, which lower() makes an i with a combining dot
        "tag\u00c3\u00a9s",  # mojibake of "tagés"
        "name",
        "latitude",
        "longitude",
        "upload_ip",
        "data",
        "post",
        "x",
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-200, 200),
    st.floats(-200, 200, allow_nan=False),
    st.sampled_from(["Ben Sample", "203.0.113.7", "tags", "exif_data", "Ch\u00c3\u00a9rie", " ", "\u0000"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, max_size=8))
def test_only_entries_without_any_hit_are_left_unwalked(entries: list[Any]) -> None:
    """Every entry :func:`scan_json` finds a hit in is among those :func:`holding_keys` keeps, so a scan of
    those alone is the scan of them all."""
    kept = holding_keys(entries)
    assert kept == sorted(set(kept))
    assert [i for i, e in enumerate(entries) if list(scan_json(e))] == [i for i in kept if list(scan_json(entries[i]))]
    scan = HitScan("posts_1.json", 10, b"tags")
    for row, entry in enumerate(entries, 1):
        scan.add(row, entry)
    every = [
        JsonHit(h.type, h.value, h.context, h.place, row) for row, e in enumerate(entries, 1) for h in scan_json(e)
    ]
    assert list(scan.result().hits) == [h for h in every if isinstance(entries[h.row - 1], dict | list)]


def test_entries_without_a_hit_key_are_not_walked() -> None:
    """In a file of 1,000 posts where one carries a photo's EXIF, one a place and one a tag, three are walked."""
    plain = {"timestamp": 1700000000, "title": "x", "data": [{"post": "hello"}, {"update_timestamp": 1}]}
    entries: list[Any] = [dict(plain) for _ in range(1000)]
    entries[10] = {
        **plain,
        "attachments": [
            {"data": [{"media": {"media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "203.0.113.7"}]}}}}]}
        ],
    }
    entries[500] = {**plain, "place": {"name": "Caf\u00c3\u00a9", "coordinate": {"latitude": 48.85, "longitude": 2.29}}}
    entries[999] = {**plain, "Tags": ["Ben Sample"]}
    assert holding_keys(entries) == [10, 500, 999]


# --- a run that asks for no findings ---------------------------------------------------------------------


@pytest.mark.parametrize("processes", ["one", "two"])
def test_a_run_without_findings_hands_on_no_hits_and_later_findings_are_the_same(
    processes: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``findings=False`` (``items``, ``summary --no-findings``): the readers neither check the bytes of what
    they load for hit keys nor walk entries, in either process, and claim nothing was scanned; findings
    asked of that analysis all the same scan the members themselves and find what a run with hits finds."""
    from exportscope import parallel
    from exportscope.pipeline import Options, analyze
    from exportscope.platforms.meta import hits as hits_mod
    from exportscope.samples import samples_dir

    export = samples_dir() / "facebook-2025"  # 19 JSON files the readers scan, one holding upload IPs and tags
    workers: list[parallel.Worker] = []
    if processes == "two":
        request.getfixturevalue("force_parallel")
        real_worker = parallel.Worker

        def spy(spec: Any = None, **kwargs: Any) -> parallel.Worker:
            workers.append(real_worker(spec, **kwargs))
            return workers[-1]

        monkeypatch.setattr(parallel, "Worker", spy)
    checks: list[bytes] = []
    real = hits_mod.may_hold_hits
    monkeypatch.setattr(hits_mod, "may_hold_hits", lambda raw: checks.append(raw) or real(raw))
    with_hits = analyze([export], Options(as_of=AS_OF))
    assert any(with_hits.exports[0].hits.values())
    checks.clear()
    workers.clear()
    without = analyze([export], Options(as_of=AS_OF), findings=False)
    assert without.exports[0].hits == {}  # nor any from the worker, which reads with its own switch
    assert checks == []
    if processes == "two":
        assert workers and workers[0].results  # the worker really read some of the files
    opened = _spy_opened(monkeypatch)
    assert find(without) == find(with_hits)
    assert set(opened) >= set(with_hits.exports[0].hits)  # the findings pass read every one itself
    assert without.items.equals(with_hits.items)


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["summary", "--json"], True),
        (["summary", "--json", "--no-findings"], False),
        (["summary"], False),  # the tables show no findings
        (["items", "-o", "{out}/items.csv"], False),
        (["items", "-o", "{out}/items.csv", "--redact"], True),  # masks what the findings name too
        (["report", "-o", "{out}/report.md"], True),
    ],
)
def test_commands_ask_for_hits_only_when_they_show_or_use_findings(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], wanted: bool
) -> None:
    from exportscope import pipeline
    from exportscope.samples import samples_dir

    asked: list[bool] = []
    real = pipeline.analyze

    def spy(*a: Any, findings: bool = True, **kw: Any) -> Any:
        asked.append(findings)
        return real(*a, findings=findings, **kw)

    monkeypatch.setattr(pipeline, "analyze", spy)
    result = cli(*[a.format(out=tmp_path) for a in args], samples_dir() / "facebook-2025")
    assert result.exit_code == 0, result.stderr
    assert asked == [wanted]
