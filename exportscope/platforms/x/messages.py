"""Direct messages (``direct-messages.js``, ``direct-messages-group.js``) and Grok chats (``grok-chat-item.js``).

DMs: long conversations are split into several entries with the same ``conversationId`` and overlapping
ranges (x.md 6.2), so messages are counted once by id per conversation; each message's attachments are
media items of the message, its reactions are reactions, and group events (joins, leaves, renames) are
events. Grok: one item per turn (the person's question and Grok's answer), grouped by ``chatId``.
The people in a conversation are ids only; the conversation id becomes the item's thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from exportscope.archive import Member
from exportscope.model import Problem, Record
from exportscope.platforms.base import Output
from exportscope.platforms.x import xdates, xtext, ytd
from exportscope.platforms.x.context import XContext
from exportscope.platforms.x.posts import counted
from exportscope.rules import Rule

_EVENTS = ("joinConversation", "participantsJoin", "participantsLeave", "conversationNameUpdate")


def read_dms(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    window = ctx.window()
    seen: set[tuple[str, str]] = set()
    for got in ytd.read_each(sorted(members, key=lambda m: (ytd.part_number(m.path), m.path))):
        if isinstance(got, Problem):
            yield got
            continue
        member, value = got
        yield counted(member, len(ytd.entries(value)))
        for row, conv in ytd.unwrapped(value):
            cid = ytd.text(conv.get("conversationId")) or f"{member.path}#{row}"
            for event in conv.get("messages") or []:
                if not isinstance(event, dict) or len(event) != 1:
                    continue
                key, body = next(iter(event.items()))
                if not isinstance(body, dict):
                    continue
                mid = ytd.text(body.get("id")) or ytd.text(body.get("createdAt")) or str(id(body))
                if (cid, f"{key}:{mid}") in seen:
                    continue
                seen.add((cid, f"{key}:{mid}"))
                when = window.parse(body.get("createdAt"), xdates.parse_iso)
                if key in ("messageCreate", "welcomeMessageCreate"):
                    variant = "welcome" if key == "welcomeMessageCreate" else None
                    yield Record(xtext.message_text(body), when, variant, row=row, thread=cid, source=member.path)
                    for _ in body.get("mediaUrls") or []:
                        yield Record(None, when, "attachment", row=row, thread=cid, source=member.path)
                    for reaction in body.get("reactions") or []:
                        if isinstance(reaction, dict):
                            rwhen = xdates.parse_iso(reaction.get("createdAt", reaction.get("reactionCreatedAt")))
                            label = ytd.text(reaction.get("reactionKey"))
                            yield Record(
                                label, window.check(rwhen), "reaction", row=row, thread=cid, source=member.path
                            )
                else:  # joins, leaves, renames (_EVENTS) and any event type X adds later
                    yield Record(None, when, "event", row=row, thread=cid, source=member.path)


def read_grok(members: Sequence[Member], rule: Rule, ctx: XContext) -> Iterator[Output]:
    window = ctx.window()
    for got in ytd.read_each(sorted(members, key=lambda m: (ytd.part_number(m.path), m.path))):
        if isinstance(got, Problem):
            yield got
            continue
        member, value = got
        yield counted(member, len(ytd.entries(value)))
        for row, turn in ytd.unwrapped(value):
            sender = turn.get("sender")
            name = (ytd.text(sender.get("name")) or "") if isinstance(sender, dict) else (ytd.text(sender) or "")
            variant = "agent" if name.lower() == "agent" else None
            when = window.parse(turn.get("createdAt"), xdates.parse_iso)
            message: Any = turn.get("message")
            yield Record(
                ytd.text(message) if isinstance(message, str) else None,
                when,
                variant,
                row=row,
                thread=ytd.text(turn.get("chatId")),
                source=member.path,
            )
