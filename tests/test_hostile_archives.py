"""Hostile archives (issue 20, and items 7-8 of issue 22): bounded memory and time whatever the zip claims.

Every archive is built at test time (``tests/hostile.py``) and read by the command line in a child process,
whose exit code, failed members' reasons, time and peak memory are asserted. Time is asserted twice: CPU
seconds against the issue's bound (load-independent: this machine's two cores are shared), and wall seconds
against a generous bound that still catches a hang or a run of minutes.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import (
    BOMB_LINE,
    PROFILE_CSV,
    SHARES_HEADER,
    Entry,
    MiB,
    Run,
    chat_lines,
    chat_zip_entry,
    entry,
    facebook_thread,
    measure,
    overlapping_zip,
    padded_ratio_bomb,
    repeated,
    write_zip,
)

from exportscope.archive import open_source

GiB = 1024 * MiB
#: A hang or a run of minutes fails; a slow machine does not (a machine shared with heavy load can raise it).
WALL = float(os.environ.get("EXPORTSCOPE_TEST_WALL_SECONDS", "150"))


def _bounded(run: Run, *, cpu: float = 30.0, memory: int = GiB) -> None:
    assert run.code == 0, run.err
    assert run.cpu < cpu, f"{run.cpu:.1f} s of CPU"
    assert run.wall < WALL, f"{run.wall:.1f} s"
    assert run.peak < memory, f"{run.peak / MiB:.0f} MiB"


def _files(run: Run, platform: str) -> dict[str, object]:
    (p,) = [p for p in run.json()["platforms"] if p["platform"] == platform]
    return p["files"]  # type: ignore[no-any-return]


# --- 1. a budget per run -----------------------------------------------------------------------------------


def test_many_chats_each_under_the_ratio_threshold_stop_at_the_run_budget(tmp_path: Path) -> None:
    """100 chats of 1 MiB at about 1000:1 (the ratio rule never looks under 8 MiB): the run's budget stops
    them, each one past it fails alone with the reason, the ones before are read."""
    data, crc, size = repeated(BOMB_LINE * (MiB // len(BOMB_LINE)), 1)
    z = write_zip(tmp_path / "chats.zip", [Entry(f"WhatsApp Chat with P{i}.txt", data, size, crc) for i in range(100)])
    run = measure("summary", "--json", z)
    _bounded(run)
    files = _files(run, "whatsapp")
    failed = run.failed_codes()
    assert files["total"] == 100
    assert 1 <= files["parsed"] <= 20  # the budget's floor (16 MiB) holds about 15 of them
    assert len(failed) == 100 - files["parsed"]
    assert set(failed.values()) == {"budget"}


def test_the_budget_can_be_overridden_and_what_fits_is_read(tmp_path: Path) -> None:
    """Every inflated byte counts (the sniffed heads too); the chats that fit are read, each one past the
    budget fails alone; an override lets a person read more."""
    from exportscope.pipeline import Options, analyze

    chats = [entry(f"WhatsApp Chat with P{i}.txt", [chat_lines(2000, i * 2000)]) for i in range(4)]
    z = write_zip(tmp_path / "chats.zip", chats)
    total = sum(c.size for c in chats)
    small = analyze([z], Options(max_inflated_bytes=total, workers=1))
    parsed = [e.path for e in small.ledger if e.status == "parsed"]
    failed = [e.reason_code for e in small.ledger if e.status == "failed"]
    assert parsed and failed and len(parsed) + len(failed) == 4
    assert set(failed) == {"budget"}
    big = analyze([z], Options(max_inflated_bytes=total * 4, workers=1))
    assert all(e.status == "parsed" for e in big.ledger)


# --- 2. trust no declared number -------------------------------------------------------------------------


def test_a_central_directory_that_lies_about_the_compressed_size(tmp_path: Path) -> None:
    """A 600 MB chat whose directory claims 1:1 while its stream is about 1000 times smaller: its data would
    run past the end of the zip, so it is refused before a byte is inflated; the other chat is read."""
    data, crc, size = repeated(BOMB_LINE * (MiB // len(BOMB_LINE)), 600)
    liar = Entry("WhatsApp Chat with Liar.txt", data, size, crc, declared_compressed=size)
    z = write_zip(tmp_path / "liar.zip", [entry("WhatsApp Chat with Ok.txt", [chat_lines(50)]), liar])
    run = measure("summary", "--json", z)
    _bounded(run, cpu=20)
    assert run.failed_codes() == {"WhatsApp Chat with Liar.txt": "overlap_directory"}
    assert _files(run, "whatsapp")["parsed"] == 1


def test_the_ratio_is_measured_on_the_compressed_bytes_really_read(tmp_path: Path) -> None:
    """The same lie made plausible (the claimed compressed bytes exist: padding follows the stream): the
    ratio measured while inflating stops it at 8 MiB of output."""
    z = padded_ratio_bomb(tmp_path / "padded.zip")
    run = measure("summary", "--json", z)
    _bounded(run, cpu=20)
    assert run.failed_codes() == {"WhatsApp Chat with Liar.txt": "ratio_stream"}
    assert "250 times" in run.failed()["WhatsApp Chat with Liar.txt"]  # the limit said in the English text


def test_a_member_that_inflates_past_its_declared_size_is_stopped_there(tmp_path: Path) -> None:
    from exportscope.pipeline import Options, analyze

    real = entry("WhatsApp Chat with Grows.txt", [chat_lines(3000)])
    real.size = 10_000  # the directory says 10 kB, the stream holds ten times more
    z = write_zip(tmp_path / "grows.zip", [entry("WhatsApp Chat with Ok.txt", [chat_lines(50)]), real])
    a = analyze([z], Options(workers=1))
    reasons = {e.path: e.reason_code for e in a.ledger}
    assert reasons["WhatsApp Chat with Grows.txt"] == "declared_size"
    assert reasons["WhatsApp Chat with Ok.txt"] is None


def test_overlapping_entries_are_refused_and_the_rest_is_read(tmp_path: Path) -> None:
    """The better zip bomb: 2,000 LinkedIn job-application parts quoting each other's headers and sharing
    one kernel. Each is refused with the reason; the profile beside them is read."""
    kernel = (
        b"Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
        b"Question And Answers\n" + b"1/2/26, 3:04 PM,a@example.com,,Acme,Engineer,,,\n" * 20_000
    )
    names = [f"Jobs/Job Applications_{i}.csv" for i in range(2000)]
    z = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    overlapping_zip(z, names, kernel, [entry("Profile.csv", [PROFILE_CSV])])
    run = measure("summary", "--json", z)
    _bounded(run, cpu=20, memory=512 * MiB)
    failed = run.failed()
    assert sorted(failed) == sorted(names)
    assert set(failed.values()) == {
        "its data overlaps another entry of the zip; skipped as a possible zip bomb (overlapping entries)"
    }
    assert _files(run, "linkedin")["parsed"] == 1


def test_two_entries_sharing_their_data_are_both_refused(tmp_path: Path) -> None:
    """Full overlap: two directory entries pointing at one local header (zipfile reads both)."""
    from exportscope.archive import InputError
    from exportscope.pipeline import analyze

    z = write_zip(tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip", [entry("Profile.csv", [PROFILE_CSV])])
    raw = bytearray(z.read_bytes())
    cd = raw.index(b"PK\x01\x02")
    entry_bytes = bytes(raw[cd : raw.index(b"PK\x05\x06")])
    twin = entry_bytes.replace(b"Profile.csv", b"Profile.csc")
    eocd = bytearray(raw[raw.index(b"PK\x05\x06") :])
    eocd[8:10] = eocd[10:12] = (2).to_bytes(2, "little")
    eocd[12:16] = (2 * len(entry_bytes)).to_bytes(4, "little")
    z.write_bytes(bytes(raw[:cd]) + entry_bytes + twin + bytes(eocd))
    with zipfile.ZipFile(z) as zf:
        assert len(zf.infolist()) == 2
    src = open_source(z)
    assert not src.members
    assert {p for p, _ in src.problems} == {"Profile.csv", "Profile.csc"}
    src.close()
    with pytest.raises(InputError, match=r"empty|nothing recognizable"):
        analyze([z])


def test_nested_zips_stop_at_the_depth_limit(tmp_path: Path) -> None:
    from exportscope.archive import MemberError
    from exportscope.nested import open_nested_zip
    from exportscope.zipread import MAX_NESTED_DEPTH

    inner = chat_zip_entry("x", chat_lines(5))
    for _ in range(MAX_NESTED_DEPTH + 1):
        level = tmp_path / "level.zip"
        with zipfile.ZipFile(level, "w") as zf:
            zf.writestr("WhatsApp Chat - Deep.zip", inner)
        inner = level.read_bytes()
    src = open_source(level)
    for depth in range(MAX_NESTED_DEPTH + 1):
        (member,) = [m for m in src.members if m.suffix == ".zip"]
        if depth == MAX_NESTED_DEPTH:
            with pytest.raises(MemberError, match=f"nested more than {MAX_NESTED_DEPTH} levels"):
                open_nested_zip(member)
        else:
            src = open_nested_zip(member)


# --- issue 22, item 7: budgets that don't punish the innocent ---------------------------------------------


def test_an_oversized_nested_chat_zip_does_not_make_its_siblings_fail(tmp_path: Path) -> None:
    """A zip of chat zips: one declares 500 MB (too big to hold in memory), two valid chats of 10 MB (their
    photos) beside it. The big one fails with its reason and charges nothing; both valid ones are read."""
    bomb, crc, size = repeated(b"\0" * MiB, 500)
    chats = [
        Entry(
            f"WhatsApp Chat - {who}.zip",
            data := chat_zip_entry(who, chat_lines(20), {"IMG-20250613-WA0001.jpg": os.urandom(10 * MiB)}),
            len(data),
            __import__("zlib").crc32(data),
            method=0,
        )
        for who in ("Ana", "Bo")
    ]
    z = write_zip(tmp_path / "all chats.zip", [Entry("WhatsApp Chat - Big.zip", bomb, size, crc), *chats])
    run = measure("summary", "--json", z)
    _bounded(run, cpu=20)
    failed = run.failed()
    assert list(failed) == ["WhatsApp Chat - Big.zip"]
    assert "a zip inside a zip larger than" in failed["WhatsApp Chat - Big.zip"]
    threads = {p["platform"]: p for p in run.json()["platforms"]}["whatsapp"]
    assert threads["files"]["parsed"] == 2


def test_a_ratio_bomb_chat_is_failed_with_its_reason_not_unrecognized(tmp_path: Path) -> None:
    bomb = entry("WhatsApp Chat with Bomb.txt", [BOMB_LINE * (40 * MiB // len(BOMB_LINE))])
    z = write_zip(tmp_path / "chats.zip", [entry("WhatsApp Chat with Ok.txt", [chat_lines(50)]), bomb])
    run = measure("summary", "--json", z)
    _bounded(run, cpu=20)
    files = _files(run, "whatsapp")
    assert files["unrecognized"] == []
    assert run.failed_codes()["WhatsApp Chat with Bomb.txt"] == "ratio"


# --- 4. linear in the number of members -------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_thousand_chats_in_one_zip_read_in_linear_time(tmp_path: Path) -> None:
    line = "13/06/2025, 10:00 - Ana: IMG-20250613-WA{:05d}.jpg (file attached)\n13/06/2025, 10:01 - Bo: ok\n"
    entries = [entry(f"WhatsApp Chat with P{i}.txt", [line.format(i).encode()]) for i in range(20_000)]
    z = write_zip(tmp_path / "chats.zip", entries)
    run = measure("summary", "--json", z)  # findings included, as the issue ran it
    # About 15 s of CPU for both processes and 160 MiB under a load of 20 (quadratic sizing took minutes);
    # the 10 s is measured by benchmarks/hostile.py.
    _bounded(run, cpu=30, memory=512 * MiB)
    files = _files(run, "whatsapp")
    assert files["parsed"] == 20_000 and not run.failed()


@pytest.mark.slow
def test_three_hundred_thousand_tiny_members(tmp_path: Path) -> None:
    tiny = entry("x", [b"x"])
    members = [entry("Profile.csv", [PROFILE_CSV])]
    members += [Entry(f"misc/{i:06d}.bin", tiny.data, tiny.size, tiny.crc) for i in range(300_000)]
    z = write_zip(tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip", members)
    run = measure("summary", "--json", "--no-findings", z)
    _bounded(run)
    files = _files(run, "linkedin")
    assert files["parsed"] == 1 and len(files["unrecognized"]) == 300_000


# --- 5. only regular files --------------------------------------------------------------------------------


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path must fit in about 100 bytes."""
    with tempfile.TemporaryDirectory(prefix="es") as d:
        yield Path(d)


