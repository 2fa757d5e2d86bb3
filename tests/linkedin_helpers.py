"""Small helpers shared by the LinkedIn tests: run the pipeline on a zip and look at the items of one file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from exportscope.pipeline import Analysis, Options, analyze

ZIP = "Complete_LinkedInDataExport_03-09-2026.zip"
AS_OF = date(2026, 3, 10)
PROFILE = (
    b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    b"Twitter Handles,Websites,Instant Messengers\nAda,Example,,,,Engineer,,Software,,,,,\n"
)


def run(make_zip: Any, members: dict[str, bytes], **options: Any) -> Analysis:
    """Analyze a LinkedIn zip holding ``members`` (plus a Profile.csv so it is recognised)."""
    members = {"Profile.csv": PROFILE, **members}
    path: Path = make_zip(ZIP, members)
    return analyze([path], Options(as_of=options.pop("as_of", AS_OF), **options))


def items(analysis: Analysis, source: str) -> list[dict[str, Any]]:
    """The items read from one member, in file order."""
    rows = analysis.items.filter(analysis.items["source"] == source).sort("row", maintain_order=True)
    return list(rows.iter_rows(named=True))


def texts(analysis: Analysis, source: str) -> list[str | None]:
    return [r["text"] for r in items(analysis, source)]


def ledger(analysis: Analysis, path: str) -> tuple[str, str | None, int]:
    """(status, reason, items) of one member."""
    for e in analysis.ledger:
        if e.path == path:
            return e.status.value, e.reason, e.items
    raise KeyError(path)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def utf16_tsv(lines: list[list[str]]) -> bytes:
    """2018's shape: BOM FF FE, UTF-16LE, tab-separated, every field quoted, LF."""
    body = "".join("\t".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in lines)
    return b"\xff\xfe" + body.encode("utf-16-le")
