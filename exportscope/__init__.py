"""exportscope: what will the platforms feed their AI from your data export?

Library first: :func:`exportscope.analyze` reads archives into a classified items frame; the CLI
(``exportscope.cli``) and the terminal UI (``exportscope.tui``) are thin layers over it. Heavy imports
(polars, pillow, textual) are deferred so that importing the package stays instant.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from exportscope.pipeline import analyze
    from exportscope.types import Analysis, Options

__all__ = ["Analysis", "Options", "__version__", "analyze"]


def __getattr__(name: str) -> Any:
    if name in {"Analysis", "Options"}:
        from exportscope import types

        return getattr(types, name)
    if name == "analyze":
        from exportscope import pipeline

        return pipeline.analyze
    raise AttributeError(name)
