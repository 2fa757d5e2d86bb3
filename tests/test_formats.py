"""One registry of output formats (issue 15, part 5; issue 18's first point): the CLI and the terminal UI's
export dialog choose a format with the same rule, and a name never disagrees with what the file holds."""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from pathlib import Path

import pytest

from exportscope import formats
from exportscope.actions import worklist_out
from exportscope.actions.diff_render import FORMATS as DIFF_FORMATS
from exportscope.actions.letter_render import letter_format_for
from exportscope.errors import ExportscopeError, FormatError, OutputError
from exportscope.formats import FormatRefused
from exportscope.outpath import OutputRefused, check_new_output
from exportscope.report import report_format_for
from exportscope.report.items import format_for as items_format_for

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
LINKEDIN = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"


def refused(family: str, path: str, explicit: str | None = None) -> FormatRefused:
    with pytest.raises(FormatRefused) as info:
        formats.choose(family, path, explicit)
    return info.value


def test_the_suffix_or_the_format_asked_for_chooses() -> None:
    assert formats.choose("report", "r.htm").name == "html"
    assert formats.choose("report", "r.markdown").name == "md"
    assert formats.choose("report", "r.out", "json").name == "json"  # a suffix no report uses: the ask wins
    assert formats.choose("report", "r.MD", "markdown").name == "md"  # an alias, any case
    assert formats.choose("items", "t.ndjson").name == "jsonl"
    assert formats.choose("items", "-").name == "jsonl"  # standard output: the family's default
    assert formats.choose("report", "-").name == "md"
    assert formats.choose("report", "-", "json").name == "json"
    assert formats.choose("letter", "l.txt").name == "txt"
    assert formats.choose("diff", "d.htm").name == "html"


def test_a_name_and_a_format_that_disagree_are_refused() -> None:
    err = refused("report", "x.md", "html")
    assert (err.code, err.fields["named"], err.fields["chosen"], err.fields["wanted"]) == (
        "mismatch", "Markdown", "HTML", ".html",
    )  # fmt: skip
    assert refused("items", "t.csv", "parquet").code == "mismatch"
    assert refused("letter", "l.html", "md").code == "mismatch"
    assert refused("worklist", "w.md", "csv").code == "mismatch"
    # The French words come from the catalogue, the path and the names unchanged.
    assert "x.md" in err.text("fr") and err.text("fr") != err.text("en")


def test_unknown_names_suffixes_and_standard_output() -> None:
    assert refused("report", "r.pdf").code == "suffix"
    assert refused("report", "r.html", "docx").code == "name"
    assert refused("diff", "d.pdf").code == "suffix_only"  # diff has no --format to suggest
    assert refused("worklist", "-", "csv").code == "stdout"
    assert refused("worklist", "-").code == "suffix"
    with pytest.raises(OutputRefused) as info:
        formats.choose("items", "-", "parquet")
    assert info.value.code == "stdout_binary"
    # One family of errors: a script catches ExportscopeError (the CLI: exit 2).
    assert issubclass(FormatRefused, FormatError) and issubclass(FormatError, OutputError)
    assert issubclass(OutputRefused, OutputError) and issubclass(OutputError, ExportscopeError)


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.key)
def test_every_writer_reads_the_registry(fmt: formats.OutputFormat) -> None:
    """Each family's own entry point agrees with the registry on every suffix and name."""
    choose = {
        "report": report_format_for,
        "items": items_format_for,
        "worklist": worklist_out.format_for,
        "letter": letter_format_for,
        "diff": lambda path, explicit=None: DIFF_FORMATS[Path(path).suffix],
    }[fmt.family]
    for suffix in fmt.suffixes:
        assert choose(Path(f"out{suffix}")) == fmt.name
    if fmt.family != "diff":
        for name in fmt.names():
            assert choose(Path(f"out{fmt.suffix}"), name) == fmt.name


