"""Search text as the browser compares it: lower case, accents dropped ("Résumé" and "resume" are one).

Why a module of its own: the frame's folded column (a polars expression), the typed search text and the
highlighted spans must fold alike, or a search would find what the detail pane cannot mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl


def fold(text: pl.Expr) -> pl.Expr:
    """Text as search compares it: lower case, accents dropped ("Résumé" and "resume" are one)."""
    return text.str.to_lowercase().str.normalize("NFD").str.replace_all(r"\p{Mn}", "")


def fold_text(text: str) -> str:
    """:func:`fold` for the typed search text."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` as search finds it (any case, any accents): (start, end) offsets
    into ``text`` itself, for highlighting."""
    wanted = fold_text(needle)
    if not wanted:
        return []
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: the index in ``text`` of folded character i
    for index, char in enumerate(text):
        for piece in fold_text(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        stop = origin[end - 1] + 1
        while stop < len(text) and not fold_text(text[stop]):  # a combining accent belongs to its letter
            stop += 1
        spans.append((origin[start], stop))
        start = haystack.find(wanted, end)
    return spans
