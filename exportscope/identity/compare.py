"""Whether two exports are of one account (:func:`compare_accounts`), from what each states.

Why a module of its own: this is the one decision that keeps two people's exports apart. Only stable
identifiers prove an account (an account id, a username, an e-mail, a profile URL, a phone number); a name
alone is weak evidence, used only when nothing else is stated on either side; an export that names nobody
gives no answer rather than a guess.
"""

from __future__ import annotations

import enum
import re
import unicodedata

from exportscope.identity.account import AccountIdentity

#: Identifiers that prove an account by themselves (a name does not: two people share a name).
STRONG: tuple[str, ...] = ("account_id", "username", "email", "profile_url", "phone")


class AccountMatch(enum.StrEnum):
    """The answer of :func:`compare_accounts`."""

    SAME = "same"  # a stable identifier is shared and none contradicts (or: same name, nothing else stated)
    DIFFERENT = "different"  # another platform, or a stable identifier of one type differs and none is shared
    UNKNOWN = "unknown"  # not enough stated to tell (an empty identity on either side)


def normalise(field_name: str, value: str) -> str:
    """The comparable form of one identifier: NFKC, case-folded, spaces collapsed; e-mails lower-cased;
    phone numbers reduced to their digits; usernames without ``@``; profile URLs without scheme, ``www.``,
    query and trailing slash."""
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if field_name == "phone":
        return re.sub(r"\D", "", text).lstrip("0")
    if field_name == "username":
        return text.lstrip("@")
    if field_name == "profile_url":
        text = re.sub(r"^[a-z]+://", "", text)
        text = text.removeprefix("www.").split("?", 1)[0].split("#", 1)[0]
        return text.rstrip("/")
    return re.sub(r"\s+", " ", text)


def compare_accounts(a: AccountIdentity, b: AccountIdentity) -> AccountMatch:
    """Whether two exports are of one account, from what each states (never from their file names alone).

    An account id decides alone when both state one. Otherwise any shared stable identifier (username,
    e-mail, profile URL, phone) makes them the same account, even if another one changed (people change
    their e-mail); a stable identifier stated by both with different values and none shared makes them
    different. With no stable identifier in common, the same name on both sides is taken as the same account
    and different names as different accounts; an export that names nobody gives UNKNOWN.
    """
    if a.platform != b.platform:
        return AccountMatch.DIFFERENT
    ida, idb = a.account_id, b.account_id
    if ida and idb:
        same_id = normalise("account_id", ida.value) == normalise("account_id", idb.value)
        return AccountMatch.SAME if same_id else AccountMatch.DIFFERENT
    shared = contradicted = False
    for f in STRONG[1:]:
        va, vb = getattr(a, f), getattr(b, f)
        if va is None or vb is None:
            continue
        if normalise(f, va.value) == normalise(f, vb.value):
            shared = True
        else:
            contradicted = True
    if shared:
        return AccountMatch.SAME
    if contradicted:
        return AccountMatch.DIFFERENT
    if a.name and b.name:
        same_name = normalise("name", a.name.value) == normalise("name", b.name.value)
        return AccountMatch.SAME if same_name else AccountMatch.DIFFERENT
    return AccountMatch.UNKNOWN


def same_account(a: AccountIdentity, b: AccountIdentity) -> bool:
    """True only when the exports show they are one account (:func:`compare_accounts` says SAME)."""
    return compare_accounts(a, b) is AccountMatch.SAME
