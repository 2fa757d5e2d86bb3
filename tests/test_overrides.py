"""The overrides and policy notes of classification.md are never silent: every changed verdict carries its
reason in the items' ``note`` and in the summary's ``item_notes``; Meta AI chats carry the ads note where
and when it applies; an unknown region says that no start date was applied."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from exportscope.notes import Note

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
META_AI_CHAT = SAMPLES / "whatsapp" / "WhatsApp Chat with Meta AI.txt"
ADS_NOTE = "From 2025-12-16, outside the EU, UK and South Korea, chats with Meta AI also personalise ads"
PROFILE_16 = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Léa,Jeune,,,"Mar 7, 2010",Student,"Hello",Education,,"Lyon, France",,,\n'
).encode()


def _summary(cli, *args: object) -> dict:
    result = cli("summary", *args, "--json", "--no-findings")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("region", "as_of", "noted"),
    [(None, "2026-11-29", True), ("us", "2026-11-29", True), ("eu", "2026-11-29", False), ("us", "2025-12-15", False)],
)
def test_meta_ai_chats_carry_the_ads_note_where_and_when_it_applies(cli, region, as_of, noted) -> None:
    args = [META_AI_CHAT, "--as-of", as_of] + (["--region", region] if region else [])
    (wa,) = _summary(cli, *args)["platforms"]
    ai = next(k for k in wa["by_kind"] if k["kind"] == "ai_chat")
    notes = {n["note"]: n["items"] for n in wa["item_notes"]}
    if noted:
        assert [n for n in notes if n.startswith(ADS_NOTE)] and notes[next(iter(notes))] == ai["items"]
    else:
        assert notes == {}
    assert ai["verdict"] == "training"  # a note, never a verdict change


def test_under_18_reason_is_in_the_items_and_the_summary(make_zip, cli, tmp_path: Path) -> None:
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE_16})
    (li,) = _summary(cli, z, "--as-of", "2026-11-29")["platforms"]
    assert li["totals"]["training"] == 0
    # Each note is counted on its own: the headline and industry also say LinkedIn does not name them.
    assert [(n["key"], n["fields"], n["items"]) for n in li["item_notes"]] == [("under_18", {}, 6), ("inferred", {}, 2)]
    assert li["item_notes"][0]["note"] == "under-18 accounts are excluded"  # the English beside the key
    out = tmp_path / "items.csv"
    assert cli("items", z, "-o", out, "--as-of", "2026-11-29").exit_code == 0
    frame = pl.read_csv(out)
    assert frame.filter(pl.col("note").str.contains("under-18 accounts are excluded", literal=True)).height == 6
    text = cli("summary", z, "--as-of", "2026-11-29").stdout
    assert "note on 6 items: under-18 accounts are excluded" in text


def test_not_in_force_reason_names_the_date_and_region(make_zip, cli) -> None:
    profile = PROFILE_16.replace(b'"Mar 7, 2010"', b"Mar 7")
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": profile})
    (li,) = _summary(cli, z, "--as-of", "2025-10-01")["platforms"]
    assert [(n["key"], n["fields"], n["items"]) for n in li["item_notes"]] == [
        ("not_in_force", {"since": "2025-11-03", "region": "eu"}, 6),
        ("inferred", {}, 2),
    ]


def test_unknown_region_says_no_start_date_was_applied(make_zip, cli) -> None:
    profile = PROFILE_16.replace(b'"Lyon, France"', b"").replace(b'"Mar 7, 2010"', b"Mar 7")
    z = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": profile})
    (li,) = _summary(cli, z, "--as-of", "2024-01-01")["platforms"]
    assert li["region"] is None
    assert li["totals"]["training"] == 5  # no region: no start date applies, verdicts stay
    assert {"key": "region_unknown", "fields": {}} in li["note_keys"]


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("Berlin, Germany", "eu"),
        ("Greater Paris Metropolitan Region", "eu"),
        ("Lyon, Auvergne-Rhône-Alpes, France", "eu"),
        ("London, England, United Kingdom", "uk"),
        ("Zürich, Switzerland", "ch"),
        ("Toronto, Ontario, Canada", "ca"),
        ("San Francisco Bay Area", "us"),
        # A city name never outvotes the country or state written after it.
        ("Sydney, New South Wales, Australia", "other"),
        ("Dublin, Ohio", "us"),
        ("Berlin, New Hampshire", "us"),
        ("Wales, Wisconsin", "us"),
        ("North Korea", "other"),
        ("São Paulo, Brazil", "br"),
        ("Somewhere, Atlantis", None),
    ],
)
def test_region_from_a_location(location: str, region: str | None) -> None:
    from exportscope.rules import region_code

    assert region_code(location) == region


def test_region_option_takes_any_known_country(make_zip, cli) -> None:
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE_16.replace(b'"Mar 7, 2010"', b"")}
    )
    (li,) = _summary(cli, z, "--region", "Australia", "--as-of", "2024-10-01")["platforms"]
    assert (li["region"], li["region_source"], li["policy"]["in_force_since"]) == ("other", "option", "2024-09-18")


def test_a_french_report_shows_pipeline_and_item_notes_in_french(tmp_path: Path, cli) -> None:
    """Notes written by the pipeline come from catalogue templates, so a French report reads them in French."""
    out = tmp_path / "fr.md"
    linkedin_2024 = SAMPLES / "linkedin-2024"
    result = cli("report", *sorted(linkedin_2024.glob("*.zip")), "-o", out, "--lang", "fr", "--as-of", "2025-10-01")
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "n'ont été comptés qu'une fois" in text  # Basic and Complete share 4 files
    assert "Sur 23 éléments : règle en vigueur à partir du 2025-11-03 dans la région eu" in text
    assert "counted once" not in text and "policy in force from" not in text
    english = tmp_path / "en.md"
    cli("report", *sorted(linkedin_2024.glob("*.zip")), "-o", english, "--lang", "en", "--as-of", "2025-10-01")
    assert "On 23 items: policy in force from 2025-11-03 in region eu" in english.read_text(encoding="utf-8")


def test_a_note_is_said_in_french_from_its_key() -> None:
    from exportscope import i18n

    assert i18n.note_text(Note.of("under_18"), "fr") == "les comptes de moins de 18 ans sont exclus"
    since = Note.of("not_in_force", since="2025-11-03", region="eu")
    assert i18n.note_text(since, "fr") == "règle en vigueur à partir du 2025-11-03 dans la région eu"
