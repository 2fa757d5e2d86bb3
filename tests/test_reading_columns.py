"""The column paths of issue 19 give the same answers as the per-record paths they replace.

The one-pass mojibake repair must equal the strict run-by-run rewrite on any input; message threads and
posts arrive as column batches but the items (order, rows, times, sources) are those of one record each; the
findings' cheap pre-checks never drop a text or a file that a detector would have matched.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from exportscope.findings.media import _may_hold_hits, scan_json
from exportscope.pipeline import Options, analyze
from exportscope.platforms.meta.mojibake import _ESCAPES, _unescape_run, repair_bytes

#: Pieces Meta's files (and damaged or hostile ones) are made of: high escapes that do or do not spell
#: UTF-8, low escapes, upper-case hex, JSON's own escapes, escaped backslashes, raw bytes, plain text.
_PIECES = [
    b"\\u00c3", b"\\u00a9", b"\\u00e2", b"\\u0080", b"\\u0099", b"\\u00f0", b"\\u009f", b"\\u00C3", b"\\u00A9",
    b"\\u00e9", b"\\u00ff", b"\\u0022", b"\\u000a", b"\\u005c", b"\\n", b"\\t", b"\\/", b"\\\\", b"\\u2019",
    b"a", b" ", b"caf", b'"', b"\x01", b"\xc3\xa9",
]  # fmt: skip


def strict(data: bytes) -> bytes:
    return _ESCAPES.sub(_unescape_run, data) if b"\\u00" in data else data


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_repair_bytes_equals_the_run_by_run_rewrite(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    assert repair_bytes(data) == strict(data)


def test_repair_keeps_low_escapes_and_is_idempotent() -> None:
    data = b'{"a": "\\u0022caf\\u00c3\\u00a9\\u0022 \\u00e9", "k\\u00c3\\u00a9y": "\\n\\u00f0\\u009f\\u0091\\u008d"}'
    fixed = repair_bytes(data)
    assert orjson.loads(fixed) == {"a": '"café" é', "kéy": "\n👍"}
    assert repair_bytes(fixed) == fixed


def _thread(path: Path) -> Path:
    """A thread in two newest-first parts, equal times, a message without time and one without content."""
    part1 = {
        "participants": [{"name": "A"}, {"name": "B"}],
        "messages": [
            {"sender_name": "A", "timestamp_ms": 1_700_000_300_000, "content": "  third  "},
            {"sender_name": "B", "timestamp_ms": 1_700_000_200_000, "content": "tie, read first"},
            {"sender_name": "A", "timestamp_ms": 1_700_000_200_000, "content": ""},
        ],
    }
    part2 = {
        "participants": [{"name": "A"}, {"name": "B"}],
        "messages": [
            {"sender_name": "B", "timestamp_ms": 1_700_000_100_000, "content": "first"},
            {"sender_name": "A", "content": "no time"},
        ],
    }
    z = path / "facebook-x-2026-01-01-AbCd.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("your_facebook_activity/messages/inbox/b_1/message_1.json", orjson.dumps(part1))
        zf.writestr("your_facebook_activity/messages/inbox/b_1/message_2.json", orjson.dumps(part2))
        zf.writestr(
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
            orjson.dumps([{"timestamp": 1_700_000_000, "data": [{"post": "Hello"}]}, "odd", {"timestamp": 5}]),
        )
    return z


def test_threads_and_posts_as_columns_keep_order_rows_and_times(tmp_path: Path) -> None:
    analysis = analyze([str(_thread(tmp_path))], Options(workers=1))
    msgs = analysis.items.filter(kind="message")
    got = [(r["text"], r["row"], r["source"].rsplit("/", 1)[1]) for r in msgs.iter_rows(named=True)]
    # Unknown time first; equal times in reverse file order (parts are newest-first); a message without
    # content is still one item (without text); rows are positions in their own part.
    assert got == [
        ("no time", 2, "message_2.json"),
        ("first", 1, "message_2.json"),
        (None, 3, "message_1.json"),
        ("tie, read first", 2, "message_1.json"),
        ("third", 1, "message_1.json"),
    ]
    stamps = [t.timestamp() if t else None for t in msgs.get_column("timestamp").to_list()]
    assert stamps == [None, 1_700_000_100, 1_700_000_200, 1_700_000_200, 1_700_000_300]
    assert set(msgs.get_column("thread").to_list()) == {"inbox/b_1"}
    posts = analysis.items.filter(kind="post")
    assert posts.get_column("row").to_list() == [1, 3]
    assert posts.get_column("text").to_list() == ["Hello", None]
    assert posts.get_column("timestamp").to_list()[0].timestamp() == 1_700_000_000


def test_json_precheck_never_skips_a_file_scan_json_would_hit() -> None:
    docs = [
        {"media": [{"media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "203.0.113.7"}]}}}]},
        {"place": {"name": "Caf\u00e9", "coordinate": {"latitude": 48.85, "longitude": 2.35}}},
        {"Tags": ["Ben Sample"]},
        {"comments_v2": [{"data": [{"comment": {"comment": "no metadata here"}}]}]},
    ]
    for doc in docs:
        raw = orjson.dumps(doc)
        assert _may_hold_hits(raw) == bool(list(scan_json(orjson.loads(raw))))
    assert _may_hold_hits(b'{"\\u0074ags": ["Ben Sample"]}')  # an ASCII letter as an escape: scanned


def test_a_batch_is_read_as_its_records_would_be() -> None:
    """Dates, undated counts, cut texts, link, account suffix and shapes: a RecordBatch gives the frame and
    the ledger lines that the same items as single Records give (issues 12, 16 and 20 over issue 19)."""
    from datetime import UTC, datetime

    from exportscope.archive import Member, Source
    from exportscope.model import Record, RecordBatch
    from exportscope.platforms.base import Platform
    from exportscope.reading import MAX_TEXT_CHARS, Collector, read_task
    from exportscope.rules import load_rules

    rule = load_rules("facebook").get("facebook.ai_chats")
    src = Source(Path("x.zip"), "zip")
    members = [Member("a.json", src, 10, 10), Member("b.json", src, 10, 10)]
    long = "x" * (MAX_TEXT_CHARS + 5)
    texts = ["ok", long, None, "old", "future", "bad date", "elsewhere"]
    epochs = [1_700_000_000.0, 1_700_000_100.0, None, 5.0, 4_000_000_000.0, None, None]
    raws = [None, None, None, None, None, "31 Feb 2020", "99/99"]
    sources = ["a.json", "a.json", "b.json", "a.json", "b.json", "b.json", "photo.jpg"]
    variants = [None, "meta_ai", None, "meta_ai", None, None, None]
    records = [
        Record(text=t, epoch=e, row=i, source=s, variant=v, raw_time=r, thread="t1", visibility="friends")
        for i, (t, e, s, v, r) in enumerate(zip(texts, epochs, sources, variants, raws, strict=True), 1)
    ]
    batch = RecordBatch(
        text=list(texts),
        epoch=list(epochs),
        row=list(range(1, 8)),
        source=list(sources),
        thread="t1",
        variant=list(variants),
        visibility="friends",
        raw_time=list(raws),
    )
    latest = datetime(2026, 1, 1, tzinfo=UTC)

    def run(outputs: list[Record] | list[RecordBatch]) -> tuple[list[dict[str, object]], list[object], object]:
        platform = Platform("facebook", "Facebook", "facebook", {rule.reader: lambda _m, _r: iter(outputs)})
        collector = Collector()
        result = read_task(0, platform, rule, members, collector, suffix="#2", latest=latest)
        frame = collector.frame()
        rows = [{**r, "shape": collector.shapes[r["shape"]]} for r in frame.iter_rows(named=True)]
        return rows, result.ledger, (len(collector), result.start, result.end)

    got, want = run([batch]), run(records)
    assert got == want
    rows, ledger, _ = got
    assert [r["link"] for r in rows] == [None] * 7
    assert {r["shape"][0] for r in rows} == {"facebook#2"}
    assert [r["shape"][4] for r in rows] == [None, None, None, "impossible_date", "impossible_date", None, None]
    assert len(rows[1]["text"]) == MAX_TEXT_CHARS
    a, b = ledger
    assert (a.items, a.impossible, a.undated, b.items, b.impossible, b.undated) == (4, 1, 1, 3, 1, 1)
    assert a.undated_shape is not None and b.undated_shape is not None and a.undated_shape != b.undated_shape
    assert a.reason is not None and "1 item text longer than" in a.reason
    assert batch.text[1] == long and batch.epoch[3] == 5.0  # the reader's lists are left as they were
