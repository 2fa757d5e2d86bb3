"""``--redact``: an output a person can share, with every person and every piece of personal data the export
knows masked, and every count unchanged.

Masking is done on the way out (reports, item tables, the terminal UI's export), never in the analysis, so
counts and findings are computed from the real data and a redacted output differs from a plain one only in
masked text. Two rules hold everywhere:

- **mask first, cut after**: a text is masked whole before any snippet or preview is cut from it, so a cut
  can never keep half a name or the start of a phone number;
- **a typed token per kind** ("[phone]", "[name]", "[location]"...), in the output's language, so a reader
  sees what was there without seeing it.

What is masked: the people the export names (:mod:`exportscope.platforms.people`: connections, invitations,
message and chat participants, chat titles, friends, followers and following, tagged people, authors of
recommendations and endorsements, their handles and profile links), whole and word by word (a first name
alone, a surname alone); the owner's own names and handles unless ``keep_owner``; e-mail addresses, phone
numbers of any country (with or without ``+``), street addresses, birth dates, GPS coordinates, IP
addresses, device models, user agents, and the path of every link (the host stays). A name typed in free
text that the export lists nowhere cannot be recognised; the README says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from exportscope import i18n
from exportscope.findings.identifiers import coordinates, ip_addresses, links, user_agents
from exportscope.findings.text import (
    Span,
    birth_dates,
    emails,
    mentions,
    phone_like,
    phones,
    snippet,
    street_addresses,
)
from exportscope.platforms.people import People, chat_titles, mask_path, not_name_words, not_people

if TYPE_CHECKING:
    import polars as pl

    from exportscope.types import Analysis

TOKENS = ("email", "phone", "name", "conversation", "address", "birth_date", "gps", "ip", "device", "link", "date",
          "data", "value")  # fmt: skip
#: A finding's value becomes the token of its type; a type not listed becomes "[hidden]".
FINDING_TOKENS = {
    "email": "email", "phone": "phone", "street_address": "address", "birth_date": "birth_date", "person": "name",
    "gps": "gps", "upload_ip": "ip", "exif_gps": "gps", "exif_camera": "device", "exif_date": "date",
    "minor": "date",
}  # fmt: skip
#: Where a JSON finding was seen: these are our labels; anything else (a place's name) is masked.
_OUR_VIAS = frozenset({"exif_data", "place", "tag"})
#: Words never masked on their own, even inside a known name: particles (and, from each platform family,
#: the platforms' own names and products: :func:`exportscope.platforms.people.not_name_words`).
_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "der", "den", "van", "von", "le", "la", "les", "du", "des",
     "di", "y", "e", "el", "al", "bin", "st", "mr", "mrs", "ms", "dr", "ai"}
)  # fmt: skip
#: Item kinds whose whole text is account data (an IP, a device, a contact, a place): masked whole, keeping
#: a leading ``field:`` label so the table still says what the row was.
WHOLE_KINDS = frozenset({"account", "login", "security", "device", "location", "contact", "connection", "follow",
                         "payment", "verification", "calendar", "group"})  # fmt: skip
#: Profile fields that are contact details, places or dates (the rule's last part), masked whole.
_PROFILE_FIELDS = re.compile(
    r"\.(?:birth_date|zip_code|geo_location|address|websites|current_city|hometown|twitter_handles"
    r"|instant_messengers|maiden_name|phone\w*|email\w*)$"
)
#: Follows of companies and hashtags name no person.
_NOT_PEOPLE_RULE = re.compile(r"company|hashtag", re.I)
_FIELD_LABEL = re.compile(r"^([\w .-]{1,40}: )")
_WORD_SPLIT = re.compile(r"[\s]+")
_TOKEN = re.compile(r"\w+")
_SEVEN_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")


def _alternation(values: Iterable[str], flags: int = re.I, words: bool = True) -> re.Pattern[str] | None:
    """One regex for many literal phrases, longest first, whitespace-tolerant, not inside a longer word."""
    parts = sorted({v for v in values if v}, key=len, reverse=True)
    if not parts:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    if words:
        return re.compile(rf"(?<![\w@-])(?:{body})(?![\w-])", flags)
    return re.compile(rf"(?<![\w.@/-])@?(?:{body})(?![\w-]|\.\w)", flags)


def _name_words(names: Iterable[str]) -> set[str]:
    """The words of people's names, as written and in capitals, for masking a first or last name alone."""
    out: set[str] = set()
    not_name = _PARTICLES | not_name_words()
    for name in names:
        for word in _WORD_SPLIT.split(name):
            word = word.strip(".,;:()\"'")
            pieces = [word] + ([p for p in word.split("-") if len(p) >= 4] if "-" in word else [])
            for w in pieces:
                if len(w) >= 2 and any(ch.isalpha() for ch in w) and w.casefold() not in not_name:
                    out |= {w, w.upper(), w[:1].upper() + w[1:]}
    return out


