"""X (Twitter) sample archives (shared/reference/x.md), all content invented, written deterministically.

- ``x-2025/twitter-2025-01-22-<hex>.zip``: the 2025 layout (``data/``, ``tweets.js`` + ``tweets-part1.js``,
  manifest with exact counts, long posts in ``note-tweet.js``, an edited post, a retweet, a quote, replies
  and a self-thread, posts from the Circle years with no Circle file, a Community post, escaped entities
  (``&amp;``, ``&gt;``), emoji before links (code-point indices), a photo with EXIF GPS, DMs split over two
  entries with overlap, a group DM with events, Grok chats, a deleted post, an account unprotected this year).
- ``x-2020/twitter-2020-11-17-<hex>.zip``: the 2020 layout re-zipped by macOS (a wrapper folder, ``.DS_Store``
  and ``__MACOSX/``), ``tweet.js`` with arrays opening on the first line, a protected account.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from _zipkit import write_zip
from PIL import Image

X_2025 = "x-2025/twitter-2025-01-22-9c1f0e6b2d4a8f3e5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a.zip"
X_2020 = "x-2020/twitter-2020-11-17-09e646fa0d7c4e2b8a1f3c5d7e9b1a3c5e7f9d1b3a5c7e9f1d3b5a7c9e1f3d5b.zip"

OWNER = "1400000000000000001"
OWNER_2020 = "1100000000000000007"
LYON = ((45.0, 45.0, 50.0), (4.0, 50.0, 8.0))  # deg, min, sec; N / E


def jpeg(seed: int, gps: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None) -> bytes:
    """A 24x16 JPEG with a seed-dependent colour; EXIF camera model, and GPS when given."""
    img = Image.new("RGB", (24, 16), ((seed * 50) % 256, (seed * 90) % 256, (seed * 30) % 256))
    exif = Image.Exif()
    exif[0x0110] = "Example Phone 7"
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2], ifd[3], ifd[4] = "N", gps[0], "E", gps[1]
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70, exif=exif)
    return buf.getvalue()


def ytd(name: str, value: Any, part: int = 0, *, first_line: bool = False) -> bytes:
    """``window.YTD.<name>.partN = [...]`` with X's ``" : "`` separators; 2020 files open the array on the
    first line (``= [ {``) and print empty arrays as ``[]`` (2022 on: ``[ ]``)."""
    body = json.dumps(value, indent=2, ensure_ascii=False, separators=(",", " : "))
    if first_line:
        body = body.replace("[\n  {", "[ {", 1)
    elif body == "[]":
        body = "[ ]"
    return f"window.YTD.{name}.part{part} = {body}".encode()


def _idx(text: str, needle: str) -> list[str]:
    start = text.index(needle)  # code points of the escaped text, as X counts them
    return [str(start), str(start + len(needle))]


def tweet(
    tid: str,
    created: str,
    text: str,
    *,
    urls: list[tuple[str, str]] = (),
    mentions: list[tuple[str, str, str]] = (),
    reply_to: tuple[str, str, str | None] | None = None,
    media: list[tuple[str, str, str]] = (),
    edit: dict[str, Any] | None = None,
    retweets: int = 0,
    era_2020: bool = False,
) -> dict[str, Any]:
    """One tweet as ``tweets.js`` holds it; ``urls``: (t.co, expanded); ``media``: (media id, t.co, file)."""
    entities: dict[str, Any] = {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
            {"name": name, "screen_name": sn, "indices": _idx(text, "@" + sn), "id_str": uid, "id": uid}
            for sn, name, uid in mentions
        ],
        "urls": [
            {
                "url": short,
                "expanded_url": long,
                "display_url": long.split("//", 1)[1][:26],
                "indices": _idx(text, short),
            }
            for short, long in urls
        ],
    }
    t: dict[str, Any] = {}
    if not era_2020:
        t["edit_info"] = edit or {
            "initial": {
                "editTweetIds": [tid],
                "editableUntil": "2025-01-01T00:00:00.000Z",
                "editsRemaining": "5",
                "isEditEligible": True,
            }
        }
    t.update({"retweeted": False, "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
              "entities": entities, "display_text_range": ["0", str(len(text))], "favorite_count": "0",
              "id_str": tid, "truncated": False, "retweet_count": str(retweets), "id": tid, "created_at": created,
              "favorited": False, "full_text": text, "lang": "en"})  # fmt: skip
    if reply_to:
        status, uid, sn = reply_to
        t.update({"in_reply_to_status_id_str": status, "in_reply_to_status_id": status,
                  "in_reply_to_user_id": uid, "in_reply_to_user_id_str": uid})  # fmt: skip
        if sn:
            t["in_reply_to_screen_name"] = sn
    if media:
        items = [
            {"expanded_url": f"https://x.com/example_user/status/{tid}/photo/1", "indices": _idx(text, short),
             "url": short, "media_url_https": f"https://pbs.twimg.com/media/{name}", "id_str": mid, "id": mid,
             "type": "photo", "display_url": "pic.x.com/" + short[-6:],
             "sizes": {"small": {"w": "680", "h": "453", "resize": "fit"}}}
            for mid, short, name in media
        ]  # fmt: skip
        t["entities"]["media"] = items
        t["extended_entities"] = {"media": items}
    return {"tweet": t}


def _edit_chain(ids: list[str], this: str) -> dict[str, Any]:
    if this == ids[0]:
        return {
            "initial": {
                "editTweetIds": ids,
                "editableUntil": "2024-06-02T10:30:00.000Z",
                "editsRemaining": "4",
                "isEditEligible": True,
            }
        }
    return {"edit": {"initialTweetId": ids[0], "editControlInitial": {"editTweetIds": ids, "editableUntil": "2024-06-02T10:30:00.000Z", "editsRemaining": "4", "isEditEligible": True}}}  # fmt: skip


LONG = (
    "Thread-free long post about migration counts on the Rhône this spring: 1,204 cormorants, 88 grey herons "
    "and, for the first time since 2019, a pair of black storks near the dam. Thanks to everyone who "
    "counted with us >> next count on 12 April, meet at the car park at 7 am. Bring binoculars & coffee!"
)


def tweets_2025() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    part0 = [
        tweet("1880000000000000101", "Fri Jan 10 08:15:00 +0000 2025",
              "Sunrise count done 🐦‍⬛🌅 results &amp; map: https://t.co/Ab12Cd34Ef",
              urls=[("https://t.co/Ab12Cd34Ef", "https://example.org/counts/2025-01")], retweets=3),
        tweet("1852000000000000102", "Sun Nov 03 20:22:02 +0000 2024",
              "@river_otter agreed &amp; thanks, see you Saturday 👍 https://t.co/Zz98Yy76Xx",
              urls=[("https://t.co/Zz98Yy76Xx", "https://example.org/a")],
              mentions=[("river_otter", "River Otter", "222000111")],
              reply_to=("1852000000000000001", "222000111", None)),
        tweet("1852000000000000103", "Sun Nov 03 20:25:40 +0000 2024",
              "2/ and the herons were back on the east bank", reply_to=("1852000000000000102", OWNER, "example_user")),
        tweet("1850000000000000104", "Mon Oct 28 12:00:00 +0000 2024",
              "RT @heron_watch: Record heron count on the Saône today, full list in the thread \u2026"),
        tweet("1849000000000000105", "Fri Oct 25 09:00:00 +0000 2024",
              "This is the survey I mentioned https://t.co/Qt11Qt22Qt",
              urls=[("https://t.co/Qt11Qt22Qt", "https://twitter.com/heron_watch/status/1848000000000000001")]),
        tweet("1845000000000000106", "Sat Oct 12 07:45:10 +0000 2024",
              "Kingfisher at the weir 📸 https://t.co/Ph0t0AbCdE",
              media=[("1845000000000000999", "https://t.co/Ph0t0AbCdE", "GKf1sherAbC.jpg")]),
        tweet("1776000000000000107", "Fri Apr 05 14:58:50 +0000 2024",
              LONG.replace("&", "&amp;").replace(">", "&gt;")[:250] + "\u2026 https://t.co/L0ngP0st11",
              urls=[("https://t.co/L0ngP0st11", "https://twitter.com/i/web/status/1776000000000000107")]),
    ]  # fmt: skip
    edited = ["1797000000000000108", "1797000000000000109"]
    part1 = [
        tweet("1640000000000000110", "Wed Mar 01 18:00:00 +0000 2023",
              "Quiet evening at the lake, only coots and one very loud grebe"),
        tweet(edited[0], "Sun Jun 02 09:30:00 +0000 2024", "Nest box 4 has eggs!! (three)", edit=_edit_chain(edited, edited[0])),
        tweet(edited[1], "Sun Jun 02 09:41:00 +0000 2024", "Nest box 4 has eggs!! (four, I miscounted)",
              edit=_edit_chain(edited, edited[1])),
        tweet("240000000000000111", "Tue Aug 28 10:00:00 +0000 2012",
              "First post here. Call the reserve on +33 4 78 00 00 00 if you find an injured bird &gt; they are great"),
        # The same id as the first post of part 0: X's parts overlap sometimes; counted once.
        tweet("1880000000000000101", "Fri Jan 10 08:15:00 +0000 2025",
              "Sunrise count done 🐦‍⬛🌅 results &amp; map: https://t.co/Ab12Cd34Ef",
              urls=[("https://t.co/Ab12Cd34Ef", "https://example.org/counts/2025-01")], retweets=3),
    ]  # fmt: skip
    return part0, part1


def note_tweets() -> list[dict[str, Any]]:
    def note(nid: str, created: str, text: str) -> dict[str, Any]:
        return {"noteTweet": {"noteTweetId": nid, "updatedAt": created,
                              "lifecycle": {"value": "1", "name": "Active", "originalName": "Active", "annotations": {}},
                              "createdAt": created,
                              "core": {"styletags": [], "urls": [], "text": text, "mentions": [], "cashtags": [], "hashtags": []}}}  # fmt: skip

    return [
        note("1776000000000000901", "2024-04-05T14:58:50.000Z", LONG),
        note(
            "1700000000000000902",
            "2023-10-13T14:58:50.000Z",
            "A long post whose short version I deleted; the full text survives here. " * 5,
        ),
    ]


def dms_2025() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    cid = f"222000111-{OWNER}"

    def msg(mid: str, sender: str, text: str, created: str, **extra: Any) -> dict[str, Any]:
        body = {"recipientId": OWNER if sender != OWNER else "222000111", "reactions": [], "urls": [], "text": text,
                "mediaUrls": [], "senderId": sender, "id": mid, "createdAt": created, "editHistory": []}  # fmt: skip
        body.update(extra)
        return {"messageCreate": body}

    newest = msg("1881000000000000003", OWNER, "On my way, the map is here https://t.co/Mp4Pm4Mp4P", "2025-01-12T09:02:00.000Z",
                 urls=[{"url": "https://t.co/Mp4Pm4Mp4P", "expanded": "https://example.org/map", "display": "example.org/map"}])  # fmt: skip
    middle = msg("1881000000000000002", "222000111", "see you at 3 &amp; bring the map", "2025-01-12T08:55:00.000Z",
                 reactions=[{"senderId": OWNER, "reactionKey": "like", "eventId": "1881000000000000010",
                             "createdAt": "2025-01-12T08:56:00.000Z"}],
                 mediaUrls=["https://ton.twitter.com/dm/1881000000000000002/1881000000000000020/Hn4Ab.jpg"])  # fmt: skip
    oldest = msg("1881000000000000001", "222000111", "Are you counting on Saturday?", "2025-01-11T19:00:00.000Z")
    one_to_one = [
        {"dmConversation": {"conversationId": cid, "messages": [newest, middle]}},
        # A long conversation split in two entries with an overlapping message (x.md 6.2).
        {"dmConversation": {"conversationId": cid, "messages": [middle, oldest]}},
    ]
    group = [
        {"dmConversation": {"conversationId": "1870000000000000500", "messages": [
            msg("1870000000000000503", "333000222", "Who has the spare scope?", "2024-12-20T10:05:00.000Z"),
            {"conversationNameUpdate": {"initiatingUserId": OWNER, "name": "Rhône counters", "createdAt": "2024-12-20T10:01:00.000Z"}},
            {"joinConversation": {"initiatingUserId": OWNER, "participantsSnapshot": [OWNER, "222000111", "333000222"],
                                  "createdAt": "2024-12-20T10:00:00.000Z"}},
        ]}},
    ]  # fmt: skip
    return one_to_one, group


def grok() -> list[dict[str, Any]]:
    def turn(chat: str, created: str, sender: str, message: str, **extra: Any) -> dict[str, Any]:
        value = "1" if sender == "User" else "2"
        item = {"chatId": chat, "accountId": OWNER, "createdAt": created,
                "sender": {"value": value, "name": sender, "originalName": sender.upper(), "annotations": {}},
                "grokMode": {"value": "1", "name": "Normal", "originalName": "NORMAL", "annotations": {}},
                "message": message}  # fmt: skip
        item.update(extra)
        return {"grokChatItem": item}

    return [
        turn("1880000000000000700", "2025-01-08T21:21:34.342Z", "User", "How do I tell a grey heron from a purple heron?"),
        turn("1880000000000000700", "2025-01-08T21:21:34.342Z", "Agent",
             "**Purple herons** are darker and slimmer, with a snake-like neck [](https://example.org/herons).",
             postIds=["1879000000000000001", "1879000000000000001"]),
        turn("1880000000000000800", "2025-01-15T07:00:00.000Z", "User", "Write a short invite for our bird count on 12 April"),
        turn("1880000000000000800", "2025-01-15T07:00:00.000Z", "Agent", "Join us on 12 April at 7 am for the spring count!"),
    ]  # fmt: skip


def manifest(user: tuple[str, str, str], generated: str, files: dict[str, int]) -> bytes:
    types: dict[str, Any] = {}
    for path, count in files.items():
        name = path.rsplit("/", 1)[-1][:-3]
        base = name.split("-part")[0]
        camel = base.split("-")[0] + "".join(w.capitalize() for w in base.split("-")[1:])
        part = int(name.split("-part")[1]) if "-part" in name else 0
        types.setdefault(camel, {"files": []})["files"].append(
            {"fileName": path, "globalName": f"YTD.{base.replace('-', '_')}.part{part}", "count": str(count)}
        )
    doc = {
        "userInfo": {"accountId": user[0], "userName": user[1], "displayName": user[2]},
        "archiveInfo": {"sizeBytes": "1048576", "generationDate": generated, "isPartialArchive": False,
                        "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": types,
    }  # fmt: skip
    return ("window.__THAR_CONFIG = " + json.dumps(doc, indent=2, ensure_ascii=False, separators=(",", " : "))).encode()


VIEWER = b"<!DOCTYPE html><html><head><title>Your archive</title></head><body><script src='assets/js/main.js'></script></body></html>\n"
README = b"Twitter archive\n\nThis archive contains ... (the real README describes every file).\n"


def archive_2025() -> list[tuple[str, bytes]]:
    part0, part1 = tweets_2025()
    one, group = dms_2025()
    data: list[tuple[str, str, Any]] = [  # (path under data/, global name, entries)
        ("account.js", "account", [{"account": {"email": "example.user@example.org", "createdVia": "web",
                                                "username": "example_user", "accountId": OWNER,
                                                "createdAt": "2019-04-02T10:11:12.000Z",
                                                "accountDisplayName": "Example User 🐦"}}]),
        ("profile.js", "profile", [{"profile": {"description": {"bio": "Birdwatcher in Lyon. Counts and photos. Write to example.user@example.org",
                                                                "website": "https://t.co/W3bS1t3Xx", "location": "Lyon, France"},
                                                "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/avatar.jpg"}}]),
        ("ageinfo.js", "ageinfo", [{"ageMeta": {"ageInfo": {"age": ["34"], "birthDate": "1990-05-04"}}}]),
        ("protected-history.js", "protected_history", [
            {"protectedHistory": {"protectedAt": "2024-09-01T08:00:00.000Z", "action": "Protect"}},
            {"protectedHistory": {"protectedAt": "2024-12-01T08:00:00.000Z", "action": "Unprotect"}},
        ]),
        ("account-timezone.js", "account_timezone", [{"accountTimezone": {"accountId": OWNER}}]),
        ("screen-name-change.js", "screen_name_change", [{"screenNameChange": {"accountId": OWNER, "screenNameChange": {
            "changedAt": "2020-02-02T10:00:00.000Z", "changedFrom": "example_usr", "changedTo": "example_user"}}}]),
        ("ip-audit.js", "ip_audit", [{"ipAudit": {"accountId": OWNER, "createdAt": "2025-01-20T07:00:00.000Z",
                                                  "loginIp": "203.0.113.7", "loginPortNumber": "443"}}]),
        ("personalization.js", "personalization", [{"p13nData": {
            "demographics": {"languages": [{"language": "English", "isDisabled": False}, {"language": "French", "isDisabled": False}],
                             "genderInfo": {"gender": "female"}},
            "interests": {"interests": [{"name": "Birdwatching", "isDisabled": False}, {"name": "Photography", "isDisabled": False}],
                          "partnerInterests": [], "audienceAndAdvertisers": {"numAudiences": "0"}, "shows": ["Planet Earth"]},
            "locationHistory": ["Lyon, Auvergne-Rhône-Alpes, France"],
            "inferredAgeInfo": {"age": ["13-54"], "birthDate": ""}}}]),
        ("expanded-profile.js", "expanded_profile", [{"expandedProfile": {}}]),
        ("tweets.js", "tweets", part0),
        ("tweets-part1.js", "tweets", part1),
        ("tweet-headers.js", "tweet_headers", [{"tweet": {"tweet_id": t["tweet"]["id"], "user_id": OWNER,
                                                          "created_at": t["tweet"]["created_at"]}} for t in part0 + part1]),
        ("note-tweet.js", "note_tweet", note_tweets()),
        ("community-tweet.js", "community_tweet", [dict(tweet("1860000000000000120", "Fri Nov 29 17:00:00 +0000 2024",
                                                              "Our community's first winter count is on! Sign up below"))]),
        ("deleted-tweets.js", "deleted_tweets", [{"tweet": {**tweet("1882000000000000130", "Mon Jan 20 06:00:00 +0000 2025",
                                                                     "Typo-ridden draft I deleted")["tweet"],
                                                            "deleted_at": "Mon Jan 20 06:05:00 +0000 2025"}}]),
        ("like.js", "like", [
            {"like": {"tweetId": "1879000000000000001", "fullText": "Herons &gt; egrets, fight me",
                      "expandedUrl": "https://twitter.com/i/web/status/1879000000000000001"}},
            {"like": {"tweetId": "1700000000000000002",
                      "fullText": "You\u2019re unable to view this Tweet because this account owner limits who can view their Tweets. {learnmore}",
                      "expandedUrl": "https://twitter.com/i/web/status/1700000000000000002"}},
        ]),
        ("follower.js", "follower", [{"follower": {"accountId": "222000111", "userLink": "https://twitter.com/intent/user?user_id=222000111"}}]),
        ("following.js", "following", [{"following": {"accountId": "333000222", "userLink": "https://twitter.com/intent/user?user_id=333000222"}}]),
        ("block.js", "block", [{"blocking": {"accountId": "444000333", "userLink": "https://twitter.com/intent/user?user_id=444000333"}}]),
        ("mute.js", "mute", []),
        ("lists-member.js", "lists_member", []),
        ("saved-search.js", "saved_search", [{"savedSearch": {"savedSearchId": "55", "query": "black stork Rhône"}}]),
        ("direct-messages.js", "direct_messages", one),
        ("direct-message-headers.js", "direct_message_headers", [{"dmConversation": {"conversationId": c["dmConversation"]["conversationId"], "messages": []}} for c in one]),
        ("direct-messages-group.js", "direct_messages_group", group),
        ("direct-message-group-headers.js", "direct_message_group_headers", [{"dmConversation": {"conversationId": "1870000000000000500", "messages": []}}]),
        ("grok-chat-item.js", "grok_chat_item", grok()),
        ("community-note.js", "community_note", [{"communityNote": {"noteId": "1860000000000000600", "userId": OWNER,
                                                                    "createdAt": "2024-11-30T12:00:00.000Z", "tweetId": "1859000000000000001",
                                                                    "summary": "The photo shows a grey heron, not a crane (see example.org/herons).",
                                                                    "classification": "MisinformedOrPotentiallyMisleading"}}]),
        ("community-note-batsignal.js", "community_note_batsignal", []),
        ("ad-impressions.js", "ad_impressions", [{"ad": {"adsUserData": {"adImpressions": {"impressions": [
            {"deviceInfo": {"osType": "Desktop"}, "displayLocation": "TimelineHome", "impressionTime": "2025-01-02 10:00:00"}]}}}}]),
        ("connected-application.js", "connected_application", [{"connectedApplication": {"organization": {"name": "Bird Counter"},
                                                                                         "name": "Bird Counter", "approvedAt": "2023-02-01T10:00:00.000Z"}}]),
        ("professional-data.js", "professional_data", [{"professionalData": {"professionalType": "Creator",
                                                                             "categories": [{"categoryName": "Nature & Outdoors", "setToDisplay": True}]}}]),
    ]  # fmt: skip
    files = {f"data/{path}": len(entries) for path, _, entries in data}
    members: list[tuple[str, bytes]] = [("Your archive.html", VIEWER), ("assets/js/main.js", b"/* viewer */\n")]
    members.append(
        ("data/manifest.js", manifest((OWNER, "example_user", "Example User 🐦"), "2025-01-22T02:08:40.412Z", files))
    )
    members.append(("data/README.txt", README))
    for path, name, entries in data:
        part = 1 if path.endswith("-part1.js") else 0
        members.append((f"data/{path}", ytd(name, entries, part)))
    members += [
        ("data/tweets_media/1845000000000000106-GKf1sherAbC.jpg", jpeg(1, LYON)),
        ("data/direct_messages_media/1881000000000000002-Hn4Ab.jpg", jpeg(2)),
        ("data/profile_media/1400000000000000001-avatar.jpg", jpeg(3)),
        ("data/grok_chat_media/1880000000000000700-heron.jpg", jpeg(4)),
    ]
    return members


def archive_2020() -> list[tuple[str, bytes]]:
    root = "twitter-2020-11-17-09e646fa0d7c4e2b8a1f3c5d7e9b1a3c5e7f9d1b3a5c7e9f1d3b5a7c9e1f3d5b"
    t2020 = [
        tweet("1300000000000000201", "Mon Aug 31 18:00:00 +0000 2020",
              "Only my followers see this now: the owl nest is behind the old mill 🦉", era_2020=True),
        tweet("1290000000000000202", "Tue Aug 04 07:30:00 +0000 2020",
              "@heron_watch same here, 12 herons this morning", mentions=[("heron_watch", "Heron Watch", "555000444")],
              reply_to=("1289000000000000001", "555000444", "heron_watch"), era_2020=True),
        tweet("1280000000000000203", "Sat Jul 04 09:00:00 +0000 2020", "Mill pond at dawn https://t.co/M1llP0nd00",
              media=[("1280000000000000888", "https://t.co/M1llP0nd00", "EcMillPond.jpg")], era_2020=True),
    ]  # fmt: skip
    data: list[tuple[str, str, Any]] = [
        ("account.js", "account", [{"account": {"email": "owl.friend@example.org", "createdVia": "web", "username": "owl_friend",
                                                "accountId": OWNER_2020, "createdAt": "2017-03-01T09:00:00.000Z",
                                                "accountDisplayName": "Owl Friend"}}]),
        ("profile.js", "profile", [{"profile": {"description": {"bio": "Owls, mostly.", "website": "", "location": ""}}}]),
        ("protected-history.js", "protected_history", [{"protectedHistory": {"protectedAt": "2020-09-01T12:00:00.000Z", "action": "Protect"}}]),
        ("ageinfo.js", "ageinfo", [{"ageMeta": {}}]),
        ("tweet.js", "tweet", t2020),
        ("like.js", "like", [{"like": {"tweetId": "1288000000000000001", "fullText": "Barn owls &amp; tawny owls compared",
                                       "expandedUrl": "https://twitter.com/i/web/status/1288000000000000001"}}]),
        ("follower.js", "follower", [{"follower": {"accountId": "555000444", "userLink": "https://twitter.com/intent/user?user_id=555000444"}}]),
        ("direct-messages.js", "direct_messages", []),
        ("fleet.js", "fleet", [{"fleet": {"fleetId": "F1", "createdAt": "2020-11-10T10:00:00.000Z", "text": "Owl pellet day!"}}]),
    ]  # fmt: skip
    files = {f"data/{path}": len(entries) for path, _, entries in data}
    members: list[tuple[str, bytes]] = [
        (f"{root}/Your archive.html", VIEWER),
        (f"{root}/.DS_Store", b"\x00\x00\x00\x01Bud1" + bytes(24)),
        (
            f"{root}/data/manifest.js",
            manifest((OWNER_2020, "owl_friend", "Owl Friend"), "2020-11-17T09:12:00.000Z", files),
        ),
    ]
    for path, name, entries in data:
        body = ytd(name, entries, first_line=True)
        if not entries:
            body = f"window.YTD.{name}.part0 = []".encode()
        members.append((f"{root}/data/{path}", body))
    members += [
        (f"{root}/data/tweet_media/1280000000000000203-EcMillPond.jpg", jpeg(5)),
        (f"__MACOSX/{root}/data/._tweet.js", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(16)),
    ]
    return members


#: The samples ``exportscope --demo`` opens (relative to sample_exports/; make_samples.py lists them in demo.toml).
DEMO = (X_2025,)


def build(out_dir: Path) -> list[Path]:
    return [write_zip(out_dir / X_2025, archive_2025()), write_zip(out_dir / X_2020, archive_2020())]


if __name__ == "__main__":
    for p in build(Path(__file__).resolve().parent):
        print(p)
