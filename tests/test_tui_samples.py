"""The terminal UI on the bundled samples (real readers, real formats): export through the dialog with the
CLI's writers, the findings screen, French, and ``exportscope inspect --lang``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Select

from exportscope.pipeline import Options
from exportscope.samples import demo, samples_dir
from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.browser import BrowserScreen
from exportscope.tui.screens.export import ExportDialog
from exportscope.tui.screens.findings import FindingsScreen
from exportscope.tui.screens.help import HelpScreen
from exportscope.tui.screens.optout import OptOutPanel
from exportscope.tui.widgets.cards import PlatformCard
from exportscope.tui.widgets.item_table import ItemTable
from tests import tui_archive
from tests.conftest import CliResult
from tests.test_tui import aio, loaded, screen_text, wait_for

AS_OF = "2026-11-29"
OPTIONS = Options(as_of=tui_archive.AS_OF)
DEMO = demo()
META_WHATSAPP = [rel for rel in DEMO if not rel.startswith(("linkedin", "x-"))]


def sample_paths(rels: list[str] | tuple[str, ...] = DEMO) -> list[Path]:
    return [samples_dir() / rel for rel in rels]


async def _export(app: ExportScopeApp, pilot: Any, fmt: str, target: Path, redact: bool = False) -> None:
    """Open the dialog, choose a format, type the path, tick redact if asked, press Export, wait for it."""
    await loaded(pilot)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
    dialog = app.screen
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause()
    dialog.query_one("#path").value = str(target)
    if redact:
        await pilot.click("#redact")
        await pilot.pause()
        assert dialog.query_one("#redact").value
    await pilot.click("#export")
    await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))


@aio
async def test_export_html_report_is_the_cli_report(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """The dialog calls exportscope.report.write_report: byte for byte what ``exportscope report`` writes."""
    paths = sample_paths()
    target = tmp_path / "exposure.html"
    app = ExportScopeApp(paths, OPTIONS, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _export(app, pilot, "report:html", target)
        assert [n.message for n in app._notifications] == [f"Report saved to {target}"]
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>What your data export exposes to AI training</title>" in html
    for label in ("LinkedIn", "Facebook", "Instagram", "Threads", "WhatsApp"):
        assert f">{label}" in html
    assert "203.0.113.7" in html  # the upload IP found in the Facebook sample
    assert "<Media omitted>" not in html  # archive text is escaped in HTML
    by_cli = tmp_path / "cli.html"
    result = cli("report", *paths, "-o", by_cli, "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == by_cli.read_bytes()


@aio
async def test_export_markdown_report_in_french_redacted(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """The app's language and the redact box reach the writer: the same bytes as ``--lang fr --redact``."""
    paths = sample_paths(META_WHATSAPP)
    target = tmp_path / "exposition.md"
    app = ExportScopeApp(paths, OPTIONS, export_dir=tmp_path, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await _export(app, pilot, "report:md", target, redact=True)
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Ce que votre export de données expose à l'entraînement de l'IA")
    assert "Caviardé" in md
    assert "What can I cook with leeks" not in md  # a message to Meta AI: its text is hidden when redacted
    by_cli = tmp_path / "cli.md"
    result = cli("report", *paths, "-o", by_cli, "--as-of", AS_OF, "--lang", "fr", "--redact")
    assert result.exit_code == 0, result.stderr
    assert md == by_cli.read_text(encoding="utf-8")


@aio
async def test_export_redacted_items_is_the_cli_items_redact(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """The dialog's Redact box reaches the item writer: the same bytes as ``items --redact``."""
    paths = sample_paths()
    target = tmp_path / "items.csv"
    app = ExportScopeApp(paths, OPTIONS, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _export(app, pilot, "items:csv", target, redact=True)
    by_cli = tmp_path / "cli.csv"
    result = cli("items", *paths, "-o", by_cli, "--as-of", AS_OF, "--redact")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == by_cli.read_bytes()
    assert "Ben Sample" not in target.read_text(encoding="utf-8")


@aio
async def test_redact_applies_to_reports_and_item_tables(tmp_path: Path) -> None:
    app = ExportScopeApp(sample_paths(), OPTIONS, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert [str(o[0]) for o in dialog.query_one("#format", Select)._options] == [
            "Report, HTML", "Report, Markdown", "Report, JSON",
            "All items, CSV", "All items, JSON lines", "All items, Parquet",
        ]  # fmt: skip
        assert not dialog.query_one("#redact").disabled
        dialog.query_one("#format", Select).value = "items:parquet"
        await pilot.pause()
        assert not dialog.query_one("#redact").disabled  # items --redact: the same masking
        assert dialog.query_one("#path").value == str(tmp_path / "exportscope-items.parquet")


@aio
async def test_findings_screen_lists_the_meta_samples_findings() -> None:
    app = ExportScopeApp(sample_paths(META_WHATSAPP), OPTIONS)
    async with app.run_test(size=(120, 60)) as pilot:
        await loaded(pilot)
        text = screen_text(app)
        assert "⚠ Findings: 2 GPS · 1 upload IP · 3 EXIF GPS · 6 EXIF camera (f shows them)" in text
        assert "⚠ Findings: 1 GPS · 3 EXIF GPS · 11 EXIF camera (f shows them)" in text  # Instagram
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
        text = screen_text(app)
        lines = [line.strip(" │") for line in text.splitlines()]
        assert "⚠ GPS coordinates in photo and post metadata · Facebook · 2 distinct values in 2 items" in lines
        assert "38.69750, -9.20320  (in 1 item; recorded with the place “Pastéis de Belém”)" in lines
        assert "⚠ IP addresses recorded with uploads · Facebook · 1 value in 1 item" in lines
        assert "203.0.113.7  (in 1 item; recorded by the platform with the upload)" in lines
        assert "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json row 2" in lines
        assert "⚠ Photos in the archive naming the camera or phone (EXIF) · Facebook · 1 value in 6 items" in lines
        assert "1 of them in a photo sent in a private message, which is not used for AI training." in lines
        assert "Example Phone 7  (in 6 items)" in lines
        assert not any("exif_data" in line for line in lines)
        assert "your_facebook_activity/posts/media/VacancesLisbonne_123/111_n_1.jpg" in lines
        await pilot.press("escape")
        assert not isinstance(app.screen, FindingsScreen)


@aio
async def test_findings_come_after_the_dashboard_and_fill_the_open_screen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A slow findings search never holds up the dashboard; the screen says it is looking, then fills in."""
    release, started = threading.Event(), threading.Event()
    found = [{"type": "email", "platform": "linkedin", "count": 1, "distinct": 1,
              "examples": [{"value": "ada@example.org", "source": "Shares.csv", "row": 3}]}]  # fmt: skip

    def slow(analysis: Any, cancel: threading.Event | None = None) -> list[dict[str, Any]]:
        started.set()
        release.wait(10)
        return found

    monkeypatch.setattr("exportscope.tui.loader.find_findings", slow)
    app = ExportScopeApp([tui_archive.build(tmp_path)], OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.loading and bool(app.screen.query(PlatformCard)))
        await wait_for(pilot, started.is_set)
        app.screen.query_one("#cards").scroll_end(animate=False)  # the to-do list tops the dashboard
        await pilot.pause()
        assert "Findings: still looking…" in screen_text(app)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
        assert "Still looking for personal data in the archive…" in screen_text(app)
        release.set()
        await wait_for(pilot, lambda: "ada@example.org" in screen_text(app))
        assert "⚠ E-mail addresses in training-eligible text · LinkedIn · 1 value in 1 item" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#cards").scroll_end(animate=False)
        await pilot.pause()
        assert "⚠ Findings: 1 e-mail (f shows them)" in screen_text(app)


@aio
async def test_a_failed_findings_search_is_said_not_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(analysis: Any, cancel: threading.Event | None = None) -> list[dict[str, Any]]:
        raise ValueError("bad EXIF [b]header[/b]")

    monkeypatch.setattr("exportscope.tui.loader.find_findings", broken)
    app = ExportScopeApp([tui_archive.build(tmp_path)], OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.findings_error is not None)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
        assert "The search for findings failed: ValueError: bad EXIF [b]header[/b]" in screen_text(app)
        await pilot.press("escape", "b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))  # the rest works


@aio
async def test_markup_in_findings_is_literal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    snippet = "[red]030 555[/red] [link=x]here[/link]"
    example = {"value": "[b]030 555[/b]", "source": "Comments.csv", "row": 2, "text": snippet}
    found = [{"type": "phone", "platform": "linkedin", "count": 1, "distinct": 1, "examples": [example]}]
    monkeypatch.setattr("exportscope.tui.loader.find_findings", lambda analysis, cancel=None: found)
    app = ExportScopeApp([tui_archive.build(tmp_path)], OPTIONS)
    async with app.run_test(size=(100, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FindingsScreen))
        visual = app.screen.query_one("#findings-list", OptionList).get_option_at_index(1).prompt
        assert isinstance(visual, Content)
        plain = visual.plain
        assert "[b]030 555[/b]" in plain and f"“{snippet}”" in plain
        start = plain.index(snippet)
        # Only the italic of the whole snippet: nothing from inside it became a style or a link.
        inside = [s for s in visual.spans if s.start < start + len(snippet) and s.end > start]
        assert [str(s.style) for s in inside] == ["italic"]


@aio
async def test_french_dashboard_browser_and_keys(tmp_path: Path) -> None:
    app = ExportScopeApp([tui_archive.build(tmp_path)], OPTIONS, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        text = screen_text(app)
        assert "23 éléments dans 1 export de plateforme" in text
        assert "● Utilisé pour entraîner l'IA : 15 éléments, 60 mots" in text
        assert "    post 6 · champ de profil 6 · commentaire 3" in text
        assert "○ Exclu (messages privés) : 4 messages dans 2 conversations" in text
        assert "Exploitable par année ▃▃▆▆█  2021–2025 · pic 2025 : 3 · 6 sans date" in text
        assert "⚠ En échec : Invitations.csv : se décompresse au-delà de la taille" in text  # in French, from its code
        assert "? Aide b Parcourir / Rechercher o S'opposer f Découvertes e Exporter m Chronologie" in text
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BrowserScreen))
        text = screen_text(app)
        assert "Éléments : 23 sur 23 · LinkedIn" in text
        # The verdict column is as wide as the longest French word ("● entraînement"); kinds are translated.
        assert "│date ▼     catégorie  verdict        texte (23 éléments)" in text
        assert "│2025-11-20 message    ○ exclu        See you!" in text
        assert "│2025-06-29 commentai… ● entraînement Merci pour le partage !" in text
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        app.screen.query_one(VerticalScroll).scroll_relative(y=10, animate=False)  # to the browser's keys
        await pilot.pause()
        assert "  z           Agrandir" in screen_text(app)


@aio
async def test_french_opt_out_uses_the_translated_policy_texts(tmp_path: Path) -> None:
    app = ExportScopeApp(sample_paths(META_WHATSAPP), OPTIONS, lang="fr")
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(app.screen.query(OptOutPanel)))
        facebook = app.screen.query_one("#optout-facebook", OptOutPanel)
        text = str(facebook.content)
        assert "Votre région : UE / EEE — UE/EEE et Suisse : entraînement sur le contenu public des adultes" in text
        assert "Limiter l'audience des anciennes publications" in text
        assert "Instagram et Threads" not in text  # the Instagram lever is on Instagram's panel
        whatsapp = str(app.screen.query_one("#optout-whatsapp", OptOutPanel).content)
        # One policy for every region: knowing the region is not needed.
        assert "Votre région : région inconnue — Les conversations avec Meta AI sont des échanges avec l'IA" in whatsapp


def test_every_key_description_is_in_the_catalogue() -> None:
    """No footer or help line stays in English on a French screen."""
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.dashboard import DashboardScreen
    from exportscope.tui.screens.optout import OptOutScreen
    from exportscope.tui.text import key_text

    groups = [ExportScopeApp.BINDINGS, DashboardScreen.BINDINGS, BrowserScreen.BINDINGS, OptOutPanel.BINDINGS,
              OptOutScreen.BINDINGS, FindingsScreen.BINDINGS, HelpScreen.BINDINGS, ExportDialog.BINDINGS,
              ItemTable.BINDINGS]  # fmt: skip
    from exportscope import i18n
    from exportscope.tui.navigation import help_sections
    from exportscope.tui.screens.worklist import WorklistList

    app = ExportScopeApp([], OPTIONS)
    groups += [b for _, b in help_sections(app)]  # type: ignore[misc]
    groups.append(WorklistList.BINDINGS)
    for group in groups:
        for b in group:
            assert key_text(b.description, "fr") != b.description, b.description  # type: ignore[union-attr]
            if b.group is not None:  # type: ignore[union-attr]  # the footer's word for keys side by side
                slug = b.group.description.lower()  # type: ignore[union-attr]
                assert i18n.has(f"tui.keys.{slug}"), slug


def test_inspect_takes_lang_and_defaults_to_the_locale(
    monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    from exportscope.tui import app as app_mod

    seen: list[str] = []
    monkeypatch.setattr(app_mod, "run", lambda paths, options, lang="en": seen.append(lang))
    archive = tui_archive.build(tmp_path)
    assert cli("inspect", archive, "--lang", "fr").exit_code == 0
    monkeypatch.setenv("LC_ALL", "fr_CA.UTF-8")
    assert cli("inspect", archive).exit_code == 0
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert cli("inspect", archive).exit_code == 0
    assert cli("inspect", archive, "--lang", "FR").exit_code == 0
    assert seen == ["fr", "fr", "en", "fr"]
    bad = cli("inspect", archive, "--lang", "de")
    assert bad.exit_code == 2
    assert bad.stderr == "exportscope: error: --lang 'de': unsupported language; use en or fr\n"
