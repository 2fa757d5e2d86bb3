"""Meta "Download Your Information" exports: Facebook, and Instagram with Threads inside (shared/reference/meta.md).

Facebook, Instagram and Threads share one JSON family, so one set of readers serves both platforms; the path
tables live in ``schemas/facebook.toml`` and ``schemas/instagram.toml`` (Threads rules carry
``platform = "threads"``). Paths are matched by suffix, so a wrapper folder, a bare root and every layout era
(Facebook 2018-21, 2022-23, 2024+; Instagram 2021-22, 2024 ``content/``, 2025+ ``media/``) work alike.

Parts of one export (``facebook-<user>-<date>-<rand>.zip`` with the same user and date) merge; a part that
holds only media is fine. Media files are counted through the JSON that references them and are never
opened.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from exportscope.archive import Archive, Member, Source
from exportscope.identity import AccountIdentity
from exportscope.notes import Note
from exportscope.platforms.base import LazyReaders, Output, Platform
from exportscope.platforms.meta.htmlfiles import html_notes
from exportscope.platforms.meta.matching import SuffixIndex
from exportscope.platforms.meta.media import MediaIndex, MetaContext, file_name
from exportscope.platforms.meta.parts import media_only_notes
from exportscope.platforms.questions import question
from exportscope.rules import Rule

if TYPE_CHECKING:
    from exportscope.types import PlatformContext

#: Who can see your past posts? (``questions.toml`` beside this file.)
AUDIENCE = question("facebook.audience")

_EXPORT_NAME = re.compile(
    r"^(?P<platform>facebook|instagram)-(?P<user>.+?)-(?P<date>\d{1,4}-\d{1,2}-\d{1,4})-(?P<rand>[A-Za-z0-9]{8})"
    r"(?=$|[-_ .(])",
    re.I,
)

#: Each rule set's :class:`SuffixIndex` (a rule set is loaded once per process and never changes).
_INDEXES: dict[int, SuffixIndex] = {}

#: Readers that claim media in the export's shared MetaContext (see MediaCounter).
MEDIA_CLAIMING_READERS = frozenset({"posts", "ig_posts", "media", "ig_profile"})


def load_readers() -> dict[str, Callable[..., Iterable[Output]]]:
    """Reader name -> reader (each called with the export's :class:`MetaContext` too, see
    :meth:`Meta.call_reader`), imported when a Meta export is first read."""
    from exportscope.platforms.meta.aichats import read_ai_chats
    from exportscope.platforms.meta.messages import read_messages
    from exportscope.platforms.meta.posts import read_posts
    from exportscope.platforms.meta.profile import read_fb_profile, read_ig_profile
    from exportscope.platforms.meta.readers import (
        read_generic,
        read_ig_comments,
        read_ig_posts,
        read_media,
        read_region,
        read_stories,
    )

    return {
        "posts": read_posts,
        "ig_posts": read_ig_posts,
        "media": read_media,
        "stories": read_stories,
        "ig_comments": read_ig_comments,
        "generic": read_generic,
        "region": read_region,
        "fb_profile": read_fb_profile,
        "ig_profile": read_ig_profile,
        "messages": read_messages,
        "ai_chats": read_ai_chats,
    }


def parse_export_name(name: str) -> tuple[str, str, date | None] | None:
    """(user, date text, date) from ``facebook-jdoe-2025-11-20-AbCdEfGh.zip``; None for other names.

    The date is not always zero-padded and its order varies (``2024-11-18``, ``12-4-2025``): a four-digit
    first field is year-month-day; a four-digit last field is month-day-year, or day-month-year when the
    first field cannot be a month.
    """
    m = _EXPORT_NAME.match(name)
    if not m:
        return None
    a, b, c = (int(x) for x in m["date"].split("-"))
    la, lc = (len(x) for x in m["date"].split("-")[::2])
    try:
        if la == 4:
            day: date | None = date(a, b, c)
        elif lc == 4:
            day = date(c, b, a) if a > 12 else date(c, a, b)
        else:
            day = None
    except ValueError:
        day = None
    return m["user"].lower(), m["date"], day


class Meta(Platform):
    """Facebook or Instagram: naming, parts, grouping of message threads, and the bound per-export context."""

    ctx: MetaContext | None = None

    def export_key(self, source: Source) -> str:
        parsed = parse_export_name(source.name)
        if parsed is None:
            return ""
        user, text, day = parsed
        return f"{user}|{day.isoformat() if day else text}"

    def account(self, source: Source) -> AccountIdentity:
        from exportscope.platforms.meta.account import facebook_account, instagram_account

        return facebook_account(source) if self.name == "facebook" else instagram_account(source)

    def same_export(self, a: Source, b: Source) -> bool:
        """Parts of one download: ``facebook-<user>-<date>-<rand>`` with the same user and date (meta.md)."""
        key = self.export_key(a)
        return bool(key) and key == self.export_key(b)

    def export_date(self, sources: Sequence[Source]) -> date | None:
        found = [p[2] for s in sources if (p := parse_export_name(s.name)) and p[2]]
        return max(found) if found else None

    def name_key(self, path: str) -> str:
        # who_you've_followed.json and who_you_ve_followed.json are one file (meta.md, section 3).
        # The last segment, as PurePosixPath(path).name gives it for a member path (a file: no trailing "/").
        return path.rsplit("/", 1)[-1].lower().replace("'", "_").replace("\u2019", "_")

    def match(self, member: Member) -> Rule | None:
        # Thousands of photos per export: only the rules that can match a member's suffix are tried.
        ruleset = self.ruleset
        index = _INDEXES.get(id(ruleset))
        if index is None or index.ruleset is not ruleset:
            index = _INDEXES[id(ruleset)] = SuffixIndex(ruleset)
        return index.match(member.path, self.name_key(member.path))

    def part_key(self, member: Member, rule: Rule) -> str:
        # Member paths are normalised (no empty, "." or ".." part): the parent is the text before the last "/".
        if rule.reader == "messages" and file_name(member.path).lower().startswith("message"):
            return member.path.rsplit("/", 1)[0] if "/" in member.path else "."
        return member.path

    def task_shares_state(self, rule: Rule) -> bool:
        # Only the readers that count media (MediaCounter claims each photo once per export) share state;
        # message threads, comments and the rest can be read by any process.
        return rule.reader in MEDIA_CLAIMING_READERS

    def export_notes(self, paths: Sequence[str]) -> list[Note]:
        return html_notes(self.label, paths) + media_only_notes(self.label, paths)

    def apply_answers(self, ctx: PlatformContext, answers: Mapping[str, str]) -> PlatformContext:
        """Who saw your past posts, given as the question's answer (``Options.answers``) rather than as
        ``Options.facebook_audience`` (its alias, already in the context): the answer wins."""
        answer = answers.get(AUDIENCE.key, AUDIENCE.unknown)
        return ctx if answer == AUDIENCE.unknown else dataclasses.replace(ctx, audience=answer)

    def bind(self, archive: Archive) -> Meta:
        bound = copy.copy(self)
        bound.ctx = MetaContext(media=MediaIndex.build(m.path for m in archive))
        return bound

    def call_reader(
        self, reader: Callable[..., Iterable[Output]], members: Sequence[Member], rule: Rule
    ) -> Iterable[Output]:
        return reader(
            members, rule, self.ctx or MetaContext(media=MediaIndex.build(m.path for m in members[0].source.members))
        )


PLATFORMS: list[Platform] = [
    Meta(
        name="facebook",
        label="Facebook",
        rules_file="facebook",
        family_label="Meta",
        # Who saw your past posts? (``questions.toml`` beside this file; held in Options.facebook_audience.)
        questions=(AUDIENCE,),
        readers=LazyReaders(load_readers),  # called with the context by Meta.call_reader
    ),
    Meta(
        name="instagram",
        label="Instagram",
        rules_file="instagram",
        family_label="Meta",
        readers=LazyReaders(load_readers),
    ),
]
