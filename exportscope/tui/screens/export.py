"""The export dialog: pick a format and a path; the same writers as ``exportscope items``/``report`` run.

Report writers (html, md, json) are offered only when :mod:`exportscope.report` provides ``write_report``;
the item tables (csv, jsonl, parquet) are always there. Nothing is overwritten unless asked: the dialog
writes a copy of personal data only where the person said, and says so.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from exportscope.tui.text import literal

if TYPE_CHECKING:
    from exportscope.pipeline import Analysis


@dataclass(frozen=True)
class ExportFormat:
    key: str  # select value, e.g. "items:csv"
    label: str
    kind: str  # "items" | "report"
    fmt: str
    suffix: str


_ITEM_FORMATS = (
    ExportFormat("items:csv", "All items, CSV", "items", "csv", ".csv"),
    ExportFormat("items:jsonl", "All items, JSON lines", "items", "jsonl", ".jsonl"),
    ExportFormat("items:parquet", "All items, Parquet", "items", "parquet", ".parquet"),
)
_REPORT_FORMATS = (
    ExportFormat("report:html", "Report, HTML", "report", "html", ".html"),
    ExportFormat("report:md", "Report, Markdown", "report", "md", ".md"),
    ExportFormat("report:json", "Report, JSON", "report", "json", ".json"),
)


def _report_writer() -> Any | None:
    try:
        module = importlib.import_module("exportscope.report")
    except ImportError:
        return None
    return getattr(module, "write_report", None)


def export_formats() -> list[ExportFormat]:
    """What this build can write: reports first when their writers are present, then item tables."""
    formats: list[ExportFormat] = []
    if _report_writer() is not None:
        module = importlib.import_module("exportscope.report")
        known = getattr(module, "REPORT_FORMATS", None)
        for f in _REPORT_FORMATS:
            if not known or f.fmt in known or f.suffix in known or f.suffix.lstrip(".") in known:
                formats.append(f)
    formats.extend(_ITEM_FORMATS)
    return formats


def write(analysis: Analysis, fmt: ExportFormat, path: Path) -> str:
    """Run the writer; returns a one-line description of what was written."""
    if fmt.kind == "items":
        from exportscope.report.items import write_items

        count = write_items(analysis.items, path, fmt.fmt)
        return f"Wrote {count:,} items to {path}"
    writer = _report_writer()
    if writer is None:
        raise RuntimeError("report writers are not available in this build")
    out = writer(analysis, path, fmt=fmt.fmt)
    return f"Wrote the {fmt.fmt} report to {out or path}"


def _overwrite_label(value: bool) -> str:
    return f"Replace the file if it exists: {'yes' if value else 'no'}"


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
    """

    def __init__(self, analysis: Analysis, directory: Path | None = None) -> None:
        super().__init__()
        self.analysis = analysis
        self.directory = directory or Path.cwd()
        self.formats = {f.key: f for f in export_formats()}
        self._auto_path = True

    def _default_path(self, fmt: ExportFormat) -> Path:
        stem = "exportscope-items" if fmt.kind == "items" else "exportscope-report"
        return self.directory / f"{stem}{fmt.suffix}"

    def compose(self) -> ComposeResult:
        first = next(iter(self.formats.values()))
        with Vertical(id="dialog") as box:
            box.border_title = "Export"
            yield Label("Format")
            yield Select(
                [(f.label, f.key) for f in self.formats.values()], value=first.key, allow_blank=False, id="format"
            )
            yield Label("Save to")
            yield Input(str(self._default_path(first)), id="path")
            yield Checkbox(_overwrite_label(False), id="overwrite")
            yield Static(
                "The file will hold text from your archive; keep it somewhere private.",
                id="message",
                markup=False,
            )
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = self.formats.get(str(event.value))
        if fmt is None:
            return
        path_input = self.query_one("#path", Input)
        if self._auto_path:
            path_input.value = str(self._default_path(fmt))
        else:
            current = Path(path_input.value)
            path_input.value = str(current.with_suffix(fmt.suffix))

    @on(Checkbox.Changed, "#overwrite")
    def _overwrite_changed(self, event: Checkbox.Changed) -> None:
        # The checkbox glyph differs only by colour; the label says yes/no in words.
        event.checkbox.label = _overwrite_label(event.value)

    @on(Input.Changed, "#path")
    def _path_edited(self, event: Input.Changed) -> None:
        fmt = self.formats.get(str(self.query_one("#format", Select).value))
        if fmt is not None and event.value != str(self._default_path(fmt)):
            self._auto_path = False

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        fmt = self.formats[str(self.query_one("#format", Select).value)]
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._say("Name a file to write.", error=True)
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        if path.is_dir():
            self._say(f"{path} is a folder; name a file.", error=True)
            return
        if not path.parent.is_dir():
            self._say(f"{path.parent}: no such folder.", error=True)
            return
        if path.exists() and not self.query_one("#overwrite", Checkbox).value:
            self._say(f"{path} exists; tick 'Replace' or choose another name.", error=True)
            return
        if any(str(path.resolve()) == str(Path(p).resolve()) for p in self.analysis.inputs):
            self._say("That is one of the archives being read; choose another name.", error=True)
            return
        self._say(f"Writing {path}…")
        self.query_one("#export", Button).disabled = True
        self._write(fmt, path)

    @work(thread=True, exclusive=True)
    def _write(self, fmt: ExportFormat, path: Path) -> None:
        try:
            done = write(self.analysis, fmt, path)
        except Exception as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._written, done, path)

    def _failed(self, message: str) -> None:
        self.query_one("#export", Button).disabled = False
        self._say(f"Could not write: {message}", error=True)

    def _written(self, done: str, path: Path) -> None:
        self.app.notify(done, title="Exported", markup=False)
        self.dismiss(path)

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(literal(text))
        message.set_class(error, "error")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
