"""The benchmark script keeps working: a small-scale run end to end (it asserts nothing about time)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_script_runs_at_small_scale(tmp_path: Path, capsys) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import run
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    rows = run.main(["--scales", "S", "--media", "0", "--out", str(tmp_path)])
    assert [r["command"] for r in rows] == ["summary --json", "items -o x.parquet"]
    assert all(int(r["items"]) > 1000 for r in rows)
    printed = capsys.readouterr().out
    assert "| scale |" in printed and "exportscope --help:" in printed


def test_meta_messages_benchmark_runs_small_and_opens_no_media() -> None:
    import subprocess

    out = subprocess.run(
        [sys.executable, "benchmarks/meta_messages.py", "--threads", "4", "--messages", "25"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr  # it exits 1 if a media body was opened or a count is off
    assert "items 101;" in out.stdout and "media opened 0" in out.stdout


def test_whatsapp_chat_benchmark_runs_small() -> None:
    import subprocess

    out = subprocess.run(
        [sys.executable, "benchmarks/whatsapp_chat.py", "--lines", "2000"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "parse " in out.stdout and "analyze " in out.stdout


def test_hostile_benchmark_runs_small() -> None:
    import subprocess

    out = subprocess.run(
        [sys.executable, "benchmarks/hostile.py", "--scale", "0.01",
         "--case", "20,000 chats in one zip", "--case", "250 MiB Facebook thread, findings"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    table = [[c.strip() for c in line.split("|")[1:-1]] for line in out.stdout.splitlines()[2:]]
    assert [(r[0], r[1], r[3]) for r in table] == [
        ("20,000 chats in one zip", "0", "0"),
        ("250 MiB Facebook thread, findings", "0", "0"),
    ]  # exit 0, nothing failed
    assert table[0][2] == "400"  # a hundredth of the case: 200 chats of two messages, every one read


def test_ab_benchmark_alternates_two_checkouts() -> None:
    """Both sides run (here the same checkout twice) and get a row each; a missing command is refused."""
    import subprocess

    sample = REPO / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    out = subprocess.run(
        [sys.executable, "benchmarks/ab.py", "--rounds", "2", ".", ".", "--", "summary", "--json", str(sample)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = [line for line in out.stdout.splitlines() if line.startswith(f"| {REPO} |")]
    assert len(rows) == 2
    refused = subprocess.run(
        [sys.executable, "benchmarks/ab.py", ".", "."], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert refused.returncode == 2


def test_ab_benchmark_compares_two_inputs_of_one_checkout() -> None:
    """``--replace`` runs the second side on another input (here a bigger sample): it is the one run there,
    and the ratio of the two is printed."""
    import subprocess

    small = REPO / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    out = subprocess.run(
        [sys.executable, "benchmarks/ab.py", "--rounds", "2", "--replace", "linkedin-2026", "facebook-2025", ".", ".",
         "--", "summary", "--json", str(small.parent)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"second side: summary --json {REPO / 'sample_exports' / 'facebook-2025'}" in out.stdout
    assert "second side over first: best " in out.stdout


def test_ctrl_c_fuzz_runs_small_and_judges_endings() -> None:
    """A few rounds on a sample end right; and the judge tells a lost stop (0 with fewer items) from a stop."""
    import subprocess

    sample = REPO / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    out = subprocess.run(
        [sys.executable, "benchmarks/ctrlc_fuzz.py", "--rounds", "3", "--max-delay", "0.6", "--seed", "1", str(sample)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 rounds of items, 87 items each" in out.stdout and "wrong 0" in out.stdout
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import ctrlc_fuzz
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    stopped = "exportscope: error: interrupted by SIGINT\n"
    assert ctrlc_fuzz.verdict(130, stopped, 87) is None
    assert ctrlc_fuzz.verdict(0, "exportscope: wrote 87 items to x.parquet\n", 87) is None
    assert ctrlc_fuzz.verdict(0, "^Cexportscope: wrote 86 items to x.parquet\n", 87) == "ended 0 with 86 items of 87"
    assert ctrlc_fuzz.verdict(130, "Traceback (most recent call last):\n" + stopped, 87) is not None
    assert ctrlc_fuzz.verdict(1, "exportscope: error: internal error\n", 87) == "exit code 1"
    assert ctrlc_fuzz.verdict(0, "Exception in thread x:\nKeyboardInterrupt\n", None) == "ended 0 with more said"