def test_special_files_in_a_folder_are_listed_as_skipped_never_opened(short_dir: Path) -> None:
    folder = short_dir / "chats"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ok.txt").write_bytes(chat_lines(20))
    os.mkfifo(folder / "WhatsApp Chat with Pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "WhatsApp Chat with Socket.txt"))
    expected = {
        "WhatsApp Chat with Pipe.txt": "not a regular file (a named pipe (FIFO)); skipped, never opened",
        "WhatsApp Chat with Socket.txt": "not a regular file (a socket); skipped, never opened",
    }
    try:
        os.mknod(folder / "WhatsApp Chat with Device.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        expected["WhatsApp Chat with Device.txt"] = "not a regular file (a device); skipped, never opened"
    except (PermissionError, OSError):
        pass  # not root: the FIFO and the socket still show the rule
    try:
        run = measure("summary", "--json", folder, timeout=WALL)  # a FIFO opened for reading would hang here
    finally:
        sock.close()
    _bounded(run, cpu=15, memory=512 * MiB)
    assert run.failed() == expected
    assert _files(run, "whatsapp")["parsed"] == 1


def test_a_fifo_given_as_input_is_one_line_and_exit_2(short_dir: Path) -> None:
    fifo = short_dir / "WhatsApp Chat with X.txt"
    os.mkfifo(fifo)
    run = measure("summary", fifo, timeout=WALL)
    assert run.code == 2
    assert (
        run.err == f"exportscope: error: {fifo}: not a regular file (a named pipe (FIFO)); skipped, never opened; "
        "give the export's .zip or its folder\n"
    )


def test_a_file_that_grows_while_read_is_read_up_to_the_size_it_had(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Ana.txt"
    chat.write_bytes(chat_lines(10))
    src = open_source(tmp_path)
    (member,) = src.members
    with chat.open("ab") as fh:
        fh.write(chat_lines(10, 10))  # a download still being written
    assert member.read_bytes() == chat_lines(10)


# --- 3. memory that does not grow with one member's size --------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_csv_field_stays_under_512_mib(tmp_path: Path) -> None:
    import base64

    folder = tmp_path / "linkedin"
    folder.mkdir()
    (folder / "Profile.csv").write_bytes(PROFILE_CSV)
    field = base64.b64encode(os.urandom(38 * MiB))[: 50 * MiB]
    (folder / "Shares.csv").write_bytes(
        SHARES_HEADER
        + b'2025-01-01 10:00:00,https://x,"'
        + field
        + b'",,,MEMBER_NETWORK\n2025-01-02 10:00:00,https://y,"a short one",,,MEMBER_NETWORK\n'
    )
    run = measure("summary", "--json", folder)
    _bounded(run, cpu=20, memory=512 * MiB)
    files = _files(run, "linkedin")
    assert files["parsed"] == 2 and not run.failed()
    report = measure("report", folder, "-o", tmp_path / "report.html")
    _bounded(report, cpu=20, memory=512 * MiB)


@pytest.mark.slow
def test_a_big_facebook_thread_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """A 200 MiB thread part (under the 256 MiB cap a Meta JSON file may have) parsed whole took about six
    times its size; read a piece at a time, memory follows the items' text, not the parsed file."""
    n = facebook_thread(tmp_path / "facebook", 200)
    run = measure("summary", "--json", "--no-findings", tmp_path / "facebook")
    _bounded(run, cpu=60)  # about 820 MiB here (1.24 GiB parsed whole), most of it the 930,000 items after reading
    read = {r["path"]: r["items"] for r in _files(run, "facebook")["read"]}  # type: ignore[attr-defined]
    assert read["your_facebook_activity/messages/inbox/ana_1/message_1.json"] == n and not run.failed()


@pytest.mark.slow
def test_a_500_mb_chat_message_stays_under_512_mib(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Long.txt"
    line = b"and the story goes on and on with more words than anybody could ever want to read in one go\n"
    with chat.open("wb") as fh:
        fh.write(chat_lines(10))
        fh.write(b"13/06/2025, 11:00 - Ana: here it starts\n")
        block = line * (MiB // len(line))
        for _ in range(500):
            fh.write(block)
        fh.write(chat_lines(10, 100))
    run = measure("summary", "--json", "--no-findings", chat)
    _bounded(run, cpu=20, memory=512 * MiB)
    assert _files(run, "whatsapp")["parsed"] == 1
    assert sum(run.json()["platforms"][0]["totals"].values()) == 21


def test_an_overlong_chat_message_or_line_is_kept_to_its_beginning_and_said(tmp_path: Path) -> None:
    from exportscope.pipeline import Options, analyze

    chat = tmp_path / "WhatsApp Chat with Long.txt"
    many_lines = b"13/06/2025, 11:00 - Ana: start\n" + b"more words on another line\n" * 60_000
    one_line = b"13/06/2025, 11:05 - Bo: " + b"x" * (3 * MiB) + b"\n"
    chat.write_bytes(chat_lines(5) + many_lines + one_line + chat_lines(5, 100))
    a = analyze([chat], Options(workers=1))
    (entry_,) = a.ledger
    assert entry_.status == "parsed"
    assert [(p.code, p.args) for p in entry_.problems] == [
        ("lines_cut", {"n": 1, "limit": 1_048_576}),
        ("messages_cut", {"n": 1, "limit": 1_048_576}),
    ]
    texts = a.items["text"].to_list()
    assert len(texts) == 12
    assert max(len(t) for t in texts) <= MiB
    assert texts[-1].endswith("noon 104")  # the messages after the long ones are all there


@pytest.mark.slow
def test_a_two_million_line_chat_with_findings_stays_bounded(tmp_path: Path) -> None:
    """The issue's case as it is: 2,000,000 lines, findings included (about 760 MiB and 40 s of CPU on this
    machine under a load of 20; the issue's 30 s is measured by ``benchmarks/hostile.py``, not here)."""
    chat = tmp_path / "WhatsApp Chat with Many.txt"
    block = chat_lines(1000)
    chat.write_bytes(block * 2000)
    run = measure("summary", "--json", chat)
    _bounded(run, cpu=120)
    assert _files(run, "whatsapp")["parsed"] == 1
    assert sum(run.json()["platforms"][0]["totals"].values()) == 2_000_000


def test_the_helpers_measure_a_child_process() -> None:
    """The bounds above mean something: a child that allocates 300 MiB is seen at 300 MiB or more."""
    code = "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    p = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, subprocess, sys; subprocess.run([sys.executable, '-c', sys.argv[1]]);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
            code,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(p.stdout) * 1024 >= 300 * MiB
