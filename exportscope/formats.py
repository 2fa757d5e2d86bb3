"""Every output format exportscope writes, once: which family, which names and suffixes, which to standard output.

Why one registry: the CLI's ``-o``/``--format`` of ``report``, ``items``, ``cleanup``, ``letter`` and ``diff``
and the terminal UI's export dialog each had their own table, and they disagreed: the dialog wrote an HTML
report into ``x.md``. Now every caller asks :func:`choose`, with one rule:

- the format is the one asked for (``--format``, the dialog's choice), else the one the name's suffix says;
- when both are given and the suffix is one this family (or this dialog) writes in *another* format, the
  output is refused: a file's name and its content must agree. A suffix no format of the family uses
  (``report.out``) is left alone;
- ``-`` (standard output) takes the family's default format; a binary format is refused there.

Refusals are typed (:class:`FormatRefused`: a code and fields); their words come from the catalogue
(``output.format_*``) in the caller's language, English in the message of the exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from exportscope.errors import FormatError, Refusal

STDOUT = "-"


@dataclass(frozen=True)
class OutputFormat:
    """One format of one family: ``name`` is canonical (``md``), ``suffixes[0]`` the one a new file gets."""

    family: str  # "report", "items", "worklist", "letter", "diff"
    name: str
    title: str  # how a message names it: HTML, Markdown (a proper name, the same in every language)
    suffixes: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names accepted for --format ("markdown", "ndjson")
    binary: bool = False  # never written to standard output

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def key(self) -> str:
        """``family:name``, how the terminal UI names a choice (and its catalogue label, ``tui.format_*``)."""
        return f"{self.family}:{self.name}"

    @property
    def label_key(self) -> str:
        return f"format_{self.family}_{self.name}"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("report", "html", "HTML", (".html", ".htm"), ("htm",)),
    OutputFormat("report", "md", "Markdown", (".md", ".markdown"), ("markdown",)),
    OutputFormat("report", "json", "JSON", (".json",)),
    OutputFormat("items", "csv", "CSV", (".csv",)),
    OutputFormat("items", "jsonl", "JSON lines", (".jsonl", ".ndjson"), ("ndjson",)),
    OutputFormat("items", "parquet", "Parquet", (".parquet", ".pq"), ("pq",), binary=True),
    OutputFormat("worklist", "html", "HTML", (".html", ".htm"), ("htm",)),
    OutputFormat("worklist", "md", "Markdown", (".md", ".markdown"), ("markdown",)),
    OutputFormat("worklist", "csv", "CSV", (".csv",)),
    OutputFormat("letter", "md", "Markdown", (".md", ".markdown"), ("markdown",)),
    OutputFormat("letter", "txt", "TXT", (".txt",)),
    OutputFormat("letter", "html", "HTML", (".html", ".htm"), ("htm",)),
    OutputFormat("diff", "html", "HTML", (".html", ".htm"), ("htm",)),
    OutputFormat("diff", "json", "JSON", (".json",)),
    OutputFormat("diff", "txt", "TXT", (".txt",)),
)

#: The format of ``-o -`` per family (a family absent here cannot be written to standard output).
STDOUT_DEFAULT: dict[str, str] = {"report": "md", "items": "jsonl"}
#: Families whose command has no ``--format`` (the name alone says the format).
NO_FORMAT_OPTION = frozenset({"diff"})


class FormatRefused(Refusal, FormatError):
    """An output whose format cannot be told, is not one we write, or disagrees with its name."""

    PREFIX = "format_"

    def shown_fields(self, lang: str) -> dict[str, str]:
        from exportscope import i18n  # here, not at the top: the CLI's help reads this registry, never words

        shown = super().shown_fields(lang)
        shown["family"] = i18n.t(f"output.family_{shown.pop('family')}", lang) if "family" in shown else ""
        return shown


def family(name: str) -> tuple[OutputFormat, ...]:
    """The formats of one family, in the order a menu shows them."""
    found = tuple(f for f in FORMATS if f.family == name)
    if not found:
        raise KeyError(name)
    return found


def get(family_name: str, name: str) -> OutputFormat:
    """The format of ``family_name`` called ``name`` (or one of its aliases); KeyError otherwise."""
    wanted = name.lower()
    for f in family(family_name):
        if wanted in f.names():
            return f
    raise KeyError(name)


def by_suffix(path: PurePath | str, among: Iterable[OutputFormat]) -> OutputFormat | None:
    """The format among ``among`` whose suffix the name has, or None."""
    suffix = PurePath(path).suffix.lower()
    if not suffix:
        return None
    return next((f for f in among if suffix in f.suffixes), None)


def either(values: Iterable[str]) -> str:
    """``a, b or c``: the lists of suffixes and names in a message and in the CLI's help."""
    items = list(values)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def check_name(fmt: OutputFormat, path: PurePath | str, among: Sequence[OutputFormat]) -> None:
    """Refuse ``path`` when its suffix names another format of ``among`` than ``fmt``: name and content agree."""
    if str(path) == STDOUT:
        return
    named = by_suffix(path, among)
    if named is not None and named != fmt:
        raise FormatRefused(
            "mismatch",
            path,
            suffix=PurePath(path).suffix,
            named=named.title,
            chosen=fmt.title,
            wanted=fmt.suffix,
        )


def choose(family_name: str, path: PurePath | str, explicit: str | None = None) -> OutputFormat:
    """The format to write ``path`` in: see the module's docstring for the rule. Raises :class:`FormatRefused`."""
    formats = family(family_name)
    names = either(n for f in formats for n in f.names())
    suffixes = either(f.suffix for f in formats)
    stdout = str(path) == STDOUT
    if explicit:
        try:
            fmt = get(family_name, explicit)
        except KeyError:
            raise FormatRefused("name", path, family=family_name, name=repr(explicit), names=names) from None
        check_name(fmt, path, formats)
    elif stdout and family_name in STDOUT_DEFAULT:
        fmt = get(family_name, STDOUT_DEFAULT[family_name])
    else:
        found = by_suffix(path, formats)
        if found is None:
            code = "suffix_only" if family_name in NO_FORMAT_OPTION else "suffix"
            raise FormatRefused(code, path, family=family_name, suffixes=suffixes, names=names)
        fmt = found
    if stdout and fmt.binary:
        from exportscope.outpath import OutputRefused

        raise OutputRefused("stdout_binary", str(path), fmt=fmt.title)
    if stdout and family_name not in STDOUT_DEFAULT:
        raise FormatRefused("stdout", path, family=family_name, fmt=fmt.title)
    return fmt
