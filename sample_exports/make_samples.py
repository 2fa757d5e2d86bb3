"""Regenerate every sample archive: ``python sample_exports/make_samples.py``.

Each ``gen_<platform>.py`` beside this script exposes ``build(out_dir) -> list[Path]`` and writes its
samples deterministically (all content invented). The samples are committed, and a test checks that
regenerating them changes nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generators() -> list[Path]:
    return sorted(HERE.glob("gen_*.py"))


def build_all(out_dir: Path = HERE) -> list[Path]:
    written: list[Path] = []
    sys.path.insert(0, str(HERE))
    try:
        for gen in generators():
            spec = importlib.util.spec_from_file_location(gen.stem, gen)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            written.extend(module.build(out_dir))
    finally:
        sys.path.remove(str(HERE))
    return written


if __name__ == "__main__":
    for p in build_all():
        print(p.relative_to(HERE))
