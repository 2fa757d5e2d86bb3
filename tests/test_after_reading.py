"""What follows the reading, made cheaper (issue 19) without changing an answer: the word counts cut into a
chunk per thread, the to-do counts from one tally, the summary's counts on the columns they need."""

from __future__ import annotations

import random

import polars as pl

from exportscope.classify import word_counts

#: Every kind of space a text of an export holds: tabs and new lines in posts, a no-break space before a
#: French colon, an ideographic space, a thin space, plus the separators Python calls spaces and Unicode
#: does not (U+001C..U+001F), which are no word boundary for the count.
_SPACES = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2009", "\u202f", "\x1c", "\x1f", "\u0085"]
_WORDS = ["café", "Résumé", "naïve", "日本語", "😀", "x", "don't", "e-mail", "1,500", "—", "@jdoe", ""]


def _texts(n: int, seed: int = 3) -> list[str | None]:
    rng = random.Random(seed)
    out: list[str | None] = []
    for _ in range(n):
        if rng.random() < 0.05:
            out.append(None)
            continue
        if rng.random() < 0.4:  # the usual text: words between single spaces, counted without the regex
            out.append(" ".join(w for w in (rng.choice(_WORDS) for _ in range(rng.randint(1, 9))) if w))
            continue
        parts = [rng.choice(_WORDS) + rng.choice(_SPACES) for _ in range(rng.randint(0, 12))]
        lead = rng.choice(["", " ", "\n"])
        out.append(lead + "".join(parts))
    return out


def test_word_counts_are_the_whole_column_count_whatever_the_chunks() -> None:
    texts = pl.Series("text", _texts(50_000), dtype=pl.String)
    expected = texts.fill_null("").str.count_matches(r"\S+").cast(pl.Int64)
    counted = word_counts(texts)
    assert counted.dtype == pl.Int64 and counted.name == "words" and counted.n_chunks() == 1
    assert counted.equals(expected)
    # A column that already comes in pieces (two processes' rows) gives the same counts.
    pieces = pl.concat([texts.slice(0, 17_003), texts.slice(17_003)], rechunk=False)
    assert word_counts(pieces).equals(expected)
    # By hand, on a few: the no-break and ideographic spaces separate words, U+001F does not.
    small = pl.Series(
        "text", ["deux\u00a0mots", "un\x1fmot", "日本\u3000語", None, "", "  ", "trois mots ici", "un", " un"]
    )
    assert word_counts(small).to_list() == [2, 1, 2, 0, 0, 0, 3, 1, 1]
