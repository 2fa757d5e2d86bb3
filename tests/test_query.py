"""The browsing engine (exportscope.query) and the explanations (exportscope.explain), on a real-shaped export."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from exportscope.explain import explain, find_rule, localize_opt_out, opt_out
from exportscope.notes import Note
from exportscope.pipeline import Analysis, analyze
from exportscope.query import Filter, ItemQuery, sparkline
from exportscope.rules import load_rules
from tests import tui_archive


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    folder: Path = tmp_path_factory.mktemp("query")
    return analyze([tui_archive.build(folder)], tui_archive.OPTIONS)


@pytest.fixture(scope="module")
def q(analysis: Analysis) -> ItemQuery:
    return ItemQuery(analysis.items)


def test_rows_are_newest_first_with_undated_last(q: ItemQuery) -> None:
    view = q.select(Filter())
    stamps = view.get_column("timestamp").to_list()
    assert stamps[0] == datetime(2025, 11, 20, 10, 1, 44, tzinfo=UTC)  # Ben's reply, the newest message
    dated = [s for s in stamps if s is not None]
    assert dated == sorted(dated, reverse=True)
    assert stamps[len(dated) :] == [None] * (len(stamps) - len(dated))
    assert view.get_column("id").to_list() == list(range(q.total))


def test_search_is_case_insensitive_and_literal(q: ItemQuery) -> None:
    assert q.select(Filter(text="CAFÉ")).get_column("text").to_list() == ["Café opening in Berlin, come by!"]
    # "[bold]" would be a character class as a regex; it must be matched as typed.
    hits = q.select(Filter(text="[bold]")).get_column("text").to_list()
    assert hits == [tui_archive.MARKUP_POST]
    assert q.count(Filter(text=".*")) == 0


def test_search_ignores_accents_both_ways() -> None:
    frame = pl.DataFrame(
        {
            "platform": ["linkedin"] * 3,
            "kind": ["post"] * 3,
            "verdict": ["training"] * 3,
            "timestamp": [None, None, None],
            "text": ["Mon Résumé à jour", "resume of the week", "Cafe RESUMÉ"],
            "words": [4, 4, 2],
        },
        schema_overrides={"timestamp": pl.Datetime("us", "UTC")},
    )
    q = ItemQuery(frame)
    found = sorted(q.select(Filter(text="resume")).get_column("text").to_list())
    assert found == ["Cafe RESUMÉ", "Mon Résumé à jour", "resume of the week"]
    assert q.count(Filter(text="RÉSUMÉ")) == 3
    assert q.count(Filter(text="café")) == 1
    assert q.count(Filter(text="résumés")) == 0


def test_node_year_and_text_filters_combine(q: ItemQuery) -> None:
    assert q.count(Filter(platform="linkedin", verdict="training")) == 15
    assert q.count(Filter(platform="linkedin", verdict="training", kind="post")) == 6
    assert q.count(Filter(verdict="training", kind="post", year=2023)) == 2
    assert q.count(Filter(kind="connection", year=2024)) == 2
    assert q.count(Filter(kind="post", year=2023, text="pycon")) == 1
    assert q.count(Filter(verdict="excluded")) == 4


def test_counts_follow_search_and_year_but_not_the_node(q: ItemQuery) -> None:
    counts = {(c.platform, c.verdict, c.kind): c.items for c in q.counts(Filter(kind="profile", text="berlin"))}
    # The node (kind=profile) does not narrow the counts; the search does.
    assert counts == {("linkedin", "training", "post"): 1, ("linkedin", "training", "profile"): 1}
    by_year = {(c.verdict, c.kind): c.items for c in q.counts(Filter(year=2024))}
    assert by_year == {
        ("training", "post"): 1,
        ("training", "comment"): 1,
        ("excluded", "message"): 2,
        ("not_used", "connection"): 2,
    }


def test_tree_shape_is_every_leaf_most_exposed_first(q: ItemQuery) -> None:
    leaves = [(c.verdict, c.kind, c.items, c.words) for c in q.tree()]
    assert leaves == [
        ("training", "post", 6, 36),
        ("training", "profile", 6, 16),
        ("training", "comment", 3, 8),
        ("excluded", "message", 4, 16),
        ("not_used", "connection", 3, 16),
        ("not_used", "profile", 1, 2),
    ]


def test_page_and_item(q: ItemQuery) -> None:
    view = q.select(Filter(kind="post"))
    rows = ItemQuery.page(view, 1, 2)
    assert [r[5] for r in rows] == ["Café opening in Berlin, come by!", "Our team is hiring data engineers."]
    assert ItemQuery.page(view, 6, 10) == []
    item = q.item(rows[0][0])
    assert item["source"] == "Shares.csv"
    assert item["row"] == 2
    assert item["rule"] == "linkedin.shares"
    assert "_lc" not in item


def test_per_year_fills_gaps_and_counts_undated(q: ItemQuery) -> None:
    # Posts 2021, 2023 x2, 2024, 2025 x2 and comments 2022, 2024, 2025 (messages are not eligible).
    assert q.per_year("linkedin") == [(2021, 1), (2022, 1), (2023, 2), (2024, 2), (2025, 3)]
    assert q.undated("linkedin") == 6  # the six public profile fields
    assert q.years() == [2021, 2022, 2023, 2024, 2025]
    assert q.per_year("facebook") == []


def test_sparkline_shape() -> None:
    assert sparkline([1, 0, 2, 1, 2]) == "▅·█▅█"
    assert sparkline([]) == ""
    assert sparkline([0, 0]) == "··"
    assert sparkline([1, 100]) == "▁█"


def test_query_on_200k_items() -> None:

    size = 200_000
    frame = pl.DataFrame(
        {
            "platform": ["linkedin"] * size,
            "source": ["messages.csv"] * size,
            "kind": ["message", "post", "comment", "connection"] * (size // 4),
            "verdict": ["excluded", "training", "training", "not_used"] * (size // 4),
            "visibility": ["private"] * size,
            "timestamp": pl.datetime_range(
                datetime(2010, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC), interval="42m", eager=True
            )[:size],
            "text": [f"message number {i} about café and data" for i in range(size)],
            "words": [7] * size,
            "rule": ["linkedin.messages"] * size,
        }
    )
    query = ItemQuery(frame)
    f = Filter(text="number 19999", year=2011)
    query.select(f)
    query.counts(f)
    # Correct on 200,000 rows; its speed is measured by benchmarks/tui_load.py, not asserted here.
    assert query.count(Filter(text="number 199999")) == 1


def test_explain_uses_the_variant_sentence(analysis: Analysis) -> None:
    rulesets = [load_rules("linkedin")]
    why = explain("linkedin.profile.birth_date", rulesets)
    assert why.why == "Birth date is account data, not profile content LinkedIn lists for training."
    assert why.rule_id == "linkedin.profile.birth_date"
    shares = explain("linkedin.shares", rulesets, notes=())
    assert shares.why.startswith("Posts are member content")
    assert shares.source == {
        "title": "LinkedIn European Regional Privacy Notice",
        "url": "https://www.linkedin.com/legal/privacy/eu",
        "effective": "2025-11-03",
        "checked": "2026-12-03",
    }
    assert shares.policy_source == "LinkedIn European Regional Privacy Notice"
    assert explain("linkedin.nope", rulesets).why == "exportscope no longer has the rule that classified this item."
    fr = explain("linkedin.shares", rulesets, [Note.of("under_18")], "fr")
    assert fr.why.startswith("Les posts sont du contenu de membre") and fr.override == (
        "les comptes de moins de 18 ans sont exclus"
    )
    found = find_rule("linkedin.profile.headline", rulesets)
    assert found is not None and found[0].id == "linkedin.profile" and found[1] == "headline"
    assert explain("linkedin.shares", rulesets, [Note.of("under_18")]).override == "under-18 accounts are excluded"
    two = explain("linkedin.shares", rulesets, [Note.of("under_18"), Note.of("inferred")], "fr")
    assert two.override == "les comptes de moins de 18 ans sont exclus | absent de la liste de LinkedIn ; déduit"


def test_opt_out_facts_for_region_and_platform_levers() -> None:
    li = opt_out("linkedin", "LinkedIn", "linkedin", "eu")
    assert li.setting_path == (
        "Settings & Privacy > Data privacy > How LinkedIn uses your data > Data for Generative AI Improvement"
    )
    assert li.url == "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
    assert li.in_force_since == "2025-11-03"
    assert "does not undo training already done" in li.effect
    fb = opt_out("facebook", "Facebook", "meta", "eu")
    assert any("Limit who can see past posts" in lever for lever in fb.levers)
    assert not any(lever.startswith("Instagram") for lever in fb.levers)
    ig = opt_out("instagram", "Instagram", "meta", None)
    assert [lv.split(":")[0] for lv in ig.levers] == [
        "Instagram objection form",
        "Instagram and Threads",
        "Where no objection form is offered (the United States and most other regions), the only lever is "
        "making content non-public.",
    ]
    assert ig.region_note.startswith("Your region is not known: ")


def test_opt_out_needs_no_region_when_the_policy_has_one_row() -> None:
    wa = opt_out("whatsapp", "WhatsApp", "whatsapp", None)
    assert wa.region_note == "Chats with Meta AI are AI interactions in every region."
    assert wa.known is True
    assert opt_out("linkedin", "LinkedIn", "linkedin", None).region_note.startswith("Your region is not known: EU,")


def test_opt_out_in_french_keeps_the_levers_of_the_platform() -> None:
    en = opt_out("facebook", "Facebook", "meta", "eu")
    fr = localize_opt_out(en, "fr")
    assert fr.setting_path == (
        "Espace confidentialité > Sujets de confidentialité > L'IA chez Meta > "
        "S'opposer à l'utilisation de vos informations pour l'IA chez Meta"
    )
    assert [lv.split(" : ")[0] for lv in fr.levers] == [
        "Facebook",
        "Là où aucun formulaire d'opposition n'est proposé (États-Unis et la plupart des autres régions), le "
        "seul levier est de rendre le contenu non public.",
    ]
    assert fr.region_note == (
        "UE/EEE et Suisse : entraînement sur le contenu public des adultes depuis le 27 mai 2025, sur la base de "
        "l'intérêt légitime ; formulaires d'opposition pour Facebook et Instagram."
    )
    assert fr.url == en.url and fr.sources == en.sources
    unknown = localize_opt_out(opt_out("linkedin", "LinkedIn", "linkedin", None), "fr")
    assert unknown.region_note.startswith("Votre région est inconnue : UE, EEE et Suisse : en vigueur")
    assert localize_opt_out(en, "en") is en


def test_match_spans_point_into_the_text_as_typed() -> None:
    from exportscope.query import match_spans

    text = "Mon RÉSUMÉ et mon résumé, resume"
    spans = match_spans(text, "resume")
    assert [text[a:b] for a, b in spans] == ["RÉSUMÉ", "résumé", "resume"]
    # A decomposed accent (e + U+0301) stays inside its match.
    decomposed = "Re\u0301sume\u0301!"
    assert [decomposed[a:b] for a, b in match_spans(decomposed, "résumé")] == ["Re\u0301sume\u0301"]
    assert match_spans(text, "") == [] and match_spans(text, "cv") == []
