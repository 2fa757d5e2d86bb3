"""How archive values become screen text: literally, never as markup, with control characters made visible.

Everything that came from an archive (post text, file names, errors quoting file names) is put on screen
through :class:`textual.content.Content` parts or plain segments, which are never parsed for markup, so a
post that says ``[bold]`` shows ``[bold]``. Control characters (an ESC in a message would otherwise reach the
terminal) are replaced by their visible Unicode pictures. Verdicts carry a mark and a word, never colour
alone.

Every word the UI itself says comes from the message catalogue (``exportscope/locale/messages.toml``, keys
``tui.*``, plus the shared ``verdict_short.*``, ``kind.*``, ``region.*`` and policy translations) through
:func:`tr`, so the terminal UI and the reports speak the same words in the same language. Key descriptions
in bindings are written in English in the code and translated by :func:`localize_bindings`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.content import Content

from exportscope import i18n
from exportscope.termsafe import BIDI_CONTROLS, safe

if TYPE_CHECKING:
    from textual.binding import Binding, BindingsMap

#: A mark per verdict: shape, not colour, tells them apart (and reads in a monochrome terminal).
VERDICT_MARK: dict[str, str] = {
    "training": "●",
    "conditional": "◐",
    "excluded": "○",
    "not_used": "·",
    "unrecognized": "?",
}

#: Theme variables per verdict; the colour repeats what the mark and the word already say. The hues are
#: the reports' (``report.charts.COLORS``): red, orange, blue, grey, so a verdict has one colour everywhere.
VERDICT_STYLE: dict[str, str] = {
    "training": "bold $text-error",
    "conditional": "bold $text-warning",
    "excluded": "$text-primary",
    "not_used": "$text-muted",
    "unrecognized": "$text-muted",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")


def _picture(match: re.Match[str]) -> str:
    """C0 controls as their Unicode pictures (ESC -> ␛); C1, bidi and line separators as escapes."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else safe(match.group())


def clean(text: str) -> str:
    """Keep newlines and tabs; show every other control character as its picture (ESC -> ␛), and C1
    controls, bidi overrides and isolates (U+202E...) as visible escapes (``\\u202e``)."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """A preview on one line: line breaks become `` ⏎ ``, other control characters become pictures."""
    text = text.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ")
    return _CONTROL_LINE.sub(_picture, text)


def n(value: int | None, lang: str = i18n.DEFAULT_LANG) -> str:
    """1,245 style numbers (the grouping a person reads at a glance; ``1 245`` in French)."""
    return i18n.fmt_int(value or 0, lang)


def tr(key: str, lang: str = i18n.DEFAULT_LANG, /, **fields: Any) -> str:
    """The UI's own message ``tui.<key>`` in ``lang``."""
    return i18n.t(f"tui.{key}", lang, **fields)


def trn(key: str, count: int, lang: str = i18n.DEFAULT_LANG, /, **fields: Any) -> str:
    """``tui.<key>`` for a count (``tui.<key>_one`` when the language says singular); ``{n}`` is the count."""
    return i18n.tn(f"tui.{key}", count, lang, **fields)


def colon(lang: str = i18n.DEFAULT_LANG) -> str:
    """``": "`` in English, ``" : "`` in French."""
    return i18n.t("meta.colon", lang)


def verdict_word(verdict: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """Short verdict words for tight places (table cells, tree nodes): ``training``, ``if public``..."""
    key = f"verdict_short.{verdict}"
    return i18n.t(key, lang) if i18n.has(key) else verdict


def verdict_long(verdict: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """The verdict as a phrase: ``used for AI training``, ``excluded from training``..."""
    key = f"tui.verdict_{verdict}"
    return i18n.t(key, lang) if i18n.has(key) else verdict


def kind_word(kind: str | None, lang: str = i18n.DEFAULT_LANG) -> str:
    return i18n.kind_label(kind, lang) if kind else ""


def key_text(description: str, lang: str = i18n.DEFAULT_LANG) -> str:
    """A key's description (``"Opt out"``) in ``lang``: catalogue key ``tui.keys.opt_out``."""
    key = "tui.keys." + re.sub(r"[^a-z0-9]+", "_", description.lower()).strip("_")
    return i18n.t(key, lang) if i18n.has(key) else description


def localize_bindings(bindings: BindingsMap, lang: str) -> None:
    """Translate the descriptions of a node's own bindings map in place (footer, help, palette read them),
    and the words of their groups (the footer's ``s S Sort``)."""
    if lang == i18n.DEFAULT_LANG:
        return
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [_localized(b, lang) for b in items]


def _localized(binding: Binding, lang: str) -> Binding:
    if binding.description:
        binding = replace(binding, description=key_text(binding.description, lang))
    if binding.group is not None:
        binding = replace(binding, group=replace(binding.group, description=key_text(binding.group.description, lang)))
    return binding


def when(value: datetime | None) -> str:
    """``2025-07-01 14:33`` in UTC (what the archive stores); ``—`` for undated items."""
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M")


def name(text: Any, style: str = "") -> Content:
    """A path or a name as Content on one line: newlines and every control shown as escapes."""
    return Content.assemble((safe(text), style)) if style else Content(safe(text))


def literal(text: Any, style: str = "") -> Content:
    """Archive text as Content that is never parsed for markup."""
    return Content.assemble((clean(str(text)), style)) if style else Content(clean(str(text)))


def verdict_label(verdict: str, long: str | None = None, lang: str = i18n.DEFAULT_LANG) -> Content:
    """``● training`` with the theme's colour on top of the mark and word."""
    word = long or verdict_word(verdict, lang)
    return Content.assemble((f"{VERDICT_MARK.get(verdict, '?')} {word}", VERDICT_STYLE.get(verdict, "")))
