"""X (Twitter) "Download an archive of your data", every era from 2018 to 2026 (shared/reference/x.md), and the
legacy tweet-only "Your Tweet archive" of before 2019.

This package is the whole platform: recognition by content (``manifest.js`` starting
``window.__THAR_CONFIG``, any ``window.YTD.`` file, the legacy Grailbird files), the layout eras, the
archive's identity (account id, user name, generation date, read from ``manifest.js``), file name keys
with the renamed files' aliases and multi-part files (:mod:`.ytd`), the readers (:mod:`.posts`,
:mod:`.messages`, :mod:`.account`), the manifest ledger check (:mod:`.ledger`), its user question (are your
posts protected?) and its catalogue entries (``messages.toml`` beside this file). Verdicts are in
``schemas/x.toml``; X has no people-bearing paths (conversations are numeric ids), so redaction and
``doctor`` need nothing from it.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from exportscope.archive import Archive, Member, MemberError, Source
from exportscope.model import Fact
from exportscope.notes import Note
from exportscope.platforms.base import LazyReaders, Output, Platform
from exportscope.platforms.questions import question
from exportscope.platforms.x import ledger, ytd
from exportscope.platforms.x.context import XContext, build, find_manifest, load_manifest
from exportscope.rules import Rule

if TYPE_CHECKING:
    from exportscope.types import PlatformContext

__all__ = ["PLATFORMS", "X"]


def load_readers() -> dict[str, Callable[..., Iterable[Output]]]:
    """Reader name -> reader (each called with the export's :class:`XContext` too, see :meth:`X.call_reader`),
    imported when an X archive is first read."""
    from exportscope.platforms.x import account, messages, posts

    return {
        "manifest": account.read_manifest,
        "posts": posts.read_posts,
        "deleted": posts.read_deleted,
        "legacy": posts.read_legacy,
        "dms": messages.read_dms,
        "grok": messages.read_grok,
        "fields": account.read_fields,
        "age": account.read_age,
        "protected": account.read_protected,
        "personalization": account.read_personalization,
        "entries": account.read_entries,
        "media_files": account.read_media_files,
    }


_ZIP_NAME = re.compile(r"^twitter-(\d{4})-(\d{2})-(\d{2})-([0-9a-f]+)", re.I)
_LEGACY = re.compile(r"(^|/)data/js/tweets/\d{4}_\d{2}\.js$", re.I)
#: At most this many ``.js`` members are opened (their first bytes only) to recognise an archive by content.
SNIFF_MEMBERS = 20
_HEAD = 64

#: Are your posts protected? (``questions.toml`` beside this file.)
PROTECTED = question("x.protected")


def _head(member: Member) -> bytes:
    try:
        return member.read_bytes(_HEAD).lstrip(b"\xef\xbb\xbf \t\r\n")
    except MemberError:
        return b""


def _candidates(source: Source) -> list[Member]:
    return [m for m in source.members if m.suffix == ".js" and "__macosx" not in m.path.lower()]


def _zip_day(name: str) -> date | None:
    m = _ZIP_NAME.match(name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class X(Platform):
    """X archives: content-based detection, manifest identity and ledger, parts, and the bound context."""

    ctx: XContext | None = None

    def detect_source(self, source: Source) -> float:
        """By content, strongest first (x.md section 1): the manifest, any ``window.YTD`` file, Grailbird."""
        js = _candidates(source)
        manifest = find_manifest(js)
        if manifest is not None and _head(manifest).startswith(b"window.__THAR_CONFIG"):
            return 3.0
        # The viewer's own scripts (assets/) come first in a real zip and are never data files.
        data = [m for m in js if not m.path.lower().startswith("assets/") and "/assets/" not in m.path.lower()]
        for m in data[:SNIFF_MEMBERS]:
            head = _head(m)
            if head.startswith(b"window.YTD."):
                return 2.0
            if head.startswith(b"Grailbird.data.") and _LEGACY.search(m.path):
                return 2.0
        return 0.0

    def name_key(self, path: str) -> str:
        return ytd.name_key(path)

    def part_key(self, member: Member, rule: Rule) -> str:
        # Files read together (posts with their long texts, Circle and Community posts) are one task;
        # the parts of one file (tweets.js, tweets-part1.js...) are one task.
        if rule.options.get("together"):
            return rule.id
        if rule.names:
            return ytd.name_key(member.path)
        return member.path

    def export_key(self, source: Source) -> str:
        """Archives of one account (the manifest's account id) merge, as parts; unknown owners merge too."""
        return load_manifest(_candidates(source)).account_id or ""

    def source_priority(self, source: Source) -> int:
        """The newest archive's copy of a file is kept (by the manifest's date, else the zip name's)."""
        day = self._day(source)
        return -day.toordinal() if day else 0

    def _day(self, source: Source) -> date | None:
        generated = load_manifest(_candidates(source)).generated
        return generated.date() if generated else _zip_day(source.name)

    def export_date(self, sources: Sequence[Source]) -> date | None:
        found = [d for s in sources if (d := self._day(s)) is not None]
        return max(found) if found else None

    def export_notes(self, paths: Sequence[str]) -> list[Note]:
        if any(_LEGACY.search(p) for p in paths):
            return [Note.of("x_legacy")]
        return []

    def reconcile(self, facts: Mapping[tuple[str, str], Fact], paths: Sequence[str]) -> list[Note]:
        return ledger.reconcile(self.name, facts, paths)

    def apply_answers(self, ctx: PlatformContext, answers: Mapping[str, str]) -> PlatformContext:
        """``--x-protected yes|no`` settles what ``protected-history.js`` could not (it keeps six months)."""
        answer = answers.get(PROTECTED.key, "unknown")
        if answer in ("yes", "no"):
            return dataclasses.replace(ctx, account_private=answer == "yes")
        if ctx.account_private is None:
            note = Note.of("x_protected_unknown", flag=PROTECTED.flag)
            return dataclasses.replace(ctx, notes=(*ctx.notes, note))
        return ctx

    def bind(self, archive: Archive) -> X:
        bound = copy.copy(self)
        bound.ctx = build(archive)
        return bound

    def call_reader(
        self, reader: Callable[..., Iterable[Output]], members: Sequence[Member], rule: Rule
    ) -> Iterable[Output]:
        return reader(members, rule, self.ctx or build(members[0].source.members))


PLATFORMS: list[Platform] = [
    X(
        name="x",
        label="X (Twitter)",
        rules_file="x",
        family_label="X",
        readers=LazyReaders(load_readers),  # called with the context by X.call_reader
        questions=(PROTECTED,),
    )
]
