"""``m``: the items used for AI training, month by month, as bars (one line per month, Unicode blocks).

Each line is a month from the first to the last dated item used for training or used if public (empty
months included, so gaps show; four or more empty months in a row are one line): ``█`` for the items
used for training, ``▒`` for those used only if public, then the counts. ``p`` steps through the
platforms and back to all of them. The counts come from :meth:`exportscope.query.ItemQuery.per_month`;
the bars are scaled to the widest month and to the window (they redraw on resize), so the screen fits 80
columns. Undated items are counted above the bars, not dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from exportscope import i18n
from exportscope.query import bar_cells
from exportscope.tui.text import VERDICT_MARK, VERDICT_STYLE, localize_bindings, n, tr, verdict_word
from exportscope.tui.widgets.keys import KeyFooter

if TYPE_CHECKING:
    from exportscope.tui.loader import LoadResult

TRAINING_BLOCK = "█"
CONDITIONAL_BLOCK = "▒"
#: This many empty months in a row or more are one line ("Sep 2008 – Dec 2013  0"), not a screen of zeros.
EMPTY_RUN = 4


class TimelineScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "next_platform", "Next platform"),
        Binding("b", "browse_training", "Browse"),
    ]

    DEFAULT_CSS = """
    TimelineScreen #timeline-head { padding: 0 1; height: auto; }
    TimelineScreen #timeline-scroll { padding: 0 1; }
    """

    def __init__(self, result: LoadResult, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.result = result
        self.labels = result.summary.labels()
        #: None (every platform), then each platform with items used for training, in the cards' order.
        self.choices: list[str | None] = [None, *result.query.platforms()]
        self.platform: str | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        yield Static(id="timeline-head")
        with VerticalScroll(id="timeline-scroll"):
            yield Static(id="timeline")
        yield KeyFooter(self.lang)

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def action_next_platform(self) -> None:
        self.platform = self.choices[(self.choices.index(self.platform) + 1) % len(self.choices)]
        self.redraw()

    def action_browse_training(self) -> None:
        """Open the browser on the items used for training of the shown platform (a month is then typed in
        its date box: ``p`` then ``2024-03``)."""
        from exportscope.query import Filter

        browse = getattr(self.app, "action_browse", None)
        if browse is not None:
            self.app.pop_screen()
            browse(Filter(platform=self.platform, verdict="training"))

    def _month(self, year: int, month: int) -> str:
        return f"{tr('timeline.months_short', self.lang).split()[month - 1]} {year}"

    def lines(self, width: int) -> tuple[Content, Content]:
        """The heading (totals, legend, undated) and the bars, for a window ``width`` cells wide."""
        lang = self.lang
        query = self.result.query
        platform = self.labels.get(self.platform, self.platform) if self.platform else None
        name = platform or tr("timeline.all_platforms", lang)
        months = query.per_month(self.platform)
        head: list[Content] = [Content.assemble((tr("timeline.title", lang), "bold"))]
        if not months:
            head.append(Content(tr("timeline.none", lang, platform=name)))
        else:
            training = sum(c.get("training", 0) for _, _, c in months)
            conditional = sum(c.get("conditional", 0) for _, _, c in months)
            first, last = self._month(*months[0][:2]), self._month(*months[-1][:2])
            head.append(
                Content(
                    tr(
                        "timeline.total",
                        lang,
                        platform=name,
                        training=n(training, lang),
                        conditional=n(conditional, lang),
                        first=first,
                        last=last,
                    )
                )
            )
            head.append(
                Content.assemble(
                    (TRAINING_BLOCK, VERDICT_STYLE["training"]),
                    f" {VERDICT_MARK['training']} {verdict_word('training', lang)} · ",
                    (CONDITIONAL_BLOCK, VERDICT_STYLE["conditional"]),
                    f" {VERDICT_MARK['conditional']} {verdict_word('conditional', lang)}",
                )
            )
        if undated := query.undated(self.platform):
            head.append(Content(i18n.tn("tui.timeline.undated", undated, lang, n=n(undated, lang))))
        if not months:
            return Content("\n").join(head), Content("")
        label_w = max(len(self._month(y, m)) for y, m, _ in months)
        totals = [c.get("training", 0) + c.get("conditional", 0) for _, _, c in months]
        top = max(totals)
        count_w = max(len(n(t, lang)) for t in totals)
        bar_w = max(8, width - label_w - count_w - 6)
        rows: list[Content] = []
        at = 0
        while at < len(months):
            year, month, counts = months[at]
            total = totals[at]
            run = at
            while run < len(months) and totals[run] == 0:
                run += 1
            if run - at >= EMPTY_RUN:  # a long stretch of empty months: one line, so the bars stay in sight
                end_year, end_month, _ = months[run - 1]
                span = f"{self._month(year, month)} – {self._month(end_year, end_month)}"
                rows.append(Content.assemble((f"{span:<{label_w + bar_w + 1}} {n(0, lang):>{count_w}}", "dim")))
                at = run
                continue
            used = bar_cells(total, top, bar_w)
            trained = min(used, bar_cells(counts.get("training", 0), top, bar_w))
            rows.append(
                Content.assemble(
                    f"{self._month(year, month):<{label_w}} ",
                    (TRAINING_BLOCK * trained, VERDICT_STYLE["training"]),
                    (CONDITIONAL_BLOCK * (used - trained), VERDICT_STYLE["conditional"]),
                    " " * (bar_w - used + 1),
                    (f"{n(total, lang):>{count_w}}", "bold" if total else "dim"),
                )
            )
            at += 1
        return Content("\n").join(head), Content("\n").join(rows)

    def redraw(self) -> None:
        width = self.query_one("#timeline-scroll").scrollable_content_region.width or self.size.width
        head, rows = self.lines(max(20, width))
        self.query_one("#timeline-head", Static).update(head)
        self.query_one("#timeline", Static).update(rows)
