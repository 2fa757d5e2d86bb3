"""Text decoding and CSV reading shared by readers: one way to turn a member's bytes into rows.

Why here and not in each reader: encodings (UTF-8 with or without BOM, LinkedIn 2018's UTF-16LE with
tabs, Excel's re-saves) and header drift (case, spaces, a preamble, a trailing empty column) are the same
problems on every platform that writes CSV. Rows are streamed from the member; files are never held whole
unless a reader needs to repair them first.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: What Python's ``str.strip()`` removes (every character whose ``str.isspace()`` is true), for polars'
#: ``strip_chars`` wherever a reader strips a whole column that its Python path strips one string at a time:
#: Rust's notion of whitespace lacks U+001C..U+001F, and the two paths must strip alike. Written out:
#: computing it over every code point costs a third of a second at import (tests check it).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True)
class Dialect:
    encoding: str
    delimiter: str


#: How many leading bytes :func:`sniff` is given by the readers.
SNIFF_BYTES = 4096


def sniff(head: bytes) -> Dialect:
    """UTF-16 (2018 LinkedIn: tab-separated) by its BOM, else UTF-8 (a BOM is dropped), else cp1252."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return Dialect("utf-16", "\t")
    if head.startswith(codecs.BOM_UTF16_BE):
        return Dialect("utf-16", "\t")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Only a multi-byte character cut at the end of a full-size sample is fine; invalid bytes anywhere
        # else (a short cp1252 file too) mean the text is not UTF-8.
        cut_at_end = exc.reason == "unexpected end of data" and len(head) >= SNIFF_BYTES and exc.start >= len(head) - 4
        if not cut_at_end:
            return Dialect("cp1252", ",")
    return Dialect("utf-8-sig", ",")


def open_text(stream: IO[bytes], dialect: Dialect | None = None) -> tuple[io.TextIOWrapper, Dialect]:
    """Wrap a binary member stream as text, sniffing the encoding from its first bytes."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    if dialect is None:
        dialect = sniff(buffered.peek(4096)[:4096])
    text = io.TextIOWrapper(buffered, encoding=dialect.encoding, errors="replace", newline="")
    return text, dialect


def decode(data: bytes) -> tuple[str, Dialect]:
    """A whole (small) member as text, for readers that must repair a file before parsing it."""
    dialect = sniff(data[:4096])
    text = data.decode(dialect.encoding, errors="replace")
    return text.lstrip("\ufeff"), dialect


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Archive text safe for a terminal: C0/C1 control characters (ESC sequences, BEL) are dropped, so a
    file name can never retitle, recolour or clear the user's terminal. Newlines and tabs stay."""
    return _CONTROL.sub("", text)


@functools.lru_cache(maxsize=8192)
def header_key(name: str) -> str:
    """Column names matched case-insensitively and regardless of spaces/underscores (``SharedURL``).

    Cached: readers look columns up by name on every row, and the set of names is tiny.
    """
    return "".join(ch for ch in name.lower() if ch.isalnum())


class Columns:
    """A header mapped by :func:`header_key`, so rows are read by name, never by position."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = [h.strip().strip('"').strip().lstrip("\ufeff") for h in header]
        while self.header and self.header[-1] == "":
            self.header.pop()  # Learning.csv's trailing comma: an empty last column
        self.index: dict[str, int] = {}
        for i, h in enumerate(self.header):
            self.index.setdefault(header_key(h), i)

    def find(self, *names: str) -> int | None:
        for n in names:
            i = self.index.get(header_key(n))
            if i is not None:
                return i
        return None

    def get(self, row: Sequence[str], *names: str) -> str | None:
        i = self.find(*names)
        if i is None or i >= len(row):
            return None
        value = row[i]
        return value if value != "" else None

    def drift(self, expected: Sequence[str]) -> list[str]:
        """Names of expected columns that are missing and of columns we do not know (``-X``/``+Y``)."""
        if not expected:
            return []
        want = {header_key(e): e for e in expected}
        have = {header_key(h): h for h in self.header if h}
        missing = [f"-{e}" for k, e in want.items() if k not in have]
        new = [f"+{h}" for k, h in have.items() if k not in want]
        return missing + new


#: A line longer than this fails its file (a 500 MB single-line file must not take gigabytes of memory).
MAX_LINE_CHARS = 64 * 1024 * 1024


class LineTooLong(ValueError):
    """A text line past :data:`MAX_LINE_CHARS`: the file is not what its reader expects."""


class LineCutter:
    """Counts the lines :func:`bounded_lines` cut to their first ``limit`` characters (see ``cut=``)."""

    def __init__(self) -> None:
        self.lines = 0


def bounded_lines(
    fh: IO[str] | Iterator[str], limit: int | None = None, *, cut: LineCutter | None = None
) -> Iterator[str]:
    """Lines of a text stream, never holding more than ``limit`` characters of one line.

    A longer line fails fast (:class:`LineTooLong`) instead of being held whole; with ``cut`` it is kept to
    its first ``limit`` characters instead, the rest is read and dropped, and ``cut`` counts it (a chat
    message of 500 MB on one line must not cost 500 MB, nor lose the rest of the chat).
    """
    limit = limit or MAX_LINE_CHARS
    if not hasattr(fh, "readline"):
        yield from fh
        return
    readline = fh.readline
    while True:
        line = readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(("\n", "\r")):
            if cut is None:
                raise LineTooLong(f"a line longer than {limit // (1024 * 1024)} MiB; not a file of this kind")
            cut.lines += 1
            rest = readline(limit)
            while rest and not rest.endswith(("\n", "\r")):
                rest = readline(limit)
            line += "\n"
        yield line


def csv_rows(text: Iterator[str] | IO[str], delimiter: str = ",", escapechar: str | None = None) -> Iterator[list[str]]:
    """Rows of a CSV text; a NUL byte or a stray quote never stops the reader (strict=False)."""
    return csv.reader(
        (line.replace("\x00", "") for line in bounded_lines(text)),
        delimiter=delimiter,
        escapechar=escapechar,
        strict=False,
    )


def nonempty(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip()
    return v if v and v != '""' else None


_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+\Z", re.I)


def web_link(value: str | None) -> str | None:
    """An item's address as the export writes it, kept only when it is a plain ``http(s)`` URL.

    Anything else (``javascript:``, a relative path, text with spaces or control characters) is no link: it
    could neither be opened safely nor put in an HTML ``href``.
    """
    if not value:
        return None
    value = value.strip()
    return value if _LINK.match(value) else None
