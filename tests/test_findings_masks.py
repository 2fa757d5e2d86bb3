"""The column masks of the text findings never lose a finding: every text, both ways, every finding compared.

Each detector run alone on a text it finds something in must have its mask keep that text, and
:func:`text_spans` restricted to the kept detectors must give exactly what the full per-row run gives. The
texts are realistic (posts, comments, messages as exports hold them) and adversarial (Unicode digits, NBSP,
information separators, accents decomposed and not, mojibake, ligatures and other letters whose case
folding is not their lower case, URLs with ``@``, digit runs that look like phones but are not), and a
seeded mix of all of those pieces.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import polars as pl
import pytest
import report_fixture as fx

from exportscope import findings
from exportscope.findings import masks, text_spans
from exportscope.findings.masks import DETECTORS, candidates
from exportscope.findings.text import (
    FR_STREET,
    NameIndex,
    Span,
    birth_dates,
    emails,
    mentions,
    phones,
    street_addresses,
)
from exportscope.pipeline import Options, analyze

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = (None, "FR", "US", "GB", "DE", "IN")
NAMES = NameIndex(
    [
        "Jean-Pierre Dupont",
        "Ada Lovelace",
        "Élodie Durand",
        "Fiona Strauss",
        "Ståle Solbakken",
        "Σοφία Παπαδοπούλου",
        "Kevin O'Brien",
        "Ian Wright",
    ],
    exclude=["Jane Doe"],
)

REALISTIC = [
    "call me on +33 6 12 34 56 78",
    "Appelez-moi au 06 12 34 56 78 demain",
    "US office: (415) 555-2671, ext. 12",
    "mail ada@example.org",
    "Write to zoe.dupont+cv@example.fr, or (ben_sample@mail.example.co.uk).",
    "hi @jane_doe and @ben.sample!",
    "born on 7 March 1990",
    "Née le 12/04/1988 à Lyon",
    "Date de naissance : 3 janvier 1975",
    "Geboren am 01.02.1980 in Köln",
    "I was born in 1992, DOB: 1992-05-17",
    "12 rue de la Paix, 75002 Paris",
    "3 bis avenue Foch",
    "221B Baker Street, London",
    "1600 Pennsylvania Avenue NW",
    "Hauptstraße 5, 10115 Berlin",
    "Kerkstraat 12, Amsterdam",
    "Via Roma 3, Milano",
    "Calle Mayor 7, Madrid",
    "Great talk by Jean-Pierre Dupont and Ada Lovelace at the meetup",
    "Merci à élodie durand pour l'invitation",
    "thanks to ADA LOVELACE",
    "Congrats Kevin O'Brien on the new role!",
    "nothing to see here, café",
    "Excited to share that I started a new position as Data Engineer at Example Corp",
    "The 2024 report is out: https://example.com/report/2024/09/12345678901",
    "Meeting at 10:30 on 2024-03-09 in room 4",
    "Order #123456789 shipped",
    "ISBN 978-3-16-148410-0",
    "v1.2.3.4.5.6.7.8",
    "Invoice 2023-000123-45",
    "urn:li:activity:7123456789012345678",
    "lnkd.in/4152738190 and www.example.com/p/0612345678",
    "see icon@2x.png and logo@3x.jpg",
    "user@localhost has no domain",
    "https://user:pa55@example.com/path?x=1",
    "mailto:someone@example.co.uk?subject=hi",
    "@",
    "",
    "1",
]

ADVERSARIAL = [
    "call ٠٦١٢٣٤٥٦٧٨ please",  # Arabic-Indic digits
    "call ０６ １２ ３４ ５６ ７８",  # fullwidth digits
    "phone०६१२३४५६७८",  # Devanagari digits
    "tel\xa006\xa012\xa034\xa056\xa078",  # NBSP
    "tel\u202f06\u202f12\u202f34\u202f56\u202f78",  # narrow NBSP
    "12\x1crue\x1cde la Paix",  # information separators: whitespace to Python's re
    "221\x1fBaker\x1fStreet",
    "born\x1eon\x1d7 March 1990",
    "Nee le 1/2/1990",
    "NE\u0301E LE 1/2/1990",  # decomposed accent
    "nÃ©e le 12/04/1988",  # mojibake of née
    "Ã‰lodie Durand a Ã©crit",  # mojibake of Élodie
    "ﬁona Strauss was here",  # a ligature whose case folding is "fi"
    "FIONA STRAUß and fiona strauss",
    "STÅLE SOLBAKKEN",
    "ΣΟΦΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ",  # final sigma: lower() and casefold() differ
    "σοφία παπαδοπούλου",
    "\u212aevin O'Brien (Kelvin sign K)",
    "İan Wright",  # dotted capital I: lower() is two characters
    "BİRTHDAY is 1 May 1990",
    "BORN ON 7 MARCH 1990",
    "Date of Birth: 1990-03-07",
    "ſtreet 12 and Baker ſtreet",  # long s
    "12 RUE DE LA PAIX",
    "3 İmpasse Mozart",  # Python's re.IGNORECASE reads İ and ı as i
    "3 ımpasse Mozart",
    "4 CHEMİN du Lac",
    "12 paſſage Vivienne",
    "12 ＲＵＥ de la Paix",
    "mail adа@exаmple.org",  # Cyrillic a: not an address
    "x@y.z and a@b.cd",
    "ä@example.com",
    "_@example.com",
    "%@example.io",
    "email@example.c0m",
    "@@jane @jane@ x@ @_ @.",
    "‪+44 20 7946 0958‬",  # bidi marks around a number
    "+1-202-555-0143",
    "+1 (202) 555\u20110143",  # non-breaking hyphen
    "0033612345678",
    "06.12.34.56.78",
    "3.14159265358979",
    "12 345 678 901 234 567",
    "1 2 3 4 5 6 7",
    "1a2b3c4d5e6f7",
    "1abcd2abcd3",
    "²³¹⁴⁵⁶⁷⁸⁹",  # superscripts: digits to str.isdigit(), not to \d
    "Ⅻ Ⅳ Ⅸ",
    "🎉🎉 Congrats Ada Lovelace!! 🎂 born on 7 March 1990",
    "\u200bAda\u200b Lovelace",
    "Ada  Lovelace",
    "Ada\nLovelace",
    "Jean-Pierre\u00a0Dupont",
]

FRAGMENTS = [
    *REALISTIC,
    *ADVERSARIAL,
    "06",
    "12",
    "34 56",
    "78",
    "+",
    "(",
    ")",
    "-",
    ".",
    " ",
    "\xa0",
    "\x1c",
    "@",
    "@ada",
    "example.com",
    "born",
    "née le",
    "rue",
    "Street",
    "Baker",
    "ada",
    "Lovelace",
    "ﬁona",
    "ß",
    "İ",
    "Σ",
    "٣",
    "７",
    "é",
    "e\u0301",
    "Ã©",
    "https://t.co/",
]


def _mixed(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(FRAGMENTS) + rng.choice(["", " ", "", ", "]) for _ in range(rng.randint(1, 6)))
        for _ in range(n)
    ]


TEXTS = REALISTIC + ADVERSARIAL + _mixed(2000, 19)


def _alone(detector: str, text: str, country: str | None, names: NameIndex) -> list[Span]:
    if detector == "email":
        return emails(text)
    if detector == "phone":
        return phones(text, country)
    if detector == "street_address":
        return street_addresses(text)
    if detector == "birth_date":
        return birth_dates(text)
    return mentions(text) + names.find(text)


@pytest.mark.parametrize("names", [NAMES, NameIndex([])], ids=["names", "no-names"])
def test_every_mask_keeps_every_text_its_detector_finds_something_in(names: NameIndex) -> None:
    flags = candidates(pl.Series(TEXTS, dtype=pl.String), names).rows()
    lost = [
        (d, text, country)
        for text, row in zip(TEXTS, flags, strict=True)
        for d, kept in zip(DETECTORS, row, strict=True)
        if not kept
        for country in (COUNTRIES if d == "phone" else (None,))
        if _alone(d, text, country, names)
    ]
    assert lost == []


@pytest.mark.parametrize("names", [NAMES, NameIndex([])], ids=["names", "no-names"])
def test_text_spans_on_the_kept_detectors_equals_the_full_run(names: NameIndex) -> None:
    flags = candidates(pl.Series(TEXTS, dtype=pl.String), names).rows()
    found_any = 0
    for text, row in zip(TEXTS, flags, strict=True):
        only = [d for d, kept in zip(DETECTORS, row, strict=True) if kept]
        for country in (None, "FR", "US"):
            full = text_spans(text, country, names)
            assert text_spans(text, country, names, only) == full, (text, country)
            found_any += bool(full)
    assert found_any > 1000  # the corpus does exercise the detectors


def test_the_masks_drop_texts_without_a_cue() -> None:
    """Not keep-everything: plain prose (with accents, emoji, words near the cues) reaches no detector."""
    texts = [
        "nothing to see here, café",
        "Excited to share my new role at Example Corp 🎉",
        "Stanford and Drexel alumni meetup on the Avenue",
        "the 3 reasons we moved",
        "born to run",
        "Adam Smith and Jeanne d'Arc",
    ]
    flags = candidates(pl.Series(texts), NAMES)
    assert flags.select(pl.any_horizontal(*DETECTORS)).to_series().to_list() == [False] * len(texts)
    # The same prose with one cue each is kept, for that detector alone.
    kept = candidates(pl.Series(["Thanks Ada Lovelace", "on 06 12 34 56 78", "@ada"]), NAMES)
    assert kept.rows() == [
        (False, False, False, False, True),
        (False, True, False, False, False),
        (False, False, False, False, True),
    ]


def test_the_digit_gated_masks_equal_the_scans_of_every_text() -> None:
    """The phone and street scans run only on texts holding a digit (issue 19): the same masks as scanning
    every text, on the corpus with and without digits, and on texts with no digit at all."""
    for texts in (TEXTS, [t for t in TEXTS if not re.search(r"\d", t)], [t for t in TEXTS if re.search(r"\d", t)]):
        column = pl.Series(texts)
        flags = candidates(column, NAMES)
        digit = column.str.contains(masks.DIGIT)
        assert flags.get_column("phone").to_list() == column.str.contains(masks.PHONE).to_list()
        assert flags.get_column("street_address").to_list() == (digit & column.str.contains(masks.STREET)).to_list()
    assert sum(1 for t in TEXTS if re.search(r"\d", t)) > 100 and sum(1 for t in TEXTS if not re.search(r"\d", t)) > 100


def test_the_pattern_classes_hold_pythons_for_every_code_point() -> None:
    """Where the masks rely on a class meaning at least what Python's does, checked over all of Unicode."""
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF]
    series = pl.Series(chars)
    pairs = ((r"\s", masks._WS), (r"\d", r"\d"), (r"[\w'’.-]", r"\S"), (r"[^\w]|[\d_]", masks._letter_edge()))
    for python, polars in pairs:
        ours = re.compile(python)
        theirs = series.str.contains(f"^{polars}$").to_list()
        missed = [c for c, t in zip(chars, theirs, strict=True) if ours.fullmatch(c) and not t]
        assert missed == [], (python, [hex(ord(c)) for c in missed[:10]])


