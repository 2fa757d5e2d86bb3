"""The line grammar of WhatsApp chat exports (shared/reference/whatsapp.md, sections 3 to 5).

Why a module of its own: every Android and iOS locale writes the same three-part header (date, time,
separator) with different punctuation, and one precompiled regex handles them all. This module only knows
shapes: which line starts a message, how its date fields and clock read, who wrote it and what its body is
(an attachment, a media placeholder, a shared location, a call notice, a system notice). Deciding the day and
month order of a whole file is :mod:`exportscope.platforms.whatsapp.chat`'s job, because it needs every line.

Invisible marks (U+200E, U+200F, U+202F and other format characters) are ignored for matching only; the text
handed back keeps them as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Unicode format characters WhatsApp sprinkles into exports (LRM, RLM, bidi embeddings, BOM, ZWSP).
FORMAT_CHARS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_FORMAT_RUN = re.compile(f"[{FORMAT_CHARS}]+")
MARKS: frozenset[str] = frozenset(
    chr(c)
    for lo, hi in ((0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF))
    for c in range(lo, hi + 1)
)

#: whatsapp.md section 3, tightened: the date separator repeats (``ds``), a ``[`` requires its ``]``.
HEADER = re.compile(
    rf"[{FORMAT_CHARS}]*(?P<br>\[)?"
    r"(?P<date>\d{1,4}(?P<ds>[-/.])\s?\d{1,4}(?P=ds)\s?\d{1,4})\.?,?\s(?:klo\s)?"
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:[\s\u202f\u00a0]?(?P<ampm>[ap]\.?\s?m\.?))?"
    r"(?(br)\])(?P<sep>\s-\s|:\s|\s)(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_DATE_SPLIT = re.compile(r"[-/.]\s?")
_TIME_SPLIT = re.compile(r"[:.]")

# --- message bodies ------------------------------------------------------------------------------------
# Translations beyond English are the ones seen in test data and bug reports; whatsapp.md marks them
# uncertain. A body that matches none of these stays an ordinary message, which is the safe default.

_ATTACHED_IOS = re.compile(
    r"<(?:attached|adjunto|anexo|anhang|pièce jointe|allegato|bijlage)\s?:\s*(?P<name>[^<>]+?)\s*>", re.I
)
_ATTACHED_ANDROID = re.compile(
    r"(?P<name>[^<>/\\]+?\.[A-Za-z0-9]{1,6})\s\((?:file attached|Datei angehängt|fichier joint|archivo adjunto"
    r"|arquivo anexado|file allegato|bestand bijgevoegd|plik załączony|dosya ekli)\)\s*",
    re.I,
)
#: Android's own media names, whatever the translated suffix in brackets says.
_WA_MEDIA = re.compile(r"(?P<name>(?:IMG|VID|AUD|PTT|STK|DOC)-\d{8}-WA\d{4,}\.\w{1,6})\s\([^()]{2,40}\)\s*")
_PLACEHOLDER = re.compile(r"<[^<>:]{3,60}>\s*")  # <Media omitted>, <Multimedia omitido>, <Médias omis>
_OMITTED = re.compile(
    r"[\w -]{2,30}\s(?:omitted|omitid[oa]s?|omis|omise|omises|absente?s?|weggelassen|ausgelassen"
    r"|ausgeschlossen|omess[oaie]|ocult[oa]s?|weggelaten)\s*",
    re.I,
)
_LOCATION = re.compile(
    r"(?:[^\W\d_]+(?: [^\W\d_]+)?\s?:\s?)?https?://(?:maps\.google\.[a-z.]+|www\.google\.[a-z.]+/maps"
    r"|maps\.apple\.com|goo\.gl/maps|maps\.app\.goo\.gl)\S*\s*|live location shared\s*",
    re.I,
)
_CALL = re.compile(
    r"(?:missed )?(?:group )?(?:voice|video) call\b|appel (?:vocal|vidéo)|appel manqué|llamada (?:de voz|de video"
    r"|perdida)|(?:verpasster )?(?:sprach|video)anruf",
    re.I,
)
_DELETED_OWN = re.compile(
    r"(?:You deleted this message|Vous avez supprimé ce message|Eliminaste este mensaje"
    r"|Du hast diese Nachricht gelöscht)\.?\s*",
    re.I,
)
_POLL = re.compile(r"(?:POLL|ENCUESTA|UMFRAGE|SONDAGE|ENQUETE|SONDAGGIO|PEILING)\s?:", re.I)
_QUOTES = frozenset('"“”«»„')
#: Markers of the file's language, read from notices only, as a hint for an ambiguous date order.
_ENGLISH = re.compile(
    r"omitted|file attached|<attached:|end-to-end encrypted|message was deleted|deleted this message"
    r"|created group|joined using",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Body:
    """What a message's first line is: ``variant`` names the rule variant (None: an ordinary message)."""

    variant: str | None
    attachment: str | None = None
    own_deletion: bool = False
    english: bool = False


