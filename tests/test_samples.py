"""The committed samples are exactly what the one sample script makes: regenerating them changes no byte,
and no committed sample is stale (left over from a generator that no longer writes it).

The photos inside the Meta samples are encoded by Pillow, whose JPEG bytes change between releases: under the
locked Pillow (requirements-test.lock) every byte is compared; under another release the photos are compared
by name only and every other member byte for byte.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import PIL

from tests.conftest import locked_version

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
ARCHIVE_SUFFIXES = {".zip", ".txt", ".toml"}  # .toml: demo.toml, the list --demo opens
ENCODED_BY_PILLOW = (".jpg", ".jpeg")


def _members(path: Path, exact_photos: bool) -> list[tuple[str, bytes]]:
    """A zip's members in order, photo bodies left out unless they are to be compared exactly."""
    with zipfile.ZipFile(path) as zf:
        return [
            (
                info.filename,
                b"" if not exact_photos and info.filename.lower().endswith(ENCODED_BY_PILLOW) else zf.read(info),
            )
            for info in zf.infolist()
        ]


def _same(made: Path, committed: Path, exact_photos: bool) -> bool:
    if made.read_bytes() == committed.read_bytes():
        return True
    if exact_photos or made.suffix != ".zip":
        return False
    return _members(made, exact_photos) == _members(committed, exact_photos)


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
    exact_photos = PIL.__version__ == locked_version("pillow")
    changed = [str(rel) for rel in sorted(made) if not _same(tmp_path / rel, SAMPLES / rel, exact_photos)]
    assert changed == []
    assert len(made) >= 14  # 4 LinkedIn, 4 Meta, 6 WhatsApp
