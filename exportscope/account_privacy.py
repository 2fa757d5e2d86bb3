"""What an account's privacy setting decides: whether the export says the account is private, and how many
of its items would be used for AI training if it were public.

Instagram and Threads posts follow the account: a private account keeps them out of training (the rule data
says so with ``visibility = "account"``). A person who reads "not used" beside every Threads post deserves
the reason and what a change would do, so the summary carries both; the words are chosen at the edges.

The count is not a guess: the same rows are classified again, as the pipeline does, with only the privacy
flag turned to public (every override still applies: under 18, not in force in the region), and the items
whose verdict becomes "used for AI training" are counted.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from exportscope.model import Verdict
from exportscope.summary_model import AccountPrivacy, IfPublic

if TYPE_CHECKING:
    from exportscope.classify import PlatformContext
    from exportscope.types import Analysis


def _follows_account(analysis: Analysis, key: str) -> bool:
    """Whether any item of this context takes its visibility from the account's privacy."""
    if analysis.basis is None:
        return False
    _, shapes, rules = analysis.basis
    return any(
        shape[0] == key and rules[shape[1]].visibility_of(shape[2]) in ("account", "owner")
        for shape in shapes
        if shape[1] in rules
    )


def if_public(analysis: Analysis, key: str, ctx: PlatformContext) -> dict[str, int]:
    """Items (and words) of a private account that would be used for AI training were it public."""
    import polars as pl

    from exportscope.classify import classify

    if analysis.basis is None or ctx.account_private is not True:
        return {"items": 0, "words": 0}
    frame, shapes, rules = analysis.basis
    mine = [i for i, shape in enumerate(shapes) if shape[0] == key]
    if not mine:
        return {"items": 0, "words": 0}
    # Only this account's rows, renumbered to a shape list of their own; every context stays as it is but
    # this one, whose account turns public.
    index = {old: new for new, old in enumerate(mine)}
    rows = frame.filter(pl.col("shape").is_in(mine)).with_columns(
        pl.col("shape").replace_strict(index, return_dtype=frame.schema["shape"])
    )
    public = dict(analysis.contexts)
    public[key] = dataclasses.replace(ctx, account_private=False)
    now = analysis.items.filter(pl.col("account") == key)
    then = classify(rows, [shapes[i] for i in mine], rules, public, analysis.options.as_of)
    training = Verdict.TRAINING.value
    used_now = now.filter(pl.col("verdict") == training)
    used_then = then.filter(pl.col("verdict") == training)
    return {
        "items": max(0, used_then.height - used_now.height),
        "words": max(0, int(used_then.get_column("words").sum() or 0) - int(used_now.get_column("words").sum() or 0)),
    }


def account_privacy(analysis: Analysis, key: str, ctx: PlatformContext) -> AccountPrivacy | None:
    """Whether the account is private, and what public would add, for an account whose items follow its
    privacy (Instagram, Threads, protected X posts); None for a platform where it decides nothing. The
    summary document writes it as ``{"private": true|false|null, "if_public": {"items": n, "words": n}}``."""
    if not _follows_account(analysis, key):
        return None
    return AccountPrivacy(private=ctx.account_private, if_public=IfPublic(**if_public(analysis, key, ctx)))


def privacy_sentence(privacy: AccountPrivacy | None, platform: str, lang: str) -> str | None:
    """The summary's ``account_privacy`` in words: private or public (and that the export says so), and
    what a public account would change. None where privacy decides nothing, or the export is silent on X
    (its own note asks the question)."""
    from exportscope import i18n

    if privacy is None:
        return None
    private = privacy.private

    def word(key: str) -> str:
        return f"privacy.{key}_x" if platform == "x" and i18n.has(f"privacy.{key}_x") else f"privacy.{key}"

    if private is None:
        return None if platform == "x" else i18n.t("privacy.unknown", lang)
    if private is False:
        return i18n.t(word("public"), lang)
    sentence = i18n.t(word("private"), lang)
    would = privacy.if_public.items
    if would:
        sentence += " " + i18n.tn(word("if_public"), would, lang)
    return sentence
