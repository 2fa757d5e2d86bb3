"""The package's version, in a leaf module: the report's and ``doctor``'s "made by" line read it without
importing the package's API edge (``exportscope/__init__``, which re-exports it). Keep it equal to
``pyproject.toml``'s ``version`` (a test compares them)."""

from __future__ import annotations

__version__ = "0.1.0"
