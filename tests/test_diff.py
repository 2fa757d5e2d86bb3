"""exportscope diff: a before/after pair of every platform family built at test time (posts deleted, a post
edited, a new post, a photo removed), verdicts moved by a policy coming into force, two accounts refused, the
erasure check with a ticked worklist (some deleted, some not), and the text, JSON (schema) and HTML outputs.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from exportscope.actions.diff import Change, Comparison, DifferentAccounts, Reason, Status, compare
from exportscope.actions.diff_render import render_html, render_text, to_json
from exportscope.actions.ticked import read_worklist
from exportscope.keys import with_keys
from exportscope.pipeline import Options, analyze
from tests.conftest import SAMPLES

AS_OF = date(2026, 12, 3)

# --- builders: one family each, old and new -----------------------------------------------------------------

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,,{headline},,Software,,"Lyon, France",,,\n'
)
EMAIL = 'Email Address,Confirmed,Primary,Updated On\nada@example.org,Yes,Yes,"3/1/25, 8:00 AM"\n'
SHARES_HEAD = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
MEDIA_HEAD = "Date/Time,Media Description,Media Link\n"


def _share(day: str, n: int, text: str) -> str:
    # Quoted, as LinkedIn writes a field holding a comma (an unquoted one puts values past the last column).
    return f'{day},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{n},"{text}",,,MEMBER_NETWORK\n'


def _rich(when: str, desc: str, n: int) -> str:
    return f'"You uploaded a photo on {when} (GMT)",{desc},https://media.licdn.com/r/{n}.jpg\n'


def linkedin_pair(make_zip: Callable[..., Path], email: str = "ada@example.org") -> tuple[Path, Path]:
    old = {
        "Profile.csv": PROFILE.format(headline="Engineer"),
        "Email Addresses.csv": EMAIL,
        "Shares_7000000001.csv": SHARES_HEAD + _share("2025-01-10 09:00:00", 1, "First post")
        + _share("2025-03-02 10:00:00", 2, "Second post, to delete") + _share("2025-05-05 11:00:00", 3, "Draft wording")
        + _share("2025-07-07 12:00:00", 4, "Fourth post, to delete"),
        "Rich_Media.csv": MEDIA_HEAD + _rich("March 2, 2025 at 10:00 AM", "Beach", 1)
        + _rich("May 5, 2025 at 11:00 AM", "Team", 2),
    }  # fmt: skip
    new = {
        "Profile.csv": PROFILE.format(headline="Staff engineer"),
        "Email Addresses.csv": EMAIL.replace("ada@example.org", email),
        "Shares_7000000009.csv": SHARES_HEAD + _share("2025-01-10 09:00:00", 1, "First post")
        + _share("2025-05-05 11:00:00", 3, "Final wording") + _share("2026-02-01 08:00:00", 5, "A new post"),
        "Rich_Media.csv": MEDIA_HEAD + _rich("May 5, 2025 at 11:00 AM", "Team", 2),
    }  # fmt: skip
    old_path = make_zip("Complete_LinkedInDataExport_10-01-2025.zip", {k: v.encode() for k, v in old.items()})
    new_path = make_zip("Complete_LinkedInDataExport_03-01-2026.zip", {k: v.encode() for k, v in new.items()})
    return old_path, new_path


def _rezip(src: Path, dest: Path, edit: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Path:
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members = edit(members)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dest


FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FB_PHOTO = "your_facebook_activity/posts/media/VacancesLisbonne_123/{}.jpg"


def _fb_post(ts: int, text: str, photos: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    post: dict[str, Any] = {"timestamp": ts, "data": [{"post": text}], "title": "Jeanne Doe updated her status."}
    if photos:
        post["attachments"] = [{"data": [{"media": {"uri": FB_PHOTO.format(p), "creation_timestamp": ts,
                                                     "title": "Album"}} for p in photos]}]  # fmt: skip
    return post


def facebook_pair(tmp_path: Path) -> tuple[Path, Path]:
    sample = SAMPLES / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip"
    old_posts = [_fb_post(1700000000, "Morning coffee"), _fb_post(1710000000, "Holiday pictures", ["p1", "p2"]),
                 _fb_post(1720000000, "A post I regret"), _fb_post(1725000000, "Typo in this post")]  # fmt: skip
    new_posts = [_fb_post(1700000000, "Morning coffee"), _fb_post(1710000000, "Holiday pictures", ["p1"]),
                 _fb_post(1725000000, "No typo in this post"), _fb_post(1765000000, "Back from Porto")]  # fmt: skip

    def edit(posts: list[dict[str, Any]], photos: list[str]) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
        def run(members: dict[str, bytes]) -> dict[str, bytes]:
            kept = {n: d for n, d in members.items() if "/posts/media/" not in n}
            kept[FB_POSTS] = json.dumps(posts).encode()
            kept.update({FB_PHOTO.format(p): b"\xff\xd8\xff\xe0" + p.encode() * 40 for p in photos})
            return kept

        return run

    old = _rezip(sample, tmp_path / "facebook-jdoe-2025-11-20-AbCdEfGh.zip", edit(old_posts, ["p1", "p2"]))
    (tmp_path / "new").mkdir()
    new = _rezip(sample, tmp_path / "new" / "facebook-jdoe-2026-02-01-ZzYyXxWw.zip", edit(new_posts, ["p1"]))
    return old, new


IG_POSTS = "your_instagram_activity/media/posts_1.json"


def _ig_post(ts: int, title: str, photos: list[str]) -> dict[str, Any]:
    media = [{"uri": f"media/posts/202405/{p}.jpg", "creation_timestamp": ts, "title": title} for p in photos]
    return {"media": media, "title": title, "creation_timestamp": ts}


def instagram_pair(tmp_path: Path) -> tuple[Path, Path]:
    sample = SAMPLES / "instagram-2025" / "instagram-jdoe-2025-11-20-AAAA1111.zip"
    old_posts = [_ig_post(1715000000, "Sunset", ["a1", "a2"]), _ig_post(1716000000, "Deleted later", ["b1"]),
                 _ig_post(1717000000, "Caption v1", ["c1"])]  # fmt: skip
    new_posts = [_ig_post(1715000000, "Sunset", ["a1"]), _ig_post(1717000000, "Caption v2", ["c1"]),
                 _ig_post(1766000000, "Winter", ["d1"])]  # fmt: skip

    def edit(posts: list[dict[str, Any]]) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
        def run(members: dict[str, bytes]) -> dict[str, bytes]:
            kept = {n: d for n, d in members.items() if not n.startswith("media/")}
            kept[IG_POSTS] = json.dumps(posts).encode()
            for post in posts:
                for m in post["media"]:
                    kept[m["uri"]] = b"\xff\xd8\xff\xe0" + m["uri"].encode() * 20
            return kept

        return run

    old = _rezip(sample, tmp_path / "instagram-jdoe-2025-11-20-AAAA1111.zip", edit(old_posts))
    (tmp_path / "new").mkdir(exist_ok=True)
    new = _rezip(sample, tmp_path / "new" / "instagram-jdoe-2026-02-01-CCCC3333.zip", edit(new_posts))
    return old, new


WA_OLD = """[01/06/2025 18:25:42] Maman: Coucou tout le monde !
[01/06/2025 18:26:03] Papa: Salut la famille
[02/06/2025 09:13:20] Léa: Message supprimé ensuite
[07/06/2025 20:40:01] Papa: Qui vient dimanche ?
[14/06/2025 10:02:11] Hugo: \u200e<pièce jointe : 00000012-PHOTO-2025-06-14-10-02-11.jpg>
[15/06/2025 08:01:30] Hugo: Pardon, mauvais mesage
"""
WA_NEW = """[01/06/2025 18:25:42] Maman: Coucou tout le monde !
[01/06/2025 18:26:03] Papa: Salut la famille
[07/06/2025 20:40:01] Papa: Qui vient dimanche ?
[15/06/2025 08:01:30] Hugo: Pardon, mauvais message <Ce message a été modifié>
[20/06/2025 19:00:00] Maman: Nouvelle photo demain
"""


def whatsapp_pair(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "old").mkdir(exist_ok=True)
    (tmp_path / "new").mkdir(exist_ok=True)
    old = tmp_path / "old" / "WhatsApp Chat - Famille.zip"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("_chat.txt", WA_OLD)
        zf.writestr("00000012-PHOTO-2025-06-14-10-02-11.jpg", b"\xff\xd8\xff\xe0" * 50)
    new = tmp_path / "new" / "WhatsApp Chat - Famille.zip"
    with zipfile.ZipFile(new, "w") as zf:
        zf.writestr("_chat.txt", WA_NEW)
    return old, new


def changes(c: Comparison, platform: str) -> dict[str, list[tuple[str, str | None]]]:
    """change -> [(kind, ISO date)] of one platform."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for r in c.changes.filter(c.changes["platform"] == platform).iter_rows(named=True):
        stamp = r["timestamp"].date().isoformat() if r["timestamp"] else None
        out.setdefault(r["change"], []).append((r["kind"], stamp))
    return {k: sorted(v, key=str) for k, v in out.items()}


