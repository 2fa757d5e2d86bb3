"""Which texts each text detector could find something in, decided on whole columns before any per-row Python.

Why: the detectors of :mod:`exportscope.findings.text` are Python regexes and the phonenumbers matcher, run
text by text. On a large export almost no text holds a finding, yet every text used to pay for every
detector (and with a connection list, for the name search, every text was kept). Here each detector gets a
polars mask (a regex in polars' engine: no look-around, no backreferences) or a C-level substring search;
a row reaches per-row Python only if some mask keeps it, and there runs only the detectors whose mask did.

Every mask is a *superset* of what its detector finds, never a guess: a detector that finds nothing in a
text its mask dropped is the whole contract (``tests/test_findings_masks.py`` runs both ways on realistic
and adversarial texts). How each one holds:

- the patterns drop the detectors' look-arounds (a look-around only ever rejects a match) and keep their
  ASCII classes as they are (``[A-Za-z0-9]`` means the same in both engines);
- polars' ``\\d`` (Unicode ``Nd``) holds every digit Python's does; Python's ``\\s`` also holds the four
  information separators U+001C..U+001F, so the masks write ``[\\s\\x1c-\\x1f]`` for it, and ``\\S`` (every
  non-space) where a detector has ``\\w`` before a space;
- where a detector compares lower-cased or case-folded text (birth-date keywords, known names), the mask
  searches the very same Python ``str.lower()`` / ``str.casefold()`` of the text (one C-level call per
  text, on the texts that can still match), so no case rule of polars' engine is relied on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from exportscope.findings.text import (
    BIRTH_KEYS,
    DE_NL_STREET_ENDS,
    EN_STREET,
    FR_STREET,
    MANY_DIGITS,
    SOUTH_STREET,
    NameIndex,
)

if TYPE_CHECKING:
    import polars as pl

#: The detectors that get a mask of their own, in the order :func:`exportscope.findings.text_spans` runs them.
DETECTORS: tuple[str, ...] = ("email", "phone", "street_address", "birth_date", "person")

_WS = r"[\s\x1c-\x1f]"  # Python's \s in a str pattern
_CAP = r"[A-ZÀ-ÖØ-Þ]\S*"  # text.py's _CAP ([\w'’.-]* holds no space) followed by a space
#: An address-like local part, ``@``, a domain label and a top-level domain (text.py ``_EMAIL``).
EMAIL = r"[A-Za-z0-9_%+-]@[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2}"
#: ``@`` and a handle's first character (text.py ``_MENTION``).
MENTION = r"@[A-Za-z0-9_]"
#: Seven digits at most three characters apart: the phone detector's own gate.
PHONE = MANY_DIGITS
#: Letters Python's ``re.IGNORECASE`` matches beyond polars' ``(?i)`` (its simple case folding): the Turkish
#: dotted capital and dotless small i both match ``i`` there (the test checks every code point).
_PYTHON_ONLY_CASES = {"i": "[iİı]"}


def insensitive(pattern: str) -> str:
    """A literal ``(?i:...)`` pattern of text.py, for polars: each letter also matches what Python's does."""
    return "".join(_PYTHON_ONLY_CASES.get(ch, ch) for ch in pattern)


#: The four shapes of text.py ``_ADDRESS`` without their look-arounds (and ``\d{1,5}`` from its last digit).
STREET = (
    rf"\d[A-Za-z]?,?{_WS}+(?:{_CAP}{_WS}+){{1,3}}(?:{EN_STREET})"
    rf"|\d(?:{_WS}?(?:bis|ter))?,?{_WS}+(?i:{insensitive(FR_STREET)}){_WS}"
    rf"|(?:{DE_NL_STREET_ENDS}){_WS}+\d"
    rf"|(?:{SOUTH_STREET}){_WS}+[A-ZÀ-ÖØ-Þ]"
)
DIGIT = r"\d"


