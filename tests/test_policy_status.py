"""The policy status is decided once, with the contexts, and every output says the same thing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from exportscope.contexts import policy_status
from exportscope.pipeline import analyze
from exportscope.rules import load_policies
from exportscope.summary import build
from exportscope.types import Options, PolicyStatus, TrainingStatus

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
S2026 = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
WHATSAPP = sorted((SAMPLES / "whatsapp").glob("*"))


@pytest.mark.parametrize(
    ("policy", "region", "as_of", "expected"),
    [
        ("linkedin", "eu", date(2025, 10, 1), PolicyStatus(TrainingStatus.STARTS_LATER, date(2025, 11, 3))),
        ("linkedin", "eu", date(2025, 11, 3), PolicyStatus(TrainingStatus.IN_FORCE, date(2025, 11, 3))),
        ("linkedin", "us", date(2025, 10, 1), PolicyStatus(TrainingStatus.IN_FORCE, date(2024, 9, 18))),
        ("linkedin", "other", date(2024, 1, 1), PolicyStatus(TrainingStatus.STARTS_LATER, date(2024, 9, 18))),
        ("linkedin", "cn", date(2026, 1, 1), PolicyStatus(TrainingStatus.NOT_SAID)),
        ("linkedin", None, date(2026, 1, 1), PolicyStatus(TrainingStatus.REGION_UNKNOWN)),
        ("meta", "us", date(2026, 1, 1), PolicyStatus(TrainingStatus.IN_FORCE, None)),  # no date published
        ("whatsapp", None, date(2026, 1, 1), PolicyStatus(TrainingStatus.IN_FORCE, None)),  # one row: everywhere
    ],
)
def test_policy_status(policy: str, region: str | None, as_of: date, expected: PolicyStatus) -> None:
    assert policy_status(load_policies()[policy], region, as_of) == expected


def test_as_of_before_the_start_says_it_starts_later_everywhere(cli, tmp_path: Path) -> None:
    """The issue's case: on 2025-10-01 LinkedIn does not train yet in the EU (0 items), and every output says so."""
    a = analyze([S2026], Options(as_of=date(2025, 10, 1)))
    status = a.contexts["linkedin"].status
    assert status == PolicyStatus(TrainingStatus.STARTS_LATER, date(2025, 11, 3))

    doc = json.loads(cli("summary", S2026, "--json", "--as-of", "2025-10-01").stdout)
    [p] = doc["platforms"]
    assert p["totals"]["training"] == 0
    assert (p["policy"]["status"], p["policy"]["in_force_since"]) == ("starts_later", "2025-11-03")

    text = " ".join(cli("summary", S2026, "--as-of", "2025-10-01").stdout.split())
    assert "in force since" not in text
    assert "AI training starts on 2025-11-03 in your region" in text

    for suffix in (".md", ".html"):
        out = tmp_path / f"report{suffix}"
        assert cli("report", S2026, "-o", out, "--as-of", "2025-10-01", "--lang", "en").exit_code == 0
        body = re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))
        assert "in force since" not in body.replace("*", "")
        assert "In force from 3 November 2025" in body or "from 3 November 2025" in body

    from exportscope.tui.widgets.cards import training_status

    card = training_status(build(a).platforms[0], "2025-10-01", "linkedin").plain
    assert "starts" in card and "in force since" not in card


def test_in_force_reads_the_same_status(cli) -> None:
    doc = json.loads(cli("summary", S2026, "--json", "--as-of", "2026-03-10").stdout)
    [p] = doc["platforms"]
    assert p["policy"]["status"] == "in_force"
    assert p["totals"]["training"] == 37
    text = " ".join(cli("summary", S2026, "--as-of", "2026-03-10").stdout.split())
    assert "AI training in force since 2025-11-03 in your region." in text


def test_region_unknown_and_not_said_are_in_the_json() -> None:
    unknown = build(analyze([S2026], Options(as_of=date(2026, 3, 10), region=None))).platforms[0]
    assert unknown.policy.status == "in_force"  # the export says Lyon, France
    said = build(analyze([S2026], Options(as_of=date(2026, 3, 10), region="cn"))).platforms[0]
    assert said.policy.status == "not_said"
