"""LinkedIn profile, network, account and ads files: the byte shapes of linkedin.md and what they parse to."""

from __future__ import annotations

from datetime import date

import pytest
from linkedin_helpers import PROFILE, items, ledger, run, texts, utc, utf16_tsv

from exportscope.notes import Note
from exportscope.pipeline import Options, analyze
from exportscope.platforms import get
from exportscope.platforms.linkedin import name_key
from exportscope.platforms.linkedin.csvread import rejoin_d6

CONN_HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    b"only see email addresses for connections who have allowed their connections to see or download their email "
    b"address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    b'https://www.linkedin.com/help/linkedin/answer/261"\n'
    b"\n"
)
CONN_ROWS = (
    b"Ada,Example,https://www.linkedin.com/in/ada-example,,Example Ltd,Engineer,20 Mar 2024\n,,,,,,07 Jun 2025\n"
)


# --- Connections --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("preamble", [PREAMBLE, b""], ids=["with-notes-preamble", "preamble-deleted"])
def test_connections_header_found_by_content(make_zip, preamble: bytes) -> None:
    a = run(make_zip, {"Connections.csv": preamble + CONN_HEADER + CONN_ROWS})
    rows = items(a, "Connections.csv")
    assert [r["text"] for r in rows] == ["Ada · Example · Example Ltd · Engineer", None]  # hidden profile: date only
    assert [r["timestamp"] for r in rows] == [utc(2024, 3, 20), utc(2025, 6, 7)]
    assert {(r["kind"], r["verdict"]) for r in rows} == {("connection", "not_used")}
    assert ledger(a, "Connections.csv") == ("parsed", None, 2)


def test_connections_header_only_and_pre_2023_without_url(make_zip) -> None:
    a = run(make_zip, {"Connections.csv": PREAMBLE + CONN_HEADER})
    assert ledger(a, "Connections.csv") == ("parsed", None, 0)
    old = b'First Name,Last Name,Email Address,Company,Position,Connected On\nDana,Roe,,X,Y,"6/1/15, 9:00 AM"\n'
    b = run(make_zip, {"Connections.csv": old})
    [row] = items(b, "Connections.csv")
    assert row["timestamp"] == utc(2015, 6, 1, 9)
    assert ledger(b, "Connections.csv") == ("parsed", None, 1)  # URL is optional: no drift reported


# --- Invitations and ads ------------------------------------------------------------------------------------


def test_invitations_with_and_without_a_message(make_zip) -> None:
    data = (
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        b'Camille,Emile,"11/30/25, 4:12 PM","Ravi de vous avoir rencontr\xc3\xa9 \xf0\x9f\x91\x8b",OUTGOING,https://a,https://b\n'
        b'Gus Ode,Camille,"12/1/25, 9:00 AM",,INCOMING,https://c,https://a\n'
        b'Old,Row,"1/9/18, 8:00 AM",   ,INCOMING\n'
    )
    a = run(make_zip, {"Invitations.csv": data})
    rows = items(a, "Invitations.csv")
    assert [(r["kind"], r["verdict"], r["rule"]) for r in rows] == [
        ("invitation", "excluded", "linkedin.invitations.with_message"),
        ("invitation", "not_used", "linkedin.invitations"),
        ("invitation", "not_used", "linkedin.invitations"),
    ]
    assert [r["text"] for r in rows] == ["Ravi de vous avoir rencontré 👋", "Gus Ode → Camille", "Old → Row"]
    assert rows[0]["timestamp"] == utc(2025, 11, 30, 16, 12)


