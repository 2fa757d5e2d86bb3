"""One WhatsApp chat export, streamed line by line into messages (shared/reference/whatsapp.md).

The hard part is the date order. ``3/6/18`` is March 6 in the United States and June 3 almost everywhere
else, and the file never says which. The order is decided once per file, from evidence, in this order:

1. a 4-digit first field means year first;
2. a first field above 12 means day first, a second field above 12 means month first;
3. when every first and second field is 12 or less (the file is *ambiguous*), the order under which the
   messages run forward in time wins: exports list messages chronologically, so the wrong order shows up as
   jumps back in time;
4. when both orders run forward (a chat of a few days), a locale hint decides: a 12-hour clock with ``/``
   and English notices is how US phones write (month first); anything else is read day first, as most of the
   world writes.

Steps 3 and 4 are flagged (:attr:`ChatParser.order_note`) and the summary says so. Messages are held back
only until step 2 settles the order, which in a real chat is the first day numbered 13 or more; after that
they stream straight through. Timestamps are the phone's wall-clock time with no zone: they are stored as
written (labelled UTC like every other naive time in exportscope) and never shifted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from exportscope.notes import Note
from exportscope.platforms.whatsapp.lines import (
    HEADER,
    MARKS,
    PLAIN,
    Body,
    classify_body,
    clock,
    date_fields,
    is_english_notice,
    split_author,
    strip_marks,
)

#: Field order as (year, month, day) indexes into the three date fields, with a name for people.
ORDERS: dict[tuple[int, int, int], str] = {
    (2, 1, 0): "day/month/year",
    (2, 0, 1): "month/day/year",
    (0, 1, 2): "year/month/day",
    (1, 2, 0): "day/year/month",
    (1, 0, 2): "month/year/day",
}
DMY, MDY, YMD, DYM, MYD = (2, 1, 0), (2, 0, 1), (0, 1, 2), (1, 2, 0), (1, 0, 2)

Order = tuple[int, int, int]
#: A message's text is kept up to this many characters: a 500 MB message must not take gigabytes of memory
#: (the cut is counted and said in the chat's remarks).
MAX_MESSAGE_CHARS = 1024 * 1024
#: A header starts with a digit, ``[`` or an invisible mark: a cheap test before the regex.
_STARTS = frozenset("0123456789[") | MARKS
Fields = tuple[tuple[int, int, int], tuple[int, int, int]]
#: The longest author :func:`~exportscope.platforms.whatsapp.lines.split_author` accepts.
_MAX_AUTHOR = 60
#: 1970-01-01 as a proleptic ordinal: a day's epoch seconds are (ordinal - this) * 86400.
_EPOCH_DAY = date(1970, 1, 1).toordinal()


@dataclass(slots=True)
class Message:
    """One message or system line: where it starts, when, who wrote it, and its text as written.

    ``epoch`` is the time as seconds since 1970 (the phone's wall clock labelled UTC, as every naive time in
    exportscope): a long chat has millions of messages, and building a datetime for each cost more than
    parsing its line. :attr:`timestamp` gives the datetime for the few callers that want one.
    """

    row: int
    epoch: float | None
    author: str | None
    text: str
    variant: str | None = None
    attachment: str | None = None

    @property
    def timestamp(self) -> datetime | None:
        return None if self.epoch is None else datetime.fromtimestamp(self.epoch, UTC)


@dataclass(slots=True)
class _Pending:
    message: Message
    date: str
    secs: int | None  # seconds since midnight, None for an impossible clock reading


@dataclass
class ChatParser:
    """Streams one chat's lines into :class:`Message` values and learns the file's conventions on the way.

    After the iteration is exhausted the attributes describe the file: the date order and how it was
    decided, the senders, attachments, lines that fit no message.
    """

    order: Order | None = None
    order_how: str = ""  # "year first" | "values" | "chronology" | "hint"
    order_hint: str = ""  # which hint decided: "year_middle" | "us_12_hour" | "day_first" (note.wa_hint_*)
    conflicts: int = 0  # dates contradicting the decided order
    invalid: int = 0  # headers whose date or time is impossible under the order
    preamble: int = 0  # non-empty lines before the first header
    messages: int = 0
    system: int = 0
    senders: Counter[str] = field(default_factory=Counter)
    own_deletions: Counter[str] = field(default_factory=Counter)
    attachments: list[str] = field(default_factory=list)
    omitted: int = 0
    #: Messages longer than :data:`MAX_MESSAGE_CHARS`, kept to their beginning.
    cut: int = 0
    twelve_hour: bool = False
    english: bool = False
    separator: str = ""
    _clocks: dict[str | tuple[str, str], int | None] = field(default_factory=dict)
    _authors: dict[str, str] = field(default_factory=dict)
    _raw: dict[str, Fields] = field(default_factory=dict)
    _days: dict[str, int | None] = field(default_factory=dict)  # date as written -> its epoch seconds
    _pending: list[_Pending] = field(default_factory=list)

    # --- public -----------------------------------------------------------------------------------------

    def parse(self, lines: Iterable[str]) -> Iterator[Message]:
        """Messages in file order; multi-line bodies joined with ``\\n``.

        The loop is the hot path of a 200,000-line chat: one precompiled match per line that can start a
        message, and caches for the few thousand distinct dates, clock readings and author spellings.
        """
        current: Message | None = None
        cur_date = ""
        cur_secs: int | None = None
        extra: list[str] = []
        room = MAX_MESSAGE_CHARS  # characters the current message may still take
        match = HEADER.match
        starts = _STARTS
        file_shape: tuple[str | None, ...] | None = None
        # The caches and counters of a header, bound once: the loop below is _start's body, inlined (a call
        # and its tuple per message cost a tenth of the parse).
        clocks, raw_dates, authors, senders, days = self._clocks, self._raw, self._authors, self.senders, self._days
        named: dict[str, str] = {}
        n = 0
        for raw in lines:
            n += 1
            line = raw.rstrip("\r\n")
            m = match(line) if line and line[0] in starts else None
            if m is not None:
                # A header in another locale's punctuation is text that merely looks like one.
                groups = m.groups()  # by position (br, date, ds, time, ampm, sep, rest): faster than by name
                key = (groups[0], groups[5], groups[2])
                if file_shape is None:
                    file_shape, self.separator = key, key[2]
                elif key != file_shape:
                    m = None
            if m is None:
                if current is not None:
                    if room > 0:  # each line costs its length and the newline joining it
                        extra.append(line[: room - 1])
                        room -= len(line) + 1
                        if room < 0:
                            self.cut += 1
                elif line.strip("\ufeff \t"):
                    self.preamble += 1
                continue
            if current is not None:
                if extra:
                    current.text = current.text + "\n" + "\n".join(extra)
                    extra = []
                if self.order is not None and not self._pending:
                    # _stamp, inlined for the common case: a day already seen and a possible clock reading.
                    day = days.get(cur_date)
                    if day is not None and cur_secs is not None:
                        current.epoch = float(day + cur_secs)
                    else:
                        current.epoch = self._stamp(cur_date, cur_secs)
                    yield current
                else:
                    yield from self._emit(current, cur_date, cur_secs)
            # --- a new message from the header's groups (_start) ---
            cur_date = groups[1]
            time: str = groups[3]
            ampm: str | None = groups[4]
            if ampm is None:
                clock_key: str | tuple[str, str] = time
            else:
                self.twelve_hour = True
                clock_key = (time, ampm[0].lower())
            cur_secs = clocks.get(clock_key, -1)
            if cur_secs == -1:  # not seen yet (seconds since midnight are never negative)
                hms = clock(time, ampm)
                cur_secs = clocks[clock_key] = None if hms is None else hms[0] * 3600 + hms[1] * 60 + hms[2]
            if cur_date not in raw_dates:
                self._learn(cur_date)
            rest: str = groups[6]
            # A name split_author accepted before ":␣" is accepted again (that depends on the name alone, not
            # so for a name ending the line with ":"); the text is what follows it.
            cut = rest.find(": ")
            author = named.get(rest[:cut]) if 0 <= cut <= _MAX_AUTHOR else None
            if author is not None:
                text = rest[cut + 2 :]
            else:
                author, text = split_author(rest)
                if author is not None and cut >= 0:
                    named[author] = author
            body: Body = classify_body(text)
            variant = body.variant
            if author is None or variant == "system":
                # No author (Android), or the chat's name standing as author of a marked notice (iOS).
                self.system += 1
                if not self.english and is_english_notice(text):
                    self.english = True
                current = Message(n, None, None, text, "system")
            else:
                clean = authors.get(author)
                if clean is None:
                    clean = authors[author] = strip_marks(author).strip()
                self.messages += 1
                senders[clean] += 1
                if variant is not None or body is not PLAIN:
                    if body.english:
                        self.english = True
                    if body.own_deletion:
                        self.own_deletions[clean] += 1
                    if variant == "attachment" and body.attachment:
                        self.attachments.append(body.attachment)
                    elif variant == "media_omitted":
                        self.omitted += 1
                current = Message(n, None, clean, text, variant, body.attachment)
            room = MAX_MESSAGE_CHARS - len(text)
        if current is not None:
            if extra:
                current.text = current.text + "\n" + "\n".join(extra)
            yield from self._emit(current, cur_date, cur_secs)
        yield from self._finish()

    @property
    def ambiguous(self) -> bool:
        return self.order_how in ("chronology", "hint")

    @property
    def order_name(self) -> str:
        return ORDERS[self.order] if self.order else "unknown"

    @property
    def order_key(self) -> Note:
        """The date order as a note (``wa_order_day_month_year``...; ``wa_order_unknown``)."""
        return Note.of("wa_order_" + (self.order_name.replace("/", "_") if self.order else "unknown"))

    @property
    def order_note(self) -> Note | None:
        """What the summary says when the order was not read from the values themselves (None when it was)."""
        if not self.ambiguous:
            return None
        first = "day" if self.order in (DMY, DYM) else "month"
        why = Note.of("wa_why_chronology") if self.order_how == "chronology" else Note.of(f"wa_hint_{self.order_hint}")
        return Note.of(f"wa_order_ambiguous_{first}_first", order=self.order_key, why=why)

    # --- lines --------------------------------------------------------------------------------------------

    def _learn(self, date: str) -> None:
        """Record a new date string and let it settle the order if its values can."""
        fields = date_fields(date)
        self._raw[date] = fields
        (a, b, c), (la, lb, _lc) = fields
        found: Order | None
        if la >= 3:
            found, how = YMD, "year first"
        elif lb >= 3:
            found, how = (DYM if a > 12 else MYD if c > 12 else None), "values"
        else:
            found, how = (DMY if a > 12 else MDY if b > 12 else None), "values"
        if found is None:
            return
        if self.order is None:
            self.order, self.order_how = found, how
        elif found != self.order:
            self.conflicts += 1

    # --- timestamps -----------------------------------------------------------------------------------------

    def _emit(self, message: Message, date: str, secs: int | None) -> Iterator[Message]:
        if self.order is None:
            self._pending.append(_Pending(message, date, secs))
            return
        if self._pending:
            yield from self._flush()
        message.epoch = self._stamp(date, secs)
        yield message

    def _flush(self) -> Iterator[Message]:
        pending, self._pending = self._pending, []
        for p in pending:
            p.message.epoch = self._stamp(p.date, p.secs)
            yield p.message

    def _finish(self) -> Iterator[Message]:
        if self._pending and self.order is None:
            self.order, self.order_how = self._decide()
        yield from self._flush()

    def _stamp(self, date: str, secs: int | None) -> float | None:
        """Epoch seconds of a header's date and clock under the decided order; None (counted) if impossible."""
        day = self._days.get(date, -1)  # -1: not seen yet (a day's epoch seconds are a multiple of 86400)
        if day == -1:
            ymd = _ymd(self._raw[date], self.order or DMY)
            day = self._days[date] = None if ymd is None else (date_of(ymd).toordinal() - _EPOCH_DAY) * 86400
        if day is None or secs is None:
            self.invalid += 1
            return None
        return float(day + secs)

    def _decide(self) -> tuple[Order, str]:
        """Order for a file whose values never showed it: chronology first, then the locale hint."""
        year_middle = any(lens[1] >= 3 for _v, lens in self._raw.values())
        first, second = (MYD, DYM) if year_middle else (DMY, MDY)
        scores = {o: _backwards(self._pending, self._raw, o) for o in (first, second)}
        if scores[first] != scores[second]:
            return min(scores, key=lambda o: scores[o]), "chronology"
        if year_middle:
            self.order_hint = "year_middle"
            return MYD, "hint"
        if self.twelve_hour and self.separator == "/" and self.english:
            self.order_hint = "us_12_hour"
            return MDY, "hint"
        self.order_hint = "day_first"
        return DMY, "hint"


def date_of(ymd: tuple[int, int, int]) -> date:
    return date(ymd[0], ymd[1], ymd[2])


def _ymd(fields: Fields, order: Order) -> tuple[int, int, int] | None:
    values, lens = fields
    year, month, day = values[order[0]], values[order[1]], values[order[2]]
    if lens[order[0]] <= 2:
        year += 2000
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return year, month, day


def _backwards(pending: list[_Pending], raw: dict[str, Fields], order: Order) -> int:
    """How often the messages jump back in time under an order (an impossible date counts heavily)."""
    jumps = 0
    last: tuple[int, ...] | None = None
    for p in pending:
        ymd = _ymd(raw[p.date], order)
        if ymd is None:
            jumps += 1000
            continue
        key = (*ymd, p.secs or 0)
        if last is not None and key < last:
            jumps += 1
        last = key
    return jumps
