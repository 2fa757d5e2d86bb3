"""The clean-up worklist screen: the riskiest items first, each with its reason, its link or where to find it,
and the action. ``space`` marks items, ``enter`` (or ``l``) opens the highlighted item's link, ``e`` exports
the marked items (all of them when none is marked) with the same writers as ``exportscope cleanup``.

The list is built on a thread (EXIF is read from the photos it lists), so the screen opens at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from exportscope import i18n
from exportscope.actions import worklist, worklist_out
from exportscope.actions.worklist import Entry
from exportscope.actions.worklist_out import reason_words
from exportscope.formats import FormatRefused
from exportscope.outpath import OutputRefused, check_new_output, default_directory
from exportscope.tui import writing
from exportscope.tui.text import colon, literal, localize_bindings, one_line, tr
from exportscope.tui.widgets.keys import KeyFooter

if TYPE_CHECKING:
    from exportscope.tui.loader import LoadResult


class WorklistList(SelectionList[int]):
    """``space`` marks (shown in the footer: the list's own key would hide the screen's); ``enter`` opens the
    link instead of marking (the screen's action)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Mark"),
        Binding("enter", "screen.open_link", "Open link", show=False),
    ]

    def __init__(self, lang: str = i18n.DEFAULT_LANG, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        localize_bindings(self._bindings, lang)


class WorklistScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "noop", "Mark", show=True),
        Binding("l", "open_link", "Open link"),
        Binding("e", "export", "Export"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    DEFAULT_CSS = """
    WorklistScreen #wl-status { padding: 0 1; color: $text-muted; height: auto; }
    WorklistScreen WorklistList { height: 1fr; border: round $border; }
    WorklistScreen WorklistList:focus { border: round $accent; }
    WorklistScreen #wl-detail { height: auto; max-height: 9; border: round $border; padding: 0 1; }
    """

    def __init__(self, result: LoadResult, export_dir: Path | None = None, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.result = result
        self.export_dir = export_dir
        self.entries: list[Entry] = []
        self.labels = result.summary.labels()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with Vertical():
            yield Static(tr("act.worklist_building", self.lang), id="wl-status")
            yield WorklistList(self.lang, id="wl-list")
            yield Static("", id="wl-detail")
        yield KeyFooter(self.lang)

    def on_mount(self) -> None:
        self.sub_title = tr("act.worklist_title", self.lang)
        self._build()

    @work(thread=True, exclusive=True)
    def _build(self) -> None:
        entries = worklist.build(self.result.analysis)
        self.app.call_from_thread(self.show_entries, entries)

    def _prompt(self, e: Entry) -> Content:
        lang = self.lang
        when = e.timestamp.strftime("%Y-%m-%d") if e.timestamp else i18n.t("worklist.no_date", lang)
        head = f"{e.rank:>3}. {i18n.kind_label(e.kind, lang)} · {self.labels.get(e.platform, e.platform)} · {when}"
        return Content.assemble(
            literal(head),
            (f" — {i18n.t(f'worklist.action_{e.action}', lang)}", "bold"),
            (" — " + i18n.joined(reason_words(e, lang), lang), "$text-muted"),
        )

    def show_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        options = self.query_one(WorklistList)
        options.clear_options()
        options.add_options([Selection(self._prompt(e), i) for i, e in enumerate(entries)])
        self._status()
        if entries:
            options.highlighted = 0
            self._detail(0)
        options.focus()

    def _status(self) -> None:
        marked = len(self.query_one(WorklistList).selected)
        line = tr("act.worklist_marked", self.lang, n=marked, total=len(self.entries))
        self.query_one("#wl-status", Static).update(f"{line} · {tr('act.worklist_hint', self.lang)}")

    def _detail(self, index: int | None) -> None:
        detail = self.query_one("#wl-detail", Static)
        if index is None or index >= len(self.entries):
            detail.update("")
            return
        e = self.entries[index]
        lang = self.lang
        lines = [
            Content.assemble(
                (i18n.t("worklist.why", lang) + colon(lang), "bold"), i18n.joined(reason_words(e, lang), lang)
            )
        ]
        if e.link:
            lines.append(Content.assemble((tr("act.link", lang) + colon(lang), "bold"), literal(e.link)))
        else:
            from exportscope.actions.todo import load_where

            where = load_where().get(e.platform)
            place = where.place_in(lang) if where else ""
            lines.append(
                Content.assemble(
                    (tr("act.where", lang) + colon(lang), "bold"),
                    literal(place + (f" — {e.where}" if e.where else "")),
                )
            )
        if e.text:
            lines.append(literal(one_line(e.text)))
        lines.append(Content.assemble((e.key, "$text-muted")))
        detail.update(Content("\n").join(lines))

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        self._detail(event.selection_index)

    @on(SelectionList.SelectedChanged)
    def _marked(self) -> None:
        self._status()

    def marked(self) -> list[Entry]:
        """The marked entries in rank order (all entries when none is marked)."""
        chosen = sorted(self.query_one(WorklistList).selected)
        return [self.entries[i] for i in chosen] if chosen else list(self.entries)

    def action_noop(self) -> None:
        """``space`` is handled by the list; the binding only shows it in the footer."""
        self.query_one(WorklistList).focus()

    def action_open_link(self) -> None:
        index = self.query_one(WorklistList).highlighted
        if index is None or index >= len(self.entries):
            return
        e = self.entries[index]
        opener = getattr(self.app, "open_link", None)
        if opener is not None:
            opener(e.link or e.where)

    def action_export(self) -> None:
        if not self.entries:
            return
        base = self.export_dir or default_directory(self.result.analysis.inputs)
        self.app.push_screen(WorklistExport(self, base / "exportscope-worklist.html", self.lang))

    def writer(self, path: Path) -> Callable[[], str]:
        """Write the marked entries to ``path`` (format by suffix): the marks are read now, the file is written
        when the returned function runs (on a thread); it returns the line to show."""
        analysis = self.result.analysis
        meta = worklist_out.Meta(
            inputs=tuple(PurePath(p).name for p in analysis.inputs),
            as_of=analysis.options.as_of.isoformat(),
            lang=self.lang,
            labels=tuple(self.labels.items()),
        )
        entries = self.marked()
        lang = self.lang

        def write() -> str:
            worklist_out.write(entries, path, meta)
            return tr("act.worklist_saved", lang, path=path, n=len(entries))

        return write


class WorklistExport(ModalScreen[None]):
    """Where to write the worklist: the suffix picks the format; an existing file is never overwritten. The file
    is written on a thread with a moving bar; esc closes the dialog and cancels it (:mod:`exportscope.tui.writing`)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]
    DEFAULT_CSS = """
    WorklistExport { align: center middle; }
    WorklistExport Vertical { width: 80%; height: auto; border: round $accent; padding: 0 1; background: $surface; }
    """

    def __init__(self, owner: WorklistScreen, default: Path, lang: str) -> None:
        super().__init__()
        self.owner, self.default, self.lang = owner, default, lang
        localize_bindings(self._bindings, lang)
        #: The file being written, once Enter was pressed (None before).
        self.job: writing.Job | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tr("act.worklist_export_title", self.lang))
            yield Input(str(self.default), id="wl-path")
            yield writing.WritingBar(id="wl-writing")
        yield KeyFooter(self.lang)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if self.job is not None and self.job.running:
            return
        path = Path(event.value.strip()).expanduser()
        # The CLI's checks (exportscope.outpath): never an input or inside an input folder, a regular file,
        # an existing folder; here also never over an existing file. The suffix picks the format.
        try:
            check_new_output(path, self.owner.result.analysis.inputs)
            worklist_out.format_for(path)
        except (FormatRefused, OutputRefused) as refused:
            if isinstance(refused, OutputRefused) and refused.code == "exists":
                self.app.notify(tr("act.worklist_exists", self.lang, path=path), severity="warning", markup=False)
            else:
                self.app.notify(refused.text(self.lang), severity="error", markup=False)
            return
        self.job = writing.Job.at(path, self.lang)
        self.query_one("#wl-writing", writing.WritingBar).show(self.job)
        self.query_one("#wl-path", Input).disabled = True
        writing.start(self.app, self.job, self.owner.writer(path), self._written, self._failed)

    def _written(self, line: str) -> None:
        self.dismiss()
        self.app.notify(line, markup=False)

    def _failed(self, message: str) -> None:
        self.query_one("#wl-writing", writing.WritingBar).hide()
        box = self.query_one("#wl-path", Input)
        box.disabled = False
        box.focus()
        self.app.notify(tr("act.worklist_failed", self.lang, error=message), severity="error", markup=False)

    def action_cancel(self) -> None:
        """Close the dialog; a file being written is cancelled (removed once written)."""
        if self.job is not None:
            self.job.cancel()
        self.dismiss()