class Redactor:
    """Masks one output's text consistently; build it once per output with :meth:`from_analysis`."""

    def __init__(
        self,
        lang: str = i18n.DEFAULT_LANG,
        people: People | None = None,
        countries: dict[str, str | None] | None = None,
        keep_owner: bool = False,
        finder: Callable[[str, str | None], list[tuple[str, Span]]] | None = None,
    ) -> None:
        self.lang = lang
        self.keep_owner = keep_owner
        self.countries = countries or {}
        self.finder = finder
        p = people or People()
        others = {n for n in p.names | p.phrases if n.strip().casefold() not in not_people()}
        owner_names = set() if keep_owner else p.owner_names
        owner_handles = set() if keep_owner else p.owner_handles
        person_names = {n for n in p.names if n.casefold() not in not_people()} | owner_names
        kept = {w.casefold() for w in _name_words(p.owner_names)} if keep_owner else set()
        self._phrases = _alternation(others | owner_names)
        self._handles = _alternation(p.handles | owner_handles, words=False)
        others_words = _name_words(p.names)  # a word of the owner's name that is also another person's goes
        words = {w for w in _name_words(person_names) if w.casefold() not in kept or w in others_words}
        self._words = _alternation(words, flags=0)
        self._devices = _alternation({d for d in p.devices if len(d) >= 3})
        self._identifiers = _alternation({i for i in p.identifiers if len(i) >= 4}, words=False)
        self._handle_set = {h.casefold() for h in p.handles | owner_handles}
        #: Every word the name, handle, device and identifier patterns can start with: a text holding none
        #: of them skips those patterns (the fast path for most texts of a big export).
        starts = others | owner_names | p.handles | owner_handles | words | p.devices | p.identifiers
        self._starts = {t for s in starts for t in _TOKEN.findall(s.casefold())[:1]}
        self.tokens = {k: i18n.t(f"redact.{k}", lang) for k in TOKENS}

    @classmethod
    def from_analysis(
        cls,
        analysis: Analysis,
        lang: str = i18n.DEFAULT_LANG,
        findings: Iterable[dict[str, Any]] = (),
        keep_owner: bool = False,
    ) -> Redactor:
        from exportscope.findings import _phone_countries, known_names, text_spans
        from exportscope.platforms.people import people_of

        people = people_of(analysis)
        for f in findings:
            for ex in f.get("examples", []):
                value = str(ex.get("value", ""))
                if f.get("type") == "person":
                    if value.startswith("@"):
                        people.add_handle(value)
                    else:
                        people.add_name(value)
                elif f.get("type") == "exif_camera":
                    people.devices.add(value)
        paths = [PurePath(p).name for p in analysis.inputs] + [e.path for e in analysis.ledger]
        people.phrases |= chat_titles(paths)
        countries = _phone_countries(analysis)
        names = known_names(analysis)

        def finder(text: str, platform: str | None) -> list[tuple[str, Span]]:
            return text_spans(text, countries.get(platform or ""), names)

        return cls(lang, people, countries, keep_owner=keep_owner, finder=finder)

    # --- text -------------------------------------------------------------------------------------------

    def spans(self, text: str, platform: str | None = None) -> list[tuple[int, int, str]]:
        """Every span to mask in ``text`` with its replacement, left to right, never overlapping."""
        found: list[tuple[int, int, str]] = []
        for s, host in links(text):
            low = host.casefold()
            own = any(h in low for h in self._handle_set) or any(
                rx is not None and rx.search(host) for rx in (self._phrases, self._words)
            )
            found.append((s.start, s.end, self.tokens["link"] if own else f"{host}/{self.tokens['link']}"))
        found += [(s.start, s.end, self.tokens["email"]) for s in emails(text)]
        found += [(s.start, s.end, self.tokens["gps"]) for s in coordinates(text)]
        found += [(s.start, s.end, self.tokens["ip"]) for s in ip_addresses(text)]
        found += [(s.start, s.end, self.tokens["device"]) for s in user_agents(text)]
        country = self.countries.get(platform or "")
        # Numbers without + are validated for the export's country; any other phone-shaped run is masked too.
        if _SEVEN_DIGITS.search(text):  # no phone number has fewer digits (the findings' own cue)
            found += [(s.start, s.end, self.tokens["phone"]) for s in phones(text, country) + phone_like(text)]
        found += [(s.start, s.end, self.tokens["address"]) for s in street_addresses(text)]
        found += [(s.start, s.end, self.tokens["birth_date"]) for s in birth_dates(text)]
        found += [(s.start, s.end, self.tokens["name"]) for s in mentions(text)]
        if self._starts.isdisjoint(_TOKEN.findall(text.casefold())):
            pairs: tuple[tuple[re.Pattern[str] | None, str], ...] = ()
        else:
            pairs = (
                (self._identifiers, "data"),
                (self._devices, "device"),
                (self._handles, "name"),
                (self._phrases, "name"),
            )
        for rx, kind in pairs:
            if rx is not None:
                found += [(m.start(), m.end(), self.tokens[kind]) for m in rx.finditer(text)]
        if self._words is not None and pairs:
            found += [(m.start(), m.end(), self.tokens["name"]) for m in self._words.finditer(text)]
        found.sort(key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int, str]] = []
        pos = 0
        for start, end, token in found:
            if start >= pos and end > start:
                out.append((start, end, token))
                pos = end
        return out

    def mask(self, text: str, platform: str | None = None) -> tuple[str, list[tuple[int, int, int, int]]]:
        """The masked text and, per masked span, (old start, old end, new start, new end)."""
        pieces: list[str] = []
        moves: list[tuple[int, int, int, int]] = []
        pos = out_len = 0
        for start, end, token in self.spans(text, platform):
            pieces.append(text[pos:start])
            out_len += start - pos
            pieces.append(token)
            moves.append((start, end, out_len, out_len + len(token)))
            out_len += len(token)
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces), moves

    def text(self, text: str | None, platform: str | None = None) -> str | None:
        """The text with every person and every piece of personal data masked."""
        if not text:
            return text
        return self.mask(text, platform)[0]

    def cut(self, text: str, platform: str | None, start: int, end: int, width: int = 60) -> str:
        """Mask first, cut after: the snippet around ``text[start:end]`` taken from the masked text."""
        masked, moves = self.mask(text, platform)
        shift = 0
        for a, b, na, nb in moves:
            if b <= start:
                shift = nb - b
                continue
            if a < end:  # the span itself was (partly) masked: centre on its token
                return snippet(masked, na, nb, width)
            break
        return snippet(masked, start + shift, end + shift, width)

    def message(self, words: int) -> str:
        return i18n.tn("report.message_hidden", words, self.lang)

    def item_text(self, text: str | None, platform: str | None, kind: str | None, rule: str | None) -> str | None:
        """One item's text for a redacted table or example: account data masked whole (its ``field:`` label
        kept), a profile field that is a contact detail, a place or a date masked whole, the rest masked."""
        if not text:
            return text
        generic_profile = rule is None or (rule.count(".") == 1 and rule.endswith(".profile"))
        whole = kind in WHOLE_KINDS and not (kind == "follow" and rule is not None and _NOT_PEOPLE_RULE.search(rule))
        if whole or (kind == "profile" and (generic_profile or _PROFILE_FIELDS.search(rule or ""))):
            label = _FIELD_LABEL.match(text)
            return (label[1] if label else "") + self.tokens["data"]
        return self.text(text, platform)

    # --- paths ------------------------------------------------------------------------------------------

    def path(self, path: str, placeholders: tuple[str, str] | None = None) -> str:
        """A path without the names it carries (every family's person-bearing segments, then any known
        name or e-mail address left in a segment). ``placeholders`` (conversation, name) replace the tokens
        (``doctor`` writes ``<thread>`` and ``<name>``)."""
        thread, name = placeholders or (self.tokens["conversation"], self.tokens["name"])
        masked = mask_path(path, thread, name, owner=not self.keep_owner)
        return "/".join(self._names(part, name) for part in masked.split("/"))

    def _names(self, text: str, name: str) -> str:
        """Only people, handles and e-mail addresses masked: what a file or folder name can carry (an id in
        a file name is no phone number)."""
        spans = [(s.start, s.end, self.tokens["email"]) for s in emails(text)]
        if self._starts.isdisjoint(_TOKEN.findall(text.casefold())):
            return text if not spans else self._apply(text, spans)
        for rx in (self._handles, self._phrases, self._words):
            if rx is not None:
                spans += [(m.start(), m.end(), name) for m in rx.finditer(text)]
        return self._apply(text, spans)

    @staticmethod
    def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
        spans.sort(key=lambda s: (s[0], -s[1]))
        out: list[str] = []
        pos = 0
        for start, end, token in spans:
            if start >= pos:
                out += [text[pos:start], token]
                pos = end
        return "".join(out) + text[pos:]

    # --- findings ---------------------------------------------------------------------------------------

    def finding(
        self, finding: dict[str, Any], texts: Callable[[str, int | None], list[str]] | None = None
    ) -> dict[str, Any]:
        """A copy of one finding: every example's value becomes its type's token, its snippet is cut from
        the masked full text (``texts(source, row)``), where it was found stays (path masked); counts stay."""
        from exportscope.findings import MESSAGE_KINDS

        type_ = str(finding["type"])
        platform = finding.get("platform")
        token = self.tokens[FINDING_TOKENS.get(type_, "value")]
        examples = []
        for ex in finding.get("examples", []):
            ex = dict(ex)
            value = str(ex.get("value", ""))
            ex["value"] = token
            if ex.get("text"):
                candidates = texts(str(ex.get("source") or ""), ex.get("row")) if texts is not None else []
                if ex.get("kind") in MESSAGE_KINDS:
                    ex["text"] = self.message(len(str(ex["text"]).split()))
                else:
                    ex["text"] = self._example_snippet(candidates, platform, type_, value, str(ex["text"]))
            if ex.get("via") and ex["via"] not in _OUR_VIAS:
                ex["via"] = self.tokens["gps"]
            if ex.get("place"):  # a place's name says where the person was
                ex["place"] = self.tokens["gps"]
            if ex.get("source"):
                ex["source"] = self.path(str(ex["source"]))
            examples.append(ex)
        return {**finding, "examples": examples}

    def _example_snippet(self, texts: list[str], platform: str | None, type_: str, value: str, cut: str) -> str:
        """The example's snippet cut from the masked full text of its item (mask first, cut after). The item
        is the one of its row where the finding's value is found; without it, the stored snippet masked."""
        for full in texts:
            if type_ == "minor":
                return snippet(self.text(full, platform) or "", 0, 0, 120)
            where = None
            if self.finder is not None:
                where = next((s for t, s in self.finder(full, platform) if t == type_ and s.value == value), None)
            if where is None and (at := full.find(value)) >= 0:
                where = Span(at, at + len(value), value)
            if where is not None:
                return self.cut(full, platform, where.start, where.end)
        return self.text(cut, platform) or ""

    # --- item tables ------------------------------------------------------------------------------------

    def frame(self, items: pl.DataFrame) -> pl.DataFrame:
        """The items with ``text``, ``source``, ``note`` and ``link`` masked (``items --redact``); rows and counts
        stay. A link carries an account or activity id, so only its host is kept."""
        import polars as pl

        cols = items.select("platform", "kind", "rule", "text", "source").iter_rows()
        texts = [self.item_text(text, platform, kind, rule) for platform, kind, rule, text, _ in cols]
        paths = {s: self.path(s) for s in items.get_column("source").unique().drop_nulls()}
        sources = [paths.get(s) if s is not None else None for s in items.get_column("source")]
        out = items.with_columns(
            pl.Series("text", texts, dtype=pl.String), pl.Series("source", sources, dtype=pl.String)
        )
        if "note" in out.columns:
            notes = {n: self.text(n) for n in out.get_column("note").unique().drop_nulls()}
            masked_notes = [notes.get(n) if n is not None else None for n in out.get_column("note")]
            out = out.with_columns(pl.Series("note", masked_notes, dtype=pl.String))
        if "link" in out.columns:
            links = {u: self.text(u) for u in out.get_column("link").unique().drop_nulls()}
            masked_links = [links.get(u) if u is not None else None for u in out.get_column("link")]
            out = out.with_columns(pl.Series("link", masked_links, dtype=pl.String))
        return out
