"""messages.csv in every era and the AI-assistant chats that share its reader."""

from __future__ import annotations

import io
import tracemalloc

from linkedin_helpers import items, ledger, run, utc

from exportscope.archive import open_source
from exportscope.model import RecordBatch
from exportscope.platforms import get
from exportscope.platforms.linkedin import columnar
from exportscope.platforms.linkedin.messages import legacy_thread, read_messages

H9 = b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
H10 = (
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)


def test_messages_2018_entities_d6_dates_and_derived_threads(make_zip) -> None:
    data = (
        b"From,To,Date,Subject,Content,Direction,Folder\n"
        b'Dana Roe,Ben Sample,"3/2/18, 4:05 PM",Coffee?,"it&rsquo;s been a while &amp; I&nbsp;moved",INCOMING,INBOX\n'
        b'Ben Sample,Dana Roe,"3/2/18, 6:40 PM",Coffee?,Sure &ndash; Tuesday,OUTGOING,INBOX\n'
        b'Eve Bot,Ben Sample,"4/15/18, 10:01 AM",Hello,&lt;b&gt;Hi&lt;/b&gt;,INCOMING,ARCHIVE\n'
    )
    a = run(make_zip, {"Messages.csv": data})
    rows = items(a, "Messages.csv")
    assert [r["text"] for r in rows] == [
        "Coffee?\n\nit’s been a while & I moved",
        "Coffee?\n\nSure – Tuesday",
        "Hello\n\n<b>Hi</b>",
    ]
    assert [r["timestamp"] for r in rows] == [utc(2018, 3, 2, 16, 5), utc(2018, 3, 2, 18, 40), utc(2018, 4, 15, 10, 1)]
    assert rows[0]["thread"] == rows[1]["thread"] == legacy_thread("Ben Sample", "Dana Roe", "Coffee?")
    assert rows[2]["thread"] != rows[0]["thread"]
    assert {(r["kind"], r["verdict"], r["visibility"]) for r in rows} == {("message", "excluded", "private")}
    assert ledger(a, "Messages.csv") == ("parsed", None, 3)


def test_messages_9_and_10_columns_read_by_name(make_zip) -> None:
    nine = H9 + b'c1,,Ada,https://li/in/ada,Ben,2022-01-02 03:04:05 UTC,,"Hi,\nthere",INBOX\n'
    ten = H10 + b"\nc2,,Ada,https://li/in/ada,Ben,https://li/in/ben,2024-05-02 08:01:10 UTC,Re,Lunch?,\n"
    a = run(make_zip, {"messages.csv": nine})
    [m] = items(a, "messages.csv")
    assert (m["text"], m["thread"], m["timestamp"]) == ("Hi,\nthere", "c1", utc(2022, 1, 2, 3, 4, 5))
    assert ledger(a, "messages.csv") == ("parsed", None, 1)
    b = run(make_zip, {"messages.csv": ten})
    [m] = items(b, "messages.csv")
    assert (m["text"], m["thread"], m["timestamp"]) == ("Re\n\nLunch?", "c2", utc(2024, 5, 2, 8, 1, 10))


