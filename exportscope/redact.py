"""``--redact``: mask e-mail addresses, phone numbers, other people's names and message text in an output
that a person wants to share, keeping every count identical.

Masking is done on the way out (reports, the terminal UI), never in the analysis, so counts and findings are
always computed from the real data and a redacted report differs from a plain one only in the masked text.
Names are the ones exportscope can know: @mentions, the person's connections and friends, tagged people,
and conversation names in message paths. A name typed in free text that the export lists nowhere cannot be
recognised; the report says which categories are masked, not that every name is gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any

from exportscope import i18n
from exportscope.findings.text import NameIndex, emails, mentions, phone_like, phones
from exportscope.platforms.whatsapp_read import CHAT_PREFIXES

if TYPE_CHECKING:
    from exportscope.pipeline import Analysis

#: Folders whose next path segment is a conversation named after the other people (Meta exports).
_THREAD_FOLDERS = frozenset(
    {"inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover", "your_group_messages"}
)
#: WhatsApp chat exports are named after the contact ("WhatsApp Chat with Alice.txt", "Chat WhatsApp avec…").
_WHATSAPP_NAME = re.compile(r"^(" + CHAT_PREFIXES + r"\s*)(.+?)(\.(?:txt|zip))?$", re.I)

#: Chat names that are not people (an AI assistant); they stay readable.
_NOT_PEOPLE = frozenset({"meta ai"})


class Redactor:
    """Masks one output's text consistently; build it once per output with :meth:`from_analysis`."""

    def __init__(
        self,
        lang: str = i18n.DEFAULT_LANG,
        names: NameIndex | None = None,
        countries: dict[str, str | None] | None = None,
        chat_names: Iterable[str] = (),
    ) -> None:
        self.lang = lang
        self.names = names or NameIndex([])
        self.countries = countries or {}
        # Contact and group names of WhatsApp chats (one word is enough: "Alice"), masked wherever they occur.
        chats = sorted(
            {c.strip() for c in chat_names if len(c.strip()) >= 2 and c.strip().lower() not in _NOT_PEOPLE},
            key=len,
            reverse=True,
        )
        self.chat_names = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in chats) + r")(?!\w)") if chats else None
        )
        self.tokens = {k: i18n.t(f"redact.{k}", lang) for k in ("email", "phone", "name", "conversation")}

    @classmethod
    def from_analysis(
        cls, analysis: Analysis, lang: str = i18n.DEFAULT_LANG, findings: Iterable[dict[str, Any]] = ()
    ) -> Redactor:
        from exportscope.findings import _phone_countries, known_names

        index = known_names(analysis)
        extra = [
            str(ex["value"])
            for f in findings
            if f.get("type") == "person"
            for ex in f.get("examples", [])
            if not str(ex.get("value", "")).startswith("@")
        ]
        if extra:
            index = NameIndex(list(index.names.values()) + extra)
        paths = [PurePath(p).name for p in analysis.inputs] + [e.path for e in analysis.ledger]
        # Every path segment: an iOS chat's name is its zip's, one folder up ("… - Famille.zip/_chat.txt").
        chats = [m[2] for p in paths for part in PurePosixPath(p).parts if (m := _WHATSAPP_NAME.match(part))]
        return cls(lang, index, _phone_countries(analysis), chats)

    def text(self, text: str | None, platform: str | None = None) -> str | None:
        """The text with every e-mail address, phone number, @mention and known name masked."""
        if not text:
            return text
        spans: list[tuple[int, int, str]] = [(s.start, s.end, "email") for s in emails(text)]
        country = self.countries.get(platform or "")
        spans += [(s.start, s.end, "phone") for s in phones(text, country)]
        if country is None:  # numbers without + cannot be validated: mask what looks like one, never leak it
            spans += [(s.start, s.end, "phone") for s in phone_like(text)]
        spans += [(s.start, s.end, "name") for s in mentions(text) + self.names.find(text)]
        if self.chat_names is not None:
            spans += [(m.start(), m.end(), "name") for m in self.chat_names.finditer(text)]
        spans.sort(key=lambda s: (s[0], -s[1]))
        out: list[str] = []
        pos = 0
        for start, end, kind in spans:
            if start < pos:
                continue  # overlaps a span already masked (the @ inside an e-mail)
            out.append(text[pos:start])
            out.append(self.tokens[kind])
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def message(self, words: int) -> str:
        return i18n.tn("report.message_hidden", words, self.lang)

    def path(self, path: str) -> str:
        """A member path without the names it carries (Meta conversation folders, WhatsApp chat files)."""
        parts = path.split("/")
        for i in range(len(parts) - 1):
            if parts[i].lower() in _THREAD_FOLDERS and i + 1 < len(parts) - 1:
                parts[i + 1] = self.tokens["conversation"]
        for i, part in enumerate(parts):
            if m := _WHATSAPP_NAME.match(part):
                parts[i] = f"{m[1]}{self.tokens['name']}{m[3] or ''}"
        return "/".join(parts)

    def finding(self, finding: dict[str, Any]) -> dict[str, Any]:
        """A copy of one finding with values, snippets and paths masked; counts untouched."""
        from exportscope.findings import MESSAGE_KINDS, REDACTED_TYPES

        token = {"email": "email", "phone": "phone", "person": "name"}.get(finding["type"])
        examples = []
        for ex in finding.get("examples", []):
            ex = dict(ex)
            if finding["type"] in REDACTED_TYPES and token:
                ex["value"] = self.tokens[token]
            if ex.get("text"):
                ex["text"] = (
                    self.message(len(str(ex["text"]).split()))
                    if ex.get("kind") in MESSAGE_KINDS
                    else self.text(ex["text"], finding.get("platform"))
                )
            if ex.get("source"):
                ex["source"] = self.path(ex["source"])
            examples.append(ex)
        return {**finding, "examples": examples}
