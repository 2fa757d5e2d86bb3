"""Typed notes and problems: every key said in English and French, values that survive their round trips,
and the summary carrying each note's key and each failure's code beside the English text."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from exportscope import i18n
from exportscope.model import ReadFailure, describe_failure
from exportscope.notes import Note, Problem, notes_of, tokens

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "exportscope"

#: Entries whose French is rightly the same text as the English (the word is the same in both languages).
SAME_IN_FRENCH = frozenset({"note.wa_messages", "note.wa_messages_one"})


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _keys(prefix: str) -> list[str]:
    return sorted(k for k in i18n.catalogue() if k.startswith(prefix))


def _sample(template: str) -> dict[str, str | int]:
    """A value for every field: a count where a count is expected, else a recognisable text."""
    return {f: 3 if f in ("n", "items_read") else f"<{f}>" for f in _fields(template)}


@pytest.mark.parametrize("key", _keys("note.") + _keys("problem."))
def test_every_note_and_problem_key_is_said_in_english_and_french(key: str) -> None:
    entry = i18n.catalogue()[key]
    assert entry.get("en"), f"{key}: no English"
    assert entry.get("fr"), f"{key}: no French"
    assert _fields(entry["fr"]) == _fields(entry["en"]), f"{key}: the two languages take other fields"
    if key not in SAME_IN_FRENCH:
        assert entry["fr"] != entry["en"], f"{key}: the French entry is the English text"
    fields = _sample(entry["en"])
    name = key.split(".", 1)[1]
    if key.startswith("note."):
        en = i18n.note_text(Note.of(name, **fields))
        fr = i18n.note_text(Note.of(name, **fields), "fr")
    else:
        en = i18n.problem_text(Problem.of(name, **fields))
        fr = i18n.problem_text(Problem.of(name, **fields), "fr")
    for text in (en, fr):
        assert "{" not in text and key not in text, f"{key}: not filled: {text!r}"
        for value in fields.values():
            if isinstance(value, str):
                assert value in text


def _literal_keys(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_code_writes_is_in_the_catalogue() -> None:
    notes = _literal_keys(r'Note\.of\(\s*"([a-z0-9_]+)"\s*[,)]')
    problems = _literal_keys(r'(?:Problem\.of|ReadFailure|NotJSONError)\(\s*"([a-z0-9_]+)"\s*[,)]')
    assert len(notes) > 20 and len(problems) > 30  # the scan found the call sites
    assert sorted(k for k in notes if not i18n.has(f"note.{k}")) == []
    assert sorted(k for k in problems if not i18n.has(f"problem.{k}")) == []


def test_nothing_parses_our_english_back() -> None:
    """The reverse matching of English templates is gone, and so are the markers doctor searched for."""
    i18n_source = (SRC / "i18n.py").read_text(encoding="utf-8")
    assert "localize_note" not in i18n_source and "_note_patterns" not in i18n_source
    doctor = (SRC / "doctor.py").read_text(encoding="utf-8")
    assert '"zip bomb"' not in doctor and "in reason" not in doctor


def test_a_note_round_trips_through_its_token_and_its_json() -> None:
    chat = Note.of(
        "wa_chat",
        name="Ana | Bo\nC",
        path="_chat.txt",
        kind=Note.of("wa_kind_group"),
        parts=(Note.of("wa_people", n=3), Note.of("wa_order", order=Note.of("wa_order_day_month_year"))),
    )
    plain = Note.of("older_export", label="Instagram", name="a.zip", date=None, current="b.zip", now="2025-01-02")
    assert Note.from_token(chat.token()) == chat
    assert Note.from_json(json.loads(json.dumps(plain.to_json()))) == plain
    assert notes_of(tokens([chat, plain])) == [chat, plain]
    assert notes_of(None) == [] and tokens([]) is None


def test_counts_and_missing_dates_are_said_for_the_language() -> None:
    note = Note.of("older_export", label="Instagram", name="a.zip", date=None, current="b.zip", now="2025-01-02")
    assert "(date unknown)" in i18n.note_text(note)
    assert "(date inconnue)" in i18n.note_text(note, "fr")
    big = Note.of("counted_once", label="LinkedIn", n=12345)
    assert "12,345" in i18n.note_text(big)
    assert "12\u202f345" in i18n.note_text(big, "fr")
    # A count picks the singular form where the language says singular (French: 0 and 1).
    assert i18n.note_text(Note.of("wa_people", n=1)) == "1 person wrote messages"
    assert i18n.note_text(Note.of("wa_people", n=0), "fr") == "0 personne a écrit des messages"


def test_a_failure_keeps_its_code_and_a_library_detail_apart() -> None:
    own = describe_failure(ReadFailure("not_json", at=1234))
    assert own.code == "not_json" and own.args == {"at": 1234}
    assert describe_failure(RecursionError()).code == "too_deep"
    assert describe_failure(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad")).code == "not_text"
    other = describe_failure(KeyError("column 'x' of a library"))
    assert other.code == "unexpected" and "column" in other.detail
    # The detail is a library's own words, kept as they are after our sentence in every language.
    assert i18n.problem_text(other, "fr").endswith(": " + other.detail)
    assert i18n.problem_text(Problem.of("unreadable", "Permission denied"), "fr") == "illisible (Permission denied)"