def test_the_cli_refuses_html_into_a_md_name_before_reading(cli, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    started = time.perf_counter()
    result = cli("report", LINKEDIN, "-o", out, "--format", "html")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("exportscope: error: ") and len(result.stderr.splitlines()) == 1
    assert "Markdown" in result.stderr and ".html" in result.stderr
    assert not out.exists()
    assert time.perf_counter() - started < 5  # refused before the archive is read
    ok = cli("report", LINKEDIN, "-o", out, "--format", "md", "--as-of", "2026-11-29")
    assert ok.exit_code == 0, ok.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_new_output_check_of_the_terminal_ui(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "chat.txt").write_text("x", encoding="utf-8")
    existing = tmp_path / "old.html"
    existing.write_text("kept", encoding="utf-8")
    codes = {}
    for name, path in {
        "inside": folder / "w.html",
        "exists": existing,
        "no_folder": tmp_path / "missing" / "w.html",
    }.items():
        with pytest.raises(OutputRefused) as info:
            check_new_output(path, [folder])
        codes[name] = info.value.code
    assert codes == {"inside": "inside_input", "exists": "exists", "no_folder": "no_folder"}
    check_new_output(existing, [folder], replace=True)  # asked for: allowed
    check_new_output(tmp_path / "new.html", [folder])


def test_the_export_dialog_follows_the_cli_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 18: "Report, HTML" left selected and ``x.md`` typed: refused in the dialog's language, nothing
    written; the same name with "Report, Markdown" is written as Markdown."""
    from textual.widgets import Input, Select, Static

    from exportscope.pipeline import Options
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.screens.export import ExportDialog
    from exportscope.tui.widgets.cards import PlatformCard

    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "whatsapp", folder)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)

    async def until(pilot, predicate) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 30
        while not predicate():
            assert time.monotonic() < deadline, "timed out waiting for the UI"
            await pilot.pause(0.02)

    async def run() -> tuple[str, str]:
        app = ExportScopeApp([folder], Options(), lang="fr")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: not app.loading and bool(app.screen.query(PlatformCard)))
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
            dialog = app.screen
            assert dialog.query_one("#format", Select).value == "report:html"
            dialog.query_one("#path", Input).value = str(out_dir / "x.md")
            await pilot.press("enter")
            await pilot.pause()
            message = str(dialog.query_one("#message", Static).content)
            dialog.query_one("#format", Select).value = "report:md"
            await pilot.pause()
            path = dialog.query_one("#path", Input).value
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, ExportDialog))
            return message, path

    message, path = asyncio.run(run())
    assert "x.md" in message and "Markdown" in message and ".html" in message
    assert "choisissez" in message  # the catalogue's French, not the English of the exception
    assert path == str(out_dir / "x.md")  # choosing the format kept the typed name
    assert (out_dir / "x.md").read_text(encoding="utf-8").startswith("# ")
    assert sorted(p.name for p in out_dir.iterdir()) == ["x.md"]


@pytest.mark.parametrize("family_name", ["items", "report"])
def test_the_cli_help_lists_what_the_registry_writes(cli, family_name: str) -> None:
    """``items`` and ``report`` say every suffix, name and alias of their family, and what ``-o -`` writes."""
    page = " ".join(cli(family_name, "--help").stdout.split())  # the help wraps; compare its words
    for fmt in formats.family(family_name):
        assert fmt.suffix in page, fmt
        for name in fmt.names():
            assert re.search(rf"[ (]{re.escape(name)}[,.) ]", page), name
    assert f"{formats.STDOUT_DEFAULT[family_name]} for -o -" in page and "- for standard output" in page


def test_the_cli_options_follow_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A format added to the registry is in the options' help with nothing else to change."""
    import inspect
    import typing

    from exportscope.cli.options import writing

    extra = formats.OutputFormat("items", "tsv", "TSV", (".tsv",), ("tab",))
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, extra))

    def command(*, output: Path, fmt: str | None = None) -> None:
        """A command writing items."""

    params = inspect.signature(writing("items")(command)).parameters
    shown = {name: typing.get_args(p.annotation)[1].help for name, p in params.items()}
    assert shown["output"] == "Where to write: .csv, .jsonl, .parquet or .tsv; - for standard output."
    assert shown["fmt"].startswith("csv, jsonl (also ndjson), parquet (also pq) or tsv (also tab). ")
