"""The bad-input suite, across platforms: each case asserts the exit code, one clear line for the user where
the run stops, that the good parts of the same input are still read and counted, and that memory stays
bounded where size is the attack."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exportscope.model import FileStatus
from exportscope.notes import Note
from exportscope.pipeline import Options, analyze

REPO = Path(__file__).resolve().parent.parent
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Zoé,Exämple,,,,Ingénieure,"Bonjour",Software,,"Paris, France",,,\n'
).encode()
FB_PROFILE = json.dumps({"profile_v2": {"name": {"full_name": "Jane Doe"}, "intro_bio": "Hello"}}).encode()
FB_POSTS = json.dumps([{"timestamp": 1700000000, "data": [{"post": "caf\u00c3\u00a9 time"}], "title": ""}]).encode()
CHAT = "12/03/2024, 09:15 - Ana: Bonjour\n12/03/2024, 09:16 - Sam: Salut 👋\n13/03/2024, 10:00 - Ana: Ça va ?\n"
FB = "facebook-jdoe-2025-11-20-AbCdEfGh.zip"
POSTS_PATH = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
PROFILE_PATH = "personal_information/profile_information/profile_information.json"


def _status(analysis) -> dict[str, tuple[FileStatus, str | None, int]]:
    return {e.path: (e.status, e.reason, e.items) for e in analysis.ledger}


def _fb_zip(make_zip, extra: dict[str, bytes]) -> Path:
    return make_zip(FB, {PROFILE_PATH: FB_PROFILE, POSTS_PATH: FB_POSTS, **extra})


def test_invalid_utf8_in_a_linkedin_csv_is_read_as_windows_1252(make_zip) -> None:
    skills = "Name\nCafé\nRésumé writing\n".encode("cp1252")
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": skills})
    a = analyze([z], Options())
    assert _status(a)["Skills.csv"][0] is FileStatus.PARSED
    assert sorted(a.items.filter(a.items["kind"] == "skill")["text"].to_list()) == ["Café", "Résumé writing"]


def test_utf16_where_meta_writes_utf8_fails_that_file_only(make_zip) -> None:
    z = _fb_zip(
        make_zip, {"your_facebook_activity/comments_and_reactions/comments.json": FB_POSTS.decode().encode("utf-16")}
    )
    a = analyze([z], Options())
    status = _status(a)
    assert status["your_facebook_activity/comments_and_reactions/comments.json"][0] is FileStatus.FAILED
    assert status[POSTS_PATH][:1] == (FileStatus.PARSED,)
    assert "café time" in a.items["text"].to_list()


def test_json_nested_100000_levels_fails_that_file_only(make_zip, cli) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    z = _fb_zip(make_zip, {"your_facebook_activity/comments_and_reactions/comments.json": deep})
    result = cli("summary", z, "--json", "--no-findings")
    assert result.exit_code == 0
    (fb,) = json.loads(result.stdout)["platforms"]
    assert [f["path"] for f in fb["files"]["failed"]] == ["your_facebook_activity/comments_and_reactions/comments.json"]
    assert fb["files"]["failed"][0]["code"] == "too_deep"
    assert fb["totals"]["conditional"] >= 1  # the post and profile are still counted


def test_malformed_json_fails_that_file_only(make_zip) -> None:
    z = _fb_zip(
        make_zip, {"your_facebook_activity/comments_and_reactions/comments.json": b'{"comments_v2": [{"timestamp": '}
    )
    a = analyze([z], Options())
    status = _status(a)
    assert status["your_facebook_activity/comments_and_reactions/comments.json"][0] is FileStatus.FAILED
    assert "not valid JSON" in (status["your_facebook_activity/comments_and_reactions/comments.json"][1] or "")
    assert status[POSTS_PATH][2] == 1


def test_html_export_given_as_json_is_explained_not_a_traceback(make_zip, cli) -> None:
    page = b"<!DOCTYPE html><html><body>Your posts</body></html>"
    z = _fb_zip(make_zip, {"your_facebook_activity/comments_and_reactions/comments.json": page})
    result = cli("summary", z, "--json", "--no-findings")
    assert result.exit_code == 0
    (fb,) = json.loads(result.stdout)["platforms"]
    (failed,) = fb["files"]["failed"]
    assert failed["code"] == "html_export" and "Traceback" not in result.stderr


def test_empty_files_of_every_platform_give_zero_items_not_errors(make_zip, tmp_path: Path) -> None:
    li = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": b""})
    fb = _fb_zip(make_zip, {"your_facebook_activity/comments_and_reactions/comments.json": b""})
    chat = tmp_path / "WhatsApp Chat with Ana.txt"
    chat.write_text(CHAT, encoding="utf-8")
    a = analyze([li, fb, chat], Options())
    status = _status(a)
    assert status["Skills.csv"][0] is FileStatus.PARSED and status["Skills.csv"][2] == 0
    assert status["your_facebook_activity/comments_and_reactions/comments.json"][2] == 0
    assert a.items.filter(a.items["platform"] == "whatsapp").height == 3


def test_zero_byte_media_is_counted_without_error(make_zip, cli) -> None:
    posts = json.dumps(
        [{"timestamp": 1700000000, "data": [{"post": "photo"}],
          "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/a/1.jpg"}}]}]}]
    ).encode()  # fmt: skip
    z = make_zip(FB, {PROFILE_PATH: FB_PROFILE, POSTS_PATH: posts, "your_facebook_activity/posts/media/a/1.jpg": b""})
    result = cli("report", z, "-o", Path(z).with_suffix(".json"))
    assert result.exit_code == 0
    doc = json.loads(Path(z).with_suffix(".json").read_text())
    kinds = {(k["kind"], k["verdict"]): k["items"] for k in doc["platforms"][0]["by_kind"]}
    assert kinds[("media", "conditional")] == 1


def test_duplicate_member_names_count_once(tmp_path: Path) -> None:
    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Profile.csv", PROFILE)
        zf.writestr("Skills.csv", b"Name\nSQL\n")
        zf.writestr("Skills.csv", b"Name\nSQL\n")
    a = analyze([path], Options())
    assert a.items.filter(a.items["kind"] == "skill").height == 1
    assert [e.path for e in a.ledger].count("Skills.csv") == 1


def test_unknown_files_and_folders_are_listed(make_zip, cli) -> None:
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "New Feature/data.csv": b"a\n1\n", "notes.txt": b"hello"},
    )
    result = cli("summary", z, "--json", "--no-findings")
    (li,) = json.loads(result.stdout)["platforms"]
    assert li["files"]["unrecognized"] == ["New Feature/data.csv", "notes.txt"]


def test_a_chat_line_that_never_ends_is_cut_and_the_chat_still_read(tmp_path: Path, monkeypatch) -> None:
    """A chat's overlong line is kept to its beginning and said (issue 20: a 500 MB message must neither cost
    500 MB nor lose the rest of the chat); other files' overlong lines still fail them."""
    from exportscope.platforms.whatsapp import chat as whatsapp_chat
    from exportscope.platforms.whatsapp import read as whatsapp_read

    monkeypatch.setattr(whatsapp_read, "MAX_MESSAGE_CHARS", 4096)
    monkeypatch.setattr(whatsapp_chat, "MAX_MESSAGE_CHARS", 4096)
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ana.txt").write_text(CHAT, encoding="utf-8")
    (folder / "WhatsApp Chat with Bob.txt").write_text(CHAT + "x" * 10_000, encoding="utf-8")
    a = analyze([folder], Options())
    status = {Path(p).name: s for p, s in ((e.path, e) for e in a.ledger)}
    bob = status["WhatsApp Chat with Bob.txt"]
    assert bob.status is FileStatus.PARSED and bob.items == 3
    assert bob.reason == (
        "1 line longer than 4,096 characters kept to its beginning; "
        "1 message longer than 4,096 characters kept to its beginning"
    )
    assert max(len(t) for t in a.items["text"].to_list()) <= 4096
    assert status["WhatsApp Chat with Ana.txt"].items == 3


