"""Generate large, realistic exports for the benchmarks: ``python benchmarks/generate.py L --media-gb 2``.

Scale L is about 1,000,000 items in all: 500,000 messages over 2,000 threads, 100,000 posts and comments,
and the rest reactions, likes, logins, searches and ads, spread over a LinkedIn, a Facebook, an Instagram
and a WhatsApp export, in the real formats with their quirks (Meta's mojibake and newest-first message
files split at 10,000, LinkedIn's CRLF activity files and `_<digits>` suffixes, WhatsApp's U+202F). S and M
are 1/100 and 1/10 of L. Media are JPEGs with a real header and a random body, referenced by the posts,
stored uncompressed as Meta does. Content is random words; generation is deterministic per seed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

SCALES = {"S": 0.01, "M": 0.1, "L": 1.0}

#: Items at scale L per (platform, what).
PLAN_L = {
    "linkedin.messages": 60_000,
    "linkedin.shares": 10_000,
    "linkedin.comments": 20_000,
    "linkedin.reactions": 50_000,
    "linkedin.searches": 20_000,
    "linkedin.logins": 10_000,
    "facebook.messages": 300_000,
    "facebook.posts": 30_000,
    "facebook.comments": 20_000,
    "facebook.reactions": 150_000,
    "facebook.searches": 20_000,
    "instagram.messages": 100_000,
    "instagram.posts": 10_000,
    "instagram.comments": 10_000,
    "instagram.likes": 100_000,
    "instagram.ads": 50_000,
    "whatsapp.messages": 40_000,
}
THREADS_L = {"facebook": 1_200, "instagram": 400, "linkedin": 390, "whatsapp": 10}

WORDS = [
    "the",
    "a",
    "to",
    "and",
    "of",
    "in",
    "for",
    "on",
    "with",
    "at",
    "team",
    "project",
    "data",
    "ai",
    "model",
    "launch",
    "today",
    "week",
    "great",
    "thanks",
    "meeting",
    "café",
    "naïve",
    "résumé",
    "über",
    "déjà",
    "vu",
    "🚀",
    "👍",
    "😂",
    "coffee",
    "lunch",
    "train",
    "tomorrow",
    "berlin",
    "paris",
    "office",
    "remote",
    "hiring",
    "python",
    "polars",
    "rust",
    "code",
    "review",
    "deploy",
    "release",
    "customer",
    "growth",
    "design",
    "idea",
    "question",
    "answer",
]


def _text(rng: random.Random, lo: int = 3, hi: int = 25) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _mojibake(obj: object) -> bytes:
    """JSON as Meta writes it: every non-ASCII UTF-8 byte as a ``\\u00XX`` escape."""
    raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return re.sub(rb"[\x80-\xff]", lambda m: b"\\u00%02x" % m[0][0], raw)


def _jpeg(rng: random.Random, size: int) -> bytes:
    """A real JPEG header (a tiny valid image) padded with a random body to ``size`` bytes."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (rng.randrange(256), 80, 120)).save(buf, "JPEG")
    head = buf.getvalue()
    return head + rng.randbytes(max(0, size - len(head)))


