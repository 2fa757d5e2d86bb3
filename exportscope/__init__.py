"""exportscope: what will the platforms feed their AI from your data export?

Library first: :func:`exportscope.analyze` reads archives into a classified items frame; :func:`summarize`,
:func:`find`, :func:`write_report` and :func:`write_items` are what the commands print and write
(:mod:`exportscope.api`, the README's "Use it from Python"). The CLI (``exportscope.cli``) and the terminal
UI (``exportscope.tui``) are thin layers over it. Heavy imports (polars, pillow, textual) are deferred so
that importing the package stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exportscope.errors import ExportscopeError, FormatError, InputError, OptionsError, OutputError
from exportscope.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from exportscope.api import analyze, find, summarize, write_items, write_report
    from exportscope.types import Analysis, Options

__all__ = [
    "Analysis",
    "ExportscopeError",
    "FormatError",
    "InputError",
    "Options",
    "OptionsError",
    "OutputError",
    "__version__",
    "analyze",
    "find",
    "summarize",
    "write_items",
    "write_report",
]

_API = frozenset({"analyze", "find", "summarize", "write_items", "write_report"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from exportscope import api

        return getattr(api, name)
    if name in {"Analysis", "Options"}:
        from exportscope import types

        return getattr(types, name)
    raise AttributeError(name)
