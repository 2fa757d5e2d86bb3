"""The errors exportscope raises on purpose: one base class, one subclass per thing a person can fix.

Why a family: a script (or the CLI, which turns these into exit code 2 and one line on stderr) catches
:class:`ExportscopeError` and knows the message is a sentence for a person, never a bug. Anything else that
escapes the library is a bug in exportscope. The subclasses say whose fault it is:

- :class:`InputError`: an input that cannot be used at all (not a zip, encrypted, nothing recognisable);
- :class:`OptionsError`: an option or answer the library cannot use (an unknown region, a date that is no date);
- :class:`OutputError`: an output that cannot or must not be written (a name whose format cannot be told, an
  input given as the output, a folder that cannot be written).

This module imports nothing of exportscope, so any layer can raise these.
"""

from __future__ import annotations


class ExportscopeError(Exception):
    """Something the person can fix; the message is one line for them (exit code 2 in the CLI)."""


class InputError(ExportscopeError):
    """An input that cannot be used at all. The message is one line for a person."""


class OptionsError(ExportscopeError):
    """An option (region, date, platform, language, format name) the library cannot use."""


class OutputError(ExportscopeError):
    """An output that cannot or must not be written."""


class FormatError(OutputError, ValueError):
    """An output name whose format we cannot tell, do not write, or that disagrees with the format asked for."""


__all__ = ["ExportscopeError", "FormatError", "InputError", "OptionsError", "OutputError"]
