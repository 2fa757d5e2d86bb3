"""Privacy guarantees, tested: nothing leaves the machine, inputs stay byte-identical, nothing is written
but the output the user named, and an interrupted write leaves no partial file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Zoé,Exämple,,,,Ingénieure,"Hello",Software,,"Paris, France",,,\n'
).encode()

#: Runs the CLI with every way of opening a network connection replaced by one that raises.
NO_NETWORK = """
import socket, sys
def _deny(*a, **k):
    raise RuntimeError("network access attempted")
class _NoNetSocket(socket.socket):
    connect = connect_ex = sendto = bind = _deny
socket.socket = _NoNetSocket
socket.create_connection = _deny
socket.getaddrinfo = _deny
from exportscope.cli import main
sys.argv = ["exportscope", *sys.argv[1:]]
main()
"""


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def export_zip(make_zip) -> Path:
    return make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Skills.csv": b"Name\nSQL\n"}
    )


def _commands(inp: Path, out: Path) -> list[list[str]]:
    return [
        ["summary", str(inp)],
        ["summary", str(inp), "--json"],
        ["items", str(inp), "-o", str(out / "items.csv")],
        ["items", str(inp), "-o", str(out / "items.jsonl")],
        ["items", str(inp), "-o", str(out / "items.parquet")],
        ["rules", "linkedin"],
        ["doctor", str(inp)],
        ["report", str(inp), "-o", str(out / "report.html")],
        ["report", str(inp), "-o", str(out / "report.md"), "--lang", "fr", "--redact"],
        ["report", str(inp), "-o", str(out / "report.json")],
        ["letter", "linkedin", str(inp), "-o", str(out / "letter.md"), "--lang", "de", "--erase", "--access"],
        ["diff", str(inp), str(inp), "-o", str(out / "diff.json")],
        ["diff", str(inp), str(inp)],
    ]


def test_every_command_runs_without_network_and_writes_only_its_output(export_zip: Path, tmp_path: Path) -> None:
    home, tmp, out = tmp_path / "home", tmp_path / "tmp", tmp_path / "out"
    for d in (home, tmp, out):
        d.mkdir()
    before = hashlib.sha256(export_zip.read_bytes()).hexdigest()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    for args in _commands(export_zip, out):
        proc = subprocess.run(
            [sys.executable, "-c", NO_NETWORK, *args], capture_output=True, text=True, cwd=REPO, env=env
        )
        assert proc.returncode == 0, (args, proc.stderr)
        assert "network access attempted" not in proc.stderr
    # The input is byte-identical, home and temp stay empty, and only the named outputs exist.
    assert hashlib.sha256(export_zip.read_bytes()).hexdigest() == before
    assert list(home.rglob("*")) == []
    assert list(tmp.rglob("*")) == []
    assert sorted(p.name for p in out.iterdir()) == [
        "diff.json",
        "items.csv",
        "items.jsonl",
        "items.parquet",
        "letter.md",
        "report.html",
        "report.json",
        "report.md",
    ]


def test_folder_input_is_unchanged_after_every_command(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    (root / "Profile.csv").write_bytes(PROFILE)
    (root / "Skills.csv").write_bytes(b"Name\nSQL\n")
    before = _tree_digest(root)
    out = tmp_path / "out"
    out.mkdir()
    for args in _commands(root, out):
        proc = subprocess.run([sys.executable, "-m", "exportscope", *args], capture_output=True, cwd=REPO)
        assert proc.returncode == 0, args
    assert _tree_digest(root) == before


def test_interrupted_write_leaves_no_partial_file(export_zip: Path, tmp_path: Path, monkeypatch) -> None:
    import polars as pl

    from exportscope.pipeline import analyze
    from exportscope.report.items import write_items

    analysis = analyze([export_zip])
    out = tmp_path / "out"
    out.mkdir()
    target = out / "items.csv"
    target.write_text("previous run\n")

    def boom(self, file, *a, **k):
        file.write(b"platform,source\nlinkedin,Prof")
        raise KeyboardInterrupt

    monkeypatch.setattr(pl.DataFrame, "write_csv", boom)
    with pytest.raises(KeyboardInterrupt):
        write_items(analysis.items, target)
    assert target.read_text() == "previous run\n"
    assert [p.name for p in out.iterdir()] == ["items.csv"]


#: The terminal UI, driven headless, with the network disabled: load, browse, search, opt-out, findings.
TUI_NO_NETWORK = (
    NO_NETWORK.split("from exportscope.cli import main")[0]
    + """
import asyncio, time
from exportscope.pipeline import Options
from exportscope.tui.app import ExportScopeApp

async def drive():
    app = ExportScopeApp([sys.argv[1]], Options())
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 30
        while app.loading or app.result is None or app.result.findings is None:
            assert time.monotonic() < deadline, "timed out"
            await pilot.pause(0.05)
        assert app.error is None, app.error
        for key in ("b", "slash", "c", "a", "f", "enter", "escape", "escape", "o", "escape", "f", "escape"):
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.press("q")
    print("ok")

asyncio.run(drive())
"""
)


def test_the_terminal_ui_runs_without_network(export_zip: Path, tmp_path: Path) -> None:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    before = hashlib.sha256(export_zip.read_bytes()).hexdigest()
    proc = subprocess.run(
        [sys.executable, "-c", TUI_NO_NETWORK, str(export_zip)], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("ok")
    assert "network access attempted" not in proc.stderr
    assert hashlib.sha256(export_zip.read_bytes()).hexdigest() == before
    assert list(tmp.rglob("*")) == []
    assert list(home.rglob("*")) == []