def _folded(texts: pl.Series, keep: pl.Series, fold: str) -> pl.Series:
    """The Python ``lower()`` or ``casefold()`` of the ``keep`` texts, exactly what the detector compares."""
    import polars as pl

    chosen = texts.filter(keep).to_list()
    return pl.Series(
        [t.lower() for t in chosen] if fold == "lower" else [t.casefold() for t in chosen], dtype=pl.String
    )


def _spread(keep: pl.Series, hits: pl.Series) -> pl.Series:
    """``hits`` (one per kept row) back on every row; false where ``keep`` is."""
    return keep.clone().scatter(keep.arg_true(), hits) if keep.any() else keep


@functools.cache
def _letter_edge() -> str:
    r"""A character that ends a letter run of text.py ``_TOKEN`` (``[^\W\d_]``: Python's letters and non-decimal
    numerals), in polars' engine: not a letter or numeral there, or not yet assigned in Python's Unicode
    database (polars' may be newer; the test checks every code point)."""
    version = ".".join(unicodedata.unidata_version.split(".")[:2])
    return rf"(?:[^\p{{L}}\p{{Nl}}\p{{No}}]|\P{{age:{version}}})"


def _name_runs(folded: pl.Series, tokens: list[str]) -> pl.Series:
    """Case-folded texts holding one of ``tokens`` as a whole letter run (what :meth:`NameIndex.find` asks
    first); a plain substring search if polars' engine cannot say what Python's letters are."""
    import polars as pl

    from exportscope.columns import per_thread

    folded = folded.rename("folded")
    col = pl.col("folded")
    if not tokens:  # no first word holds a letter: NameIndex.find finds nothing
        return folded.str.contains("^$") & False
    edge = _letter_edge()
    pattern = rf"(?:^|{edge})(?:{'|'.join(map(re.escape, tokens))})(?:$|{edge})"
    try:
        return per_thread(folded, col.str.contains(pattern))
    except pl.exceptions.PolarsError:  # an unknown Unicode age in this polars: a coarser superset
        return per_thread(folded, col.str.contains_any(tokens))


def candidates(texts: pl.Series, names: NameIndex) -> pl.DataFrame:
    """One boolean column per detector (:data:`DETECTORS`), true where that detector could find something.

    ``texts`` holds no nulls. ``person`` covers both @mentions and the names in ``names``
    (:meth:`NameIndex.find` first asks for one of the names' first words among the case-folded text's
    letter runs; the mask asks for it as a whole letter run of the same case-folded text).
    """
    import polars as pl

    from exportscope.columns import per_thread_frame

    texts = texts.rename("text")
    col = pl.col("text")
    found = per_thread_frame(
        texts,
        [
            col.str.contains(DIGIT).alias("digit"),
            col.str.contains(MENTION).alias("mention"),
            col.str.contains(EMAIL).alias("email"),
        ],
    )
    digit, mention = found.get_column("digit"), found.get_column("mention")
    # A phone is seven digits, and a street address is kept only with a digit: both scans (as slow as the
    # digit's own, on every text) run on the texts holding a digit, most often few.
    numbered = texts.filter(digit)
    scanned = per_thread_frame(
        numbered, [col.str.contains(PHONE).alias("phone"), col.str.contains(STREET).alias("street")]
    )
    phone, street = (_spread(digit, scanned.get_column(c)) for c in ("phone", "street"))
    birth = _spread(digit, _folded(texts, digit, "lower").str.contains_any(list(BIRTH_KEYS)))
    person = mention
    if names:  # with none, NameIndex.find returns at once
        unsure = ~mention
        person = mention | _spread(unsure, _name_runs(_folded(texts, unsure, "casefold"), sorted(names.first_tokens)))
    return pl.DataFrame(
        {
            "email": found.get_column("email"),
            "phone": phone,
            "street_address": street,
            "birth_date": birth,
            "person": person,
        }
    )
