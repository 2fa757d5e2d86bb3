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
from collections.abc import Callable, Iterator, Sequence

from exportscope.archive import Member
from exportscope.model import Record, RecordBatch
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin import columnar
from exportscope.platforms.linkedin.articles import html_to_text
from exportscope.platforms.linkedin.csvread import Row, expected_columns, join_text, raw_time_of, time_of
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
    """One item per message row; sponsored InMail and drafts included (as variants).

    A member of the 2019+ layout that allows it is read as columns into one batch (:func:`message_batch`);
    2018's files (UTF-16, no conversation id) and any file the columns cannot read exactly are streamed
    row by row.
    """
    want = expected_columns(rule)
    for member in members:
        yield from columnar.read(
            member,
            rule,
            want,
            alone=len(members) == 1,
            to_batch=message_batch,
            to_record=message_record,
            accept=lambda columns: columns.find("CONVERSATION ID") is not None,
        )


def _yes(value: str) -> bool:
    return value.strip().lower() in _YES


def _flagged(values: list[str | None], test: Callable[[str], bool]) -> list[bool]:
    """Per row: ``test`` of the value (False where there is none), asked once per distinct value."""
    answers = {v: test(v) for v in set(values) if v is not None}
    return [answers.get(v, False) if v is not None else False for v in values]


def message_batch(table: columnar.Table, rule: Rule) -> RecordBatch:
    """The rows of :func:`message_record` (2019+ layout) as one batch, row for row the same values."""
    import polars as pl

    n = len(table)
    exprs = {
        "subject": columnar.text_expr(table, ["SUBJECT"]),
        "content": columnar.text_expr(table, ["CONTENT"]),
        "thread": columnar.text_expr(table, ["CONVERSATION ID"]),
        "title": table.cell("CONVERSATION TITLE"),
        "draft": table.cell("IS MESSAGE DRAFT"),
        "draft_all": table.cell("IS CONVERSATION DRAFT"),
        **columnar.time_exprs(table, rule),
    }
    sender, url = table.col("FROM"), table.col("SENDER PROFILE URL")
    if sender is not None:
        unsigned = columnar.stripped(url).is_null() if url is not None else pl.lit(True)
        exprs["member_sent"] = (
            (sender.str.strip_chars(columnar.WHITESPACE) == "LinkedIn Member") & unsigned
        ).fill_null(False)
    got = table.lists(exprs)
    subject, content = got["subject"], got["content"]
    titled = _flagged(got["title"], lambda v: v.strip().lower() == SPONSORED_TITLE)
    member_sent = got.get("member_sent") or [False] * n
    drafts = [a or b for a, b in zip(_flagged(got["draft"], _yes), _flagged(got["draft_all"], _yes), strict=True)]
    variants: list[str | None] | None = None
    for i in range(n):
        variant: str | None = None
        if titled[i] or member_sent[i]:
            variant = "sponsored"
            body = content[i]
            if body and _looks_like_html(body):
                content[i] = html_to_text(body) or None
        if drafts[i]:
            variant = "draft"
        if variant is not None:
            if variants is None:
                variants = [None] * n
            variants[i] = variant
    epochs, raw = columnar.times(got, n, rule)
    return RecordBatch(
        text=[join_text([s, c], "\n\n") if s else c for s, c in zip(subject, content, strict=True)],
        epoch=epochs,
        row=table.rows(),
        source=[table.member.path] * n,
        variant=variants,
        raw_time=raw,
        thread_ids=got["thread"],
    )
