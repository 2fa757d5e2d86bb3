"""The footer: every key of the screen in sight, on as many lines as the width needs.

Textual's :class:`~textual.widgets.Footer` puts the keys on one line and lets the last ones scroll out of
sight: at 80 columns (and in French already at 160) a person never saw them. :class:`KeyFooter` reads the
same keys (the screen's active bindings that are shown) and lays them out in rows that fit the width. It
tries these wordings, in this order:

1. every key with its full description (``S Reverse sort``);
2. the short descriptions of the catalogue (``tui.keys_short.*``: ``S Reverse``);
3. the short descriptions, and the keys of one group side by side under one word (``s S Sort``,
   ``p y Dates``; the groups are the bindings' :class:`~textual.binding.Binding.Group`);
4. the same, with the command palette's key alone (``^p``, its word in the help).

It keeps the first that needs the fewest rows (on a terminal of 40 rows or more, the first that needs at
most one row more: full words on two rows read better than short ones on one). So a wide terminal reads
full words, and an 80-column one every key on two or three rows;
the help (``?``) still says each key in full. The layout itself is :func:`layout` (pure, tested alone).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from exportscope import i18n
from exportscope.tui.text import key_text

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen

#: Columns between two entries (the compact footer's margin).
GAP = 1
#: Columns the command palette's key takes besides its text (its left border).
PALETTE_BORDER = 1


@dataclass(frozen=True)
class Key:
    """One key as the footer shows it: the key, its display (``?``, ``esc``, ``^p``) and what it does."""

    key: str
    display: str
    action: str
    enabled: bool
    tooltip: str


@dataclass(frozen=True)
class Entry:
    """What one place of the footer shows: one key and its word, or a group's keys and the group's word."""

    keys: tuple[Key, ...]
    label: str
    grouped: bool = False

    @property
    def width(self) -> int:
        """Columns on screen: the keys a space apart, a space, the word."""
        keys = sum(cell_len(k.display) for k in self.keys) + GAP * (len(self.keys) - 1)
        return keys + (1 + cell_len(self.label) if self.label else 0)


def layout(entries: Sequence[Entry], width: int, reserved: int = 0) -> list[list[Entry]]:
    """The entries in rows of at most ``width`` columns, in their order (greedy); the last row also leaves
    ``reserved`` columns free (the palette's key, docked on its right). An entry wider than a row gets a row
    of its own."""
    rows: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        need = entry.width if not rows[-1] else used + GAP + entry.width
        if rows[-1] and need > width:
            rows.append([])
            need = entry.width
        rows[-1].append(entry)
        used = need
    if reserved and rows[-1] and used + GAP + reserved > width:
        rows.append([])  # the palette's key alone on a last row
    return rows


@functools.cache
def _short_words(lang: str) -> dict[str, str]:
    """Full key description in ``lang`` -> its short form (``tui.keys.X`` -> ``tui.keys_short.X``)."""
    out: dict[str, str] = {}
    for key in i18n.catalogue():
        if key.startswith("tui.keys_short."):
            slug = key.removeprefix("tui.keys_short.")
            out[i18n.t(f"tui.keys.{slug}", lang)] = i18n.t(key, lang)
    return out


def short_word(description: str, lang: str) -> str:
    """The short form of a (translated) key description, or the description itself."""
    return _short_words(lang).get(description, description)


@dataclass(frozen=True)
class Wording:
    """One way to word the footer: its entries, and the palette's key (None where the screen has none)."""

    entries: tuple[Entry, ...]
    palette: Entry | None

    def rows(self, width: int) -> list[list[Entry]]:
        reserved = self.palette.width + PALETTE_BORDER if self.palette is not None else 0
        return layout(self.entries, width, reserved)


def wordings(bindings: Iterable[tuple[Binding, Key]], palette: Entry | None, lang: str) -> list[Wording]:
    """The wordings of the module doc, in order of preference."""
    pairs = list(bindings)
    full = [Entry((k,), b.description) for b, k in pairs]
    short = [Entry((k,), short_word(b.description, lang)) for b, k in pairs]
    grouped: list[Entry] = []
    for b, k in pairs:
        last = grouped[-1] if grouped else None
        if b.group is not None and last is not None and last.grouped and last.label == b.group.description:
            grouped[-1] = Entry((*last.keys, k), last.label, grouped=True)
        elif b.group is not None:
            grouped.append(Entry((k,), b.group.description, grouped=True))
        else:
            grouped.append(Entry((k,), short_word(b.description, lang)))
    # A group of one key (its partner is hidden or taken by another binding) reads as the key's own word.
    grouped = [
        Entry(e.keys, short_word(next(b.description for b, k in pairs if k == e.keys[0]), lang))
        if e.grouped and len(e.keys) == 1
        else e
        for e in grouped
    ]
    bare = Entry(palette.keys, "") if palette is not None else None
    return [
        Wording(tuple(full), palette),
        Wording(tuple(short), palette),
        Wording(tuple(grouped), palette),
        Wording(tuple(grouped), bare),
    ]


#: From this terminal height on, one more footer row is worth full words over short ones.
TALL = 40


def best(options: Sequence[Wording], width: int, height: int = 24) -> tuple[Wording, list[list[Entry]]]:
    """The first wording that needs the fewest rows at ``width``, and its rows; on a tall terminal the first
    that needs at most one row more (full words on two rows rather than short ones on one)."""
    laid = [(wording, wording.rows(width)) for wording in options]
    budget = min(len(rows) for _, rows in laid) + (1 if height >= TALL else 0)
    return next(pair for pair in laid if len(pair[1]) <= budget)


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` whose keys wrap onto more rows instead of scrolling out of sight."""

    DEFAULT_CSS = """
    KeyFooter { layout: vertical; height: auto; max-height: 4; }
    KeyFooter > .key-row { height: 1; width: 1fr; }
    KeyFooter.-compact FooterKey.-grouped { margin: 0 1 0 0; }
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANG, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)
        self.lang = lang
        #: The rows as last laid out (what a test reads; None before the bindings are known).
        self.rows: list[list[Entry]] | None = None
        self._laid = (0, 0)  # the width and terminal height the rows were laid out for
        #: What the rows were composed from (keys, width, height, the rows of the footer below): a change of
        #: bindings that leaves it as it was recomposes nothing.
        self._composed: tuple[object, ...] | None = None
        self._pending = False  # a recompose is scheduled after the next refresh
        #: How many times the keys were composed (what a test reads: a dialog opened must not recompose
        #: them a dozen times).
        self.compositions = 0

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose once after the refresh, and only if what the footer shows changed.

        Textual's footer recomposes after every change of bindings, and opening or closing a dialog makes a
        dozen (each focus change, the screen stack, the app's focus); each recompose mounts the whole footer
        again, which made ``?`` take a third of a second to open the help. Here several changes in one
        refresh make one recompose, and none when the keys, the width and the footer below are the same."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._pending:
            return
        self._pending = True
        self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        self._pending = False
        if not self.is_attached or self._signature() == self._composed:
            return
        await self.recompose()

    def _signature(self) -> tuple[object, ...]:
        shown, palette = self._shown()
        keys = tuple((b.key, b.action, b.description, b.group, k) for b, k in shown)
        width = self.size.width or self.app.size.width
        return (keys, palette, width, self.app.size.height, self._rows_below())

    def _shown(self) -> tuple[list[tuple[Binding, Key]], Entry | None]:
        """The shown bindings, one per action (as Textual's footer shows them), and the palette's key."""
        active = self.screen.active_bindings
        seen: set[str] = set()
        out: list[tuple[Binding, Key]] = []
        for _, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = Key(binding.key, self.app.get_key_display(binding), binding.action, enabled, tooltip)
            # Textual's own widgets' keys (the format menu's "Dismiss menu") in the app's language too.
            out.append((replace(binding, description=key_text(binding.description, self.lang)), key))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                key = Key(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.action,
                    enabled,
                    binding.tooltip or binding.description,
                )
                palette = Entry((key,), binding.description)
        return out, palette

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown, palette_entry = self._shown()
        width = self.size.width or self.app.size.width
        self._laid = (width, self.app.size.height)
        self._composed = self._signature()
        self.compositions += 1
        wording, rows = best(wordings(shown, palette_entry, self.lang), width, self.app.size.height)
        palette = wording.palette
        self.rows = rows
        # On a dialog, as tall as the footer of the screen below, so none of its keys shows through.
        padding = max(0, self._rows_below() - len(rows))
        self.styles.height = len(rows) + padding
        for _ in range(padding):
            yield HorizontalGroup(classes="key-row")
        for number, row in enumerate(rows, 1):
            with HorizontalGroup(classes="key-row"):
                for entry in row:
                    yield from self._entry(entry)
                if number == len(rows) and palette is not None:
                    k = palette.keys[0]
                    yield FooterKey(
                        k.key,
                        k.display,
                        palette.label,
                        k.action,
                        classes="-command-palette",
                        disabled=not k.enabled,
                        tooltip=k.tooltip,
                    ).data_bind(compact=Footer.compact)

    def _rows_below(self) -> int:
        """The rows of the footer of the screen under this one when this one is a dialog (0 otherwise)."""
        screen = self.screen
        stack = self.app.screen_stack
        if not screen.is_modal or screen not in stack or stack.index(screen) == 0:
            return 0
        below = stack[stack.index(screen) - 1]
        return max((len(f.rows or []) for f in below.query(KeyFooter)), default=0)

    def _entry(self, entry: Entry) -> Iterable[FooterKey | FooterLabel]:
        if entry.grouped:
            for k in entry.keys:
                yield FooterKey(
                    k.key, k.display, "", k.action, disabled=not k.enabled, tooltip=k.tooltip, classes="-grouped"
                ).data_bind(compact=Footer.compact)
            yield FooterLabel(entry.label)
            return
        k = entry.keys[0]
        yield FooterKey(k.key, k.display, entry.label, k.action, disabled=not k.enabled, tooltip=k.tooltip).data_bind(
            compact=Footer.compact
        )

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and (event.size.width, self.app.size.height) != self._laid:
            self.call_after_refresh(self.recompose)
