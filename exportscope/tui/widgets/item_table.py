"""A table of items that draws only the rows on screen, so 200,000 items cost what 30 do.

Textual's DataTable keeps a Python object per cell; for a large archive that is seconds of work and hundreds
of megabytes before the first row shows. This widget holds a polars selection instead and, for each line it
is asked to draw (the Line API), fetches the row from a small cache of 256-row blocks. Cells are plain
segments: archive text never passes through markup, and control characters are made visible.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from exportscope import i18n
from exportscope.query import ItemQuery, Sort
from exportscope.tui.text import VERDICT_MARK, kind_word, one_line, tr, trn, verdict_word, when

_BLOCK = 256

#: The platform column on a narrow screen: two letters, the abbreviations the platforms' users know.
PLATFORM_SHORT: dict[str, str] = {
    "linkedin": "LI",
    "facebook": "FB",
    "instagram": "IG",
    "threads": "TH",
    "whatsapp": "WA",
    "x": "X",
}


class ItemTable(ScrollView, can_focus=True):
    """Rows of (when, kind, verdict, text) over a polars selection; a cursor row; Enter selects."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Detail", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-table--header",
        "item-table--cursor",
        "item-table--empty",
    }

    DEFAULT_CSS = """
    ItemTable { height: 1fr; }
    ItemTable > .item-table--header { text-style: bold; background: $panel; }
    ItemTable > .item-table--cursor { background: $block-cursor-blurred-background; }
    ItemTable:focus > .item-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ItemTable > .item-table--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved onto an item."""

        def __init__(self, table: ItemTable, item_id: int | None) -> None:
            super().__init__()
            self.table = table
            self.item_id = item_id

    class HeaderClicked(Message):
        """A click on a column's header: sort by it (the browser decides the direction)."""

        def __init__(self, table: ItemTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

    class Selected(Message):
        """Enter (or a click) on an item."""

        def __init__(self, table: ItemTable, item_id: int) -> None:
            super().__init__()
            self.table = table
            self.item_id = item_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: Any = None  # pl.DataFrame in query.ROW_COLUMNS order
        self._rows = 0
        self._blocks: dict[int, list[tuple[Any, ...]]] = {}
        #: Platform labels; with more than one, a platform column appears when there is room for it.
        self.platform_labels: dict[str, str] = {}
        #: The language of the header, the verdict words and the kinds.
        self.lang = i18n.DEFAULT_LANG
        #: Ids of the items that carry a finding: marked with ``⚠`` in a one-cell column (shown only when
        #: there are any), so a person sees which posts expose an address, a location or a name.
        self.flagged: frozenset[int] = frozenset()
        #: The order the rows are in (set by the browser): its column's header carries ``▲`` or ``▼``.
        self.sort = Sort()

    # --- data -----------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._rows

    def set_view(self, view: Any) -> None:
        """Show a new selection (a polars frame from :meth:`ItemQuery.select`); the cursor goes to the top."""
        self._view = view
        self._rows = view.height if view is not None else 0
        self._blocks.clear()
        self.virtual_size = Size(self.size.width, self._rows + 1)
        self.scroll_to(y=0, animate=False)
        self.cursor = 0
        self.refresh()

    def _row(self, index: int) -> tuple[Any, ...] | None:
        if not 0 <= index < self._rows or self._view is None:
            return None
        block = index // _BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            if len(self._blocks) > 64:  # a few hundred KB at most; drop the lot, refetching is cheap
                self._blocks.clear()
            rows = ItemQuery.page(self._view, block * _BLOCK, _BLOCK)
            self._blocks[block] = rows
        offset = index - block * _BLOCK
        return rows[offset] if offset < len(rows) else None

    def set_flagged(self, ids: frozenset[int]) -> None:
        """Mark these items as carrying a finding (the findings arrive after the table is first drawn)."""
        self.flagged = ids
        self.refresh()

    def select_id(self, item_id: int) -> bool:
        """Move the cursor onto an item of the current selection; False when the selection lacks it."""
        if self._view is None:
            return False
        at = ItemQuery.index_of(self._view, item_id)
        if at is None:
            return False
        self.cursor = at
        return True

    @property
    def current_id(self) -> int | None:
        row = self._row(self.cursor)
        return int(row[0]) if row else None

    # --- cursor ---------------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._rows - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_id))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else self._rows - 1

    def action_select(self) -> None:
        item_id = self.current_id
        if item_id is not None:
            self.post_message(self.Selected(self, item_id))

    def column_at(self, x: int) -> str | None:
        """The sortable column (a :data:`exportscope.query.SORT_COLUMNS` name) under ``x``, None on the mark."""
        names = self._column_names(self.scrollable_content_region.width)
        left = 0
        for name, width in zip(names, self._widths(self.scrollable_content_region.width), strict=True):
            if left <= x < left + width + 1:
                return name
            left += width + 1
        return None

    def _column_names(self, width: int) -> tuple[str | None, ...]:
        mark = (None,) if self.flagged else ()
        platform = ("platform",) if self._show_platform(width) else ()
        return (*mark, "timestamp", *platform, "kind", "verdict", "text")

    def on_click(self, event: Any) -> None:
        if event.y == 0:
            if (column := self.column_at(event.x)) is not None:
                self.post_message(self.HeaderClicked(self, column))
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < self._rows:
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._rows + 1)

    # --- drawing --------------------------------------------------------------------------------------

    def _show_platform(self, width: int) -> bool:
        """With several platforms, rows must say whose they are: in full where there is room, else short."""
        return len(self.platform_labels) > 1

    def _platform_width(self, width: int) -> int:
        """Room for the platform names (9) or two letters, and never less than the header's word in the
        table's language (French ``plateforme`` is 10)."""
        if width < 90:
            return 2
        return max(9, cell_len(tr("col_platform", self.lang)))

    def _platform_cell(self, platform: str, width: int) -> str:
        if width >= 90:
            return self.platform_labels.get(platform, platform)
        return PLATFORM_SHORT.get(platform, platform[:2].upper())

    def _verdict_width(self) -> int:
        """Wide enough for the mark and the longest verdict word of the language (``● if public``)."""
        words = (verdict_word(v, self.lang) for v in ("training", "conditional", "excluded", "not_used"))
        return 2 + max(cell_len(w) for w in words)

    def _widths(self, width: int) -> tuple[int, ...]:
        """Column widths: [finding mark,] when, [platform,] kind, verdict, text; the text takes what is left."""
        when_w = 16 if width >= 70 else 10
        kind_w = 14 if width >= 90 else 10
        mark = [1] if self.flagged else []
        platform_w = [self._platform_width(width)] if self._show_platform(width) else []
        fixed = [*mark, when_w, *platform_w, kind_w, self._verdict_width()]
        text_w = max(4, width - sum(fixed) - len(fixed))
        return (*fixed, text_w)

    @staticmethod
    def _cell(text: str, width: int) -> str:
        if cell_len(text) > width:
            return set_cell_size(text, max(0, width - 1)) + "…"
        return set_cell_size(text, width)

    def _line(self, cells: tuple[str, ...], width: int) -> str:
        w = self._widths(width)
        out = " ".join(self._cell(c, n) for c, n in zip(cells, w, strict=True))
        return set_cell_size(out, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        style: Style = base
        if y == 0:
            style = base + self.get_component_rich_style("item-table--header")
            lang = self.lang
            platform = (tr("col_platform", lang) if width >= 90 else "",) if self._show_platform(width) else ()
            head_text = trn("col_text", self._rows, lang)
            mark_head = ("⚠",) if self.flagged else ()
            cells = (
                *mark_head,
                tr("col_when", lang),
                *platform,
                tr("col_kind", lang),
                tr("col_verdict", lang),
                head_text,
            )
            # The sorted column's word is cut before its arrow is: a narrow column still shows the order.
            arrow = " ▼" if self.sort.descending else " ▲"
            cells = tuple(
                (cell if cell_len(cell) + 2 <= w else self._cell(cell, max(1, w - 2))) + arrow
                if column == self.sort.column
                else cell
                for cell, column, w in zip(cells, self._column_names(width), self._widths(width), strict=True)
            )
            return Strip([Segment(self._line(cells, width), style)], width)
        index = int(self.scroll_y) + y - 1
        if self._rows == 0 and y == 1:
            style = base + self.get_component_rich_style("item-table--empty")
            return Strip([Segment(set_cell_size(" " + tr("no_items", self.lang), width), style)], width)
        row = self._row(index)
        if row is None:
            return Strip.blank(width, base)
        item_id, ts, platform_name, kind, verdict, text = row
        verdict_cell = f"{VERDICT_MARK.get(verdict, '?')} {verdict_word(verdict, self.lang)}"
        w = self._widths(width)
        mark = (("⚠" if item_id in self.flagged else " "),) if self.flagged else ()
        stamp = when(ts) if w[len(mark)] >= 16 else (when(ts)[:10] if ts else "—")
        platform = (self._platform_cell(platform_name, width),) if self._show_platform(width) else ()
        cells = (*mark, stamp, *platform, kind_word(kind, self.lang), verdict_cell, one_line(text) if text else "—")
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("item-table--cursor")
        return Strip([Segment(self._line(cells, width), style)], width)
