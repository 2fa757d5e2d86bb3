"""The LinkedIn CSVs read as columns give exactly what the row-by-row path gives, on clean and on hostile files.

Each case reads the same member twice, once as columns (the default) and once with the columnar reading
turned off, and compares every item (text, time, variant, row, thread, link, unreadable date) and every
problem. Clean files must take the columnar path (a batch comes out); files the csv module reads leniently
(stray quotes, ragged rows, a lone CR, NUL bytes, cp1252, UTF-16) must fall back to the row path, from the
start or from the chunk where the trouble begins.
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
from exportscope.platforms.linkedin import columnar
from exportscope.platforms.linkedin.csvread import read_csv
from exportscope.platforms.linkedin.messages import read_messages

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
    reader = read_messages if rule.reader == "messages" else read_csv

    def reading() -> Iterator[object]:
        members = sorted(_members(make_zip, files), key=lambda m: m.path)
        yield from reader(members, rule)

    fast = _reading(reading)
    with monkeypatch.context() as m:
        m.setattr(columnar, "_start", lambda *args: None)
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
