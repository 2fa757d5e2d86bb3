"""The LinkedIn CSVs read as columns give exactly what the row-by-row path gives, on clean and on hostile files.

Each case reads the same member twice, once as columns (the default) and once with the columnar reading
turned off, and compares every item (text, time, variant, visibility, row, thread, link, unreadable date)
and every problem. Clean files must take the columnar path (a batch comes out); files the csv module reads
leniently (stray quotes, ragged rows, a lone CR, NUL bytes, cp1252, UTF-16) must fall back to the row path,
from the start or from the chunk where the trouble begins. Shares and Comments, with their own quirks
(per-line quote wrapping, unquoted multi-line comments, ``\\"`` escapes), are compared the same way.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from exportscope.archive import Member, open_source
from exportscope.model import Drift, Problem, Record, RecordBatch
from exportscope.platforms import get
from exportscope.platforms.linkedin import columnar, comments
from exportscope.platforms.linkedin.csvread import read_csv
from exportscope.platforms.linkedin.messages import read_messages
from exportscope.platforms.linkedin.quirks import read_comments, read_shares

MESSAGES_HEADER = (
    b'"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE",'
    b'"SUBJECT","CONTENT","FOLDER","ATTACHMENTS","IS MESSAGE DRAFT","IS CONVERSATION DRAFT"\n'
)
CONNECTIONS_HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
REACTIONS_HEADER = b"Date,Type,Link\r\n"


def _flat(outputs: Iterable[object]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
    """(items, problems, batches): every item as a tuple, whether it came as a Record or in a batch."""
    items: list[tuple[Any, ...]] = []
    problems: list[tuple[Any, ...]] = []
    batches = 0
    for out in outputs:
        if isinstance(out, RecordBatch):
            batches += 1
            n = len(out)
            variants = out.variant or [None] * n
            raws = out.raw_time or [None] * n
            links = out.link or [None] * n
            threads = out.thread_ids or [out.thread] * n
            for i in range(n):
                epoch = out.epoch[i]
                stamp = None if epoch is None else round(epoch * 1_000_000)
                items.append(
                    (
                        out.text[i],
                        stamp,
                        variants[i],
                        out.visibility,
                        out.row[i],
                        threads[i],
                        out.source[i],
                        raws[i],
                        links[i],
                    )
                )
        elif isinstance(out, Record):
            stamp = None if out.timestamp is None else round(out.timestamp.timestamp() * 1_000_000)
            items.append(
                (out.text, stamp, out.variant, out.visibility, out.row, out.thread, out.source, out.raw_time, out.link)
            )
        elif isinstance(out, Drift):
            problems.append(("drift", out.missing, out.new, out.source))
        elif isinstance(out, Problem):
            problems.append((out.code, out.fields, out.source, out.fails))
    return items, problems, batches


def _members(make_zip: Any, files: dict[str, bytes]) -> Sequence[Member]:
    path: Path = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", files)
    return open_source(path).members


def _both(make_zip: Any, monkeypatch: pytest.MonkeyPatch, rule_id: str, files: dict[str, bytes]) -> tuple[Any, Any]:
    """(columnar, row by row) readings of the members, each from a fresh source."""
    rule = get("linkedin").ruleset.get(rule_id)
    readers = {"messages": read_messages, "shares": read_shares, "comments": read_comments}
    reader = readers.get(rule.reader or "", read_csv)

    def reading() -> Iterator[object]:
        members = sorted(_members(make_zip, files), key=lambda m: m.path)
        yield from reader(members, rule)

    fast = _reading(reading)
    with monkeypatch.context() as m:
        m.setattr(columnar, "_start", lambda *args: None)
        m.setattr(comments, "_member_columns", comments._member_rows)
        slow = _reading(reading)
    return fast, slow


def _reading(reading: Any) -> tuple[Any, ...]:
    """_flat of what the reader yields, then the error that failed the file (the same Problem either way)."""
    outputs: list[object] = []
    try:
        for out in reading():
            outputs.append(out)
    except Exception as exc:  # an error fails the file; both paths must fail it alike
        outputs.append(Problem.of("raised", kind=type(exc).__name__, text=str(exc)))
    return _flat(outputs)


def _message(
    i: int, content: str, *, date: str = "2024-05-02 08:01:10 UTC", title: str = "", sender: str = "Ada"
) -> str:
    url = "" if sender == "LinkedIn Member" else "https://www.linkedin.com/in/ada"
    return f'"c{i % 3}","{title}","{sender}","{url}","Ben","https://li/in/ben","{date}","","{content}","INBOX","","No","No"\n'


CLEAN_MESSAGES = (
    MESSAGES_HEADER
    + "".join(
        [
            _message(1, "Hello, Ben"),
            _message(2, 'She said ""hi""\nand left'),
            _message(3, "  padded  "),
            _message(4, ""),
            _message(5, "<p>Offer&nbsp;inside</p>", title="Sponsored Conversation", sender="LinkedIn Member"),
            _message(6, "<p>also sponsored</p>", sender="LinkedIn Member"),
            _message(7, "not a date", date="2024-02-30 10:00:00 UTC"),
            _message(8, "other shape", date="1/12/10, 9:14 AM"),
            _message(9, "no date", date="N/A"),
            _message(10, "leap", date="2024-05-02 08:01:60 UTC"),
            _message(11, "digits", date="２０２４-05-02 08:01:10 UTC"),
            _message(12, "year zero", date="0000-05-02 08:01:10 UTC"),
            _message(13, "tab\there \x1c"),
            _message(14, "café ☕ naïve"),
        ]
    ).encode()
    + b'"c1","","Ada","","Ben","","2024-05-02 08:01:10 UTC","Subj","Body","INBOX","","Yes","No"\n\n  \n'
)


def test_clean_messages_are_read_as_columns_with_the_same_items(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(make_zip, monkeypatch, "linkedin.messages", {"messages.csv": CLEAN_MESSAGES})
    assert fast[:2] == slow[:2]
    assert fast[2] >= 1 and slow[2] == 0  # the columnar path ran, the other did not
    items = fast[0]
    assert len(items) == 15
    assert items[4][2] == "sponsored" and items[4][0] == "Offer inside"
    assert items[6][1] is None and items[6][7] == "2024-02-30 10:00:00 UTC"  # an impossible date stays unread
    assert items[14][2] == "draft" and items[14][0] == "Subj\n\nBody"


CONNECTIONS = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    b"\n" + CONNECTIONS_HEADER + b"Ada,Example,https://www.linkedin.com/in/ada,,Acme,Engineer,07 Mar 2024\n"
    b'Ben,Sample,,,"Example, Inc.",,7 Mar 2024\n'
    b"Cy,,,,,,1/12/10 9:14 AM\n"
    b"Di,,,,,,March 7 2024\n"
    b",,,,,,\n"
    b"Ed,Last,,,\xc3\x89cole,,31 Feb 2024\n"
)


def test_connections_after_their_preamble(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(make_zip, monkeypatch, "linkedin.connections", {"Connections.csv": CONNECTIONS})
    assert fast[:2] == slow[:2] and fast[2] == 1
    assert [i[4] for i in fast[0]] == [1, 2, 3, 4, 5]


REACTIONS = (
    REACTIONS_HEADER
    + b"".join(
        b"2024-05-0%d 08:01:10,LIKE,https://www.linkedin.com/feed/update/urn%%3Ali%%3Aactivity%%3A%d\r\n"
        % (1 + i % 9, i)
        for i in range(40)
    )
    + b"2024-05-02 08:01:10,PRAISE,javascript:alert(1)\r\n2024-05-02T08:01:10,EMPATHY,\r\n"
)

HOSTILE = {
    "stray quote": REACTIONS + b'2024-05-02 08:01:10,LI"KE,x\r\n',
    "quote after a closing quote": REACTIONS + b'2024-05-02 08:01:10,"LIKE"x,y\r\n',
    "unterminated quote": REACTIONS + b'2024-05-02 08:01:10,"LIKE,y\r\nmore\r\n',
    "wider row": REACTIONS + b"2024-05-02 08:01:10,LIKE,x,PUBLIC\r\n",
    "split D6 date": b"Date,Type,Link\n1/12/10, 9:14 AM,LIKE,x\n",
    "narrow first row": REACTIONS_HEADER + b"2024-05-02 08:01:10\r\n" + REACTIONS[len(REACTIONS_HEADER) :],
    "lone CR": REACTIONS.replace(b"LIKE,", b"LI\rKE,", 1),
    "NUL byte": REACTIONS.replace(b"LIKE", b"LI\x00KE", 1),
    "cp1252": REACTIONS + b"2024-05-02 08:01:10,caf\xe9,x\r\n",
    "bad UTF-8 late": REACTIONS * 3 + b"2024-05-02 08:01:10,caf\xff,x\r\n",
    "UTF-16": b"\xff\xfe" + "Date\tType\tLink\r\n2024-05-02 08:01:10\tLIKE\tx\r\n".encode("utf-16-le"),
    "BOM": b"\xef\xbb\xbf" + REACTIONS,
    "trailing empty column": b"Date,Type,Link,\n2024-05-02 08:01:10,LIKE,x,\n",
    "no last newline": REACTIONS.rstrip(b"\r\n"),
    "header only": REACTIONS_HEADER,
    "empty": b"",
    "no header": b"a,b\n1,2\n",
    "whitespace rows": REACTIONS_HEADER + b"  ,\t,\x1c\r\n,,\r\n\r\n" + REACTIONS[len(REACTIONS_HEADER) :],
    # Only a row whose first cell is blank can be a blank row: these are not, and are kept.
    "blank first cells": REACTIONS_HEADER + b',LIKE,x\r\n"",,y\r\n \t,,\x1c\r\n' + REACTIONS[len(REACTIONS_HEADER) :],
    "blank row late": REACTIONS * 2 + b'"","",""\r\n' + REACTIONS[len(REACTIONS_HEADER) :],
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_reactions_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    monkeypatch.setattr(columnar, "CHUNK", 256)  # several chunks: a late problem falls back mid-file
    fast, slow = _both(make_zip, monkeypatch, "linkedin.reactions", {"Reactions_1.csv": HOSTILE[case]})
    assert fast[:2] == slow[:2]


def test_a_late_problem_keeps_the_chunks_before_it_as_columns(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columnar, "CHUNK", 256)
    fast, slow = _both(make_zip, monkeypatch, "linkedin.reactions", {"Reactions_1.csv": HOSTILE["stray quote"]})
    assert fast[:2] == slow[:2]
    assert fast[2] >= 2  # the chunks before the stray quote were read as columns
    assert fast[0][-1][0] == 'LI"KE'  # and the csv module read the rest, leniently, as before


def test_a_broken_part_fails_alone(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"Reactions_1.csv": REACTIONS, "Reactions_2.csv": b"\xff\xfe" + b"\x00\xd8" * 8}
    fast, slow = _both(make_zip, monkeypatch, "linkedin.reactions", files)
    assert fast[:2] == slow[:2]
    assert len(fast[0]) == 42
    assert any(p[3] and p[2] == "Reactions_2.csv" for p in fast[1])


def test_random_files_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random bytes built from the characters CSV parsers disagree on, in small chunks."""
    monkeypatch.setattr(columnar, "CHUNK", 64)
    rng = random.Random(19)
    pieces = ["a", "b", " ", ",", '"', "\n", "\r\n", "é", '""', ',"', '",', "\r", "\t", "2024-05-02 08:01:10"]
    for _ in range(60):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(20, 120)))
        files = {"Reactions_1.csv": (REACTIONS_HEADER.decode() + body).encode()}
        fast, slow = _both(make_zip, monkeypatch, "linkedin.reactions", files)
        assert fast[:2] == slow[:2], body


