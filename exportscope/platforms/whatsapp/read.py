"""The chat reader: one chat export member -> one record per message, plus one note about the chat.

:class:`~exportscope.platforms.whatsapp.chat.ChatParser` turns lines into messages; this module knows the
chat around them: its name (from the file, the folder or the zip it came in), whether the other party is
Meta AI, who exported it, how many people wrote, and which attached files came along in the export. Variants
only say what a line is (``system``, ``attachment``, ``ai_chat``...); ``schemas/whatsapp.toml`` decides what
each variant means for AI training.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from exportscope.archive import Member
from exportscope.model import Fact, Problem, Record
from exportscope.platforms.base import Output
from exportscope.platforms.whatsapp.chat import MAX_MESSAGE_CHARS, ChatParser
from exportscope.platforms.whatsapp.lines import HEADER, strip_marks
from exportscope.platforms.whatsapp.names import CHAT_PREFIXES
from exportscope.rules import Rule
from exportscope.textio import LineCutter, bounded_lines, open_text

META_AI = "meta ai"
#: The chat-title prefixes of every language (one list, shared with ``--redact`` and ``doctor``).
_CHAT_PREFIX = re.compile("^" + CHAT_PREFIXES, re.I)
_GROUP_NOTICE = re.compile(
    r"created group|created this group|\badded\b|\bremoved\b|changed the subject|changed this group|group "
    r"description|invite link|a créé (?:le )?groupe|a ajouté|a retiré|hat die Gruppe|hinzugefügt|creó el grupo"
    r"|añadió|eliminó a",
    re.I,
)
#: How much of a chat is read ahead to learn its senders (is it a chat with Meta AI?).
HEAD_BYTES = 64 * 1024
#: How many of a file's first non-empty lines decide whether it is a chat at all.
SNIFF_LINES = 200


def chat_name(member: Member) -> str:
    """The chat's name: the ``.txt`` name, else the folder or zip that holds ``_chat.txt`` (iOS)."""
    path = PurePosixPath(member.path)
    if path.name.lower() != "_chat.txt":
        base = path.stem
    elif len(path.parts) > 1:
        base = path.parent.name
    elif member.source.kind == "file":
        base = member.source.path.parent.name or "chat"
    else:
        base = member.source.path.name
    if base.lower().endswith(".zip"):
        base = base[:-4]
    return _CHAT_PREFIX.sub("", base).strip() or base


def looks_like_chat(head: bytes) -> bool:
    """whatsapp.md section 1: the first non-empty line is a message header, and headers are frequent.

    Frequent means a third of the first non-empty lines, or at least five of them (a long poem pasted as
    the first message must not make a chat unrecognizable); a note whose first line happens to look like
    a header is not a chat.
    """
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = [ln for ln in text.splitlines()[:1000] if ln.strip()]
    if len(head) >= HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    lines = lines[:SNIFF_LINES]
    if not lines or HEADER.match(lines[0]) is None:
        return False
    headers = sum(1 for ln in lines if HEADER.match(ln))
    return headers * 3 >= len(lines) or headers >= 5


def _head_senders(member: Member) -> set[str]:
    data = member.read_bytes(HEAD_BYTES)
    lines = data.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    if len(data) >= HEAD_BYTES:
        lines = lines[:-1]  # cut in the middle
    parser = ChatParser()
    for _ in parser.parse(lines):
        pass
    return set(parser.senders)


@dataclass
class _Chat:
    name: str
    meta_ai: str | None  # how a chat with Meta AI was recognised, None if it is not one
    group_ai: int = 0  # messages to or from Meta AI inside another chat
    group_notice: bool = False


