"""Notes and problems as values: a key (or code) and its fields, rendered into a language only at the edges.

Why: a sentence written in English by a reader and parsed again later to translate it, filter it or sort
it is fragile (a reworded template silently stops matching) and ties every test to our wording. A
:class:`Note` (something the person should know: a copy counted once, a date range not in force) and a
:class:`Problem` (why a file, or part of one, could not be read) carry their meaning as a stable key, the
same in the summary JSON, the tests and every language; :mod:`exportscope.i18n` turns them into words
(``note.<key>`` and ``problem.<code>`` in the catalogue) for the CLI, the terminal UI and the reports.

This module is a leaf: it imports nothing of exportscope, so readers, the plan and the pipeline can all use
it without a cycle.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

#: A field of a note or problem: text (a file name, an ISO date, a platform label), a count (formatted for
#: the language when rendered), None (a date or value the export does not give: "date unknown"), a note said
#: inside another (a chat's kind inside the chat's note), or several notes (said one after the other, "; ").
FieldValue: TypeAlias = "str | int | Note | tuple[Note, ...] | None"

#: Between two encoded notes of one item in the items frame's ``note_key`` column. A JSON token escapes
#: every newline, so no encoded note holds one.
TOKEN_SEP = "\n"


def freeze(fields: Mapping[str, FieldValue]) -> tuple[tuple[str, FieldValue], ...]:
    """Fields as the sorted pairs a note or problem holds (hashable, one order whatever the caller's)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def _dump(value: FieldValue) -> Any:
    if isinstance(value, Note):
        return value.to_json()
    if isinstance(value, tuple):
        return [v.to_json() for v in value]
    return value


def _load(value: Any) -> FieldValue:
    if isinstance(value, dict):
        return Note.from_json(value)
    if isinstance(value, list):
        return tuple(Note.from_json(v) for v in value)
    if value is None or isinstance(value, int | str):
        return value
    raise ValueError(f"not a note field: {value!r}")


@dataclass(frozen=True, slots=True)
class Note:
    """Something the person should know about an export or some of its items: ``note.<key>`` in the
    catalogue, filled with ``fields``. Hashable, so notes can be counted and deduplicated."""

    key: str
    fields: tuple[tuple[str, FieldValue], ...] = ()

    @classmethod
    def of(cls, key: str, **fields: FieldValue) -> Note:
        return cls(key, freeze(fields))

    @property
    def args(self) -> dict[str, FieldValue]:
        return dict(self.fields)

    def to_json(self) -> dict[str, Any]:
        """``{"key": ..., "fields": {...}}``: what the summary JSON carries beside the English text (a note
        inside a field is such an object, several notes a list of them)."""
        return {"key": self.key, "fields": {k: _dump(v) for k, v in self.fields}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Note:
        """The note :meth:`to_json` wrote (the summary's ``note_keys``)."""
        fields = data.get("fields") or {}
        return cls(str(data["key"]), freeze({str(k): _load(v) for k, v in fields.items()}))

    def token(self) -> str:
        """One line of JSON that :meth:`from_token` reads back: how an item's notes travel in a frame column
        (a serialisation of this value, never a sentence)."""
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_token(cls, token: str) -> Note:
        return cls.from_json(json.loads(token))


def notes_of(tokens: str | None) -> list[Note]:
    """The notes of one item from its ``note_key`` cell (None: no note)."""
    if not tokens:
        return []
    return [Note.from_token(t) for t in tokens.split(TOKEN_SEP) if t]


def tokens(notes: Iterable[Note]) -> str | None:
    """The ``note_key`` cell of an item with these notes (None when there is none)."""
    out = TOKEN_SEP.join(n.token() for n in notes)
    return out or None


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file, or part of one, could not be (fully) read: ``problem.<code>`` in the catalogue, filled with
    ``fields``; ``detail`` is a library's own first line, kept as it is (never translated, never parsed)
    for ``doctor`` and bug reports.

    Readers yield it as a value: by default it is a remark on the file being read (its ledger line keeps it).
    ``source`` names the member it concerns; with ``fails`` set it says that this one member of a
    multi-member file (a part of a Meta thread) could not be read: that member is ledgered as failed, its
    siblings are still read.
    """

    code: str
    detail: str = ""
    fields: tuple[tuple[str, FieldValue], ...] = ()
    source: str | None = None
    fails: bool = False

    @classmethod
    def of(
        cls, code: str, detail: str = "", *, source: str | None = None, fails: bool = False, **fields: FieldValue
    ) -> Problem:
        return cls(code, detail, freeze(fields), source, fails)

    @property
    def args(self) -> dict[str, FieldValue]:
        return dict(self.fields)

    def to_json(self) -> dict[str, Any]:
        """``{"code": ..., "fields": {...}}`` (and ``detail`` when there is one), for the summary JSON."""
        out: dict[str, Any] = {"code": self.code, "fields": {k: _dump(v) for k, v in self.fields}}
        if self.detail:
            out["detail"] = self.detail
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Problem:
        """The problem :meth:`to_json` wrote (a summary's ``files.failed`` entry)."""
        fields = data.get("fields") or {}
        return cls(
            str(data["code"]), str(data.get("detail") or ""), freeze({str(k): _load(v) for k, v in fields.items()})
        )
