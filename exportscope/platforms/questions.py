"""What a platform may ask the person, in the registry's order (the command line's options).

The questions are data in each family's folder, read by :mod:`exportscope.questions` (re-exported here);
the family's platforms apply the answers (:meth:`~exportscope.platforms.base.Platform.apply_answers`). This
module imports nothing of the readers, so building the command line (and ``--help``) stays cheap.
"""

from __future__ import annotations

from exportscope.questions import Question as Question
from exportscope.questions import QuestionError as QuestionError
from exportscope.questions import family_questions


def _families() -> tuple[str, ...]:
    from exportscope.platforms import families

    return families()


def all_questions() -> tuple[Question, ...]:
    """Every family's questions, in the registry's order."""
    return tuple(q for family in _families() for q in family_questions(family))


def question(key: str) -> Question:
    """The question with this answer key (a family's code names its own questions by key)."""
    for q in all_questions():
        if q.key == key:
            return q
    raise KeyError(key)
