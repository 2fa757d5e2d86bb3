"""WhatsApp: chat exports (Android ``.txt``, iOS zip with ``_chat.txt``) and the account information report.

WhatsApp has no single archive (shared/reference/whatsapp.md): messages come one chat at a time, and people
bring one chat, several, a folder of them, or the account report. So this platform differs from the others
in three ways, each through a :class:`~exportscope.platforms.base.Platform` hook:

- **detection by content**: a chat ``.txt`` can have any name, so a ``.txt`` whose first lines are message
  headers is a chat (``detect_source``), and one whose lines are not is left unrecognized (``match``);
- **one export per chat**: every input is its own export (``export_key``), so two iOS zips each holding
  ``_chat.txt`` never merge or count as duplicates;
- **a folder of chats**: each chat zip (or account report zip) inside a folder is opened as an input of its
  own (``split``); loose ``.txt`` chats in the folder are read one by one as members.

The readers live in :mod:`~exportscope.platforms.whatsapp.read` (chats) and
:mod:`~exportscope.platforms.whatsapp.report` (account report); verdicts in ``schemas/whatsapp.toml``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from exportscope.archive import Member, MemberError, Source
from exportscope.identity import AccountIdentity
from exportscope.nested import open_nested_zip
from exportscope.platforms.base import LazyReaders, Platform, Reader
from exportscope.rules import Rule

#: At most this many ``.txt`` and ``.zip`` members are opened to recognise a folder by content.
SNIFF_MEMBERS = 50

_REPORT = re.compile(r"(?:^|/)(?:user_information|registration_information|registration_info)\.(?:json|html)$")


class WhatsApp(Platform):
    opens_nested_zips: ClassVar[bool] = True
    separate_inputs: ClassVar[bool] = True

    def detect_source(self, source: Source) -> float:
        score = self.detect([m.path for m in source.members])
        if score >= self.threshold:
            return score
        for m in [m for m in source.members if m.suffix == ".txt"][:SNIFF_MEMBERS]:
            if _is_chat(m, unreadable=m.name.lower() == "_chat.txt"):
                return score + 1.0
        if source.kind == "folder":
            for m in [m for m in source.members if m.suffix == ".zip"][:SNIFF_MEMBERS]:
                if _nested_kind(m) is not None:
                    return score + 1.0
        return score

    def account(self, source: Source) -> AccountIdentity:
        from exportscope.platforms.whatsapp.account import whatsapp_account

        return whatsapp_account(source)

    def export_key(self, source: Source) -> str:
        return str(source.path)

    def split(self, source: Source) -> list[Source]:
        """Chat zips and report zips inside a folder (or a zip) become inputs of their own."""
        zips = [m for m in source.members if m.suffix == ".zip"]
        if not zips:
            return [source]
        parts: list[Source] = []
        opened: set[str] = set()
        for m in zips:
            # The memory for zips held inside a zip is charged by open_nested_zip, only for one that opens:
            # an oversized or broken one fails alone and its siblings still open.
            try:
                nested = open_nested_zip(m)
            except MemberError as exc:  # the ledger line names the file already: keep what went wrong
                source.problems.append((m.path, exc.problem))
                opened.add(m.path)
                continue
            if self.detect_source(nested) >= self.threshold:
                parts.append(nested)
                opened.add(m.path)
            else:
                nested.close()  # not WhatsApp: it stays a member of its folder and is listed as unrecognized
        source.members = [m for m in source.members if m.path not in opened]
        if source.members or source.problems:
            parts.insert(0, source)
        return parts

    def match(self, member: Member) -> Rule | None:
        rule = super().match(member)
        if rule is not None and rule.reader == "chat" and not _is_chat(member, unreadable=True):
            return None  # a .txt that is not a chat (whatsapp.md section 1): unrecognized, not an empty chat
        return rule


def _is_chat(member: Member, *, unreadable: bool) -> bool:
    """Whether a ``.txt`` reads as a chat; ``unreadable`` is the answer for one that cannot be opened.

    A member the rules already take for a chat (by name or place) and that cannot be read (a ratio bomb,
    overlapping entries, past the budget) is kept as a chat so its reader fails it with the reason: it is
    listed as failed, never as not recognised.
    """
    from exportscope.platforms.whatsapp.read import HEAD_BYTES, looks_like_chat  # the chat grammar: when needed

    try:
        return looks_like_chat(member.read_bytes(HEAD_BYTES))
    except MemberError:
        return unreadable


def _nested_kind(member: Member) -> str | None:
    """Whether a zip inside a folder is a chat or an account report, by its listing (not opened further)."""
    try:
        nested = open_nested_zip(member)
    except MemberError:
        return None
    try:
        names = [m.path[len(member.path) + 1 :].lower() for m in nested.members]
        if any(n.endswith("_chat.txt") or re.search(r"(^|/)whatsapp[^/]*\.txt$", n) for n in names):
            return "chat"
        if any(_REPORT.search(n) for n in names):
            return "report"
        return None
    finally:
        nested.close()


def _readers() -> dict[str, Reader]:
    from exportscope.platforms.whatsapp.read import read_chat
    from exportscope.platforms.whatsapp.report import read_report

    return {"chat": read_chat, "report": read_report}


PLATFORMS: list[Platform] = [
    WhatsApp(
        name="whatsapp",
        label="WhatsApp",
        rules_file="whatsapp",
        readers=LazyReaders(_readers),
    )
]
