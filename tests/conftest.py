"""Shared fixtures: building real-shaped zips in a temp folder and running the CLI in-process."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportscope.cli import app

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_exports"


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    """make_zip("name.zip", {"Profile.csv": b"..."}) -> path of a zip holding those members."""

    def _make(name: str, members: dict[str, bytes] | Iterable[tuple[str, bytes]]) -> Path:
        path = tmp_path / name
        pairs = members.items() if isinstance(members, dict) else members
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for member, data in pairs:
                zf.writestr(member, data)
        return path

    return _make


class CliResult:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """cli("summary", path, "--json") runs the CLI in-process and returns exit code, stdout, stderr."""

    def _run(*args: object) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return _run