@pytest.mark.slow
def test_a_500_mb_single_line_fails_its_file_with_bounded_memory(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    (root / "Profile.csv").write_bytes(PROFILE)
    block = os.urandom(3 * 2**20).hex().encode()  # 6 MiB of letters, written 84 times: no newline anywhere
    with open(root / "SearchQueries.csv", "wb") as fh:
        fh.write(b"Time,Search Query\n")
        for _ in range(84):
            fh.write(block)
    code = (
        "import json, resource, sys; from exportscope.pipeline import analyze;"
        f"a = analyze([{str(root)!r}]);"
        "print(json.dumps({e.path: [e.status.value, e.reason] for e in a.ledger}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    ledger_line, peak_mib = out.stdout.strip().splitlines()
    ledger = json.loads(ledger_line)
    assert ledger["SearchQueries.csv"][0] == "failed" and "longer than" in ledger["SearchQueries.csv"][1]
    assert ledger["Profile.csv"][0] == "parsed"
    assert int(peak_mib) < 700, f"peak {peak_mib} MiB for a 500 MB line"
    assert resource  # the parent's memory is not the measure; the child's is


# --- X (Twitter) --------------------------------------------------------------------------------------------


def test_x_a_broken_part_fails_alone_and_the_rest_is_read(tmp_path: Path, cli) -> None:
    from tests import xkit

    files = {
        "tweets.js": [xkit.tweet("1", "kept")],
        "tweets-part1.js": b'window.YTD.tweets.part1 = [ { "tweet" : { "id_str" : "2", "full_text" : "lo',
        "note-tweet.js": b"<html>not a data file</html>",
        "like.js": [{"like": {"tweetId": "3", "fullText": "liked"}}],
    }
    path = xkit.build(tmp_path / "twitter-2025-01-22-abc.zip", files)
    a = xkit.run(path)
    status = _status(a)
    assert status["data/tweets.js"][0] is FileStatus.PARSED and status["data/tweets.js"][2] == 1
    assert status["data/tweets-part1.js"][0] is FileStatus.FAILED
    codes = {e.path: e.reason_code for e in a.ledger}
    assert codes["data/tweets-part1.js"] == "not_json"
    assert status["data/note-tweet.js"][0] is FileStatus.FAILED
    assert codes["data/note-tweet.js"] == "not_ytd"
    assert status["data/like.js"][2] == 1
    res = cli("summary", path)
    assert res.exit_code == 0 and "Traceback" not in res.stderr


def test_x_json_nested_100000_levels_fails_that_file_only(tmp_path: Path) -> None:
    from tests import xkit

    deep = b"window.YTD.tweets.part0 = " + b"[" * 100_000 + b"]" * 100_000
    a = xkit.run(
        xkit.build(tmp_path / "deep.zip", {"tweets.js": deep, "follower.js": [{"follower": {"accountId": "1"}}]})
    )
    status = _status(a)
    assert status["data/tweets.js"][0] is FileStatus.FAILED
    assert status["data/tweets.js"][1] == "nested too deeply to read (a damaged or hostile file)"
    assert status["data/follower.js"][2] == 1


def test_x_fields_of_the_wrong_type_never_crash_and_are_counted(tmp_path: Path) -> None:
    from tests import xkit

    odd = [
        {"tweet": {"id_str": 5, "full_text": 12345, "created_at": "yesterday", "entities": ["not", "an", "object"]}},
        {
            "tweet": {
                "id_str": "6",
                "full_text": "x https://t.co/A",
                "created_at": "Fri Feb 30 08:15:00 +0000 2025",
                "entities": {
                    "urls": [{"url": "https://t.co/A", "expanded_url": "https://e.org", "indices": ["900", "-1"]}]
                },
                "extended_entities": {"media": "none"},
                "edit_info": {"initial": {"editTweetIds": "6"}},
            }
        },
        {"tweet": {"id_str": "7", "full_text": "from 1999", "created_at": "Fri Jan 01 08:15:00 +0000 1999"}},
        "a string where an object should be",
        {"tweet": None},
    ]
    dms = [
        {
            "dmConversation": {
                "conversationId": 5,
                "messages": [None, {"messageCreate": "text"}, {"messageCreate": {"text": ["a"]}}],
            }
        }
    ]
    a = xkit.run(xkit.build(tmp_path / "odd.zip", {"tweets.js": odd, "direct-messages.js": dms}))
    status = _status(a)
    assert status["data/tweets.js"][0] is FileStatus.PARSED and status["data/tweets.js"][2] == 3
    got = {r["text"]: r["timestamp"] for r in a.items.iter_rows(named=True)}
    assert got["x https://e.org"] is None  # 30 February: no date, never a crash
    assert got["from 1999"] is None  # before X existed: no date
    assert Note.of("x_impossible_dates", n=3) in a.contexts["x"].notes


def test_a_time_written_with_a_superscript_digit_is_no_date_and_fails_nothing(make_zip) -> None:
    """``"²"`` is a digit to ``str.isdigit`` but not to ``int()``: the post is read, undated (it failed the
    whole file before), and so are the comments of a generic file beside it."""
    posts = json.dumps(
        [
            {"timestamp": "\u00b2", "data": [{"post": "first"}], "title": ""},
            {"timestamp": "1700000000", "data": [{"post": "second"}], "title": ""},
        ]
    ).encode()
    searches = json.dumps(
        {"searches_v2": [{"timestamp": "\u00b2", "data": [{"text": "caf\u00c3\u00a9"}], "title": "x"}]}
    ).encode()
    search_path = "logged_information/search/your_search_history.json"
    a = analyze([_fb_zip(make_zip, {POSTS_PATH: posts, search_path: searches})], Options())
    status = _status(a)
    assert status[POSTS_PATH][0] is FileStatus.PARSED and status[search_path][0] is FileStatus.PARSED
    posts_read = a.items.filter(a.items["source"] == POSTS_PATH).sort("row")
    assert posts_read["text"].to_list() == ["first", "second"]
    assert posts_read["timestamp"].is_null().to_list() == [True, False]
    assert a.items.filter(a.items["source"] == search_path)["timestamp"].is_null().all()


def test_a_whatsapp_report_time_written_with_a_superscript_digit_is_no_date() -> None:
    from exportscope.platforms.whatsapp.report import _time_of

    assert _time_of({"creation_time": "\u00b2"}) is None
    assert _time_of({"creation_time": "1700000000"}) is not None
