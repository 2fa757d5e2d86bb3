"""Issue 18, the usability pass, below the screens: what the summary, the text output and the reports say
about a private account, a part of a split download read alone, counts and kinds."""

from __future__ import annotations

from datetime import date

import pytest

from exportscope import summary
from exportscope.account_privacy import privacy_sentence
from exportscope.pipeline import Options, analyze
from exportscope.samples import samples_dir
from exportscope.summary_model import AccountPrivacy, IfPublic, PlatformSummary

OPTIONS = Options(as_of=date(2026, 12, 3))
IG = ("instagram-2025/instagram-jdoe-2025-11-20-AAAA1111.zip", "instagram-2025/instagram-jdoe-2025-11-20-BBBB2222.zip")


@pytest.fixture(scope="module")
def instagram() -> dict[str, PlatformSummary]:
    analysis = analyze([samples_dir() / rel for rel in IG], OPTIONS)
    return {p.platform: p for p in summary.build(analysis).platforms}


def test_a_private_threads_profile_says_why_nothing_is_used_and_what_public_would_change(
    instagram: dict[str, PlatformSummary],
) -> None:
    threads = instagram["threads"]
    posts = [k for k in threads.by_kind if k.kind in ("post", "media")]
    # The sample's Threads profile is private: its posts and their photo are not used...
    assert posts and all(k.verdict == "not_used" for k in posts)
    would = sum(k.items for k in posts)
    # ...and were it public they would be, every one of them.
    assert threads.account_privacy == AccountPrivacy(private=True, if_public=IfPublic(items=would, words=12))
    assert threads.to_json()["account_privacy"] == {"private": True, "if_public": {"items": would, "words": 12}}
    en = privacy_sentence(threads.account_privacy, "threads", "en")
    assert en == (
        "Private account (the export says so): its posts are not used for AI training. "
        f"If you made it public, {would} items would be used."
    )
    fr = privacy_sentence(threads.account_privacy, "threads", "fr")
    assert fr is not None and fr.endswith(f"Si vous le rendiez public, {would} éléments seraient utilisés.")
    # Instagram (public) says so; Facebook, where the account's privacy decides nothing, says nothing.
    public = instagram["instagram"].account_privacy
    assert public is not None and public.private is False
    assert (privacy_sentence(public, "instagram", "en") or "").startswith("Public account")


def test_the_answer_public_or_private_is_counted_again_not_guessed() -> None:
    """The items are classified again with the account public, every override included: where training is
    not in force yet, making the profile public would change nothing, and the sentence does not promise it."""
    analysis = analyze([samples_dir() / rel for rel in IG], Options(as_of=date(2024, 1, 1), region="eu"))
    threads = next(p for p in summary.build(analysis).platforms if p.platform == "threads")
    # On 2024-01-01 Meta did not train in the EU yet: making the profile public would change nothing.
    assert threads.account_privacy == AccountPrivacy(private=True, if_public=IfPublic(items=0, words=0))
    assert "If you made it public" not in (privacy_sentence(threads.account_privacy, "threads", "en") or "")


def test_the_private_account_field_reads_as_a_setting_never_a_bare_boolean() -> None:
    analysis = analyze([samples_dir() / IG[0]], OPTIONS)
    rows = analysis.items.filter(analysis.items["rule"].str.ends_with("private_account")).to_dicts()
    assert sorted(r["text"] for r in rows) == ["Private Account: False", "Private Account: True"]


def test_a_media_only_part_read_alone_says_it_is_a_part_and_which_part_is_missing() -> None:
    analysis = analyze([samples_dir() / IG[1]], OPTIONS)
    doc = summary.build(analysis).to_json()
    (ig,) = [p for p in doc["platforms"] if p["platform"] == "instagram"]
    assert ig["totals"] == {"training": 0, "conditional": 0, "excluded": 0, "not_used": 0}
    (part,) = [n for n in ig["note_keys"] if n["key"] == "media_only_part"]
    assert part["fields"]["media"] == 9 and part["fields"]["label"] == "Instagram"
    note = next(n for n in ig["notes"] if "split download" in n)  # the English beside the key
    assert "photo and video files (9)" in note and "is missing" in note
    from exportscope import i18n
    from exportscope.notes import Note

    fr = i18n.note_text(Note.from_json(part), "fr")
    assert fr.startswith("Cet export Instagram est une partie") and "photos et vidéos (9)" in fr
    # Both parts together: no such note.
    both = summary.build(analyze([samples_dir() / rel for rel in IG], OPTIONS))
    assert not any(n.key == "media_only_part" for p in both.platforms for n in p.notes)


def test_the_text_summary_says_counts_in_words_and_kinds_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    from exportscope.render_text import print_summary
    from exportscope.samples import sample_paths

    doc = summary.build(analyze(sample_paths(), OPTIONS))
    console = Console(width=200, record=True, highlight=False, emoji=False)
    print_summary(doc, console)
    text = console.export_text()
    assert "AI assistant chat 4" in text
    for code in ("ai_chat", "job_application", "ad_interest", "screening_answer"):
        assert code not in text, code
    assert "note on 1 item:" in text  # LinkedIn's one post without an audience
    assert "in 1 conversations" not in text and "on 1 items" not in text
    assert "Private account (the export says so)" in text
