"""One parser per declared date format, never a guess.

Platforms write dates in a dozen shapes; a rule names the format ids its file uses (LinkedIn's D1-D12 of
linkedin.md) and this module parses exactly those. Month names come from a fixed English table, never from
``%b`` under the user's locale. Every result is timezone-aware UTC; a format without a zone is read as UTC
(linkedin.md marks that as uncertain, and we say so in the rule file rather than pretend).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip

_EMPTY = {"", "n/a", "not available", "null", "none", "-"}


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _hour12(hour: int, ampm: str) -> int:
    ampm = ampm.upper()
    if hour == 12:
        hour = 0
    return hour + 12 if ampm.startswith("P") else hour


def _dt(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def _year2(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


_RX: dict[str, re.Pattern[str]] = {
    "D1": re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})"),
    "D2": re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) UTC"),
    "D3": re.compile(r"(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)"),
    "D4": re.compile(r"(\d{4})/(\d\d)/(\d\d) (\d\d):(\d\d):(\d\d)(?: UTC)?"),
    "D5": re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    "D6": re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4}),? (\d{1,2}):(\d\d)(?::(\d\d))? ?([AaPp][Mm])"),
    "D7": re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d\d):(\d\d):(\d\d) [A-Z]{3,4} (\d{4})"),
    "D8": re.compile(r"(?:([A-Za-z]{3,9}) )?(\d{4})"),
    "D9": re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) UTC"),
    "D10": re.compile(r"on ([A-Za-z]+) (\d{1,2}), (\d{4}) at (\d{1,2}):(\d\d) ([AP]M)", re.I),
    "D12": re.compile(r"([A-Za-z]{3}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d\d) ([AP]M)"),
    "ISO": re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?"),
}


def _p_d1(m: re.Match[str]) -> datetime:
    return _dt(int(m[3]), _month(m[2]), int(m[1]))


def _p_ymdhms(m: re.Match[str]) -> datetime:
    return _dt(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]))


def _p_d5(m: re.Match[str]) -> datetime:
    return _dt(int(m[1]), int(m[2]), int(m[3]))


def _p_d6(m: re.Match[str]) -> datetime:
    return _dt(_year2(m[3]), int(m[1]), int(m[2]), _hour12(int(m[4]), m[7]), int(m[5]), int(m[6] or 0))


def _p_d7(m: re.Match[str]) -> datetime:
    return _dt(int(m[6]), _month(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))


def _p_d8(m: re.Match[str]) -> datetime:
    return _dt(int(m[2]), _month(m[1]) if m[1] else 1, 1)


def _p_d9(m: re.Match[str]) -> datetime:
    return _dt(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))


def _p_d10(m: re.Match[str]) -> datetime:
    return _dt(int(m[3]), _month(m[1]), int(m[2]), _hour12(int(m[4]), m[6]), int(m[5]))


def _p_d12(m: re.Match[str]) -> datetime:
    return _dt(int(m[3]), _month(m[1]), int(m[2]), _hour12(int(m[4]), m[6]), int(m[5]))


def _p_iso(m: re.Match[str]) -> datetime:
    return _dt(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))


_PARSERS: dict[str, Callable[[re.Match[str]], datetime]] = {
    "D1": _p_d1,
    "D2": _p_ymdhms,
    "D3": _p_ymdhms,
    "D4": _p_ymdhms,
    "D5": _p_d5,
    "D6": _p_d6,
    "D7": _p_d7,
    "D8": _p_d8,
    "D9": _p_d9,
    "D10": _p_d10,
    "D12": _p_d12,
    "ISO": _p_iso,
}

FORMATS = frozenset(_PARSERS)

#: Formats that cannot be mistaken for one another (no day/month ambiguity, no bare year): tried, in this
#: order, when a value matches none of the formats its rule declares. Real exports write a file's dates in
#: another shape than documented (a spreadsheet re-save, a new LinkedIn release); reading them is no guess.
UNAMBIGUOUS: tuple[str, ...] = ("ISO", "D2", "D3", "D4", "D5", "D9", "D1", "D7", "D12", "D10")


def parse(value: str | None, formats: Sequence[str]) -> datetime | None:
    """Parse ``value`` with the first of ``formats`` that matches it whole (D10 and D12: a search), else with
    the first of the :data:`UNAMBIGUOUS` formats that matches.

    Returns None for empty and "not available" values and for values no format matches; an impossible date
    (30 Feb) is also None rather than an exception, so one odd cell never fails a file.
    """
    if value is None:
        return None
    text = value.strip().strip('"').strip()
    if text.lower() in _EMPTY:
        return None
    found = _parse_with(text, formats)
    if found is None and not _matches_any(text, formats):
        found = _parse_with(text, [f for f in UNAMBIGUOUS if f not in formats])
    return found


def is_empty(value: str | None) -> bool:
    """True for a cell that holds no date at all (empty, "N/A", "Not Available")."""
    return value is None or value.strip().strip('"').strip().lower() in _EMPTY


def _matches_any(text: str, formats: Sequence[str]) -> bool:
    """A value one declared format matches but cannot turn into a date (30 Feb) is no other format's."""
    for fmt in formats:
        rx = _RX.get(fmt)
        if rx is not None and (rx.search(text) if fmt in ("D10", "D12") else rx.fullmatch(text)):
            return True
    return False