def test_whitespace_is_what_str_strip_removes() -> None:
    assert set(columnar.WHITESPACE) == {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}


# --- Shares ---------------------------------------------------------------------------------------------------

SHARES_HEADER = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"


def _share(date: str, text: str, visibility: str = "MEMBER_NETWORK", link: str = "") -> str:
    link = link or "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000001"
    quoted = '"' + text.replace('"', '""') + '"'
    return f"{date},{link},{quoted},,,{visibility}\n"


def _wrapped(*lines: str, newline: str = "\n") -> str:
    """LinkedIn's per-line quoting of a multi-line post, before CSV quoting."""
    return f'"{newline}"'.join(lines)


CLEAN_SHARES = (
    SHARES_HEADER
    + "".join(
        [
            _share("2024-03-01 09:00:00", _wrapped('Big news, with "quotes"', "", "We shipped v2.", "Thanks")),
            _share("2024-03-02 09:00:00", _wrapped("CRLF", "wrapped", newline="\r\n")),
            _share("2024-03-03 09:00:00", 'Not wrapped\n"but" quoted'),
            _share("2024-03-04 09:00:00", _wrapped("half", "wrapped") + "\nthen not"),
            _share("2024-03-05 09:00:00", ""),
            _share("2024-03-06 09:00:00", '""'),
            _share("2024-03-07 09:00:00", "  padded \x1c"),
            _share("2024/03/08 09:00:00", "a D4 date in a D3 file"),
            _share("2024-02-30 09:00:00", "an impossible date"),
            _share("N/A", "no date"),
            _share("2024-03-09 09:00:00", "connections", visibility="CONNECTIONS"),
            _share("2024-03-10 09:00:00", "padded visibility", visibility=" CONNECTIONS "),
            _share("2024-03-11 09:00:00", "no visibility", visibility=""),
            _share("2024-03-12 09:00:00", "back to members"),
            _share("2024-03-13 09:00:00", "script link", link="javascript:alert(1)"),
            _share("2024-03-14 09:00:00", "spaced link", link="  https://example.com/a  "),
            _share("2024-03-15 09:00:00", "upper link", link="HTTPS://EXAMPLE.COM/B"),
            _share("2024-03-16 09:00:00", "non-ASCII link", link="https://exämple.com/ü"),
            _share("2024-03-17 09:00:00", "long s link", link="httpſ://example.com"),
            _share("2024-03-18 09:00:00", "link with a space", link="https://example.com/a b"),
            _share("2024-03-19 09:00:00", "Café ☕ & croissants 🥐"),
        ]
    )
).encode()


