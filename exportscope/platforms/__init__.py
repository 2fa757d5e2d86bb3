"""Platform reader families. Each module (or package, like ``x/``) exposes ``PLATFORMS``: the
:class:`Platform` values it provides.

The registry imports them lazily so ``exportscope --help`` never pays for a reader it does not run.
"""

from __future__ import annotations

import functools
import importlib

from exportscope.platforms.base import Platform

#: Modules of this package that provide platforms, in detection order.
FAMILIES: tuple[str, ...] = ("linkedin", "meta", "whatsapp", "x")


@functools.cache
def all_platforms() -> tuple[Platform, ...]:
    found: list[Platform] = []
    for family in FAMILIES:
        module = importlib.import_module(f"exportscope.platforms.{family}")
        found.extend(module.PLATFORMS)
    return tuple(found)


def get(name: str) -> Platform:
    for p in all_platforms():
        if p.name == name:
            return p
    raise KeyError(name)
