"""Reading the clean-up worklist the person ticked (CSV or JSON), for the erasure check of ``exportscope diff``.

The contract (also in /work/helpers/keys-api.md and the README): every row has ``key`` (an item key of
:mod:`exportscope.keys`) and ``done`` (``ticked`` is accepted instead), plus ``platform`` and ``kind``; ``timestamp``
and ``source`` are shown when present. Text columns are never read. A spreadsheet may have re-saved the CSV
(a BOM, ``;`` separators, ``TRUE``/``x``/``✓`` for ticks): all of those are read. A row without a key is counted
as unusable, never dropped silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exportscope.archive import InputError

#: Values of ``done`` that mean "ticked" (case-insensitive, after trimming).
TICKED = frozenset({"true", "yes", "y", "x", "1", "✓", "✔", "done", "oui", "vrai"})

#: Largest worklist read (a worklist of 1,000,000 items is about 200 MB; anything bigger is not one).
MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WorkItem:
    key: str
    platform: str
    kind: str
    done: bool
    timestamp: str | None = None
    source: str | None = None


@dataclass
class Worklist:
    path: str
    items: list[WorkItem] = field(default_factory=list)
    unusable: int = 0  # rows without a key

    @property
    def ticked(self) -> list[WorkItem]:
        return [i for i in self.items if i.done]


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value == 1
    return str(value or "").strip().lower() in TICKED


def _item(row: dict[str, Any]) -> WorkItem | None:
    """One row as a work item, or None when it has no key. Platform and kind default to the key's."""
    row = {str(k).strip().lstrip("\ufeff").lower(): v for k, v in row.items() if k is not None}
    key = str(row.get("key") or "").strip()
    if not key:
        return None
    parts = key.split("|")
    done = row["done"] if "done" in row else row.get("ticked")

    def opt(name: str) -> str | None:
        value = row.get(name)
        return str(value).strip() or None if value is not None else None

    return WorkItem(
        key=key,
        platform=opt("platform") or parts[0],
        kind=opt("kind") or (parts[1] if len(parts) > 1 else ""),
        done=_truthy(done),
        timestamp=opt("timestamp"),
        source=opt("source"),
    )


def _rows_from_json(data: Any, path: Path) -> list[dict[str, Any]]:
    rows = data.get("items") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(f"{path}: not a worklist (expected a list of items, each with a key and done)")
    return rows


def _rows_from_csv(text: str, path: Path) -> list[dict[str, Any]]:
    head = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip().lstrip("\ufeff").lower() for f in reader.fieldnames or []]
    if "key" not in fields:
        raise InputError(f"{path}: not a worklist (no key column); export the clean-up worklist as CSV or JSON")
    return list(reader)


def read_worklist(path: Path) -> Worklist:
    """The worklist at ``path`` (``.json`` is JSON, anything else CSV); a bad file is one clear InputError."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: too large to be a worklist")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not a worklist file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or 'error'})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the worklist as UTF-8 CSV or JSON") from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        import orjson

        try:
            rows = _rows_from_json(orjson.loads(text), path)
        except orjson.JSONDecodeError:
            raise InputError(f"{path}: not valid JSON") from None
    else:
        rows = _rows_from_csv(text, path)
    named = {str(k).strip().lstrip("\ufeff").lower() for row in rows for k in row if k is not None}
    if rows and not named & {"done", "ticked"}:
        raise InputError(f"{path}: the worklist has no done column; tick the items to check in a done column")
    worklist = Worklist(str(path))
    for row in rows:
        item = _item(row)
        if item is None:
            worklist.unusable += 1
        else:
            worklist.items.append(item)
    return worklist
