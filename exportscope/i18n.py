"""Languages: the one message catalogue (``locale/messages.toml``) and the helpers that read it.

Why a data file with every language side by side: a missing translation is visible in review and a test
checks that every key has every language, so the report and the terminal UI never show a half-translated
screen. Policy texts stay quoted in English in ``schemas/policies.toml`` (they are the audited source);
their translations live here under ``policy.<key>.<field>`` and English falls back to the quoted text.

The language comes from ``--lang`` or, by default, from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
``LANGUAGE``); anything unsupported falls back to English.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from typing import Any

from exportscope import tomlread
from exportscope.notes import FieldValue, Note, Problem, notes_of

#: Between two notes of one item in the ``note`` column of the items frame and of ``exportscope items``.
NOTE_SEP = " | "

LANGS: tuple[str, ...] = ("en", "fr")
DEFAULT_LANG = "en"


class CatalogueError(ValueError):
    """The catalogue file is malformed (raised at load time, so a bad edit fails the tests)."""


def flatten(
    table: Mapping[str, Any],
    out: dict[str, dict[str, str]],
    *,
    name: str = "locale/messages.toml",
    langs: tuple[str, ...] = LANGS,
    prefix: str = "",
) -> None:
    """Flatten a catalogue file's nested tables into ``dotted.key -> {language: text}`` (shared by every
    catalogue: messages, letters, diff). A leaf is a table with at least one of ``langs`` and only strings."""
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if not isinstance(value, Mapping):
            raise CatalogueError(f"{name}: {full} is not a table of languages")
        if any(lang in value for lang in langs) and all(isinstance(v, str) for v in value.values()):
            out[full] = {str(k): str(v) for k, v in value.items()}
        else:
            flatten(value, out, name=name, langs=langs, prefix=full)


def load_toml(ref: Any, name: str) -> dict[str, Any]:
    """A catalogue file, parsed; a missing or malformed file is a :class:`CatalogueError` naming it."""
    try:
        return tomlread.loads(ref.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomlread.TOMLError) as exc:
        raise CatalogueError(f"{name}: {exc}") from exc


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message key -> {language: text}: ``locale/messages.toml``, plus the ``messages.toml`` of each
    platform folder (``platforms/<family>/messages.toml``), so a platform brings its own words. A key defined twice
    is an error."""
    return load_catalogue("messages", LANGS)


