"""Readers for the LinkedIn files whose format breaks a naive CSV parser (linkedin.md, parser checklist).

Placeholder versions: each delegates to the generic reader until its quirk is handled.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exportscope.archive import Member
from exportscope.platforms.base import Output
from exportscope.rules import Rule


def _generic(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    from exportscope.platforms.linkedin import read_csv

    return read_csv(members, rule)


read_shares = _generic
read_comments = _generic
read_rich_media = _generic
read_article = _generic
read_messages = _generic
read_invitations = _generic
read_ad_targeting = _generic
