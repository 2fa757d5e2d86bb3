"""Reading the archive off the UI thread, reporting progress as messages, stoppable at any moment.

Why a plain daemon thread rather than Textual's ``@work(thread=True)``: Textual runs thread workers in
asyncio's default executor, and the event loop joins that executor when the app exits, so pressing ``q``
while a 200,000-row messages.csv is being read would leave the terminal frozen until the file is done. Here
the thread is a daemon: quitting sets the cancel event (the pipeline stops between two files) and the app
leaves at once; the thread never touches a widget, it only posts messages (``post_message`` is thread-safe).

Everything slow happens here: the analysis, the summary document and the browsing index
(:class:`exportscope.query.ItemQuery`), so the dashboard and the browser open instantly once loaded. The
index's folded search text is made once the dashboard has painted (the app says so:
:meth:`Loader.dashboard_shown`; a search asked before then folds it first), as it is the one part of the
index the dashboard does not need, and folding it while the dashboard is drawn took the cores from it. The
findings (:func:`exportscope.findings.find`) come last, on the same thread, after the dashboard is complete:
they scan every eligible text and re-read the archive's photos for EXIF, which on a large archive takes longer
than everything before it, and nobody should wait for them to start browsing. They arrive as
:class:`FindingsReady`; until then the UI says it is still looking.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.message_pump import MessagePump

from exportscope.findings.collect import FindingRefs
from exportscope.pipeline import Cancelled, analyze
from exportscope.query import ItemQuery
from exportscope.summary_model import Summary
from exportscope.types import Analysis, Options, Progress

if TYPE_CHECKING:
    from exportscope.findings import Found


@dataclass
class LoadResult:
    analysis: Analysis
    summary: Summary
    query: ItemQuery
    findings: list[dict[str, Any]] | None  # None: still being looked for (they arrive after the dashboard)
    todo_done: set[str] = field(default_factory=set)  # the to-do actions the person ticked (go into exports)
    #: Every item each finding was seen in (positions in ``analysis.items``): the table marks them and a
    #: finding jumps to them. Re-classifying keeps the items' order, so they stay valid after an answer.
    finding_refs: FindingRefs = field(default_factory=FindingRefs)


class LoadProgress(Message):
    """New progress is waiting: read it with :meth:`Loader.take_progress` (always the latest value)."""


class LoadPartial(Message):
    """The exports read so far, classified (sent after each export but the last, when there are several)."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result


class LoadStage(Message):
    """A step after reading that has no file count; ``key`` is a ``tui.*`` catalogue key (the UI's language)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class Loaded(Message):
    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result


class LoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class LoadCancelled(Message):
    pass


class FindingsReady(Message):
    """The exposure findings, after the dashboard is complete, with the items each was seen in."""

    def __init__(self, findings: list[dict[str, Any]], refs: FindingRefs | None = None) -> None:
        super().__init__()
        self.findings = findings
        self.refs = refs or FindingRefs()


class FindingsFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def find_findings(analysis: Analysis, cancel: threading.Event | None = None) -> Found | list[dict[str, Any]]:
    """Exposure findings (text, media metadata, EXIF) with their items; stops early when ``cancel`` is set.
    (A plain list, as a test's stand-in may give, is findings without item references.)"""
    from exportscope.findings import find_all

    return find_all(analysis, cancel=cancel)


AnalyzeFn = Callable[..., Analysis]

#: The longest the loader waits for the app to say the dashboard is painted before it folds the search text.
SHOWN_WAIT = 5.0


class Loader:
    """Runs one analysis on a daemon thread and posts LoadProgress / LoadStage / Loaded / LoadFailed /
    LoadCancelled to ``target``.

    Progress is coalesced, not dropped: the thread keeps only the latest value and posts a LoadProgress only
    when none is waiting to be handled, so a 50,000-file Facebook export never floods the UI's queue and
    the bar always ends on the true last value."""

    def __init__(
        self,
        target: MessagePump,
        paths: Sequence[Path],
        options: Options,
        *,
        analyze_fn: AnalyzeFn = analyze,
    ) -> None:
        self.target = target
        self.paths = list(paths)
        self.options = options
        self.analyze_fn = analyze_fn
        self.cancel = threading.Event()
        self.thread = threading.Thread(target=self._run, name="exportscope-loader", daemon=True)
        self._lock = threading.Lock()
        self._latest: Progress | None = None
        self._pending = False
        self._shown = threading.Event()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Ask the analysis to stop at the next file; never waits for it."""
        self.cancel.set()
        self._shown.set()

    def dashboard_shown(self) -> None:
        """The app painted the loaded dashboard: what is left (the search text, the findings) may start."""
        self._shown.set()

    def _after_dashboard(self) -> None:
        """Wait until the dashboard is painted (at most :data:`SHOWN_WAIT` seconds: a host that never says so
        loses nothing but that wait)."""
        self._shown.wait(SHOWN_WAIT)

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    def _post(self, message: Message) -> None:
        if self.cancel.is_set() and not isinstance(message, LoadCancelled):
            return
        # RuntimeError: the app's loop is already closed; nobody is listening any more.
        with contextlib.suppress(RuntimeError):
            self.target.post_message(message)

    def _progress(self, p: Progress) -> None:
        with self._lock:
            self._latest = p
            if self._pending:
                return
            self._pending = True
        self._post(LoadProgress())

    def take_progress(self) -> Progress | None:
        """The latest progress (called by the UI when it handles a LoadProgress)."""
        with self._lock:
            self._pending = False
            return self._latest

    def _partial(self, analysis: Analysis) -> None:
        """Show the exports read so far while the next one is read (no findings yet: they come at the end)."""
        from exportscope.summary import build

        if self.cancel.is_set():
            return
        # No search text yet (a search asked of a partial result folds it first): the next export is waiting.
        self._post(LoadPartial(LoadResult(analysis, build(analysis), ItemQuery(analysis.items, search=False), None)))

    def _run(self) -> None:
        from exportscope.archive import InputError
        from exportscope.summary import build

        kwargs: dict[str, Any] = {"progress": self._progress, "cancel": self.cancel}
        if "on_export" in inspect.signature(self.analyze_fn).parameters:
            kwargs["on_export"] = self._partial
        try:
            analysis = self.analyze_fn(self.paths, self.options, **kwargs)
            self._post(LoadStage("stage_summary"))
            summary = build(analysis)
            query = ItemQuery(analysis.items, search=False)  # the dashboard needs no search: folded below
            if self.cancel.is_set():
                raise Cancelled()
            self._post(Loaded(LoadResult(analysis, summary, query, None)))
            self._after_dashboard()
            if not self.cancel.is_set():
                query.prepare_search()
        except Cancelled:
            self._post(LoadCancelled())
            return
        except InputError as exc:
            self._post(LoadFailed(str(exc).splitlines()[0] if str(exc) else "unusable input"))
            return
        except Exception as exc:  # a bug: say so on screen rather than die silently in a thread
            self._post(LoadFailed(f"internal error ({_first_line(exc)}); this is a bug"))
            return
        try:
            found = find_findings(analysis, self.cancel)
        except Exception as exc:  # the dashboard stays usable; the findings screen says what went wrong
            self._post(FindingsFailed(_first_line(exc)))
            return
        if not self.cancel.is_set():  # a cancelled search returns early with partial counts: never show those
            if isinstance(found, list):
                self._post(FindingsReady(found))
            else:
                self._post(FindingsReady(found.findings, found.refs))


def _first_line(exc: BaseException) -> str:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__
