"""How archive values become screen text: literally, never as markup, with control characters made visible.

Everything that came from an archive (post text, file names, errors quoting file names) is put on screen
through :class:`textual.content.Content` parts or plain segments, which are never parsed for markup, so a
post that says ``[bold]`` shows ``[bold]``. Control characters (an ESC in a message would otherwise reach the
terminal) are replaced by their visible Unicode pictures. Verdicts carry a mark and a word, never colour
alone.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from textual.content import Content

#: A mark per verdict: shape, not colour, tells them apart (and reads in a monochrome terminal).
VERDICT_MARK: dict[str, str] = {
    "training": "●",
    "conditional": "◐",
    "excluded": "○",
    "not_used": "·",
    "unrecognized": "?",
}

#: Short verdict words for tight places (table cells, tree nodes).
VERDICT_SHORT: dict[str, str] = {
    "training": "training",
    "conditional": "if public",
    "excluded": "excluded",
    "not_used": "not used",
    "unrecognized": "unknown",
}

#: Theme variables per verdict; the colour repeats what the mark and the word already say.
VERDICT_STYLE: dict[str, str] = {
    "training": "bold $text-error",
    "conditional": "bold $text-warning",
    "excluded": "$text-success",
    "not_used": "$text-muted",
    "unrecognized": "$text-muted",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "␡" if code == 0x7F else chr(0x2400 + code)


def clean(text: str) -> str:
    """Keep newlines and tabs; show every other control character as its picture (ESC -> ␛)."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """A preview on one line: line breaks become `` ⏎ ``, other control characters become pictures."""
    text = text.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ")
    return _CONTROL_LINE.sub(_picture, text)


def n(value: int | None) -> str:
    """1,245 style numbers (the grouping a person reads at a glance)."""
    return f"{value or 0:,}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{n(count)} {word if count == 1 else (words or word + 's')}"


def when(value: datetime | None) -> str:
    """``2025-07-01 14:33`` in UTC (what the archive stores); ``—`` for undated items."""
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M")


def literal(text: Any, style: str = "") -> Content:
    """Archive text as Content that is never parsed for markup."""
    return Content.assemble((clean(str(text)), style)) if style else Content(clean(str(text)))


def verdict_label(verdict: str, long: str | None = None) -> Content:
    """``● training`` with the theme's colour on top of the mark and word."""
    word = long or VERDICT_SHORT.get(verdict, verdict)
    return Content.assemble((f"{VERDICT_MARK.get(verdict, '?')} {word}", VERDICT_STYLE.get(verdict, "")))
