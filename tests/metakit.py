"""Helpers for the Meta tests: JSON written the way Meta writes it, and compact views of an analysis."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from exportscope.pipeline import Analysis, Options, analyze

AS_OF = date(2026, 1, 1)


def moj(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [moj(v) for v in value]
    if isinstance(value, dict):
        return {moj(k): moj(v) for k, v in value.items()}
    return value


def mj(value: Any) -> bytes:
    """JSON as Meta writes it: every UTF-8 byte of every string and key as one ``\\u00XX`` escape."""
    return json.dumps(moj(value), ensure_ascii=True, indent=2).encode("ascii")


def run(paths: list[Path] | Path, **options: Any) -> Analysis:
    options.setdefault("as_of", AS_OF)
    return analyze(paths if isinstance(paths, list) else [paths], Options(**options))


def counts(analysis: Analysis) -> dict[tuple[str, str, str], int]:
    """(platform, kind, verdict) -> items."""
    return dict(Counter(analysis.items.select("platform", "kind", "verdict").iter_rows()))


def rows(analysis: Analysis, rule: str | None = None) -> list[dict[str, Any]]:
    """The items (optionally of one rule id or its variants) as dicts, in frame order."""
    frame = analysis.items
    if rule is not None:
        import polars as pl

        frame = frame.filter((pl.col("rule") == rule) | pl.col("rule").str.starts_with(rule + "."))
    return list(frame.iter_rows(named=True))


def texts(analysis: Analysis, rule: str) -> list[str | None]:
    return [r["text"] for r in rows(analysis, rule)]


def ledger(analysis: Analysis) -> dict[str, tuple[str, str | None, int, str | None]]:
    """path -> (status, rule, items, reason)."""
    return {e.path: (e.status.value, e.rule, e.items, e.reason) for e in analysis.ledger}
