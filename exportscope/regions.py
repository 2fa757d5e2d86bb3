"""Where a person is: country names, ISO codes and aliases to exportscope's region codes (``schemas/regions.toml``).

A region decides which row of a policy applies (:mod:`exportscope.policies`); it comes from ``--region`` or
from a location written in the export, so the same lookup serves both.
"""

from __future__ import annotations

import functools
import re

from exportscope.schemafiles import read_schema


@functools.cache
def load_regions() -> dict[str, str]:
    """Country names, ISO codes and aliases (lower case) -> exportscope region code."""
    data = read_schema("regions.toml")
    table: dict[str, str] = {}
    for code, names in data.get("regions", {}).items():
        table[code] = code
        for n in names:
            table[str(n).lower()] = code
    return table


@functools.cache
def _ambiguous() -> dict[str, str]:
    """Names of two places (Georgia the country, Georgia the US state): name -> the other place's region,
    chosen only when another part of the location names a place of that region."""
    return {str(k).lower(): str(v) for k, v in read_schema("regions.toml").get("ambiguous", {}).items()}


@functools.cache
def _short_in_text() -> frozenset[str]:
    """The few names of one or two letters that may match inside free text ("uk"); every other short name
    is an ISO code ("it", "no", "de") that reads as an ordinary word in a sentence."""
    return frozenset(str(n).lower() for n in read_schema("regions.toml").get("short_in_text", []))


_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")


def region_code(text: str | None) -> str | None:
    """Map a user's ``--region`` or a location written in the export to a region code, if known.

    A location is tried whole, then by its comma-separated parts from the end (country, then state or
    county: "Sydney, New South Wales, Australia", "Dublin, Ohio"); only a location without commas
    ("Greater Paris Metropolitan Region") is searched word by word, so a city name never outvotes the
    country or state written after it. Georgia is the country unless another part names a US place
    ("Atlanta, Georgia"); two-letter codes never match inside free text ("it", "no"), "uk" and "u.k." do.
    """
    if not text:
        return None
    table = load_regions()
    low = " ".join(text.strip().lower().split())
    if low in table:
        return table[low]
    parts = [p.strip() for p in low.split(",") if p.strip()]
    if len(parts) > 1:
        found = [table.get(p) for p in parts]
        for i in range(len(parts) - 1, -1, -1):
            code = found[i]
            if code is None:
                continue
            other = _ambiguous().get(parts[i])
            if other is not None and any(c == other for j, c in enumerate(found) if j != i):
                return other
            return code
        return None
    words = _TOKEN.findall(low)
    short = _short_in_text()
    for size in (3, 2, 1):  # "new york city", "hong kong", "paris"
        for i in range(len(words) - size, -1, -1):
            phrase = " ".join(words[i : i + size])
            if (len(phrase) > 2 or phrase in short) and phrase in table:
                return table[phrase]
    return None
