"""A run of the real command stopped mid-write: shared by the stop tests (``test_stops``, ``test_waiter``).

The command's CSV writer is slowed down (it writes half the table, flushes, then stalls), so that a signal
sent once the temporary ``.part`` file holds bytes lands in the middle of the write. The writer is patched
when the write starts, not before: polars must not be loaded before the command's entry point, which forks
only while it is not.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINKEDIN = REPO / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"

_SLOW = textwrap.dedent(
    """
    import sys, time
    SETUP

    def slowly():
        import polars as pl
        real = pl.DataFrame.write_csv

        def slow(self, file=None, **kwargs):
            real(self.head(self.height // 2), file, **kwargs)
            file.flush()
            time.sleep(60)
            return real(self, file, **kwargs)

        pl.DataFrame.write_csv = slow

    import exportscope.report.items as items
    real_write = items.write_items

    def write_items(*args, **kwargs):
        slowly()
        return real_write(*args, **kwargs)

    items.write_items = write_items

    if __name__ == "__main__":
        from ENTRY import main

        sys.argv = ["exportscope", *sys.argv[1:]]
        main()
    """
)


def stop_mid_write(
    tmp_path: Path, entry: str, stop: Callable[[subprocess.Popen[str]], None], setup: str = ""
) -> tuple[subprocess.Popen[str], str, Path, Path]:
    """Run ``items LINKEDIN -o out/items.csv`` (a previous ``items.csv`` in place) through the module ``entry``
    (``exportscope.cli`` or ``exportscope.launch``), in its own process group, after ``setup``; call ``stop``
    once the slowed write has begun. Returns the ended process, its stderr, the output folder and target."""
    script = tmp_path / "slow.py"
    script.write_text(_SLOW.replace("SETUP", setup).replace("ENTRY", entry))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "items.csv"
    target.write_text("the previous items\n")
    proc = subprocess.Popen(
        [sys.executable, str(script), "items", str(LINKEDIN), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,  # its own process group, as a shell's job has
    )
    try:
        deadline = time.monotonic() + 60
        parts: list[Path] = []
        while not parts and time.monotonic() < deadline and proc.poll() is None:
            parts = [p for p in out_dir.iterdir() if p.name.endswith(".part") and p.stat().st_size > 0]
            time.sleep(0.05)
        assert parts, "the slowed writer never started"
        stop(proc)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # the whole group: the command's child too
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
    return proc, stderr, out_dir, target


def run_script(tmp_path: Path, source: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``source`` as a script in a fresh interpreter that imports this checkout; its output captured."""
    script = tmp_path / "script.py"
    script.write_text(source)
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=timeout,
    )