def test_messages_2026_fully_quoted_attachments_drafts_and_sponsored(make_zip) -> None:
    header = H10.replace(b",", b'","') + b'","ATTACHMENTS","IS MESSAGE DRAFT","IS CONVERSATION DRAFT'
    data = (
        b'"' + header + b'"\n'
        b'"conv-0001","","Ada Example","https://li/in/ada","Camille","https://li/in/camille",'
        b'"2025-11-20 09:15:02 UTC","","Hi Camille,\nsee you Monday.","INBOX","https://li/a1,https://li/a2","No","No"\n'
        b'"conv-0002","","Camille","https://li/in/camille","Ben, Dana","https://li/in/ben,https://li/in/dana",'
        b'"2026-01-05 16:00:00 UTC","","<script>x</script> idea","","","Yes","No"\n'
        b'"conv-0003","Sponsored Conversation","LinkedIn Member","","Camille","",'
        b'"2026-02-01 08:00:00 UTC","Your next role","<p>Hello %FIRSTNAME%,</p><p>We&#39;re&nbsp;hiring.</p>","INBOX",'
        b'"","No","No"\n'
    )
    a = run(make_zip, {"messages.csv": data})
    rows = items(a, "messages.csv")
    assert [r["text"] for r in rows] == [
        "Hi Camille,\nsee you Monday.",
        "<script>x</script> idea",
        "Your next role\n\nHello %FIRSTNAME%,\n\nWe're hiring.",
    ]
    assert [r["thread"] for r in rows] == ["conv-0001", "conv-0002", "conv-0003"]
    assert [r["rule"] for r in rows] == ["linkedin.messages", "linkedin.messages.draft", "linkedin.messages.sponsored"]
    assert {r["verdict"] for r in rows} == {"excluded"}
    assert ledger(a, "messages.csv") == ("parsed", None, 3)


def test_ai_chats_sentinel_header_only_and_real_rows(make_zip) -> None:
    guide = H10 + b'\n"g1","","Camille","https://li/in/c","LinkedIn Guide","","2026-02-10 09:00:00 UTC","","Help?",""\n'
    a = run(
        make_zip,
        {
            "LearningCoachMessages.csv": b"No conversations found\n",
            "learning_role_play_messages.csv": H10 + b"\n",
            "coach_messages.csv": b"",
            "guide_messages.csv": guide,
        },
    )
    assert ledger(a, "LearningCoachMessages.csv") == ("parsed", None, 0)
    assert ledger(a, "learning_role_play_messages.csv") == ("parsed", None, 0)
    assert ledger(a, "coach_messages.csv") == ("parsed", None, 0)
    [chat] = items(a, "guide_messages.csv")
    assert (chat["kind"], chat["verdict"], chat["visibility"], chat["text"]) == (
        "ai_chat",
        "training",
        "private",
        "Help?",
    )
    assert chat["timestamp"] == utc(2026, 2, 10, 9)


def test_messages_with_an_unknown_header_fail_with_a_reason(make_zip) -> None:
    a = run(make_zip, {"messages.csv": b"foo,bar\n1,2\n", "Skills.csv": b"Name\nSQL\n"})
    status, reason, _ = ledger(a, "messages.csv")
    assert status == "failed"
    assert reason is not None and reason.startswith("no header with the expected columns")
    assert ledger(a, "Skills.csv") == ("parsed", None, 1)


def test_messages_are_streamed_not_read_whole(make_zip) -> None:
    # ~13 MB of messages: the reader's peak memory is bounded by its chunk, not by the file (about 8 MB of
    # buffers and lists for chunks of 1 MB, whatever the size).
    row = b'c%d,,Ada,https://li/in/ada,Ben,https://li/in/ben,2024-05-02 08:01:10 UTC,,"' + b"x" * 180 + b'",INBOX\n'
    buf = io.BytesIO()
    buf.write(H10 + b"\n")
    for i in range(50_000):
        buf.write(row.replace(b"%d", str(i).encode()))
    size = buf.tell()
    path = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"messages.csv": buf.getvalue()})
    del buf
    source = open_source(path)
    rule = get("linkedin").ruleset.get("linkedin.messages")
    # The column path imports polars on first use: import it before tracing, or its module objects count as
    # the reader's memory when this test runs alone.
    import polars  # noqa: F401

    tracemalloc.start()
    try:
        # Items, whether they come one by one or as batches of columns (one per chunk of the file).
        n = sum(len(out) if isinstance(out, RecordBatch) else 1 for out in read_messages(source.members, rule))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        source.close()
    assert n == 50_000
    assert size > 10_000_000
    assert peak < 10 * columnar.CHUNK < size  # reading it whole would need more than the size itself
