"""Writing a file from the terminal UI: a moving bar while it is written, the app answering, esc cancelling.

Three things write files: the export dialog (a report or an item table), the worklist's export and the draft
letter. Each used to be silent (or, for the worklist and the letter, to freeze the app) while a large
archive's file was written. They all go through :func:`start`:

- the writer runs on a thread (an app worker, so it outlives the dialog that started it) and the app keeps
  answering keys;
- a :class:`WritingBar` shows a moving bar (how long the work takes is not known) and the file's name;
- :meth:`Job.cancel` (esc) cannot stop the writer half-way (they write atomically: the file appears whole
  when they are done), so when it is done the file is removed (a file that was not there before) and the
  person is told; a file that replaced an older one (the export dialog's "replace") is kept, and said so.
  The writer's own callbacks never run for a cancelled job, so a dialog already closed is never closed twice.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import ProgressBar, Static

from exportscope.termsafe import safe
from exportscope.tui.text import literal, tr

if TYPE_CHECKING:
    from textual.app import App


@dataclass
class Job:
    """One file being written: where, whether a file was there before, and whether the person cancelled."""

    path: Path
    lang: str
    existed: bool = False
    cancelled: bool = False
    done: bool = field(default=False, init=False)

    @classmethod
    def at(cls, path: Path, lang: str) -> Job:
        return cls(path, lang, existed=path.exists())

    @property
    def running(self) -> bool:
        return not self.done and not self.cancelled

    def cancel(self) -> None:
        """The person no longer wants the file: it is removed once the writer is done (see the module doc)."""
        if not self.done:
            self.cancelled = True


class WritingBar(HorizontalGroup):
    """A moving bar and "Writing <file>…": shown while a file is written, hidden otherwise."""

    DEFAULT_CSS = """
    WritingBar { height: 1; display: none; }
    WritingBar.-writing { display: block; }
    WritingBar ProgressBar { width: auto; }
    WritingBar #writing-text {
        width: 1fr; color: $text-muted; padding-left: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, show_percentage=False)
        yield Static("", id="writing-text")

    def show(self, job: Job) -> None:
        words = f"{tr('writing', job.lang, path=safe(job.path))} · {tr('write_esc_cancels', job.lang)}"
        self.query_one("#writing-text", Static).update(literal(words))
        self.add_class("-writing")

    def hide(self) -> None:
        self.remove_class("-writing")


def start(
    app: App[object],
    job: Job,
    write: Callable[[], str],
    done: Callable[[str], None],
    failed: Callable[[str], None],
) -> None:
    """Run ``write`` (returns the line to show) on a thread; then ``done(line)`` or ``failed(message)`` on
    the app's loop, or, for a cancelled job, :func:`_after_cancel`."""

    def work() -> None:
        try:
            line = write()
        except Exception as exc:  # the writer's own error, said in one line (never a traceback on screen)
            then = functools.partial(failed, _one_line(exc))
        else:
            then = functools.partial(done, line)
        with contextlib.suppress(RuntimeError):  # the app has quit meanwhile: nobody is left to tell
            app.call_from_thread(_finish, app, job, then)

    app.run_worker(work, thread=True, group="write", name=str(job.path))


def _one_line(exc: Exception) -> str:
    """An error in words: the system's for a file error ("Permission denied"), else the first line."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _finish(app: App[object], job: Job, then: Callable[[], None]) -> None:
    job.done = True
    if job.cancelled:
        _after_cancel(app, job)
        return
    then()


def _after_cancel(app: App[object], job: Job) -> None:
    """The writer is done with a file nobody wants any more: remove it if it is new, and say what happened."""
    name = safe(job.path)
    if job.existed or not job.path.exists():
        # Replaced already (the older file is gone either way), or the writer failed: nothing to remove.
        key = "write_cancelled_kept" if job.existed and job.path.exists() else "write_cancelled"
    else:
        try:
            job.path.unlink()
            key = "write_cancelled"
        except OSError:
            key = "write_cancelled_kept"
    app.notify(tr(key, job.lang, path=name), markup=False)
