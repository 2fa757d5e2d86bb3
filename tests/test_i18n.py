"""The message catalogue: complete in every language, consistent with the policy data, locale-aware."""

from __future__ import annotations

import string
from datetime import date

import pytest

from exportscope import i18n
from exportscope.findings import FINDING_TYPES
from exportscope.model import KINDS, VERDICT_LABELS, Verdict, Visibility
from exportscope.policies import load_policies


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_every_language_with_the_same_fields() -> None:
    cat = i18n.catalogue()
    assert len(cat) > 200
    for key, entry in cat.items():
        assert set(entry) == set(i18n.LANGS), key
        assert all(v.strip() for v in entry.values()) or key == "meta.thousands_sep", key
        assert _fields(entry["en"]) == _fields(entry["fr"]), key


def test_catalogue_covers_verdicts_kinds_visibilities_findings() -> None:
    for v in Verdict:
        assert i18n.has(f"verdict.{v.value}") and i18n.has(f"verdict_short.{v.value}")
        assert i18n.verdict_label(v.value, "en") == VERDICT_LABELS[v]
    for k in KINDS:
        assert i18n.has(f"kind.{k}"), k
    for vis in Visibility:
        assert i18n.has(f"visibility.{vis.value}")
    for t in FINDING_TYPES:
        assert i18n.has(f"finding.{t}") and i18n.has(f"finding_why.{t}"), t


def test_every_policy_text_is_translated_and_english_matches_the_policy_data() -> None:
    cat = i18n.catalogue()
    for key, pol in load_policies().items():
        texts = {"setting": pol.setting, "setting_path": pol.setting_path, "opt_out_effect": pol.opt_out_effect}
        texts |= {f"extra_levers_{i}": s for i, s in enumerate(pol.extra_levers)}
        texts |= {f"notes_{i}": s for i, s in enumerate(pol.notes)}
        texts |= {f"region_{i}": r.note for i, r in enumerate(pol.regions) if r.note}
        for field_name, english in texts.items():
            entry = cat.get(f"policy.{key}.{field_name}")
            assert entry is not None, f"policy.{key}.{field_name} is missing"
            assert entry["en"] == english, f"policy.{key}.{field_name} drifted from policies.toml"
            assert i18n.policy_text(key, field_name, "fr", english) == entry["fr"] != english or key == "whatsapp"


def test_tui_strings_are_in_the_catalogue() -> None:
    for k in ("overview", "items", "files", "findings", "quit", "export_report", "opt_out", "redact_toggle"):
        assert i18n.t(f"tui.{k}", "fr") != f"tui.{k}"
    assert i18n.t("tui.report_saved", "fr", path="a.html") == "Rapport enregistré dans a.html"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE@euro", "LANG": "en_US"}, "fr"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "fr:en"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "POSIX"}, "en"),
        ({}, "en"),
    ],
)
def test_default_lang_from_the_locale(env: dict[str, str], lang: str) -> None:
    assert i18n.default_lang(env) == lang


def test_normalize_lang() -> None:
    assert [i18n.normalize_lang(x) for x in ("fr", "FR", "fr-CA", "fr_FR.UTF-8", "de", "", None)] == [
        "fr",
        "fr",
        "fr",
        "fr",
        "en",
        "en",
        "en",
    ]


def test_numbers_and_dates_per_language() -> None:
    assert i18n.fmt_int(1234567, "en") == "1,234,567"
    assert i18n.fmt_int(1234567, "fr") == "1\u202f234\u202f567"
    assert i18n.fmt_date(date(2025, 11, 3), "en") == "3 November 2025"
    assert i18n.fmt_date("2025-11-03", "fr") == "3 novembre 2025"
    assert i18n.fmt_date(None, "fr") == "inconnu"


def test_missing_key_and_missing_language_fall_back() -> None:
    assert i18n.t("no.such.key", "fr") == "no.such.key"
    assert i18n.t("verdict.training", "xx") == "Used for AI training"
    assert i18n.kind_label("brand_new_kind", "fr") == "brand new kind"
    assert i18n.region_label(None, "fr") == "inconnue"


def test_no_message_leaves_its_plural_to_the_reader() -> None:
    """A count agrees with its noun ("1 file was", "2 files were"): no "file(s)" in any language; a message
    with a singular form keeps the same fields as its plural one."""
    lazy = {key: lang for key, entry in i18n.catalogue().items() for lang, text in entry.items() if "(s)" in text}
    assert lazy == {}
    for key, entry in i18n.catalogue().items():
        if key.endswith("_one") and (plural := i18n.catalogue().get(key[: -len("_one")])):
            for lang, text in entry.items():
                assert _fields(text) == _fields(plural[lang]), (key, lang)


@pytest.mark.parametrize(
    ("n", "lang", "said"),
    [
        (1, "en", "1 line before the first message was not part of any message"),
        (2, "en", "2 lines before the first message were not part of any message"),
        (0, "en", "0 lines before the first message were not part of any message"),
        (0, "fr", "0 ligne avant le premier message ne faisait partie d'aucun message"),
        (1500, "fr", "1\u202f500 lignes avant le premier message ne faisaient partie d'aucun message"),
    ],
)
def test_notes_and_problems_agree_with_their_count(n: int, lang: str, said: str) -> None:
    from exportscope.notes import Note, Problem

    assert i18n.problem_text(Problem.of("preamble", n=n), lang) == said
    note = i18n.note_text(Note.of("x_duplicate_posts", n=n), lang)
    assert ("counted once" if lang == "en" else "compté") in note
    assert (" posts " in note or " post " in note) and ("(s)" not in note)
    assert (" post " in note) == i18n.singular(n, lang)
