"""WhatsApp exports end to end: loose chats, iOS zips, folders of chats, Meta AI and the account report."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from exportscope.model import FileStatus
from exportscope.pipeline import analyze
from tests.conftest import SAMPLES

LRM = "\u200e"
WA = SAMPLES / "whatsapp"
E2E = "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read them."


def _summary(cli, *paths: object) -> dict:
    result = cli("summary", *paths, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    (platform,) = doc["platforms"]
    assert platform["platform"] == "whatsapp"
    return platform


def _kinds(platform: dict) -> dict[tuple[str, str], int]:
    return {(k["kind"], k["verdict"]): k["items"] for k in platform["by_kind"]}


def _ios_chat(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


# --- one chat -------------------------------------------------------------------------------------------


def test_android_chat_txt_summary(cli) -> None:
    p = _summary(cli, WA / "WhatsApp Chat with Alice.txt")
    assert p["totals"] == {"training": 0, "conditional": 0, "excluded": 17, "not_used": 1}
    assert _kinds(p) == {
        ("message", "excluded"): 14,
        ("media", "excluded"): 2,
        ("location", "excluded"): 1,
        ("setting", "not_used"): 1,
    }
    assert p["conversations"] == 1
    assert {k: p["files"][k] for k in ("total", "parsed", "ignored", "unrecognized", "failed")} == {
        "total": 1,
        "parsed": 1,
        "ignored": 0,
        "unrecognized": [],
        "failed": [],
    }
    assert p["notes"] == [
        'WhatsApp chat "Alice" (WhatsApp Chat with Alice.txt): one-to-one chat; 17 messages and 1 system line; '
        '2 people wrote messages; export owner: Sam (the only sender of a "You deleted this message" line); '
        "1 attached file, none in the export; 1 media file left out of the export; dates read as day/month/year."
    ]


def test_ios_zip_counts_attachments_found_in_the_zip_with_their_size(cli) -> None:
    p = _summary(cli, WA / "WhatsApp Chat - Famille.zip")
    assert _kinds(p) == {
        ("message", "excluded"): 9,  # the missed call has a sender: a message
        ("media", "excluded"): 3,
        ("location", "excluded"): 1,
        ("setting", "not_used"): 4,
    }
    assert p["files"]["parsed"] == 1 and p["files"]["ignored"] == 2
    (note,) = p["notes"]
    assert note.startswith('WhatsApp chat "Famille" (_chat.txt): group chat; 13 messages and 4 system lines; ')
    assert "4 people wrote messages; export owner: Hugo (" in note
    assert "2 attached files, 2 of them in the export (1.6 KB); 1 media file left out of the export" in note


def test_ios_zip_items_keep_texts_times_and_the_chat_name(tmp_path: Path) -> None:
    analysis = analyze([WA / "WhatsApp Chat - Famille.zip"])
    rows = analysis.items.sort("row").select("row", "kind", "timestamp", "text", "thread", "source").rows()
    assert rows[7][:4] == (
        8,
        "message",
        rows[7][2],
        "Qui vient dimanche ?\nOn fait un barbecue si le temps le permet.\nRéponse avant vendredi svp",
    )
    assert rows[7][2].isoformat() == "2025-06-07T20:40:01+00:00"
    assert {r[4] for r in rows} == {"Famille"} and {r[5] for r in rows} == {"_chat.txt"}
    subject = next(r for r in rows if r[0] == 14)
    assert subject[1] == "setting" and subject[3].endswith("« Famille : vacances d'été »")


def test_meta_ai_chat_is_ai_chat_used_for_training(cli) -> None:
    p = _summary(cli, WA / "WhatsApp Chat with Meta AI.txt")
    assert p["totals"] == {"training": 8, "conditional": 0, "excluded": 0, "not_used": 1}
    assert _kinds(p) == {("ai_chat", "training"): 8, ("setting", "not_used"): 1}
    (note,) = p["notes"]
    assert 'recognised as a chat with Meta AI from its name "Meta AI": its messages count as AI chats' in note
    assert "dates read as month/day/year." in note


def test_meta_ai_recognised_by_sender_when_the_file_was_renamed(tmp_path: Path, cli) -> None:
    chat = tmp_path / "recipes.txt"
    chat.write_text(
        "1/14/25, 9:02 PM - Sam: soup ideas?\n1/14/25, 9:02 PM - Meta AI: Leek and potato!\n", encoding="utf-8"
    )
    p = _summary(cli, chat)
    assert _kinds(p) == {("ai_chat", "training"): 2}
    assert 'from its sender "Meta AI"' in p["notes"][0]
    assert "export owner: Sam (the one person writing to Meta AI)" in p["notes"][0]


def test_meta_ai_in_a_group_counts_only_messages_to_and_from_it(tmp_path: Path, cli) -> None:
    chat = tmp_path / "WhatsApp Chat with Trip.txt"
    chat.write_text(
        '13/06/2025, 10:00 - Ana created group "Trip"\n'
        "13/06/2025, 10:01 - Ana: @Meta AI best beaches near Porto?\n"
        "13/06/2025, 10:01 - Meta AI: Praia da Luz and Matosinhos are close.\n"
        "13/06/2025, 10:02 - Bo: let's go to Matosinhos\n"
        "13/06/2025, 10:03 - Cy: ok\n",
        encoding="utf-8",
    )
    p = _summary(cli, chat)
    assert _kinds(p) == {("ai_chat", "training"): 2, ("message", "excluded"): 2, ("setting", "not_used"): 1}
    assert "group chat" in p["notes"][0] and "2 messages to or from Meta AI count as AI chats" in p["notes"][0]


def test_ambiguous_chat_says_so_in_the_summary(cli) -> None:
    p = _summary(cli, WA / "WhatsApp Chat with Lucía.txt")
    (note,) = p["notes"]
    assert note.endswith(
        "dates read as day/month/year because every day <= 12 leaves the order ambiguous (no date field above 12);"
        " day before month was chosen because the messages run forward in time only that way."
    )
    assert [k["first"] for k in p["by_kind"] if k["kind"] == "message"] == ["2025-01-03T09:15:00Z"]
    text = cli("summary", WA / "WhatsApp Chat with Lucía.txt")
    assert "every day <= 12" in " ".join(text.stdout.split())


# --- several chats --------------------------------------------------------------------------------------


def test_two_ios_zips_both_holding_chat_txt_stay_two_chats(make_zip, cli) -> None:
    a = make_zip(
        "WhatsApp Chat - Ana.zip",
        {"_chat.txt": _ios_chat(["[13/06/2025, 10:00:00] Ana: hi", "[13/06/2025, 10:01:00] Sam: yo"])},
    )
    b = make_zip(
        "WhatsApp Chat - Bo.zip",
        {"_chat.txt": _ios_chat(["[13/06/2025, 11:00:00] Bo: hi", "[13/06/2025, 11:01:00] Sam: yo"])},
    )
    p = _summary(cli, a, b)
    assert p["totals"]["excluded"] == 4 and p["conversations"] == 2
    assert p["files"]["total"] == 2 and p["files"]["parsed"] == 2
    assert [n.split(":")[0] for n in p["notes"]] == [
        'WhatsApp chat "Ana" (_chat.txt)',
        'WhatsApp chat "Bo" (_chat.txt)',
    ]
    analysis = analyze([a, b])
    assert sorted(analysis.items["thread"].unique().to_list()) == ["Ana", "Bo"]
    assert not any("counted once" in n for n in analysis.notes)


def test_folder_of_chats_and_the_account_report(cli) -> None:
    p = _summary(cli, WA)
    assert p["totals"] == {"training": 8, "conditional": 0, "excluded": 48, "not_used": 41}
    assert p["conversations"] == 4
    assert len(p["notes"]) == 5
    assert p["files"]["unrecognized"] == [] and p["files"]["failed"] == []
    assert p["files"]["total"] == 20
    analysis = analyze([WA])
    threads = analysis.items.filter(analysis.items["thread"].is_not_null())["thread"].unique().sort().to_list()
    assert threads == ["Alice", "Famille", "Jörg", "Lucía", "Meta AI"]
    sources = set(analysis.items["source"].to_list())
    assert "WhatsApp Chat - Famille.zip/_chat.txt" in sources
    assert "whatsapp_account_info.zip/contacts.json" in sources


def test_folder_with_a_non_chat_txt_a_foreign_zip_and_a_broken_zip(tmp_path: Path, make_zip) -> None:
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ana.txt").write_text("13/06/2025, 10:00 - Ana: hi\n", encoding="utf-8")
    (folder / "todo.txt").write_text("buy milk\ncall mum\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "photos.zip", "w") as zf:
        zf.writestr("beach.jpg", b"\xff\xd8\xff\xe0 not really")
    (folder / "WhatsApp Chat - Bo.zip").write_bytes(b"PK\x03\x04 cut short")
    nested = make_zip("inner.zip", {"_chat.txt": _ios_chat(["[13/06/2025, 11:00:00] Bo: hi"])})
    nested.rename(folder / "Export 2.zip")
    analysis = analyze([folder])
    status = {e.path: (e.status, e.items) for e in analysis.ledger}
    assert status == {
        "WhatsApp Chat with Ana.txt": (FileStatus.PARSED, 1),
        "todo.txt": (FileStatus.UNRECOGNIZED, 0),
        "photos.zip": (FileStatus.UNRECOGNIZED, 0),
        "WhatsApp Chat - Bo.zip": (FileStatus.FAILED, 0),
        "Export 2.zip/_chat.txt": (FileStatus.PARSED, 1),
    }
    failed = next(e for e in analysis.ledger if e.status is FileStatus.FAILED)
    assert "damaged or truncated zip" in (failed.reason or "")
    assert sorted(analysis.items["thread"].to_list()) == ["Ana", "Export 2"]


def test_zip_of_chat_zips_is_opened_in_memory(tmp_path: Path, make_zip) -> None:
    inner = make_zip("WhatsApp Chat - Ana.zip", {"_chat.txt": _ios_chat(["[13/06/2025, 10:00:00] Ana: hi"])})
    outer = tmp_path / "all chats.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "WhatsApp Chat - Ana.zip")
        zf.writestr("WhatsApp Chat with Bo.txt", "13/06/2025, 10:00 - Bo: hey\n")
    analysis = analyze([outer])
    assert sorted(analysis.items.select("thread", "text").rows()) == [("Ana", "hi"), ("Bo", "hey")]
    assert {e.path for e in analysis.ledger} == {"WhatsApp Chat - Ana.zip/_chat.txt", "WhatsApp Chat with Bo.txt"}


def test_zip_inside_a_zip_over_the_memory_budget_fails_with_a_reason(tmp_path: Path, make_zip, monkeypatch) -> None:
    import exportscope.nested as nested

    monkeypatch.setattr(nested, "MAX_NESTED_IN_MEMORY", 10)
    inner = make_zip("WhatsApp Chat - Ana.zip", {"_chat.txt": _ios_chat(["[13/06/2025, 10:00:00] Ana: hi"])})
    outer = tmp_path / "all chats.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "WhatsApp Chat - Ana.zip")
        zf.writestr("WhatsApp Chat with Bo.txt", "13/06/2025, 10:00 - Bo: hey\n")
    analysis = analyze([outer])
    assert analysis.items["text"].to_list() == ["hey"]
    (failed,) = [e for e in analysis.ledger if e.status is FileStatus.FAILED]
    assert failed.path == "WhatsApp Chat - Ana.zip"
    assert failed.reason is not None
    assert failed.reason.startswith("a zip inside a zip larger than the 10 bytes")
    assert failed.reason.endswith("unzip the outer zip and give its folder")


def test_a_txt_that_is_not_a_chat_is_not_an_export(tmp_path: Path, cli) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping\n- milk\n- eggs\n", encoding="utf-8")
    result = cli("summary", notes)
    assert result.exit_code == 2
    assert "nothing recognizable" in result.stderr


def test_a_chat_txt_of_any_name_is_recognised_by_content(tmp_path: Path, cli) -> None:
    chat = tmp_path / "chat-backup.txt"
    chat.write_text(
        f"\u200e[13/06/2025, 10:00:00] Ana: {LRM}image omitted\n[13/06/2025, 10:00:05] Ana: 🌊\n", encoding="utf-8"
    )
    p = _summary(cli, chat)
    assert _kinds(p) == {("media", "excluded"): 1, ("message", "excluded"): 1}
    assert p["notes"][0].startswith('WhatsApp chat "chat-backup" (chat-backup.txt): one-to-one chat;')


# --- account information report --------------------------------------------------------------------------


def test_account_report_items_by_kind(cli) -> None:
    p = _summary(cli, WA / "whatsapp_account_info.zip")
    assert p["totals"] == {"training": 0, "conditional": 0, "excluded": 0, "not_used": 33}
    assert _kinds(p) == {
        ("setting", "not_used"): 8,
        ("account", "not_used"): 8,
        ("device", "not_used"): 7,
        ("contact", "not_used"): 5,
        ("login", "not_used"): 3,
        ("group", "not_used"): 2,
    }
    assert p["era"] == "account information report"
    assert {k: p["files"][k] for k in ("total", "parsed", "ignored", "unrecognized", "failed")} == {
        "total": 13,
        "parsed": 12,
        "ignored": 1,
        "unrecognized": [],
        "failed": [],
    }


def test_account_report_html_is_read_when_its_json_is_missing(make_zip) -> None:
    html = (
        b"<html><head><title>Contacts</title></head><body><h1>Contacts</h1><table>"
        b"<tr><td>phone_number: +44 7700 900456</td></tr><tr><td>phone_number: +1 202 555 0147</td></tr>"
        b"</table></body></html>"
    )
    legacy = json.dumps({"contacts": ["+33 6 00 00 12 34"], "groups": []}).encode()
    path = make_zip(
        "whatsapp_report.zip",
        {
            "registration_info.json": json.dumps({"wa_registration_info": {"platform": "iphone"}}).encode(),
            "contacts.html": html,
            "groups.json": legacy,
        },
    )
    analysis = analyze([path])
    rows = analysis.items.sort("source", "row").select("source", "kind", "text").rows()
    assert rows == [
        ("contacts.html", "contact", "phone_number: +44 7700 900456"),
        ("contacts.html", "contact", "phone_number: +1 202 555 0147"),
        ("groups.json", "group", "contacts: +33 6 00 00 12 34"),
        ("registration_info.json", "device", "platform: iphone"),
    ]


# --- samples ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["WhatsApp Chat with Alice.txt", "WhatsApp Chat with Jörg.txt"])
def test_android_samples_are_lf_and_ios_sample_is_crlf_with_marks(name: str) -> None:
    assert b"\r\n" not in (WA / name).read_bytes()
    with zipfile.ZipFile(WA / "WhatsApp Chat - Famille.zip") as zf:
        chat = zf.read("_chat.txt")
    assert chat.count(b"\r\n") == chat.count(b"\n") == 19
    assert LRM.encode() in chat
