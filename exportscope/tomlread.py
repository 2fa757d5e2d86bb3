"""TOML text to Python values: rtoml when it is installed (a dependency), else the standard library's tomllib.

Why: every run parses the data files it is built on (the five platform files before any input is planned,
the policies, regions and letters after) and ``tomllib``, pure Python, took 31 ms for them, 28 ms of it
before the reading worker could start. rtoml (a TOML 1.0 parser written in Rust, by the pydantic author)
gives the same values for every file the package ships (a test compares them) six times faster. The
standard module stays the fallback where rtoml cannot be imported (it has wheels for Linux with glibc or
musl, macOS and Windows, for Python 3.11 to 3.14), so a missing package costs milliseconds, never a run.
:data:`BACKEND` says which one parses.
"""

from __future__ import annotations

from typing import Any


def _engine() -> tuple[str, Any, tuple[type[Exception], ...]]:
    try:
        import rtoml
    except ImportError:  # no wheel for this platform: the standard module (imported only then: 2 ms)
        import tomllib

        return "tomllib", tomllib.loads, (tomllib.TOMLDecodeError,)
    return "rtoml", rtoml.loads, (rtoml.TomlParsingError,)


#: Which parser runs: "rtoml" or "tomllib".
BACKEND, _LOADS, _ERRORS = _engine()


class TOMLError(ValueError):
    """Malformed TOML, whichever parser read it (the parser's own error is its cause)."""


def loads(text: str) -> dict[str, Any]:
    """The document's values, as :func:`tomllib.loads` gives them; :class:`TOMLError` when malformed."""
    try:
        data: dict[str, Any] = _LOADS(text)
    except _ERRORS as exc:
        raise TOMLError(str(exc)) from exc
    return data