# --- the four families ----------------------------------------------------------------------------------------


def test_linkedin_posts_deleted_edited_added_and_photo_removed(make_zip: Callable[..., Path]) -> None:
    old, new = linkedin_pair(make_zip)
    c = compare([old], [new], Options(as_of=AS_OF, region="eu", workers=1))
    got = changes(c, "linkedin")
    assert got["removed"] == [("media", "2025-03-02"), ("post", "2025-03-02"), ("post", "2025-07-07")]
    assert got["added"] == [("post", "2026-02-01")]
    assert ("post", "2025-05-05") in got["changed"]
    assert ("profile", None) in got["changed"]  # the headline, an undated field, paired back as one change
    assert c.old.dates["linkedin"] == date(2025, 10, 1) and c.new.dates["linkedin"] == date(2026, 3, 1)


def test_a_policy_coming_into_force_between_the_exports_is_the_reason(make_zip: Callable[..., Path]) -> None:
    old, new = linkedin_pair(make_zip)
    c = compare([old], [new], Options(as_of=AS_OF, region="eu", workers=1))
    moved = c.changes.filter(c.changes["change"] == Change.VERDICT.value)
    assert moved.height >= 1 and set(moved["reason"]) == {Reason.POLICY.value}
    assert set(zip(moved["verdict_old"], moved["verdict_new"], strict=True)) <= {
        ("not_used", "training"),
        ("not_used", "conditional"),
    }
    (shift,) = [s for s in c.policy if s.platform == "linkedin" and s.to_verdict == "training"]
    assert shift.since == date(2025, 11, 3) and shift.from_verdict == "not_used"
    first_post = c.changes.filter((c.changes["kind"] == "post") & (c.changes["change"] == "verdict"))
    assert first_post.height == 1  # "First post" is the same item, now used for training


