"""``messages.csv`` in every era, and the AI-assistant chats that share its header.

Eras (linkedin.md 5.4): 2018 ``Messages.csv`` is ``From,To,Date,Subject,Content,Direction,Folder`` with D6
dates and HTML entities in the content; until early 2023 nine columns from ``CONVERSATION ID``; from mid-2023
``RECIPIENT PROFILE URLS`` after ``TO``; from December 2024 optional trailing ``ATTACHMENTS``, ``IS MESSAGE
DRAFT`` and ``IS CONVERSATION DRAFT``; 2026 quotes every field, the header included. Columns are read by name,
so all of these are one reader. The file can hold tens of thousands of rows and is streamed row by row.

The same reader serves ``guide_messages``, ``learning_coach_messages``, ``learning_role_play_messages`` and
``coach_messages`` (often header-only), and the 2026 ``LearningCoachMessages.csv`` whose only line is ``No
conversations found`` (zero rows; see :mod:`exportscope.platforms.linkedin.csvread`).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator, Sequence

from exportscope.archive import Member
from exportscope.model import Drift, Problem, Record
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin.articles import html_to_text
from exportscope.platforms.linkedin.csvread import Row, iter_csv, join_text, raw_time_of, time_of
from exportscope.rules import Rule

SPONSORED_TITLE = "sponsored conversation"
_YES = {"yes", "true", "1"}


def legacy_thread(sender: str | None, recipients: str | None, subject: str | None) -> str:
    """A stable id for a 2018 conversation, which the file does not carry: the participants (sender and
    recipients, order-free) plus the subject. Replies keep both, so a conversation's messages share it."""
    people = {p.strip() for p in [sender or "", *(recipients or "").split(",")] if p.strip()}
    key = "\x1f".join([*sorted(people), (subject or "").strip().lower()])
    return "2018-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _clean_2018(value: str | None) -> str | None:
    """2018 content holds HTML entities (``&rsquo;``, ``&nbsp;``, ``&amp;``): unescape them."""
    if value is None:
        return None
    return html.unescape(value).replace("\xa0", " ").strip() or None


def _is_sponsored(row: Row) -> bool:
    title = (row.get("CONVERSATION TITLE") or "").strip().lower()
    if title == SPONSORED_TITLE:
        return True
    return (row.get("FROM") or "").strip() == "LinkedIn Member" and not row.text("SENDER PROFILE URL")


def _looks_like_html(text: str) -> bool:
    low = text.lower()
    return "</" in low or "<br" in low or "<p" in low or "&nbsp;" in low


def message_record(row: Row, rule: Rule) -> Record:
    """One message: text is the subject (if any) then the content; thread is the conversation id."""
    legacy = row.columns.find("CONVERSATION ID") is None
    subject = row.text("SUBJECT")
    content = row.text("CONTENT")
    variant: str | None = None
    thread: str | None
    if legacy:
        subject, content = _clean_2018(subject), _clean_2018(content)
        thread = legacy_thread(row.get("FROM"), row.get("TO"), subject)
    else:
        thread = row.text("CONVERSATION ID")
        if _is_sponsored(row):
            variant = "sponsored"
            if content and _looks_like_html(content):
                content = html_to_text(content) or None
    if (row.text("IS MESSAGE DRAFT") or "").lower() in _YES or (
        row.text("IS CONVERSATION DRAFT") or ""
    ).lower() in _YES:
        variant = "draft"
    return Record(
        text=join_text([subject, content], "\n\n"),
        timestamp=(ts := time_of(row, rule)),
        raw_time=None if ts else raw_time_of(row, rule),
        variant=variant,
        row=row.n,
        thread=thread,
        source=row.member.path,
    )


def read_messages(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per message row, streamed; sponsored InMail and drafts included (as variants)."""
    for row in iter_csv(members, rule):
        if isinstance(row, Problem | Drift):
            yield row
        else:
            yield message_record(row, rule)
