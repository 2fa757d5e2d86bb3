"""X archives read end to end on small real-shaped inputs: detection, every file known, posts, DMs, Grok, the
protected status and its question, the under-18 rule by region, the manifest ledger, the legacy export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from exportscope.archive import InputError
from exportscope.model import FileStatus
from exportscope.notes import Note
from exportscope.pipeline import Options, analyze
from tests import xkit
from tests.xkit import OWNER, tweet

#: Every file of shared/reference/x.md section 6 (and the renamed ones of section 9.2), as X names them.
SECTION_6 = [
    "tweets.js",
    "tweets-part1.js",
    "tweet-headers.js",
    "note-tweet.js",
    "deleted-tweets.js",
    "deleted-tweet-headers.js",
    "deleted-note-tweet.js",
    "community-tweet.js",
    "twitter-circle.js",
    "twitter-circle-member.js",
    "twitter-circle-tweet.js",
    "article.js",
    "article-metadata.js",
    "twitter-article.js",
    "twitter-article-metadata.js",
    "direct-messages.js",
    "direct-messages-group.js",
    "direct-message-headers.js",
    "direct-message-group-headers.js",
    "message-event.js",
    "audio-video-calls-in-dm.js",
    "audio-video-calls-in-dm-recipient-sessions.js",
    "grok-chat-item.js",
    "account.js",
    "profile.js",
    "protected-history.js",
    "ageinfo.js",
    "personalization.js",
    "account-timezone.js",
    "screen-name-change.js",
    "professional-data.js",
    "expanded-profile.js",
    "phone-number.js",
    "email-address-change.js",
    "verified.js",
    "verified-organization.js",
    "account-label.js",
    "account-suspension.js",
    "account-creation-ip.js",
    "sso.js",
    "like.js",
    "follower.js",
    "following.js",
    "block.js",
    "mute.js",
    "smartblock.js",
    "direct-message-mute.js",
    "lists-created.js",
    "lists-member.js",
    "lists-subscribed.js",
    "moment.js",
    "spaces-metadata.js",
    "community-note.js",
    "community-note-rating.js",
    "community-note-tombstone.js",
    "community-note-batsignal.js",
    "community-note-api-test-note.js",
    "birdwatch-note.js",
    "birdwatch-note-rating.js",
    "fleet.js",
    "periscope-account-information.js",
    "periscope-comments-made-by-user.js",
    "reply-prompt.js",
    "saved-search.js",
    "ad-engagements.js",
    "ad-impressions.js",
    "ad-mobile-conversions-attributed.js",
    "ads-revenue-sharing.js",
    "app.js",
    "contact.js",
    "connected-application.js",
    "device-token.js",
    "ni-devices.js",
    "key-registry.js",
    "ip-audit.js",
    "branch-links.js",
    "user-link-clicks.js",
    "tweetdeck.js",
    "catalog-item.js",
    "commerce-catalog.js",
    "product-drop.js",
    "product-set.js",
    "shop-module.js",
    "shopify-account.js",
    "twitter-shop.js",
    "direct-message.js",
    "direct-message-group.js",
    "connected-applications.js",
]
MEDIA_FOLDERS = [
    "tweets_media",
    "tweet_media",
    "deleted_tweets_media",
    "community_tweet_media",
    "twitter_circle_tweet_media",
    "direct_messages_media",
    "direct_messages_group_media",
    "grok_chat_media",
    "moments_media",
    "moments_tweets_media",
    "profile_media",
    "spaces_media",
    "periscope_broadcast_media",
    "fleet_media",
]


def _by_rule(a, source: str = "") -> dict[str, int]:
    frame = a.items if not source else a.items.filter(pl.col("source").str.ends_with(source))
    return dict(frame.group_by("rule").len().iter_rows())


def test_every_file_of_the_reference_is_known_never_unrecognized(tmp_path: Path) -> None:
    raw = {f"data/{m}/1-x.jpg": b"\xff\xd8\xff\xe0" for m in MEDIA_FOLDERS}
    raw |= {"data/README.txt": b"readme", "assets/js/app.js": b"/**/", "__MACOSX/data/._tweets.js": b"\x00\x05"}
    path = xkit.build(tmp_path / "t.zip", {name: [] for name in SECTION_6}, raw=raw)
    a = xkit.run(path)
    statuses = {e.path: e.status for e in a.ledger}
    assert [p for p, s in statuses.items() if s in (FileStatus.UNRECOGNIZED, FileStatus.FAILED)] == []
    assert len(statuses) == len(SECTION_6) + len(raw) + 2  # + manifest.js and Your archive.html


def test_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    # No manifest, renamed files: one window.YTD file is enough.
    path = xkit.build(tmp_path / "renamed.zip", {"tweets.js": [tweet("1", "hello")]}, with_manifest=False)
    a = xkit.run(path)
    assert a.platforms == ["x"]
    assert Note.of("x_no_manifest") in a.contexts["x"].notes
    # A .js file that is not X's is not an X archive.
    other = tmp_path / "other.zip"
    import zipfile

    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("data/tweets.js", "console.log(1)")
    with pytest.raises(InputError, match="nothing recognizable"):
        analyze([other], Options(workers=1))


def test_posts_retweets_replies_threads_quotes_and_their_media(tmp_path: Path) -> None:
    media = {
        "media": [
            {
                "id_str": "9",
                "url": "https://t.co/P",
                "expanded_url": "https://x.com/u/status/1/photo/1",
                "indices": ["6", "20"],
            }
        ]
    }
    posts = [
        tweet("1", "photo https://t.co/P", extended_entities=media),
        tweet("2", "RT @other: their words …"),
        tweet("3", "@other I agree", in_reply_to_status_id_str="77", in_reply_to_user_id_str="555"),
        tweet("4", "2/ more of my thread", in_reply_to_status_id_str="1", in_reply_to_user_id_str=OWNER),
        tweet("5", "@me only an old-style mention", in_reply_to_user_id_str="555"),  # no status id: not a reply
    ]
    a = xkit.run(xkit.build(tmp_path / "p.zip", {"tweets.js": posts, "protected-history.js": []}))
    got = {(r["text"], r["kind"], r["verdict"]) for r in xkit.rows(a, "tweets.js")}
    assert ("photo https://x.com/u/status/1/photo/1", "post", "conditional") in got
    assert ("https://x.com/u/status/1/photo/1", "media", "conditional") in got
    assert ("RT @other: their words …", "repost", "not_used") in got
    assert ("@other I agree", "comment", "conditional") in got
    assert ("2/ more of my thread", "post", "conditional") in got  # a self-reply is part of a thread
    assert ("@me only an old-style mention", "post", "conditional") in got


def test_parts_are_merged_and_a_post_in_two_parts_counts_once(tmp_path: Path) -> None:
    files = {
        "tweets.js": [tweet("10", "new"), tweet("11", "both")],
        "tweets-part1.js": [tweet("11", "both"), tweet("12", "old", created="Tue Aug 28 10:00:00 +0000 2012")],
    }
    a = xkit.run(xkit.build(tmp_path / "parts.zip", files))
    assert sorted(r["text"] for r in xkit.rows(a) if r["kind"] == "post") == ["both", "new", "old"]
    assert Note.of("x_duplicate_posts", n=1) in a.contexts["x"].notes
    ledger = {e.path: e.items for e in a.ledger}
    assert ledger["data/tweets.js"] == 2 and ledger["data/tweets-part1.js"] == 1


def test_a_long_post_gets_its_full_text_and_an_unmatched_note_is_a_post(tmp_path: Path) -> None:
    full = "A long post that goes on & on >> well past the limit of a normal post, with details at the end."
    cut = "A long post that goes on &amp; on &gt;&gt; well past …"
    files = {
        "tweets.js": [tweet("1", cut + " https://t.co/L", created="Fri Apr 05 14:58:50 +0000 2024")],
        "note-tweet.js": [
            {
                "noteTweet": {
                    "noteTweetId": "9",
                    "createdAt": "2024-04-05T14:58:50.000Z",
                    "core": {"text": full, "urls": []},
                }
            },
            {
                "noteTweet": {
                    "noteTweetId": "8",
                    "createdAt": "2023-10-13T14:58:50.000Z",
                    "core": {"text": "orphan", "urls": []},
                }
            },
        ],
    }
    a = xkit.run(xkit.build(tmp_path / "n.zip", files))
    posts = sorted(r["text"] for r in xkit.rows(a) if r["kind"] == "post")
    assert posts == [full, "orphan"]


def test_edited_posts_count_once_as_their_last_version(tmp_path: Path) -> None:
    ids = ["20", "21"]
    files = {
        "tweets.js": [
            tweet("20", "v1", edit_info={"initial": {"editTweetIds": ids}}),
            tweet(
                "21", "v2", edit_info={"edit": {"initialTweetId": "20", "editControlInitial": {"editTweetIds": ids}}}
            ),
        ]
    }
    a = xkit.run(xkit.build(tmp_path / "e.zip", files))
    got = {r["text"]: (r["verdict"], r["rule"]) for r in xkit.rows(a)}
    assert got["v2"] == ("conditional", "x.posts")
    assert got["v1"] == ("not_used", "x.posts.superseded")


def test_circle_posts_are_network_and_circle_years_without_the_file_are_flagged(tmp_path: Path) -> None:
    circle = tweet("30", "for my circle", created="Wed Mar 01 18:00:00 +0000 2023")
    public = tweet("31", "for everyone", created="Wed Mar 01 19:00:00 +0000 2023")
    with_file = xkit.run(
        xkit.build(tmp_path / "c.zip", {"tweets.js": [circle, public], "twitter-circle-tweet.js": [circle]})
    )
    got = {r["text"]: (r["verdict"], r["visibility"], r["rule"]) for r in xkit.rows(with_file)}
    assert got["for my circle"] == ("not_used", "network", "x.posts.circle")
    assert got["for everyone"] == ("conditional", "unknown", "x.posts")
    assert len(xkit.rows(with_file)) == 2  # the Circle post sits in tweets.js too: counted once
    without = xkit.run(xkit.build(tmp_path / "c2.zip", {"tweets.js": [public]}))
    assert xkit.rows(without)[0]["rule"] == "x.posts.maybe_circle"


def test_protected_status_decides_posts_and_the_answer_settles_unknown(tmp_path: Path) -> None:
    posts = {"tweets.js": [tweet("1", "hello")]}
    history = [
        {"protectedHistory": {"protectedAt": "2024-09-01T08:00:00.000Z", "action": "Unprotect"}},
        {"protectedHistory": {"protectedAt": "2024-12-01T08:00:00.000Z", "action": "Protect"}},
    ]
    protected = xkit.run(xkit.build(tmp_path / "pr.zip", {**posts, "protected-history.js": history}))
    post = next(r for r in xkit.rows(protected) if r["kind"] == "post")
    assert (post["verdict"], post["visibility"]) == ("not_used", "private")
    assert Note.of("x_protected_on", date="2024-12-01") in protected.contexts["x"].notes
    unknown_path = xkit.build(tmp_path / "un.zip", {**posts, "protected-history.js": []})
    unknown = xkit.run(unknown_path)
    assert next(r for r in xkit.rows(unknown) if r["kind"] == "post")["verdict"] == "conditional"
    assert Note.of("x_protected_unknown", flag="--x-protected") in unknown.contexts["x"].notes
    answered = xkit.run(unknown_path, Options(workers=1, answers=(("x.protected", "no"),)))
    assert next(r for r in xkit.rows(answered) if r["kind"] == "post")["verdict"] == "training"
    assert not any(n.key == "x_protected_unknown" for n in answered.contexts["x"].notes)


def _minor_archive(tmp_path: Path) -> Path:
    grok = [
        {
            "grokChatItem": {
                "chatId": "1",
                "createdAt": "2025-01-08T21:21:34.342Z",
                "sender": {"name": "User"},
                "message": "hi",
            }
        }
    ]
    files = {
        "tweets.js": [tweet("1", "hello")],
        "protected-history.js": [
            {"protectedHistory": {"protectedAt": "2024-12-01T08:00:00.000Z", "action": "Unprotect"}}
        ],
        "ageinfo.js": [{"ageMeta": {"ageInfo": {"age": ["15"], "birthDate": "2010-05-04"}}}],
        "grok-chat-item.js": grok,
    }
    return xkit.build(tmp_path / "minor.zip", files)


def test_the_under_18_rule_applies_in_europe_only_and_never_to_grok_chats(tmp_path: Path) -> None:
    path = _minor_archive(tmp_path)
    as_of = date(2026, 12, 3)
    eu = xkit.run(path, Options(workers=1, region="eu", as_of=as_of))
    got = {r["kind"]: (r["verdict"], r["note"]) for r in xkit.rows(eu) if r["kind"] in ("post", "ai_chat")}
    assert got["post"][0] == "not_used" and got["post"][1].startswith("under-18 accounts are excluded")
    assert got["ai_chat"][0] == "training"
    us = xkit.run(path, Options(workers=1, region="us", as_of=as_of))
    got = {r["kind"]: (r["verdict"], r["note"]) for r in xkit.rows(us) if r["kind"] in ("post", "ai_chat")}
    assert got["post"][0] == "training"
    assert "X documents no exclusion for under-18 users outside Europe" in got["post"][1]


def test_dms_merge_split_conversations_and_split_messages_from_events(tmp_path: Path) -> None:
    def m(mid: str, text: str, **extra: object) -> dict:
        return {
            "messageCreate": {
                "id": mid,
                "senderId": "5",
                "text": text,
                "createdAt": f"2025-01-1{mid}T08:00:00.000Z",
                **extra,
            }
        }

    reaction_readme_keys = {
        "reactionSenderID": "5",
        "reactionKey": "like",
        "reactionCreatedAt": "2025-01-13T09:00:00.000Z",
    }
    one = [
        {
            "dmConversation": {
                "conversationId": "5-9",
                "messages": [
                    m("3", "newest &amp; last", reactions=[reaction_readme_keys]),
                    m("2", "middle", mediaUrls=["https://ton.twitter.com/dm/2/7/a.jpg"]),
                ],
            }
        },
        {
            "dmConversation": {
                "conversationId": "5-9",
                "messages": [m("2", "middle", mediaUrls=["https://ton.twitter.com/dm/2/7/a.jpg"]), m("1", "oldest")],
            }
        },
    ]
    group = [
        {
            "dmConversation": {
                "conversationId": "77",
                "messages": [{"participantsLeave": {"userIds": ["5"], "createdAt": "2025-01-14T08:00:00.000Z"}}],
            }
        }
    ]
    a = xkit.run(xkit.build(tmp_path / "dm.zip", {"direct-messages.js": one, "direct-messages-group.js": group}))
    got = sorted((r["kind"], r["verdict"], r["text"] or "", r["thread"]) for r in xkit.rows(a))
    assert got == [
        ("media", "excluded", "", "5-9"),
        ("message", "excluded", "middle", "5-9"),
        ("message", "excluded", "newest & last", "5-9"),
        ("message", "excluded", "oldest", "5-9"),
        ("reaction", "not_used", "like", "5-9"),
        ("setting", "not_used", "", "77"),
    ]
    # The manifest counts conversation entries, not messages: 2 and 1, as read.
    assert any(n.key == "x_manifest_ok" for n in a.contexts["x"].notes)


def test_grok_turns_are_ai_chats_used_for_training_grouped_by_chat(tmp_path: Path) -> None:
    def turn(sender: str, msg: str) -> dict:
        return {
            "grokChatItem": {
                "chatId": "42",
                "createdAt": "2025-01-08T21:21:34.342Z",
                "sender": {"name": sender},
                "message": msg,
            }
        }

    a = xkit.run(
        xkit.build(
            tmp_path / "g.zip",
            {"grok-chat-item.js": [turn("User", "a &amp; b?"), turn("Agent", "**yes** [](https://e.org)")]},
        )
    )
    got = [(r["text"], r["kind"], r["verdict"], r["rule"], r["thread"]) for r in xkit.rows(a)]
    assert got == [
        ("a &amp; b?", "ai_chat", "training", "x.grok", "42"),  # Grok text is never unescaped
        ("**yes** [](https://e.org)", "ai_chat", "training", "x.grok.agent", "42"),
    ]


def test_manifest_mismatches_and_absent_files_are_reported(tmp_path: Path) -> None:
    files = {"tweets.js": [tweet("1", "a"), tweet("2", "b")], "like.js": []}
    counts = {"data/like.js": 3, "data/block.js": 4, "data/tweet-headers.js": 5}
    a = xkit.run(xkit.build(tmp_path / "m.zip", files, counts=counts))
    notes = a.contexts["x"].notes
    assert Note.of("x_manifest_mismatch", file="like.js", expected=3, read=0) in notes
    assert Note.of("x_manifest_absent", file="block.js", n=4) in notes
    assert Note.of("x_headers_mismatch", headers=5, read=2) in notes


def test_account_facts_identity_and_region_from_the_profile(tmp_path: Path) -> None:
    files = {
        "account.js": [
            {
                "account": {
                    "email": "a@example.org",
                    "username": "example_user",
                    "accountId": OWNER,
                    "accountDisplayName": "Ex",
                }
            }
        ],
        "profile.js": [{"profile": {"description": {"bio": "hi", "website": "", "location": "Lyon, France"}}}],
    }
    a = xkit.run(xkit.build(tmp_path / "acc.zip", files))
    assert a.contexts["x"].region == "eu" and a.contexts["x"].region_source == "export"
    assert a.exports[0].facts[("x", "account_id")].value == OWNER
    assert a.exports[0].export_date == date(2025, 1, 22)
    got = {r["text"]: (r["kind"], r["verdict"]) for r in xkit.rows(a)}
    assert got["example_user"] == ("profile", "training") and got["Ex"] == ("profile", "training")
    assert got["a@example.org"] == ("account", "not_used")


def test_the_legacy_tweet_only_export_is_read_and_explained(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "tweets-legacy.zip"
    month = (
        b'Grailbird.data.tweets_2015_01 = \n[ {\n  "source" : "web",\n  "entities" : { "urls" : [ ] },\n'
        b'  "id_str" : "558000000000000001",\n  "text" : "Old times &amp; old tweets",\n'
        b'  "created_at" : "2015-01-24 02:02:37 +0000"\n}, {\n  "id_str" : "558000000000000002",\n'
        b'  "text" : "RT @a: copied",\n  "retweeted_status" : { "id_str" : "1" },\n'
        b'  "created_at" : "2015-01-25 02:02:37 +0000"\n} ]'
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("tweets.csv", "tweet_id,text\n558000000000000001,Old times\n")
        zf.writestr("index.html", "<html></html>")
        zf.writestr("data/js/tweets/2015_01.js", month)
        zf.writestr(
            "data/js/user_details.js",
            'var user_details = {\n "screen_name" : "oldie", "full_name" : "Old Ie", "id" : "12"\n}',
        )
        zf.writestr("data/js/tweet_index.js", "var tweet_index = []")
    a = analyze([path], Options(workers=1))
    assert a.exports[0].era == "legacy Your Tweet archive (before 2019)"
    assert Note.of("x_legacy") in a.contexts["x"].notes
    got = {r["text"]: (r["kind"], r["verdict"]) for r in xkit.rows(a, ".js")}
    assert got["Old times & old tweets"] == ("post", "conditional")
    assert got["RT @a: copied"] == ("repost", "not_used")
    assert not [e.path for e in a.ledger if e.status is not FileStatus.PARSED and e.status is not FileStatus.IGNORED]
