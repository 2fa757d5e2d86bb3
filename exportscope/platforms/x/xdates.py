"""X's date formats (shared/reference/x.md section 5), parsed with fixed English tables, never the locale.

T1 ``Sat Jul 25 08:26:58 +0000 2026`` (tweets), T2 ISO 8601 with milliseconds (DMs, Grok, account), T3
``YYYY-MM-DD`` (birth dates), T4 epoch milliseconds, T5 ``2015-01-24 02:02:37 +0000`` (the legacy export).
A date before X existed or after the archive was made is no date (:class:`Window`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from exportscope.dates import MONTHS

_T1 = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})")
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?")
_T5 = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")

_MONTH3 = {name.capitalize(): n for name, n in MONTHS.items() if len(name) == 3}
#: The first tweet was posted on 2006-03-21: anything earlier is not a real date of an X item.
FIRST_DAY = datetime(2006, 3, 21, tzinfo=UTC)
#: Snowflake ids encode their time from here (ms), for ids made from November 2010 on.
TWEPOCH_MS = 1288834974657
_SNOWFLAKE_MIN = 1 << 40  # well above every sequential id of 2006-2010


def _offset(sign: str, hh: str, mm: str) -> timedelta:
    delta = timedelta(hours=int(hh), minutes=int(mm))
    return -delta if sign == "+" else delta


def parse_t1(value: Any) -> datetime | None:
    """``Sat Jul 25 08:26:58 +0000 2026`` (English names whatever the account's language)."""
    if not isinstance(value, str):
        return None
    # Fast path for the one shape X writes (fixed width, +0000): a big archive has 100,000 of them.
    if len(value) == 30 and value[19:26] == " +0000 " and value[13] == ":" and value[16] == ":":
        month = _MONTH3.get(value[4:7])
        if month is not None and value[8:10].isdigit() and value[26:].isdigit():
            try:
                return datetime(
                    int(value[26:]),
                    month,
                    int(value[8:10]),
                    int(value[11:13]),
                    int(value[14:16]),
                    int(value[17:19]),
                    tzinfo=UTC,
                )
            except ValueError:
                return None
    m = _T1.fullmatch(value.strip())
    if not m:
        return None
    # groups: 1 month, 2 day, 3-5 time, 6 sign, 7 hh, 8 mm, 9 year
    try:
        local = datetime(int(m[9]), MONTHS[m[1].lower()], int(m[2]), int(m[3]), int(m[4]), int(m[5]), tzinfo=UTC)
    except (KeyError, ValueError):
        return None
    return local + _offset(m[6], m[7], m[8])


def parse_iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    m = _ISO.fullmatch(value.strip())
    if not m:
        return None
    try:
        dt = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0), tzinfo=UTC)
    except ValueError:
        return None
    zone = m[7]
    if zone and zone != "Z":
        digits = zone.replace(":", "")
        dt += _offset(digits[0], digits[1:3], digits[3:5])
    return dt


def parse_t5(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    m = _T5.fullmatch(value.strip())
    if not m:
        return parse_iso(value)
    try:
        local = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]), tzinfo=UTC)
    except ValueError:
        return None
    return local + _offset(m[7], m[8], m[9])


def parse_epoch_ms(value: Any) -> datetime | None:
    try:
        ms = int(str(value).strip())
    except ValueError:
        return None
    if ms <= 0 or ms > 253_402_300_799_000:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def parse_day(value: Any) -> date | None:
    """T3: ``YYYY-MM-DD`` or ``""``."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def snowflake_time(tweet_id: Any) -> datetime | None:
    """The creation time a snowflake id encodes; None for older sequential ids and garbage."""
    try:
        n = int(str(tweet_id))
    except ValueError:
        return None
    if n < _SNOWFLAKE_MIN or n >= 1 << 63:
        return None
    return datetime.fromtimestamp(((n >> 22) + TWEPOCH_MS) / 1000, tz=UTC)


@dataclass
class Window:
    """The dates an X item can have: from the first tweet to the archive's generation date (x.md 8)."""

    last: datetime | None = None
    impossible: int = 0

    def parse(self, raw: Any, parser: Callable[[Any], datetime | None]) -> datetime | None:
        """``parser(raw)`` checked; a value that is there but no date (30 February, garbage) counts too."""
        value = parser(raw)
        if value is None and raw not in (None, ""):
            self.impossible += 1
        return self.check(value)

    def check(self, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value < FIRST_DAY or (self.last is not None and value > self.last + timedelta(days=1)):
            self.impossible += 1
            return None
        return value
