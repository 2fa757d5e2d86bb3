"""The questions the export cannot answer, asked in place: region, past Facebook posts' audience, each
platform's own questions (X: are your posts protected?), opted out.

The region offers first the guesses the export supports, each with its evidence (a stated location, a phone
number's country code). Applying re-classifies at once (:meth:`ExportScopeApp.apply_answers`): the archive is
not read again, and the dashboard's totals and to-do list change.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select, Static

from exportscope import i18n
from exportscope.actions.answers import AUDIENCES, Guess, region_guesses
from exportscope.actions.todo import opt_out_policies
from exportscope.tui.text import literal, localize_bindings, tr
from exportscope.tui.widgets.keys import KeyFooter

if TYPE_CHECKING:
    from exportscope.platforms.base import Question
    from exportscope.types import Analysis, Options

REGION_CODES = ("eu", "ch", "uk", "ca", "hk", "us", "cn", "kr", "other")
FROM_EXPORT = "-"


def question_id(q: Question) -> str:
    """A widget id for a platform's question (``x.protected`` -> ``q-x-protected``)."""
    return "q-" + q.key.replace(".", "-").replace("_", "-")


def guess_label(g: Guess, lang: str, labels: dict[str, str] | None = None) -> str:
    """``EU / EEA: suggested by LinkedIn location “Lyon, France”; a +33 phone number (LinkedIn)``."""
    labels = labels or {}
    seen: set[tuple[str, str]] = set()
    parts = []
    for e in g.evidence:
        if (e.kind, e.value) in seen:
            continue
        seen.add((e.kind, e.value))
        name = labels.get(e.platform, e.platform.capitalize())
        parts.append(tr(f"act.evidence_{e.kind}", lang, platform=name, value=e.value))
    return tr("act.guess", lang, region=i18n.region_label(g.region, lang), evidence=i18n.joined(parts[:6], lang))


class AnswersScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    DEFAULT_CSS = """
    AnswersScreen { align: center middle; }
    AnswersScreen #answers { width: 90%; max-width: 100; height: auto; max-height: 95%; border: round $accent;
        padding: 0 1; background: $surface; border-title-style: bold; }
    AnswersScreen Label { margin-top: 1; text-style: bold; }
    AnswersScreen #intro { color: $text-muted; }
    AnswersScreen #buttons { height: auto; margin-top: 1; }
    AnswersScreen Button { margin-right: 2; }
    """

    def __init__(self, analysis: Analysis, options: Options, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self._bindings, lang)
        self.analysis = analysis
        self.options = options
        self.guesses = region_guesses(analysis)
        #: The questions of the platforms read (each once, in the order the exports were read).
        self.questions: list[Question] = []
        for export in analysis.exports:
            self.questions += [q for q in export.platform.questions if q not in self.questions and not q.option]

    def _region_options(self) -> list[tuple[Any, str]]:
        lang = self.lang
        opts: list[tuple[Any, str]] = [(tr("act.region_from_export", lang), FROM_EXPORT)]
        guessed = [g.region for g in self.guesses]
        labels = {e.platform.name: e.platform.label for e in self.analysis.exports}
        opts += [(literal(guess_label(g, lang, labels)), g.region) for g in self.guesses]
        opts += [(i18n.region_label(c, lang), c) for c in REGION_CODES if c not in guessed]
        return opts

    def compose(self) -> ComposeResult:
        lang = self.lang
        policies = {ctx.policy for ctx in self.analysis.contexts.values()}
        with VerticalScroll(id="answers") as box:
            box.border_title = tr("act.answers_title", lang)
            yield Static(tr("act.answers_intro", lang), id="intro")
            yield Label(tr("act.q_region", lang))
            yield Select(
                self._region_options(), value=self.options.region or FROM_EXPORT, allow_blank=False, id="region"
            )
            if "facebook" in self.analysis.contexts:
                yield Label(tr("act.q_audience", lang))
                yield Select(
                    [(i18n.t(f"todo.audience_{a}", lang), a) for a in AUDIENCES],
                    value=self.options.facebook_audience,
                    allow_blank=False,
                    id="audience",
                )
            answers = dict(self.options.answers)
            for q in self.questions:  # the platforms' own questions (X: are your posts protected?)
                yield Label(i18n.t(q.prompt, lang))
                yield Select(
                    [(i18n.t(f"{q.prompt}_{c}", lang), c) for c in q.choices],
                    value=answers.get(q.key, q.choices[-1]),
                    allow_blank=False,
                    id=question_id(q),
                )
            yield Label(tr("act.q_opted_out", lang))
            for policy in opt_out_policies():  # an action's data says an opt-out settles it
                if policy in policies:
                    yield Checkbox(
                        tr(f"act.opted_{policy}", lang), policy in self.options.opted_out, id=f"opted-{policy}"
                    )
            with Horizontal(id="buttons"):
                yield Button(tr("act.apply", lang), variant="primary", id="apply")
                yield Button(tr("act.cancel", lang), id="cancel")
        yield KeyFooter(lang)

    def answers(self) -> Options:
        """The options the form says (what Apply gives the app)."""
        region = self.query_one("#region", Select).value
        audience = self.options.facebook_audience
        if self.query("#audience"):
            audience = str(self.query_one("#audience", Select).value)
        opted = set(self.options.opted_out) - set(opt_out_policies())
        for box in self.query(Checkbox):
            if box.id and box.id.startswith("opted-") and box.value:
                opted.add(box.id.removeprefix("opted-"))
        answers = dict(self.options.answers)
        for q in self.questions:
            answers[q.key] = str(self.query_one(f"#{question_id(q)}", Select).value)
        return dataclasses.replace(
            self.options,
            region=None if region in (FROM_EXPORT, Select.BLANK) else str(region),
            facebook_audience=audience,
            opted_out=frozenset(opted),
            answers=tuple(sorted(answers.items())),
        )

    @on(Button.Pressed, "#apply")
    async def _apply(self) -> None:
        options = self.answers()
        self.dismiss()
        apply = getattr(self.app, "apply_answers", None)
        if apply is not None:
            await apply(options)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()
