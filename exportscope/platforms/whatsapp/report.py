"""The account information report ("Request account info"): JSON and HTML files, no messages.

whatsapp.md section 6 lists the files but marks their exact keys uncertain (``wa_contacts`` or a bare
``contacts``, ``wa_registration_info``...). So the reader is shape-driven, not key-driven: a file's single
wrapper key is unwrapped; a list gives one record per entry (a contact, a group); an object gives one record
per field (``name``, ``phone_number``, ``last_seen_privacy``...). Device and connection fields get their own
variants so the rule file can count them as ``device`` and ``login`` items. The HTML twin of a JSON file
holds the same data, so it is read only when its JSON is missing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Problem, Record
from exportscope.platforms.base import Output
from exportscope.rules import Rule

_DEVICE_KEY = re.compile(r"device|platform|manufacturer|model|(?:^|_)os(?:_|$)|app_version|build", re.I)
_CONNECTION_KEY = re.compile(r"(?:^|_)ip(?:_|$)|ip_address|connection|last_seen_at|carrier", re.I)
_TIME_KEY = re.compile(r"time|date|_at$|since|created|registered", re.I)
#: A single JSON file larger than this is not a report file; reading it whole would be unwise.
MAX_JSON_BYTES = 256 * 1024 * 1024


def read_report(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    for member in members:
        if member.suffix in (".html", ".htm"):
            twin = posixpath.splitext(member.path)[0] + ".json"
            if any(m.path == twin for m in member.source.members):
                yield Problem.of("same_records", name=posixpath.basename(twin))
                continue
            yield from _read_html(member)
        else:
            yield from _read_json(member)


# --- JSON ----------------------------------------------------------------------------------------------------


def _read_json(member: Member) -> Iterator[Output]:
    import orjson

    data = orjson.loads(member.read_bytes(MAX_JSON_BYTES))
    body = _unwrap(data)
    if isinstance(body, list):
        for i, entry in enumerate(body, start=1):
            fields = dict(_leaves(entry)) if isinstance(entry, dict) else {}
            text = " · ".join(f"{k}: {v}" for k, v in fields.items()) if fields else _scalar(entry)
            yield Record(text=text or None, timestamp=_time_of(fields), row=i, source=member.path)
    elif isinstance(body, dict):
        for i, (key, value) in enumerate(_leaves(body), start=1):
            yield Record(
                text=f"{key}: {value}",
                timestamp=_time_of({key: value}),
                variant=_variant(key),
                row=i,
                source=member.path,
            )
    elif body is not None:
        yield Record(text=_scalar(body), row=1, source=member.path)


def _unwrap(data: Any) -> Any:
    """``{"wa_contacts": [...]}`` -> the list; a wrapper holding one object or list is looked through."""
    while isinstance(data, dict) and len(data) == 1:
        (inner,) = data.values()
        if not isinstance(inner, (dict, list)):
            break
        data = inner
    return data


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Non-empty scalar fields as (dotted key, text); a list of scalars is joined into one field."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            joined = ", ".join(_scalar(v) for v in value if _scalar(v))
            if joined:
                yield prefix, joined
        else:
            for i, v in enumerate(value, start=1):
                yield from _leaves(v, f"{prefix}[{i}]")
    else:
        text = _scalar(value)
        if text:
            yield prefix, text


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _variant(key: str) -> str | None:
    leaf = key.rsplit(".", 1)[-1]
    if _CONNECTION_KEY.search(leaf):
        return "connection"
    if _DEVICE_KEY.search(leaf):
        return "device"
    return None


def _time_of(fields: dict[str, str]) -> datetime | None:
    for key, value in fields.items():
        if not _TIME_KEY.search(key.rsplit(".", 1)[-1]):
            continue
        if value.isascii() and value.isdigit():  # not "²": a digit to isdigit, not to int()
            stamp = dates.from_epoch(int(value), millis=len(value) > 11)
        else:
            stamp = dates.parse(value.replace("Z", ""), ["ISO"])
        if stamp is not None:
            return stamp
    return None


# --- HTML ----------------------------------------------------------------------------------------------------


class _Blocks(HTMLParser):
    """Text of the innermost table rows, list items and paragraphs; headings and scripts are skipped."""

    BLOCKS = frozenset({"tr", "li", "p", "div", "dd", "dt"})
    SKIP = frozenset({"head", "script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in ("td", "th", "br"):
            self._parts.append(" · ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split()).strip(" ·")
        text = re.sub(r"(?:\s*·\s*)+", " · ", text)
        if text:
            self.blocks.append(text)
        self._parts = []

    def close(self) -> None:
        super().close()
        self._flush()


def _read_html(member: Member) -> Iterator[Output]:
    parser = _Blocks()
    parser.feed(member.read_bytes(MAX_JSON_BYTES).decode("utf-8", errors="replace"))
    parser.close()
    for i, block in enumerate(parser.blocks, start=1):
        key = block.split(":", 1)[0] if ":" in block[:40] else ""
        yield Record(text=block, variant=_variant(key.strip().lower().replace(" ", "_")), row=i, source=member.path)
