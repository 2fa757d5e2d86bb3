"""Outputs go only to regular files (or standard output with ``-o -``), never to an input, and OS errors on
paths are one line with exit code 2 (issue 22, items 1 and 8)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from exportscope import outpath
from exportscope.fsutil import atomic_write
from exportscope.outpath import OutputRefused, check_output

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
LINKEDIN = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"


def one_error_line(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("exportscope: error: ")
    assert "Traceback" not in result.stderr and "Usage" not in result.stderr
    return lines[0]


def no_part_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


def test_a_fifo_given_as_output_is_refused_and_stays_a_fifo(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    line = one_error_line(cli("items", LINKEDIN, "-o", fifo))
    assert "named pipe" in line and str(fifo) in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    no_part_files(tmp_path)


def test_a_socket_given_as_output_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        line = one_error_line(cli("report", LINKEDIN, "-o", path))
        assert "socket" in line
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        sock.close()


def test_a_device_given_as_output_is_refused(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake character device (no root needed): the check looks at the file type, never at the name."""
    fake = tmp_path / "null"
    fake.write_bytes(b"")
    real_lstat = os.lstat

    def lstat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_lstat(path, *args, **kwargs)
        if Path(path) == fake:
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(st)[1:]))
        return st

    monkeypatch.setattr(outpath.os, "lstat", lstat)
    line = one_error_line(cli("items", LINKEDIN, "-o", fake, "--format", "csv"))
    assert "a device, not a regular file" in line
    assert fake.read_bytes() == b""
    no_part_files(tmp_path)


def test_a_symlink_given_as_output_is_refused_and_its_target_kept(cli, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    line = one_error_line(cli("items", LINKEDIN, "-o", link))
    assert "symbolic link" in line
    assert link.is_symlink() and target.read_text() == "keep me"


def test_a_folder_given_as_output_is_refused(cli, tmp_path: Path) -> None:
    folder = tmp_path / "out.md"
    folder.mkdir()
    assert "a folder" in one_error_line(cli("report", LINKEDIN, "-o", folder))
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_the_write_itself_refuses_a_target_that_became_a_pipe(tmp_path: Path) -> None:
    """Checked again just before the rename: a path swapped for a FIFO while the report was written."""
    target = tmp_path / "report.html"
    with pytest.raises(OutputRefused) as caught, atomic_write(target) as fh:
        fh.write(b"<p>personal</p>")
        os.mkfifo(target)
    assert caught.value.code == "fifo"
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    no_part_files(tmp_path)


def test_outputs_inside_or_equal_to_an_input_are_refused(cli, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "whatsapp", folder)
    before = sorted(p.name for p in folder.iterdir())
    assert "inside the input folder" in one_error_line(cli("report", folder, "-o", folder / "r.html"))
    copy = tmp_path / "chat.zip"
    shutil.copy(LINKEDIN, copy)
    assert "one of the inputs" in one_error_line(cli("items", copy, "-o", copy, "--format", "csv"))
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("items", "jsonl"), ("items", "csv"), ("report", "md"), ("report", "json"), ("items", None), ("report", None)],
)
def test_dash_writes_to_standard_output(cli, tmp_path: Path, command: str, fmt: str | None) -> None:
    args = [command, LINKEDIN, "-o", "-", *(["--format", fmt] if fmt else [])]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "to standard output" in result.stderr
    assert not (Path.cwd() / "-").exists()
    out = result.stdout
    if command == "items" and fmt in ("jsonl", None):
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows and {"platform", "kind", "verdict", "text"} <= set(rows[0])
    elif fmt == "csv":
        assert out.startswith("platform,source,kind,verdict")
    elif fmt == "json":
        assert json.loads(out)["schema"].startswith("exportscope.")
    else:
        assert out.startswith("# ")  # the Markdown report's title


def test_dash_refuses_parquet_with_a_reason(cli) -> None:
    line = one_error_line(cli("items", LINKEDIN, "-o", "-", "--format", "parquet"))
    assert "Parquet is a binary format" in line


def test_an_input_name_too_long_is_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    line = one_error_line(cli("summary", tmp_path / ("a" * 300 + ".zip")))
    assert "cannot be read" in line and "too long" in line
    deep = tmp_path.joinpath(*(["d"] * 2100)) / "x.zip"
    assert "too long" in one_error_line(cli("doctor", deep))


def test_an_output_name_too_long_is_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    line = one_error_line(cli("items", LINKEDIN, "-o", tmp_path / ("o" * 300 + ".csv")))
    assert "too long" in line


def _unprivileged() -> list[str]:
    """A command prefix under which file permissions apply (root bypasses them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be exercised")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


@pytest.mark.parametrize("kind", ["file", "folder", "inside"])
def test_an_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    prefix = _unprivileged()
    if kind == "file":
        target = tmp_path / "export.zip"
        shutil.copy(LINKEDIN, target)
        locked, arg = target, target
    else:
        locked = tmp_path / "Downloads"
        locked.mkdir()
        shutil.copy(LINKEDIN, locked / LINKEDIN.name)
        arg = locked if kind == "folder" else locked / LINKEDIN.name
    os.chown(locked, 65534, 65534)  # not ours any more (we may be root without the override capability)
    locked.chmod(0)
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "exportscope", "summary", str(arg)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            timeout=120,
        )
    finally:
        locked.chmod(0o700)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("exportscope: error: "), proc.stderr
    assert "cannot be read" in lines[0] and "ermission denied" in lines[0]


def test_the_check_is_shared_and_speaks_french(tmp_path: Path) -> None:
    fifo = tmp_path / "x.html"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused) as caught:
        check_output(fifo, [])
    assert "tube nommé" in caught.value.text("fr")
    check_output(tmp_path / "new.html", [LINKEDIN])  # a new regular file beside no input: fine
    check_output(Path("-"), [tmp_path])


def test_items_written_to_a_file_are_still_regular_and_private(cli, tmp_path: Path) -> None:
    out = tmp_path / "items.parquet"
    assert cli("items", LINKEDIN, "-o", out).exit_code == 0
    assert stat.S_ISREG(os.lstat(out).st_mode) and pl.read_parquet(out).height > 0


def test_the_terminal_uis_export_never_writes_into_the_input_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``inspect .`` then ``e``, Enter: the dialog proposes the home folder, and a path typed inside the
    input folder is refused with the CLI's words."""
    import asyncio
    import time

    from textual.widgets import Input, Static

    from exportscope.pipeline import Options
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.screens.export import ExportDialog
    from exportscope.tui.widgets.cards import PlatformCard

    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "whatsapp", folder)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(home))
    before = sorted(p.name for p in folder.iterdir())

    async def until(pilot, predicate) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 20
        while not predicate():
            assert time.monotonic() < deadline, "timed out waiting for the UI"
            await pilot.pause(0.02)

    async def run() -> str:
        app = ExportScopeApp([Path(".")], Options())
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: not app.loading and bool(app.screen.query(PlatformCard)))
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
            dialog = app.screen
            path_input = dialog.query_one("#path", Input)
            assert Path(path_input.value).parent == home
            path_input.value = str(folder / "inside.html")
            await pilot.press("enter")
            await pilot.pause()
            refused = str(dialog.query_one("#message", Static).content)
            path_input.value = str(home / "exportscope-report.html")
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, ExportDialog))
            return refused

    refused = asyncio.run(run())
    assert "inside the input folder" in refused
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (home / "exportscope-report.html").is_file()
