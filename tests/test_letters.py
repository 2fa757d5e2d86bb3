"""Objection letters (exportscope letter): golden letters for every platform, language and region group, the
article numbers and placeholders each must hold, no item text ever, escaping of the archive's values, the CLI.

Golden files live in ``tests/golden/letters/``; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 python -m pytest tests/test_letters.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from exportscope.actions import catalogue
from exportscope.actions.letter import Group, LetterRequest, build_letter
from exportscope.actions.letter_render import render_html, render_md, render_txt
from exportscope.actions.letterdata import load_letter_data
from exportscope.pipeline import Analysis, Options, analyze
from exportscope.samples import sample_paths
from tests.linkedin_helpers import PROFILE

GOLDEN = Path(__file__).parent / "golden" / "letters"
AS_OF = date(2026, 12, 3)
PLATFORMS = ("linkedin", "facebook", "instagram", "threads", "whatsapp", "x")
LANGS = catalogue.LETTER_LANGS
#: One region per group, named as a person would with --region.
REGIONS = {Group.GDPR: "france", Group.UK: "united kingdom", Group.CH: "switzerland", Group.PLAIN: "united states"}
REGION_CODES = {Group.GDPR: "eu", Group.UK: "uk", Group.CH: "ch", Group.PLAIN: "us"}

#: The article references each group's letter must hold (with --erase and --access), per language: the
#: objection, the erasure, the access request, the deadline and the complaint.
ARTICLES: dict[tuple[Group, str], tuple[str, ...]] = {
    (Group.GDPR, "en"): ("Article 6(1)(f)", "Article 21(1) GDPR", "Article 17(1)(c) GDPR", "Article 15 GDPR",
                         "Article 12(3) GDPR", "Article 77 GDPR", "Regulation (EU) 2016/679"),
    (Group.GDPR, "fr"): ("article 6, paragraphe 1, point f)", "article 21, paragraphe 1, du RGPD",
                         "article 17, paragraphe 1, point c), du RGPD", "article 15 du RGPD",
                         "article 12, paragraphe 3, du RGPD", "article 77 du RGPD", "règlement (UE) 2016/679"),
    (Group.GDPR, "de"): ("Art. 6 Abs. 1 Buchst. f", "Art. 21 Abs. 1 DSGVO", "Art. 17 Abs. 1 Buchst. c DSGVO",
                         "Art. 15 DSGVO", "Art. 12 Abs. 3 DSGVO", "Art. 77 DSGVO", "Verordnung (EU) 2016/679"),
    (Group.GDPR, "es"): ("artículo 6, apartado 1, letra f)", "artículo 21, apartado 1, del RGPD",
                         "artículo 17, apartado 1, letra c), del RGPD", "artículo 15 del RGPD",
                         "artículo 12, apartado 3, del RGPD", "artículo 77 del RGPD", "Reglamento (UE) 2016/679"),
    (Group.GDPR, "it"): ("articolo 6, paragrafo 1, lettera f)", "articolo 21, paragrafo 1, del RGPD",
                         "articolo 17, paragrafo 1, lettera c), del RGPD", "articolo 15 del RGPD",
                         "articolo 12, paragrafo 3, del RGPD", "articolo 77 del RGPD", "regolamento (UE) 2016/679"),
    (Group.UK, "en"): ("Article 6(1)(f) of the UK GDPR", "Article 21(1) UK GDPR", "Article 17(1)(c) UK GDPR",
                       "Article 15 UK GDPR", "Article 12(3) UK GDPR", "Article 77 UK GDPR", "Data Protection Act 2018"),
    (Group.UK, "fr"): ("article 21, paragraphe 1, du UK GDPR", "article 17, paragraphe 1, point c), du UK GDPR",
                       "article 15 du UK GDPR", "article 12, paragraphe 3, du UK GDPR", "article 77 du UK GDPR"),
    (Group.UK, "de"): ("Art. 21 Abs. 1 UK GDPR", "Art. 17 Abs. 1 Buchst. c UK GDPR", "Art. 15 UK GDPR",
                       "Art. 12 Abs. 3 UK GDPR", "Art. 77 UK GDPR"),
    (Group.UK, "es"): ("artículo 21, apartado 1, del UK GDPR", "artículo 17, apartado 1, letra c), del UK GDPR",
                       "artículo 15 del UK GDPR", "artículo 12, apartado 3, del UK GDPR", "artículo 77 del UK GDPR"),
    (Group.UK, "it"): ("articolo 21, paragrafo 1, del UK GDPR", "articolo 17, paragrafo 1, lettera c), del UK GDPR",
                       "articolo 15 del UK GDPR", "articolo 12, paragrafo 3, del UK GDPR", "articolo 77 del UK GDPR"),
    (Group.CH, "en"): ("Article 30(2)(b)", "Article 31 FADP", "Article 32(2)(c) FADP", "Article 25 FADP",
                       "Article 18(1)", "Article 49 FADP"),
    (Group.CH, "fr"): ("art. 30, al. 2, let. b", "art. 31 LPD", "art. 32, al. 2, let. c, LPD", "art. 25 LPD",
                       "art. 18, al. 1", "art. 49 LPD"),
    (Group.CH, "de"): ("Art. 30 Abs. 2 Bst. b", "Art. 31 DSG", "Art. 32 Abs. 2 Bst. c DSG", "Art. 25 DSG",
                       "Art. 18 Abs. 1", "Art. 49 DSG"),
    (Group.CH, "es"): ("artículo 30, apartado 2, letra b", "artículo 31 de la LPD", "artículo 32, apartado 2, letra c",
                       "artículo 25 de la LPD", "artículo 18, apartado 1", "artículo 49 de la LPD"),
    (Group.CH, "it"): ("art. 30 cpv. 2 lett. b", "art. 31 LPD", "art. 32 cpv. 2 lett. c LPD", "art. 25 LPD",
                       "art. 18 cpv. 1", "art. 49 LPD"),
}  # fmt: skip

#: Words that cite a law: a plain request (elsewhere) must hold none of them.
LEGAL = re.compile(r"GDPR|RGPD|DSGVO|FADP|\bLPD\b|\bDSG\b|\b(?:[Aa]rticle|artículo|articolo|Art\.|art\.)\s*\d")


@pytest.fixture(scope="module")
def analyses() -> dict[Group, Analysis]:
    """The bundled samples analysed once per region group."""
    from exportscope.rules import region_code

    return {
        g: analyze(sample_paths(), Options(as_of=AS_OF, region=region_code(place), workers=1))
        for g, place in REGIONS.items()
    }


def letter_md(analyses: dict[Group, Analysis], platform: str, lang: str, group: Group, **kw: Any) -> str:
    request = LetterRequest(platform, lang, erase=True, access=True, region=REGION_CODES[group],
                            place=REGIONS[group], **kw)  # fmt: skip
    return render_md(build_letter(analyses[group], request))


CASES = [(p, lang, g) for p in PLATFORMS for lang in LANGS for g in Group]


@pytest.mark.parametrize(("platform", "lang", "group"), CASES, ids=[f"{p}-{lang}-{g}" for p, lang, g in CASES])
def test_golden_letter(analyses: dict[Group, Analysis], platform: str, lang: str, group: Group) -> None:
    got = letter_md(analyses, platform, lang, group)
    path = GOLDEN / f"{platform}.{group}.{lang}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path.name} changed; UPDATE_GOLDEN=1 to accept"


@pytest.mark.parametrize(("platform", "lang", "group"), CASES, ids=[f"{p}-{lang}-{g}" for p, lang, g in CASES])
def test_letter_cites_its_articles_and_keeps_its_placeholders(
    analyses: dict[Group, Analysis], platform: str, lang: str, group: Group
) -> None:
    text = letter_md(analyses, platform, lang, group)
    body = text.split("\n---\n", 1)[1]
    if group is Group.PLAIN:
        assert not LEGAL.findall(body), "a plain request cites no law"
    else:
        missing = [a for a in ARTICLES[(group, lang)] if a not in body]
        assert not missing, f"missing article references: {missing}"
    t = lambda key: catalogue.text("letters", f"letter.common.{key}", lang)  # noqa: E731
    for placeholder in (t("situation"), t("signature"), t("place_date").split("]")[0] + "]"):
        assert placeholder in body
    assert t("draft").split("{")[0].strip() in text.split("\n---\n", 1)[0], "the letter says it is a draft"
    data = load_letter_data()
    assert data.controller_for(platform, REGION_CODES[group]).name in body
    if group is Group.GDPR:
        assert "Data Protection Commission" in body and "CNIL" in body  # the lead and the person's own authority
    if group is Group.UK:
        assert "https://ico.org.uk/make-a-complaint/" in body
    if group is Group.CH:
        assert "https://www.edoeb.admin.ch" in body


def test_without_erase_or_access_only_the_objection_is_cited(analyses: dict[Group, Analysis]) -> None:
    request = LetterRequest("linkedin", "en", region="eu", place="france")
    body = render_md(build_letter(analyses[Group.GDPR], request)).split("\n---\n", 1)[1]
    assert "Article 21(1) GDPR" in body and "Article 12(3) GDPR" in body
    assert "Article 17" not in body and "Article 15" not in body


def test_the_controller_depends_on_the_region(analyses: dict[Group, Analysis]) -> None:
    names = {
        g: build_letter(analyses[g], LetterRequest("facebook", "en", region=REGION_CODES[g])).controller.name
        for g in Group
    }
    assert names[Group.GDPR] == names[Group.CH] == "Meta Platforms Ireland Limited"
    assert names[Group.PLAIN] == "Meta Platforms, Inc."


def test_the_stake_is_counts_and_years_from_the_export(analyses: dict[Group, Analysis]) -> None:
    a = analyses[Group.GDPR]
    md = letter_md(analyses, "linkedin", "en", Group.GDPR)
    posts = a.items.filter((pl.col("platform") == "linkedin") & (pl.col("kind") == "post")
                           & pl.col("verdict").is_in(["training", "conditional"]))  # fmt: skip
    years = posts["timestamp"].dt.year()
    assert f"- Posts: {posts.height} (from {years.min()} to {years.max()})" in md
    assert "The copy of my data that you provided on 9 March 2026" in md


#: Kinds whose text is what a person wrote: none of it may reach a letter.
CONTENT_KINDS = ["message", "ai_chat", "post", "comment", "article", "story", "media", "recommendation"]


def test_no_letter_holds_the_text_of_any_item(analyses: dict[Group, Analysis]) -> None:
    for group, a in analyses.items():
        texts = {
            t.strip()
            for t in a.items.filter(pl.col("kind").is_in(CONTENT_KINDS))["text"].drop_nulls()
            if len(t.strip()) >= 10
        }
        messages = a.items.filter(pl.col("kind").is_in(["message", "ai_chat"]))["text"].drop_nulls()
        assert len(messages) > 10  # the samples do hold messages to leak
        for platform in PLATFORMS:
            for lang in LANGS:
                letter = build_letter(a, LetterRequest(platform, lang, erase=True, access=True,
                                                       region=REGION_CODES[group]))  # fmt: skip
                for out in (render_md(letter), render_txt(letter), render_html(letter)):
                    leaked = [t for t in texts if t in out]
                    assert not leaked, f"{platform}/{lang}/{group}: {leaked[:3]}"


def test_identifiers_come_from_the_export_or_are_placeholders(analyses: dict[Group, Analysis]) -> None:
    letter = build_letter(analyses[Group.GDPR], LetterRequest("linkedin", "fr", region="eu"))
    md = render_md(letter)
    assert "Camille Lefèvre" in md and "camille@example.fr" in md
    assert "[votre nom d'utilisateur ou l'URL de votre profil]" in md
    assert set(letter.missing) == {"username", "account_id"}


def test_archive_values_are_escaped_in_every_format(make_zip: Callable[..., Path]) -> None:
    profile = PROFILE.replace(b"Ada,Example", b"<b>Ada*</b>,[x](https://evil.example)")
    path = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": profile})
    a = analyze([path], Options(as_of=AS_OF, region="eu", workers=1))
    letter = build_letter(a, LetterRequest("linkedin", "en", region="eu"))
    html, md, txt = render_html(letter), render_md(letter), render_txt(letter)
    assert "<b>Ada" not in html and "&lt;b&gt;Ada*&lt;/b&gt;" in html
    assert 'href="https://evil.example"' not in html
    assert "\\[x\\]" in md and "&lt;b&gt;Ada\\*" in md
    assert "<b>Ada*</b> [x](https://evil.example)" in txt


def test_an_unknown_region_gives_a_plain_request_and_says_why(make_zip: Callable[..., Path]) -> None:
    path = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE})
    a = analyze([path], Options(as_of=AS_OF, workers=1))
    letter = build_letter(a, LetterRequest("linkedin", "en"))
    md = render_md(letter)
    assert letter.group is Group.PLAIN and "--region" in md.split("\n---\n")[0]
    assert not LEGAL.findall(md.split("\n---\n")[1])


def test_every_letter_key_has_every_language() -> None:
    for key, entry in catalogue.load("letters").items():
        assert set(entry) == set(LANGS), key
        fields = [sorted(re.findall(r"\{(\w+)\}", entry[lang])) for lang in LANGS]
        assert all(f == fields[0] for f in fields), f"{key}: fields differ between languages"


def test_every_fact_has_a_source_and_check_date() -> None:
    data = load_letter_data()
    sources = [c.source for c in data.controllers.values()] + [a.source for a in data.authorities.values()]
    sources += [f.source for p in data.platforms.values() for f in p.forms] + [data.lead.source]
    for s in sources:
        assert s.url.startswith("https://") and date.fromisoformat(s.checked) and s.how in ("recalled", "fetched")
    every_eea = {"at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it", "lv",
                 "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se", "is", "li", "no"}  # fmt: skip
    assert every_eea <= set(data.authorities)


def test_cli_writes_each_format_owner_only(cli: Callable[..., Any], tmp_path: Path) -> None:
    for suffix, marker in ((".md", "## "), (".txt", "====="), (".html", "<!DOCTYPE html>")):
        out = tmp_path / f"letter{suffix}"
        r = cli("letter", "instagram", "--demo", "-o", out, "--lang", "es", "--region", "spain", "--erase")
        assert r.exit_code == 0, r.stderr
        text = out.read_text(encoding="utf-8")
        assert marker in text and "artículo 17, apartado 1, letra c), del RGPD" in text and "AEPD" in text
        assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("letter", "myspace", "--demo", "-o", "x.md"), "unknown platform 'myspace'"),
        (("letter", "linkedin", "--demo", "-o", "x.md", "--lang", "pt"), "--lang 'pt': unsupported language"),
        (("letter", "linkedin", "--demo", "-o", "x.pdf"), "x.pdf: cannot tell the letter format; use a .md, .txt"),
    ],
)
def test_cli_refuses_bad_arguments_in_one_line(cli: Callable[..., Any], args: tuple[str, ...], message: str) -> None:
    r = cli(*args)
    assert r.exit_code == 2 and message in r.stderr and r.stderr.count("\n") == 1


def test_cli_refuses_a_platform_not_in_the_inputs(cli: Callable[..., Any], make_zip: Callable[..., Path]) -> None:
    path = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE})
    r = cli("letter", "facebook", path, "-o", path.parent / "x.md")
    assert r.exit_code == 2 and "no Facebook data among the inputs" in r.stderr
