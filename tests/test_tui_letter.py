"""The draft letter from the terminal UI's opt-out screen (``l``): written to a new file, never over one."""

from __future__ import annotations

from pathlib import Path

import pytest

from exportscope.tui.app import ExportScopeApp
from exportscope.tui.screens.optout import OptOutPanel, OptOutScreen
from tests import tui_archive
from tests.test_tui import aio, loaded, press_into, wait_for


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
