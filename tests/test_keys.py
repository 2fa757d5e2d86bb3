"""Stable item keys (exportscope/keys.py): the contract the erasure check and the clean-up worklist rely on."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from exportscope.keys import with_keys
from exportscope.pipeline import Options, analyze
from exportscope.samples import sample_paths

SCHEMA = {"platform": pl.String, "kind": pl.String, "source": pl.String, "timestamp": pl.Datetime("us", "UTC"),
          "text": pl.String, "thread": pl.String, "row": pl.Int64, "verdict": pl.String}  # fmt: skip


def frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    base = {"platform": "linkedin", "kind": "post", "source": "Shares.csv", "timestamp": None, "text": None,
            "thread": None, "row": 1, "verdict": "training"}  # fmt: skip
    return pl.DataFrame(
        [{**base, **r} for r in rows],
        schema=SCHEMA,
    )


T1 = datetime(2025, 7, 1, 14, 33, 22, tzinfo=UTC)
T2 = datetime(2025, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample_items() -> pl.DataFrame:
    return analyze(sample_paths(), Options(as_of=datetime(2026, 12, 3).date(), workers=1)).items


def test_every_sample_item_has_a_distinct_key(sample_items: pl.DataFrame) -> None:
    keyed = with_keys(sample_items)
    assert keyed.height == sample_items.height
    assert keyed["key"].null_count() == 0
    assert keyed["key"].n_unique() == keyed.height
    assert keyed.columns == [*sample_items.columns, "key"]


def test_keys_do_not_depend_on_row_order(sample_items: pl.DataFrame) -> None:
    keyed = with_keys(sample_items)
    shuffled = with_keys(sample_items.sample(fraction=1.0, shuffle=True, seed=7))
    pairs = set(zip(keyed["key"], keyed["text"].fill_null("\0"), strict=True))
    assert set(zip(shuffled["key"], shuffled["text"].fill_null("\0"), strict=True)) == pairs


def test_keys_ignore_verdict_rule_and_note_wording(sample_items: pl.DataFrame) -> None:
    reworded = sample_items.with_columns(
        pl.lit("excluded").alias("verdict"), pl.lit("x.y").alias("rule"), pl.lit("another note").alias("note")
    )
    assert with_keys(reworded)["key"].to_list() == with_keys(sample_items)["key"].to_list()


def test_a_post_keeps_its_key_when_edited_and_when_a_post_before_it_is_deleted() -> None:
    old = with_keys(frame([{"timestamp": T1, "text": "first", "row": 1}, {"timestamp": T2, "text": "draft", "row": 2}]))
    new = with_keys(frame([{"timestamp": T2, "text": "final wording", "row": 1}]))
    assert new["key"][0] == old["key"][1] == "linkedin|post|Shares.csv|2025-12-02T09:00:00Z|1"


def test_numbered_file_parts_are_one_place() -> None:
    a = with_keys(frame([{"timestamp": T1, "source": "Shares_7000000001.csv"}]))
    b = with_keys(frame([{"timestamp": T1, "source": "Shares.csv"}]))
    posts = "your_instagram_activity/media/posts_2.json"
    c = with_keys(frame([{"timestamp": T1, "platform": "instagram", "source": posts}]))
    assert a["key"][0] == b["key"][0]
    assert c["key"][0] == "instagram|post|your_instagram_activity/media/posts.json|2025-07-01T14:33:22Z|1"


def test_a_media_file_is_named_by_its_path() -> None:
    keyed = with_keys(frame([{"platform": "instagram", "kind": "media", "source": "media/posts/202405/a_1.jpg",
                              "timestamp": T1}]))  # fmt: skip
    assert keyed["key"][0] == "instagram|media|media/posts/202405/a_1.jpg|2025-07-01T14:33:22Z|1"


def test_a_message_is_named_by_its_conversation_time_and_order_in_the_file() -> None:
    rows = [
        {"platform": "facebook", "kind": "message", "thread": "inbox/bensample_123",
         "source": "your_facebook_activity/messages/inbox/bensample_123/message_1.json", "timestamp": T1,
         "text": "question", "row": 2},
        {"platform": "facebook", "kind": "message", "thread": "inbox/bensample_123",
         "source": "your_facebook_activity/messages/inbox/bensample_123/message_1.json", "timestamp": T1,
         "text": "answer", "row": 1},
    ]  # fmt: skip
    keyed = with_keys(frame(rows))
    assert dict(zip(keyed["text"], keyed["key"], strict=True)) == {
        "answer": "facebook|message|bensample_123|2025-07-01T14:33:22Z|1",
        "question": "facebook|message|bensample_123|2025-07-01T14:33:22Z|2",
    }
    archived = with_keys(frame([{**rows[1], "thread": "archived_threads/bensample_123"}]))
    assert archived["key"][0] == "facebook|message|bensample_123|2025-07-01T14:33:22Z|1"


def test_an_undated_item_is_named_by_its_content() -> None:
    keyed = with_keys(frame([
        {"kind": "skill", "source": "Skills.csv", "text": "Apache  Kafka\n", "row": 1},
        {"kind": "skill", "source": "Skills.csv", "text": "SQL", "row": 2},
    ]))  # fmt: skip
    moved = with_keys(frame([{"kind": "skill", "source": "Skills.csv", "text": "Apache Kafka", "row": 5}]))
    assert keyed["key"].to_list() == ["linkedin|skill|Skills.csv|~Apache Kafka|1", "linkedin|skill|Skills.csv|~SQL|1"]
    assert moved["key"][0] == keyed["key"][0]


def test_timestamps_as_iso_strings_give_the_same_keys(sample_items: pl.DataFrame) -> None:
    as_text = sample_items.with_columns(pl.col("timestamp").dt.strftime("%Y-%m-%dT%H:%M:%S%.f%:z"))
    assert with_keys(as_text)["key"].to_list() == with_keys(sample_items)["key"].to_list()
