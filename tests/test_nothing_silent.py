"""Nothing silent (issue 12): rows whose date could not be read, impossible dates and drift are counted per
file in the summary, never dropped without a word; every date shape real exports use is read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from exportscope import dates, summary
from exportscope.pipeline import Options, analyze
from tests.linkedin_helpers import PROFILE

SHARES = b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"


def _row(when: str, text: str) -> bytes:
    return f'{when},https://www.linkedin.com/feed/update/{text},"{text}",,,MEMBER_NETWORK\n'.encode()


def _files(doc: dict[str, Any]) -> dict[str, Any]:
    [linkedin] = [p for p in doc["platforms"] if p["platform"] == "linkedin"]
    return linkedin["files"]


def test_undated_rows_and_impossible_dates_are_counted_per_file(make_zip) -> None:
    shares = SHARES + b"".join(
        [
            _row("2025-07-01 14:33:22", "ok"),
            _row("20.03.2024 10:00", "german"),  # a shape no format reads: undated, counted, shape shown
            _row("21.03.2024 11:00", "german2"),
            _row("1970-01-01 00:00:00", "epoch"),  # before LinkedIn existed
            _row("2516-01-01 00:00:00", "future"),  # after the export
            _row("20 Mar 2024", "dmy"),  # D1, not the file's declared D3: read all the same
        ]
    )
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Shares.csv": shares})
    a = analyze([z], Options(as_of=date(2026, 3, 10), workers=1))
    files = _files(summary.build(a).to_json())
    [read] = [r for r in files["read"] if r["path"] == "Shares.csv"]
    assert read == {"path": "Shares.csv", "items": 6, "undated": 2, "undated_shape": "DD.DD.YYYY DD:DD",
                    "impossible_dates": 2, "misaligned": 0}  # fmt: skip
    assert (files["undated"], files["impossible_dates"]) == (2, 2)
    posts = {r["text"]: r for r in a.items.filter(a.items["kind"] == "post").iter_rows(named=True)}
    assert posts["dmy"]["timestamp"] == datetime(2024, 3, 20, tzinfo=UTC)
    for text in ("epoch", "future"):
        assert posts[text]["timestamp"] is None and posts[text]["note"] == "impossible date"
    assert posts["german"]["timestamp"] is None and posts["german"]["note"] is None
    assert "20.03.2024" not in str(files)  # the shape, never the value


def test_summary_text_says_what_was_not_dated(make_zip, cli) -> None:
    shares = SHARES + _row("20.03.2024 10:00", "a") + _row("2003-01-01 00:00:00", "b")
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Shares.csv": shares})
    out = " ".join(cli("summary", z, "--as-of", "2026-03-10").stdout.split())  # unwrapped
    assert "dates not read: Shares.csv: 1 of 2 items undated (the first looks like DD.DD.YYYY DD:DD)" in out
    assert "impossible dates: 0" in out  # 2003-01-01 is LinkedIn's first possible day


def test_drift_is_in_the_summary(make_zip) -> None:
    shares = b"Date,ShareLink,ShareCommentary,SharedUrl,Visibility,Mood\n2025-07-01 14:33:22,x,hi,,PUBLIC,ok\n"
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Shares.csv": shares})
    files = _files(summary.build(analyze([z], Options(as_of=date(2026, 3, 10), workers=1))).to_json())
    assert files["drift"] == [{"path": "Shares.csv", "columns": ["-MediaUrl", "+Mood"]}]


def test_date_shapes_never_show_the_value() -> None:
    assert dates.shape("20 Mär 2024") == "DD Xxx YYYY"
    assert dates.shape("Wed Mar 13 18:51:14 UTC 2024") == "Xxx Mon DD DD:DD:DD UTC YYYY"
    assert dates.shape("3/12/24, 11:20 AM") == "D/DD/DD, DD:DD AM"
    assert "\x1b" not in dates.shape("2024\x1b[2J")


def test_values_past_the_header_are_counted_without_their_text(make_zip) -> None:
    shares = (
        b"Date,ShareLink,ShareCommentary,Visibility\n"
        b"2025-07-01 14:33:22,https://x/1,Hello,MEMBER_NETWORK\n"
        b"2025-07-02 14:33:22,https://x/2,,PUBLIC,extra\n"  # a value past the last column
    )
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Shares.csv": shares})
    a = analyze([z], Options(as_of=date(2026, 3, 10), workers=1))
    posts = a.items.filter(a.items["kind"] == "post")
    assert posts.get_column("text").to_list() == ["Hello", None]  # "PUBLIC" never becomes a post's text
    [read] = [r for r in _files(summary.build(a).to_json())["read"] if r["path"] == "Shares.csv"]
    assert (read["items"], read["misaligned"]) == (2, 1)


def test_invitations_are_their_own_kind_and_no_conversation(make_zip) -> None:
    invitations = (
        b"From,To,Sent At,Message,Direction\n"
        b'Ada Example,Ben Sample,"3/12/24, 11:20 AM",Hi Ben!,OUTGOING\n'
        b'Cy Doe,Ada Example,"3/13/24, 9:00 AM",,INCOMING\n'
    )
    connections = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBen,Sample,,,,,14 Mar 2024\n"
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "Invitations.csv": invitations, "Connections.csv": connections},
    )
    doc = summary.build(analyze([z], Options(as_of=date(2026, 3, 10), workers=1))).to_json()
    [p] = doc["platforms"]
    kinds = {(k["kind"], k["verdict"]): k["items"] for k in p["by_kind"]}
    assert kinds[("connection", "not_used")] == 1  # the rows of Connections.csv, not the invitations
    assert kinds[("invitation", "excluded")] == 1  # the note is private text...
    assert kinds[("invitation", "not_used")] == 1
    assert ("message", "excluded") not in kinds and p["conversations"] == 0  # ...but no message of a conversation


def test_an_empty_chat_file_says_empty(tmp_path, cli) -> None:
    chat = tmp_path / "WhatsApp Chat with Alice.txt"
    chat.write_bytes(b"")
    result = cli("summary", chat)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"exportscope: error: {chat.name}: empty; the file holds nothing to read"


def test_zip_names_without_the_utf8_flag_are_read_as_utf8(tmp_path) -> None:
    import zipfile

    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"

    class RawName(zipfile.ZipInfo):
        """A member whose name is written as the given bytes, without the UTF-8 flag (as many tools do)."""

        raw = b""

        def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's own hook
            return self.raw, self.flag_bits & ~0x800

    with zipfile.ZipFile(path, "w") as zf:
        # UTF-8 bytes without the flag, and cp437 bytes (0x82 is e-acute in cp437) that are not valid UTF-8.
        for raw, data in ((b"Profile.csv", PROFILE), ("Données/notes.txt".encode(), b"x"), (b"Caf\x82.txt", b"y")):
            info = RawName(raw.decode("cp437"))
            info.raw = raw
            zf.writestr(info, data)
    with zipfile.ZipFile(path) as zf:
        assert not any(i.flag_bits & 0x800 for i in zf.infolist())
    a = analyze([path], Options(as_of=date(2026, 3, 10), workers=1))
    paths = {e.path for e in a.ledger}
    assert "Données/notes.txt" in paths  # valid UTF-8: read as UTF-8, not "Donn├⌐es"
    assert "Café.txt" in paths  # not valid UTF-8: cp437, as the zip format says
