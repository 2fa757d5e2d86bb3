"""One account, one export (issue 12): parts, copies, older exports and other people's exports, in any order.

Fixtures are built at test time with the real formats' shapes: LinkedIn CSVs (tests/linkedin_helpers.py),
Meta JSON as Meta writes it (tests/metakit.py), a WhatsApp Android chat and an account report.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exportscope import summary
from exportscope.identity import AccountIdentity, AccountMatch, Identifier, compare_accounts, same_account
from exportscope.pipeline import Analysis, Options, analyze
from tests.linkedin_helpers import PROFILE
from tests.metakit import mj

AS_OF = date(2026, 6, 1)
EMAILS = b"Email Address,Confirmed,Primary,Updated On\nada@example.com,Yes,Yes,Not Available\n"
SHARES = b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
CHAT = (
    b"12/06/2025, 19:02 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
    b"12/06/2025, 19:02 - Alice: Hi Sam! Are we still on for Saturday?\n"
    b"12/06/2025, 19:05 - Sam: Yes! Meet at the station at 9?\n"
)
REPORT = {
    "user_information.json": json.dumps({"wa_user_info": {"name": "Sam Rivera", "phone_number": "+44 7700 900123"}}),
    "contacts.json": json.dumps({"wa_contacts": [{"name": "Alice", "phone_number": "+44 7700 900456"}]}),
}


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _linkedin(
    year: int, posts: list[str], *, profile: bytes = PROFILE, emails: bytes = EMAILS
) -> dict[str, bytes | str]:
    rows = b"".join(
        f'{year}-0{i + 1}-01 10:00:00,https://www.linkedin.com/feed/update/{year}{i},"{p}",,,MEMBER_NETWORK\n'.encode()
        for i, p in enumerate(posts)
    )
    return {"Profile.csv": profile, "Email Addresses.csv": emails, "Shares.csv": SHARES + rows}


def _downloads(root: Path) -> Path:
    """A Downloads folder: three LinkedIn exports of one account (2018, 2024 as Basic + Complete, 2026), an
    unzipped copy of the 2024 Complete zip, a WhatsApp chat, a WhatsApp account report, and a stray file."""
    dl = root / "Downloads"
    dl.mkdir()
    _zip(dl / "Complete_LinkedInDataExport_05-14-2018.zip", _linkedin(2018, ["old post"]))
    basic = {"Profile.csv": PROFILE, "Email Addresses.csv": EMAILS, "Skills.csv": b"Name\nSQL\n"}
    _zip(dl / "Basic_LinkedInDataExport_06-10-2024.zip", basic)
    complete_2024 = _linkedin(2024, ["post a", "post b"])
    _zip(dl / "Complete_LinkedInDataExport_06-11-2024.zip", complete_2024)
    unzipped = dl / "Complete_LinkedInDataExport_06-11-2024"
    unzipped.mkdir()
    for name, data in complete_2024.items():
        (unzipped / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    _zip(dl / "Complete_LinkedInDataExport_03-09-2026.zip", _linkedin(2026, ["post a", "post b", "post c"]))
    (dl / "WhatsApp Chat with Alice.txt").write_bytes(CHAT)
    _zip(dl / "whatsapp_account_info.zip", dict(REPORT))
    (dl / "invoice.pdf").write_bytes(b"%PDF-1.4 not an export")
    return dl


def _doc(a: Analysis) -> dict[str, Any]:
    doc = summary.build(a).to_json()
    doc.pop("inputs")  # the paths as given, in the order given
    return doc


def test_downloads_folder_reads_each_export_once_and_lists_the_older_ones(tmp_path: Path) -> None:
    dl = _downloads(tmp_path)
    a = analyze([dl], Options(as_of=AS_OF, workers=1))
    doc = summary.build(a).to_json()
    roles = [(e["name"], e["role"], e["export_date"], e["account"]) for e in doc["exports"]]
    assert roles == [
        ("Complete_LinkedInDataExport_03-09-2026.zip", "analysed", "2026-03-09", "Ada Example"),
        ("Complete_LinkedInDataExport_06-11-2024.zip", "older", "2024-06-11", "Ada Example"),
        ("Complete_LinkedInDataExport_06-11-2024", "copy", "2024-06-11", "Ada Example"),
        ("Basic_LinkedInDataExport_06-10-2024.zip", "older", "2024-06-10", "Ada Example"),
        ("Complete_LinkedInDataExport_05-14-2018.zip", "older", "2018-05-14", "Ada Example"),
        ("WhatsApp Chat with Alice.txt", "analysed", None, None),
        ("whatsapp_account_info.zip", "analysed", None, "Sam Rivera"),
    ]
    [linkedin] = [p for p in doc["platforms"] if p["platform"] == "linkedin"]
    # The newest export is counted alone: its three posts, never the older exports' posts added to them.
    assert {(k["kind"], k["items"]) for k in linkedin["by_kind"]} >= {("post", 3)}
    assert "skill" not in {k["kind"] for k in linkedin["by_kind"]}
    assert linkedin["account"] == "Ada Example"
    assert linkedin["files"]["unrecognized"] == []  # the chat is no file of the LinkedIn export
    [whatsapp] = [p for p in doc["platforms"] if p["platform"] == "whatsapp"]
    assert whatsapp["totals"]["excluded"] == 2  # the chat's two messages, read as a chat
    assert doc["unrecognized"] == ["Downloads/invoice.pdf"]
    assert any("older export of the same account" in n and "05-14-2018" in n for n in doc["notes"])
    assert (
        "LinkedIn: Complete_LinkedInDataExport_06-11-2024 holds the same files as "
        "Complete_LinkedInDataExport_06-11-2024.zip; they were counted once"
    ) in doc["notes"]
    assert sum("older export of the same account" in n for n in doc["notes"]) == 2  # one per older export


def test_every_order_of_the_inputs_gives_the_same_summary(tmp_path: Path) -> None:
    dl = _downloads(tmp_path)
    inputs = sorted(p for p in dl.iterdir() if p.name != "invoice.pdf")
    expected = _doc(analyze(inputs, Options(as_of=AS_OF, workers=1)))
    linkedin = [p for p in inputs if "LinkedIn" in p.name]
    assert len(linkedin) == 5
    for order in itertools.permutations(linkedin):  # every order of the five LinkedIn inputs
        rest = [p for p in inputs if p not in linkedin]
        assert _doc(analyze([*order, *rest], Options(as_of=AS_OF, workers=1))) == expected, order
    rng = random.Random(12)
    for _ in range(10):  # and shuffles of everything, the folder itself given too
        shuffled = [*inputs, dl]
        rng.shuffle(shuffled)
        got = _doc(analyze(shuffled, Options(as_of=AS_OF, workers=1)))
        assert got["platforms"] == expected["platforms"]
        assert got["exports"] == expected["exports"]


def _instagram(user: str, name: str, private: bool, caption: str) -> dict[str, bytes | str]:
    return {
        "your_instagram_activity/media/posts_1.json": mj(
            [
                {
                    "title": caption,
                    "creation_timestamp": 1735000000,
                    "media": [{"uri": "", "creation_timestamp": 1735000000}],
                }
            ]
        ),
        "personal_information/personal_information/personal_information.json": mj(
            {
                "profile_user": [
                    {
                        "string_map_data": {
                            "Username": {"value": user},
                            "Name": {"value": name},
                            "Private Account": {"value": str(private)},
                        }
                    }
                ]
            }
        ),
    }


def test_two_accounts_of_one_platform_are_two_exports_each_with_its_own_setting(tmp_path: Path) -> None:
    alice = _zip(
        tmp_path / "instagram-alice.m-2025-11-20-AAAA1111.zip",
        _instagram("alice.m", "Alice Martin", True, "Alice's café"),
    )
    bob = _zip(
        tmp_path / "instagram-bob_r-2025-11-21-BBBB2222.zip", _instagram("bob_r", "Bob Roy", False, "Bob's bike")
    )
    docs = [_doc(analyze(order, Options(as_of=AS_OF, workers=1))) for order in ([alice, bob], [bob, alice])]
    assert docs[0] == docs[1]
    entries = [p for p in docs[0]["platforms"] if p["platform"] == "instagram"]
    assert [p["account"] for p in entries] == ["@alice.m", "@bob_r"]
    a = analyze([bob, alice], Options(as_of=AS_OF, workers=1))
    posts = a.items.filter(a.items["kind"] == "post").sort("text")
    # Each account's own private-account setting decides its own posts (Alice's is private, Bob's public).
    assert list(posts.select("text", "visibility").iter_rows()) == [
        ("Alice's café", "private"),
        ("Bob's bike", "public"),
    ]
    assert [(e.name, e.role.value) for e in a.export_entries] == [(alice.name, "analysed"), (bob.name, "analysed")]
    assert [e.account.handle for e in a.exports] == ["@alice.m", "@bob_r"]
    # The file at the same path in both exports is read in both: nothing dropped as a "duplicate".
    assert sorted(e.path for e in a.ledger if e.path.endswith("posts_1.json")) == [
        "your_instagram_activity/media/posts_1.json",
        "your_instagram_activity/media/posts_1.json",
    ]


def test_a_chat_given_twice_under_two_spellings_or_with_its_folder_counts_once(tmp_path: Path) -> None:
    folder = tmp_path / "chats"
    folder.mkdir()
    chat = folder / "WhatsApp Chat with Alice.txt"
    chat.write_bytes(CHAT)
    once = analyze([chat], Options(as_of=AS_OF, workers=1)).items.height
    assert once == 3
    twice = analyze([chat, tmp_path / "chats" / ".." / "chats" / chat.name], Options(as_of=AS_OF, workers=1))
    assert twice.items.height == once
    assert [n.key for n in twice.notes] == ["input_repeated"] and twice.notes[0].args == {"name": chat.name}
    for order in ([chat, folder], [folder, chat]):
        a = analyze(order, Options(as_of=AS_OF, workers=1))
        assert a.items.height == once, order


def test_a_mac_rezip_with_nfd_names_is_a_copy_of_the_nfc_zip(tmp_path: Path) -> None:
    members = {
        "Profile.csv": PROFILE,
        "Email Addresses.csv": EMAILS,
        "Données/Skills.csv": b"Name\nSQL\n",
        "Skills.csv": b"Name\nPython\n",
    }
    nfc = _zip(tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip", members)
    mac = tmp_path / "mac"
    mac.mkdir()
    nfd = _zip(
        mac / "Complete_LinkedInDataExport_03-09-2026.zip",
        {unicodedata.normalize("NFD", k): v for k, v in members.items()},
    )
    single = analyze([nfc], Options(as_of=AS_OF, workers=1))
    both = analyze([nfd, nfc], Options(as_of=AS_OF, workers=1))
    assert both.items.height == single.items.height
    assert [e.role.value for e in both.export_entries] == ["analysed", "copy"]
    assert all(unicodedata.is_normalized("NFC", e.path) for e in both.ledger)


def test_same_account_decisions() -> None:
    def ident(**fields: str) -> AccountIdentity:
        return AccountIdentity("instagram", **{k: Identifier(v, "x") for k, v in fields.items()})  # type: ignore[arg-type]

    assert same_account(ident(username="@Jdoe"), ident(username="jdoe", email="new@example.com"))
    # A changed e-mail with the same phone number is still the account.
    assert same_account(
        ident(email="a@example.com", phone="+33 6 12 34 56 78"), ident(email="b@example.com", phone="+33612345678")
    )
    assert compare_accounts(ident(username="alice"), ident(username="bob")) is AccountMatch.DIFFERENT
    assert (
        compare_accounts(ident(account_id="1", username="x"), ident(account_id="2", username="x"))
        is AccountMatch.DIFFERENT
    )
    assert compare_accounts(ident(name="Ada Example"), ident(name="ada  example")) is AccountMatch.SAME
    assert compare_accounts(ident(), ident(name="Ada")) is AccountMatch.UNKNOWN
    assert compare_accounts(AccountIdentity("facebook"), AccountIdentity("instagram")) is AccountMatch.DIFFERENT
    assert ident(username="jdoe").masked_handle() == "@j…"


@pytest.mark.parametrize("gap,parts", [(1, True), (7, True), (30, False)])
def test_basic_and_complete_are_parts_only_a_few_days_apart(tmp_path: Path, gap: int, parts: bool) -> None:
    basic = _zip(
        tmp_path / f"Basic_LinkedInDataExport_03-{1:02d}-2026.zip",
        {"Profile.csv": PROFILE, "Skills.csv": b"Name\nSQL\n"},
    )
    complete = _zip(
        tmp_path / f"Complete_LinkedInDataExport_{3 + gap // 30:02d}-{1 + gap % 30:02d}-2026.zip",
        _linkedin(2026, ["p"]),
    )
    a = analyze([complete, basic], Options(as_of=AS_OF, workers=1))
    assert [e.role.value for e in a.export_entries] == (["analysed", "part"] if parts else ["analysed", "older"])
    assert ("skill" in set(a.items["kind"])) is parts


def test_unzipped_folder_beside_its_zip_is_one_export(tmp_path: Path) -> None:
    z = _zip(tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip", _linkedin(2026, ["p", "q"]))
    folder = tmp_path / "unzipped" / "Complete_LinkedInDataExport_03-09-2026"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(z) as zf:
        zf.extractall(folder)
    one = analyze([z], Options(as_of=AS_OF, workers=1)).items.height
    for order in ([z, folder], [folder, z], [tmp_path]):
        a = analyze(order, Options(as_of=AS_OF, workers=1))
        assert a.items.height == one, order
    shutil.rmtree(folder)