def test_ad_targeting_duplicate_columns_read_by_position(make_zip) -> None:
    data = (
        b"Member Age,Company Names,Company Names,Job Titles,Member Skills,Job Titles,Job Titles\n"
        b'25 to 34,Acme SA,,Data Engineer,"Python;SQL;Polars",,Staff Engineer\n'
    )
    a = run(make_zip, {"Ad_Targeting.csv": data})
    assert texts(a, "Ad_Targeting.csv") == [
        "Member Age: 25 to 34",
        "Company Names: Acme SA",
        "Job Titles: Data Engineer",
        "Member Skills: Python;SQL;Polars",
        "Job Titles: Staff Engineer",
    ]
    assert {(r["kind"], r["verdict"]) for r in items(a, "Ad_Targeting.csv")} == {("ad_interest", "not_used")}


def test_ad_targeting_2018_utf16(make_zip) -> None:
    data = utf16_tsv([["Member Age", "Company Names"], ["25 to 34", "Sample Corp;Earlier Inc"]])
    a = run(make_zip, {"Ad Targeting.csv": data})
    assert texts(a, "Ad Targeting.csv") == ["Member Age: 25 to 34", "Company Names: Sample Corp;Earlier Inc"]


# --- Learning, Registration, Profile ------------------------------------------------------------------------


def test_learning_trailing_comma_crlf_with_bare_lf_inside_fields(make_zip) -> None:
    data = (
        b"Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),"
        b"Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),\r\n"
        b'"Polars","Fast.\nWith examples.","COURSE","2024-02-01 18:30 UTC","","false","My note:\nlazy rocks",\r\n'
        b'"SQL Tips","","VIDEO","2024-03-10 07:05 UTC","","true","",\r\n'
    )
    a = run(make_zip, {"Learning.csv": data})
    rows = items(a, "Learning.csv")
    assert [r["text"] for r in rows] == ["Polars · My note:\nlazy rocks", "SQL Tips"]
    assert [r["timestamp"] for r in rows] == [utc(2024, 2, 1, 18, 30), utc(2024, 3, 10, 7, 5)]
    assert ledger(a, "Learning.csv") == ("parsed", None, 2)  # the empty 8th header is no drift


def test_registration_unquoted_d6_date_is_rejoined(make_zip) -> None:
    data = (
        b"Registration Date,Registration IP Address,Invited by (First Name),Invited by (Last Name),Subscription Types\n"
        b"1/12/10, 9:14 AM,198.51.100.7,Jo,Smith,BASIC\n"
    )
    a = run(make_zip, {"Registration.csv": data})
    [row] = items(a, "Registration.csv")
    assert (row["timestamp"], row["text"]) == (utc(2010, 1, 12, 9, 14), "BASIC")
    assert rejoin_d6(["1/12/10", " 9:14 AM", "x"], 2) == ["1/12/10, 9:14 AM", "x"]
    assert rejoin_d6(["a", "b", ""], 2) == ["a", "b", ""]


def test_profile_2018_extra_columns_yearless_birth_date_and_excel_bom(make_zip) -> None:
    data = (
        "\ufeffFirst Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,Industry,"
        "Country,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Ben,Sample,,,Feb 29,Call me,Product manager,,Internet,fr,75001,,,,\n"
    ).encode()
    path = make_zip("Complete_LinkedInDataExport_05-14-2018.zip", {"Profile.csv": data})
    a = analyze([path], Options(as_of=date(2026, 3, 10)))
    rows = items(a, "Profile.csv")
    assert [(r["text"], r["rule"], r["verdict"]) for r in rows] == [
        ("Ben", "linkedin.profile.first_name", "training"),
        ("Sample", "linkedin.profile.last_name", "training"),
        ("Feb 29", "linkedin.profile.birth_date", "not_used"),
        ("Call me", "linkedin.profile.contact_instructions", "not_used"),
        ("Product manager", "linkedin.profile.headline", "training"),
        ("Internet", "linkedin.profile.industry", "training"),
        # 2018's Country is not among the fields LinkedIn lists for training: not used.
        ("fr", "linkedin.profile", "not_used"),
        ("75001", "linkedin.profile.zip_code", "not_used"),
    ]
    ctx = a.contexts["linkedin"]
    assert (ctx.birth, ctx.region, ctx.region_source) == ((None, 2, 29), "eu", "export")
    assert ledger(a, "Profile.csv") == ("parsed", None, 8)


