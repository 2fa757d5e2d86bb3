"""The first screen: appears at once, shows reading progress, then one card per platform found.

The screen owns no data: the app hands it a :class:`~exportscope.tui.loader.LoadResult` when the loader is
done, and progress values while it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static

from exportscope import i18n
from exportscope.termsafe import safe
from exportscope.tui.text import colon, literal, localize_bindings, n, name, tr, trn
from exportscope.tui.widgets.cards import PlatformCard
from exportscope.tui.widgets.keys import KeyFooter
from exportscope.tui.widgets.todo import TodoPanel

if TYPE_CHECKING:
    from exportscope.tui.loader import LoadResult


class DashboardScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help"),  # first: where every key is listed
        Binding("b", "app.browse", "Browse"),
        Binding("slash", "app.search", "Search"),
        Binding("o", "app.opt_out", "Opt out"),
        Binding("f", "app.findings", "Findings"),
        Binding("e", "app.export", "Export"),
        Binding("m", "app.timeline", "Timeline"),
        # Every key is in the footer; at 80 columns the last ones scroll (the help lists them all).
        Binding("a", "app.answers", "Answers"),
        Binding("w", "app.worklist", "Worklist"),
        Binding("tab", "app.focus_next", "Next card", show=False),
    ]

    DEFAULT_CSS = """
    DashboardScreen #cards { padding: 0 1; }
    DashboardScreen #status { color: $text-muted; padding: 0 2; height: auto; max-height: 4; }
    /* Below the cards, above the footer (however many rows the footer takes). */
    DashboardScreen #loadbar { height: 1; padding: 0 1; }
    DashboardScreen #loadbar ProgressBar { width: auto; }
    DashboardScreen #loadbar #current { width: 1fr; color: $text-muted; padding-left: 1; }
    DashboardScreen .hidden { display: none; }
    DashboardScreen.wide #cards.several TodoPanel { column-span: 2; }
    DashboardScreen.wide #cards.several { layout: grid; grid-size: 2; grid-rows: auto; grid-gutter: 1 1; }
    DashboardScreen.wide #cards.several PlatformCard { margin: 0; }
    """

    def __init__(self, names: list[str], lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.names = names
        self.lang = lang
        localize_bindings(self._bindings, lang)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        yield Static(literal(tr("reading", self.lang, path=", ".join(self.names)) + "…"), id="status")
        with VerticalScroll(id="cards"):
            yield TodoPanel(self.lang, id="todo")
        with Horizontal(id="loadbar"):
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static("", id="current")
        yield KeyFooter(self.lang)

    def on_resize(self) -> None:
        # Side by side on a large terminal, so several platforms are compared at a glance.
        self.set_class(self.size.width >= 150, "wide")

    # --- loading --------------------------------------------------------------------------------------

    def show_progress(self, done: int, total: int, current: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        done_s, total_s = n(done, self.lang), n(total, self.lang)
        if current:
            line = tr("progress_file", self.lang, done=done_s, total=total_s, path=safe(current))
        else:
            line = tr("progress", self.lang, done=done_s, total=total_s)
        self.query_one("#current", Static).update(literal(line))

    def show_stage(self, key: str) -> None:
        self.query_one("#current", Static).update(literal(tr(key, self.lang)))

    def show_error(self, error: str) -> None:
        self.query_one("#loadbar").add_class("hidden")
        status = self.query_one("#status", Static)
        head = tr("load_error", self.lang) + colon(self.lang)
        status.update(Content.assemble((head, "bold $text-error"), name(error)))

    async def show_result(self, result: LoadResult, partial: bool = False) -> None:
        """Fill the cards; ``partial``: the exports read so far, while the next is read (the bar stays)."""
        if not partial:
            self.query_one("#loadbar").add_class("hidden")
        summary = result.summary
        status = self.query_one("#status", Static)
        total = result.query.total
        platforms = summary.platforms
        line = f"{trn('n_items', total, self.lang)} {trn('in_exports', len(platforms), self.lang)}"
        if partial:
            line += tr("so_far", self.lang)
        notes = [literal(i18n.note_text(note, self.lang)) for note in summary.notes]
        status.update(Content("\n").join([Content(line), *notes]))
        focused = getattr(self.focused, "platform", None)
        cards = self.query_one("#cards", VerticalScroll)
        await cards.remove_children(PlatformCard)
        if summary.todo:
            self.query_one(TodoPanel).show(summary.todo, summary.labels())
        contexts = result.analysis.contexts
        # One card per context (summary.build writes one platform entry per context, in their order).
        widgets = [
            PlatformCard(doc, result.query, result.findings, summary.as_of, ctx.policy, self.lang, key=key)
            for doc, (key, ctx) in zip(platforms, contexts.items(), strict=True)
        ]
        await cards.mount_all(widgets)
        cards.set_class(len(widgets) > 1, "several")
        target = next((w for w in widgets if w.platform == focused), widgets[0] if widgets else None)
        if target is not None:
            # The card takes the keys (b, o act on its platform); the view stays at the top, on the to-do list.
            self.call_after_refresh(target.focus, False)

    def show_findings(self, findings: list[dict[str, Any]] | None) -> None:
        for card in self.query(PlatformCard):
            card.show_findings(findings)
