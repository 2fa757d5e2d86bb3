"""Detectors for personal data inside text: e-mail addresses, phone numbers, street addresses, birth dates,
@mentions and the names of people the export itself says you know.

Each detector returns :class:`Span` values (where, and the normalised value) so the same code feeds the
findings, their example snippets and the redaction of every output. Precision matters more than recall
here: a finding a person cannot recognise as real erodes trust in the others, so each pattern needs a
strong cue (an ``@`` and a domain, a number valid for its country, a house number next to a street word, a
date next to "born").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    value: str


# --- e-mail -------------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})(?![\w-])"
)
#: ``icon@2x.png`` is a file name, not an address.
_FILE_TLDS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "heic", "mp4", "mov", "pdf", "css", "js"})


def emails(text: str) -> list[Span]:
    if "@" not in text:
        return []
    return [Span(m.start(), m.end(), m.group(0)) for m in _EMAIL.finditer(text) if m[1].lower() not in _FILE_TLDS]


# --- phone numbers ------------------------------------------------------------------------------------

#: Text that holds digits but is never a phone number, blanked (same length) before matching: links with or
#: without a scheme (``lnkd.in/4152738190``), URNs, dates with a 4-digit year and clock times.
_URL = re.compile(
    r"(?:https?://|www\.)\S+|urn(?::|%3A)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"
    r"|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b",
    re.I,
)
#: Seven digits at most three characters apart: the phone detector's gate (and its column mask's).
MANY_DIGITS = r"(?:\d\D{0,3}){7}"
_MANY_DIGITS = re.compile(MANY_DIGITS)


@functools.cache
def _phone_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Names (lower case) -> ISO 3166 alpha-2 country, and single-country region -> country: the
    ``[phone_country]`` and ``[region_phone_country]`` tables of ``schemas/regions.toml``, beside the region
    names (one place for every place name)."""
    from exportscope.schemafiles import read_schema

    data = read_schema("regions.toml")
    names = {str(k): str(v) for k, v in data.get("phone_country", {}).items()}
    return names, {str(k): str(v) for k, v in data.get("region_phone_country", {}).items()}


def phone_country(region: str | None, location: str | None = None) -> str | None:
    """The default country for phone numbers: from the export's location text first, then the region."""
    countries, region_country = _phone_tables()
    if location:
        low = location.lower()
        parts = [p.strip() for p in low.split(",") if p.strip()]
        for part in reversed(parts):
            if part in countries:
                return countries[part]
        # Word search only without commas: "Sydney, New South Wales, Australia" is not Wales.
        for name, code in countries.items() if len(parts) < 2 else ():
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low):
                return code
    return region_country.get(region or "")


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def phones(text: str, country: str | None) -> list[Span]:
    """Valid phone numbers (the phonenumbers library), numbers without ``+`` read as ``country``'s.

    URLs are blanked first (same length, so offsets hold): LinkedIn share URNs and page ids are long digit
    runs that can look like numbers. Dates and times are rejected by the library's own matcher.
    """
    if not _MANY_DIGITS.search(text):
        return []
    import phonenumbers

    clean = _URL.sub(_blank, text)
    out: list[Span] = []
    for m in phonenumbers.PhoneNumberMatcher(clean, country, leniency=phonenumbers.Leniency.VALID):
        value = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        out.append(Span(m.start, m.end, value))
    return out


#: A run of 9 to 15 digits written like a phone number (spaces, dots, dashes, brackets, a leading +).
_PHONE_LIKE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\d .()-]{7,18})\d(?!\w)")


def phone_like(text: str) -> list[Span]:
    """Digit runs that look like a phone number, for masking when the country is unknown.

    Without a country, numbers written without ``+`` cannot be validated (an EU-wide export, WhatsApp), and
    ``--redact`` must still not let them through: this over-masks rather than leak. Links, dates and clock
    times are blanked first, as for :func:`phones`.
    """
    clean = _URL.sub(_blank, text)
    out: list[Span] = []
    for m in _PHONE_LIKE.finditer(clean):
        digits = sum(ch.isdigit() for ch in m.group())
        if 9 <= digits <= 15:
            out.append(Span(m.start(), m.end(), m.group().strip()))
    return out


# --- street addresses ---------------------------------------------------------------------------------

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
# The street words, as regex alternatives: public, as :mod:`exportscope.findings.masks` builds its column
# mask from the same lists (one place to add a word).
EN_STREET = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Place|Pl\.?|"
    r"Terrace|Crescent|Square|Sq\.?|Parkway|Highway|Close|Gardens"
)
FR_STREET = r"rue|avenue|av\.|boulevard|bd|chemin|allée|place|impasse|quai|route|cours|square|passage"
DE_NL_STREET_ENDS = r"straße|strasse|str\.|weg|platz|allee|gasse|straat|laan|gracht"
SOUTH_STREET = r"Via|Viale|Piazza|Calle|Avenida|Rua|Plaza"
_ADDRESS = re.compile(
    # 221B Baker Street, 1600 Pennsylvania Avenue NW
    rf"(?<![\w/.,-])\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,3}}(?:{EN_STREET})(?![\w])"
    # 12 rue de la Paix, 3 bis avenue Foch
    rf"|(?<![\w/.,-])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?i:{FR_STREET})\s+(?:(?:de\s+la|de\s+l'|du|des|de|d')\s*)?{_CAP}"
    # Hauptstraße 5, Kerkstraat 12, Via Roma 3, Calle Mayor 7
    rf"|(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:{DE_NL_STREET_ENDS})\s+\d{{1,4}}[a-z]?(?![\w])"
    rf"|(?<!\w)(?:{SOUTH_STREET})\s+{_CAP}(?:\s+{_CAP})?,?\s+\d{{1,4}}(?![\w])"
)


