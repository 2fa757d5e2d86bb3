"""The bundled X samples through the commands a person runs: summary, items, report (redacted), doctor, rules,
and the findings (EXIF GPS, an e-mail in the bio, a phone number in a post, a mentioned person)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl

from exportscope.findings import find
from exportscope.model import FileStatus
from exportscope.notes import Note
from exportscope.pipeline import Options, analyze
from tests.conftest import SAMPLES

X_2025 = next((SAMPLES / "x-2025").glob("twitter-2025-01-22-*.zip"))
X_2020 = next((SAMPLES / "x-2020").glob("twitter-2020-11-17-*.zip"))
AS_OF = date(2026, 12, 3)
OPTIONS = Options(workers=1, as_of=AS_OF)


def _kinds(a) -> dict[tuple[str, str], int]:
    return {(k, v): n for k, v, n in a.items.group_by("kind", "verdict").len().iter_rows()}


def test_2025_sample_verdicts_follow_the_rule_book() -> None:
    a = analyze([X_2025], OPTIONS)
    assert a.exports[0].era == "2025" and a.exports[0].export_date == date(2025, 1, 22)
    k = _kinds(a)
    # Unprotected on 2024-12-01: public. 10 posts (7 + 4 in the parts, one of them twice, one edited away, plus
    # a Community post and a long post with no short version) and 2 replies minus the one to someone else.
    assert k[("post", "training")] == 10
    assert k[("comment", "training")] == 1
    assert k[("repost", "not_used")] == 1
    assert k[("post", "not_used")] == 2  # the edited-away version and the deleted post
    assert k[("ai_chat", "training")] == 4
    assert k[("message", "excluded")] == 4  # 3 one-to-one (one in both split entries) + 1 group
    assert k[("media", "excluded")] == 1
    assert k[("profile", "training")] == 6
    ledger = {e.path: e.status for e in a.ledger}
    assert FileStatus.UNRECOGNIZED not in ledger.values() and FileStatus.FAILED not in ledger.values()
    notes = a.contexts["x"].notes
    assert Note.of("x_manifest_ok", n=32) in notes
    assert a.contexts["x"].region == "eu"  # profile location Lyon, France


def test_2020_sample_protected_account_rezipped_by_macos() -> None:
    a = analyze([X_2020], OPTIONS)
    assert a.exports[0].era == "2020-2022 (tweet.js, data/ folder)"
    posts = a.items.filter(pl.col("kind").is_in(["post", "comment", "media"]))
    assert posts.height == 4 and set(posts.get_column("verdict")) == {"not_used"}
    assert set(posts.get_column("visibility")) == {"private"}
    ignored = {e.path for e in a.ledger if e.status is FileStatus.IGNORED}
    assert any(p.startswith("__MACOSX/") for p in ignored) and any(p.endswith(".DS_Store") for p in ignored)
    assert not [e for e in a.ledger if e.status in (FileStatus.UNRECOGNIZED, FileStatus.FAILED)]


def test_findings_on_the_2025_sample() -> None:
    a = analyze([X_2025], OPTIONS)
    found = {f["type"]: f for f in find(a) if f["platform"] == "x"}
    assert found["exif_gps"]["examples"][0]["source"].startswith("data/tweets_media/")
    assert found["email"]["examples"][0]["value"] == "example.user@example.org"  # in the public bio
    assert found["phone"]["count"] == 1  # the reserve's number in a 2012 post
    assert found["person"]["examples"][0]["value"] == "@river_otter"


def test_summary_json_items_and_the_question_flag(cli, tmp_path: Path) -> None:
    res = cli("summary", X_2020, "--json", "--no-findings", "--as-of", "2026-12-03", "--region", "us")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    x = doc["platforms"][0]
    assert x["platform"] == "x" and x["label"] == "X (Twitter)"
    assert x["policy"]["opt_out_url"] == "https://x.com/settings/grok_settings"
    assert x["totals"]["training"] == 3  # user name, display name, bio: always public
    # The person says the posts are public after all: the answer wins over the archive's last change.
    res = cli(
        "summary", X_2020, "--json", "--no-findings", "--as-of", "2026-12-03", "--region", "us", "--x-protected", "no"
    )
    assert json.loads(res.stdout)["platforms"][0]["totals"]["training"] == 7
    res = cli("summary", X_2020, "--opted-out", "x", "--json", "--no-findings")
    assert json.loads(res.stdout)["platforms"][0]["opted_out"] is True
    out = tmp_path / "items.csv"
    assert cli("items", X_2025, "-o", out).exit_code == 0
    items = pl.read_csv(out)
    assert (
        "Sunrise count done 🐦\u200d⬛🌅 results & map: https://example.org/counts/2025-01" in items["text"].to_list()
    )


def test_redacted_report_masks_mentions_and_dm_text(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert cli("report", X_2025, "-o", out, "--redact", "--as-of", "2026-12-03").exit_code == 0
    text = out.read_text()
    assert "river_otter" not in text and "example.user@example.org" not in text
    assert "bring the map" not in text


def test_doctor_and_rules_name_x() -> None:
    from exportscope import doctor

    report = doctor.build(analyze([X_2025], OPTIONS))
    assert report["exports"][0]["platform"] == "x" and report["files"]["unrecognized"] == 0


def test_rules_command_lists_x(cli) -> None:
    res = cli("rules", "x", "--json")
    assert res.exit_code == 0 and "x.posts" in res.stdout and "x.grok" in res.stdout