def test_the_case_insensitive_words_hold_pythons_for_every_code_point() -> None:
    """Every character Python's ``re.IGNORECASE`` matches to a letter of a street word, polars' mask does."""
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF]
    series = pl.Series(chars)
    for letter in sorted(set(FR_STREET) - set(r"|\.")):
        python = re.compile(re.escape(letter), re.I)
        ours = set(series.filter(series.str.contains(f"^(?i:{masks.insensitive(letter)})$")).to_list())
        assert [c for c in chars if python.fullmatch(c) and c not in ours] == [], letter


def _both_ways(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[object, object]:
    """The findings with the masks, then with every mask keeping every text (the per-row run on all)."""
    analysis = analyze([path], Options(as_of=fx.AS_OF))
    masked = findings.find(analysis, media=False)
    with monkeypatch.context() as m:
        m.setattr(masks, "candidates", lambda texts, names: pl.DataFrame({d: [True] * texts.len() for d in DETECTORS}))
        return masked, findings.find(analysis, media=False)


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def test_findings_of_an_export_are_the_same_with_and_without_masks(
    monkeypatch: pytest.MonkeyPatch,
    make_zip,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """A LinkedIn export whose posts are the corpus and whose connections are the known names (so the
    name mask is used), the fixture archive, and the X sample: every finding, example and count alike."""
    shares = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n" + "".join(
        f"2026-03-01 09:00:00,https://www.linkedin.com/feed/update/{i},{_csv(t)},,,PUBLIC\n"
        for i, t in enumerate(t for t in TEXTS if "\x00" not in t)
    )
    people = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(
        f"{_csv(n.split()[0])},{_csv(n.split(maxsplit=1)[1])},,,Example,Engineer,20 Mar 2024\n"
        for n in NAMES.names.values()
    )
    corpus = make_zip(
        "Complete_LinkedInDataExport_11-20-2026.zip",
        {"Profile.csv": fx.PROFILE, "Shares.csv": shares, "Connections.csv": people},
    )
    (tmp_path / "fixture").mkdir()
    types = []
    for path in (corpus, fx.build(tmp_path / "fixture"), ROOT / "sample_exports" / "x-2025"):
        masked, unmasked = _both_ways(monkeypatch, path)
        assert masked == unmasked
        types.append({f["type"] for f in masked})  # type: ignore[index]
    # Each holds text findings, the corpus of every text type.
    assert types[0] >= {"email", "phone", "street_address", "birth_date", "person"}
    assert types[1] and types[2]
