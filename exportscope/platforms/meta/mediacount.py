"""The ``media`` records of Meta items: one per photo or video a post, album or profile points to.

Why its own module: four readers (posts, Instagram posts, media lists, profiles) emit them, and all count a
medium once per export through the export's shared :class:`~exportscope.platforms.meta.media.MetaContext`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Problem, Record
from exportscope.platforms.meta.jsonread import clean, join, record_time
from exportscope.platforms.meta.media import MetaContext
from exportscope.textio import web_link


class MediaCounter:
    """Emits the ``media`` records of one file and reports the references that point to nothing."""

    def __init__(self, ctx: MetaContext, member: Member) -> None:
        self.ctx = ctx
        self.member = member
        self.missing = 0

    def records(
        self,
        media: Iterable[Any],
        row: int,
        parent_text: str | None = None,
        fallback: datetime | None = None,
        variant: str | None = "media",
    ) -> Iterator[Record]:
        for item in media:
            if not isinstance(item, dict):
                continue
            uri = clean(item.get("uri")) or clean(item.get("path"))  # ``path``: media.json up to 2020
            if uri is None:
                continue
            resolved = self.ctx.media.resolve(uri)
            if resolved is None and "://" not in uri:
                self.missing += 1
            if not self.ctx.claim(resolved or uri):
                continue
            caption = [
                t
                for t in (clean(item.get("title")), clean(item.get("description")), clean(item.get("caption")))
                if t and t != parent_text
            ]
            yield Record(
                text=join(caption),
                timestamp=record_time(item) or _iso_time(item.get("taken_at")) or fallback,
                variant=variant,
                row=row,
                source=resolved or self.member.path,
                # A CDN address is the only link a Meta export writes for an item (it may have expired).
                link=web_link(uri) if "://" in uri else None,
            )

    def problems(self) -> Iterator[Problem]:
        if self.missing:
            yield Problem.of("media_missing", n=self.missing)


def _iso_time(value: Any) -> datetime | None:
    """Instagram up to 2020 wrote ISO times (``2019-05-01T10:20:30+00:00``); the zone is UTC."""
    text = clean(value)
    return dates.parse(text[:19], ("ISO",)) if text else None
