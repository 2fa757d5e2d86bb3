"""The browser: a tree (platform > verdict > kind, with counts), a table of items, and the detail pane.

All questions go to :class:`exportscope.query.ItemQuery`. The tree
(:class:`exportscope.tui.widgets.verdict_tree.VerdictTree`) keeps its shape, so the cursor never jumps; its
counts follow the search text and the dates. Choosing a node narrows the table to that branch. The dates
are a year (the list) and a typed range (``2024-03`` is a month, ``2024-01..2024-06`` a range): with either
on, the items without a date are counted below the table, never dropped in silence. The table sorts by
any column (``s`` cycles, ``S`` reverses, a click on a header sorts by it and again reverses); the sort is
the core's (:class:`exportscope.query.Sort`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Tree

from exportscope import i18n
from exportscope.query import Filter, PeriodError, Sort, parse_period
from exportscope.tui.text import kind_word, literal, localize_bindings, n, tr, trn, verdict_word
from exportscope.tui.widgets.detail import DetailPane, detail_content, item_url
from exportscope.tui.widgets.item_table import ItemTable
from exportscope.tui.widgets.keys import KeyFooter
from exportscope.tui.widgets.verdict_tree import NodeKey, VerdictTree

if TYPE_CHECKING:
    from exportscope.tui.loader import LoadResult

SEARCH_DELAY = 0.2

#: Keys the footer shows side by side under one word when the terminal is narrow (:mod:`..widgets.keys`).
SORT = Binding.Group("Sort")
DATES = Binding.Group("Dates")
PANES = Binding.Group("Panes")


class BrowserScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Every key is in the footer, most used first (KeyFooter wraps them; at 80 columns the grouped ones
        # share one word: "s S Sort"). ? lists them all, each with its own words.
        Binding("question_mark", "app.help", "Help"),  # first: where every key is listed
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("x", "clear", "Clear"),
        Binding("s", "sort_next", "Sort", group=SORT),
        Binding("S", "sort_reverse", "Reverse sort", group=SORT),
        Binding("p", "focus_period", "Date range", group=DATES),
        Binding("y", "focus_year", "Year", group=DATES),
        Binding("m", "app.timeline", "Timeline"),
        Binding("e", "app.export", "Export"),
        Binding("z", "zoom", "Zoom"),
        Binding("l", "open_link", "Open link"),
        Binding("enter", "open_link", "Open link", show=False),
        Binding("t", "focus_tree", "Tree", group=PANES),
        Binding("i", "focus_table", "Items", group=PANES),
        Binding("d", "focus_detail", "Detail", group=PANES),
        Binding("f", "app.findings", "Findings"),
        Binding("o", "app.opt_out", "Opt out"),
        Binding("w", "app.worklist", "Worklist"),
    ]

    DEFAULT_CSS = """
    BrowserScreen #side { width: 30; }
    /* One line each (compact), on a lighter background, so the tree keeps its room at 80x24. */
    BrowserScreen #side Input { margin: 0 0 0 0; background: $boost; }
    BrowserScreen #side Select { margin: 0; }
    BrowserScreen #side #year { margin: 0; }
    BrowserScreen #period.-invalid { color: $text-error; text-style: bold; }
    BrowserScreen #tree { border: round $border; height: 1fr; }
    BrowserScreen #tree:focus { border: round $accent; }
    BrowserScreen #items { border: round $border; height: 3fr; border-title-style: bold; }
    BrowserScreen #items:focus-within { border: round $accent; }
    BrowserScreen #main { width: 1fr; }
    BrowserScreen.narrow #side { width: 24; }
    """

    def __init__(
        self,
        result: LoadResult,
        start: Filter | None = None,
        lang: str = i18n.DEFAULT_LANG,
        select: int | None = None,
    ) -> None:
        super().__init__()
        self.select_on_mount = select  # an item id to put the cursor on (a finding's item)
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.result = result
        self.query_engine = result.query
        self.filter = start or Filter()
        self.order = Sort(lang=lang)  # newest first
        self.labels = result.summary.labels()
        self.rulesets = [e.platform.ruleset for e in result.analysis.exports]
        self._search_timer: Timer | None = None
        self.shown_item: dict[str, Any] | None = None  # the item in the detail pane

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        with Horizontal():
            with Vertical(id="side"):
                yield Input(placeholder=tr("search_hint", self.lang), id="search", value=self.filter.text, compact=True)
                years = [(str(y), y) for y in reversed(self.query_engine.years())]
                yield Select(years, prompt=tr("all_years", self.lang), id="year", allow_blank=True, compact=True)
                yield Input(
                    placeholder=tr("browse.period_hint", self.lang),
                    id="period",
                    value=self._period_text(),
                    compact=True,
                )
                yield VerdictTree(self.query_engine, self.labels, self.lang, id="tree")
            with Vertical(id="main"):
                with Vertical(id="items"):
                    yield ItemTable(id="table")
                yield DetailPane(id="detail", lang=self.lang)
        yield KeyFooter(self.lang)

    def on_mount(self) -> None:
        self.query_one(ItemTable).platform_labels = self.labels
        self.query_one(ItemTable).lang = self.lang
        self.query_one(VerdictTree).build(self.filter)
        self.show_flags()
        self._apply()
        self.query_one(ItemTable).focus()
        if self.select_on_mount is not None:  # once the table has its size, so the row scrolls into view
            self.call_after_refresh(self.select_item, self.select_on_mount)

    def on_resize(self, event: Any) -> None:
        self.set_class(self.size.width < 100, "narrow")

    # --- tree (exportscope.tui.widgets.verdict_tree) --------------------------------------------------------

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self, event: Tree.NodeSelected[NodeKey]) -> None:
        platform, verdict, kind = event.node.data or (None, None, None)
        self.filter = self.filter.with_node(platform, verdict, kind)
        self._apply(relabel=False)

    # --- filters --------------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search_now)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_now()
        self.query_one(ItemTable).focus()

    def _search_now(self) -> None:
        text = self.query_one("#search", Input).value.strip()
        if text != self.filter.text:
            self.filter = replace(self.filter, text=text)
            self._apply()

    @on(Select.Changed, "#year")
    def _year_changed(self, event: Select.Changed) -> None:
        year = event.value if isinstance(event.value, int) else None
        if year != self.filter.year:
            self.filter = replace(self.filter, year=year)
            self._apply()

    def _period_text(self, f: Filter | None = None) -> str:
        """A filter's range (the browser's own by default) as the period box shows it
        (``2024-03-01..2024-03-31``), empty for none."""
        f = f or self.filter
        if f.start is None and f.end is None:
            return ""
        return f"{f.start.isoformat() if f.start else ''}..{f.end.isoformat() if f.end else ''}"

    @on(Input.Submitted, "#period")
    def _period_submitted(self, event: Input.Submitted) -> None:
        if self._period_now():
            self.query_one(ItemTable).focus()

    @on(Input.Changed, "#period")
    def _period_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")  # typing again takes the error mark away until the next Enter

    def _period_now(self) -> bool:
        """Read the typed range and apply it; a range that cannot be read is said (and nothing changes)."""
        box = self.query_one("#period", Input)
        try:
            start, end = parse_period(box.value)
        except PeriodError as err:
            box.add_class("-invalid")
            self.notify(tr(f"browse.period_error.{err.code}", self.lang), severity="error", markup=False)
            return False
        box.remove_class("-invalid")
        if (start, end) != (self.filter.start, self.filter.end):
            self.filter = replace(self.filter, start=start, end=end)
            self._apply()
        return True

    def set_filter(self, f: Filter) -> None:
        """Apply a filter from outside (the command palette, a test, the dashboard's platform)."""
        self.filter = f
        self.query_one("#search", Input).value = f.text
        year = self.query_one("#year", Select)
        year.value = f.year if f.year is not None else Select.NULL
        period = self.query_one("#period", Input)
        period.value = self._period_text()
        period.remove_class("-invalid")
        self._apply()

    def set_order(self, order: Sort) -> None:
        """Sort the table (the cursor stays on the item it was on, wherever that item moves)."""
        table = self.query_one(ItemTable)
        current = table.current_id
        self.order = order
        table.sort = order
        table.set_view(self.query_engine.select(self.filter, order))
        if current is not None:
            table.select_id(current)
        self._show_detail(table.current_id)

    @on(ItemTable.HeaderClicked)
    def _header_clicked(self, event: ItemTable.HeaderClicked) -> None:
        self.set_order(self.order.toggled(event.column))

    def action_sort_next(self) -> None:
        self.set_order(self.order.next_column())

    def action_sort_reverse(self) -> None:
        self.set_order(replace(self.order, descending=not self.order.descending))

    def _apply(self, relabel: bool = True) -> None:
        if relabel:
            self.query_one(VerdictTree).relabel(self.query_engine.counts(self.filter), self.filter.narrowed)
        view = self.query_engine.select(self.filter, self.order)
        table = self.query_one(ItemTable)
        table.sort = self.order
        table.set_view(view)
        desc = self.describe(self.filter)
        shown = tr("items_of", self.lang, n=n(view.height, self.lang), total=n(self.query_engine.total, self.lang))
        items = self.query_one("#items")
        items.border_title = Content.assemble(shown, " · ", literal(desc))
        self._subtitle()
        self._show_detail(table.current_id)

    def _subtitle(self) -> None:
        """Below the table: the items a date filter leaves out for having no date, the marker's legend (when
        items carry findings), and how to clear a filter."""
        parts = []
        if undated := self.query_engine.undated_left_out(self.filter):
            parts.append(trn("browse.undated_left_out", undated, self.lang, n=n(undated, self.lang)))
        if self.query_one(ItemTable).flagged:
            parts.append(i18n.t("finding_words.marker", self.lang))
        if not self.filter.is_empty:
            parts.append(tr("clear_hint", self.lang))
        self.query_one("#items").border_subtitle = Content(" · ".join(parts)) if parts else None

    def show_flags(self) -> None:
        """Mark the items that carry a finding (again when the findings arrive while the browser is open)."""
        refs = self.result.finding_refs
        ids = frozenset(self.query_engine.ids_at(refs.positions())) if len(refs) else frozenset()
        self.query_one(ItemTable).set_flagged(ids)
        self._subtitle()

    def select_item(self, item_id: int) -> None:
        """Put the cursor on one item (a finding's): in the current selection if it holds it, else in all items."""
        table = self.query_one(ItemTable)
        if not table.select_id(item_id):
            self.query_one(VerdictTree).go_home()
            self.set_filter(Filter())
            table.select_id(item_id)
        table.focus()
        self._show_detail(item_id)

    def describe(self, f: Filter) -> str:
        """What the table shows, in words: ``LinkedIn › training › post · 2025 · "café"``."""
        node = [
            self.labels.get(f.platform, f.platform) if f.platform else None,
            verdict_word(f.verdict, self.lang) if f.verdict else None,
            kind_word(f.kind, self.lang) if f.kind else None,
        ]
        parts = [" › ".join(p for p in node if p) or tr("all_items_lc", self.lang)]
        if f.year is not None:
            parts.append(str(f.year))
        if f.start is not None or f.end is not None:
            parts.append(self._period_text(f))
        if f.text:
            parts.append(f'"{f.text}"')
        return " · ".join(parts)

    # --- detail ---------------------------------------------------------------------------------------

    @on(ItemTable.Highlighted)
    def _highlighted(self, event: ItemTable.Highlighted) -> None:
        # The table as it is now, not as it was when the message left: a message from an empty selection
        # that arrives after the next one filled the table must not say "no item matches".
        self._show_detail(self.query_one(ItemTable).current_id)

    @on(ItemTable.Selected)
    def _selected(self, event: ItemTable.Selected) -> None:
        self._show_detail(event.item_id)
        self.query_one(DetailPane).focus()

    def _show_detail(self, item_id: int | None) -> None:
        pane = self.query_one(DetailPane)
        if item_id is None:
            pane.show(Content.assemble((tr("no_match", self.lang), "$text-muted")))
            return
        item = self.query_engine.item(item_id)
        self.shown_item = item
        pane.show(detail_content(item, self.rulesets, self.labels, self.lang, highlight=self.filter.text))

    # --- actions --------------------------------------------------------------------------------------

    def action_open_link(self) -> None:
        """Open the detail pane's item: its link, or its platform's activity page (copied where no browser)."""
        if self.shown_item is None:
            return
        opener = getattr(self.app, "open_link", None)
        if opener is not None:
            opener(item_url(self.shown_item))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_period(self) -> None:
        self.query_one("#period", Input).focus()

    def action_focus_year(self) -> None:
        self.query_one("#year", Select).focus()

    def action_focus_tree(self) -> None:
        self.query_one(VerdictTree).focus()

    def action_focus_table(self) -> None:
        self.query_one(ItemTable).focus()

    def action_focus_detail(self) -> None:
        self.query_one(DetailPane).focus()

    def action_clear(self) -> None:
        self.query_one(VerdictTree).go_home()
        self.set_filter(Filter())

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self.query_one(DetailPane), container=False)

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if isinstance(focused, Input) and focused.id == "period":
            if self._period_now():  # Esc applies the range as Enter does; an unreadable one keeps the focus
                self.query_one(ItemTable).focus()
            return
        if isinstance(focused, Input):
            # Esc leaves the search box with the search applied and gives the keys back to the table
            # (x clears the search).
            if self._search_timer is not None:
                self._search_timer.stop()
            self._search_now()
            self.query_one(ItemTable).focus()
            return
        if isinstance(focused, (Select, DetailPane)):
            self.query_one(ItemTable).focus()
            return
        self.app.pop_screen()
