"""Message threads (split, newest-first, milliseconds), every excluded folder, group chats and Meta AI chats."""

from __future__ import annotations

from datetime import UTC, datetime

from exportscope.platforms.meta.messages import thread_id
from tests.metakit import counts, ledger, mj, rows, run

YFA = "your_facebook_activity"


def ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def thread(*messages: tuple[str, int, str | None], **extra: object) -> bytes:
    msgs = []
    for sender, when, content in messages:
        m: dict[str, object] = {"sender_name": sender, "timestamp_ms": when, "is_geoblocked_for_viewer": False}
        if content is not None:
            m["content"] = content
        msgs.append(m)
    return mj({"participants": [{"name": "Ben"}, {"name": "Jeanne"}], "messages": msgs, "title": "Ben", **extra})


def test_a_thread_split_over_parts_is_one_conversation_in_time_order(make_zip) -> None:
    base = f"{YFA}/messages/inbox/ben_123"
    path = make_zip(
        "facebook-jdoe-2025-1-1-AbCdEfGh.zip",
        {
            # message_1 holds the newest messages; each part is newest-first; parts listed out of order.
            f"{base}/message_2.json": thread(("Ben", 1700000001000, "deux"), ("Jeanne", 1700000000000, "un")),
            f"{base}/message_10.json": thread(("Ben", 1600000000000, "zéro 🥚")),
            f"{base}/message_1.json": thread(
                ("Jeanne", 1700000003000, "quatre 👋"), ("Ben", 1700000002000, None)
            ),  # a photo-only message: one item, no text
            f"{base}/photos/1_n_2.jpg": b"\xff\xd8\xff",
            f"{base}/audio/a.mp4": b"\x00",
        },
    )
    a = run(path)
    got = rows(a, "facebook.messages")
    assert [(r["text"], r["timestamp"]) for r in got] == [
        ("zéro 🥚", ms(1600000000000)),
        ("un", ms(1700000000000)),
        ("deux", ms(1700000001000)),
        (None, ms(1700000002000)),
        ("quatre 👋", ms(1700000003000)),
    ]
    assert {r["thread"] for r in got} == {"inbox/ben_123"}
    assert {r["verdict"] for r in got} == {"excluded"}
    assert [r["source"].rsplit("/", 1)[1] for r in got] == [
        "message_10.json",
        "message_2.json",
        "message_2.json",
        "message_1.json",
        "message_1.json",
    ]
    led = ledger(a)
    assert led[f"{base}/message_1.json"][2] == 2
    assert led[f"{base}/message_10.json"][2] == 1
    # Attachments are part of their message: known, no item of their own, never public media.
    assert led[f"{base}/photos/1_n_2.jpg"][:3] == ("ignored", "facebook.message_media", 0)
    assert led[f"{base}/audio/a.mp4"][:2] == ("ignored", "facebook.message_media")
    assert ("facebook", "media", "conditional") not in counts(a)


