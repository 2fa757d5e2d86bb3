"""The chat reader: one chat export member -> its messages as columns, plus one note about the chat.

:class:`~exportscope.platforms.whatsapp.chat.ChatParser` turns lines into messages; this module knows the
chat around them: its name (from the file, the folder or the zip it came in), whether the other party is
Meta AI, who exported it, how many people wrote, and which attached files came along in the export. Variants
only say what a line is (``system``, ``attachment``, ``ai_chat``...); ``schemas/whatsapp.toml`` decides what
each variant means for AI training.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from exportscope.archive import Member
from exportscope.model import Fact, Problem, RecordBatch
from exportscope.notes import Note
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


def _meta_ai_by_senders(data: bytes) -> bool:
    """Whether a chat's head (its first :data:`HEAD_BYTES`) is written by Meta AI and at most one other sender.

    Most chats never name Meta AI: a sender whose name folds to "meta ai" is ASCII letters (no other
    character folds to one of them), so without "meta ai" in the head's lowercased text (format marks
    removed, as they are from names) no sender can be it, and the head is not parsed.
    """
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if META_AI not in strip_marks(text).lower():
        return False
    lines = text.splitlines()
    if len(data) >= HEAD_BYTES:
        lines = lines[:-1]  # cut in the middle
    parser = ChatParser()
    for _ in parser.parse(lines):
        pass
    senders = {s.casefold() for s in parser.senders}
    return META_AI in senders and len(senders) <= 2


#: Messages go to the collector as columns (a :class:`RecordBatch`), at most this many at a time: no Python
#: object per message beyond the parser's own, and a long chat still streams.
BATCH_MESSAGES = 20_000


#: The ``append`` of the text, epoch, row and variant columns of a :class:`_Batch`.
_Appends = tuple[
    Callable[[str | None], None],
    Callable[[float | None], None],
    Callable[[int | None], None],
    Callable[[str | None], None],
]


class _Batch:
    """The columns of the messages read since the last batch was handed on."""

    def __init__(self, thread: str, source: str) -> None:
        self.thread, self.source = thread, source
        self.texts: list[str | None] = []
        self.epochs: list[float | None] = []
        self.rows: list[int | None] = []
        self.variants: list[str | None] = []

    def appends(self) -> _Appends:
        """The ``append`` of each column (text, epoch, row, variant), valid until the next :meth:`take`."""
        return self.texts.append, self.epochs.append, self.rows.append, self.variants.append

    def take(self) -> RecordBatch:
        out = RecordBatch(
            text=self.texts,
            epoch=self.epochs,
            row=self.rows,
            source=[self.source] * len(self.texts),
            thread=self.thread,
            variant=self.variants,
        )
        self.texts, self.epochs, self.rows, self.variants = [], [], [], []
        return out


@dataclass
class _Chat:
    name: str
    meta_ai: str | None  # how a chat with Meta AI was recognised ("name", "sender"), None if it is not one
    group_ai: int = 0  # messages to or from Meta AI inside another chat
    group_notice: bool = False


def read_chat(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """Each member is one chat; each message one record (``thread`` is the chat's name)."""
    for member in members:
        yield from _read_one(member)


def _read_one(member: Member) -> Iterator[Output]:
    name = chat_name(member)
    chat = _Chat(name=name, meta_ai=None)
    head = member.read_bytes(HEAD_BYTES)
    if name.casefold() == META_AI:
        chat.meta_ai = "name"
    elif _meta_ai_by_senders(head):
        chat.meta_ai = "sender"
    parser = ChatParser()
    cutter = LineCutter()
    batch = _Batch(name, member.path)
    is_ai: dict[str | None, bool] = {}  # author -> whether it is Meta AI
    try:
        # A head shorter than asked is the whole chat, read to its end (checksum checked): most chats of a
        # many-chat zip are small, and are inflated once rather than twice.
        with io.BytesIO(head) if len(head) < HEAD_BYTES else member.open() as raw:
            text, _dialect = open_text(raw)
            # The batch's appends, bound once per batch (four attribute lookups per message otherwise).
            add_text, add_epoch, add_row, add_variant = batch.appends()
            room = BATCH_MESSAGES
            for msg in parser.parse(bounded_lines(text, MAX_MESSAGE_CHARS, cut=cutter)):
                variant = msg.variant
                body = msg.text
                if variant == "system":
                    if not chat.group_notice and _GROUP_NOTICE.search(body):
                        chat.group_notice = True
                elif chat.meta_ai is not None:
                    if variant != "call":
                        variant = "ai_chat"
                else:
                    ai = is_ai.get(msg.author)
                    if ai is None:
                        ai = is_ai[msg.author] = (msg.author or "").casefold() == META_AI
                    # No character but "@" folds to "@": a text without one cannot mention Meta AI.
                    if ai or ("@" in body and "@meta ai" in body.casefold()):
                        variant = "ai_mention"
                        chat.group_ai += 1
                add_text(body)
                add_epoch(msg.epoch)
                add_row(msg.row)
                add_variant(variant)
                room -= 1
                if not room:
                    yield batch.take()
                    add_text, add_epoch, add_row, add_variant = batch.appends()
                    room = BATCH_MESSAGES
    except Exception:
        if batch.texts:  # the messages read before the error are kept, as they were read
            yield batch.take()
        raise
    if batch.texts:
        yield batch.take()
    if parser.messages + parser.system == 0:
        yield Problem.of("no_chat_header")
        return
    if cutter.lines:
        yield Problem.of("lines_cut", n=cutter.lines, limit=MAX_MESSAGE_CHARS)
    yield from _problems(parser)
    yield Fact("note", _note(member, chat, parser), member.path)


def _problems(parser: ChatParser) -> Iterator[Problem]:
    if parser.preamble:
        yield Problem.of("preamble", n=parser.preamble)
    if parser.invalid:
        yield Problem.of("impossible_times", n=parser.invalid)
    if parser.cut:
        yield Problem.of("messages_cut", n=parser.cut, limit=MAX_MESSAGE_CHARS)
    if parser.conflicts:
        yield Problem.of("order_conflicts", n=parser.conflicts, order=parser.order_key)


def owner(chat: _Chat, parser: ChatParser) -> tuple[str | None, Note]:
    """Who exported the chat, and why we think so (whatsapp.md has no field for it), as a note."""
    if len(parser.own_deletions) == 1:
        who = next(iter(parser.own_deletions))
        return who, Note.of("wa_owner_deleted")
    senders = [s for s in parser.senders if s]
    others = [s for s in senders if s.casefold() != chat.name.casefold()]
    if chat.meta_ai and len([s for s in senders if s.casefold() != META_AI]) == 1:
        who = next(s for s in senders if s.casefold() != META_AI)
        return who, Note.of("wa_owner_meta_ai")
    if len(senders) == 2 and len(others) == 1 and not chat.group_notice:
        return others[0], Note.of("wa_owner_named_after", name=chat.name)
    return None, Note.of("wa_owner_unknown")


def _note(member: Member, chat: _Chat, parser: ChatParser) -> Note:
    """What the summary says about one chat: its kind, its counts, its owner, Meta AI, attachments, date order
    (``note.wa_chat`` with one note per part)."""
    people = len(parser.senders)
    group = chat.group_notice or people > 2
    kind = "wa_kind_meta_ai" if chat.meta_ai else "wa_kind_group" if group else "wa_kind_one_to_one"
    parts = [
        Note.of(
            "wa_counts",
            messages=Note.of("wa_messages", n=parser.messages),
            system=Note.of("wa_system", n=parser.system),
        ),
        Note.of("wa_people", n=people),
    ]
    who, why = owner(chat, parser)
    parts.append(Note.of("wa_owner", who=who, why=why) if who else why)
    if chat.meta_ai == "name":
        parts.append(Note.of("wa_meta_ai_by_name", name=chat.name))
    elif chat.meta_ai:
        parts.append(Note.of("wa_meta_ai_by_sender"))
    elif chat.group_ai:
        parts.append(Note.of("wa_group_ai", n=chat.group_ai))
    parts += _attachments(member, parser)
    parts.append(parser.order_note or Note.of("wa_order", order=parser.order_key))
    return Note.of("wa_chat", name=chat.name, path=member.path, kind=Note.of(kind), parts=tuple(parts))


def _attachments(member: Member, parser: ChatParser) -> list[Note]:
    """How many files were attached and how many (and how many bytes) came along in the export."""
    sizes = member.source.sizes_in(posixpath.dirname(member.path))
    names = [strip_marks(a).strip() for a in parser.attachments]
    found = [sizes[n] for n in names if n in sizes]
    said: list[Note] = []
    if names and found:
        said.append(Note.of("wa_attached", n=len(names), found=len(found), size=human_size(sum(found))))
    elif names:
        said.append(Note.of("wa_attached_none", n=len(names)))
    if parser.omitted:
        said.append(Note.of("wa_omitted", n=parser.omitted))
    return said


def human_size(n: int) -> Note:
    """A size said in bytes, KB, MB or GB (``note.wa_bytes``, ``note.wa_size_mb``...)."""
    if n < 1024:
        return Note.of("wa_bytes", n=n)
    size = n / 1024
    for unit in ("kb", "mb", "gb"):
        if size < 1024 or unit == "gb":
            break
        size /= 1024
    return Note.of(f"wa_size_{unit}", size=f"{size:,.1f}")
