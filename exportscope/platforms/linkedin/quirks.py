"""Readers for the LinkedIn files whose format breaks a naive CSV parser (linkedin.md, parser checklist).

Rich media (three headers, sentence dates), Invitations (a note makes the row a private message) and
Ad_Targeting (duplicate column names, read by position). Shares (per-line quote wrapping) and Comments
(``\\"`` escapes and unquoted multi-line rows), read as columns where the file allows, have modules of their
own (:mod:`.shares`, :mod:`.comments`), as have messages and articles; their names stay importable from here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Drift, Problem, Record
from exportscope.platforms.base import Output
from exportscope.platforms.linkedin.comments import read_comments, split_comment, unquote_comment
from exportscope.platforms.linkedin.csvread import iter_csv, join_text, raw_time_of, read_csv, text_of, time_of
from exportscope.platforms.linkedin.shares import read_shares, unwrap_share_lines
from exportscope.rules import Rule
from exportscope.textio import nonempty, web_link

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
    "split_comment",
    "text_of",
    "unquote_comment",
    "unwrap_share_lines",
]