def test_every_message_folder_and_group_chats_are_excluded(make_zip) -> None:
    folders = ["inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover"]
    members = {
        f"{YFA}/messages/{f}/t{i}_{i}/message_1.json": thread(("Ben", 1700000000000 + i, f"m{i}"))
        for i, f in enumerate(folders)
    }
    members[f"{YFA}/groups/your_group_messages/998877.json"] = mj(
        {"thread_name": "Voisins", "messages": [{"sender_name": "Ana", "timestamp_ms": 1700000009000, "content": "g"}]}
    )
    a = run(make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", members))
    assert counts(a) == {("facebook", "message", "excluded"): 6}
    assert sorted(r["thread"] for r in rows(a)) == sorted(
        [f"{f}/t{i}_{i}" for i, f in enumerate(folders)] + ["your_group_messages/998877"]
    )
    assert {r["visibility"] for r in rows(a)} == {"private"}


def test_instagram_dms_and_secret_conversations(make_zip) -> None:
    yia = "your_instagram_activity/messages"
    a = run(
        make_zip(
            "instagram-jdoe-2025-1-1-AbCdEfGh.zip",
            {
                f"{yia}/inbox/ben_178414/message_1.json": thread(("ben", 1716700000000, "Trop bien 😂")),
                f"{yia}/message_requests/x_178415/message_1.json": thread(("x", 1716800000000, "Salut ?")),
                f"{yia}/secret_conversations.json": mj({"ig_secret_conversations": {"armadillo_devices": []}}),
            },
        )
    )
    assert counts(a) == {("instagram", "message", "excluded"): 2}
    assert [r["text"] for r in rows(a, "instagram.messages")] == ["Trop bien 😂", "Salut ?"]
    assert ledger(a)[f"{yia}/secret_conversations.json"][:2] == ("parsed", "instagram.messages_other")


def test_meta_ai_conversations_are_ai_chat_training(make_zip) -> None:
    turn = lambda who, text, t: {  # noqa: E731
        "dict": [
            {"label": "Author", "value": who},
            {"label": "Message", "value": text},
            {"label": "Sent", "timestamp_value": t},
        ]
    }
    ai = [
        {
            "timestamp": 1730000000,
            "label_values": [
                {"label": "Conversation", "value": "Porto"},
                {
                    "title": "Messages",
                    "dict": [turn("Jeanne", "Où manger ?", 1730000000), turn("Meta AI", "À la Ribeira 🍽️", 1730000005)],
                },
            ],
        },
        {"timestamp": 1731000000, "label_values": [{"label": "Prompt", "value": "Un poème sur la mer"}]},
    ]
    a = run(make_zip("facebook-jdoe-2025-1-1-AbCdEfGh.zip", {f"{YFA}/messages/ai_conversations.json": mj(ai)}))
    got = rows(a, "facebook.ai_chats")
    assert [(r["kind"], r["verdict"], r["visibility"], r["text"], r["thread"]) for r in got] == [
        ("ai_chat", "training", "private", "Où manger ?", "meta_ai/1"),
        ("ai_chat", "training", "private", "À la Ribeira 🍽️", "meta_ai/1"),
        ("ai_chat", "training", "private", "Un poème sur la mer", "meta_ai/2"),
    ]
    assert [r["timestamp"] for r in got] == [
        datetime(2024, 10, 27, 3, 33, 20, tzinfo=UTC),
        datetime(2024, 10, 27, 3, 33, 25, tzinfo=UTC),
        datetime(2024, 11, 7, 17, 20, tzinfo=UTC),
    ]


def test_thread_ids() -> None:
    assert thread_id("your_facebook_activity/messages/inbox/ben_123/message_1.json") == "inbox/ben_123"
    assert thread_id("messages/archived_threads/x_1/message_2.json") == "archived_threads/x_1"
    assert thread_id("your_facebook_activity/groups/your_group_messages/42.json") == "your_group_messages/42"


def test_a_broken_thread_part_fails_alone(make_zip) -> None:
    base = f"{YFA}/messages/inbox"
    a = run(
        make_zip(
            "facebook-jdoe-2025-1-1-AbCdEfGh.zip",
            {
                f"{base}/ok_1/message_1.json": thread(("Ben", 1700000000000, "ok")),
                f"{base}/bad_2/message_1.json": b'{"messages": [{"sender_name": "B", ',
            },
        )
    )
    assert [r["text"] for r in rows(a, "facebook.messages")] == ["ok"]
    status, _, _, reason = ledger(a)[f"{base}/bad_2/message_1.json"]
    assert status == "failed"
    assert reason.startswith("not valid JSON")


def test_a_broken_part_of_a_thread_fails_alone(make_zip) -> None:
    """message_2.json is damaged: it is ledgered as failed, message_1.json's messages still count."""
    import orjson

    from exportscope.model import FileStatus
    from exportscope.pipeline import Options, analyze

    thread = "your_facebook_activity/messages/inbox/bensample_123"
    part1 = orjson.dumps(
        {"participants": [{"name": "Jane"}, {"name": "Ben"}], "messages": [
            {"sender_name": "Ben", "timestamp_ms": 1700000123456, "content": "See you"},
            {"sender_name": "Jane", "timestamp_ms": 1700000000000, "content": "Lunch?"}]}
    )  # fmt: skip
    z = make_zip(
        "facebook-jdoe-2025-11-20-AbCdEfGh.zip",
        {
            "personal_information/profile_information/profile_information.json": b'{"profile_v2": {}}',
            f"{thread}/message_1.json": part1,
            f"{thread}/message_2.json": b'{"messages": [{"sender_name": "Ben", "timest',
        },
    )
    a = analyze([z], Options(workers=1))
    status = {e.path: (e.status, e.items) for e in a.ledger}
    assert status[f"{thread}/message_2.json"] == (FileStatus.FAILED, 0)
    assert status[f"{thread}/message_1.json"] == (FileStatus.PARSED, 2)
    assert a.items.filter(a.items["kind"] == "message")["text"].to_list() == ["Lunch?", "See you"]
