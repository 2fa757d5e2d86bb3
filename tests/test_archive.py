"""The archive layer on bad and awkward inputs: exit codes, one-line messages, good members still read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exportscope.archive import normalise_name, open_source, strip_wrapper
from exportscope.model import FileStatus
from exportscope.pipeline import Options, analyze

PROFILE = (
    b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,,Engineer,,Software,,"Lyon, France",,,\n'
)
SKILLS = b"Name\nPython\nSQL\n"


def _statuses(analysis) -> dict[str, tuple[FileStatus, str | None]]:
    return {e.path: (e.status, e.reason) for e in analysis.ledger}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "etc/passwd"),
        ("/abs/Profile.csv", "abs/Profile.csv"),
        ("C:\\Users\\x\\Profile.csv", "Users/x/Profile.csv"),
        ("a/./b/../c.csv", "a/b/c.csv"),
        ("Jobs/Job Applications_1.csv", "Jobs/Job Applications_1.csv"),
    ],
)
def test_member_names_are_normalised_and_never_escape(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_not_a_zip_is_a_clear_input_error(tmp_path: Path, cli) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"%PDF-1.4 this is a pdf")
    result = cli("summary", bad)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "not a zip archive" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_file_type_is_rejected(tmp_path: Path, cli) -> None:
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"%PDF-1.4")
    result = cli("summary", bad)
    assert result.exit_code == 2
    assert "not a zip archive, a folder" in result.stderr


def test_truncated_zip_is_a_clear_input_error(tmp_path: Path, make_zip, cli) -> None:
    good = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": SKILLS})
    data = good.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    result = cli("summary", cut)
    assert result.exit_code == 2
    assert "damaged or truncated zip" in result.stderr
    assert result.stderr.count("\n") == 1


def test_empty_zip_is_a_clear_input_error(tmp_path: Path, cli) -> None:
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    result = cli("summary", empty)
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_missing_input_is_exit_2(tmp_path: Path, cli) -> None:
    result = cli("summary", tmp_path / "nope.zip")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_nothing_recognizable_is_exit_2(make_zip, cli) -> None:
    z = make_zip("holiday.zip", {"IMG_0001.txt": b"not an export"})
    result = cli("summary", z)
    assert result.exit_code == 2
    assert "nothing recognizable" in result.stderr


def _encrypted_flag_zip(path: Path, members: dict[str, bytes], encrypted: set[str]) -> Path:
    """A zip whose chosen members carry the 'encrypted' flag, as a password-protected zip's do.

    zipfile cannot write encrypted members, so the flag bit is set in the local and central headers.
    """
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        infos = [i for i in zf.infolist() if i.filename in encrypted]
    for info in infos:
        raw[info.header_offset + 6] |= 0x1
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(raw[pos + 28 : pos + 30], "little")
        name = raw[pos + 46 : pos + 46 + name_len].decode()
        if name in encrypted:
            raw[pos + 8] |= 0x1
        pos = raw.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(raw))
    return path


def test_encrypted_member_fails_alone(tmp_path: Path) -> None:
    z = _encrypted_flag_zip(
        tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "Skills.csv": SKILLS},
        {"Skills.csv"},
    )
    analysis = analyze([z], Options())
    status = _statuses(analysis)
    assert status["Skills.csv"][0] is FileStatus.FAILED
    assert "encrypted" in (status["Skills.csv"][1] or "")
    assert status["Profile.csv"][0] is FileStatus.PARSED
    assert analysis.items.filter(analysis.items["source"] == "Profile.csv").height == 5


def test_fully_encrypted_zip_is_exit_2(tmp_path: Path, cli) -> None:
    z = _encrypted_flag_zip(tmp_path / "locked.zip", {"Profile.csv": PROFILE}, {"Profile.csv"})
    result = cli("summary", z)
    assert result.exit_code == 2
    assert "encrypted" in result.stderr


def test_bomb_like_member_fails_alone_by_ratio(make_zip) -> None:
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "SearchQueries.csv": b"Time,Search Query\n" + b"\0" * (40 * 1024 * 1024)},
    )
    analysis = analyze([z], Options())
    status = _statuses(analysis)
    assert status["SearchQueries.csv"][0] is FileStatus.FAILED
    assert [e.reason_code for e in analysis.ledger if e.path == "SearchQueries.csv"] == ["ratio"]
    assert status["Profile.csv"][0] is FileStatus.PARSED


def test_member_over_size_limit_fails_alone(make_zip) -> None:
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": SKILLS * 100})
    analysis = analyze([z], Options(max_member_bytes=len(PROFILE) + 10))
    status = _statuses(analysis)
    assert status["Skills.csv"][0] is FileStatus.FAILED
    (skills,) = [e for e in analysis.ledger if e.path == "Skills.csv"]
    assert skills.reason_code == "size" and skills.problems[0].args["limit"] == len(PROFILE) + 10
    assert status["Profile.csv"][0] is FileStatus.PARSED


def test_dotdot_names_are_read_under_their_normalised_name(make_zip, tmp_path: Path) -> None:
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"../../Profile.csv": PROFILE, "/Skills.csv": SKILLS})
    analysis = analyze([z], Options())
    assert {e.path for e in analysis.ledger} == {"Profile.csv", "Skills.csv"}
    assert not (tmp_path.parent / "Profile.csv").exists()
    assert analysis.items.filter(analysis.items["kind"] == "skill")["text"].to_list() == ["Python", "SQL"]


def test_wrapper_folder_is_transparent(make_zip) -> None:
    z = make_zip(
        "export.zip",
        {
            "Complete_LinkedInDataExport_03-09-2026/Profile.csv": PROFILE,
            "Complete_LinkedInDataExport_03-09-2026/Jobs/Saved Jobs.csv": b"Saved Date,Job Url\n",
        },
    )
    src = open_source(z)
    strip_wrapper(src.members, frozenset({"jobs"}))
    assert sorted(m.path for m in src.members) == ["Jobs/Saved Jobs.csv", "Profile.csv"]
    src.close()


def test_real_layout_top_folder_is_kept(make_zip) -> None:
    z = make_zip("jobs-only.zip", {"Jobs/Saved Jobs.csv": b"x", "Jobs/Job Applications.csv": b"y"})
    src = open_source(z)
    strip_wrapper(src.members, frozenset({"jobs"}))
    assert sorted(m.path for m in src.members) == ["Jobs/Job Applications.csv", "Jobs/Saved Jobs.csv"]
    src.close()


def test_folder_input_does_not_follow_symlinks_outside(tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("Name\nSecret\n")
    root = tmp_path / "export"
    root.mkdir()
    (root / "Profile.csv").write_bytes(PROFILE)
    (root / "Skills.csv").symlink_to(outside)
    analysis = analyze([root], Options())
    status = _statuses(analysis)
    assert status["Skills.csv"][0] is FileStatus.FAILED
    assert "outside the folder" in (status["Skills.csv"][1] or "")
    assert "Secret" not in analysis.items["text"].to_list()


def test_basic_and_complete_parts_merge_and_count_duplicates_once(make_zip) -> None:
    basic = make_zip("Basic_LinkedInDataExport_03-08-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": SKILLS})
    complete = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE})
    analysis = analyze([basic, complete], Options())
    assert sorted(e.path for e in analysis.ledger) == ["Profile.csv", "Skills.csv"]
    assert analysis.items.filter(analysis.items["source"] == "Profile.csv").height == 5
    assert analysis.exports[0].export_date.isoformat() == "2026-03-09"
    # The Complete part wins for the duplicated file.
    assert analysis.exports[0].sources[0].name.startswith("Complete")


def test_inputs_are_never_modified(make_zip) -> None:
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE})
    before = z.read_bytes()
    analyze([z], Options())
    assert z.read_bytes() == before


def test_unknown_member_is_listed_not_dropped(make_zip, cli) -> None:
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Mystery_Feature.csv": b"a\n1\n"}
    )
    result = cli("summary", z)
    assert result.exit_code == 0
    assert "not recognized: Mystery_Feature.csv" in result.stdout


def test_a_member_with_an_empty_name_is_listed_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Profile.csv", PROFILE)
        zf.writestr("X", b"x")
    raw = bytearray(path.read_bytes())
    # Rename "X" to "" in the central directory: its name length becomes 0 (a damaged or hostile zip).
    pos = raw.rfind(b"PK\x01\x02")
    raw[pos + 28 : pos + 30] = (0).to_bytes(2, "little")
    del raw[pos + 46 : pos + 47]
    end = raw.rfind(b"PK\x05\x06")
    size = int.from_bytes(raw[end + 12 : end + 16], "little") - 1
    raw[end + 12 : end + 16] = size.to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    analysis = analyze([path], Options())
    status = {e.path: (e.status, e.reason) for e in analysis.ledger}
    assert status["Profile.csv"][0] is FileStatus.PARSED
    assert status[""] == (FileStatus.FAILED, "member name is empty after normalisation")


def test_a_folder_holding_export_zips_reads_each_of_them(tmp_path: Path, make_zip) -> None:
    """A Downloads folder with a LinkedIn zip, a Facebook zip and a stray file: both exports are read."""
    import shutil

    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    samples = Path(__file__).resolve().parent.parent / "sample_exports"
    shutil.copy(samples / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip", downloads)
    shutil.copy(samples / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip", downloads)
    (downloads / "todo.txt").write_text("buy milk\n")
    analysis = analyze([downloads], Options())
    assert set(analysis.contexts) == {"linkedin", "facebook"}
    assert analysis.items.filter(analysis.items["platform"] == "linkedin").height == 87
    unknown = [(e.path, e.status) for e in analysis.ledger if e.platform == "unknown"]
    assert unknown == [("Downloads/todo.txt", FileStatus.UNRECOGNIZED)]
    # The folder is not "not recognised": its exports were read, and what else it holds is said apart.
    said = [n for n in analysis.notes if n.key in {"not_recognised", "beside_exports"}]
    assert [(n.key, n.args["name"], n.args["n"]) for n in said] == [("beside_exports", "Downloads", 1)]


def test_a_half_downloaded_export_zip_in_a_folder_is_a_failed_file_not_an_export(tmp_path: Path) -> None:
    """A Downloads folder with a LinkedIn export and a truncated copy of another (the download cut short): the
    good one is read; the cut one fails with its reason, and its name alone never makes the folder a second
    LinkedIn export (it once did, "of an unknown account")."""
    import json

    from exportscope.summary import build

    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    samples = Path(__file__).resolve().parent.parent / "sample_exports"
    good = samples / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    (downloads / good.name).write_bytes(good.read_bytes())
    cut = downloads / "Complete_LinkedInDataExport_03-10-2026.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    analysis = analyze([downloads], Options())
    assert [e.name for e in analysis.export_entries] == [good.name]
    assert analysis.items.height == 87
    doc = json.loads(json.dumps(build(analysis).to_json()))
    assert [(f["path"], f["code"]) for f in doc["unreadable"]] == [(f"Downloads/{cut.name}", "damaged_zip")]
    assert f"Downloads/{cut.name}" in doc["unrecognized"]
