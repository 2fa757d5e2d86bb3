"""Start-up stays light: help never loads the heavy libraries (issue 19: ``--help`` under 0.3 s).

Not timed (the machine may be shared): each case runs the CLI in a fresh interpreter and lists which of the
heavy modules ended up in ``sys.modules``. polars alone costs ~0.3 s to import, textual and pillow more;
pydantic is what typer 0.29 loads to validate parameters, needless for a help page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("polars", "textual", "PIL", "orjson", "pydantic", "rich", "phonenumbers")
PROBE = """
import atexit, json, sys
args, heavy = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
loaded = lambda: sorted({m.split(".")[0] for m in sys.modules} & heavy)
atexit.register(lambda: sys.stderr.write("LOADED " + json.dumps(loaded()) + "\\n"))
sys.argv = ["exportscope", *args]
from exportscope.cli import main
main()
"""


def _loaded(*args: str) -> tuple[str, list[str]]:
    """(stdout, the heavy modules loaded) of ``exportscope *args`` in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args)), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED "))
    return proc.stdout, json.loads(line.removeprefix("LOADED "))


@pytest.mark.parametrize(
    "args", [["--help"], ["summary", "--help"], ["items", "--help"], ["inspect", "--help"], ["report", "--help"]]
)
def test_help_loads_no_heavy_library(args: list[str]) -> None:
    out, loaded = _loaded(*args)
    assert "Usage" in out  # the help was printed
    assert loaded == []


def test_a_command_loads_what_it_needs() -> None:
    # The probe itself: a real command does load polars (so the empty lists above mean something).
    sample = ROOT / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    out, loaded = _loaded("summary", str(sample), "--json")
    assert json.loads(out)["platforms"]
    assert "polars" in loaded and "textual" not in loaded


def test_a_command_with_arguments_converts_them_without_pydantic(tmp_path: Path) -> None:
    # Paths, strings, lists and choices are converted as typer converts them, without the pydantic adapters
    # typer builds by default (about 0.1 s of every command).
    sample = ROOT / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    args = ["--region", "france", "--opted-out", "linkedin", "--facebook-audience", "public", "--as-of", "2026-06-01"]
    out, loaded = _loaded("summary", str(sample), "--json", *args)
    doc = json.loads(out)
    assert doc["as_of"] == "2026-06-01" and doc["platforms"][0]["region"] == "eu"
    assert "pydantic" not in loaded
    _, loaded = _loaded("items", str(sample), "-o", str(tmp_path / "items.csv"))
    assert (tmp_path / "items.csv").stat().st_size > 0
    assert "pydantic" not in loaded
