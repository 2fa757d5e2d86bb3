"""The Python API (issue 15, part 6): the README's example runs as written, and the calls give what the
commands give, checks included."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import polars as pl
import pytest

import exportscope
from exportscope import Options

ROOT = Path(__file__).resolve().parent.parent
LINKEDIN = ROOT / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
AS_OF = "2026-11-29"


def readme_example() -> str:
    """The first ```python block under the README's "Use it from Python"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it from Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's Python section has no example"
    return match.group(1)


def test_the_readme_example_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(LINKEDIN, tmp_path / LINKEDIN.name)
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    expected = exportscope.summarize(exportscope.analyze(LINKEDIN, Options(region="eu")), findings=False)
    linkedin = expected.platforms[0]
    assert f"{linkedin.label} {linkedin.totals['training']} items used for AI training" in printed
    assert "notes.md: a .md name is for Markdown, not HTML" in printed  # the error the example catches
    report = (tmp_path / "exposure.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and 'lang="fr"' in report
    table = pl.read_parquet(tmp_path / "items.parquet")
    assert table.height == sum(linkedin.totals.values())
    assert not (tmp_path / "notes.md").exists()


def test_the_calls_give_what_the_commands_give(cli, tmp_path: Path) -> None:
    analysis = exportscope.analyze([LINKEDIN], Options(as_of=__import__("datetime").date.fromisoformat(AS_OF)))
    summary = exportscope.summarize(analysis)
    by_cli = json.loads(cli("summary", LINKEDIN, "--json", "--as-of", AS_OF).stdout)
    assert summary.to_json() == by_cli
    assert exportscope.summarize(analysis, findings=False).findings == []
    found = exportscope.find(analysis)
    assert exportscope.summarize(analysis, findings=found).findings == summary.findings
    n = exportscope.write_items(analysis, tmp_path / "i.csv")
    cli("items", LINKEDIN, "-o", tmp_path / "c.csv", "--as-of", AS_OF)
    assert (tmp_path / "i.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()
    assert n == pl.read_csv(tmp_path / "i.csv").height
    written = exportscope.write_report(analysis, tmp_path / "r.md", findings=found)
    cli("report", LINKEDIN, "-o", tmp_path / "c.md", "--as-of", AS_OF)
    assert written.read_bytes() == (tmp_path / "c.md").read_bytes()


def test_the_writers_refuse_what_the_cli_refuses(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    copy = folder / LINKEDIN.name
    shutil.copy(LINKEDIN, copy)
    before = copy.read_bytes()
    with pytest.raises(exportscope.OutputError, match="one of the inputs"):
        exportscope.write_items(exportscope.analyze(copy), copy, "csv")
    analysis = exportscope.analyze(folder)
    with pytest.raises(exportscope.OutputError, match="inside the input folder"):
        exportscope.write_report(analysis, folder / "r.html")
    with pytest.raises(exportscope.FormatError, match="cannot tell the item table format"):
        exportscope.write_items(analysis, tmp_path / "i.xlsx")
    with pytest.raises(exportscope.OptionsError, match="--keep-owner"):
        exportscope.write_report(analysis, tmp_path / "r.html", keep_owner=True)
    with pytest.raises(exportscope.InputError):
        exportscope.analyze(tmp_path / "missing.zip")
    assert copy.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == [LINKEDIN.name]
    for error in (exportscope.InputError, exportscope.OptionsError, exportscope.OutputError, exportscope.FormatError):
        assert issubclass(error, exportscope.ExportscopeError)


def test_the_api_is_documented() -> None:
    for name in ("analyze", "summarize", "find", "write_report", "write_items"):
        doc = getattr(exportscope, name).__doc__
        assert doc and len(doc.split()) > 10, name
    assert set(exportscope.__all__) >= {"analyze", "summarize", "find", "write_report", "write_items",
                                        "ExportscopeError", "InputError", "OptionsError", "OutputError"}  # fmt: skip
