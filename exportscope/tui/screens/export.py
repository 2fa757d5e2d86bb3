"""The export dialog: pick a format and a path; the same writers as ``exportscope items``/``report`` run.

The formats are the registry's (:mod:`exportscope.formats`, families ``report`` then ``items``), with the
CLI's rule: a name whose suffix belongs to another of these formats is refused (no HTML in ``x.md``).
Reports (html, md, json) go through :func:`exportscope.report.write_report`, the CLI's ``report`` writer, in
the app's language, with the findings already computed (when they are ready) and ``--redact`` as a checkbox;
item tables (csv, jsonl, parquet) through :func:`exportscope.report.items.write_items`, as ``exportscope
items``. The path goes through :func:`exportscope.outpath.check_new_output`, the CLI's check plus: nothing
is overwritten unless asked. The dialog writes a copy of personal data only where the person said, and says
so.

Opened from the browser, the dialog offers the item tables of "the items shown" (the browser's filter,
search and sort: :meth:`exportscope.query.ItemQuery.positions`) or of all items; reports always cover the
whole analysis. The writer runs on a thread (:mod:`exportscope.tui.writing`): the dialog shows a moving bar
while it writes (an HTML report of a large archive takes seconds), the app stays responsive, and esc closes
the dialog and cancels the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from exportscope import formats, i18n
from exportscope.formats import FormatRefused, OutputFormat
from exportscope.outpath import OutputRefused, check_new_output, default_directory
from exportscope.query import Filter, Sort
from exportscope.termsafe import safe
from exportscope.tui import writing
from exportscope.tui.text import literal, localize_bindings, n, tr
from exportscope.tui.widgets.keys import KeyFooter

if TYPE_CHECKING:
    from exportscope.tui.loader import LoadResult


#: The registry's families the dialog offers, in its menu's order.
FAMILIES = ("report", "items")


def export_formats() -> list[OutputFormat]:
    """What the dialog writes: reports first, then item tables (:data:`exportscope.formats.FORMATS`)."""
    return [f for family in FAMILIES for f in formats.family(family)]


@dataclass(frozen=True)
class Shown:
    """What the browser's table shows when the dialog opens from it: its filter, its order, and the
    filter in words (for the choice "items shown")."""

    filter: Filter
    order: Sort
    words: str


def write(
    result: LoadResult,
    fmt: OutputFormat,
    path: Path,
    lang: str = i18n.DEFAULT_LANG,
    redact: bool = False,
    shown: Shown | None = None,
) -> str:
    """Run the writer; returns a one-line description of what was written (in ``lang``). With ``shown``, an
    item table holds exactly the rows the browser shows, in its order."""
    from exportscope.report import write_report

    if fmt.family == "items":
        from exportscope.report.items import write_items

        redactor = None
        if redact:
            # The same masking as ``items --redact``: people and personal data in text, source and note.
            from exportscope.findings import find
            from exportscope.redact import Redactor

            found = result.findings if result.findings is not None else find(result.analysis)
            redactor = Redactor.from_analysis(result.analysis, lang, found)
        items = result.analysis.items
        if shown is not None:
            items = items[result.query.positions(shown.filter, shown.order)]
        count = write_items(items, path, fmt.name, redactor=redactor)
        return tr("wrote_items", lang, n=n(count, lang), path=safe(path))
    # The findings the app already has (None while they are still being looked for: the writer finds them).
    out = write_report(
        result.analysis,
        path,
        fmt=fmt.name,
        lang=lang,
        redact=redact,
        findings=result.findings,
        done=sorted(result.todo_done),
    )
    return tr("report_saved", lang, path=safe(out))


def _yes_no(value: bool, lang: str) -> str:
    return tr("yes" if value else "no", lang)


class ExportDialog(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #dialog {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #dialog > Label { margin-top: 0; }
    ExportDialog #buttons { height: auto; align-horizontal: right; }
    ExportDialog #buttons Button { margin-left: 1; }
    ExportDialog #message { height: auto; min-height: 2; }
    ExportDialog #message.error { color: $text-error; }
    ExportDialog #progress { display: none; }
    ExportDialog #progress.-writing { display: block; }
    ExportDialog .-hidden { display: none; }
    """

    def __init__(
        self,
        result: LoadResult,
        directory: Path | None = None,
        lang: str = i18n.DEFAULT_LANG,
        *,
        shown: Shown | None = None,
    ) -> None:
        super().__init__()
        #: The browser's table, when the dialog was opened from it (None: only "all items" exists).
        self.shown = shown
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.result = result
        self.analysis = result.analysis
        self.directory = directory or default_directory(result.analysis.inputs)
        self.formats = {f.key: f for f in export_formats()}
        self._auto_path = True
        #: The file being written, once Export was pressed (None before).
        self.job: writing.Job | None = None

    def _default_path(self, fmt: OutputFormat) -> Path:
        stem = "exportscope-items" if fmt.family == "items" else "exportscope-report"
        return self.directory / f"{stem}{fmt.suffix}"

    def compose(self) -> ComposeResult:
        lang = self.lang
        first = next(iter(self.formats.values()))
        with Vertical(id="dialog") as box:
            box.border_title = tr("export_title", lang)
            yield Label(tr("format", lang))
            yield Select(
                [(tr(f.label_key, lang), f.key) for f in self.formats.values()],
                value=first.key,
                allow_blank=False,
                id="format",
            )
            if self.shown is not None:
                query = self.result.query
                shown_n = n(query.count(self.shown.filter), lang)
                yield Label(tr("scope.label", lang), id="scope-label", classes="-hidden")
                yield Select(
                    [
                        (tr("scope.shown", lang, n=shown_n, filter=self.shown.words), "shown"),
                        (tr("scope.all", lang, n=n(query.total, lang)), "all"),
                    ],
                    value="shown" if not self.shown.filter.is_empty else "all",
                    allow_blank=False,
                    id="scope",
                    classes="-hidden",
                )
            yield Label(tr("save_to", lang))
            yield Input(str(self._default_path(first)), id="path")
            # Checkbox glyphs differ only by colour; the labels say yes/no in words.
            yield Checkbox(Content(tr("overwrite", lang, answer=_yes_no(False, lang))), id="overwrite")
            yield Checkbox(Content(tr("redact", lang, answer=_yes_no(False, lang))), id="redact")
            yield Static(tr("private_warning", lang), id="message", markup=False)
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="progress")
            with Horizontal(id="buttons"):
                yield Button(tr("cancel", lang), id="cancel")
                yield Button(tr("export_button", lang), id="export", variant="primary")
        yield KeyFooter(lang)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = self.formats.get(str(event.value))
        if fmt is None:
            return
        for widget in self.query("#scope, #scope-label"):  # rows are chosen for item tables only
            widget.set_class(fmt.family != "items", "-hidden")
        path_input = self.query_one("#path", Input)
        if self._auto_path:
            path_input.value = str(self._default_path(fmt))
        else:
            current = Path(path_input.value)
            path_input.value = str(current.with_suffix(fmt.suffix))

    @on(Checkbox.Changed, "#overwrite")
    def _overwrite_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = Content(tr("overwrite", self.lang, answer=_yes_no(event.value, self.lang)))

    @on(Checkbox.Changed, "#redact")
    def _redact_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = Content(tr("redact", self.lang, answer=_yes_no(event.value, self.lang)))

    @on(Input.Changed, "#path")
    def _path_edited(self, event: Input.Changed) -> None:
        fmt = self.formats.get(str(self.query_one("#format", Select).value))
        if fmt is not None and event.value != str(self._default_path(fmt)):
            self._auto_path = False

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        if self.job is not None and self.job.running:
            return
        fmt = self.formats[str(self.query_one("#format", Select).value)]
        raw = self.query_one("#path", Input).value.strip()
        lang = self.lang
        if not raw:
            self._say(tr("err_no_name", lang), error=True)
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        # The CLI's checks: the name fits the format (no HTML in x.md); a regular file or nothing, never an
        # input or inside an input folder; and here, an existing file only when "Replace" is ticked.
        replace = self.query_one("#overwrite", Checkbox).value
        try:
            formats.check_name(fmt, path, list(self.formats.values()))
            check_new_output(path, self.analysis.inputs, replace=replace)
        except (FormatRefused, OutputRefused) as refused:
            exists = isinstance(refused, OutputRefused) and refused.code == "exists"
            self._say(tr("err_exists", lang, path=safe(path)) if exists else refused.text(lang), error=True)
            return
        self._say(tr("writing", lang, path=safe(path)))
        self.query_one("#export", Button).disabled = True
        self.query_one("#progress", ProgressBar).add_class("-writing")
        redact, shown = self.query_one("#redact", Checkbox).value, self._rows()
        self.job = writing.Job.at(path, lang)
        writing.start(
            self.app,
            self.job,
            lambda: write(self.result, fmt, path, lang, redact, shown),
            lambda line: self._written(line, path),
            self._failed,
        )

    def _rows(self) -> Shown | None:
        """The browser's table when "items shown" is chosen, else None (all items)."""
        if self.shown is None or self.query_one("#scope", Select).value != "shown":
            return None
        return self.shown

    def _failed(self, message: str) -> None:
        self.query_one("#export", Button).disabled = False
        self.query_one("#progress", ProgressBar).remove_class("-writing")
        self._say(tr("err_write", self.lang, error=message), error=True)

    def _written(self, done: str, path: Path) -> None:  # never for a cancelled job: the dialog is gone
        self.app.notify(done, title=tr("exported", self.lang), markup=False)
        self.dismiss(path)

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(literal(text))
        message.set_class(error, "error")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close the dialog; a file being written is cancelled (removed once written, unless it replaced one)."""
        if self.job is not None:
            self.job.cancel()
        self.dismiss(None)
