"""Regenerate every sample archive: ``python sample_exports/make_samples.py``.

Each ``gen_<platform>.py`` beside this script is found by its name (none is listed here): it exposes
``build(out_dir) -> list[Path]``, which writes its samples deterministically (all content invented), and
``DEMO``, the samples of it that ``exportscope --demo`` opens. This script writes those lists into
``demo.toml``, which the installed package reads (it never runs a generator), so adding a platform's samples
is adding its ``gen_<platform>.py``. The samples are committed, and a test checks that regenerating them
changes nothing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generators() -> list[Path]:
    return sorted(HERE.glob("gen_*.py"))


def build_all(out_dir: Path = HERE) -> list[Path]:
    written: list[Path] = []
    demo: list[str] = []
    sys.path.insert(0, str(HERE))
    try:
        for gen in generators():
            spec = importlib.util.spec_from_file_location(gen.stem, gen)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            written.extend(module.build(out_dir))
            demo.extend(getattr(module, "DEMO", ()))
    finally:
        sys.path.remove(str(HERE))
    written.append(write_demo(out_dir, demo))
    return written


def write_demo(out_dir: Path, demo: list[str]) -> Path:
    """``demo.toml``: the samples ``--demo`` opens, in the generators' order (exportscope.samples reads it)."""
    lines = [
        "# Written by make_samples.py from each gen_<platform>.py's DEMO: the samples exportscope --demo opens.",
        "demo = [",
        *(f"  {json.dumps(rel, ensure_ascii=False)}," for rel in demo),
        "]",
    ]
    path = out_dir / "demo.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    for p in build_all():
        print(p.relative_to(HERE))