_SHAPE_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def shape(value: str) -> str:
    """The shape of a date value that could not be read, never the value: ``20 Mär 2024`` -> ``DD Xxx YYYY``.

    Digits become ``D`` (four digits: ``YYYY``), month names ``Mon``, ``AM``/``PM`` stay, ``T``/``UTC``/``Z``
    stay, other words become ``Xxx``; punctuation and spaces are kept. At most 40 characters.
    """

    def token(m: re.Match[str]) -> str:
        t = m[0]
        if t.isdigit():
            return "YYYY" if len(t) == 4 else "D" * min(len(t), 3)
        if t.lower().rstrip(".") in MONTHS:
            return "Mon"
        if t.upper() in ("AM", "PM", "T", "UTC", "Z", "GMT"):
            return t.upper()
        return "Xxx"

    text = _SHAPE_TOKEN.sub(token, value.strip().strip('"').strip())
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:40]


def _parse_with(text: str, formats: Sequence[str]) -> datetime | None:
    for fmt in formats:
        rx = _RX.get(fmt)
        if rx is None:
            continue
        m = rx.search(text) if fmt in ("D10", "D12") else rx.fullmatch(text)
        if m is None:
            continue
        try:
            return _PARSERS[fmt](m)
        except (ValueError, KeyError):
            return None
    return None


#: Seconds of 9999-12-31: a larger epoch value is garbage, never a time (and would overflow a datetime).
MAX_EPOCH_SECONDS = 253_402_300_799


def epoch_seconds(value: object, *, millis: bool = False) -> float | None:
    """Unix seconds (or milliseconds) as float seconds; 0, negatives, garbage and year > 9999 mean unknown.

    The same test as :func:`from_epoch` without building a datetime: hot readers (Meta messages) use it.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    seconds = value / 1000 if millis else float(value)
    return seconds if seconds <= MAX_EPOCH_SECONDS else None


def from_epoch(value: object, *, millis: bool = False) -> datetime | None:
    """Unix seconds (or milliseconds) to UTC; 0, negatives and garbage mean unknown."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000 if millis else value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


_YEARLESS = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:,? (\d{4}))?")


def parse_birth_date(value: str | None) -> tuple[int | None, int, int] | None:
    """A birth date as (year or None, month, day): LinkedIn's ``Mar 7`` has no year (D11).

    Parsed by hand because ``strptime`` assumes 1900 and so rejects ``Feb 29``.
    """
    if not value:
        return None
    text = value.strip()
    m = _YEARLESS.fullmatch(text)
    if m:
        try:
            month = _month(m[1])
        except KeyError:
            return None
        day = int(m[2])
        if not 1 <= day <= 31:
            return None
        return (int(m[3]) if m[3] else None, month, day)
    iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text)
    if iso:
        return (int(iso[1]), int(iso[2]), int(iso[3]))
    return None


def age_on(birth: tuple[int | None, int, int] | date | None, on: date) -> int | None:
    """Whole years of age on a date, or None when the birth year is unknown."""
    if birth is None:
        return None
    if isinstance(birth, date):
        y, mo, d = birth.year, birth.month, birth.day
    else:
        if birth[0] is None:
            return None
        y, mo, d = birth[0], birth[1], birth[2]
    return on.year - y - ((on.month, on.day) < (mo, d))
