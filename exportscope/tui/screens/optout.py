"""What a person can do: per platform, the exact setting, the link, what it stops and what it does not undo.

Facts come from ``schemas/policies.toml`` through :func:`exportscope.explain.opt_out` (translated by
:func:`exportscope.explain.localize_opt_out` before they get here). Links are shown as text to copy (``c``
copies through the terminal, ``enter`` opens the browser on request, never by itself); ``l`` writes a draft
objection letter (``exportscope letter``) in Markdown beside the export dialog's folder, never over a file,
on a thread with a moving bar (esc cancels it: :mod:`exportscope.tui.writing`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from exportscope import i18n
from exportscope.explain import OptOut
from exportscope.tui import writing
from exportscope.tui.text import colon, localize_bindings, tr
from exportscope.tui.widgets.keys import KeyFooter


def optout_content(o: OptOut, lang: str = i18n.DEFAULT_LANG) -> Content:
    region = i18n.region_label(o.region, lang) if o.region else tr("region_unknown_long", lang)
    c = colon(lang)
    lines = [
        Content.assemble((tr("your_region", lang) + c, "bold"), region, " — ", o.region_note),
        Content.assemble((tr("setting", lang) + c, "bold"), o.setting),
        Content.assemble((tr("where", lang) + c, "bold"), o.setting_path),
        Content.assemble((tr("link", lang), "bold"), " ", tr("link_keys", lang) + c.rstrip()),
        Content.assemble((o.url, "underline")),  # on its own line, so it can be selected whole
        Content.assemble((tr("what_it_does", lang) + c, "bold"), o.effect),
    ]
    if o.levers:
        lines.append(Content.assemble((tr("other_levers", lang) + c.rstrip(), "bold")))
        lines += [Content(f"  • {lever}") for lever in o.levers]
    if o.notes:
        lines.append(Content.assemble((tr("good_to_know", lang) + c.rstrip(), "bold")))
        lines += [Content(f"  • {note}") for note in o.notes]
    if o.sources:
        lines.append(Content.assemble((tr("sources", lang) + c.rstrip(), "bold")))
        lines += [Content(f"  • {s.get('title', '')} {s.get('url', '')}") for s in o.sources]
    return Content("\n").join(lines)


class OptOutPanel(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy link"),
        Binding("enter", "open", "Open link"),
        Binding("l", "letter", "Draft letter"),
    ]

    DEFAULT_CSS = """
    OptOutPanel { border: round $border; padding: 0 1; margin-bottom: 1; height: auto; border-title-style: bold; }
    OptOutPanel:focus { border: round $accent; }
    """

    def __init__(self, o: OptOut, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__(optout_content(o, lang), id=f"optout-{o.platform}")
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.optout = o
        self.border_title = tr("optout_title", lang, label=o.label)
        self.border_subtitle = tr("optout_keys_letter" if self._has_letter() else "optout_keys", lang)

    def _has_letter(self) -> bool:
        from exportscope.actions.letter import platform_labels

        return self.optout.platform in platform_labels()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``l`` only where exportscope can write a letter (schemas/letters.toml): hidden elsewhere."""
        return not (action == "letter" and not self._has_letter())

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.optout.url)
        self.app.notify(self.optout.url, title=tr("link_copied", self.lang), markup=False)

    def action_open(self) -> None:
        """The app's own link opener: a browser where one can open, else the clipboard, said as it is."""
        opener = getattr(self.app, "open_link", None)
        if opener is not None:
            opener(self.optout.url)
            return
        self.action_copy()

    def action_letter(self) -> None:
        """Write the draft letter for this platform (:meth:`OptOutScreen.write_letter`)."""
        screen = self.screen
        if isinstance(screen, OptOutScreen):
            screen.write_letter(self.optout)


class OptOutScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    DEFAULT_CSS = """
    OptOutScreen VerticalScroll { padding: 0 0; }
    OptOutScreen #intro { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, optouts: list[OptOut], focus_platform: str | None = None, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.optouts = optouts
        self.focus_platform = focus_platform
        #: The letter being written (None before the first ``l``).
        self.job: writing.Job | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◎")
        yield Static(tr("optout_intro", self.lang), markup=False, id="intro")  # outside the scroll: always seen
        with VerticalScroll():
            for o in self.optouts:
                yield OptOutPanel(o, self.lang)
        yield writing.WritingBar(id="letter-writing")
        yield KeyFooter(self.lang)

    def on_mount(self) -> None:
        panels = list(self.query(OptOutPanel))
        target = next((p for p in panels if p.optout.platform == self.focus_platform), panels[0] if panels else None)
        if target is not None:
            target.focus()

    def write_letter(self, optout: OptOut) -> None:
        """Write the draft letter for a platform, in the app's language, to a new file beside the exports; say
        where. Built and written on a thread with a moving bar; esc cancels it (:mod:`exportscope.tui.writing`)."""
        from exportscope.actions.catalogue import LETTER_LANGS
        from exportscope.actions.letter import LetterRequest, build_letter, platform_labels
        from exportscope.actions.letter_render import write_letter
        from exportscope.outpath import OutputRefused, check_new_output, default_directory

        if self.job is not None and self.job.running:
            return
        result = getattr(self.app, "result", None)
        platform = optout.platform
        if result is None or platform not in platform_labels():
            self.app.notify(tr("letter_none", self.lang), markup=False)
            return
        folder = getattr(self.app, "export_dir", None) or default_directory(result.analysis.inputs)
        path = folder / f"exportscope-letter-{platform}.md"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"exportscope-letter-{platform}-{n}.md"
        try:  # the CLI's checks (exportscope.outpath): never an input or inside one, never over a file
            check_new_output(path, result.analysis.inputs)
        except OutputRefused as refused:
            self.app.notify(refused.text(self.lang), title=tr("letter_failed", self.lang), markup=False)
            return
        request = LetterRequest(platform, self.lang if self.lang in LETTER_LANGS else "en", region=optout.region)

        def write() -> str:
            write_letter(build_letter(result.analysis, request), path, "md")
            return str(path)

        self.job = writing.Job.at(path, self.lang)
        bar = self.query_one("#letter-writing", writing.WritingBar)
        bar.show(self.job)

        def written(line: str) -> None:
            bar.hide()
            self.app.notify(line, title=tr("letter_written", self.lang), markup=False)

        def failed(message: str) -> None:
            bar.hide()
            self.app.notify(message, title=tr("letter_failed", self.lang), markup=False)

        writing.start(self.app, self.job, write, written, failed)

    def action_back(self) -> None:
        """esc: cancel the letter being written (the screen stays); else back to where the person came from."""
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.query_one("#letter-writing", writing.WritingBar).hide()
            return
        self.app.pop_screen()
