"""Deterministic zip writing for the sample and benchmark archives: same input, same bytes.

Fixed timestamps and member order make every regeneration byte-identical, so a changed sample in a diff
always means a changed generator.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (2026, 3, 9, 12, 0, 0)


def write_zip(path: Path, members: Iterable[tuple[str, bytes]], *, compress: bool = True) -> Path:
    """Write ``members`` (name, bytes) to ``path`` in the given order with fixed metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return path
