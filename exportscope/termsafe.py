"""Making strings from an archive or a path safe to show: one function, used by every place that prints one.

Why one function: a file name is chosen by whoever made the archive (or the zip someone sent you). Printed
raw, ``ESC ] 0 ; … BEL`` retitles the terminal, ``ESC [ 2 J`` clears it, a newline starts a fake line of
output, and a right-to-left override (U+202E) makes ``invoice<RLO>gpj.exe.csv`` look like a photo. Every
such character is shown as a visible escape instead (``\\x1b``, ``\\n``, ``\\u202e``), so the text stays
readable and nothing is hidden: the person sees exactly which characters the name holds.

Covered: C0 controls (newline and tab included), DEL, C1 controls, the bidirectional embeddings, overrides
and isolates (U+202A-U+202E, U+2066-U+2069) and the Unicode line and paragraph separators (U+2028, U+2029).
:func:`neutralise_bidi` is the narrower version for HTML and Markdown, where control characters are
handled by their own escaping but a bidi override would still reorder what the reader sees.
"""

from __future__ import annotations

import re

#: Bidirectional embedding, override and isolate controls: they reorder the text that follows them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")
_BIDI = re.compile("[" + BIDI_CONTROLS + "]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` on one line with every control, bidi control and line separator shown as an escape."""
    return _UNSAFE.sub(_escape, str(text))


def safe_lines(text: str) -> str:
    """Like :func:`safe` for a block of our own lines: newlines are kept, everything else is escaped.

    Only for text whose line breaks are ours (a rendered report); names inside it must already have gone
    through :func:`safe`, or a newline in a name would still start a line.
    """
    return "\n".join(safe(line) for line in text.split("\n"))


_UNSAFE_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")


def safe_block(text: str) -> str:
    """A document for a terminal (a report or a table printed with ``-o -``): newlines and tabs kept, every
    other control, bidi control and line separator escaped. Rows of a table are lines, so a newline inside
    a CSV cell still breaks the row on screen; it never reaches the terminal as anything but a newline."""
    return _UNSAFE_IN_BLOCK.sub(_escape, text)


def json_safe(doc: bytes) -> bytes:
    """Serialised JSON with DEL, C1 controls, bidi controls and line separators written as ``\\uXXXX``.

    The same document for a parser (JSON allows any character to be escaped), but printed to a terminal it
    carries no control: orjson already escapes C0 controls and leaves these raw. They can only occur
    inside strings, so the replacement is always valid JSON.
    """
    text = doc.decode("utf-8")
    if _JSON_UNSAFE.search(text) is None:
        return doc
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def neutralise_bidi(text: str) -> str:
    """Bidi controls shown as escapes, everything else kept (HTML and Markdown escape the rest themselves)."""
    return _BIDI.sub(_escape, text)


def is_safe(text: str) -> bool:
    return _UNSAFE.search(text) is None