def test_clean_shares_are_read_as_columns_with_the_same_items(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(make_zip, monkeypatch, "linkedin.shares", {"Shares.csv": CLEAN_SHARES})
    assert fast[:2] == slow[:2]
    assert fast[2] >= 4 and slow[2] == 0  # one batch per run of one visibility: the columnar path ran
    items = fast[0]
    assert len(items) == 21
    assert items[0][0] == 'Big news, with "quotes"\n\nWe shipped v2.\nThanks'
    assert items[1][0] == "CRLF\nwrapped"
    assert items[4][0] is None and items[5][0] is None  # rows without text are still posts
    assert items[7][1] is not None and items[8][1] is None and items[8][7] == "2024-02-30 09:00:00"
    assert [i[3] for i in items[9:14]] == ["MEMBER_NETWORK", "CONNECTIONS", "CONNECTIONS", "", "MEMBER_NETWORK"]
    assert [i[8] for i in items[14:18]] == [
        None,
        "https://example.com/a",
        "HTTPS://EXAMPLE.COM/B",
        "https://exämple.com/ü",
    ]


def test_shares_crlf_and_bom_are_read_as_columns(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xef\xbb\xbf" + CLEAN_SHARES.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    fast, slow = _both(make_zip, monkeypatch, "linkedin.shares", {"Shares.csv": data})
    assert fast[:2] == slow[:2] and fast[2] >= 1
    assert fast[0][0][0] == 'Big news, with "quotes"\n\nWe shipped v2.\nThanks'


SHARES_2018 = "\t".join(
    f'"{c}"'
    for c in ["Date", "Share Title", "Share Description", "Share Link", "Share Commentary", "Shared URL", "Media URL",
              "Type", "Visibility"]
) + "\r\n" + "\t".join(
    f'"{c}"'
    for c in ["2018/03/01 09:00:00 UTC", "", "", "https://www.linkedin.com/feed/update/urn:li:share:1", "Old post",
              "", "", "SHARE", "Public"]
) + "\r\n"  # fmt: skip


def test_2018_utf16_shares_stay_on_the_row_path(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xff\xfe" + SHARES_2018.encode("utf-16-le")
    fast, slow = _both(make_zip, monkeypatch, "linkedin.shares", {"Shares.csv": data})
    assert fast == slow and fast[2] == 0
    assert fast[0][0][0] == "Old post" and fast[0][0][3] == "Public" and fast[0][0][1] is not None


SHARES_HOSTILE = {
    "wider row": CLEAN_SHARES + b"2024-03-20 09:00:00,x,y,,,PUBLIC,extra\n",
    "stray quote": CLEAN_SHARES + b'2024-03-20 09:00:00,x,y"z,,,PUBLIC\n',
    "lone CR": CLEAN_SHARES.replace(b"Thanks", b"Tha\rnks", 1),
    "cp1252": CLEAN_SHARES.replace("Café".encode(), b"Caf\xe9"),
    "old header": b"Date,Share Link,Share Commentary,Visibility\n2024-03-20 09:00:00,https://x.example,Hi,Public\n",
    "no text column": b"Date,ShareLink,Visibility\n2024-03-20 09:00:00,https://x.example,PUBLIC\n",
}


@pytest.mark.parametrize("case", sorted(SHARES_HOSTILE))
def test_hostile_shares_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    monkeypatch.setattr(columnar, "CHUNK", 256)
    fast, slow = _both(make_zip, monkeypatch, "linkedin.shares", {"Shares.csv": SHARES_HOSTILE[case]})
    assert fast[:2] == slow[:2]


def test_random_shares_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random posts built from what the share quirks turn on: wrapped newlines, quotes, CR, blanks."""
    monkeypatch.setattr(columnar, "CHUNK", 128)
    rng = random.Random(27)
    pieces = ["a", " ", "\n", "\r\n", '"\n"', '"\r\n"', '"', '""', "é", "\t", ",", "\x1c", "\u2028"]
    visibilities = ["MEMBER_NETWORK", "CONNECTIONS", "", " PUBLIC"]
    columns = 0
    for _ in range(40):
        rows = [
            _share(
                rng.choice(["2024-03-01 09:00:00", "2024/03/01 09:00:00", "", "2024-13-01 09:00:00"]),
                "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))),
                visibility=rng.choice(visibilities),
            )
            for _ in range(rng.randint(1, 12))
        ]
        files = {"Shares.csv": (SHARES_HEADER + "".join(rows)).encode()}
        fast, slow = _both(make_zip, monkeypatch, "linkedin.shares", files)
        assert fast[:2] == slow[:2], rows
        columns += fast[2] > 0
    assert columns > 20  # most of them took the column path


# --- Comments -------------------------------------------------------------------------------------------------

FEED = "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A"
CLEAN_COMMENTS = (
    "Date,Link,Message\n"
    f'2025-11-20 09:15:02,{FEED}101,"I said \\"yes\\", then left"\n'
    f'2025-11-21 10:00:00,{FEED}102,"Path is C:\\data\\new, not D:"\n'
    f"2025-11-22 11:30:00,{FEED}103,Merci beaucoup 🙏\n"
    f'2025-11-23 12:45:00,{FEED}104,"Two lines:\nsecond, with a ""quote"""\n'
    f"2024-01-05 10:00:00,{FEED}105,First line\nsecond line of the same comment\n\n"
    f'2024-01-06 10:00:00,"{FEED}106",quoted link\n'
    f"2024-01-07 10:00:00,{FEED}107,\n"
    f'2024-01-08 10:00:00,{FEED}108,""\n'
    f"2024-01-09 10:00:00,javascript:alert(1),a script link\n"
    f"2024-02-30 10:00:00,{FEED}110,an impossible date\n"
    f"0999-01-10 10:00:00,{FEED}111,a year before 1000\n"
    f"2024-01-11 10:00:00,{FEED}112\n"
    f"2024-01-12 10:00:00,{FEED}113,  padded  \n"
    f"2024-01-13 10:00:00,https://exämple.com/ü,a non-ASCII link\n"
)


def test_clean_comments_are_read_as_columns_with_the_same_items(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(make_zip, monkeypatch, "linkedin.comments", {"Comments.csv": CLEAN_COMMENTS.encode()})
    assert fast[:2] == slow[:2]
    assert fast[2] >= 1 and slow[2] == 0
    items = fast[0]
    assert len(items) == 14 and [i[4] for i in items] == list(range(1, 15))
    assert items[0][0] == 'I said "yes", then left'
    assert items[1][0] == "Path is C:\\data\\new, not D:"
    assert items[3][0] == 'Two lines:\nsecond, with a "quote"'
    assert items[4][0] == "First line\nsecond line of the same comment"
    assert items[5][8] == f"{FEED}106" and items[8][8] is None
    assert items[6][0] is None and items[7][0] is None and items[11][0] is None
    assert items[9][1] is None and items[10][1] is not None


COMMENTS_HOSTILE = {
    "CRLF": CLEAN_COMMENTS.replace("\n", "\r\n").encode(),
    "lone CR": CLEAN_COMMENTS.replace("\n", "\r").encode(),
    "BOM and blank lines first": b"\xef\xbb\xbf\n  \n" + CLEAN_COMMENTS.encode(),
    "orphan lines": ("Date,Link,Message\nnot a record\n\n  \nnor this\n" + CLEAN_COMMENTS.split("\n", 1)[1]).encode(),
    "no last newline": CLEAN_COMMENTS.rstrip("\n").encode(),
    "unicode digits": CLEAN_COMMENTS.replace("2024-01-07", "２０２４-01-07").encode(),
    "other header": b"Date,Message,Link\n2024-01-07 10:00:00,hi,https://x.example\n",
    "undated": b"Date,Link,Message\n07/01/2024 10:00,https://x.example,hi\n",
    "header only": b"Date,Link,Message\n",
    "empty": b"",
    "blank": b"\n \n",
    "UTF-16": b"\xff\xfe" + CLEAN_COMMENTS.encode("utf-16-le"),
    "cp1252": CLEAN_COMMENTS.replace("Merci", "Caf\xe9").encode("cp1252", errors="replace"),
    "bad UTF-8 late": CLEAN_COMMENTS.encode() * 20 + b"2024-01-14 10:00:00,x,caf\xff\xfe\n",
    "NUL byte": CLEAN_COMMENTS.replace("then left", "then\x00left").encode(),
    "line separators": CLEAN_COMMENTS.replace("Merci", "Mer\u2028ci\x85\x0c\x1d").encode(),
}


@pytest.mark.parametrize("case", sorted(COMMENTS_HOSTILE))
@pytest.mark.parametrize("chunk", [64, 1 << 18])
def test_hostile_comments_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch, case: str, chunk: int) -> None:
    monkeypatch.setattr(columnar, "CHUNK", chunk)  # small: records run on across chunks
    fast, slow = _both(make_zip, monkeypatch, "linkedin.comments", {"Comments.csv": COMMENTS_HOSTILE[case]})
    assert fast[:2] == slow[:2]


def test_comment_parts_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"Comments_1.csv": CLEAN_COMMENTS.encode(), "Comments_2.csv": COMMENTS_HOSTILE["orphan lines"]}
    fast, slow = _both(make_zip, monkeypatch, "linkedin.comments", files)
    assert fast[:2] == slow[:2] and fast[2] == 2  # one batch per part
    assert [i[6] for i in fast[0]].count("Comments_2.csv") == 14
    assert ("orphan_lines", (("n", 2),), None, False) in fast[1]


def test_random_comments_read_the_same(make_zip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random bytes built from what the comment reader turns on (record starts, quotes, escapes, newlines),
    in small chunks."""
    monkeypatch.setattr(columnar, "CHUNK", 32)
    rng = random.Random(1927)
    pieces = [
        "a", " ", ",", '"', '""', '\\"', "\\", "\n", "\r\n", "\r", "é", "\t", "\x85", "\u2028",
        "\n2024-05-02 08:01:10,", "\n2024-05-02 08:01:10,https://x.example/1,", '\n2024-02-30 08:01:10,"l",',
        "\n2024-05-02 08:01:1", "https://x.example",
    ]  # fmt: skip
    columns = 0
    for _ in range(80):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 60)))
        files = {"Comments.csv": ("Date,Link,Message\n" + body).encode()}
        fast, slow = _both(make_zip, monkeypatch, "linkedin.comments", files)
        assert fast[:2] == slow[:2], body
        columns += fast[2] > 0
    assert columns > 40  # most of them took the column path