def test_facebook_posts_deleted_edited_added_and_photo_removed(tmp_path: Path) -> None:
    old, new = facebook_pair(tmp_path)
    c = compare([old], [new], Options(as_of=AS_OF, workers=1))
    got = changes(c, "facebook")
    assert got["removed"] == [("media", "2024-03-09"), ("post", "2024-07-03")]
    assert got["added"] == [("post", "2025-12-06")]
    assert got["changed"] == [("post", "2024-08-30")]
    assert "verdict" not in got
    assert c.unchanged["facebook"] > 20


def test_instagram_posts_deleted_edited_added_and_photo_removed(tmp_path: Path) -> None:
    old, new = instagram_pair(tmp_path)
    c = compare([old], [new], Options(as_of=AS_OF, workers=1))
    got = changes(c, "instagram")
    # The photo removed from a post, the deleted post and its photo; and the sample's "recently deleted" photo,
    # which the newer export no longer lists (Meta purges that folder after 30 days).
    assert sorted(got["removed"]) == [("media", "2024-05-06"), ("media", "2024-05-18"), ("media", "2024-10-04"),
                                      ("post", "2024-05-18")]  # fmt: skip
    assert sorted(got["added"]) == [("media", "2025-12-17"), ("post", "2025-12-17")]
    assert ("post", "2024-05-29") in got["changed"]


