"""Issue 17 in the terminal UI: the draft letter from the opt-out screen (``l``), written to a new file and never
over one; and the comparison offered when the inputs hold two exports of one account."""

from __future__ import annotations

from pathlib import Path

import pytest

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.optout import OptOutPanel, OptOutScreen
from tests import tui_archive
from tests.test_diff import facebook_pair
from tests.test_tui import aio, loaded, press_into, screen_text, wait_for


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return tui_archive.build(tmp_path)


@aio
async def test_l_on_the_opt_out_screen_writes_a_draft_letter(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    out.mkdir()
    (out / "exportscope-letter-linkedin.md").write_text("mine, keep it\n")
    app = ExportScopeApp([archive], tui_archive.OPTIONS, export_dir=out, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press_into(pilot, "o", OptOutScreen)
        assert app.screen.query_one(OptOutPanel).optout.platform == "linkedin"
        await pilot.press("l")
        await wait_for(pilot, lambda: (out / "exportscope-letter-linkedin-2.md").exists())
    assert (out / "exportscope-letter-linkedin.md").read_text() == "mine, keep it\n"
    letter = (out / "exportscope-letter-linkedin-2.md").read_text(encoding="utf-8")
    assert letter.startswith("## Avant de l'envoyer") and "LinkedIn" in letter
    assert (out / "exportscope-letter-linkedin-2.md").stat().st_mode & 0o777 == 0o600


@aio
async def test_two_exports_of_one_account_open_a_comparison(tmp_path: Path) -> None:
    from exportscope.pipeline import Options
    from exportscope.tui.screens.compare import ComparisonScreen

    old, new = facebook_pair(tmp_path)
    app = ExportScopeApp([new, old], Options(workers=1))
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading, timeout=30)
        await wait_for(pilot, lambda: app.comparable is not None)
        assert app.comparable == ("facebook", [old], [new])
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Compare the two exports")
        command.callback()
        await wait_for(pilot, lambda: isinstance(app.screen, ComparisonScreen), timeout=30)
        text = screen_text(app)
        assert "Facebook: export of 20 November 2025 → export of 1 February 2026" in text
        assert "1 added, 2 removed, 1 changed" in text


@aio
async def test_one_export_offers_no_comparison(archive: Path) -> None:
    app = ExportScopeApp([archive], tui_archive.OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.comparable is None
        assert "Compare the two exports" not in [c.title for c in app.get_system_commands(app.screen)]
