"""Detectors for identifiers in text that are not findings of their own but must never leave a redacted
output: links (a profile or post URL carries an account or activity id), IP addresses, GPS coordinates
and browser user agents. Same :class:`~exportscope.findings.text.Span` values as the finding detectors.
"""

from __future__ import annotations

import re

from exportscope.findings.text import Span

_LINK = re.compile(
    r"(?:(?P<scheme>https?://)|(?<![\w@.+-])(?=www\.)|(?<![\w@.+/-])(?=(?:[\w-]+\.)+[a-z]{2,}/))"
    r"(?P<host>(?:[\w-]+\.)+[a-z]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?P<rest>[/?#][^\s<>\"'`]*)?",
    re.I,
)
_IPV4 = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:])(?:(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?)"
    r"(?![\w:])",
    re.I,
)
_COORDINATES = re.compile(r"(?<![\w.])-?\d{1,3}\.\d{2,}\s*[,;]\s*-?\d{1,3}\.\d{2,}(?![\w.]|\.\d)")
_USER_AGENT = re.compile(
    r"\b(?:Mozilla|Opera|Dalvik|okhttp|CFNetwork|Instagram|FBAN|WhatsApp)/[^\s·|()]+"
    r"(?: (?:\([^()]*(?:\([^()]*\)[^()]*)*\)|[\w.-]+/[^\s·|()]+))*"
)
#: Suffixes of files that look like top-level domains (.zip is one): a scheme-less "link" ending so is a path.
_FILE_SUFFIXES = frozenset({"zip", "txt", "json", "csv", "html", "htm", "jpg", "jpeg", "png", "gif", "mp4", "pdf",
                            "md", "py", "js", "xml", "mov", "opus", "webp", "heic"})  # fmt: skip
_TRAILING = ".,;:!?)]}»”’'\""


def links(text: str) -> list[tuple[Span, str]]:
    """Every link with its host (the host is kept when the rest is masked: ``maps.google.com/[link]``)."""
    if "." not in text:
        return []
    out: list[tuple[Span, str]] = []
    for m in _LINK.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        host = m["host"]
        if not m["scheme"] and host.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES:
            continue  # "Famille.zip/_chat.txt" is a path inside an archive, not a link
        if not m["rest"] or len(m["rest"].rstrip(_TRAILING)) <= 1:
            continue  # a bare domain ("example.com", "https://example.com/") carries no account or activity
        out.append((Span(m.start(), end, text[m.start() : end]), (m["scheme"] or "") + host))
    return out


def ip_addresses(text: str) -> list[Span]:
    out: list[Span] = []
    if "." in text:
        out += [Span(m.start(), m.end(), m.group()) for m in _IPV4.finditer(text)]
    if text.count(":") >= 2:
        out += [Span(m.start(), m.end(), m.group()) for m in _IPV6.finditer(text) if m.group().count(":") >= 2]
    return out


def coordinates(text: str) -> list[Span]:
    if "." not in text:
        return []
    return [Span(m.start(), m.end(), m.group()) for m in _COORDINATES.finditer(text)]


def user_agents(text: str) -> list[Span]:
    if "/" not in text:
        return []
    return [Span(m.start(), m.end(), m.group()) for m in _USER_AGENT.finditer(text)]
