"""Every layout era of meta.md, with a wrapper folder or none, versioned and bare keys, every top-level shape."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.metakit import counts, ledger, mj, rows, run, texts


def ts(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


# --- Facebook ---------------------------------------------------------------------------------------------


def test_facebook_2018_bare_keys_at_the_top(make_zip) -> None:
    path = make_zip(
        "facebook-jdoe-2019-2-1-AbCd1234.zip",
        {
            "posts/your_posts.json": mj(
                [
                    {"timestamp": 1500000000, "data": [{"post": "Première neige ❄️"}], "title": "Jeanne updated."},
                    {"timestamp": 1500000100, "title": "Jeanne shared a link."},
                ]
            ),
            "comments/comments.json": mj(
                {"comments": [{"timestamp": 1500000200, "data": [{"comment": {"comment": "Très bien 👏"}}]}]}
            ),
            "friends/friends.json": mj({"friends": [{"name": "Zoë Doé", "timestamp": 1400000000}]}),
            "likes_and_reactions/pages.json": mj({"page_likes": [{"name": "Café Exemplo", "timestamp": 1450000000}]}),
            "search_history/your_search_history.json": mj(
                {"searches": [{"timestamp": 1500000300, "data": [{"text": "crêpes"}]}]}
            ),
            "profile_information/profile_information.json": mj(
                {"profile": {"name": {"full_name": "Jeanne Doé"}, "birthday": {"year": 1990, "month": 5, "day": 14}}}
            ),
            "messages/inbox/bensample_1a2b3c/message.json": mj(
                {
                    "participants": [{"name": "Ben"}],
                    "messages": [
                        {"sender_name": "Ben", "timestamp_ms": 1500000400000, "content": "Ça va ?", "type": "Generic"}
                    ],
                }
            ),
            "about_you/no-data.txt": b"You have no data in this section\n",
        },
    )
    a = run(path)
    assert a.exports[0].era == "2018-21"
    assert texts(a, "facebook.posts") == ["Première neige ❄️", None]
    assert [r["timestamp"] for r in rows(a, "facebook.posts")] == [ts(1500000000), ts(1500000100)]
    assert texts(a, "facebook.comments") == ["Très bien 👏"]
    assert texts(a, "facebook.friends") == ["Zoë Doé"]
    assert texts(a, "facebook.reactions") == ["Café Exemplo"]
    assert texts(a, "facebook.searches") == ["crêpes"]
    assert texts(a, "facebook.profile") == ["Jeanne Doé", "1990-05-14"]
    assert texts(a, "facebook.messages") == ["Ça va ?"]
    assert ledger(a)["about_you/no-data.txt"][:3] == ("ignored", "facebook.no_data", 0)
    assert a.contexts["facebook"].birth == (1990, 5, 14)


def test_facebook_2022_your_activity_across_facebook(make_zip) -> None:
    path = make_zip(
        "facebook-jdoe-2023-6-30-Zz9Yy8Xx.zip",
        {
            "your_activity_across_facebook/posts/your_posts_1.json": mj(
                [{"timestamp": 1680000000, "data": [{"post": "Naïve question: who’s up for crêpes?"}]}]
            ),
            "your_activity_across_facebook/comments_and_reactions/comments.json": mj(
                {"comments_v2": [{"timestamp": 1680000100, "data": [{"comment": {"comment": "Oui 🙋"}}]}]}
            ),
            "your_activity_across_facebook/messages/inbox/ben_1/message_1.json": mj(
                {"messages": [{"sender_name": "Ben", "timestamp_ms": 1680000200000, "content": "Là-bas"}]}
            ),
            "personal_information/profile_information/profile_information.json": mj(
                {"profile_v2": {"name": {"full_name": "Jeanne"}, "intro_bio": {"name": "Vélo 🚲"}}}
            ),
        },
    )
    a = run(path)
    assert a.exports[0].era == "2022-23"
    # The name is always public (training); the intro's audience is not recorded (conditional).
    assert counts(a) == {
        ("facebook", "post", "conditional"): 1,
        ("facebook", "comment", "conditional"): 1,
        ("facebook", "message", "excluded"): 1,
        ("facebook", "profile", "training"): 1,
        ("facebook", "profile", "conditional"): 1,
    }
    assert texts(a, "facebook.posts") == ["Naïve question: who’s up for crêpes?"]
    assert texts(a, "facebook.profile") == ["Jeanne", "Vélo 🚲"]


def test_facebook_2024_inside_a_wrapper_folder_and_odd_nesting(make_zip) -> None:
    root = "facebook-jdoe-2024-11-18-AbCdEfGh"
    path = make_zip(
        f"{root}.zip",
        {
            f"{root}/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": mj(
                [{"timestamp": 1730000000, "data": [{"post": "un"}]}]
            ),
            f"{root}/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json": mj(
                [{"timestamp": 1700000000, "data": [{"post": "deux"}]}]
            ),
            # Odd nesting seen in real exports: an activity folder inside profile_information/.
            f"{root}/personal_information/profile_information/your_facebook_activity/comments_and_reactions/"
            "comments.json": mj({"comments_v2": [{"timestamp": 1700000500, "data": [{"comment": {"comment": "ok"}}]}]}),
            f"{root}/connections/followers/who_you_ve_followed.json": mj(
                {"following_v3": [{"name": "A", "timestamp": 1}]}
            ),
            f"{root}/connections/followers/who_you've_followed.json": mj(
                {"following_v3": [{"name": "B", "timestamp": 2}]}
            ),
        },
    )
    a = run(path)
    assert a.exports[0].era == "2024+"
    assert a.exports[0].export_date.isoformat() == "2024-11-18"
    assert texts(a, "facebook.posts") == ["un", "deux"]
    assert texts(a, "facebook.comments") == ["ok"]
    assert sorted(texts(a, "facebook.follows")) == ["A", "B"]
    assert all(status == "parsed" for status, *_ in ledger(a).values())


def test_a_single_object_top_level_is_one_item(make_zip) -> None:
    path = make_zip(
        "facebook-jdoe-2024-1-1-AAAABBBB.zip",
        {"your_facebook_activity/posts/your_posts_1.json": mj({"timestamp": 1700000000, "data": [{"post": "seul"}]})},
    )
    assert texts(run(path), "facebook.posts") == ["seul"]


def test_post_attachments_check_ins_and_zero_timestamps(make_zip) -> None:
    post = {
        "timestamp": 0,
        "attachments": [
            {"data": [{"place": {"name": "Pastéis de Belém", "coordinate": {"latitude": 38.7, "longitude": -9.2}}}]},
            {
                "data": [
                    {
                        "media": {
                            "uri": "your_facebook_activity/posts/media/a/1.jpg",
                            "creation_timestamp": 1700000000,
                            "description": "Un café ☕",
                        }
                    }
                ]
            },
        ],
    }
    path = make_zip(
        "facebook-jdoe-2024-1-1-AAAABBBB.zip",
        {
            "your_facebook_activity/posts/your_posts_1.json": mj([post]),
            "your_facebook_activity/posts/media/a/1.jpg": b"x",
        },
    )
    a = run(path)
    got = rows(a, "facebook.posts")
    assert [(r["kind"], r["text"], r["timestamp"], r["source"]) for r in got] == [
        ("post", "Pastéis de Belém", None, "your_facebook_activity/posts/your_posts_1.json"),
        ("media", "Un café ☕", ts(1700000000), "your_facebook_activity/posts/media/a/1.jpg"),
    ]
    # The post file counts both items it produced; the photo itself is known and never opened.
    assert ledger(a)["your_facebook_activity/posts/your_posts_1.json"][:3] == ("parsed", "facebook.posts", 2)
    assert ledger(a)["your_facebook_activity/posts/media/a/1.jpg"][:2] == ("ignored", "facebook.media_file")


# --- Instagram --------------------------------------------------------------------------------------------


def _profile(private: str | None, **fields: str) -> bytes:
    smd = {k: {"href": "", "value": v, "timestamp": 0} for k, v in fields.items()}
    if private is not None:
        smd["Private Account"] = {"href": "", "value": private, "timestamp": 0}
    return mj({"profile_user": [{"media_map_data": {}, "string_map_data": smd}]})


def test_instagram_2021_flat_layout_private_account(make_zip) -> None:
    path = make_zip(
        "instagram-jdoe-2022-3-4-Ab12Cd34.zip",
        {
            "content/posts_1.json": mj(
                [{"media": [{"uri": "media/posts/202201/p.jpg", "creation_timestamp": 1641000000, "title": "Été ☀️"}]}]
            ),
            "media/posts/202201/p.jpg": b"\xff\xd8\xff",
            "comments/post_comments.json": mj(
                [
                    {
                        "string_map_data": {
                            "Comment": {"value": "Bravo 🎉"},
                            "Media Owner": {"value": "ben"},
                            "Time": {"timestamp": 1641000100},
                        }
                    }
                ]
            ),
            "likes/liked_posts.json": mj(
                {
                    "likes_media_likes": [
                        {"title": "ben", "string_list_data": [{"href": "h", "value": "👍", "timestamp": 1641000200}]}
                    ]
                }
            ),
            "followers_and_following/followers.json": mj(
                {"relationships_followers": [{"string_list_data": [{"value": "ben", "timestamp": 1600000000}]}]}
            ),
            "account_information/personal_information.json": _profile("True", Name="Jeanne Doé", Bio="Salut"),
            "messages/inbox/ben_17841/message_1.json": mj(
                {"messages": [{"sender_name": "ben", "timestamp_ms": 1641000300000, "content": "Coucou"}]}
            ),
        },
    )
    a = run(path)
    assert a.exports[0].era == "2021-22"
    assert a.contexts["instagram"].account_private is True
    # A private account: its posts and bio are not used, but its name is always public (training), and a
    # comment's audience is the commented account's, which the export does not record (conditional).
    assert counts(a) == {
        ("instagram", "post", "not_used"): 1,
        ("instagram", "media", "not_used"): 1,
        ("instagram", "comment", "conditional"): 1,
        ("instagram", "reaction", "not_used"): 1,
        ("instagram", "follow", "not_used"): 1,
        ("instagram", "profile", "training"): 1,
        ("instagram", "profile", "not_used"): 1,
        ("instagram", "setting", "not_used"): 1,
        ("instagram", "message", "excluded"): 1,
    }
    post, media = rows(a, "instagram.posts")
    assert (post["text"], post["timestamp"], post["visibility"]) == ("Été ☀️", ts(1641000000), "private")
    assert (media["text"], media["source"]) == (None, "media/posts/202201/p.jpg")
    assert texts(a, "instagram.comments") == ["Bravo 🎉"]


def test_instagram_2024_content_folder_and_unknown_privacy(make_zip) -> None:
    path = make_zip(
        "instagram-jdoe-2024-6-1-Ab12Cd34.zip",
        {
            "your_instagram_activity/content/posts_1.json": mj(
                [
                    {
                        "media": [{"uri": "media/posts/202403/a.jpg", "creation_timestamp": 1710000000, "title": "x"}],
                        "title": "Légende 📷",
                        "creation_timestamp": 1710000000,
                    }
                ]
            ),
            "personal_information/personal_information/personal_information.json": _profile(None, Name="J"),
        },
    )
    a = run(path)
    assert a.exports[0].era == "2024"
    assert a.contexts["instagram"].account_private is None
    post, media = rows(a, "instagram.posts")
    assert (post["text"], post["verdict"], post["visibility"]) == ("Légende 📷", "conditional", "unknown")
    # The referenced file is not in the export: still one media item, and the file says so.
    assert (media["kind"], media["text"], media["source"]) == (
        "media",
        "x",
        "your_instagram_activity/content/posts_1.json",
    )
    assert "1 referenced media file is not in the export" in ledger(a)[media["source"]][3]
    assert texts(a, "instagram.profile") == ["J"]
    assert rows(a, "instagram.profile")[0]["verdict"] == "training"  # a name is always public


def test_instagram_2025_media_folder_single_media_post_without_top_title(make_zip) -> None:
    path = make_zip(
        "instagram-jdoe-2025-11-20-Ab12Cd34.zip",
        {
            "your_instagram_activity/media/posts_1.json": mj(
                [
                    {
                        "media": [
                            {"uri": "media/posts/202406/b.jpg", "creation_timestamp": 1717500000, "title": "Déjà vu ✨"}
                        ]
                    }
                ]
            ),
            "media/posts/202406/b.jpg": b"\xff\xd8\xff",
            "personal_information/personal_information/personal_information.json": _profile("False"),
        },
    )
    a = run(path)
    assert a.exports[0].era == "2025+"
    post, media = rows(a, "instagram.posts")
    assert (post["text"], post["timestamp"], post["verdict"]) == ("Déjà vu ✨", ts(1717500000), "training")
    assert (media["text"], media["verdict"]) == (None, "training")  # the caption is counted once, on the post


def test_instagram_localized_labels_and_structural_fallback(make_zip) -> None:
    dutch = {
        "string_map_data": {
            "Opmerking": {"value": "Héél mooi"},
            "Eigenaar van media": {"value": "ben"},
            "Tijd": {"timestamp": 1716200000},
        }
    }
    # Labels in a language exportscope has no synonyms for: the longest non-owner value, the time by shape.
    polish = {
        "string_map_data": {
            "Komentarz": {"value": "Piękne zdjęcie, gratulacje!"},
            "Właściciel": {"value": "ben"},
            "Czas": {"timestamp": 1716300000},
        }
    }
    liked_lv = [
        {
            "timestamp": 1716400000,
            "label_values": [
                {"label": "URL", "value": "https://i/p/1", "href": "h"},
                {"title": "Owner", "dict": [{"dict": [{"label": "Username", "value": "ana"}]}]},
            ],
        }
    ]
    path = make_zip(
        "instagram-jdoe-2025-1-2-Ab12Cd34.zip",
        {
            "your_instagram_activity/comments/post_comments_1.json": mj([dutch, polish]),
            "your_instagram_activity/likes/liked_comments.json": mj(liked_lv),
            "personal_information/personal_information/personal_information.json": mj(
                {
                    "profile_user": [
                        {"string_map_data": {"Naam": {"value": "Jeanne"}, "Privéaccount": {"value": "False"}}}
                    ]
                }
            ),
        },
    )
    a = run(path)
    comments = rows(a, "instagram.comments")
    assert [(c["text"], c["timestamp"]) for c in comments] == [
        ("Héél mooi", ts(1716200000)),
        ("Piękne zdjęcie, gratulacje!", ts(1716300000)),
    ]
    assert texts(a, "instagram.likes") == ["https://i/p/1 · ana"]
    assert rows(a, "instagram.likes")[0]["timestamp"] == ts(1716400000)
    assert a.contexts["instagram"].account_private is False
    assert [r["rule"] for r in rows(a, "instagram.profile")] == [
        "instagram.profile.name",
        "instagram.profile.private_account",
    ]


def test_instagram_2020_media_json_with_iso_dates(make_zip) -> None:
    path = make_zip(
        "jdoe_20200101.zip",
        {
            "media.json": mj(
                {
                    "photos": [
                        {
                            "caption": "Vieux café ☕",
                            "taken_at": "2019-05-01T10:20:30+00:00",
                            "path": "photos/201905/a.jpg",
                        }
                    ],
                    "videos": [],
                }
            ),
            "photos/201905/a.jpg": b"\xff\xd8",
            "profile.json": mj({"username": "jdoe"}),
            "followers_and_following/followers.json": mj({"relationships_followers": []}),
        },
    )
    a = run(path)
    assert a.exports[0].platform.name == "instagram"
    assert a.exports[0].era == "2020"
    assert [(r["text"], r["timestamp"], r["source"]) for r in rows(a, "instagram.media_2020")] == [
        ("Vieux café ☕", datetime(2019, 5, 1, 10, 20, 30, tzinfo=UTC), "photos/201905/a.jpg")
    ]