def read_chat(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """Each member is one chat; each message one record (``thread`` is the chat's name)."""
    for member in members:
        yield from _read_one(member)


def _read_one(member: Member) -> Iterator[Output]:
    name = chat_name(member)
    chat = _Chat(name=name, meta_ai=None)
    if name.casefold() == META_AI:
        chat.meta_ai = f'its name "{name}"'
    else:
        senders = {s.casefold() for s in _head_senders(member)}
        if META_AI in senders and len(senders) <= 2:
            chat.meta_ai = 'its sender "Meta AI"'
    parser = ChatParser()
    cutter = LineCutter()
    with member.open() as raw:
        text, _dialect = open_text(raw)
        for msg in parser.parse(bounded_lines(text, MAX_MESSAGE_CHARS, cut=cutter)):
            variant = msg.variant
            if variant == "system":
                if not chat.group_notice and _GROUP_NOTICE.search(msg.text):
                    chat.group_notice = True
            elif chat.meta_ai is not None:
                if variant != "call":
                    variant = "ai_chat"
            elif (msg.author or "").casefold() == META_AI or "@meta ai" in msg.text.casefold():
                variant = "ai_mention"
                chat.group_ai += 1
            yield Record(
                text=msg.text,
                timestamp=msg.timestamp,
                variant=variant,
                row=msg.row,
                thread=name,
                source=member.path,
            )
    if parser.messages + parser.system == 0:
        yield Problem("no message header found; this does not read as a WhatsApp chat export")
        return
    if cutter.lines:
        yield Problem(f"{cutter.lines} line(s) longer than {MAX_MESSAGE_CHARS:,} characters kept to their beginning")
    yield from _problems(parser)
    yield Fact("note", _note(member, chat, parser), member.path)


def _problems(parser: ChatParser) -> Iterator[Problem]:
    if parser.preamble:
        yield Problem(f"{parser.preamble} line(s) before the first message were not part of any message")
    if parser.invalid:
        yield Problem(f"{parser.invalid} message(s) with an impossible date or time: kept without a timestamp")
    if parser.cut:
        yield Problem(f"{parser.cut} message(s) longer than {MAX_MESSAGE_CHARS:,} characters kept to their beginning")
    if parser.conflicts:
        yield Problem(
            f"{parser.conflicts} date(s) contradict the {parser.order_name} order read from the rest of the file"
        )


def owner(chat: _Chat, parser: ChatParser) -> tuple[str | None, str]:
    """Who exported the chat, and why we think so (whatsapp.md has no field for it)."""
    if len(parser.own_deletions) == 1:
        who = next(iter(parser.own_deletions))
        return who, 'the only sender of a "You deleted this message" line'
    senders = [s for s in parser.senders if s]
    others = [s for s in senders if s.casefold() != chat.name.casefold()]
    if chat.meta_ai and len([s for s in senders if s.casefold() != META_AI]) == 1:
        who = next(s for s in senders if s.casefold() != META_AI)
        return who, "the one person writing to Meta AI"
    if len(senders) == 2 and len(others) == 1 and not chat.group_notice:
        return others[0], f"the other party of a one-to-one chat named after {chat.name}"
    return None, "not inferred (no line in the chat shows who exported it)"


def _note(member: Member, chat: _Chat, parser: ChatParser) -> str:
    people = len(parser.senders)
    group = chat.group_notice or people > 2
    parts = [
        f'chat "{chat.name}" ({member.path}): '
        + ("chat with Meta AI" if chat.meta_ai else "group chat" if group else "one-to-one chat"),
        f"{plural(parser.messages, 'message')} and {plural(parser.system, 'system line')}",
        f"{plural(people, 'person', 'people')} wrote messages",
    ]
    who, why = owner(chat, parser)
    parts.append(f"export owner: {who} ({why})" if who else f"export owner {why}")
    if chat.meta_ai:
        parts.append(f"recognised as a chat with Meta AI from {chat.meta_ai}: its messages count as AI chats")
    elif chat.group_ai:
        parts.append(f"{plural(chat.group_ai, 'message')} to or from Meta AI count as AI chats")
    if parser.attachments or parser.omitted:
        parts.append(_attachments(member, parser))
    parts.append(parser.order_note or f"dates read as {parser.order_name}")
    return "WhatsApp " + "; ".join(parts) + "."


def _attachments(member: Member, parser: ChatParser) -> str:
    """How many files were attached and how many (and how many bytes) came along in the export."""
    sizes = member.source.sizes_in(posixpath.dirname(member.path))
    names = [strip_marks(a).strip() for a in parser.attachments]
    found = [sizes[n] for n in names if n in sizes]
    said: list[str] = []
    if names:
        where = f"{len(found):,} of them in the export ({human_size(sum(found))})" if found else "none in the export"
        said.append(f"{plural(len(names), 'attached file')}, {where}")
    if parser.omitted:
        said.append(f"{plural(parser.omitted, 'media file')} left out of the export")
    return "; ".join(said)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def human_size(n: int) -> str:
    if n < 1024:
        return plural(n, "byte")
    size = n / 1024
    for unit in ("KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            break
        size /= 1024
    return f"{size:,.1f} {unit}"
