"""The files of ``schemas/``: reading one, finding every platform's schema file, and the checks they share.

Both the rule data (:mod:`exportscope.rules`) and the policy facts (:mod:`exportscope.policies`) are read
from these files, and a platform's schema file carries some of each, so what finds and parses them lives
here, below both. A malformed file raises :class:`RuleError` at load time, so a bad edit never reaches a
person's report.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from exportscope import tomlread
from exportscope.data import schemas_dir


class RuleError(ValueError):
    """A rule or policy file is malformed; raised at load time so a bad edit never reaches a user's report."""


def read_schema(name: str) -> dict[str, Any]:
    """``schemas/<name>`` parsed (a TOML file); a missing or malformed file is a :class:`RuleError`.

    Parsed once per process and version of the file: policies.toml alone is read by the sources, the policy
    facts and the to-do list, a platform's file by detection and by its rules, and parsing takes 0.2-1.2 ms a
    file (2-8 ms where :mod:`exportscope.tomlread` falls back on ``tomllib``). The value is shared, so callers
    never change it (copy what you must change).
    """
    path = schemas_dir() / name
    try:
        stat = path.stat()
        return _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    except (FileNotFoundError, tomlread.TOMLError) as exc:
        raise RuleError(f"schemas/{name}: {exc}") from exc


@functools.lru_cache(maxsize=64)
def _parsed(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    """The file at ``path`` parsed; the time and size are part of the key, so an edited file is read again."""
    with open(path, encoding="utf-8") as file:
        return tomlread.loads(file.read())


#: Files of schemas/ that are shared data, not a platform's schema.
_SHARED_FILES = frozenset({"policies.toml", "regions.toml", "dates.toml", "letters.toml"})


@functools.cache
def platform_schemas() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every platform's schema file (a TOML file of ``schemas/`` with a top-level ``platform``), parsed, in
    name order. Besides its rules and ``[policy_facts]``, a platform's file may carry its entries of the
    shared tables of policies.toml (``[[published_source]]``, ``[[first_date]]``, ``[todo.where.<p>]``...):
    adding a platform edits no shared file."""
    out = []
    for path in sorted(schemas_dir().glob("*.toml")):
        if path.name not in _SHARED_FILES and "platform" in (data := read_schema(path.name)):
            out.append((path.name, data))
    return tuple(out)


def strs(value: Any) -> tuple[str, ...]:
    """A TOML value that may be one string or a list of them, as a tuple of strings (None: empty)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def date_or_none(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def check_note(value: str, where: str) -> str:
    """``value`` when ``note.<value>`` is in the message catalogue, else a :class:`RuleError`."""
    from exportscope import i18n

    if not i18n.has(f"note.{value}"):
        raise RuleError(f"{where}: unknown note {value!r} (add note.{value} to the message catalogue)")
    return value
