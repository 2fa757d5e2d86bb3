"""Where exportscope's data folders are: the rule data (``schemas/``) and the bundled sample exports.

Both live once, at the top of the source tree (``schemas/``, ``sample_exports/``). The wheel carries them
inside the package (``exportscope/schemas``, ``exportscope/sample_exports``, placed there by the build's
``force-include``); an editable install or a source checkout reads them in place. This module is the one
place that knows both layouts, so nothing else builds a path to the data.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parent


class DataMissingError(FileNotFoundError):
    """The installation lacks a data folder it should carry (a broken or partial install)."""


def _first_dir(name: str, marker: str) -> Path | None:
    """The installed copy first (a wheel), then the source tree's: whichever holds ``marker``."""
    for base in (_PACKAGE, _SOURCE_TREE):
        candidate = base / name
        if (candidate / marker).is_file():
            return candidate
    return None


@functools.cache
def schemas_dir() -> Path:
    """The folder of rule files, policy facts, regions and JSON Schemas."""
    found = _first_dir("schemas", "policies.toml")
    if found is None:
        raise DataMissingError("the rule data (schemas/) is missing from this installation; reinstall exportscope")
    return found


def samples_root() -> Path | None:
    """The bundled sample exports: ``EXPORTSCOPE_SAMPLES`` if set, else the installed or source copy."""
    if env := os.environ.get("EXPORTSCOPE_SAMPLES"):
        return Path(env) if Path(env).is_dir() else None
    return _first_dir("sample_exports", "demo.toml")