PLAIN = Body(None)


def strip_marks(text: str) -> str:
    """The text without format characters, for matching and for names (never for output)."""
    return _FORMAT_RUN.sub("", text)


def date_fields(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The three numbers of a header date and how many digits each had (``13. 6. 2018`` too).

    A date of digits and one separator (nearly all of them) is split on that separator, three times faster
    than the regular expression, which reads the others (a space or another white space after a separator).
    """
    sep = "/" if "/" in date else "." if "." in date else "-"
    parts = date.split(sep)
    if len(parts) == 3:
        a, b, c = parts
        if a.isdecimal() and b.isdecimal() and c.isdecimal():  # what int() reads (not "²")
            return (int(a), int(b), int(c)), (len(a), len(b), len(c))
    parts = _DATE_SPLIT.split(date.replace(" ", ""))
    return (int(parts[0]), int(parts[1]), int(parts[2])), (len(parts[0]), len(parts[1]), len(parts[2]))


def clock(time: str, ampm: str | None) -> tuple[int, int, int] | None:
    """(hour, minute, second) on a 24-hour clock; ``12 AM`` is 00 and ``00:08 a. m.`` stays 00."""
    parts = _TIME_SPLIT.split(time)
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) > 2 else 0
    if ampm is not None:
        if hour > 12:
            return None
        pm = ampm[0] in "pP"
        if hour == 12:
            hour = 0
        if pm:
            hour += 12
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def split_author(rest: str) -> tuple[str | None, str]:
    """(author, text): split at the first ``": "``; no author for a system line.

    A would-be author holding quotes (``Ana changed the subject to "Plan: Sunday"``) or too long to be a
    name is a system notice whose text happens to contain ``": "``.
    """
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":") and 0 < len(rest) <= 61:
            return rest[:-1], ""  # "Ana:" with an empty text
        return None, rest
    author = rest[:cut]
    if len(author) > 60 or not _QUOTES.isdisjoint(author):
        return None, rest
    return author, rest[cut + 2 :]


def classify_body(text: str) -> Body:
    """What the first line of a message body is; ordinary text is by far the most common, so it goes fast."""
    # iOS writes U+200E (LRM) before placeholders and notices; U+200F (RLM) starts Hebrew and Arabic text
    # typed by people, so it never makes a line a notice by itself.
    marked = bool(text) and text[0] == "\u200e"
    if not marked and "<" not in text and "(" not in text and "://" not in text and "live location" not in text:
        low = text.lower()
        if "delet" in low or "supprim" in low or "elimin" in low or "gelösch" in low:
            own = _DELETED_OWN.fullmatch(text) is not None
            return Body(None, own_deletion=own, english=own and text.startswith("You"))
        return PLAIN
    clean = strip_marks(text).strip()
    if (m := _ATTACHED_IOS.search(clean)) is not None:
        return Body("attachment", attachment=m["name"], english="<attached:" in clean)
    if (m := _ATTACHED_ANDROID.fullmatch(clean) or _WA_MEDIA.fullmatch(clean)) is not None:
        return Body("attachment", attachment=m["name"].strip(), english="file attached" in clean)
    if _PLACEHOLDER.fullmatch(clean) is not None:
        return Body("media_omitted", english="omitted" in clean.lower())
    if marked and _OMITTED.fullmatch(clean) is not None:
        return Body("media_omitted", english="omitted" in clean.lower())
    if _LOCATION.fullmatch(clean) is not None:
        return Body("location")
    if _DELETED_OWN.fullmatch(clean) is not None:
        return Body(None, own_deletion=True, english=clean.startswith("You"))
    if marked:
        if _CALL.match(clean) is not None:
            return Body("call", english="call" in clean.lower())
        if "deleted" in clean or "gelöscht" in clean or "supprimé" in clean or "elimin" in clean:
            return PLAIN  # "This message was deleted." stays a message
        if _POLL.match(clean) is not None:
            return PLAIN  # an iOS poll is a person's message, marks or not
        return Body("system", english=_ENGLISH.search(clean) is not None)
    return PLAIN


def is_english_notice(text: str) -> bool:
    return _ENGLISH.search(text) is not None
