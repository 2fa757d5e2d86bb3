"""Readers for the LinkedIn files whose format breaks a naive CSV parser (linkedin.md, parser checklist).

Shares (per-line quote wrapping), Comments (``\\"`` escapes and unquoted multi-line rows), Rich media (three
headers, sentence dates), Invitations (a note makes the row a private message) and Ad_Targeting (duplicate
column names, read by position). Messages and articles have modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Drift, Problem, Record
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin.csvread import (
    iter_csv,
    join_text,
    open_member,
    raw_time_of,
    read_csv,
    text_of,
    time_of,
)
from exportscope.rules import Rule
from exportscope.textio import Columns, csv_rows, header_key, nonempty, web_link

# --- Shares ------------------------------------------------------------------------------------------------

_WRAPPED_NEWLINE = re.compile(r'"(\r?\n)"')


def unwrap_share_lines(text: str) -> str:
    """Undo LinkedIn's per-line quoting of a multi-line ShareCommentary.

    LinkedIn joins the lines of a post with ``"`` + newline + ``"``, so after CSV decoding the first line
    ends in a stray quote, the last begins with one and a blank line is ``""``. Replacing each ``"``+newline+
    ``"`` by the newline restores the post; the post's own quotes are untouched. It is done only when *every*
    newline is wrapped that way: a file written without the wrapping (an older export, a hand edit) is left
    as it is rather than losing real quotes. Newlines come out as LF.
    """
    newlines = text.count("\n")
    if not newlines or len(_WRAPPED_NEWLINE.findall(text)) != newlines:
        return text.replace("\r\n", "\n")
    return _WRAPPED_NEWLINE.sub("\n", text)


def read_shares(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One post per row (every row, also those without text: a repost is still a post of yours).

    2018 files are UTF-16 TSV with ``Share Commentary`` and D4 dates; later ones ``ShareCommentary`` and D3.
    The Visibility cell is passed raw (``MEMBER_NETWORK``, 2018 ``Public``/``Connections``); the rule's
    ``visibility_map`` maps it. A MediaUrl is not counted as a separate media item: Rich_Media.csv lists
    the uploaded photos and videos themselves, and counting both would count each photo twice.
    """
    for row in iter_csv(members, rule):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        raw = row.get("ShareCommentary", "Share Commentary")
        yield Record(
            text=nonempty(unwrap_share_lines(raw)) if raw else None,
            timestamp=(ts := time_of(row, rule)),
            raw_time=None if ts else raw_time_of(row, rule),
            visibility=(row.get("Visibility") or "").strip(),
            row=row.n,
            source=row.member.path,
            link=web_link(row.get("ShareLink", "Share Link")),
        )


# --- Comments ----------------------------------------------------------------------------------------------

_COMMENT_START = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,")
_ESCAPED_QUOTE = re.compile(r'""|\\"')


def unquote_comment(field: str) -> str:
    """A Comments message cell as written: quoted with ``""`` or ``\\"`` escapes (both occur), or unquoted.

    Literal backslashes are kept (``escapechar='\\\\'`` would drop them). An unquoted message is returned
    as it is, quotes and all.
    """
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return _ESCAPED_QUOTE.sub('"', field[1:-1])
    return field


def split_comment(record: str) -> tuple[str, str, str]:
    """(date, link, message) of one comment record: cut at the first two commas, then unquote."""
    date, _, rest = record.partition(",")
    link, _, message = rest.partition(",")
    link = link.strip()
    if len(link) >= 2 and link[0] == link[-1] == '"':
        link = link[1:-1]
    return date.strip(), link, unquote_comment(message.strip("\r\n"))


def _comment_header(line: str) -> bool:
    """True for the ``Date,Link,Message`` header this reader's by-position cut relies on."""
    cells = next(csv_rows(iter([line])), [])
    return [header_key(c) for c in Columns(cells).header] == ["date", "link", "message"]


def comment_records(lines: Iterator[str]) -> Iterator[tuple[int, str] | Problem]:
    """Group the lines after the header into records: each starts at ``YYYY-MM-DD HH:MM:SS,``.

    Why not the csv module: 2024 files leave multi-line messages unquoted, so continuation lines look like
    rows, and 2025 files escape quotes as ``\\"``, which the default dialect mis-splits.
    """
    pending: list[str] | None = None
    n = 0
    orphans = 0
    for raw in lines:
        line = raw.rstrip("\r\n")
        if _COMMENT_START.match(line):
            if pending is not None:
                n += 1
                yield n, "\n".join(pending).rstrip("\n")
            pending = [line]
        elif pending is not None:
            pending.append(line)
        elif line.strip():
            orphans += 1
    if pending is not None:
        n += 1
        yield n, "\n".join(pending).rstrip("\n")
    if orphans:
        yield Problem.of("orphan_lines", n=orphans)


