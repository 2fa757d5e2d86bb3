"""Pebble, a toy platform of the test suite: the whole of a platform as one folder (``tests/test_new_platform.py``).

A Pebble export is a zip or folder holding ``pebble.json`` (the account) and ``posts.json`` (a list of
``{"text", "created", "audience"}``). Copied into ``exportscope/platforms/`` beside the real families, with
``pebble.toml`` in ``schemas/`` and ``gen_pebble.py`` in ``sample_exports/``, it is detected, read,
classified, asked about and reported with no other file changed. Its question (``questions.toml``) becomes
``--pebble-private``; its words (``messages.toml``) join the catalogue.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from exportscope.archive import Member
from exportscope.model import Problem, Record
from exportscope.notes import Note
from exportscope.platforms.base import Output, Platform
from exportscope.platforms.questions import question
from exportscope.rules import Rule

if TYPE_CHECKING:
    from exportscope.types import PlatformContext

PRIVATE = question("pebble.private")


def read_posts(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per post; a post without a date stays undated."""
    try:
        posts = json.loads(members[0].read_bytes())
    except ValueError as exc:
        yield Problem.of("not_json", at=getattr(exc, "pos", 0))
        return
    for i, post in enumerate(posts, start=1):
        created = post.get("created")
        yield Record(
            text=post.get("text"),
            timestamp=datetime.fromisoformat(created) if created else None,
            visibility=post.get("audience"),
            row=i,
        )


class Pebble(Platform):
    def apply_answers(self, ctx: PlatformContext, answers: Mapping[str, str]) -> PlatformContext:
        if answers.get(PRIVATE.key) == "yes":
            return dataclasses.replace(ctx, notes=(*ctx.notes, Note.of("pebble_private")))
        return ctx


PLATFORMS: list[Platform] = [
    Pebble(
        name="pebble",
        label="Pebble",
        rules_file="pebble",
        readers={"posts": read_posts},
        markers=((r"(^|/)pebble\.json$", 1.0),),
        eras=((r".", "2026"),),
        questions=(PRIVATE,),
    )
]
