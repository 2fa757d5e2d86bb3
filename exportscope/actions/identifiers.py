"""The account identifiers a letter names (name, e-mail, username or profile URL, account id, phone).

One function, :func:`account_identifiers`, so the letter does not care where they come from. When the
analysis carries account identities (``Export.account``, issue 12's ``exportscope.identity``) they are used;
otherwise the identifiers are taken from the items the readers produce today: the profile's name fields and
the account's e-mail address, recognised by the rule that read them and, for e-mail, by the value's shape.
Anything not found stays ``None`` and the letter shows a placeholder for it: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exportscope.types import Analysis

_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

#: Platforms whose items ride inside another platform's export (Threads in Instagram's).
_FAMILY = {"threads": "instagram"}


@dataclass(frozen=True, slots=True)
class Identifiers:
    name: str | None = None
    email: str | None = None
    username: str | None = None  # a username or a profile URL
    account_id: str | None = None
    phone: str | None = None


def _from_identity(analysis: Analysis, platform: str) -> Identifiers | None:
    """From the account identity of the platform's export, when the analysis has one (issue 12)."""
    family = _FAMILY.get(platform, platform)
    for export in analysis.exports:
        account: Any = getattr(export, "account", None)
        if account is None or export.platform.name != family:
            continue

        def value(field: str, account: Any = account) -> str | None:
            ident = getattr(account, field, None)
            return str(ident.value) if ident is not None and getattr(ident, "value", None) else None

        found = Identifiers(
            name=value("name"),
            email=value("email"),
            username=value("profile_url") or value("username"),
            account_id=value("account_id"),
            phone=value("phone"),
        )
        if any((found.name, found.email, found.username, found.account_id, found.phone)):
            return found
    return None


def _from_items(analysis: Analysis, platform: str) -> Identifiers:
    """From today's items: the profile name rules and the first e-mail-shaped account or profile value."""
    import polars as pl

    items = analysis.items.filter(pl.col("platform") == platform)
    if items.is_empty():
        return Identifiers()

    def first(rule: str) -> str | None:
        hit = items.filter(pl.col("rule") == rule).sort("row")["text"].drop_nulls()
        return str(hit[0]).strip() if len(hit) else None

    name = first(f"{platform}.profile.name")
    if name is None and platform == "linkedin":
        parts = [p for p in (first("linkedin.profile.first_name"), first("linkedin.profile.last_name")) if p]
        name = " ".join(parts) or None
    emails = (
        items.filter(pl.col("kind").is_in(["profile", "account"]))
        .sort("source", "row")
        .filter(pl.col("text").str.strip_chars().str.contains(_EMAIL))["text"]
    )
    email = first("linkedin.email_addresses") if platform == "linkedin" else None
    if email is None and len(emails):
        email = str(emails[0]).strip()
    return Identifiers(name=name, email=email)


def account_identifiers(analysis: Analysis, platform: str) -> Identifiers:
    """The identifiers of the account whose ``platform`` data the analysis holds (see the module docstring)."""
    return _from_identity(analysis, platform) or _from_items(analysis, platform)


def clean(value: str | None) -> str | None:
    """An identifier made safe to print in a letter: one line, no control characters, at most 200 chars."""
    if value is None:
        return None
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e]", " ", value)
    text = " ".join(text.split())[:200]
    return text or None