class _Zip:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.zf = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.path = path

    def add(self, name: str, data: bytes, *, store: bool = False) -> None:
        info = zipfile.ZipInfo(name, date_time=(2026, 3, 9, 12, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if store else zipfile.ZIP_DEFLATED
        self.zf.writestr(info, data)

    def close(self) -> None:
        self.zf.close()


def _n(plan: dict[str, int], key: str, factor: float) -> int:
    return max(1, int(plan[key] * factor))


def _stamps(rng: random.Random, n: int, start: int = 1_420_000_000, end: int = 1_760_000_000) -> list[int]:
    return sorted(rng.randint(start, end) for _ in range(n))


def _li_date(ts: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _shares_csv(rng: random.Random, n: int) -> bytes:
    """``Shares.csv`` with ``n`` posts of one to three lines, in LinkedIn's per-line quote wrapping as the
    export writes it (linkedin.md): the lines joined by ``"`` + newline + ``"`` inside one quoted cell, so the
    quotes are doubled in the file. (Scale L wrote them undoubled until stop 29, which no export does: every
    multi-line post then broke into undated rows, and the benchmark measured that recovery path.)"""
    shares = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
    for i, ts in enumerate(_stamps(rng, n)):
        lines = [_text(rng) for _ in range(rng.randint(1, 3))]
        commentary = '""\n""'.join(line.replace('"', '""') for line in lines)
        shares.append(
            f'{_li_date(ts)},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{7000 + i},"{commentary}",,,'
            "MEMBER_NETWORK"
        )
    return ("\r\n".join(shares) + "\r\n").encode()


def linkedin(out: Path, factor: float, rng: random.Random) -> Path:
    z = _Zip(out / "Complete_LinkedInDataExport_03-09-2026.zip")
    z.add(
        "Profile.csv",
        b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,Mar 7,Engineer,"Builds things",Software,,'
        b'"Berlin, Germany",,,\n',
    )
    n_threads = max(1, int(THREADS_L["linkedin"] * factor))
    rows = [
        '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS",'
        '"DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"'
    ]
    for ts in _stamps(rng, _n(PLAN_L, "linkedin.messages", factor)):
        conv = f"conv-{rng.randrange(n_threads):05d}"
        body = _text(rng).replace('"', '""')
        rows.append(
            f'"{conv}","","Ada Example","https://www.linkedin.com/in/ada","Ben Sample","https://www.linkedin.com/in/ben",'
            f'"{_li_date(ts)} UTC","","{body}","INBOX",""'
        )
    z.add("messages.csv", ("\n".join(rows) + "\n").encode())
    z.add("Shares_1234567.csv", _shares_csv(rng, _n(PLAN_L, "linkedin.shares", factor)))
    comments = ["Date,Link,Message"]
    for i, ts in enumerate(_stamps(rng, _n(PLAN_L, "linkedin.comments", factor))):
        comments.append(f'{_li_date(ts)},https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{i},"{_text(rng)}"')
    z.add("Comments_1234567.csv", ("\r\n".join(comments) + "\r\n").encode())
    reactions = ["Date,Type,Link"] + [
        f"{_li_date(ts)},LIKE,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{ts}"
        for ts in _stamps(rng, _n(PLAN_L, "linkedin.reactions", factor))
    ]
    z.add("Reactions_1234567.csv", ("\r\n".join(reactions) + "\r\n").encode())
    searches = ["Time,Search Query"] + [
        f"{_li_date(ts).replace('-', '/')} UTC,{rng.choice(WORDS)}"
        for ts in _stamps(rng, _n(PLAN_L, "linkedin.searches", factor))
    ]
    z.add("SearchQueries.csv", ("\n".join(searches) + "\n").encode())
    logins = ["Login Date,IP Address,User Agent,Login Type"] + [
        f"Wed Mar 13 18:51:14 UTC {2015 + ts % 10},203.0.113.{ts % 250},Mozilla/5.0,WEB"
        for ts in _stamps(rng, _n(PLAN_L, "linkedin.logins", factor))
    ]
    z.add("Logins.csv", ("\n".join(logins) + "\n").encode())
    z.close()
    return z.path


def _threads(
    rng: random.Random, n_msgs: int, n_threads: int, owner: str
) -> Iterator[tuple[str, list[dict[str, object]]]]:
    per = [n_msgs // n_threads] * n_threads
    for i in range(n_msgs % n_threads):
        per[i] += 1
    for t, count in enumerate(per):
        friend = f"Friend {t:04d} Exämple"
        msgs = [
            {
                "sender_name": rng.choice([owner, friend]),
                "timestamp_ms": ts * 1000 + rng.randrange(1000),
                "content": _text(rng),
                "is_geoblocked_for_viewer": False,
            }
            for ts in _stamps(rng, count)
        ]
        msgs.reverse()  # newest first, as Meta writes them
        yield f"friend{t:04d}_{10_000_000 + t}", msgs


def _message_files(z: _Zip, root: str, rng: random.Random, n: int, n_threads: int, owner: str) -> None:
    for slug, msgs in _threads(rng, n, n_threads, owner):
        friend = msgs[0]["sender_name"] if msgs else "x"
        for part, start in enumerate(range(0, max(1, len(msgs)), 10_000), start=1):
            doc = {
                "participants": [{"name": owner}, {"name": str(friend)}],
                "messages": msgs[start : start + 10_000],
                "title": str(friend),
                "is_still_participant": True,
                "thread_path": f"inbox/{slug}",
                "magic_words": [],
            }
            z.add(f"{root}/inbox/{slug}/message_{part}.json", _mojibake(doc))


def facebook(out: Path, factor: float, rng: random.Random, media_bytes: int) -> Path:
    z = _Zip(out / "facebook-jdoe-2026-03-09-AbCdEfGh.zip")
    yfa = "your_facebook_activity"
    z.add(
        "personal_information/profile_information/profile_information.json",
        _mojibake(
            {
                "profile_v2": {
                    "name": {"full_name": "Jane Doé"},
                    "birthday": {"year": 1990, "month": 5, "day": 4},
                    "intro_bio": "Café lover",
                }
            }
        ),
    )
    _message_files(
        z,
        f"{yfa}/messages",
        rng,
        _n(PLAN_L, "facebook.messages", factor),
        max(1, int(THREADS_L["facebook"] * factor)),
        "Jane Doé",
    )
    n_posts = _n(PLAN_L, "facebook.posts", factor)
    n_media = max(1, media_bytes // (1024 * 1024)) if media_bytes else 0
    posts = []
    for i, ts in enumerate(_stamps(rng, n_posts)):
        post: dict[str, object] = {
            "timestamp": ts,
            "title": "Jane Doé updated her status.",
            "data": [{"post": _text(rng)}, {"update_timestamp": ts + 10}],
        }
        if n_media and i < n_media:
            post["attachments"] = [
                {
                    "data": [
                        {
                            "media": {
                                "uri": f"{yfa}/posts/media/Album_{i // 100}/{i}_n_{i}.jpg",
                                "creation_timestamp": ts,
                                "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "203.0.113.7"}]}},
                            }
                        }
                    ]
                }
            ]
        posts.append(post)
    for part, start in enumerate(range(0, len(posts), 5_000), start=1):
        z.add(
            f"{yfa}/posts/your_posts__check_ins__photos_and_videos_{part}.json", _mojibake(posts[start : start + 5_000])
        )
    comments = [
        {
            "timestamp": ts,
            "title": "Jane Doé commented on a post.",
            "data": [{"comment": {"timestamp": ts, "comment": _text(rng), "author": "Jane Doé"}}],
        }
        for ts in _stamps(rng, _n(PLAN_L, "facebook.comments", factor))
    ]
    z.add(f"{yfa}/comments_and_reactions/comments.json", _mojibake({"comments_v2": comments}))
    reactions = [
        {
            "timestamp": ts,
            "title": "Jane Doé likes a post.",
            "data": [{"reaction": {"reaction": "LIKE", "actor": "Jane Doé"}}],
        }
        for ts in _stamps(rng, _n(PLAN_L, "facebook.reactions", factor))
    ]
    for part, start in enumerate(range(0, len(reactions), 25_000), start=1):
        z.add(
            f"{yfa}/comments_and_reactions/likes_and_reactions_{part}.json",
            _mojibake(reactions[start : start + 25_000]),
        )
    searches = [
        {"timestamp": ts, "title": "You searched Facebook", "data": [{"text": rng.choice(WORDS)}]}
        for ts in _stamps(rng, _n(PLAN_L, "facebook.searches", factor))
    ]
    z.add("logged_information/search/your_search_history.json", _mojibake({"searches_v2": searches}))
    for i in range(n_media):
        z.add(f"{yfa}/posts/media/Album_{i // 100}/{i}_n_{i}.jpg", _jpeg(rng, 1024 * 1024), store=True)
    z.close()
    return z.path


def instagram(out: Path, factor: float, rng: random.Random) -> Path:
    z = _Zip(out / "instagram-jdoe-2026-03-09-AAAA1111.zip")
    yia = "your_instagram_activity"
    z.add(
        "personal_information/personal_information/personal_information.json",
        _mojibake(
            {
                "profile_user": [
                    {
                        "string_map_data": {
                            "Username": {"href": "", "value": "jdoe", "timestamp": 0},
                            "Private Account": {"href": "", "value": "False", "timestamp": 0},
                        }
                    }
                ]
            }
        ),
    )
    _message_files(
        z,
        f"{yia}/messages",
        rng,
        _n(PLAN_L, "instagram.messages", factor),
        max(1, int(THREADS_L["instagram"] * factor)),
        "jdoe",
    )
    posts = [
        {"media": [{"uri": f"media/posts/2025{1 + i % 12:02d}/{i}.jpg", "creation_timestamp": ts, "title": _text(rng)}]}
        for i, ts in enumerate(_stamps(rng, _n(PLAN_L, "instagram.posts", factor)))
    ]
    z.add(f"{yia}/media/posts_1.json", _mojibake(posts))
    comments = [
        {
            "string_map_data": {
                "Comment": {"value": _text(rng)},
                "Media Owner": {"value": "ben_sample"},
                "Time": {"timestamp": ts},
            }
        }
        for ts in _stamps(rng, _n(PLAN_L, "instagram.comments", factor))
    ]
    z.add(f"{yia}/comments/post_comments_1.json", _mojibake(comments))
    likes = [
        {
            "title": "ben_sample",
            "string_list_data": [{"href": "https://www.instagram.com/p/x", "value": "👍", "timestamp": ts}],
        }
        for ts in _stamps(rng, _n(PLAN_L, "instagram.likes", factor))
    ]
    z.add(f"{yia}/likes/liked_posts.json", _mojibake({"likes_media_likes": likes}))
    ads = [
        {"string_map_data": {"Author": {"value": f"brand{ts % 500}"}, "Time": {"timestamp": ts}}}
        for ts in _stamps(rng, _n(PLAN_L, "instagram.ads", factor))
    ]
    z.add("ads_information/ads_and_topics/ads_viewed.json", _mojibake({"impressions_history_ads_seen": ads}))
    z.close()
    return z.path


def whatsapp(out: Path, factor: float, rng: random.Random) -> list[Path]:
    folder = out / "whatsapp"
    folder.mkdir(parents=True, exist_ok=True)
    n_chats = max(1, int(THREADS_L["whatsapp"] * factor))
    total = _n(PLAN_L, "whatsapp.messages", factor)
    paths = []
    import datetime as dt

    for c in range(n_chats):
        lines = []
        for ts in _stamps(rng, total // n_chats):
            d = dt.datetime.fromtimestamp(ts, dt.UTC)
            hour = d.hour % 12 or 12
            ampm = "AM" if d.hour < 12 else "PM"
            who = rng.choice(["Ana Exämple", f"Contact {c}"])
            lines.append(
                f"{d.month}/{d.day}/{d.year % 100:02d}, {hour}:{d.minute:02d}\u202f{ampm} - {who}: {_text(rng)}"
            )
        path = folder / f"WhatsApp Chat with Contact {c}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def generate(scale: str, out: Path, media_gb: float = 0.0, seed: int = 7) -> list[Path]:
    """Write the exports of one scale into ``out``; returns the input paths to give exportscope."""
    factor = SCALES[scale]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    media = int(media_gb * 1024**3)
    paths = [linkedin(out, factor, rng), facebook(out, factor, rng, media), instagram(out, factor, rng)]
    paths += whatsapp(out, factor, rng)
    return paths


#: The issue-19 shape: one heavy Facebook export (messages dominate), with or without photos.
HEAVY = {"messages": 200_000, "threads": 400, "posts": 20_000, "comments": 20_000}


def meta_heavy(out: Path, media_mb: int = 0, seed: int = 19) -> list[Path]:
    """A Facebook export of 200,000 messages in 400 threads, 20,000 posts and 20,000 comments (about 75 MB of
    JSON), plus ``media_mb`` one-MiB photos stored uncompressed and referenced by the first posts."""
    rng = random.Random(seed)
    z = _Zip(out / "facebook-heavy-2026-03-09-HeAvYmEt.zip")
    yfa = "your_facebook_activity"
    owner = "Jane Doé"
    z.add(
        "personal_information/profile_information/profile_information.json",
        _mojibake({"profile_v2": {"name": {"full_name": owner}, "intro_bio": "Café lover"}}),
    )
    _message_files(z, f"{yfa}/messages", rng, HEAVY["messages"], HEAVY["threads"], owner)
    posts = []
    for i, ts in enumerate(_stamps(rng, HEAVY["posts"])):
        post: dict[str, object] = {
            "timestamp": ts,
            "title": "Jane Doé updated her status.",
            "data": [{"post": _text(rng)}, {"update_timestamp": ts + 10}],
        }
        if i < media_mb:
            media = {
                "uri": f"{yfa}/posts/media/Album_{i // 100}/{i}_n_{i}.jpg",
                "creation_timestamp": ts,
                "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "203.0.113.7"}]}},
            }
            post["attachments"] = [{"data": [{"media": media}]}]
        posts.append(post)
    for part, start in enumerate(range(0, len(posts), 5_000), start=1):
        z.add(
            f"{yfa}/posts/your_posts__check_ins__photos_and_videos_{part}.json", _mojibake(posts[start : start + 5_000])
        )
    comments = [
        {
            "timestamp": ts,
            "title": "Jane Doé commented on a post.",
            "data": [{"comment": {"timestamp": ts, "comment": _text(rng), "author": owner}}],
        }
        for ts in _stamps(rng, HEAVY["comments"])
    ]
    z.add(f"{yfa}/comments_and_reactions/comments.json", _mojibake({"comments_v2": comments}))
    for i in range(media_mb):
        z.add(f"{yfa}/posts/media/Album_{i // 100}/{i}_n_{i}.jpg", _jpeg(rng, 1024 * 1024), store=True)
    z.close()
    return [z.path]


#: The LinkedIn shape of issue 19 (part 1, its CSV half): messages dominate, then connections and activity.
LINKEDIN_HEAVY = {"messages": 100_000, "threads": 2_000, "connections": 20_000, "shares": 10_000, "comments": 10_000,
                  "reactions": 10_000}  # fmt: skip


def linkedin_heavy(out: Path, seed: int = 19) -> list[Path]:
    """A Complete LinkedIn export with 100,000 messages in 2,000 conversations (2024+ columns, quoted, with the
    draft flags; a few sponsored InMails and drafts), 20,000 connections after the ``Notes:`` preamble, and
    10,000 each of shares (LinkedIn's per-line quote wrapping, escaped inside the field), comments and reactions (CRLF, ``_<digits>`` names)."""
    rng = random.Random(seed)
    z = _Zip(out / "Complete_LinkedInDataExport_03-09-2026.zip")
    z.add(
        "Profile.csv",
        b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,Mar 7,Engineer,"Builds things",Software,,'
        b'"Berlin, Germany",,,\n',
    )
    rows = [
        '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS",'
        '"DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS","IS MESSAGE DRAFT","IS CONVERSATION DRAFT"'
    ]
    for i, ts in enumerate(_stamps(rng, LINKEDIN_HEAVY["messages"])):
        conv = f"2-{rng.randrange(LINKEDIN_HEAVY['threads']):08d}"
        body = _text(rng).replace('"', '""')
        if i % 997 == 0:
            body = f"<p>Hello Ada,</p><p>{body}&nbsp;</p>"
            sender, url, title = "LinkedIn Member", "", "Sponsored Conversation"
        else:
            sender, url, title = rng.choice([("Ada Example", "https://www.linkedin.com/in/ada", ""),
                                             ("Ben Sample", "https://www.linkedin.com/in/ben", "")])  # fmt: skip
        if i % 50 == 0:
            body = f"{body}\nSecond line, with a comma"
        draft = "Yes" if i % 1500 == 0 else "No"
        rows.append(
            f'"{conv}","{title}","{sender}","{url}","Ben Sample","https://www.linkedin.com/in/ben",'
            f'"{_li_date(ts)} UTC","","{body}","INBOX","","{draft}","No"'
        )
    z.add("messages.csv", ("\n".join(rows) + "\n").encode())
    conns = ["Notes:", '"When exporting your connection data, you may notice that some of the email addresses are '
             'missing."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]  # fmt: skip
    for i, ts in enumerate(_stamps(rng, LINKEDIN_HEAVY["connections"])):
        day = _li_date(ts)[:10]
        stamp = f"{day[8:]} {MONTH_ABBR[int(day[5:7]) - 1]} {day[:4]}"
        company = rng.choice(["Acme", '"Example, Inc."', "Café Zürich", ""])
        conns.append(f"Person{i},Sample,https://www.linkedin.com/in/p{i},,{company},{_text(rng, 1, 4)},{stamp}")
    z.add("Connections.csv", ("\n".join(conns) + "\n").encode())
    z.add("Shares_1234567.csv", _shares_csv(rng, LINKEDIN_HEAVY["shares"]))
    comments = ["Date,Link,Message"]
    for i, ts in enumerate(_stamps(rng, LINKEDIN_HEAVY["comments"])):
        comments.append(f'{_li_date(ts)},https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{i},"{_text(rng)}"')
    z.add("Comments_1234567.csv", ("\r\n".join(comments) + "\r\n").encode())
    reactions = ["Date,Type,Link"] + [
        f"{_li_date(ts)},{rng.choice(['LIKE', 'PRAISE', 'EMPATHY'])},"
        f"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{ts}"
        for ts in _stamps(rng, LINKEDIN_HEAVY["reactions"])
    ]
    z.add("Reactions_1234567.csv", ("\r\n".join(reactions) + "\r\n").encode())
    z.close()
    return [z.path]


MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=sorted(SCALES))
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"))
    parser.add_argument("--media-gb", type=float, default=0.0)
    args = parser.parse_args()
    for p in generate(args.scale, args.out / f"{args.scale}-{args.media_gb:g}gb", args.media_gb):
        print(p)


if __name__ == "__main__":
    main()
