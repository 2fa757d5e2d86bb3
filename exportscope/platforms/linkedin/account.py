"""LinkedIn's account identity: the name in ``Profile.csv``, the primary e-mail, the first phone number."""

from __future__ import annotations

import csv
import io
import re

from exportscope.archive import Member, Source
from exportscope.identity import AccountIdentity
from exportscope.platforms.accounts import by_name, ident, read_small
from exportscope.textio import decode, header_key


def _csv_rows(member: Member) -> list[dict[str, str]]:
    """A small CSV as dicts keyed by :func:`header_key`; the LinkedIn ``Notes:`` preamble is skipped."""
    data = read_small(member)
    if data is None:
        return []
    text, dialect = decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=dialect.delimiter))
    except csv.Error:
        return []
    for i, row in enumerate(rows[:20]):
        if len([c for c in row if c.strip()]) >= 2:
            header = [header_key(c.strip().strip('"')) for c in row]
            return [dict(zip(header, (c.strip() for c in r), strict=False)) for r in rows[i + 1 :] if any(r)]
    return []


# --- LinkedIn -----------------------------------------------------------------------------------------------


def linkedin_account(source: Source) -> AccountIdentity:
    """LinkedIn: the name in ``Profile.csv``, the primary e-mail of ``Email Addresses.csv``, the first
    number of ``PhoneNumbers.csv``. LinkedIn exports state no account id or profile URL of the member."""
    name = email = phone = None
    for m in by_name(source, "profile.csv")[:1]:
        rows = _csv_rows(m)
        if rows:
            first, last = rows[0].get("firstname", ""), rows[0].get("lastname", "")
            name = ident(f"{first} {last}".strip(), m.path)
    for m in by_name(source, "emailaddresses.csv")[:1]:
        rows = [r for r in _csv_rows(m) if "@" in r.get("emailaddress", "")]
        primary = [r for r in rows if r.get("primary", "").lower() in ("yes", "true")]
        if rows:
            email = ident((primary or rows)[0]["emailaddress"], m.path)
    for m in by_name(source, "phonenumbers.csv")[:1]:
        numbers = [r.get("number", "") for r in _csv_rows(m) if re.search(r"\d{5}", r.get("number", ""))]
        if numbers:
            phone = ident(numbers[0], m.path)
    return AccountIdentity("linkedin", name=name, email=email, phone=phone)