def read_comments(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One comment per record (see :func:`comment_records`); an unexpected header falls back to plain CSV."""
    for member in members:
        fallback: str | None = None  # a problem code: why the file is read as plain CSV
        with open_member(member, newline=None) as (text, _dialect):
            lines = iter(text)
            header = next((ln for ln in lines if ln.strip()), None)
            if header is None:
                continue
            if not _comment_header(header):
                fallback = "comments_header"
            else:
                records = 0
                remarks: list[Problem | Drift] = []
                for item in comment_records(lines):
                    if isinstance(item, Problem | Drift):
                        remarks.append(item)
                        continue
                    n, record = item
                    records += 1
                    date, link, message = split_comment(record)
                    yield Record(
                        text=nonempty(message),
                        timestamp=dates.parse(date, rule.time_format),
                        row=n,
                        source=member.path,
                        link=web_link(link),
                    )
                if records == 0 and remarks:
                    # Data lines but none starts with LinkedIn's date (a spreadsheet re-saved the file with its
                    # own date format): read it as plain CSV rather than lose every comment.
                    fallback = "comments_undated"
                else:
                    yield from remarks
        if fallback:
            yield Problem.of(fallback)
            yield from read_csv([member], rule)


# --- Rich media --------------------------------------------------------------------------------------------

_NO_DESCRIPTION = {"", "-"}


def read_rich_media(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One media item per row, in all three shapes.

    ``Rich_Media.csv`` (2025+): ``Date/Time`` is a sentence (D10: ``You uploaded a photo on March 9, 2026
    at 2:58 PM (GMT)``) and a description of `` -`` means none. 2024 ``Rich Media.csv`` has only
    ``Type,Link`` (no date, no text); 2018 ``Videos.csv`` has ``Description,Link``.
    """
    for row in iter_csv(members, rule):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        desc = row.get("Media Description", "Description")
        if desc is not None and desc.strip() in _NO_DESCRIPTION:
            desc = None
        said = " ".join(v for v in (row.get("Date/Time"), row.get("Type")) if v).casefold()
        yield Record(
            text=nonempty(desc),
            timestamp=dates.parse(row.get("Date/Time"), ["D10"]),
            variant=_media_variant(said, rule),
            row=row.n,
            source=row.member.path,
            link=web_link(row.get("Media Link", "Link")),
        )


def _media_variant(said: str, rule: Rule) -> str | None:
    """Which medium a row is, from LinkedIn's own words (``You uploaded a profile photo on ...``): the rule's
    ``options.variant_words`` maps a variant to the words that name it; no match is a feed medium."""
    words: dict[str, list[str]] = rule.options.get("variant_words", {})
    for variant, names in words.items():
        if any(n.casefold() in said for n in names):
            return variant
    return None


# --- Invitations -------------------------------------------------------------------------------------------


def read_invitations(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """A row with a note is variant ``with_message`` (a private message; text = the note); a row without
    one is a plain connection request (text = who invited whom)."""
    for row in iter_csv(members, rule):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        message = row.text("Message")
        who = join_text([row.text("From"), row.text("To")], " → ")
        yield Record(
            text=message or who,
            timestamp=(ts := time_of(row, rule)),
            raw_time=None if ts else raw_time_of(row, rule),
            variant="with_message" if message else None,
            row=row.n,
            source=row.member.path,
        )


# --- Ad targeting ------------------------------------------------------------------------------------------


def read_ad_targeting(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One item per non-empty cell, read by position, text ``Column: value``.

    Why by position: the header repeats names (``Company Names`` three times, ``Job Titles`` three times),
    so a by-name reader keeps only one of each. Why one item per cell, not per ``;``-separated value: the
    cell is the unit LinkedIn writes (one targeting facet); splitting the lists would turn one facet with
    forty member skills into forty items and drown the rest of the ad profile. The ``;`` list is kept
    whole as the text, so nothing is lost and words still count every value.
    """
    for row in iter_csv(members, rule, expected=()):
        if isinstance(row, Problem | Drift):
            yield row
            continue
        header = row.columns.header
        for i, cell in enumerate(row.cells):
            value = nonempty(cell)
            if value is None:
                continue
            name = header[i] if i < len(header) and header[i] else f"column {i + 1}"
            yield Record(text=f"{name}: {value}", row=row.n, source=row.member.path)


__all__ = [
    "read_ad_targeting",
    "read_comments",
    "read_csv",
    "read_invitations",
    "read_rich_media",
    "read_shares",
    "text_of",
    "unquote_comment",
    "unwrap_share_lines",
]