def load_catalogue(name: str, langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Every key of ``locale/<name>.toml`` -> {language: text}, plus each platform folder's own
    ``platforms/<family>/<name>.toml`` (one loop for every catalogue: messages, letters, diff). A key defined
    twice is an error."""
    root = resources.files("exportscope")
    out: dict[str, dict[str, str]] = {}
    flatten(
        load_toml(root / "locale" / f"{name}.toml", f"locale/{name}.toml"), out, name=f"locale/{name}.toml", langs=langs
    )
    for folder in sorted(root.joinpath("platforms").iterdir(), key=lambda f: f.name):
        ref = folder / f"{name}.toml"
        if not folder.is_dir() or not ref.is_file():
            continue
        own: dict[str, dict[str, str]] = {}
        where = f"platforms/{folder.name}/{name}.toml"
        flatten(load_toml(ref, where), own, name=where, langs=langs)
        if clash := sorted(set(own) & set(out)):
            raise CatalogueError(f"{where}: {clash[0]} is already defined")
        out.update(own)
    return out


def normalize_lang(value: str | None) -> str:
    """``fr_FR.UTF-8``, ``fr-CA``, ``FR`` -> ``fr``; unsupported or empty -> English."""
    if not value:
        return DEFAULT_LANG
    code = value.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGS else DEFAULT_LANG


def default_lang(env: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for (POSIX precedence), or English."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalize_lang(value)
    for part in (env.get("LANGUAGE") or "").split(":"):
        if part[:2].lower() in LANGS:
            return part[:2].lower()
    return DEFAULT_LANG


def has(key: str) -> bool:
    return key in catalogue()


def t(key: str, lang: str = DEFAULT_LANG, /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` (falling back to English, then to the key), formatted with fields."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANG) or key
    return text.format(**fields) if fields else text


def _filled(fields: Mapping[str, FieldValue], lang: str) -> dict[str, str]:
    """A note's or problem's fields as text in ``lang``: counts formatted for it, a missing value said so,
    a note inside a field said in ``lang`` too (several joined with "; ")."""
    out: dict[str, str] = {}
    for name, value in fields.items():
        if value is None:
            out[name] = t("meta.date_unknown", lang)
        elif isinstance(value, bool):
            out[name] = str(value)
        elif isinstance(value, int):
            out[name] = fmt_int(value, lang)
        elif isinstance(value, Note):
            out[name] = note_text(value, lang)
        elif isinstance(value, tuple):
            out[name] = joined((note_text(v, lang) for v in value), lang)
        else:
            out[name] = str(value)
    return out


def singular(count: int, lang: str = DEFAULT_LANG) -> bool:
    """Whether ``lang`` says ``count`` things in the singular: English for 1 only, French for 0 and 1."""
    return count in (0, 1) if lang == "fr" else count == 1


def note_text(note: Note, lang: str = DEFAULT_LANG) -> str:
    """A :class:`~exportscope.notes.Note` in ``lang`` (``note.<key>`` of the catalogue); a note with a count
    ``n`` uses ``note.<key>_one`` where the language says singular and the catalogue has it (as :func:`tn`)."""
    key = f"note.{note.key}"
    n = note.args.get("n")
    if isinstance(n, int) and singular(n, lang) and has(f"{key}_one"):
        key += "_one"
    return t(key, lang, **_filled(note.args, lang))


def notes_text(cell: str | None, lang: str = DEFAULT_LANG) -> str | None:
    """An item's notes (its ``note_key`` cell) in ``lang``, joined as the ``note`` column joins them."""
    found = notes_of(cell)
    return NOTE_SEP.join(note_text(n, lang) for n in found) if found else None


def problem_text(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """A :class:`~exportscope.notes.Problem` in ``lang`` (``problem.<code>``, ``problem.<code>_one`` for a
    singular count ``n`` as :func:`note_text`), with the library's own detail
    (never translated) where the template puts ``{detail}``, else after it; a failure after some items were
    read says how many (``items_read``: ``problem.items_read``)."""
    args = dict(problem.args)
    read = args.pop("items_read", None)
    key = f"problem.{problem.code}"
    n = args.get("n")
    if isinstance(n, int) and singular(n, lang) and has(f"{key}_one"):
        key += "_one"
    template = catalogue().get(key, {}).get(lang) or catalogue().get(key, {}).get(DEFAULT_LANG, "")
    text = t(key, lang, **_filled(args, lang), detail=problem.detail)
    if problem.detail and "{detail}" not in template:
        text += f": {problem.detail}"
    if isinstance(read, int):
        text += " " + t("problem.items_read", lang, n=fmt_int(read, lang))
    return text


def tn(key: str, count: int, lang: str = DEFAULT_LANG, /, **fields: Any) -> str:
    """``key`` for a count: ``key_one`` when the language says singular (en: 1; fr: 0 and 1) and it exists.

    ``{n}`` is filled with the count, formatted for the language, unless given.
    """
    use = f"{key}_one" if singular(count, lang) and has(f"{key}_one") else key
    fields.setdefault("n", fmt_int(count, lang))
    return t(use, lang, **fields)


def verdict_label(verdict: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"verdict.{verdict}", lang)


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    key = f"kind.{kind}"
    return t(key, lang) if has(key) else kind.replace("_", " ")


def region_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    if code is None:
        return t("report.region_unknown", lang)
    key = f"region.{code}"
    return t(key, lang) if has(key) else code


def policy_text(policy: str, field: str, lang: str, english: str) -> str:
    """A policy text (``setting_path``, ``extra_levers_0``...) in ``lang``; English is the quoted source."""
    if lang == DEFAULT_LANG:
        return english
    entry = catalogue().get(f"policy.{policy}.{field}")
    if entry is None or lang not in entry:
        return english
    return entry[lang]


@functools.cache
def _rule_texts() -> dict[str, dict[str, str]]:
    """English explanation of the rule data -> {language: text} (``locale/rules.toml``)."""
    data = load_toml(resources.files("exportscope") / "locale" / "rules.toml", "locale/rules.toml")
    return {str(e["en"]): {str(k): str(v) for k, v in e.items()} for e in data.get("text", [])}


def rule_text(english: str, lang: str) -> str:
    """One of exportscope's explanations from the rule data (a rule's ``why``) in ``lang``."""
    if lang == DEFAULT_LANG or not english:
        return english
    return _rule_texts().get(english, {}).get(lang, english)


def has_rule_text(english: str, lang: str) -> bool:
    return lang in _rule_texts().get(english, {})


def joined(parts: Iterable[str], lang: str = DEFAULT_LANG) -> str:
    """Clauses joined with a semicolon as ``lang`` writes it: ``a; b`` in English, ``a ; b`` in French
    (French typography puts a space before the semicolon, as before the colon)."""
    return t("meta.semicolon", lang).join(parts)


def fmt_int(n: int, lang: str = DEFAULT_LANG) -> str:
    """1234567 -> ``1,234,567`` (en) or ``1 234 567`` with narrow no-break spaces (fr)."""
    return f"{n:,}".replace(",", t("meta.thousands_sep", lang))


def fmt_date(value: date | str | None, lang: str = DEFAULT_LANG) -> str:
    """A date spelled out (``3 November 2025``, ``3 novembre 2025``); ISO text is accepted."""
    if value is None:
        return t("meta.unknown", lang)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    months = t("meta.months", lang).split()
    return t("meta.date_long", lang, day=value.day, month=months[value.month - 1], year=value.year)
