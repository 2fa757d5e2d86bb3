"""Meta exports as a whole: names and parts, media by suffix, verdict inputs (audience, privacy, age, region),
HTML-format exports, and media bodies never read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from exportscope.archive import Source
from exportscope.notes import Note
from exportscope.platforms.meta import parse_export_name
from exportscope.platforms.meta.media import MediaIndex
from tests.metakit import counts, ledger, mj, rows, run

YFA = "your_facebook_activity"
YIA = "your_instagram_activity"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("facebook-jdoe-2025-11-20-AbCdEfGh.zip", ("jdoe", "2025-11-20", date(2025, 11, 20))),
        ("instagram-jane.doe_99-2026-3-11-AAAA1111.zip", ("jane.doe_99", "2026-3-11", date(2026, 3, 11))),
        ("facebook-100004567890123-12-4-2025-Qw3rTy12.zip", ("100004567890123", "12-4-2025", date(2025, 12, 4))),
        ("facebook-jane-doe-25-4-2025-Qw3rTy12.zip", ("jane-doe", "25-4-2025", date(2025, 4, 25))),
        ("facebook-jdoe-2025-11-20-AbCdEfGh-20250101T120000Z-001.zip", ("jdoe", "2025-11-20", date(2025, 11, 20))),
        ("facebook-jdoe-2025-11-20-AbCdEfGh (1).zip", ("jdoe", "2025-11-20", date(2025, 11, 20))),
        ("facebook-jdoe-2025-13-45-AbCdEfGh.zip", ("jdoe", "2025-13-45", None)),
        ("Complete_LinkedInDataExport_03-09-2026.zip", None),
    ],
)
def test_export_names(name: str, expected: tuple[str, str, date | None] | None) -> None:
    assert parse_export_name(name) == expected


def _ig_parts(make_zip, second: str = "BBBB2222") -> list[Path]:
    a = make_zip(
        "instagram-jdoe-2025-11-20-AAAA1111.zip",
        {
            f"{YIA}/media/posts_1.json": mj(
                [
                    {
                        "title": "Deux photos 📷",
                        "creation_timestamp": 1715000000,
                        "media": [
                            {"uri": "media/posts/202405/a1.jpg", "creation_timestamp": 1715000000},
                            {
                                "uri": "https://scontent.example.net/v/t51/a2.jpg?stp=dst",
                                "creation_timestamp": 1715000000,
                            },
                            {"uri": "media/posts/202405/a3", "creation_timestamp": 1715000000},
                        ],
                    }
                ]
            ),
            "personal_information/personal_information/personal_information.json": mj(
                {
                    "profile_user": [
                        {
                            "string_map_data": {
                                "Private Account": {"value": "False"},
                                "Date of birth": {"value": "1990-05-14"},
                            }
                        }
                    ]
                }
            ),
            "personal_information/information_about_you/profile_based_in.json": mj(
                {"inferred_data_primary_location": [{"string_map_data": {"City Name": {"value": "Berlin, Germany"}}}]}
            ),
        },
    )
    # The second part holds only media (and none of the JSON): detection, merging and resolution still work.
    b = make_zip(
        f"instagram-jdoe-2025-11-20-{second}.zip",
        {
            "media/posts/202405/a1.jpg": b"\xff\xd8\xff",
            "media/posts/202405/a2.jpg": b"\xff\xd8\xff",
            "media/posts/202405/a3.jpg": b"\xff\xd8\xff",
        },
    )
    return [a, b]


def test_two_parts_merge_and_media_resolve_across_them(make_zip) -> None:
    a = run(_ig_parts(make_zip))
    assert len(a.exports) == 1
    assert [s.name for s in a.exports[0].sources] == [
        "instagram-jdoe-2025-11-20-AAAA1111.zip",
        "instagram-jdoe-2025-11-20-BBBB2222.zip",
    ]
    assert a.exports[0].export_date == date(2025, 11, 20)
    got = rows(a, "instagram.posts")
    # A relative uri, a CDN URL and an extension-less name all resolve to the files of the other part.
    assert [r["source"] for r in got] == [
        f"{YIA}/media/posts_1.json",
        "media/posts/202405/a1.jpg",
        "media/posts/202405/a2.jpg",
        "media/posts/202405/a3.jpg",
    ]
    assert ledger(a)[f"{YIA}/media/posts_1.json"] == ("parsed", "instagram.posts", 4, None)
    assert counts(a) == {
        ("instagram", "post", "training"): 1,
        ("instagram", "media", "training"): 3,
        ("instagram", "profile", "not_used"): 1,
        ("instagram", "setting", "not_used"): 1,
        ("instagram", "location", "not_used"): 1,
    }
    ctx = a.contexts["instagram"]
    assert (ctx.region, ctx.region_source, ctx.account_private, ctx.birth) == ("eu", "export", False, (1990, 5, 14))


def test_parts_of_another_date_are_another_export(make_zip) -> None:
    one = make_zip("facebook-jdoe-2025-11-20-AbCdEfGh.zip", {f"{YFA}/posts/your_posts_1.json": mj([])})
    other = make_zip("facebook-jdoe-2024-1-2-ZzZzZzZz.zip", {f"{YFA}/posts/your_posts_1.json": mj([1])})
    a = run([one, other])
    # The same user at another date: an older export of the account, listed and not counted.
    assert len(a.exports) == 1 and a.exports[0].sources[0].name == one.name
    assert [(e.name, e.role.value) for e in a.export_entries] == [(one.name, "analysed"), (other.name, "older")]
    assert (
        len(run([one, make_zip("facebook-jdoe-2025-11-20-Other123.zip", {f"{YFA}/x/no-data.txt": b""})]).exports) == 1
    )


def test_media_index_resolution_rules() -> None:
    index = MediaIndex.build(
        [
            "wrap/your_facebook_activity/posts/media/Album_1/123_n_456.jpg",
            "your_facebook_activity/posts/media/Other_2/123_n_456.jpg",
            "media/posts/202403/caf\u00c3\u00a9.jpg",  # a mojibake'd member name
            "your_facebook_activity/posts/your_posts_1.json",
        ]
    )
    assert index.resolve("your_facebook_activity/posts/media/Album_1/123_n_456.jpg") == (
        "wrap/your_facebook_activity/posts/media/Album_1/123_n_456.jpg"
    )
    assert index.resolve("your_facebook_activity/posts/media/Other_2/123_n_456.jpg") == (
        "your_facebook_activity/posts/media/Other_2/123_n_456.jpg"
    )
    assert index.resolve("media/posts/202403/café.jpg") == "media/posts/202403/caf\u00c3\u00a9.jpg"
    assert index.resolve("") is None
    assert index.resolve("https://cdn.example.net/unknown.jpg") is None
    assert index.resolve("your_facebook_activity/posts/your_posts_1.json") is None


def test_a_photo_in_a_post_and_its_album_is_one_media_item(make_zip) -> None:
    uri = f"{YFA}/posts/media/Album_1/1.jpg"
    a = run(
        make_zip(
            "facebook-jdoe-2025-1-1-AbCdEfGh.zip",
            {
                f"{YFA}/posts/your_posts_1.json": mj(
                    [{"timestamp": 1, "attachments": [{"data": [{"media": {"uri": uri}}]}], "data": [{"post": "p"}]}]
                ),
                f"{YFA}/posts/album/0.json": mj(
                    {"name": "Album", "photos": [{"uri": uri}, {"uri": uri[:-5] + "2.jpg"}]}
                ),
                uri: b"\xff",
                uri[:-5] + "2.jpg": b"\xff",
            },
        )
    )
    assert counts(a) == {("facebook", "post", "conditional"): 1, ("facebook", "media", "conditional"): 2}


# --- verdict inputs ------------------------------------------------------------------------------------------


def _fb(make_zip, birthday: dict[str, int] | None = None, jurisdiction: str | None = None) -> Path:
    profile: dict[str, object] = {"name": {"full_name": "Jeanne"}, "emails": {"emails": ["j@example.com"]}}
    if birthday:
        profile["birthday"] = birthday
    members = {
        f"{YFA}/posts/your_posts_1.json": mj([{"timestamp": 1700000000, "data": [{"post": "Bonjour"}]}]),
        f"{YFA}/comments_and_reactions/comments.json": mj(
            {"comments_v2": [{"timestamp": 1700000100, "data": [{"comment": {"comment": "ok"}}]}]}
        ),
        "personal_information/profile_information/profile_information.json": mj({"profile_v2": profile}),
    }
    if jurisdiction:
        members["logged_information/location/your_privacy_jurisdiction.json"] = mj(
            [{"timestamp": 1, "label_values": [{"label": "Jurisdiction", "value": jurisdiction}]}]
        )
    return make_zip("facebook-jdoe-2025-11-20-AbCdEfGh.zip", members)


@pytest.mark.parametrize(
    ("audience", "verdict", "visibility"),
    [("unknown", "conditional", "unknown"), ("public", "training", "public"), ("friends", "not_used", "network")],
)
def test_facebook_audience_decides_what_conditional_becomes(make_zip, audience, verdict, visibility) -> None:
    a = run(_fb(make_zip), facebook_audience=audience)
    post, comment = rows(a, "facebook.posts") + rows(a, "facebook.comments")
    assert (post["verdict"], post["visibility"]) == (verdict, visibility)
    assert (comment["verdict"], comment["visibility"]) == (verdict, visibility)
    name, email = rows(a, "facebook.profile")
    # A name is always public on Facebook: training whatever the posts' audience (rule book, Facebook).
    assert (name["verdict"], name["visibility"], email["verdict"]) == ("training", "public", "not_used")


def test_facebook_audience_option_on_the_command_line(make_zip, cli) -> None:
    path = _fb(make_zip)
    result = cli("summary", path, "--json", "--as-of", "2026-01-01", "--facebook-audience", "public")
    assert result.exit_code == 0, result.stderr
    (fb,) = orjson.loads(result.stdout)["platforms"]
    assert fb["totals"] == {"training": 3, "conditional": 0, "excluded": 0, "not_used": 1}


def test_a_minor_is_excluded_by_the_facebook_birthday(make_zip) -> None:
    a = run(_fb(make_zip, birthday={"year": 2010, "month": 6, "day": 1}))
    assert {r["verdict"] for r in rows(a)} == {"not_used"}
    assert {r["note"] for r in rows(a, "facebook.posts")} == {"under-18 accounts are excluded"}


def test_an_instagram_minor_is_excluded_and_threads_inherits_the_birth_date(make_zip) -> None:
    path = make_zip(
        "instagram-kid-2025-11-20-AbCdEfGh.zip",
        {
            f"{YIA}/media/posts_1.json": mj([{"title": "x", "creation_timestamp": 1, "media": []}]),
            f"{YIA}/threads/threads_and_replies.json": mj(
                {"text_post_app_text_posts": [{"title": "t", "creation_timestamp": 1, "media": []}]}
            ),
            "personal_information/personal_information/personal_information.json": mj(
                {
                    "profile_user": [
                        {
                            "string_map_data": {
                                "Private Account": {"value": "False"},
                                "Date of birth": {"value": "2011-02-03"},
                            }
                        }
                    ]
                }
            ),
        },
    )
    a = run(path)
    assert a.contexts["threads"].birth == (2011, 2, 3)
    assert counts(a)[("instagram", "post", "not_used")] == 1
    assert counts(a)[("threads", "post", "not_used")] == 1


def test_region_from_the_privacy_jurisdiction_and_the_policy_date(make_zip) -> None:
    path = _fb(make_zip, jurisdiction="European Union")
    before = run(path, as_of=date(2025, 1, 1))
    assert (before.contexts["facebook"].region, before.contexts["facebook"].region_source) == ("eu", "export")
    assert {r["verdict"] for r in rows(before, "facebook.posts")} == {"not_used"}
    assert rows(before, "facebook.posts")[0]["note"] == "policy in force from 2025-05-27 in region eu"
    after = run(path, as_of=date(2025, 6, 1))
    assert {r["verdict"] for r in rows(after, "facebook.posts")} == {"conditional"}
    unknown = run(_fb(make_zip))
    assert (unknown.contexts["facebook"].region, unknown.contexts["facebook"].region_source) == (None, "unknown")


# --- HTML-format exports ------------------------------------------------------------------------------------


def test_an_html_export_is_explained_never_decoded(make_zip, cli) -> None:
    page = b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>Jeanne</body></html>"
    path = make_zip(
        "facebook-jdoe-2025-11-20-AbCdEfGh.zip",
        {
            f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.html": page,
            f"{YFA}/posts/album/0.html": page,
            f"{YFA}/posts/media/Album_1/1.jpg": b"\xff",
            f"{YFA}/posts/media/Album_1/2.jpg": b"\xff",
            f"{YFA}/comments_and_reactions/comments.html": page,
            f"{YFA}/messages/inbox/ben_1/message_1.html": page,
            f"{YFA}/messages/inbox/ben_1/photos/3.jpg": b"\xff",
            f"{YFA}/messages/archived_threads/ana_2/message_1.html": page,
            "personal_information/profile_information/profile_information.html": page,
            # A JSON-named file that holds HTML fails alone with a clear reason.
            "logged_information/search/your_search_history.json": page,
        },
    )
    a = run(path)
    notes = a.contexts["facebook"].notes
    assert notes[0] == Note.of("html_export", label="Facebook", pages=6)
    assert notes[1] == Note.of(
        "html_inventory",
        threads=2,
        media=2,
        inventory="messages 2, posts 2, comments_and_reactions 1, personal_information 1",
    )
    assert notes[2] == Note.of("html_how_to_json")
    assert ledger(a)[f"{YFA}/posts/album/0.html"][:2] == ("ignored", "facebook.html_page")
    status = ledger(a)["logged_information/search/your_search_history.json"][0]
    assert status == "failed"
    (entry,) = [e for e in a.ledger if e.path == "logged_information/search/your_search_history.json"]
    assert entry.reason_code == "html_export"
    result = cli("summary", path)
    assert result.exit_code == 0
    assert "This Facebook export is in the HTML format" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_an_instagram_html_export_is_recognised(make_zip) -> None:
    page = b"<html><body>x</body></html>"
    a = run(
        make_zip(
            "instagram-jdoe-2025-11-20-AbCdEfGh.zip",
            {
                "start_here.html": page,
                f"{YIA}/media/posts_1.html": page,
                "personal_information/personal_information/personal_information.html": page,
                "media/posts/202401/a.jpg": b"\xff",
            },
        )
    )
    assert a.exports[0].platform.name == "instagram"
    assert a.contexts["instagram"].notes[0] == Note.of("html_export", label="Instagram", pages=3)
    assert a.items.height == 0


# --- media bodies are never read ----------------------------------------------------------------------------


def test_no_media_body_is_ever_opened(make_zip, monkeypatch) -> None:
    from exportscope.platforms.meta.media import MEDIA_SUFFIXES

    opened: list[str] = []
    real_open = Source.open

    def spy(self: Source, member, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(member.path)
        return real_open(self, member, **kwargs)

    monkeypatch.setattr(Source, "open", spy)
    a = run(_ig_parts(make_zip))
    assert a.items.height == 7
    assert opened and not [p for p in opened if Path(p).suffix.lower() in MEDIA_SUFFIXES or "." not in Path(p).name]


# --- odd but valid JSON never fails a file ------------------------------------------------------------------

_ODD_SHAPES = [b"[]", b"{}", b'"x"', b"1", b'[1, "a", null, [2]]', b'{"a": 1}', b'{"messages": "x", "data": 3}',
               b'[{"data": {"post": 1}, "attachments": {"x": 1}, "media": "m", "string_map_data": [1]}]',
               b'{"profile_v2": [1], "profile_user": {"string_map_data": {"Name": "x"}}}',
               b'[{"label_values": [{"dict": [1, {"dict": "x"}]}], "media_map_data": {"p": 1}}]']  # fmt: skip
_ODD_FILES = [
    f"{YFA}/posts/your_posts_1.json",
    f"{YFA}/posts/album/0.json",
    f"{YFA}/stories/archived_stories.json",
    f"{YFA}/comments_and_reactions/comments.json",
    f"{YFA}/messages/inbox/x_1/message_1.json",
    f"{YFA}/messages/ai_conversations.json",
    "personal_information/profile_information/profile_information.json",
    "logged_information/location/your_privacy_jurisdiction.json",
    f"{YFA}/saved_items_and_collections/your_saved_items.json",
]
_ODD_IG = [
    f"{YIA}/media/posts_1.json",
    f"{YIA}/media/stories.json",
    f"{YIA}/comments/post_comments_1.json",
    f"{YIA}/threads/threads_and_replies.json",
    "personal_information/personal_information/personal_information.json",
]


@pytest.mark.parametrize("shape", _ODD_SHAPES, ids=range(len(_ODD_SHAPES)))
def test_odd_shapes_never_fail_a_reader(make_zip, shape: bytes) -> None:
    fb = run(make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", dict.fromkeys(_ODD_FILES, shape)))
    ig = run(make_zip("instagram-jdoe-2025-1-1-AbCdEfGh.zip", dict.fromkeys(_ODD_IG, shape)))
    failed = [(e.path, e.reason) for a in (fb, ig) for e in a.ledger if e.status.value == "failed"]
    assert failed == []