def test_whatsapp_messages_deleted_edited_added_and_photo_removed(tmp_path: Path) -> None:
    old, new = whatsapp_pair(tmp_path)
    c = compare([old], [new], Options(as_of=AS_OF, workers=1))
    got = changes(c, "whatsapp")
    assert sorted(got["removed"]) == [("media", "2025-06-14"), ("message", "2025-06-02")]
    assert got["added"] == [("message", "2025-06-20")]
    assert got["changed"] == [("message", "2025-06-15")]
    assert ("account_unconfirmed", "whatsapp") in [(n.value, p) for n, p in c.notes]


def test_two_different_accounts_are_refused(make_zip: Callable[..., Path]) -> None:
    old, new = linkedin_pair(make_zip, email="someone.else@example.org")
    with pytest.raises(DifferentAccounts):
        compare([old], [new], Options(as_of=AS_OF, workers=1))


def test_the_older_export_given_second_is_swapped_and_said(make_zip: Callable[..., Path]) -> None:
    old, new = linkedin_pair(make_zip)
    c = compare([new], [old], Options(as_of=AS_OF, region="eu", workers=1))
    assert c.old.dates["linkedin"] == date(2025, 10, 1)
    assert [n.value for n, _ in c.notes][:1] == ["swapped"]
    assert changes(c, "linkedin")["added"] == [("post", "2026-02-01")]


def test_the_comparison_does_not_depend_on_row_order(make_zip: Callable[..., Path], tmp_path: Path) -> None:
    old, new = linkedin_pair(make_zip)
    shuffled = tmp_path / "new" / "Complete_LinkedInDataExport_03-01-2026.zip"
    shuffled.parent.mkdir(exist_ok=True)

    def reverse(members: dict[str, bytes]) -> dict[str, bytes]:
        name = "Shares_7000000009.csv"
        head, *rows = members[name].decode().splitlines(keepends=True)
        return {**members, name: (head + "".join(reversed(rows))).encode()}

    _rezip(new, shuffled, reverse)
    a = compare([old], [new], Options(as_of=AS_OF, region="eu", workers=1)).changes
    b = compare([old], [shuffled], Options(as_of=AS_OF, region="eu", workers=1)).changes
    assert a.drop("source").sort("key").equals(b.drop("source").sort("key"))


# --- the erasure check -------------------------------------------------------------------------------------------


