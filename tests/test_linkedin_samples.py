"""The committed LinkedIn samples: exact counts per era, deterministic regeneration, rules, overrides."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from linkedin_helpers import items, run

from exportscope.archive import Member, Source
from exportscope.notes import Note
from exportscope.pipeline import Options, analyze
from exportscope.platforms import get

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
AS_OF = date(2026, 3, 10)
S2026 = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"

EXPECTED = {
    "linkedin-2018": {
        "era": "2018",
        "export_date": date(2018, 5, 14),
        "files": 23,
        "counts": {
            ("account", "not_used"): 4, ("ad_interest", "not_used"): 3, ("article", "training"): 1,
            ("cause", "training"): 2, ("connection", "not_used"): 2, ("contact", "not_used"): 1,
            ("invitation", "excluded"): 1, ("invitation", "not_used"): 1,
            ("education", "training"): 1, ("honor", "training"): 1, ("login", "not_used"): 2,
            ("media", "training"): 2, ("message", "excluded"): 3, ("position", "training"): 2,
            ("post", "training"): 2, ("profile", "not_used"): 4, ("profile", "training"): 6,
            ("project", "training"): 1, ("recommendation", "training"): 1, ("search", "not_used"): 2,
            ("security", "not_used"): 1, ("skill", "training"): 3,
        },
    },
    "linkedin-2024": {
        "era": "2024",
        "export_date": date(2024, 6, 11),
        "files": 33,
        "counts": {
            ("account", "not_used"): 3, ("ad_interest", "not_used"): 14, ("certification", "training"): 1,
            ("comment", "training"): 3, ("connection", "not_used"): 3, ("contact", "not_used"): 1,
            ("invitation", "not_used"): 1,
            ("education", "training"): 1, ("endorsement", "training"): 1, ("follow", "not_used"): 3,
            ("inference", "not_used"): 1, ("job_application", "not_used"): 1, ("screening_answer", "training"): 1,
            ("job_saved", "not_used"): 1, ("language", "training"): 1, ("learning", "not_used"): 2,
            ("login", "not_used"): 1, ("media", "training"): 1, ("message", "excluded"): 3,
            ("poll_vote", "training"): 1, ("position", "training"): 1, ("post", "training"): 3,
            ("profile", "not_used"): 1, ("profile", "training"): 6, ("reaction", "not_used"): 2,
            ("recommendation", "training"): 1, ("saved_item", "not_used"): 1, ("search", "not_used"): 1,
            ("skill", "training"): 2,
        },
    },
    "linkedin-2026": {
        "era": "2026",
        "export_date": date(2026, 3, 9),
        "files": 53,
        "counts": {
            ("account", "not_used"): 4, ("ad_click", "not_used"): 3, ("ad_interest", "not_used"): 8,
            ("ai_chat", "training"): 2, ("article", "not_used"): 1, ("article", "training"): 1,
            ("calendar", "not_used"): 1, ("comment", "training"): 4, ("connection", "not_used"): 3,
            ("invitation", "excluded"): 1, ("invitation", "not_used"): 1,
            ("contact", "not_used"): 1, ("education", "training"): 1, ("endorsement", "training"): 1,
            ("event", "not_used"): 1, ("follow", "not_used"): 3, ("honor", "training"): 1,
            ("inference", "not_used"): 1, ("job_application", "not_used"): 2, ("screening_answer", "training"): 2,
            ("job_saved", "not_used"): 2, ("language", "training"): 2, ("learning", "not_used"): 1,
            ("login", "not_used"): 1, ("media", "training"): 2, ("message", "excluded"): 4,
            ("note", "not_used"): 1, ("payment", "not_used"): 1, ("poll_vote", "training"): 1,
            ("position", "training"): 2, ("post", "training"): 3, ("profile", "not_used"): 2,
            ("profile", "training"): 8, ("publication", "training"): 1, ("reaction", "not_used"): 3,
            ("recommendation", "training"): 1, ("repost", "not_used"): 1, ("saved_item", "not_used"): 1,
            ("search", "not_used"): 1, ("security", "not_used"): 1, ("skill", "training"): 4,
            ("verification", "not_used"): 1, ("volunteering", "training"): 1,
        },
    },
}  # fmt: skip


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_sample_counts_per_kind_and_verdict(folder: str) -> None:
    want = EXPECTED[folder]
    a = analyze(sorted((SAMPLES / folder).glob("*.zip")), Options(as_of=AS_OF))
    counts = {(k, v): n for k, v, n in a.items.group_by("kind", "verdict").len().iter_rows()}
    assert counts == want["counts"]
    assert (a.exports[0].era, a.exports[0].export_date) == (want["era"], want["export_date"])
    assert len(a.ledger) == want["files"]
    odd = [(e.path, e.status.value, e.reason) for e in a.ledger if e.status.value != "parsed" or e.reason]
    assert odd == ([("Mystery_Feature.csv", "unrecognized", None)] if folder == "linkedin-2026" else [])


def test_2024_pair_keeps_the_complete_copy_of_repeated_profile_files() -> None:
    a = analyze(sorted((SAMPLES / "linkedin-2024").glob("*.zip")), Options(as_of=AS_OF))
    kept = {e.path for e in a.ledger}
    assert {"Profile.csv", "Positions.csv", "Education.csv", "Skills.csv"} <= kept
    assert a.notes == [Note.of("counted_once", label="LinkedIn", n=4)]
    assert [s.name for s in a.exports[0].sources] == [
        "Complete_LinkedInDataExport_06-11-2024.zip",
        "Basic_LinkedInDataExport_06-10-2024.zip",
    ]


def _load_generator():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SAMPLES))
    try:
        spec = importlib.util.spec_from_file_location("gen_linkedin_under_test", SAMPLES / "gen_linkedin.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SAMPLES))
    return module


def test_rules_cli_lists_every_linkedin_rule(cli, monkeypatch) -> None:
    ids = [r.id for r in get("linkedin").ruleset.rules]
    as_json = cli("rules", "linkedin", "--json")
    assert as_json.exit_code == 0
    assert [r["id"] for r in json.loads(as_json.stdout)] == ids
    monkeypatch.setenv("COLUMNS", "400")
    table = cli("rules", "linkedin")
    assert table.exit_code == 0
    # The table a person reads names every rule's files, never the rule ids (those are for --json).
    rules = get("linkedin").ruleset.rules
    assert [r.id for r in rules if (list(r.names) + list(r.paths))[0] not in table.stdout] == []
    assert [i for i in ids if i in table.stdout] == []


# Every file of linkedin.md maps to a rule (name variants of every era included).
DOCUMENTED = """Profile.csv; Profile Summary.csv; Positions.csv; Education.csv; Skills.csv; Languages.csv;
Certifications.csv; Projects.csv; Publications.csv; Honors.csv; Volunteering.csv; Courses.csv;
Causes You Care About.csv; Patents.csv;
TestScores.csv; Organizations.csv; Recommendations_Received.csv; Recommendations_Given.csv;
Endorsement_Received_Info.csv; Endorsement_Given_Info.csv; Rich_Media.csv; Rich Media.csv; Videos.csv;
Verifications/Verifications.csv; Private_identity_asset.csv; Shares_123.csv; Shares.csv; Comments_123.csv;
Reactions_1.csv; Votes_1.csv; InstantReposts_1.csv; Saved_Items_1.csv; saved_articles.csv; Events.csv; Learning.csv;
Articles/2018-01-01 10:00:00.html; Articles/Articles/é-slug.html; Connections.csv; Invitations.csv;
Company Follows.csv; Member_Follows_1.csv; Hashtag_Follows.csv; Contacts.csv; Imported Contacts.csv;
ImportedContacts.csv; Calendar.csv; Notes.csv; Services Marketplace/Providers.csv; messages.csv; Messages.csv;
guide_messages.csv; learning_coach_messages.csv; LearningCoachMessages.csv; learning_role_play_messages.csv;
coach_messages.csv; Jobs/Job Applications_1.csv; Jobs/Saved Jobs.csv; Jobs/Job Seeker Preferences.csv;
Jobs/Job Applicant Saved Answers.csv; Job Applicant Saved Screening Question Responses.csv; SavedJobAlerts.csv;
Email Addresses.csv; PhoneNumbers.csv; Phone Numbers.csv; Whatsapp Phone Numbers.csv; Registration.csv; Logins.csv;
Security Challenges.csv; Account Status History.csv; SearchQueries.csv; Search Queries.csv; Inferences_about_you.csv;
Ads Clicked.csv; LAN Ads Engagement.csv; Receipts_v2.csv; Receipts.csv; Ad_Targeting.csv; Ad Targeting.csv"""


def test_every_documented_file_maps_to_a_rule() -> None:
    platform = get("linkedin")
    src = Source(path=Path("x.zip"), kind="zip")
    names = [n.strip() for n in DOCUMENTED.replace("\n", " ").split(";")]
    missing = [n for n in names if platform.match(Member(path=n, source=src, size=0, compressed=0)) is None]
    assert missing == []
    assert len(names) == 78


# --- overrides on LinkedIn data -----------------------------------------------------------------------------


def test_policy_not_yet_in_force_in_the_eu(cli) -> None:
    a = analyze([S2026], Options(as_of=date(2025, 10, 1), region="eu"))
    frame = a.items
    assert frame.filter(frame["verdict"] == "training").height == 0
    moved = frame.filter(frame["note"].str.contains("policy in force", literal=True))
    assert {n for note in moved["note"] for n in note.split(" | ") if "policy" in n} == {
        "policy in force from 2025-11-03 in region eu"
    }
    assert moved.height == 37  # every item that was "training" on 2026-03-10
    assert set(moved["verdict"]) == {"not_used"}
    assert frame.filter(frame["verdict"] == "excluded").height == 5
    doc = json.loads(cli("summary", S2026, "--json", "--as-of", "2025-10-01", "--region", "eu").stdout)
    [p] = doc["platforms"]
    assert p["totals"] == {"training": 0, "conditional": 0, "excluded": 5, "not_used": 82}
    assert (p["region"], p["region_source"], p["policy"]["in_force_since"]) == ("eu", "option", "2025-11-03")


def test_profile_birth_date_with_a_year_makes_a_minor(make_zip) -> None:
    profile = (
        b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        b'Twitter Handles,Websites,Instant Messengers\nTeo,Young,,,"Mar 7, 2010",Student,,,,"Lyon, France",,,\n'
    )
    a = run(make_zip, {"Profile.csv": profile, "messages.csv": b"CONVERSATION ID,FROM,TO,DATE,CONTENT\nc,a,b,,hi\n"})
    assert a.contexts["linkedin"].birth == (2010, 3, 7)  # 16 on 2026-03-10
    rows = items(a, "Profile.csv")
    assert [(r["text"], r["verdict"], r["note"]) for r in rows] == [
        ("Teo", "not_used", "under-18 accounts are excluded"),
        ("Young", "not_used", "under-18 accounts are excluded"),
        ("Mar 7, 2010", "not_used", None),
        ("Student", "not_used", "not named in LinkedIn's list; inferred | under-18 accounts are excluded"),
        ("Lyon, France", "not_used", "under-18 accounts are excluded"),
    ]
    assert [r["verdict"] for r in items(a, "messages.csv")] == ["excluded"]


def test_opted_out_keeps_verdicts_and_says_so(cli) -> None:
    base = json.loads(cli("summary", S2026, "--json", "--as-of", "2026-03-10").stdout)["platforms"][0]
    out = cli("summary", S2026, "--json", "--as-of", "2026-03-10", "--opted-out", "linkedin")
    opted = json.loads(out.stdout)["platforms"][0]
    assert opted["totals"] == base["totals"] == {"training": 37, "conditional": 0, "excluded": 5, "not_used": 45}
    assert opted["by_kind"] == base["by_kind"]
    assert opted["opted_out"] is True
    assert opted["note_keys"] == [{"key": "opted_out", "fields": {}}] and len(opted["notes"]) == 1
    text = cli("summary", S2026, "--as-of", "2026-03-10", "--opted-out", "linkedin").stdout
    assert "excluded from future training; training already done is not undone" in " ".join(text.split())
