"""Writing a :class:`~exportscope.actions.letter.Letter` as Markdown, plain text or HTML.

The archive's values (the person's name, e-mail, username) are escaped for each format here and only here:
Markdown escapes its markup characters, HTML escapes everything and links only our own ``https://`` URLs,
plain text drops control characters. The HTML is one self-contained page with no external resource.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from exportscope import formats
from exportscope.actions.letter import Block, Letter, Line, Style
from exportscope.errors import FormatError
from exportscope.fsutil import atomic_write
from exportscope.report.html import esc
from exportscope.report.markdown import md_escape

#: Suffix -> format name, from the registry (:data:`exportscope.formats.FORMATS`, family ``letter``).
FORMATS: dict[str, str] = {s: f.name for f in formats.family("letter") for s in f.suffixes}

_URL = re.compile(r"https://[^\s<>\"')]+")
_MARK = re.compile(r"\x00(\d+)\x00")


#: Kept for callers that catch it by this name: the registry's refusals are FormatErrors.
LetterFormatError = FormatError


def letter_format_for(path: Path | str, explicit: str | None = None) -> str:
    """The letter's format (:func:`exportscope.formats.choose`)."""
    return formats.choose("letter", path, explicit).name


def _line(line: Line, value: Callable[[str], str], text: Callable[[str], str]) -> str:
    """Our text through ``text`` and each archive value through ``value``, in place of their marks."""
    parts = _MARK.split(line.text)
    return "".join(text(p) if i % 2 == 0 else value(line.values[int(p)]) for i, p in enumerate(parts))


def _md_line(line: Line) -> str:
    # A value may open a line (the sender block): "+44 ..." or "- x" must not become a list item.
    return _line(line, lambda v: md_escape(v, line_start=True), lambda s: s)


def _txt_line(line: Line) -> str:
    return _line(line, lambda v: re.sub(r"[\x00-\x1f\x7f]", " ", v), lambda s: s)


def _html_text(text: str) -> str:
    out, last = [], 0
    for m in _URL.finditer(text):
        out.append(esc(text[last : m.start()]))
        url = m.group(0).rstrip(".,;")
        out.append(f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>')
        last = m.start() + len(url)
    out.append(esc(text[last:]))
    return "".join(out)


def _html_line(line: Line) -> str:
    return _line(line, esc, _html_text)


def _blocks_md(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.style is Style.HEADING:
            out += [f"## {_md_line(b.lines[0])}", ""]
        elif b.style is Style.LIST:
            out += [f"- {_md_line(line)}" for line in b.lines] + [""]
        elif b.style is Style.LINES:
            out += [f"{_md_line(line)}  " for line in b.lines[:-1]] + [_md_line(b.lines[-1]), ""]
        else:
            out += [_md_line(line) for line in b.lines] + [""]
    return out


def render_md(letter: Letter) -> str:
    return "\n".join([*_blocks_md(letter.notes), "---", "", *_blocks_md(letter.body)]).rstrip() + "\n"


def _blocks_txt(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.style is Style.HEADING:
            title = _txt_line(b.lines[0])
            out += [title, "=" * len(title), ""]
        elif b.style is Style.LIST:
            out += [f"- {_txt_line(line)}" for line in b.lines] + [""]
        else:
            out += [_txt_line(line) for line in b.lines] + [""]
    return out


def render_txt(letter: Letter) -> str:
    return "\n".join([*_blocks_txt(letter.notes), *_blocks_txt(letter.body)]).rstrip() + "\n"


def _blocks_html(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.style is Style.HEADING:
            out.append(f"<h2>{_html_line(b.lines[0])}</h2>")
        elif b.style is Style.LIST:
            out.append("<ul>" + "".join(f"<li>{_html_line(line)}</li>" for line in b.lines) + "</ul>")
        elif b.style is Style.LINES:
            out.append('<p class="lines">' + "<br>".join(_html_line(line) for line in b.lines) + "</p>")
        else:
            out.append("<p>" + " ".join(_html_line(line) for line in b.lines) + "</p>")
    return out


_CSS = (
    "body{font:16px/1.5 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#111}"
    ".notes{font-family:system-ui,sans-serif;font-size:.9em;background:#f4f4f0;padding:.5em 1em;border-radius:6px}"
    ".lines{white-space:normal}@media print{.notes{display:none}}"
)


def render_html(letter: Letter) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(letter.lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(letter.controller.name)}</title><style>{_CSS}</style></head><body>\n"
        f'<section class="notes">\n' + "\n".join(_blocks_html(letter.notes)) + "\n</section>\n"
        "<article>\n" + "\n".join(_blocks_html(letter.body)) + "\n</article>\n</body></html>\n"
    )


RENDERERS = {"md": render_md, "txt": render_txt, "html": render_html}


def write_letter(letter: Letter, path: Path, fmt: str) -> Path:
    """Write atomically with owner-only permissions: the letter holds the person's identifiers."""
    data = RENDERERS[fmt](letter).encode("utf-8")
    with atomic_write(path) as fh:
        fh.write(data)
    path.chmod(0o600)
    return path