def _worklist(path: Path, rows: list[dict[str, Any]], fmt: str) -> Path:
    if fmt == "json":
        path.write_bytes(orjson.dumps({"items": rows}))
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=["platform", "kind", "key", "done", "timestamp"], delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
        path.write_bytes(("\ufeff" + buf.getvalue()).encode())  # as a spreadsheet saves it
    return path


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_erasure_check_with_ticked_items_some_deleted_some_not(
    make_zip: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    old, new = linkedin_pair(make_zip)
    keyed = with_keys(analyze([old], Options(as_of=AS_OF, workers=1)).items)
    posts = keyed.filter(keyed["kind"] == "post").sort("timestamp")
    media = keyed.filter(keyed["kind"] == "media").sort("timestamp")
    ticks = {posts["key"][1]: True, posts["key"][3]: True, posts["key"][0]: True, media["key"][0]: True,
             posts["key"][2]: False}  # fmt: skip
    rows = [{"platform": "linkedin", "kind": k.split("|")[1], "key": k, "timestamp": "",
             "done": ("x" if v else "") if fmt == "csv" else v} for k, v in ticks.items()]  # fmt: skip
    rows.append({"platform": "linkedin", "kind": "post", "key": "linkedin|post|Shares.csv|2019-01-01T00:00:00Z|1",
                 "done": "yes" if fmt == "csv" else True, "timestamp": ""})  # fmt: skip
    rows.append({"platform": "linkedin", "kind": "post", "key": "", "done": "x", "timestamp": ""})
    wl = read_worklist(_worklist(tmp_path / f"worklist.{fmt}", rows, fmt))
    c = compare([old], [new], Options(as_of=AS_OF, region="eu", workers=1), wl)
    assert c.erasure is not None
    status = {r.key: r.status for r in c.erasure.rows}
    assert status[posts["key"][1]] is Status.GONE and status[posts["key"][3]] is Status.GONE
    assert status[media["key"][0]] is Status.GONE
    assert status[posts["key"][0]] is Status.STILL_PRESENT  # ticked, but the platform still has it
    assert status["linkedin|post|Shares.csv|2019-01-01T00:00:00Z|1"] is Status.NOT_FOUND
    assert posts["key"][2] not in status  # not ticked: not checked
    assert (c.erasure.ticked, c.erasure.unticked, c.erasure.unusable) == (5, 1, 1)
    text = render_text(c)
    assert "3 gone, 1 still present, 1 found in neither export" in text
    assert "still present  LinkedIn  post  10 January 2025  Shares_7000000009.csv" in text


def test_a_worklist_without_a_done_column_is_refused(tmp_path: Path) -> None:
    from exportscope.archive import InputError

    bad = tmp_path / "w.json"
    bad.write_text('[{"key": "linkedin|post|Shares.csv|2025-01-10T09:00:00Z|1", "platform": "linkedin"}]')
    with pytest.raises(InputError, match="no done column"):
        read_worklist(bad)


def test_a_worklist_without_a_key_column_is_one_clear_error(tmp_path: Path, cli: Callable[..., Any]) -> None:
    bad = tmp_path / "w.csv"
    bad.write_text("platform,done\nlinkedin,x\n")
    r = cli("diff", SAMPLES / "whatsapp" / "WhatsApp Chat with Alice.txt",
            SAMPLES / "whatsapp" / "WhatsApp Chat with Alice.txt", "--worklist", bad)  # fmt: skip
    assert r.exit_code == 2 and "no key column" in r.stderr and r.stderr.count("\n") == 1


# --- outputs --------------------------------------------------------------------------------------------------------


def test_json_follows_its_schema_and_holds_no_item_text(make_zip: Callable[..., Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    old, new = linkedin_pair(make_zip)
    c = compare([old], [new], Options(as_of=AS_OF, region="eu", workers=1))
    doc = to_json(c)
    schema = json.loads((Path(__file__).parent.parent / "schemas" / "diff.schema.json").read_text())
    jsonschema.validate(doc, schema)
    dumped = json.dumps(doc, ensure_ascii=False)
    assert doc["schema"] == "exportscope.diff/1"
    for text in ("Second post, to delete", "Final wording", "Draft wording", "A new post"):
        assert text not in dumped and text not in render_html(c) and text not in render_text(c)


def test_html_is_self_contained_and_escapes_archive_paths(tmp_path: Path) -> None:
    old, new = whatsapp_pair(tmp_path)
    c = compare([old], [new], Options(as_of=AS_OF, workers=1))
    c.changes = c.changes.with_columns(c.changes["source"].str.replace("^", "<script>x</script>"))
    html = render_html(c, "fr")
    assert "<script>x" not in html and "http://" not in html and "src=" not in html
    assert "Comparaison de deux exports" in html


def test_cli_text_json_and_html(make_zip: Callable[..., Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    old, new = linkedin_pair(make_zip)
    r = cli("diff", old, new, "--region", "eu", "--as-of", "2026-12-03")
    assert r.exit_code == 0, r.stderr
    assert "LinkedIn: export of 1 October 2025 → export of 1 March 2026" in r.stdout
    assert "the policy in force since 3 November 2025 took effect between the two exports" in r.stdout
    r = cli("diff", old, new, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["platforms"][0]["counts"]["added"] == 1
    out = tmp_path / "diff.html"
    r = cli("diff", old, new, "-o", out, "--lang", "fr")
    assert r.exit_code == 0 and out.read_text().startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o777 == 0o600
    r = cli("diff", old, tmp_path / "missing.zip")
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


def test_every_diff_key_has_every_language() -> None:
    from exportscope.actions import catalogue

    for key, entry in catalogue.load("diff").items():
        assert set(entry) == set(catalogue.DIFF_LANGS), key


def test_cli_refuses_two_accounts_in_one_line(make_zip: Callable[..., Path], cli: Callable[..., Any]) -> None:
    old, new = linkedin_pair(make_zip, email="someone.else@example.org")
    r = cli("diff", old, new)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "two different LinkedIn accounts" in r.stderr and "someone.else" not in r.stderr
