"""Who a LinkedIn export names, by the columns of its files (linkedin.md sections 4-6).

Other people: connections, both sides of invitations, message senders and recipients, authors and
recipients of recommendations, endorsers and endorsees, followed members, imported contacts, with the
profile URLs that identify them. The owner: ``Profile.csv``'s first, last and maiden names and its
Twitter handles and web sites. Columns are matched by name, as the readers do, so any era is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, islice

from exportscope.archive import Member
from exportscope.platforms.linkedin.csvread import HEADER_SCAN, find_header, open_member
from exportscope.platforms.people import People
from exportscope.textio import Columns, csv_rows

#: Per rule: (first, last) column pairs that make a person's name, columns holding whole names (a cell may
#: list several, comma-separated), and columns holding profile URLs or handles.
_PAIRS: dict[str, list[tuple[str, str]]] = {
    "linkedin.connections": [("First Name", "Last Name")],
    "linkedin.recommendations": [("First Name", "Last Name")],
    "linkedin.endorsements": [
        ("Endorser First Name", "Endorser Last Name"),
        ("Endorsee First Name", "Endorsee Last Name"),
    ],
    "linkedin.contacts": [("FirstName", "LastName"), ("First Name", "Last Name")],
}
_WHOLE: dict[str, list[str]] = {
    "linkedin.invitations": ["From", "To"],
    "linkedin.messages": ["FROM", "TO"],
    "linkedin.ai_chats": ["FROM", "TO"],
    "linkedin.member_follows": ["FullName", "Full Name"],
    "linkedin.contacts": ["FullName", "MiddleName"],
}
_URLS: dict[str, list[str]] = {
    "linkedin.connections": ["URL"],
    "linkedin.invitations": ["inviterProfileUrl", "inviteeProfileUrl"],
    "linkedin.messages": ["SENDER PROFILE URL", "RECIPIENT PROFILE URLS"],
    "linkedin.endorsements": ["Endorser Public Url", "Endorsee Public Url"],
    "linkedin.contacts": ["Profiles", "InstantMessageHandles"],
}
_OWNER_NAMES = ("First Name", "Last Name", "Maiden Name")
_OWNER_HANDLES = ("Twitter Handles", "Websites", "Instant Messengers")
#: The handle in a profile URL: ``linkedin.com/in/ada-example-12345``, a Twitter or other site path.
_URL_HANDLE = re.compile(r"(?:linkedin\.com/(?:in|pub)/|twitter\.com/|x\.com/|instagram\.com/)([\w.%-]{3,})", re.I)
_SITE = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)", re.I)
#: Not people: the names LinkedIn writes for itself and for sponsored senders.
_NOT_PEOPLE = frozenset({"linkedin", "linkedin member", "linkedin premium", "linkedin guide", "sponsored"})


def _rows(member: Member, want: Sequence[str]) -> tuple[Columns, list[list[str]]] | None:
    with open_member(member) as (text, dialect):
        rows = csv_rows(text, delimiter=dialect.delimiter)
        head = list(islice(rows, HEADER_SCAN))
        at = find_header(head, want)
        if at is None:
            return None
        return Columns(head[at]), list(chain(head[at + 1 :], rows))


def _handles(cell: str | None) -> list[str]:
    """Handles in a cell: profile URL paths, ``@names``; for the owner's own sites, the site's host too."""
    if not cell:
        return []
    found = [m[1] for m in _URL_HANDLE.finditer(cell)]
    if found:
        return found
    out: list[str] = []
    for token in re.split(r"[\s,;\[\]]+", cell):
        token = re.sub(r"^[A-Z]+:", "", token)  # "[PERSONAL:https://camille.example]"
        if m := _SITE.match(token):
            out.append(m[1])
        elif token.startswith("@") or re.fullmatch(r"[\w.]{3,}", token):
            out.append(token)
    return out


def _person(found: People, value: str | None) -> None:
    if value and value.strip().casefold() not in _NOT_PEOPLE:
        found.add_name(value)


def _scan(member: Member, rule: str, found: People) -> None:
    pairs, whole, urls = _PAIRS.get(rule, []), _WHOLE.get(rule, []), _URLS.get(rule, [])
    owner = rule == "linkedin.profile"
    want = [*_OWNER_NAMES, *_OWNER_HANDLES] if owner else [c for p in pairs for c in p] + whole + urls
    if not want:
        return
    table = _rows(member, want)
    if table is None:
        return
    columns, rows = table
    for row in rows:
        if owner:
            first, last = columns.get(row, "First Name"), columns.get(row, "Last Name")
            found.add_name(" ".join(filter(None, [first, last])), owner=True)
            for col in ("First Name", "Last Name", "Maiden Name"):
                found.add_name(columns.get(row, col), owner=True)
            for col in _OWNER_HANDLES:
                for handle in _handles(columns.get(row, col)):
                    found.add_handle(handle, owner=True)
            continue
        for first_col, last_col in pairs:
            _person(found, " ".join(filter(None, [columns.get(row, first_col), columns.get(row, last_col)])))
        for col in whole:
            for name in (columns.get(row, col) or "").split(","):
                _person(found, name)
        for col in urls:
            for handle in _handles(columns.get(row, col)):
                found.add_handle(handle)


def people(members: Sequence[tuple[Member, str | None]]) -> People:
    found = People()
    for member, rule in members:
        if rule is None or member.suffix not in (".csv", ".tsv"):
            continue
        try:
            _scan(member, rule, found)
        except (OSError, ValueError):
            continue  # a file that failed the analysis fails here too; its ledger line says why
    # The owner's name appears in invitations and messages too: it is the owner's, not another person's.
    owner = {n.casefold() for n in found.owner_names}
    found.names = {n for n in found.names if n.casefold() not in owner}
    return found
