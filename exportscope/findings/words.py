"""The words of a finding, in the person's language, for the terminal UI and every report alike.

A finding is data (:mod:`exportscope.findings`): counts, values, codes such as ``via = "exif_data"``. What
a person reads is chosen here, once, from the catalogue (``finding_words.*``), so "2 distinct values in 4
items", "recorded by the platform with the upload" or "in a photo sent in a private message: not used for AI
training" read the same on screen and on paper, and never show one of our field names.
"""

from __future__ import annotations

from typing import Any

from exportscope import i18n


def amount(finding: dict[str, Any], lang: str = i18n.DEFAULT_LANG) -> str:
    """``2 distinct values in 4 items``: distinct values, and how many items carry them."""
    distinct = int(finding.get("distinct", finding.get("count", 0)))
    items = int(finding.get("items", finding.get("count", 0)))
    return i18n.t(
        "finding_words.amount",
        lang,
        values=i18n.tn("finding_words.values", distinct, lang),
        items=i18n.tn("finding_words.items", items, lang),
    )


def value_notes(example: dict[str, Any], lang: str = i18n.DEFAULT_LANG) -> list[str]:
    """What to say beside one value: in how many items, what it was recorded with, whether it is private."""
    out: list[str] = []
    if isinstance(example.get("items"), int):
        out.append(i18n.tn("finding_words.in_items", int(example["items"]), lang))
    via = example.get("via")
    if via == "place" and example.get("place"):
        out.append(i18n.t("finding_words.via_place_named", lang, place=str(example["place"])))
    elif isinstance(via, str) and i18n.has(f"finding_words.via_{via}"):
        out.append(i18n.t(f"finding_words.via_{via}", lang))
    if example.get("private"):
        out.append(i18n.t("finding_words.private_example", lang))
    return out


def private_line(finding: dict[str, Any], lang: str = i18n.DEFAULT_LANG) -> str | None:
    """How many occurrences are in private messages (not used for training); None when none are."""
    private = int(finding.get("private") or 0)
    return i18n.tn("finding_words.private", private, lang) if private else None


def more(finding: dict[str, Any], shown: int, lang: str = i18n.DEFAULT_LANG) -> str | None:
    """``… and 3 more values`` for the distinct values not shown; None when every value is shown."""
    distinct = int(finding.get("distinct", finding.get("count", 0)))
    rest = distinct - shown
    return i18n.tn("finding_words.more", rest, lang) if rest > 0 else None