# --- drift, names, parts, eras, merging ---------------------------------------------------------------------


def test_drift_reports_lost_and_new_columns(make_zip) -> None:
    data = b"Date,ShareLink,Commentary,SharedUrl,MediaUrl,Visibility,Audience\n2025-01-01 00:00:00,x,Hi,,,PUBLIC,All\n"
    a = run(make_zip, {"Shares.csv": data})
    assert ledger(a, "Shares.csv") == ("parsed", "columns changed: -ShareCommentary +Commentary +Audience", 1)


def test_name_keys_and_jobs_parts_read_together(make_zip) -> None:
    assert name_key("Comments_12345678.csv") == "comments"
    assert name_key("Rich Media.csv") == name_key("Rich_Media.csv") == "richmedia"
    assert name_key("learning_coach_messages.csv") == name_key("LearningCoachMessages.csv")
    header = JOB_APPLICATIONS_HEADER
    a = run(
        make_zip,
        {
            "Jobs/Job Applications_1.csv": header + b'"1/5/26, 10:00 AM",a@x,,Data Co,Lead,https://j/1,cv.pdf,\n',
            "Jobs/Job Applications_2.csv": header + b'"2/6/26, 11:00 AM",a@x,,Other,Architect,https://j/2,cv.pdf,\n',
        },
    )
    assert texts(a, "Jobs/Job Applications_1.csv") == ["Lead · Data Co"]
    assert texts(a, "Jobs/Job Applications_2.csv") == ["Architect · Other"]
    assert ledger(a, "Jobs/Job Applications_2.csv") == ("parsed", None, 1)


@pytest.mark.parametrize(
    ("paths", "era"),
    [
        (["Profile.csv", "Shares_1234.csv"], "2026"),
        (["Profile.csv", "Articles/Articles/a.html"], "2026"),
        (["Profile.csv", "Rich_Media.csv"], "2024-25"),
        (["Profile.csv", "Rich Media.csv"], "2024"),
        (["Profile.csv", "Messages.csv"], "2018"),
        (["Profile.csv", "Articles/2017-11-02 09:30:00.html"], "2018"),
        (["Profile.csv", "messages.csv", "Connections.csv"], "2019-23"),
    ],
)
def test_era_detection_by_file_names(paths: list[str], era: str) -> None:
    assert get("linkedin").era(paths) == era


def test_basic_and_complete_merge_counting_a_duplicate_once(make_zip) -> None:
    other = PROFILE.replace(b"Engineer", b"Old headline")  # the same person, a day earlier
    basic = make_zip("Basic_LinkedInDataExport_03-08-2026.zip", {"Profile.csv": other, "Skills.csv": b"Name\nSQL\n"})
    complete = make_zip("Complete_LinkedInDataExport_03-09-2026 (1).zip", {"Profile.csv": PROFILE})
    a = analyze([basic, complete], Options(as_of=date(2026, 3, 10)))
    assert texts(a, "Profile.csv") == ["Ada", "Example", "Engineer", "Software"]  # the Complete copy wins
    assert texts(a, "Skills.csv") == ["SQL"]
    assert a.exports[0].export_date == date(2026, 3, 9)
    assert a.notes == [Note.of("counted_once", label="LinkedIn", n=1)]


def test_broken_utf16_file_fails_alone_with_its_reason(make_zip) -> None:
    broken = b"\xff\xfe" + '"Time"\t"Search Query"\n'.encode("utf-16-le") + b"\x00\xd8\x41\x00" * 3
    a = run(make_zip, {"Search Queries.csv": broken, "Skills.csv": b"Name\nSQL\n"})
    status, reason, _ = ledger(a, "Search Queries.csv")
    assert status == "failed"
    assert reason == "not valid UTF-16 text; the file looks damaged"
    assert ledger(a, "Skills.csv") == ("parsed", None, 1)
    assert texts(a, "Skills.csv") == ["SQL"]


