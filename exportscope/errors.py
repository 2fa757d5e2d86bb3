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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exportscope.notes import Problem


class ExportscopeError(Exception):
    """Something the person can fix; the message is one line for them (exit code 2 in the CLI)."""


class InputError(ExportscopeError):
    """An input that cannot be used at all. The message is one line for a person; ``problem`` says why as a
    value where the same cause can also fail one member (a zip inside a zip: :mod:`exportscope.nested`)."""

    def __init__(self, message: str, problem: Problem | None = None) -> None:
        super().__init__(message)
        self.problem = problem


class OptionsError(ExportscopeError):
    """An option (region, date, platform, language, format name) the library cannot use."""


class InvalidOption(OptionsError):
    """One field of :class:`exportscope.types.Options` that cannot be used, as values: ``option`` (the field,
    or a platform question's key), ``value`` (what was given) and ``reason`` (why, and what to give instead).

    The message names the field (``region 'atlantis': unknown region; ...``); the command line names its own
    flag instead with :meth:`message`.
    """

    def __init__(self, option: str, value: object, reason: str) -> None:
        self.option, self.value, self.reason = option, value, reason
        super().__init__(self.message(option))

    def message(self, name: str) -> str:
        """The error naming the option as ``name`` (``--region`` on the command line, ``region`` in Python)."""
        return f"{name} {self.value!r}: {self.reason}"


class OutputError(ExportscopeError):
    """An output that cannot or must not be written."""


class FormatError(OutputError, ValueError):
    """An output name whose format we cannot tell, do not write, or that disagrees with the format asked for."""


class Refusal(ExportscopeError):
    """A refused output as values: ``code`` (a catalogue key under ``output.``, after :attr:`PREFIX`), the
    ``path`` and the ``fields`` of its sentence. Worded in English for ``str()`` and in any language by
    :meth:`text`, so the terminal UI says it in the person's language. Shared by the output-path checks
    (:class:`exportscope.outpath.OutputRefused`) and the format registry (:class:`exportscope.formats.
    FormatRefused`)."""

    #: What comes between ``output.`` and the code in the catalogue key.
    PREFIX = ""

    def __init__(self, code: str, path: object, **fields: Any) -> None:
        self.code = code
        self.path = str(path)
        self.fields = fields
        from exportscope import i18n

        super().__init__(self.text(i18n.DEFAULT_LANG))

    def shown_fields(self, lang: str) -> dict[str, str]:
        """The fields made safe for a terminal (a subclass adds the words it looks up)."""
        from exportscope.termsafe import safe

        return {k: safe(v) for k, v in self.fields.items()}

    def text(self, lang: str) -> str:
        from exportscope import i18n
        from exportscope.termsafe import safe

        return i18n.t(f"output.{self.PREFIX}{self.code}", lang, path=safe(self.path), **self.shown_fields(lang))


__all__ = [
    "ExportscopeError",
    "FormatError",
    "InputError",
    "InvalidOption",
    "OptionsError",
    "OutputError",
    "Refusal",
]
