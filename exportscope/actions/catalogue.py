"""The action catalogues: the letter templates (``locale/letters.toml``) and the comparison's words
(``locale/diff.toml``), kept apart from ``messages.toml`` because letters come in five languages and their
sentences are legal text reviewed on their own.

Same shape as the main catalogue: ``<table>.<key> = { en = "...", fr = "..." }``; a test checks that every key
has every language of its file, so a letter is never half-translated.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

from exportscope.i18n import CatalogueError

#: Languages of the letters (the GDPR's official text exists in each); the comparison uses the UI's two.
LETTER_LANGS: tuple[str, ...] = ("en", "fr", "de", "es", "it")
DIFF_LANGS: tuple[str, ...] = ("en", "fr")


def _flatten(
    name: str, prefix: str, table: Mapping[str, Any], langs: tuple[str, ...], out: dict[str, dict[str, str]]
) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if not isinstance(value, Mapping):
            raise CatalogueError(f"locale/{name}.toml: {full} is not a table of languages")
        if any(lang in value for lang in langs) and all(isinstance(v, str) for v in value.values()):
            out[full] = {str(k): str(v) for k, v in value.items()}
        else:
            _flatten(name, full, value, langs, out)


@functools.cache
def load(name: str) -> dict[str, dict[str, str]]:
    """Every key of ``locale/<name>.toml`` -> {language: text}."""
    langs = LETTER_LANGS if name == "letters" else DIFF_LANGS
    ref = resources.files("exportscope") / "locale" / f"{name}.toml"
    try:
        data = tomllib.loads(ref.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"locale/{name}.toml: {exc}") from exc
    out: dict[str, dict[str, str]] = {}
    _flatten(name, "", data, langs, out)
    return out


def text(name: str, key: str, lang: str, /, **fields: Any) -> str:
    """The template ``key`` of catalogue ``name`` in ``lang`` (English if missing), formatted with fields.

    A missing key is a bug in exportscope, not a person's problem: it raises so the tests catch it.
    """
    entry = load(name).get(key)
    if entry is None:
        raise KeyError(f"locale/{name}.toml has no {key}")
    template = entry.get(lang) or entry["en"]
    return template.format(**fields) if fields else template


def has(name: str, key: str) -> bool:
    return key in load(name)


def default_letter_lang(env: Mapping[str, str] | None = None) -> str:
    """The letter language the locale asks for (``de_CH.UTF-8`` -> ``de``), or English."""
    import os

    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        code = (env.get(var) or "").split(":")[0][:2].lower()
        if code in LETTER_LANGS:
            return code
    return "en"
