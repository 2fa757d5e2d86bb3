"""X in the to-do list (issue 21.3): its levers come from the policy data ([todo.actions.x_*] of
schemas/policies.toml), the EU/UK/Swiss objection only there, "protect your posts" settled by the answer that
the posts are protected, and every word in English and French from the catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from exportscope.actions.todo import action_texts, for_analysis, load_actions
from exportscope.pipeline import Options, analyze
from exportscope.samples import samples_dir

AS_OF = date(2026, 12, 3)
X_2025 = sorted((samples_dir() / "x-2025").glob("*.zip"))
X_IDS = {"x_grok_setting", "x_protect_posts", "x_grok_history", "x_objection"}


def _todo(region: str | None, answers: tuple[tuple[str, str], ...] = ()) -> dict[str, dict[str, object]]:
    analysis = analyze(X_2025, Options(as_of=AS_OF, region=region, answers=answers, workers=1))
    return {a["id"]: a for a in for_analysis(analysis)["actions"]}


def test_x_actions_are_data_with_their_sources() -> None:
    specs = {s.id: s for s in load_actions() if s.id in X_IDS}
    assert set(specs) == X_IDS
    for spec in specs.values():
        assert spec.url.startswith("https://") and spec.path["en"] and spec.path["fr"]
        assert spec.source["url"].startswith("https://") and spec.source["checked"] == "2026-12-03"
    assert specs["x_grok_setting"].url == "https://x.com/settings/grok_settings"
    assert specs["x_objection"].regions == ("eu", "ch", "uk")


@pytest.mark.parametrize("region", ["eu", "uk", "ch"])
def test_europe_gets_the_objection_route(region: str) -> None:
    todo = _todo(region)
    assert set(todo) >= X_IDS
    assert todo["x_objection"]["forms"] == {"x": "https://help.x.com/forms/privacy"}
    assert todo["x_grok_history"]["items"] == 4  # the sample's Grok turns
    assert todo["x_grok_setting"]["items"] > todo["x_protect_posts"]["items"] > 0


def test_elsewhere_no_objection_route() -> None:
    todo = _todo("us")
    assert "x_objection" not in todo and {"x_grok_setting", "x_protect_posts", "x_grok_history"} <= set(todo)


def test_protected_posts_settle_protect_your_posts() -> None:
    todo = _todo("us", (("x.protected", "yes"),))
    assert todo["x_protect_posts"]["answered"] and todo["x_protect_posts"]["done"]
    assert not todo["x_grok_setting"]["answered"]  # the Grok box is another lever


def test_opted_out_settles_the_setting() -> None:
    analysis = analyze(X_2025, Options(as_of=AS_OF, region="eu", opted_out=frozenset({"x"}), workers=1))
    todo = {a["id"]: a for a in for_analysis(analysis)["actions"]}
    assert todo["x_grok_setting"]["answered"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_x_actions_read_in_both_languages(lang: str) -> None:
    analysis = analyze(X_2025, Options(as_of=AS_OF, region="eu", workers=1))
    texts = {t.id: t for t in action_texts(for_analysis(analysis), lang, {"x": "X (Twitter)"})}
    for key in X_IDS:
        t = texts[key]
        assert t.title and t.does and t.undo and t.how
        assert not t.title.startswith("todo.") and "todo." not in t.does + t.undo
    if lang == "fr":
        assert texts["x_protect_posts"].title == "Protégez vos posts X"
        assert "Protéger vos posts" in texts["x_protect_posts"].how
    assert "uncertain" in texts["x_objection"].does or "incertain" in texts["x_objection"].does
