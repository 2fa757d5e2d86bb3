"""A date range as a person types it in the browser (``2024-03..2024-05``), read strictly.

Why a module of its own: reading typed dates is its own small grammar with its own refusals (a typed
:class:`PeriodError` code, worded by the catalogue); it never guesses a day-first order or a two-digit year.
"""

from __future__ import annotations

from datetime import date, timedelta


class PeriodError(ValueError):
    """A date range a person typed that cannot be read; ``code`` names why (``tui.period_error.<code>``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _period_bound(text: str, *, end: bool) -> date:
    """``2025``, ``2025-03`` or ``2025-03-14`` as the first (or, with ``end``, the last) day it covers."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise PeriodError("shape") from None
    if not 1 <= len(numbers) <= 3 or len(parts[0]) != 4 or any(len(p) > 2 for p in parts[1:]):
        raise PeriodError("shape")
    year, month, day = (*numbers, 0, 0)[:3]
    try:
        if len(numbers) == 1:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if len(numbers) == 2:
            first = date(year, month, 1)
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if end else first
        return date(year, month, day)
    except ValueError:
        raise PeriodError("no_such_date") from None


def parse_period(text: str) -> tuple[date | None, date | None]:
    """A date range as typed: ``2024-01-01..2024-06-30``, ``2024-03..2024-05``, ``2024-03`` (one month),
    ``2024`` (one year), ``2024-03..`` (from), ``..2024-05`` (until); both ends inclusive. An empty text is
    no range. Raises :class:`PeriodError` for anything else (never guesses a day-first or two-digit year)."""
    text = text.strip()
    if not text:
        return None, None
    if ".." in text:
        lo_text, _, hi_text = (part.strip() for part in text.partition(".."))
        if not lo_text and not hi_text:
            raise PeriodError("shape")
    else:
        lo_text = hi_text = text
    lo = _period_bound(lo_text, end=False) if lo_text else None
    hi = _period_bound(hi_text, end=True) if hi_text else None
    if lo is not None and hi is not None and lo > hi:
        raise PeriodError("reversed")
    return lo, hi
