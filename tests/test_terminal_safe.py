"""Nothing from an archive or a path reaches a terminal raw (issue 22, item 3): escape sequences, C1
controls, newlines and bidi overrides in file names are shown as visible escapes in every line the CLI,
``doctor`` and the terminal UI print, and bidi overrides are neutralised in the HTML and Markdown reports."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from exportscope.termsafe import json_safe, neutralise_bidi, safe, safe_block

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
LINKEDIN = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
#: Retitle the terminal, then clear it.
TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J"
RLO = "\u202e"
#: Looks like a photo, is a spreadsheet named ...exe.csv.
RLO_NAME = f"invoice{RLO}gpj.exe.csv"
#: A member name that would start a fake line of output.
FAKE_LINE = "notes.txt\n  all files read, nothing failed"
RAW = ("\x1b", "\x07", "\x9b", RLO, "\u2066", "\u2028")


def assert_clean(text: str) -> None:
    for ch in RAW:
        assert ch not in text, repr(ch)


def test_safe_shows_every_dangerous_character_as_an_escape() -> None:
    assert safe(TITLE_AND_CLEAR) == "\\x1b]0;pwned\\x07\\x1b[2J"
    assert safe("a\nb\r\tc\x7f\x9bd") == "a\\nb\\r\\tc\\x7f\\x9bd"
    assert safe(RLO_NAME) == "invoice\\u202egpj.exe.csv"
    assert safe("\u2066x\u2069 \u202a \u2028") == "\\u2066x\\u2069 \\u202a \\u2028"
    assert safe("Zoé 🚀 ∑ محمد") == "Zoé 🚀 ∑ محمد"  # ordinary text, any script, is untouched
    assert safe_block("a\tb\nc\x1b") == "a\tb\nc\\x1b"
    assert neutralise_bidi(f"a{RLO}b\nc\x1b") == "a\\u202eb\nc\x1b"


def test_json_on_standard_output_is_the_same_document_without_raw_controls() -> None:
    import orjson

    doc = {"path": f"{RLO_NAME}\x9b\u2028\x7f{TITLE_AND_CLEAR}"}
    out = json_safe(orjson.dumps(doc))
    assert_clean(out.decode())
    assert "\x7f" not in out.decode()
    assert json.loads(out) == doc


def test_an_error_line_never_carries_a_file_names_escapes(cli, tmp_path: Path) -> None:
    result = cli("summary", tmp_path / f"export{TITLE_AND_CLEAR}\nfake line.zip")
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert len(result.stderr.splitlines()) == 1
    assert "\\x1b]0;pwned\\x07" in result.stderr and "\\nfake line" in result.stderr


@pytest.fixture
def hostile_zip(make_zip) -> Path:
    """A real LinkedIn export with three hostile unrecognised members added."""
    import zipfile

    with zipfile.ZipFile(LINKEDIN) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    members[f"Extra{TITLE_AND_CLEAR}.csv"] = b"a\n1\n"
    members[RLO_NAME] = b"a\n1\n"
    members[FAKE_LINE] = b"x"
    return make_zip("Complete_LinkedInDataExport_03-09-2026.zip", members)


def test_summary_and_doctor_show_hostile_names_as_escapes(cli, hostile_zip: Path) -> None:
    for command in ("summary", "doctor"):
        result = cli(command, hostile_zip)
        assert result.exit_code == 0, result.stderr
        assert_clean(result.stdout)
        assert "\\u202e" in result.stdout
        assert not any(line.lstrip().startswith("all files read") for line in result.stdout.splitlines())
        assert "notes.txt\\n  all files read" in result.stdout
    for command in ("summary", "doctor"):
        result = cli(command, hostile_zip, "--json")
        assert_clean(result.stdout)
        text = json.dumps(json.loads(result.stdout), ensure_ascii=False)
        assert RLO_NAME in text  # the JSON still holds the real name, only escaped


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_reports_neutralise_bidi_overrides(cli, hostile_zip: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert cli("report", hostile_zip, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert RLO not in text and "\x1b" not in text
    assert "invoice\\u202egpj.exe.csv" in text.replace("\\\\", "\\")


def test_the_terminal_ui_header_and_cards_show_names_escaped(hostile_zip: Path) -> None:
    from exportscope.pipeline import Options
    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.widgets.cards import PlatformCard

    named = hostile_zip.with_name(f"Complete{TITLE_AND_CLEAR}{RLO}.zip")
    hostile_zip.rename(named)

    async def run() -> tuple[str, str, str]:
        app = ExportScopeApp([named], Options())
        async with app.run_test(size=(160, 50)) as pilot:
            for _ in range(500):
                await pilot.pause(0.02)
                if not app.loading and app.screen.query(PlatformCard):
                    break
            cards = " ".join(str(c.render()) for c in app.screen.query(PlatformCard))
            status = " ".join(str(w.render()) for w in app.screen.query("#status"))
            return app.sub_title, cards, status

    sub_title, cards, status = asyncio.run(run())
    for shown in (sub_title, cards, status):
        assert_clean(shown)
    assert "\\x1b]0;pwned" in sub_title and "\\u202e" in sub_title


def test_dash_output_on_a_terminal_escapes_controls_but_not_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import os
    import select
    import sys

    from exportscope.fsutil import open_output

    document = f"# Report\n| {RLO_NAME} | {TITLE_AND_CLEAR} |\n\tindented\n".encode()
    master, slave = os.openpty()
    try:
        with open(slave, "wb", buffering=0, closefd=False) as tty:
            monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(tty))
            with open_output("-") as fh:
                fh.write(document[:9])  # a write boundary inside the document: decoded as one stream
                fh.write(document[9:])
        chunks = []
        while select.select([master], [], [], 0.2)[0]:
            chunks.append(os.read(master, 4096))
        shown = b"".join(chunks).decode()
    finally:
        os.close(master)
        os.close(slave)
    assert_clean(shown)
    assert "invoice\\u202egpj.exe.csv" in shown and "\\x1b]0;pwned\\x07" in shown
    piped = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(piped))
    with open_output("-") as fh:
        fh.write(document)
    assert piped.getvalue() == document  # to a pipe or a file: the exact bytes
