"""The committed samples are exactly what the one sample script makes: regenerating them changes no byte,
and no committed sample is stale (left over from a generator that no longer writes it)."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
ARCHIVE_SUFFIXES = {".zip", ".txt"}


def test_regenerating_every_sample_is_byte_identical(tmp_path: Path) -> None:
    sys.path.insert(0, str(SAMPLES))
    try:
        import make_samples
    finally:
        sys.path.remove(str(SAMPLES))
    written = make_samples.build_all(tmp_path)
    made = {p.relative_to(tmp_path) for p in written}
    committed = {p.relative_to(SAMPLES) for p in SAMPLES.rglob("*") if p.suffix in ARCHIVE_SUFFIXES}
    assert made == committed
    changed = [str(rel) for rel in sorted(made) if (tmp_path / rel).read_bytes() != (SAMPLES / rel).read_bytes()]
    assert changed == []
    assert len(made) >= 14  # 4 LinkedIn, 4 Meta, 6 WhatsApp
