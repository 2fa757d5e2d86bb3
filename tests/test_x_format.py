"""X's file format, unit by unit: the window.YTD wrapper, name keys, the manifest, dates, entity text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exportscope.model import ReadFailure
from exportscope.platforms.x import xdates, xtext, ytd


@pytest.mark.parametrize(
    "data",
    [
        b'window.YTD.tweet.part0 = [ {\n  "tweet" : { "id" : "1" }\n} ]',  # 2020: array on the first line
        b'window.YTD.tweets.part0 = [\n  {\n    "tweet" : { "id" : "1" }\n  }\n]\n',  # 2022 on
        b'\xef\xbb\xbfwindow.YTD.tweets.part0 = [ { "tweet" : { "id" : "1" } } ];\n',  # BOM and a trailing ;
        b'[ { "tweet" : { "id" : "1" } } ]',  # a re-saved file without the assignment
    ],
)
def test_every_wrapper_variant_gives_the_same_entries(data: bytes) -> None:
    assert [inner for _, inner in ytd.unwrapped(ytd.loads(data))] == [{"id": "1"}]


@pytest.mark.parametrize(
    "data", [b"window.YTD.mute.part0 = []", b"window.YTD.mute.part0 = [ ]", b"window.YTD.x.part0 ="]
)
def test_empty_files_hold_no_entries(data: bytes) -> None:
    assert ytd.entries(ytd.loads(data)) == []


def test_a_bare_object_is_one_entry_and_2019_tweets_have_no_wrapper() -> None:
    assert ytd.entries(ytd.loads(b'window.YTD.ageinfo.part0 = { "ageMeta" : { } }')) == [{"ageMeta": {}}]
    bare = ytd.loads(b'window.YTD.tweet.part0 = [ { "id_str" : "5", "full_text" : "hi" } ]')
    assert list(ytd.unwrapped(bare)) == [(1, {"id_str": "5", "full_text": "hi"})]


def test_a_file_that_is_not_a_ytd_assignment_fails_in_our_words() -> None:
    with pytest.raises(ReadFailure) as err:
        ytd.loads(b"console.log('hello')")
    assert err.value.code == "not_ytd"
    with pytest.raises(ReadFailure) as err:
        ytd.loads(b"window.YTD.tweets.part0 = [ { broken")
    assert err.value.code == "not_json"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("data/tweets.js", "tweets"),
        ("data/tweets-part1.js", "tweets"),
        ("tweet.js", "tweets"),
        ("data/tweet-part1.js", "tweets"),
        ("data/direct-message.js", "direct-messages"),
        ("data/birdwatch-note.js", "community-note"),
        ("data/twitter-article-metadata.js", "article-metadata"),
        ("data/connected-applications.js", "connected-application"),
        ("data/README.txt", ""),
    ],
)
def test_name_keys_strip_parts_and_map_renamed_files(path: str, key: str) -> None:
    assert ytd.name_key(path) == key


def test_the_manifest_gives_owner_date_and_per_file_counts() -> None:
    data = (
        b'window.__THAR_CONFIG = { "userInfo" : { "accountId" : "1400000000000000001", "userName" : "u" },'
        b' "archiveInfo" : { "generationDate" : "2022-11-22T02:08:40.412Z" },'
        b' "dataTypes" : { "tweets" : { "files" : [ { "fileName" : "data/tweets.js", "count" : "57261" },'
        b' { "fileName" : "data/tweets-part1.js", "count" : "35933" } ] },'
        b' "tweetsMedia" : { "mediaDirectory" : "x" } } }'
    )
    m = ytd.parse_manifest(data)
    assert m.account_id == "1400000000000000001"  # a string: ids exceed 2^53
    assert m.generated == datetime(2022, 11, 22, 2, 8, 40, tzinfo=UTC)
    assert m.files == {"tweets.js": ("tweets", 57261), "tweets-part1.js": ("tweets", 35933)}


def test_dates_of_every_format() -> None:
    assert xdates.parse_t1("Sat Jul 25 08:26:58 +0000 2026") == datetime(2026, 7, 25, 8, 26, 58, tzinfo=UTC)
    assert xdates.parse_t1("Sat Jul 25 10:26:58 +0200 2026") == datetime(2026, 7, 25, 8, 26, 58, tzinfo=UTC)
    assert xdates.parse_t1("sam. juil. 25 08:26:58 +0000 2026") is None  # names are always English
    assert xdates.parse_iso("2024-03-05T14:02:11.000Z") == datetime(2024, 3, 5, 14, 2, 11, tzinfo=UTC)
    assert xdates.parse_t5("2015-01-24 02:02:37 +0000") == datetime(2015, 1, 24, 2, 2, 37, tzinfo=UTC)
    assert xdates.parse_epoch_ms("1700000000000") == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert xdates.parse_day("") is None


def test_snowflake_ids_decode_from_2010_only() -> None:
    # 1790000000000000001 is a May 2024 id; (id >> 22) + 1288834974657 ms.
    assert xdates.snowflake_time("1790000000000000001") == datetime.fromtimestamp(
        ((1790000000000000001 >> 22) + 1288834974657) / 1000, tz=UTC
    )
    assert xdates.snowflake_time("66204814") is None  # a sequential DM id of 2009


def test_a_date_before_x_or_after_the_archive_is_no_date_and_counted() -> None:
    window = xdates.Window(last=datetime(2025, 1, 22, tzinfo=UTC))
    assert window.check(datetime(2005, 1, 1, tzinfo=UTC)) is None
    assert window.check(datetime(2030, 1, 1, tzinfo=UTC)) is None
    assert window.check(datetime(2024, 1, 1, tzinfo=UTC)) == datetime(2024, 1, 1, tzinfo=UTC)
    assert window.impossible == 2


def test_links_are_expanded_by_code_point_indices_after_emoji_then_entities_unescaped_once() -> None:
    text = "Sunrise 🐦‍⬛🌅 &amp; map: https://t.co/Ab12Cd34Ef"
    start = text.index("https://t.co")  # code points of the escaped text, as X counts them
    tweet = {
        "full_text": text,
        "entities": {
            "urls": [
                {
                    "url": "https://t.co/Ab12Cd34Ef",
                    "expanded_url": "https://example.org/m",
                    "indices": [str(start), str(start + 23)],
                }
            ]
        },
    }
    assert xtext.tweet_text(tweet) == "Sunrise 🐦‍⬛🌅 & map: https://example.org/m"


def test_indices_that_do_not_point_at_the_link_fall_back_to_finding_it() -> None:
    tweet = {
        "full_text": "see https://t.co/A",
        "entities": {"urls": [{"url": "https://t.co/A", "expanded_url": "https://e.org", "indices": ["0", "3"]}]},
    }
    assert xtext.tweet_text(tweet) == "see https://e.org"


def test_unescape_is_done_once_and_only_for_the_three_entities() -> None:
    assert xtext.unescape("a &amp;lt; b &gt; c &quot;") == "a &lt; b > c &quot;"


def test_dm_and_long_post_links_use_their_own_keys_and_long_posts_stay_unescaped() -> None:
    dm = {"text": "map &amp; more https://t.co/X", "urls": [{"url": "https://t.co/X", "expanded": "https://e.org/map"}]}
    assert xtext.message_text(dm) == "map & more https://e.org/map"
    core = {
        "text": ">> read https://t.co/N",
        "urls": [{"shortUrl": "https://t.co/N", "expandedUrl": "https://e.org/n", "fromIndex": "8", "toIndex": "22"}],
    }
    assert xtext.note_text(core) == ">> read https://e.org/n"
