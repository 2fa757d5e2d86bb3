"""HTML-format Meta exports: recognised, explained, inventoried; never JSON-decoded.

Accounts Center makes HTML exports by default. exportscope reads the JSON format item by item; for an HTML
export it says so plainly, tells what can still be counted from the file tree alone (conversations, photos
and videos, pages per category), and how to ask for the JSON format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from exportscope.notes import Note
from exportscope.platforms.meta.media import MEDIA_SUFFIXES

_ROOTS = ("your_facebook_activity", "your_activity_across_facebook", "your_instagram_activity")
_HTML = (".html", ".htm")

HOW_TO_JSON = Note.of("html_how_to_json")


def is_html_export(paths: Sequence[str]) -> bool:
    """More HTML pages than JSON files: the HTML format (a JSON export holds no, or very few, pages)."""
    html = sum(1 for p in paths if p.lower().endswith(_HTML))
    json_files = sum(1 for p in paths if p.lower().endswith(".json"))
    return html > 0 and html > json_files


def _category(path: str) -> str:
    parts = [p.lower() for p in PurePosixPath(path).parts[:-1]]
    for i, part in enumerate(parts):
        if part in _ROOTS and i + 1 < len(parts):
            return parts[i + 1]
    return parts[0] if parts else "(top level)"


def html_notes(label: str, paths: Sequence[str]) -> list[Note]:
    """The notes for an HTML-format export (empty for a JSON export)."""
    if not is_html_export(paths):
        return []
    pages = [p for p in paths if p.lower().endswith(_HTML)]
    threads = {
        str(PurePosixPath(p).parent)
        for p in pages
        if "messages" in p.lower().split("/")[:-1] and PurePosixPath(p).name.lower().startswith("message")
    }
    media = [
        p for p in paths if PurePosixPath(p).suffix.lower() in MEDIA_SUFFIXES and "messages" not in p.lower().split("/")
    ]
    per_category = Counter(_category(p) for p in pages)
    inventory = ", ".join(f"{name} {n:,}" for name, n in sorted(per_category.items(), key=lambda kv: (-kv[1], kv[0])))
    return [
        Note.of("html_export", label=label, pages=len(pages)),
        Note.of("html_inventory", threads=len(threads), media=len(media), inventory=inventory),
        HOW_TO_JSON,
    ]
