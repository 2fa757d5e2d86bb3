"""LinkedIn articles (``Articles/<date>.html`` in 2018, ``Articles/Articles/<slug>.html`` in 2026) and the
HTML-to-text helper the sponsored-InMail messages share.

An article file holds, in order: an optional cover ``<img>``; ``<h1><a href=".../pulse/<slug>">Title</a></h1>``;
``<p class="created">Created on 2025-03-01 10:00</p>``; ``<p class="published">Published on ...</p>`` or,
for a draft, ``Not published yet`` (link ``/post/edit/<id>``); then the body. The date lines may be missing.
The parser is the standard library's tolerant HTMLParser: it never raises on bad markup, entities are
unescaped, and ``<script>``/``<style>`` content is dropped (it is not text anyone wrote).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import PurePosixPath

from exportscope import dates
from exportscope.archive import Member
from exportscope.model import Record
from exportscope.platforms.base import Output
from exportscope.rules import Rule
from exportscope.textio import web_link

_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
     "table", "section", "article", "figure", "figcaption", "hr"}
)  # fmt: skip
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})
_DRAFT = "not published yet"
_FILE_DATE = re.compile(r"(\d{4}-\d\d-\d\d)[ _T](\d\d)[:_.-](\d\d)(?:[:_.-](\d\d))?")


class _TextParser(HTMLParser):
    """Visible text with block elements as line breaks; subclasses route text to other sinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def tidy(text: str) -> str:
    """Collapse runs of spaces and of blank lines; non-breaking spaces become spaces."""
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, entities unescaped, scripts dropped."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return tidy("".join(parser.out))


@dataclass
class Article:
    title: str = ""
    link: str | None = None
    created: str | None = None
    published: str | None = None
    draft_marker: bool = False
    body: list[str] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        if self.draft_marker:
            return True
        return self.published is None and bool(self.link and "/post/edit/" in self.link)

    @property
    def text(self) -> str | None:
        body = tidy("".join(self.body))
        title = tidy(self.title)
        joined = f"{title}\n\n{body}" if title and body else title or body
        return joined or None


class _ArticleParser(_TextParser):
    def __init__(self) -> None:
        super().__init__()
        self.article = Article()
        self.in_h1 = 0
        self.meta: str | None = None  # "created" | "published" while inside that <p>
        self.meta_text: list[str] = []
        self.out = self.article.body

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "h1" and not self.article.title:
            self.in_h1 += 1
            return
        if self.in_h1 and tag == "a" and self.article.link is None:
            self.article.link = a.get("href")
            return
        if tag == "p" and (a.get("class") or "").strip() in ("created", "published"):
            self.meta = (a.get("class") or "").strip()
            self.meta_text = []
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.in_h1:
            self.in_h1 -= 1
            return
        if tag == "p" and self.meta is not None:
            value = " ".join("".join(self.meta_text).split())
            if self.meta == "created":
                self.article.created = value
            elif value.lower().startswith(_DRAFT):
                self.article.draft_marker = True
            else:
                self.article.published = value
            self.meta = None
            return
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_h1:
            self.article.title += data
        elif self.meta is not None:
            self.meta_text.append(data)
        else:
            self.out.append(data)


def parse_article(chunks: Iterator[bytes]) -> Article:
    """Feed the HTML in chunks (UTF-8, BOM tolerated, bad bytes replaced) and return what it says."""
    parser = _ArticleParser()
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    for chunk in chunks:
        parser.feed(decoder.decode(chunk))
    parser.feed(decoder.decode(b"", final=True))
    parser.close()
    return parser.article


def _stamp(line: str | None) -> datetime | None:
    """``Created on 2025-03-01 10:00`` / ``Published on ...`` -> the date (ISO shape, no zone: read as UTC)."""
    if not line:
        return None
    m = re.search(r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?", line)
    return dates.parse(m[0], ["ISO"]) if m else None


def _file_stamp(path: str) -> datetime | None:
    """2018 names files by date (``2017-11-02 09:30:00.html``): a fallback when the page has no dates."""
    m = _FILE_DATE.search(PurePosixPath(path).stem)
    if not m:
        return None
    return dates.parse(f"{m[1]} {m[2]}:{m[3]}:{m[4] or '00'}", ["ISO"])


def read_article(members: Sequence[Member], rule: Rule) -> Iterator[Output]:
    """One article per HTML file; a draft (``Not published yet``) is variant ``draft``.

    Text is the title, a blank line, then the body text. The time is the publication date, else the
    creation date, else (2018) the date in the file name.
    """
    for member in members:
        with member.open() as fh:
            article = parse_article(iter(lambda: fh.read(65536), b""))
        stamp = _stamp(article.published) or _stamp(article.created) or _file_stamp(member.path)
        yield Record(
            text=article.text,
            timestamp=stamp,
            variant="draft" if article.is_draft else None,
            row=1,
            source=member.path,
            link=web_link(article.link),
        )
