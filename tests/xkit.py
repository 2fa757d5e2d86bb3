"""Building real-shaped X archives for the tests: ``window.YTD`` files, a manifest with the right counts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from exportscope.pipeline import Analysis, Options, analyze

OWNER = "1400000000000000001"
OPTIONS = Options(workers=1)


def ytd(name: str, entries: Any, part: int = 0) -> bytes:
    body = json.dumps(entries, indent=2, ensure_ascii=False, separators=(",", " : "))
    return f"window.YTD.{name}.part{part} = {body}".encode()


def manifest(files: dict[str, int], generated: str = "2025-01-22T02:08:40.412Z", owner: str = OWNER) -> bytes:
    types: dict[str, Any] = {}
    for path, count in files.items():
        base = path.rsplit("/", 1)[-1][:-3].split("-part")[0]
        types.setdefault(base, {"files": []})["files"].append(
            {"fileName": path, "globalName": f"YTD.{base}.part0", "count": str(count)}
        )
    doc = {
        "userInfo": {"accountId": owner, "userName": "example_user", "displayName": "Example"},
        "archiveInfo": {"sizeBytes": "1", "generationDate": generated, "isPartialArchive": False},
        "dataTypes": types,
    }
    return ("window.__THAR_CONFIG = " + json.dumps(doc, indent=2)).encode()


def tweet(tid: str, text: str, created: str = "Fri Jan 10 08:15:00 +0000 2025", **extra: Any) -> dict[str, Any]:
    t = {"id_str": tid, "id": tid, "created_at": created, "full_text": text, "entities": {"urls": []}}
    t.update(extra)
    return {"tweet": t}


def build(
    path: Path,
    files: dict[str, Any],
    *,
    with_manifest: bool = True,
    counts: dict[str, int] | None = None,
    raw: dict[str, bytes] | None = None,
    generated: str = "2025-01-22T02:08:40.412Z",
) -> Path:
    """A zip with ``data/<name>`` for each of ``files`` (entries, or bytes as they are) and a manifest whose
    counts are the real ones unless ``counts`` overrides some."""
    members: dict[str, bytes] = {"Your archive.html": b"<html></html>"}
    listed: dict[str, int] = {}
    for name, entries in files.items():
        stem = name.rsplit("/", 1)[-1][:-3]
        global_name = stem.split("-part")[0].replace("-", "_")
        part = int(stem.split("-part")[1]) if "-part" in stem else 0
        members[f"data/{name}"] = entries if isinstance(entries, bytes) else ytd(global_name, entries, part)
        if not isinstance(entries, bytes):
            listed[f"data/{name}"] = len(entries)
    listed.update(counts or {})
    if with_manifest:
        members["data/manifest.js"] = manifest(listed, generated)
    members.update(raw or {})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def run(path: Path, options: Options = OPTIONS) -> Analysis:
    return analyze([path], options)


def rows(analysis: Analysis, source_suffix: str = "") -> list[dict[str, Any]]:
    import polars as pl

    frame = analysis.items.filter(pl.col("source").str.ends_with(source_suffix)) if source_suffix else analysis.items
    return list(frame.iter_rows(named=True))
