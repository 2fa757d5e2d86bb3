"""Post and message text as people wrote it: t.co links expanded, ``&amp;``/``&lt;``/``&gt;`` unescaped once.

Entity ``indices`` count code points of the *escaped* text (x.md section 9, quirk 6), which is how Python
indexes a ``str``: links are replaced by index first (checking the slice really is the link, else by
search), and the three entities are unescaped afterwards, once. Note-tweet and Grok text is not escaped and
is never unescaped.
"""

from __future__ import annotations

from typing import Any

from exportscope.platforms.x import ytd

_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def unescape(text: str) -> str:
    """The three entities X writes, once (``&amp;lt;`` stays ``&lt;``)."""
    if "&" not in text:
        return text
    out: list[str] = []
    i = 0
    while True:
        j = text.find("&", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        for ent, ch in _ENTITIES:
            if text.startswith(ent, j):
                out.append(ch)
                i = j + len(ent)
                break
        else:
            out.append("&")
            i = j + 1


def _index(value: Any) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def expand(text: str, replacements: list[tuple[int | None, int | None, str, str]]) -> str:
    """Replace each (start, end, short link, long link); by index when the slice is the link, else by search."""
    spans: list[tuple[int, int, str]] = []
    for start, end, short, long in replacements:
        if not short or not long:
            continue
        if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == short:
            spans.append((start, end, long))
            continue
        pos = text.find(short)
        if pos >= 0:
            spans.append((pos, pos + len(short), long))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, long in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(long)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def tweet_links(tweet: dict[str, Any]) -> list[tuple[int | None, int | None, str, str]]:
    """The t.co links of a tweet (``entities.urls`` and media) with what they stand for."""
    found: list[tuple[int | None, int | None, str, str]] = []
    entities = ytd.obj(tweet.get("entities"))
    media = []
    for source in (entities, tweet.get("extended_entities")):
        if isinstance(source, dict) and isinstance(source.get("media"), list):
            media.extend(source["media"])
    for u in list(entities.get("urls") or []) + media:
        if not isinstance(u, dict):
            continue
        raw = u.get("indices")
        idx: list[Any] = raw if isinstance(raw, list) else []
        start = _index(idx[0]) if len(idx) == 2 else None
        end = _index(idx[1]) if len(idx) == 2 else None
        found.append((start, end, str(u.get("url") or ""), str(u.get("expanded_url") or "")))
    return found


def tweet_text(tweet: dict[str, Any]) -> str | None:
    """``full_text`` (or the 2019 ``text``) with links expanded, then unescaped."""
    raw = tweet.get("full_text", tweet.get("text"))
    if not isinstance(raw, str) or not raw.strip():
        return None
    return unescape(expand(raw, tweet_links(tweet)))


def message_text(message: dict[str, Any]) -> str | None:
    """A DM's ``text`` with its ``urls`` (keys ``url``/``expanded``) expanded, then unescaped."""
    raw = message.get("text")
    if not isinstance(raw, str) or not raw.strip():
        return None
    links: list[tuple[int | None, int | None, str, str]] = [
        (None, None, str(u.get("url") or ""), str(u.get("expanded") or u.get("expanded_url") or ""))
        for u in message.get("urls") or []
        if isinstance(u, dict)
    ]
    return unescape(expand(raw, links))


def note_text(core: dict[str, Any]) -> str | None:
    """A long post's ``core.text`` (not escaped) with ``shortUrl`` -> ``expandedUrl``."""
    raw = core.get("text")
    if not isinstance(raw, str) or not raw.strip():
        return None
    links = [
        (
            _index(u.get("fromIndex")),
            _index(u.get("toIndex")),
            str(u.get("shortUrl") or ""),
            str(u.get("expandedUrl") or ""),
        )
        for u in core.get("urls") or []
        if isinstance(u, dict)
    ]
    return expand(raw, links)
