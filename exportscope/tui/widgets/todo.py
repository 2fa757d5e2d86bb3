"""The to-do list at the top of the dashboard: the headline, then the ranked actions, each one tickable.

Rendered from ``summary["todo"]`` (:mod:`exportscope.actions.todo`), the same list the reports and the text
summary show. A tick is the person's own record ("I did this"); the app keeps the ticked ids and every
export made from the UI carries them. The highlighted action's path and link show below the list.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from exportscope import i18n
from exportscope.actions.todo import ActionText, action_texts, headline_text
from exportscope.tui.text import colon, literal, tr


class TodoPanel(Vertical):
    DEFAULT_CSS = """
    TodoPanel { height: auto; border: round $accent; border-title-style: bold; padding: 0 1; margin: 0 1; }
    TodoPanel #todo-headline { text-style: bold; height: auto; }
    TodoPanel SelectionList { height: auto; max-height: 7; border: none; padding: 0; }
    TodoPanel SelectionList:focus { border: none; }
    TodoPanel #todo-how { color: $text-muted; height: auto; max-height: 3; }
    TodoPanel.compact SelectionList { max-height: 4; }
    TodoPanel.compact #todo-how { max-height: 2; }
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANG, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.border_title = tr("act.todo_title", lang)
        self.border_subtitle = tr("act.todo_hint", lang)
        self.texts: list[ActionText] = []

    def on_mount(self) -> None:
        self.display = False  # until the archive is read

    def on_resize(self) -> None:
        # On a small terminal (80x24) the list shows four actions at a time, so the cards stay in sight.
        self.set_class(self.app.size.height < 40, "compact")

    def compose(self) -> ComposeResult:
        yield Static("", id="todo-headline")
        yield SelectionList[str](id="todo-list")
        yield Static("", id="todo-how")

    def show(self, todo: dict[str, Any], labels: dict[str, str]) -> None:
        self.display = True
        self.query_one("#todo-headline", Static).update(literal(headline_text(todo, self.lang)))
        self.texts = action_texts(todo, self.lang, labels)
        options = self.query_one(SelectionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            [
                Selection(Content.assemble(literal(a.title), (f" — {a.count}", "$text-muted")), a.id, a.done)
                for a in self.texts
            ]
        )
        if self.texts:
            options.highlighted = min(highlighted or 0, len(self.texts) - 1)
            self._show_how(options.highlighted)

    def _show_how(self, index: int | None) -> None:
        how = self.query_one("#todo-how", Static)
        if index is None or index >= len(self.texts):
            how.update("")
            return
        a = self.texts[index]
        link = a.forms[0][1] if a.forms else a.url
        lines = [Content.assemble((i18n.t("todo.how", self.lang) + colon(self.lang), "bold"), literal(a.how))]
        if link:
            lines.append(Content.assemble((tr("act.link", self.lang) + colon(self.lang), "bold"), literal(link)))
        how.update(Content("\n").join(lines))

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show_how(event.selection_index)

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        value = event.selection.value
        title = next((a.title for a in self.texts if a.id == value), value)
        now = value in event.selection_list.selected
        self.app.notify(tr("act.ticked" if now else "act.unticked", self.lang, title=title), markup=False)

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        set_ticks = getattr(self.app, "set_todo_done", None)
        if set_ticks is not None:
            set_ticks(set(event.selection_list.selected))
