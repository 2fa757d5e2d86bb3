"""The rows of the rule book corrected on 2026-12-03 (classification.md, checked against the primary texts),
one test per row at least: Meta regions (Switzerland, UK, Brazil), always-public profile fields, Instagram
comments and stories, minors' Meta AI chats, the objection and AI chats, @Meta AI heuristics, WhatsApp levers,
LinkedIn's fields, media, screening answers, 2024 windows, messages and Microsoft, regions from locations,
the "posted while under 18" finding, the "why" people read and the sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from exportscope import i18n
from exportscope.explain import explain, why_lines
from exportscope.rules import load_first_dates, load_policies, load_rules, load_sources, region_code
from tests.linkedin_helpers import items
from tests.linkedin_helpers import run as li_run
from tests.metakit import mj, rows, run

YFA = "your_facebook_activity"
YIA = "your_instagram_activity"
CHECKED = "2026-12-03"


def _fb(make_zip, jurisdiction: str | None = None, birthday: dict[str, int] | None = None) -> Path:
    profile: dict[str, object] = {
        "name": {"full_name": "Jeanne"},
        "username": "jeanne.d",
        "emails": {"emails": ["j@x.org"]},
    }
    if birthday:
        profile["birthday"] = birthday
    members = {
        f"{YFA}/posts/your_posts_1.json": mj([{"timestamp": 1700000000, "data": [{"post": "Bonjour"}]}]),
        f"{YFA}/posts/album/0.json": mj({"name": "Profile pictures", "photos": [{"uri": f"{YFA}/posts/media/p.jpg"}]}),
        f"{YFA}/stories/archived_stories.json": mj({"archived_stories_v2": [{"timestamp": 1700000000, "title": "s"}]}),
        "personal_information/profile_information/profile_information.json": mj({"profile_v2": profile}),
        f"{YFA}/messages/ai_conversations.json": mj(
            [{"timestamp": 1700000000, "label_values": [{"label": "Message", "value": "hello Meta AI"}]}]
        ),
        f"{YFA}/messages/inbox/group_1/message_1.json": mj(
            {
                "participants": [{"name": "Jeanne"}, {"name": "Ben"}, {"name": "Ana"}],
                "messages": [
                    {"sender_name": "Ben", "timestamp_ms": 1700000300000, "content": "@Meta AI where should we eat?"},
                    {"sender_name": "Meta AI", "timestamp_ms": 1700000200000, "content": "Try the café."},
                    {"sender_name": "Ana", "timestamp_ms": 1700000100000, "content": "See you"},
                ],
            }
        ),
    }
    if jurisdiction:
        members["logged_information/location/your_privacy_jurisdiction.json"] = mj(
            [{"timestamp": 1, "label_values": [{"label": "Jurisdiction", "value": jurisdiction}]}]
        )
    return make_zip("facebook-jdoe-2025-11-20-AbCdEfGh.zip", members)


# --- Meta regions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "verdict"), [(date(2025, 5, 26), "not_used"), (date(2025, 5, 27), "training")])
def test_a_swiss_facebook_export_before_and_after_2025_05_27(make_zip, as_of: date, verdict: str) -> None:
    a = run(_fb(make_zip, jurisdiction="Switzerland"), as_of=as_of)
    assert a.contexts["facebook"].region == "ch"
    name = next(r for r in rows(a, "facebook.profile") if r["text"] == "Jeanne")
    assert name["verdict"] == verdict
    if verdict == "not_used":
        assert name["note"] == "policy in force from 2025-05-27 in region ch"
    row = load_policies()["meta"].for_region("ch")
    assert row is not None and row.opt_out == "objection form" and row.in_force_since == date(2025, 5, 27)


def test_meta_uk_from_2024_09_16_and_brazil_with_an_objection_form() -> None:
    meta = load_policies()["meta"]
    uk, br = meta.for_region("uk"), meta.for_region("br")
    assert uk is not None and uk.in_force_since == date(2024, 9, 16) and uk.opt_out == "objection form"
    assert br is not None and br.opt_out == "objection form" and "under 18" in br.note
    assert not any("2007" in r.note for r in meta.regions)
    assert any("help.instagram.com/contact/767264225370182" in lever for lever in meta.extra_levers)


# --- always public, whatever the account's privacy ------------------------------------------------------------


def test_facebook_name_username_and_profile_picture_are_always_public(make_zip) -> None:
    a = run(_fb(make_zip, jurisdiction="France"))
    profile = {r["text"]: (r["verdict"], r["visibility"]) for r in rows(a, "facebook.profile")}
    assert profile["Jeanne"] == profile["jeanne.d"] == ("training", "public")
    assert profile["j@x.org"] == ("not_used", "private")
    (picture,) = rows(a, "facebook.albums")
    assert (picture["kind"], picture["verdict"], picture["visibility"]) == ("media", "training", "public")
    assert [r["verdict"] for r in rows(a, "facebook.posts")] == ["conditional"]  # posts: audience unknown
    (story,) = rows(a, "facebook.stories")
    assert story["verdict"] == "conditional"


def _ig(make_zip, private: str | None, owner: str = "jdoe") -> Path:
    smd: dict[str, object] = {"Name": {"value": "Jeanne"}, "Username": {"value": "jdoe"}, "Bio": {"value": "hi"}}
    if private is not None:
        smd["Private Account"] = {"value": private}
    return make_zip(
        "instagram-jdoe-2025-11-20-AbCdEfGh.zip",
        {
            "personal_information/personal_information/personal_information.json": mj(
                {"profile_user": [{"string_map_data": smd, "media_map_data": {"Profile Photo": {"uri": "m/p.jpg"}}}]}
            ),
            f"{YIA}/comments/post_comments_1.json": mj(
                [
                    {"string_map_data": {"Comment": {"value": "mine"}, "Media Owner": {"value": owner}}},
                    {"string_map_data": {"Comment": {"value": "theirs"}, "Media Owner": {"value": "ben"}}},
                ]
            ),
            f"{YIA}/media/stories.json": mj({"ig_stories": [{"uri": "m/s.jpg", "creation_timestamp": 1700000000}]}),
            f"{YIA}/media/posts_1.json": mj([{"title": "p", "creation_timestamp": 1700000000, "media": []}]),
        },
    )


def test_a_private_instagram_accounts_username_and_profile_photo_are_training(make_zip) -> None:
    a = run(_ig(make_zip, "True"), region="eu")
    profile = {r["text"]: r["verdict"] for r in rows(a, "instagram.profile") if r["kind"] == "profile"}
    assert profile == {"Jeanne": "training", "jdoe": "training", "hi": "not_used"}
    photo = [r for r in rows(a, "instagram.profile") if r["kind"] == "media"]
    assert [(p["verdict"], p["visibility"]) for p in photo] == [("training", "public")]
    assert [r["verdict"] for r in rows(a, "instagram.posts")] == ["not_used"]


@pytest.mark.parametrize(
    ("private", "mine", "theirs", "story"),
    [("False", "training", "conditional", "training"), ("True", "conditional", "conditional", "not_used"),
     (None, "conditional", "conditional", "conditional")],
)  # fmt: skip
def test_instagram_comments_and_stories_follow_the_rule_book(make_zip, private, mine, theirs, story) -> None:
    a = run(_ig(make_zip, private), region="eu")
    comments = {r["text"]: r["verdict"] for r in rows(a, "instagram.comments")}
    assert comments == {"mine": mine, "theirs": theirs}
    assert [r["verdict"] for r in rows(a, "instagram.stories")] == [story]


# --- Meta AI chats: minors, objection, heuristics -------------------------------------------------------------


def test_a_minors_meta_ai_chats_stay_training(make_zip) -> None:
    a = run(_fb(make_zip, jurisdiction="France", birthday={"year": 2011, "month": 1, "day": 1}))
    ai = [r for r in rows(a) if r["kind"] == "ai_chat"]
    assert ai and {r["verdict"] for r in ai} == {"training"}
    assert all("under-18s included" in r["note"] for r in ai)
    others = [r for r in rows(a) if r["kind"] != "ai_chat"]
    assert {r["verdict"] for r in others} <= {"not_used", "excluded"}


def test_an_opted_out_meta_summary_says_ai_chats_are_not_covered(make_zip, cli) -> None:
    path = _fb(make_zip, jurisdiction="France")
    doc = json.loads(cli("summary", path, "--json", "--no-findings", "--opted-out", "meta").stdout)
    (fb,) = doc["platforms"]
    notes = {n["note"]: n["items"] for n in fb["item_notes"]}
    ai_items = sum(k["items"] for k in fb["by_kind"] if k["kind"] == "ai_chat")
    said = "not covered by the objection: Meta's objection covers public information only, never chats with Meta AI"
    assert notes[said] == ai_items == 3
    assert any("opted out" in n for n in fb["notes"])
    assert "never covers your chats with Meta AI" in fb["policy"]["opt_out_effect"]


def test_messages_from_or_mentioning_meta_ai_are_heuristic_ai_chats(make_zip) -> None:
    a = run(_fb(make_zip, jurisdiction="France"))
    group = {r["text"]: (r["kind"], r["verdict"], r["note"]) for r in rows(a, "facebook.messages")}
    heuristic = "heuristic: this message mentions or was sent to Meta AI"
    assert group["@Meta AI where should we eat?"] == ("ai_chat", "training", heuristic)
    assert group["Try the café."] == ("ai_chat", "training", heuristic)
    assert group["See you"] == ("message", "excluded", None)


def test_whatsapp_group_lines_with_meta_ai_carry_the_heuristic_note(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Trip.txt"
    chat.write_text(
        "15/06/2025, 10:30 - Sam: @Meta AI plan a day in Lisbon\n15/06/2025, 10:31 - Ana: great\n", encoding="utf-8"
    )
    a = run(chat, region="eu")
    got = {r["text"]: (r["kind"], r["note"]) for r in rows(a)}
    assert got["@Meta AI plan a day in Lisbon"] == (
        "ai_chat",
        "heuristic: this message mentions or was sent to Meta AI",
    )
    assert got["great"] == ("message", None)


def test_whatsapp_levers_are_named() -> None:
    wa = load_policies()["whatsapp"]
    text = " ".join(wa.extra_levers) + wa.setting_path
    for lever in ("Meta AI", "Incognito Chat", "Advanced Chat Privacy", "382532939919295"):
        assert lever in text
    assert not wa.setting.startswith("none")


# --- LinkedIn ----------------------------------------------------------------------------------------------------

PROFILE = (
    b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,,Engineer,Hi,Software,,"London, United Kingdom",,,\n'
)


def test_linkedin_fields_it_does_not_name_are_training_with_the_inferred_note(make_zip) -> None:
    a = li_run(make_zip, {"Profile.csv": PROFILE, "Languages.csv": b"Name,Proficiency\nFrench,Native\n"})
    profile = {r["text"]: (r["verdict"], r["note"]) for r in items(a, "Profile.csv")}
    inferred = "not named in LinkedIn's list; inferred"
    assert profile["Engineer"] == ("training", inferred)  # headline
    assert profile["Ada"] == ("training", None)  # name: named
    assert [(r["verdict"], r["note"]) for r in items(a, "Languages.csv")] == [("training", inferred)]


def test_rich_media_is_split_by_its_text(make_zip) -> None:
    media = (
        b"Date/Time,Media Description,Media Link\n"
        b'"You uploaded a profile photo on March 9, 2026 at 2:58 PM (GMT)", -,https://m/1\n'
        b'"You uploaded a background photo on March 9, 2026 at 3:00 PM (GMT)", -,https://m/2\n'
        b'"You uploaded a photo on March 9, 2026 at 3:01 PM (GMT)",Team day,https://m/3\n'
    )
    a = li_run(make_zip, {"Rich_Media.csv": media})
    got = [(r["rule"], r["verdict"], r["visibility"], r["note"]) for r in items(a, "Rich_Media.csv")]
    assert got == [
        ("linkedin.rich_media.profile_photo", "training", "public", None),
        ("linkedin.rich_media.background_photo", "training", "public", "not named in LinkedIn's list; inferred"),
        ("linkedin.rich_media", "training", "unknown", None),
    ]


def test_saved_screening_answers_are_their_own_kind(make_zip) -> None:
    a = li_run(make_zip, {"Job Applicant Saved Screening Question Responses.csv": b"Question,Answer\nVisa?,No\n"})
    (row,) = items(a, "Job Applicant Saved Screening Question Responses.csv")
    assert (row["kind"], row["verdict"]) == ("screening_answer", "training")
    assert i18n.kind_label("screening_answer", "en") == "saved job answer"
    assert i18n.kind_label("screening_answer", "fr") == "réponse de candidature enregistrée"


SHARES = (
    b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    b"2024-06-01 10:00:00,https://l/1,Early post,,,PUBLIC\n"
    b"2025-06-01 10:00:00,https://l/2,Friends only,,,CONNECTIONS\n"
)


@pytest.mark.parametrize(
    ("region", "country"), [("uk", "the United Kingdom"), ("ca", "Canada"), ("hk", "Hong Kong"), ("eu", None)]
)
def test_linkedin_2024_windows_of_uk_canada_hong_kong(make_zip, region: str, country: str | None) -> None:
    a = li_run(make_zip, {"Shares.csv": SHARES}, region=region)
    early, late = items(a, "Shares.csv")
    window = f"may already have been used in 2024, before LinkedIn paused training in {country}"
    assert (window in (early["note"] or "")) is (country is not None)
    assert window not in (late["note"] or "")


def test_connections_only_posts_stay_training_with_the_note_and_no_advice_says_otherwise(make_zip) -> None:
    a = li_run(make_zip, {"Shares.csv": SHARES})
    _, friends = items(a, "Shares.csv")
    assert (friends["verdict"], friends["visibility"]) == ("training", "network")
    assert "its privacy notice names posts without an audience" in friends["note"]
    levers = " ".join(load_policies()["linkedin"].extra_levers)
    assert "connections only" not in levers.lower() and "not a way to keep it out" in levers


def test_linkedin_messages_why_names_trust_and_safety_and_microsoft_is_not_uk_only() -> None:
    why = explain("linkedin.messages", [load_rules("linkedin")])
    assert "trust-and-safety" in why.why
    li = load_policies()["linkedin"]
    assert not any(n.startswith("United Kingdom only") for n in li.notes)
    assert any("Outside the EU/EEA and Switzerland" in n and "2024-09-18" in n for n in li.notes)
    eu, uk, ca = li.for_region("eu"), li.for_region("uk"), li.for_region("ca")
    assert eu is not None and uk is not None and ca is not None
    assert eu.legal_basis == uk.legal_basis == "legitimate interest" and ca.legal_basis == ""
    assert "2025-11-07" in eu.note and "not public" in eu.note
    assert li.for_region("kr") is not None and li.for_region("kr").known is False  # type: ignore[union-attr]
    assert li.quote == "Opting out does not affect training that has already taken place."


def test_the_minor_finding_needs_something_posted_with_a_date(make_zip) -> None:
    from exportscope.findings import find

    profile = PROFILE.replace(b"Ada,Example,,,,", b'Ada,Example,,,"Mar 7, 2010",')
    positions = b"Company Name,Title,Description,Location,Started On,Finished On\nAcme,Intern,,Paris,Jan 2024,\n"
    education = b"School Name,Start Date,End Date,Notes,Degree Name,Activities\nLycee,Sep 2022,,,,\n"
    a = li_run(make_zip, {"Profile.csv": profile, "Positions.csv": positions, "Education.csv": education}, region="us")
    assert not [f for f in find(a) if f["type"] == "minor"]
    a = li_run(make_zip, {"Profile.csv": profile, "Shares.csv": SHARES}, region="us", as_of=date(2030, 1, 1))
    (minor,) = [f for f in find(a) if f["type"] == "minor"]
    assert {e["kind"] for e in minor["examples"]} == {"post"}


# --- regions from locations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [("Tbilisi, Georgia", "other"), ("Georgia", "other"), ("Atlanta, Georgia", "us"),
     ("Georgia, United States", "us"), ("uk", "uk"), ("U.K.", "uk"), ("Based in the U.K.", "uk"),
     ("Leeds UK", "uk"), ("It is what it is", None), ("No place like home", None), ("Berlin, DE", "eu")],
)  # fmt: skip
def test_georgia_uk_aliases_and_two_letter_codes(text: str, region: str | None) -> None:
    assert region_code(text) == region


# --- the "why" people read, sources, first dates -----------------------------------------------------------


def test_no_why_names_internal_files_rule_syntax_or_verdict_codes() -> None:
    codes = ("not_used", "conditional if", "excluded_", "classification.md", "schemas/", ".toml", "verdict")
    for platform in ("linkedin", "facebook", "instagram", "whatsapp"):
        for rule in load_rules(platform).rules:
            texts = [rule.why] + [v.why or "" for v in rule.variants.values()]
            for text in texts:
                for lang in ("en", "fr"):
                    shown = i18n.rule_text(text, lang)
                    assert not any(c in shown for c in codes), (rule.id, shown)
                assert not text or i18n.has_rule_text(text, "fr"), (rule.id, text)
            if not rule.ignore:
                assert rule.source, rule.id


def test_every_x_why_has_its_french_and_names_no_internal_code() -> None:
    """Issue 21: X's explanations are read in French too (locale/rules.toml), like the other platforms'."""
    codes = ("not_used", "conditional if", "excluded_", "classification.md", "schemas/", ".toml", "verdict")
    texts = [t for rule in load_rules("x").rules for t in [rule.why, *(v.why or "" for v in rule.variants.values())]]
    assert len([t for t in texts if t]) > 60
    for text in filter(None, texts):
        assert i18n.has_rule_text(text, "fr"), text
        shown = i18n.rule_text(text, "fr")
        assert shown != text and not any(c in shown for c in codes), shown


def test_the_why_keeps_the_platforms_sentence_apart_from_ours() -> None:
    why = explain("linkedin.shares", [load_rules("linkedin")], None, "fr")
    lines = why_lines(why, "training", "LinkedIn", "fr")
    assert lines[0].startswith("Utilisé pour entraîner l'IA. Les posts sont du contenu de membre")
    assert "“" not in lines[0] and "«" not in lines[0]
    assert lines[1].startswith(
        "Source : LinkedIn European Regional Privacy Notice, https://www.linkedin.com/legal/privacy/eu"
    )
    assert "vérifié le 3 décembre 2026" in lines[1]


def test_every_source_is_checked_and_every_platform_has_a_first_date() -> None:
    sources = load_sources()
    assert sources and all(s.checked == date(2026, 12, 3) and s.url.startswith("https://") for s in sources.values())
    firsts = load_first_dates()
    assert {p: f.first.year for p, f in firsts.items()} == {
        "linkedin": 2003, "facebook": 2004, "instagram": 2010, "threads": 2023, "whatsapp": 2009, "x": 2006,
    }  # fmt: skip
    assert all(f.source in sources for f in firsts.values())
    for key in ("linkedin", "meta", "whatsapp"):
        assert all(r.source in sources for r in load_policies()[key].regions)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rules_command_shows_the_new_texts_in_both_languages(cli, monkeypatch, lang: str) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    out = cli("rules", "linkedin", "--lang", lang)
    assert out.exit_code == 0, out.stderr
    expected = {
        "en": ["Use my data for training content creation AI models", "saved job answer", "trust-and-safety",
               "How LinkedIn uses your data"],
        "fr": ["Données pour l'amélioration de l'IA générative", "réponse de candidature enregistrée",
               "confiance et sécurité", "Comment LinkedIn utilise vos données"],
    }[lang]  # fmt: skip
    for text in expected:
        assert text in out.stdout, text
    assert "linkedin.shares" not in out.stdout
    sources = cli("rules", "--sources", "--lang", lang)
    assert sources.exit_code == 0
    assert "https://www.linkedin.com/legal/privacy/eu" in sources.stdout
    assert ("3 December 2026" if lang == "en" else "3 décembre 2026") in sources.stdout
    as_json = json.loads(cli("rules", "--sources", "--json").stdout)
    assert as_json["first_dates"]["threads"]["date"] == "2023-01-01"
    assert all(s["checked"] == CHECKED for s in as_json["sources"])


def test_the_json_report_carries_the_sources(make_zip, cli, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert cli("report", _fb(make_zip, jurisdiction="France"), "-o", out).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"title", "url", "effective", "checked"} <= set(doc["sources"][0])
    assert any(s["url"] == "https://www.facebook.com/privacy/genai" for s in doc["sources"])
