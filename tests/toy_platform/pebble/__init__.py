"""Pebble, a toy platform (tests only): the whole of a platform as a folder, for ``tests/test_new_platform.py``.

A Pebble export is a folder or zip holding ``pebble.json`` (the account) and ``posts.json`` (a list of
``{"text", "created"}``). Copied into ``exportscope/platforms/`` beside the real families, with
``pebble.toml`` in ``schemas/``, it is detected, read, classified and reported with no other file changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime

from exportscope.archive import Member
from exportscope.model import Problem, Record
from exportscope.platforms.base import Output, Platform
from exportscope.rules import Rule


def read_posts(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per post; a post without a readable date stays undated."""
    try:
        posts = json.loads(members[0].read_bytes())
    except ValueError as exc:
        yield Problem(f"not JSON ({exc.__class__.__name__})")
        return
    for i, post in enumerate(posts, start=1):
        created = post.get("created")
        yield Record(
            text=post.get("text"),
            timestamp=datetime.fromisoformat(created) if created else None,
            visibility=post.get("audience"),
            row=i,
        )


PLATFORMS: list[Platform] = [
    Platform(
        name="pebble",
        label="Pebble",
        rules_file="pebble",
        readers={"posts": read_posts},
        markers=((r"(^|/)pebble\.json$", 1.0),),
        eras=((r".", "2026"),),
    )
]
