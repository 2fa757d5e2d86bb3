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
