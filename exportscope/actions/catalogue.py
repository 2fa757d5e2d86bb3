"""The action catalogues: the letter templates (``locale/letters.toml``) and the comparison's words
(``locale/diff.toml``), kept apart from ``messages.toml`` because letters come in five languages and their
sentences are legal text reviewed on their own.

Same shape as the main catalogue: ``<table>.<key> = { en = "...", fr = "..." }``; a test checks that every key
has every language of its file, so a letter is never half-translated.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from exportscope import i18n

#: Languages of the letters (the GDPR's official text exists in each); the comparison uses the UI's two.
LETTER_LANGS: tuple[str, ...] = ("en", "fr", "de", "es", "it")
DIFF_LANGS: tuple[str, ...] = ("en", "fr")


@functools.cache
def load(name: str) -> dict[str, dict[str, str]]:
    """Every key of ``locale/<name>.toml`` -> {language: text}, plus each platform folder's own
    ``platforms/<family>/<name>.toml`` (a platform brings its letter words: what its policy trains on, what
    is uncertain)."""
    return i18n.load_catalogue(name, LETTER_LANGS if name == "letters" else DIFF_LANGS)


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