_DIGIT = re.compile(r"\d")


def street_addresses(text: str) -> list[Span]:
    if not _DIGIT.search(text):
        return []
    return [Span(m.start(), m.end(), " ".join(m.group(0).split())) for m in _ADDRESS.finditer(text)]


# --- birth dates --------------------------------------------------------------------------------------

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|"
    r"septembre|octobre|novembre|décembre|decembre)"
)
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er)?\s+{_MONTHS}\.?,?\s+\d{{4}}|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_BIRTH = re.compile(
    r"(?i:\b(?:born(?:\s+on)?|birthday(?:\s+is)?|birth\s*date|date\s+of\s+birth|d\.?o\.?b\.?"
    r"|n[ée]e?\s+le|date\s+de\s+naissance|anniversaire|geboren(?:\s+am)?|geburtsdatum))"
    rf"\s*(?:[:=-]\s*)?(?P<date>{_DATE})"
    r"|(?i:\b(?:born\s+in|n[ée]e?\s+en|geboren)\s+(?P<year>(?:19|20)\d\d)\b)"
)


#: Cheap substring checks before the full pattern: most texts hold none of these words.
BIRTH_KEYS = (
    "born",
    "birth",
    "dob",
    "d.o.b",
    "né",
    "ne le",
    "ne en",
    "naissance",
    "anniversaire",
    "geboren",
    "geburt",
)


def birth_dates(text: str) -> list[Span]:
    low = text.lower()
    if not any(k in low for k in BIRTH_KEYS) or not _DIGIT.search(text):
        return []
    out: list[Span] = []
    for m in _BIRTH.finditer(text):
        value = m.group("date") or m.group("year") or m.group(0)
        out.append(Span(m.start(), m.end(), " ".join(value.split())))
    return out


# --- people -------------------------------------------------------------------------------------------

_MENTION = re.compile(r"(?<![\w@.+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TOKEN = re.compile(r"[^\W\d_]+")
#: A word that starts with a capital (or an uncased letter), not inside another word.
_CAP_WORD = re.compile(r"(?<![\w'’-])[^\W\d_a-zß-ÿ][\w'’-]*")
#: Up to four words separated by single spaces, from a given position.
_RUN = re.compile(r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){1,3}")


def mentions(text: str) -> list[Span]:
    """``@jane_doe`` handles (an address's ``@`` never counts: it follows a word character)."""
    if "@" not in text:
        return []
    return [Span(m.start(), m.end(), m.group(0)) for m in _MENTION.finditer(text)]


class NameIndex:
    """Full names the export says the person knows (connections, friends), found again in free text.

    Why names from the export and not a guess at capitalised words: "Machine Learning" and "New York" look
    like names; the user's own connection list does not lie. Matching is by runs of 2-4 words separated by
    plain spaces, looked up in a set, so thousands of names cost one pass over the text.
    """

    def __init__(self, names: Iterable[str], exclude: Iterable[str] = ()) -> None:
        excluded = {self.key(n) for n in exclude}
        self.names: dict[str, str] = {}
        for n in names:
            k = self.key(n)
            if k and k not in excluded and 2 <= len(k.split()) <= 4:
                self.names.setdefault(k, " ".join(n.split()))
        #: First words of the names: a capitalised word not in here cannot start a name (the fast path).
        self.first = {k.split(" ", 1)[0] for k in self.names}
        #: The first letter run of each first word ("jean" for "Jean-Pierre"): a text holding none is skipped.
        self.first_tokens = {t for w in self.first for t in _TOKEN.findall(w)[:1]}

    @staticmethod
    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    def __bool__(self) -> bool:
        return bool(self.names)

    def find(self, text: str) -> list[Span]:
        if not self.names or self.first_tokens.isdisjoint(_TOKEN.findall(text.casefold())):
            return []
        out: list[Span] = []
        pos = 0
        for m in _CAP_WORD.finditer(text):
            if m.start() < pos or m.group(0).casefold() not in self.first:
                continue
            run = _RUN.match(text, m.start())
            if run is None:
                continue
            words = run.group(0).split(" ")
            for size in range(min(4, len(words)), 1, -1):
                name = " ".join(words[:size])
                k = name.casefold()
                if k in self.names:
                    end = m.start() + len(name)
                    out.append(Span(m.start(), end, self.names[k]))
                    pos = end
                    break
        return out


@functools.cache
def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() and _WORD.fullmatch(w) for w in words)


def name_from_item(text: str | None) -> str | None:
    """The person's full name in a connection/friend item's text (``Ada · Example · Company · Title``)."""
    if not text:
        return None
    parts = [p.strip() for p in text.split(" · ")]
    if len(parts) >= 2 and parts[0] and parts[1]:
        candidate = f"{parts[0]} {parts[1]}"
        if _looks_like_name(candidate):
            return candidate
    return text.strip() if _looks_like_name(text.strip()) else None


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The match with some context either side, on one line, with ellipses where cut."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    body = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + body + ("…" if b < len(text) else "")
