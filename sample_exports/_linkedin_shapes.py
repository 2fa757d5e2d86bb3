"""Byte shapes and headers shared by the LinkedIn sample generator (see gen_linkedin.py).

Helpers write CSV exactly as LinkedIn does in each era: commas and ``""`` escapes, LF or CRLF, fully quoted
(2026 messages), UTF-16LE tab-separated with a BOM (2018), per-line quoted ShareCommentary.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

Rows = Sequence[Sequence[str]]


# --- byte shapes -------------------------------------------------------------------------------------------


def csv_bytes(header: Sequence[str], rows: Rows, *, crlf: bool = False, quote_all: bool = False) -> bytes:
    """A CSV as LinkedIn writes it: commas, ``""`` escapes, LF (or CRLF for 2024 activity files)."""
    buf = io.StringIO()
    writer = csv.writer(
        buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def utf16_tsv(header: Sequence[str], rows: Rows) -> bytes:
    """2018: UTF-16LE with the ``FF FE`` BOM, tab-separated, every field quoted."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return b"\xff\xfe" + buf.getvalue().encode("utf-16-le")


def per_line(*lines: str, newline: str = "\n") -> str:
    """A multi-line ShareCommentary as LinkedIn wraps it: lines joined by ``"`` + newline + ``"``."""
    return f'"{newline}"'.join(lines)


PROFILE_HEADER = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
    "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]  # fmt: skip
#: messages.csv until early 2023; from mid-2023 RECIPIENT PROFILE URLS follows TO (the AI chats use that too).
MESSAGES_9 = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]
MESSAGES_10 = [*MESSAGES_9[:5], "RECIPIENT PROFILE URLS", *MESSAGES_9[5:]]
AD_TARGETING_2024 = [
    "Member Age", "Buyer Groups", "Company Names", "Company Names", "Company Follower of", "Company Names",
    "Company Category", "Company Size", "Degrees", "degreeClass", "Member Schools", "Company Growth Rate",
    "Fields of Study", "Company Connections", "Function By Size", "Job Functions", "Member Gender",
    "Graduation Year", "Member Groups", "Company Industries", "Member Interests", "Interface Locales",
    "interfaceLocale", "Member Traits", "Profile Locations", "Company Revenue", "Job Seniorities",
    "Member Skills", "Job Titles", "Job Titles", "Job Titles", "Years of Experience",
]  # fmt: skip
LEARNING_HEADER = [
    "Content Title", "Content Description", "Content Type", "Content Last Watched Date (if viewed)",
    "Content Completed At (if completed)", "Content Saved", "Notes taken on videos (if taken)", "",
]  # fmt: skip
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You '
    "will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
FEED = "https://www.linkedin.com/feed/update/urn%3Ali%3A"


def article_html(title: str, link: str, created: str | None, published: str | None, body: str) -> bytes:
    """An article page in LinkedIn's order: cover image, h1 link, created, published/draft line, body."""
    parts = [
        '<html><head><meta charset="UTF-8"><title>', title, "</title><style>p{margin:0}</style></head><body>",
        '<img src="https://media.licdn.com/cover.jpg" alt="">',
        f'<h1><a href="{link}">{title}</a></h1>',
    ]  # fmt: skip
    if created:
        parts.append(f'<p class="created">Created on {created}</p>')
    if published:
        parts.append(f'<p class="published">{published}</p>')
    parts.append(f"<div>{body}</div></body></html>")
    return "".join(parts).encode("utf-8")
