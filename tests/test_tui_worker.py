"""The terminal UI reads a big archive with the second process, as ``summary`` does.

Textual replaces ``sys.stderr`` with an object whose ``fileno()`` is -1 while it runs, and starting a
``spawn`` process starts multiprocessing's resource tracker with that descriptor: the worker failed to start
("bad value(s) in fds_to_keep"), silently, and the UI read everything in one process. Each case runs in a
fresh interpreter, where no tracker runs yet (a test process that started one already would hide the bug).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import asyncio, json, sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])


async def main() -> None:
    from exportscope import parallel
    from exportscope.tui.app import ExportScopeApp
    from tests import tui_archive

    parallel.PARALLEL_MIN_BYTES = 0  # the small fixture archive splits like a big one
    seen = {"assigned": 0, "failed": []}
    Worker = parallel.Worker

    class Spy(Worker):
        def __init__(self, *args, **kwargs):
            try:
                super().__init__(*args, **kwargs)
            except BaseException as exc:
                seen["failed"].append(type(exc).__name__)
                raise

        def assign(self, spec, schedule=None):
            seen["assigned"] += len(spec.tasks)
            super().assign(spec, schedule)

    parallel.Worker = Spy
    if sys.argv[3] == "without":  # what happened before: no tracker started ahead of Textual
        parallel.prepare_for_ui = lambda *args: None
    app = ExportScopeApp([tui_archive.build(Path(sys.argv[2]))], tui_archive.OPTIONS)
    async with app.run_test(size=(100, 30)):
        while app.loading:
            await asyncio.sleep(0.02)
        seen["items"] = app.result.query.total if app.result else None
    print(json.dumps(seen))


if __name__ == "__main__":
    asyncio.run(main())
"""


def _run(tmp_path: Path, mode: str) -> dict[str, object]:
    script = tmp_path / "probe.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), str(ROOT), str(tmp_path), mode],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("mode", ["with", "without"])
def test_the_loader_starts_the_reading_worker_under_textual(tmp_path: Path, mode: str) -> None:
    seen = _run(tmp_path, mode)
    assert seen["items"] == 23  # read whole either way: a worker that cannot start never loses the run
    if mode == "with":
        assert seen["failed"] == []
        assert isinstance(seen["assigned"], int) and seen["assigned"] > 0
    else:  # the control: proves the probe sees the failure it guards against
        assert seen["failed"]
        assert seen["assigned"] == 0
