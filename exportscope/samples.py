"""Where the bundled sample exports are, for ``exportscope inspect --demo`` and the docs.

The samples live once, in the source tree's ``sample_exports/`` (made by its deterministic script); the wheel
carries them, so ``--demo`` works from any folder (:mod:`exportscope.data` finds them).
"""

from __future__ import annotations

from pathlib import Path

from exportscope import tomlread
from exportscope.archive import InputError
from exportscope.data import samples_root


def demo() -> tuple[str, ...]:
    """Which samples the demo opens (relative to sample_exports/): ``demo.toml``, which
    ``sample_exports/make_samples.py`` writes from each platform's generator (its ``DEMO``)."""
    try:
        data = tomlread.loads((samples_dir() / "demo.toml").read_text(encoding="utf-8"))
    except (OSError, tomlread.TOMLError) as exc:
        raise InputError(f"the list of sample exports cannot be read ({exc}); reinstall exportscope") from None
    return tuple(str(rel) for rel in data.get("demo", []))


def samples_dir() -> Path:
    root = samples_root()
    if root is None:
        raise InputError("the bundled sample exports are missing from this installation; reinstall exportscope")
    return root


def sample_paths() -> list[Path]:
    root = samples_dir()
    found = [root / rel for rel in demo() if (root / rel).exists()]
    if not found:
        raise InputError(f"{root}: no sample exports; run python sample_exports/make_samples.py")
    return found
