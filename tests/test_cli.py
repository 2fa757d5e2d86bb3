"""The CLI contract: help and version, exit codes, the summary JSON schema, the core's import hygiene."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from exportscope import __version__
from exportscope.cli import app

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schemas" / "summary.schema.json").read_text())

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Zoé,Exämple,,"1 rue X",Mar 7,Ingénieure 🚀,"[bold]Résumé[/bold]",Software,75001,"Paris, France",,,\n'
).encode()
SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    '2025-07-01 14:33:22,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"Bonjour à tous",,,MEMBER_NETWORK\n'
    '2024-02-01 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,"For my network",,,CONNECTIONS\n'
).encode()


@pytest.fixture
def linkedin_zip(make_zip) -> Path:
    return make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "Shares_1234.csv": SHARES, "Mystery_Feature.csv": b"x\n1\n"},
    )


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"exportscope {__version__}"


def test_every_command_has_help_with_an_example(cli) -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert {"summary", "items", "rules", "inspect"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Example: exportscope" in result.stdout, name
        # Arguments and options are named as people read them, never by a Python type (<list[Path]>, <str>).
        assert not re.search(r"<[a-z][^>]*>|list\[|\bPath\b", result.stdout), (name, result.stdout)
    summary = cli("summary", "--help").stdout
    assert "[PATH]..." in summary and re.search(r"^  PATH\.\.\.  Export", summary, re.M)
    assert "  --facebook-audience public|friends|unknown" in summary
    diff = cli("diff", "--help").stdout
    assert "diff [OPTIONS] OLD NEW" in diff and "--worklist FILE" in diff


def test_help_imports_nothing_heavy() -> None:
    """--help stays instant because the CLI defers polars, textual, pillow and orjson (the time itself is
    measured by benchmarks/run.py, not asserted here)."""
    code = (
        "import sys;"
        "from exportscope.cli import app;"
        "heavy=[m for m in ('polars','textual','PIL','orjson') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"
    shown = subprocess.run(
        [sys.executable, "-m", "exportscope", "--help"], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert "summary" in shown.stdout and "inspect" in shown.stdout


def test_core_never_imports_textual_or_typer() -> None:
    code = (
        "import sys, exportscope, exportscope.pipeline, exportscope.summary, exportscope.report.items,"
        "exportscope.render_text, exportscope.platforms;"
        "exportscope.platforms.all_platforms();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'typer')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_runs_the_cli(linkedin_zip: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "exportscope", "summary", str(linkedin_zip), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert json.loads(out.stdout)["schema"] == "exportscope.summary/1"


def test_summary_json_validates_and_counts(linkedin_zip: Path, cli) -> None:
    result = cli("summary", linkedin_zip, "--json", "--as-of", "2026-11-29")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    (li,) = doc["platforms"]
    assert li["export_date"] == "2026-03-09"
    assert (li["region"], li["region_source"]) == ("eu", "export")
    assert li["policy"]["in_force_since"] == "2025-11-03"
    # Profile: 9 non-empty fields, of which address, birth date and zip code are not used; 2 posts.
    assert li["totals"] == {"training": 8, "conditional": 0, "excluded": 0, "not_used": 3}
    assert li["files"]["unrecognized"] == ["Mystery_Feature.csv"]
    post = next(k for k in li["by_kind"] if k["kind"] == "post")
    assert (post["items"], post["first"], post["last"]) == (2, "2024-02-01T08:00:00Z", "2025-07-01T14:33:22Z")


def test_region_option_and_as_of_override(linkedin_zip: Path, cli) -> None:
    result = cli("summary", linkedin_zip, "--json", "--region", "us", "--as-of", "2024-09-01")
    doc = json.loads(result.stdout)
    (li,) = doc["platforms"]
    assert (li["region"], li["region_source"]) == ("us", "option")
    assert li["totals"]["training"] == 0
    assert li["totals"]["not_used"] == 11


def test_opted_out_keeps_verdicts_and_says_so(linkedin_zip: Path, cli) -> None:
    result = cli("summary", linkedin_zip, "--json", "--opted-out", "linkedin")
    (li,) = json.loads(result.stdout)["platforms"]
    assert li["opted_out"] is True
    assert li["totals"]["training"] == 8
    assert any("training already done is not undone" in n for n in li["notes"])


def test_bad_options_are_exit_2(linkedin_zip: Path, cli) -> None:
    for args in (("--region", "atlantis"), ("--as-of", "yesterday"), ("--opted-out", "myspace")):
        result = cli("summary", linkedin_zip, *args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("exportscope: error: ")
        assert result.stderr.count("\n") == 1


def test_summary_table_escapes_archive_text(make_zip, cli) -> None:
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "[bold]x[/bold].csv": b"a\n"})
    result = cli("summary", z)
    assert result.exit_code == 0
    assert "[bold]x[/bold].csv" in result.stdout


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_items_formats(linkedin_zip: Path, tmp_path: Path, cli, suffix: str) -> None:
    import polars as pl

    out = tmp_path / f"items.{suffix}"
    result = cli("items", linkedin_zip, "-o", out, "--as-of", "2026-11-29")
    assert result.exit_code == 0
    frame = {"csv": pl.read_csv, "jsonl": pl.read_ndjson, "parquet": pl.read_parquet}[suffix](out)
    assert frame.columns == [
        "platform",
        "source",
        "kind",
        "verdict",
        "visibility",
        "timestamp",
        "text",
        "words",
        "rule",
        "note",
        "link",
    ]
    assert frame.height == 11
    posts = frame.filter(pl.col("kind") == "post").sort("text")
    assert posts["visibility"].to_list() == ["public", "network"]
    assert posts["text"].to_list() == ["Bonjour à tous", "For my network"]
    assert list(tmp_path.glob("*.part")) == []


def test_items_csv_neutralises_formulas(make_zip, tmp_path: Path, cli) -> None:
    shares = (
        b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
        b'2025-07-01 14:33:22,https://l/1,"=HYPERLINK(""http://evil"")",,,PUBLIC\n'
        b'2025-07-02 14:33:22,https://l/2,"+1 for this",,,PUBLIC\n'
        b'2025-07-03 14:33:22,https://l/3,"@channel hello",,,PUBLIC\n'
    )
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE, "Shares.csv": shares})
    out = tmp_path / "items.csv"
    assert cli("items", z, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+1 for this" in text and "'@channel hello" in text
    jsonl = tmp_path / "items.jsonl"
    assert cli("items", z, "-o", jsonl).exit_code == 0
    assert '"=HYPERLINK(\\"http://evil\\")"' in jsonl.read_text(encoding="utf-8")


def test_items_unknown_suffix_is_exit_2_before_reading(linkedin_zip: Path, tmp_path: Path, cli) -> None:
    result = cli("items", linkedin_zip, "-o", tmp_path / "items.xlsx")
    assert result.exit_code == 2
    assert "cannot tell the item table format" in result.stderr
    assert not (tmp_path / "items.xlsx").exists()


def test_rules_lists_every_linkedin_rule(cli) -> None:
    from exportscope.rules import load_rules

    result = cli("rules", "linkedin", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [r.id for r in load_rules("linkedin").rules]
    shares = next(r for r in rows if r["id"] == "linkedin.shares")
    assert shares["verdict"] == "training" and "member content" in shares["why"]
    table = cli("rules", "linkedin")
    assert table.exit_code == 0 and "messages" in table.stdout and "linkedin.messages" not in table.stdout


def test_rules_unknown_platform_is_exit_2(cli) -> None:
    result = cli("rules", "myspace")
    assert result.exit_code == 2
    assert "unknown platform" in result.stderr


def test_doctor_shows_names_never_values(make_zip, cli) -> None:
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip",
        {"Profile.csv": PROFILE, "Mystery_Feature.csv": b"secret\nvalue-42\n"},
    )
    result = cli("doctor", z, "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["exports"][0]["platform"] == "linkedin"
    assert report["unrecognized"] == ["Mystery_Feature.csv"]
    assert "Zoé" not in result.stdout and "value-42" not in result.stdout


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "your_facebook_activity/messages/inbox/janedoe_1234567890/message_1.json",
            "your_facebook_activity/messages/inbox/<thread>/message_1.json",
        ),
        ("WhatsApp Chat with Alice Martin.txt", "WhatsApp Chat with <name>.txt"),
        ("Profile.csv", "Profile.csv"),
    ],
)
def test_doctor_anonymises_names_in_paths(path: str, expected: str) -> None:
    from exportscope.doctor import anonymise_path

    assert anonymise_path(path) == expected


def test_inspect_rejects_unusable_input_before_the_ui_starts(tmp_path: Path, make_zip, cli) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"%PDF-1.4")
    for target in (bad, tmp_path / "missing.zip", make_zip("holiday.zip", {"IMG_0001.txt": b"hello"})):
        result = cli("inspect", target)
        assert result.exit_code == 2, target
        assert result.stderr.startswith("exportscope: error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["summary", "items", "report", "doctor"])
def test_demo_reads_the_bundled_samples_from_any_folder(cli, command, tmp_path, monkeypatch) -> None:
    """--demo needs no path and no source folder: the samples are found through the package's data locator."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / ("out.csv" if command == "items" else "out.json")
    args = [command, "--demo"] + (["--json"] if command in ("summary", "doctor") else ["-o", out])
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    if command == "summary":
        platforms = {p["platform"] for p in json.loads(result.stdout)["platforms"]}
        assert {"linkedin", "facebook", "instagram", "threads", "whatsapp"} <= platforms
    elif command != "doctor":
        assert out.stat().st_size > 0


def test_demo_and_a_path_together_is_exit_2(cli, linkedin_zip) -> None:
    result = cli("summary", "--demo", linkedin_zip)
    assert result.exit_code == 2
    assert result.stderr.startswith("exportscope: error: --demo")


def test_the_rule_data_is_found_at_the_top_level_schemas_folder() -> None:
    from exportscope.data import schemas_dir

    assert schemas_dir() == REPO / "schemas"
    assert not (REPO / "exportscope" / "schemas").exists()  # one copy of the rule data, not two


def test_the_version_is_the_packages_version() -> None:
    """``exportscope --version``, the report's and doctor's "made by" line read ``exportscope.version``;
    it must say what ``pyproject.toml`` builds."""
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    assert __version__ == project["version"]
