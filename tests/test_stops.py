"""Clean stops (issue 22, item 2): SIGTERM and SIGHUP during a write end the run like Ctrl-C does: the
temporary ``.part`` file is removed, the previous output is kept, one line is printed and the exit code is
128 + the signal. The writer is slowed down in a child process so the signal lands mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINKEDIN = REPO / "sample_exports" / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"

#: Runs the real CLI with a CSV writer that writes half the table, then stalls.
SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    import polars as pl

    real = pl.DataFrame.write_csv

    def slow(self, file=None, **kwargs):
        real(self.head(self.height // 2), file, **kwargs)
        file.flush()
        time.sleep(60)
        return real(self, file, **kwargs)

    pl.DataFrame.write_csv = slow

    if __name__ == "__main__":
        from exportscope.cli import main

        sys.argv = ["exportscope", *sys.argv[1:]]
        main()
    """
)


@pytest.mark.parametrize(
    ("signum", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP"), (signal.SIGINT, "SIGINT")]
)
def test_a_stop_during_a_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path, signum: int, name: str) -> None:
    script = tmp_path / "slow.py"
    script.write_text(SLOW_WRITER)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "items.csv"
    target.write_text("the previous items\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(script), "items", str(LINKEDIN), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        parts: list[Path] = []
        while not parts and time.monotonic() < deadline and proc.poll() is None:
            parts = [p for p in out_dir.iterdir() if p.name.endswith(".part") and p.stat().st_size > 0]
            time.sleep(0.05)
        assert parts, "the slowed writer never started"
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, stderr
    assert stderr.strip() == f"exportscope: error: interrupted by {name}"
    assert sorted(p.name for p in out_dir.iterdir()) == ["items.csv"]  # no .part file left
    assert target.read_text() == "the previous items\n"


def test_a_pending_temporary_file_is_removed_on_a_stop_from_another_thread(tmp_path: Path) -> None:
    """A write in a thread (the terminal UI's export) never sees the signal: the handler removes its file."""
    import threading

    from exportscope import fsutil

    started, release = threading.Event(), threading.Event()

    def write() -> None:
        try:
            with fsutil.atomic_write(tmp_path / "report.html") as fh:
                fh.write(b"<p>personal</p>")
                started.set()
                release.wait(10)
        except OSError:
            pass  # its temporary file is gone: the rename fails, nothing is written

    thread = threading.Thread(target=write)
    thread.start()
    assert started.wait(10)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    fsutil.discard_pending()  # what the signal handler does first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    release.set()
    thread.join(10)
    assert not (tmp_path / "report.html").exists()


def test_inside_an_event_loop_a_stop_asks_to_quit_then_raises_once_it_has() -> None:
    """The terminal UI's way: the handler only asks the app to quit; the stop is raised after it has."""
    from exportscope import stops

    saved = {signum: signal.getsignal(signum) for signum in stops.STOP_SIGNALS}
    asked: list[str] = []
    try:
        stops.install()
        with pytest.raises(stops.Stopped) as caught, stops.deferred(lambda: asked.append("quit")):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(100):  # the handler runs between two bytecodes of this thread
                if asked:
                    break
                time.sleep(0.01)
            assert asked == ["quit"]  # still running here: nothing was raised inside
        assert caught.value.signum == signal.SIGTERM
        assert stops.exit_code(caught.value) == 143
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
