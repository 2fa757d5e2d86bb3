"""The platform registry: every sub-folder of this package is a platform family, found, never listed.

A family is a package here (``linkedin/``, ``meta/``, ``whatsapp/``, ``x/``) whose ``__init__`` exposes
``PLATFORMS``: the :class:`Platform` values it provides (readers, detection, identity, people-bearing paths,
its questions and display names); its rules and policy facts are ``schemas/<platform>.toml``, its words an
optional ``messages.toml`` beside its code. Adding a platform is adding a folder: nothing here or elsewhere
names one.

Families are found by listing the package's folders (``pkgutil``, no import) and imported only when a
command reads archives, so ``exportscope --help`` never pays for a reader it does not run. Detection order
is the families' names in alphabetical order, then each family's own order.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the registry itself stays light: listing families imports none of them
    from exportscope.platforms.base import Platform


def families() -> tuple[str, ...]:
    """The family packages of this package (every sub-folder with an ``__init__``), in name order."""
    return tuple(sorted({m.name for m in pkgutil.iter_modules(__path__) if m.ispkg}))


@functools.cache
def _loaded() -> tuple[tuple[str, Platform], ...]:
    found: list[tuple[str, Platform]] = []
    for family in families():
        module = importlib.import_module(f"{__name__}.{family}")
        found.extend((family, p) for p in module.PLATFORMS)
    return tuple(found)


def loaded() -> bool:
    """True once the families are imported in this process (a forked process inherits them)."""
    return _loaded.cache_info().currsize > 0


def all_platforms() -> tuple[Platform, ...]:
    """Every platform of every family, in detection order (families imported on the first call)."""
    return tuple(p for _, p in _loaded())


def family_of(name: str) -> str | None:
    """The family (folder) that provides the platform ``name``, None when none does."""
    return next((family for family, p in _loaded() if p.name == name), None)


def get(name: str) -> Platform:
    for p in all_platforms():
        if p.name == name:
            return p
    raise KeyError(name)


def family_labels() -> tuple[str, ...]:
    """The families' display names (``LinkedIn``, ``Meta``...), once each, in detection order."""
    return tuple(dict.fromkeys(p.family_label or p.label for p in all_platforms()))


def schemas_in_order() -> list[tuple[str, dict[str, Any]]]:
    """Every platform's schema file (:func:`~exportscope.schemafiles.platform_schemas`), in the detection
    order of the platforms that use it (a file no platform names comes last, by name): the order in which
    the entries several files bring to a shared table (to-do actions, letter recipients) are listed."""
    from exportscope.schemafiles import platform_schemas

    order = {f"{name}.toml": i for i, name in enumerate(dict.fromkeys(p.rules_file for p in all_platforms()))}
    return sorted(platform_schemas(), key=lambda entry: (order.get(entry[0], len(order)), entry[0]))


def join_or(words: Sequence[str], lang: str) -> str:
    """``A, B, C or D`` in ``lang`` (the catalogue's ``meta.list_or``)."""
    from exportscope import i18n

    if len(words) < 2:
        return "".join(words)
    return i18n.t("meta.list_or", lang, head=", ".join(words[:-1]), last=words[-1])
