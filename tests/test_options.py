"""The library validates its own options: a script gets what the command line gets, or the same error."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from exportscope.errors import InvalidOption
from exportscope.findings import find
from exportscope.pipeline import analyze
from exportscope.summary import build
from exportscope.types import Options

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
S2026 = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
X2025 = next((SAMPLES / "x-2025").glob("*.zip"))


def test_region_names_and_codes_become_codes() -> None:
    assert Options(region="France").region == "eu"
    assert Options(region=" EU ").region == "eu"
    assert Options(region="United Kingdom").region == "uk"
    assert Options(region="other").region == "other"
    assert Options().region is None


@pytest.mark.parametrize("value", ["atlantis", "", 42])
def test_an_unknown_region_raises_never_falls_to_other(value: object) -> None:
    with pytest.raises(InvalidOption) as err:
        Options(region=value)  # type: ignore[arg-type]
    assert err.value.option == "region"
    assert err.value.value == value


def test_opted_out_is_case_insensitive_and_checked() -> None:
    assert Options(opted_out={"LinkedIn"}).opted_out == frozenset({"linkedin"})
    assert Options(opted_out=["Meta", "x"]).opted_out == frozenset({"meta", "x"})
    assert Options(opted_out="LINKEDIN").opted_out == frozenset({"linkedin"})  # one name, not its letters
    with pytest.raises(InvalidOption) as err:
        Options(opted_out={"myspace"})
    assert (err.value.option, err.value.value) == ("opted_out", "myspace")


def test_as_of_takes_a_date_or_an_iso_string() -> None:
    assert Options(as_of="2025-10-01").as_of == date(2025, 10, 1)  # type: ignore[arg-type]
    assert Options(as_of=datetime(2025, 10, 1, 23, 0)).as_of == date(2025, 10, 1)
    assert type(Options(as_of=datetime(2025, 10, 1, 23, 0)).as_of) is date
    for bad in ("yesterday", "2025-13-01", None):
        with pytest.raises(InvalidOption) as err:
            Options(as_of=bad)  # type: ignore[arg-type]
        assert err.value.option == "as_of"


def test_answers_must_be_known_questions_with_allowed_values() -> None:
    assert Options(answers={"x.protected": "YES"}).answers == (("x.protected", "yes"),)  # type: ignore[arg-type]
    assert Options(answers=(("x.protected", "no"),)).answers == (("x.protected", "no"),)
    with pytest.raises(InvalidOption) as err:
        Options(answers=(("x.private", "yes"),))
    assert (err.value.option, err.value.value) == ("answers", "x.private")
    with pytest.raises(InvalidOption) as err:
        Options(answers=(("x.protected", "maybe"),))
    assert (err.value.option, err.value.value) == ("x.protected", "maybe")


def test_audience_and_limits_are_checked() -> None:
    assert Options(facebook_audience="Public").facebook_audience == "public"
    for field, bad in (("facebook_audience", "everyone"), ("workers", 0), ("max_ratio", -1.0), ("workers", True)):
        with pytest.raises(InvalidOption) as err:
            Options(**{field: bad})
        assert err.value.option == field


def test_replace_validates_too() -> None:
    base = Options(region="eu")
    assert dataclasses.replace(base, region="Switzerland").region == "ch"
    with pytest.raises(InvalidOption):
        dataclasses.replace(base, opted_out=frozenset({"friendster"}))


def _library(paths: list[Path], options: Options) -> dict[str, object]:
    doc = build(analyze(paths, options), find(analyze(paths, options))).to_json()
    return json.loads(json.dumps(doc))


def _platforms(doc: dict[str, object]) -> list[dict[str, object]]:
    keep = ("platform", "region", "region_source", "opted_out", "totals", "by_kind", "policy", "notes")
    return [{k: p[k] for k in keep} for p in doc["platforms"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("flags", "kwargs"),
    [
        (["--region", "France"], {"region": "France"}),
        (["--region", "united states"], {"region": "united states"}),
        (["--opted-out", "LinkedIn"], {"opted_out": {"LinkedIn"}}),
        (["--as-of", "2024-01-01"], {"as_of": "2024-01-01"}),
    ],
)
def test_library_and_cli_agree(cli, flags: list[str], kwargs: dict[str, object]) -> None:
    as_of = {"as_of": "2025-10-01"} if "as_of" not in kwargs else {}
    cli_flags = [*flags, *(["--as-of", "2025-10-01"] if as_of else [])]
    result = cli("summary", S2026, "--json", *cli_flags)
    assert result.exit_code == 0, result.stderr
    by_cli = json.loads(result.stdout)
    by_library = _library([S2026], Options(**kwargs, **as_of))  # type: ignore[arg-type]
    assert _platforms(by_library) == _platforms(by_cli)
    assert by_library["as_of"] == by_cli["as_of"]


def test_france_is_the_eu_row_not_the_other_row() -> None:
    """The issue's case: "France" silently fell to "other" (37 training items where eu gives 0)."""
    [p] = build(analyze([S2026], Options(region="France", as_of=date(2025, 10, 1)))).platforms
    assert p.region == "eu"
    assert p.totals["training"] == 0
    [other] = build(analyze([S2026], Options(region="other", as_of=date(2025, 10, 1)))).platforms
    assert other.totals["training"] == 37


def test_opted_out_linkedin_reaches_the_context() -> None:
    a = analyze([S2026], Options(opted_out={"LinkedIn"}, as_of=date(2026, 3, 10)))
    assert a.contexts["linkedin"].opted_out is True


def test_x_answer_from_the_library_is_the_cli_flag(cli) -> None:
    by_cli = json.loads(cli("summary", X2025, "--json", "--no-findings", "--x-protected", "yes").stdout)
    by_library = build(analyze([X2025], Options(answers={"x.protected": "yes"})))  # type: ignore[arg-type]
    assert _platforms(json.loads(json.dumps(by_library.to_json()))) == _platforms(by_cli)


@pytest.mark.parametrize(
    ("flags", "kwargs"),
    [
        (["--region", "atlantis"], {"region": "atlantis"}),
        (["--as-of", "yesterday"], {"as_of": "yesterday"}),
        (["--opted-out", "myspace"], {"opted_out": {"myspace"}}),
    ],
)
def test_library_and_cli_refuse_alike(cli, flags: list[str], kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidOption) as err:
        Options(**kwargs)  # type: ignore[arg-type]
    result = cli("summary", S2026, *flags)
    assert result.exit_code == 2
    assert result.stderr == f"exportscope: error: {err.value.message(flags[0])}\n"
