"""What a platform may ask the person when its export does not say: the questions as data.

Each family may carry ``questions.toml`` beside its code (``platforms/<family>/questions.toml``). This module
reads those files and nothing else (it imports no platform code), so the values' layer can check an answer
(:class:`~exportscope.types.Options`) without asking the registry above it;
:mod:`exportscope.platforms.questions` orders them by the registry for the command line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from exportscope import tomlread


class QuestionError(ValueError):
    """A family's ``questions.toml`` is malformed (a bug in exportscope's data, found by the tests)."""


@dataclass(frozen=True)
class Question:
    """Something the export cannot say and the person can (are your posts protected?).

    ``key`` is the answer's key in ``Options.answers``, ``flag`` the command-line option that gives it,
    ``choices`` its values (the last one means "I don't know"), ``prompt`` the catalogue key of the question,
    ``help`` the option's help line. ``option`` names the :class:`~exportscope.pipeline.Options` field that
    holds the answer instead of ``answers`` (a question that was an option of its own before, kept as an
    alias so scripts that set it keep working); empty for every newer question.
    """

    key: str
    flag: str
    choices: tuple[str, ...]
    prompt: str
    help: str = ""
    option: str = ""

    @property
    def unknown(self) -> str:
        """The answer that says "I don't know" (the last choice): the default."""
        return self.choices[-1]


@functools.cache
def family_questions(family: str) -> tuple[Question, ...]:
    """The questions of one family (``platforms/<family>/questions.toml``), none when it has no file."""
    ref = resources.files("exportscope") / "platforms" / family / "questions.toml"
    if not ref.is_file():
        return ()
    name = f"platforms/{family}/questions.toml"
    try:
        data = tomlread.loads(ref.read_text(encoding="utf-8"))
        return tuple(
            Question(
                key=str(q["key"]),
                flag=str(q["flag"]),
                choices=tuple(str(c) for c in q["choices"]),
                prompt=str(q["prompt"]),
                help=str(q.get("help", "")),
                option=str(q.get("option", "")),
            )
            for q in data.get("question", [])
        )
    except (tomlread.TOMLError, KeyError, TypeError) as exc:
        raise QuestionError(f"{name}: {exc}") from exc


def declared_questions() -> tuple[Question, ...]:
    """Every question any family folder declares, by folder name: what an answer is checked against."""
    folder = resources.files("exportscope") / "platforms"
    names = sorted(ref.name for ref in folder.iterdir() if (ref / "questions.toml").is_file())
    return tuple(q for family in names for q in family_questions(family))