def test_uncertain_format_with_an_unexpected_header_is_still_read(make_zip) -> None:
    # Volunteering.csv's header is marked uncertain in linkedin.md: its rows are counted, the header flagged.
    a = run(make_zip, {"Volunteering.csv": b"Organization,Position,Area\nCode Club,Mentor,EDUCATION\n"})
    assert ledger(a, "Volunteering.csv") == (
        "parsed",
        "header not as documented (expected Role, Company Name, Cause, Description...); read by its own column names",
        1,
    )
    [row] = items(a, "Volunteering.csv")
    assert (row["kind"], row["verdict"], row["text"]) == ("volunteering", "training", None)


def test_wrapper_folder_and_double_zip_suffix(tmp_path, make_zip) -> None:
    wrapped = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip.zip",
        {
            "Complete_LinkedInDataExport_03-09-2026/Profile.csv": PROFILE,
            "Complete_LinkedInDataExport_03-09-2026/Jobs/Saved Jobs.csv": (
                b'Saved Date,Job Url,Job Title,Company Name\n"2/1/26, 8:00 AM",https://j/12,Data Engineer,Acme SA\n'
            ),
        },
    )
    a = analyze([wrapped], Options(as_of=date(2026, 3, 10)))
    assert a.exports[0].export_date == date(2026, 3, 9)
    assert texts(a, "Jobs/Saved Jobs.csv") == ["Data Engineer · Acme SA"]
    assert items(a, "Jobs/Saved Jobs.csv")[0]["timestamp"] == utc(2026, 2, 1, 8)


def test_an_older_export_of_the_account_is_listed_not_merged_and_complete_wins_over_basic(make_zip) -> None:
    old_profile = PROFILE.replace(b"Engineer", b"Student")
    older = make_zip(
        "Complete_LinkedInDataExport_05-14-2018.zip", {"Profile.csv": old_profile, "Skills.csv": b"Name\nC\n"}
    )
    basic = make_zip("Basic_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": old_profile})
    newer = make_zip("Complete_LinkedInDataExport_03-09-2026.zip", {"Profile.csv": PROFILE})
    a = analyze([older, basic, newer], Options(as_of=date(2026, 3, 10)))
    assert texts(a, "Profile.csv") == ["Ada", "Example", "Engineer", "Software"]
    assert [s.name for s in a.exports[0].sources] == [
        "Complete_LinkedInDataExport_03-09-2026.zip",
        "Basic_LinkedInDataExport_03-09-2026.zip",
    ]
    assert texts(a, "Skills.csv") == []  # the 2018 export is not counted...
    assert [(e.name, e.role.value, e.export_date) for e in a.export_entries] == [
        ("Complete_LinkedInDataExport_03-09-2026.zip", "analysed", date(2026, 3, 9)),
        ("Basic_LinkedInDataExport_03-09-2026.zip", "part", date(2026, 3, 9)),
        ("Complete_LinkedInDataExport_05-14-2018.zip", "older", date(2018, 5, 14)),  # ...but listed
    ]


JOB_APPLICATIONS_HEADER = (
    b"Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
    b"Question And Answers\n"
)


def test_a_broken_part_fails_alone_and_the_other_parts_count(make_zip) -> None:
    good = JOB_APPLICATIONS_HEADER + b"3/12/24, 11:20 AM,a@example.com,,Example Ltd,Data Engineer,https://x,,\n"
    a = run(make_zip, {"Jobs/Job Applications_1.csv": good, "Jobs/Job Applications_2.csv": b"\x00garbage"})
    assert ledger(a, "Jobs/Job Applications_1.csv") == ("parsed", None, 1)
    status, reason, items = ledger(a, "Jobs/Job Applications_2.csv")
    assert (status, items) == ("failed", 0)
    assert reason is not None and reason.startswith("no header")
