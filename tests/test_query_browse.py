"""Sorting, date filters and the month-by-month counts of the browsing engine (exportscope.query), on a
hand-made frame shaped like the analysis' items (several platforms, verdicts, undated rows, accents)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import polars as pl
import pytest

from exportscope.query import Filter, ItemQuery, PeriodError, Sort, fold_text, parse_period


def _frame(rows: list[tuple[str, str, str, datetime | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "platform": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "verdict": [r[2] for r in rows],
            "timestamp": [r[3] for r in rows],
            "text": [r[4] for r in rows],
            "words": [len((r[4] or "").split()) for r in rows],
        },
        schema_overrides={"timestamp": pl.Datetime("us", "UTC")},
    )


def d(y: int, m: int, day: int, h: int = 12) -> datetime:
    return datetime(y, m, day, h, tzinfo=UTC)


ROWS = [
    ("linkedin", "post", "training", d(2024, 1, 31, 23), "Zebra crossing"),
    ("linkedin", "comment", "training", d(2024, 3, 2), "apple pie"),
    ("facebook", "post", "conditional", d(2024, 3, 15), "Éclair recipe"),
    ("facebook", "message", "excluded", d(2024, 6, 1, 0), "hello"),
    ("linkedin", "message", "excluded", None, "undated note"),
    ("instagram", "comment", "training", d(2023, 3, 9), None),
    ("linkedin", "profile", "not_used", None, "Ada"),
    ("facebook", "post", "training", d(2024, 6, 30, 23), "banana"),
]


@pytest.fixture(scope="module")
def q() -> ItemQuery:
    return ItemQuery(_frame(ROWS))


def _texts(view: pl.DataFrame) -> list[str | None]:
    return view.get_column("text").to_list()


def test_default_order_is_newest_first_and_unchanged_by_the_default_sort(q: ItemQuery) -> None:
    assert _texts(q.select(Filter(), Sort())) == _texts(q.select(Filter()))
    assert _texts(q.select(Filter()))[:2] == ["banana", "hello"]


def test_sort_by_each_column_both_ways(q: ItemQuery) -> None:
    oldest = q.select(Filter(), Sort("timestamp", descending=False))
    stamps = oldest.get_column("timestamp").to_list()
    assert stamps[0] == d(2023, 3, 9) and stamps[-2:] == [None, None]  # undated last in both directions
    by_text = _texts(q.select(Filter(), Sort("text", descending=False)))
    # compared folded (no case, no accents): "Éclair" sorts as "eclair"; an item without text comes last
    assert by_text == ["Ada", "apple pie", "banana", "Éclair recipe", "hello", "undated note", "Zebra crossing", None]
    assert _texts(q.select(Filter(), Sort("text", descending=True)))[:2] == ["Zebra crossing", "undated note"]
    verdicts = q.select(Filter(), Sort("verdict", descending=False)).get_column("verdict").to_list()
    assert verdicts == ["training"] * 4 + ["conditional"] + ["excluded"] * 2 + ["not_used"]  # most exposed first
    platforms = q.select(Filter(), Sort("platform", descending=True)).get_column("platform").to_list()
    assert platforms == ["linkedin"] * 4 + ["instagram"] + ["facebook"] * 3


def test_kinds_sort_by_the_name_shown_in_the_tables_language() -> None:
    """A person reads kinds by name: "job_application" is "candidature" in French, "connection" is "relation"
    and "language" is "langue", so the French order differs from the codes' order."""
    from exportscope.i18n import kind_label

    rows = [
        ("linkedin", k, "not_used", d(2024, 1, 1 + i), k)
        for i, k in enumerate(["language", "job_application", "connection", "post"])
    ]
    query = ItemQuery(_frame(rows))
    for lang in ("en", "fr"):
        kinds = query.select(Filter(), Sort("kind", descending=False, lang=lang)).get_column("kind").to_list()
        names = [kind_label(k, lang) for k in kinds]
        assert names == sorted(names, key=fold_text), (lang, names)
    fr = query.select(Filter(), Sort("kind", descending=False, lang="fr")).get_column("kind").to_list()
    en = query.select(Filter(), Sort("kind", descending=False, lang="en")).get_column("kind").to_list()
    assert fr != en  # the codes' own order could not satisfy both


def test_sort_is_stable_ties_keep_newest_first(q: ItemQuery) -> None:
    view = q.select(Filter(), Sort("platform", descending=False))
    facebook = view.filter(pl.col("platform") == "facebook").get_column("timestamp").to_list()
    assert facebook == sorted(facebook, reverse=True)
    linkedin_ids = view.filter(pl.col("platform") == "linkedin").get_column("id").to_list()
    assert linkedin_ids == sorted(linkedin_ids)


def test_sort_toggles_and_cycles() -> None:
    assert Sort().toggled("timestamp") == Sort("timestamp", descending=False)
    assert Sort().toggled("kind") == Sort("kind", descending=False)
    assert Sort("kind", False).toggled("kind") == Sort("kind", True)
    assert Sort().next_column() == Sort("platform", False)
    assert Sort("text", True).next_column() == Sort()
    with pytest.raises(ValueError):
        Sort("pos")


def test_month_filter_in_any_year_and_in_one_year(q: ItemQuery) -> None:
    march = q.select(Filter(month=3))
    assert sorted(_texts(march), key=str) == sorted(["apple pie", "Éclair recipe", None], key=str)
    assert _texts(q.select(Filter(year=2024, month=3))) == ["Éclair recipe", "apple pie"]
    assert q.count(Filter(year=2024, month=2)) == 0


def test_date_range_is_inclusive_whole_days_in_utc(q: ItemQuery) -> None:
    # 2024-01-31 23:00 and 2024-06-30 23:00 are inside a range ending on those days; 2024-06-01 00:00 too.
    f = Filter(start=date(2024, 1, 31), end=date(2024, 6, 1))
    assert _texts(q.select(f)) == ["hello", "Éclair recipe", "apple pie", "Zebra crossing"]
    assert _texts(q.select(Filter(start=date(2024, 6, 2)))) == ["banana"]
    assert _texts(q.select(Filter(end=date(2023, 12, 31)))) == [None]


def test_undated_items_are_counted_when_a_date_filter_is_on(q: ItemQuery) -> None:
    assert q.undated_left_out(Filter()) == 0  # no date filter: undated items are shown
    assert q.undated_left_out(Filter(year=2024)) == 2
    assert q.undated_left_out(Filter(year=2024, platform="linkedin", verdict="excluded")) == 1
    assert q.undated_left_out(Filter(start=date(2024, 1, 1), text="ada")) == 1
    assert q.undated_left_out(Filter(month=3, platform="facebook")) == 0


def test_tree_counts_follow_the_date_filters(q: ItemQuery) -> None:
    counts = {(c.platform, c.verdict, c.kind): c.items for c in q.counts(Filter(month=6))}
    assert counts == {("facebook", "excluded", "message"): 1, ("facebook", "training", "post"): 1}


def test_positions_are_the_shown_rows_in_the_shown_order(q: ItemQuery) -> None:
    f, order = Filter(platform="linkedin"), Sort("text", descending=False)
    positions = q.positions(f, order)
    original = _frame(ROWS)
    assert original[positions].get_column("text").to_list() == _texts(q.select(f, order))
    assert q.positions(Filter()) == [7, 3, 2, 1, 0, 5, 4, 6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-12..2024-01", (date(2023, 12, 1), date(2024, 1, 31))),
        (" 2024-03-05 .. 2024-03-09 ", (date(2024, 3, 5), date(2024, 3, 9))),
        ("2024-03..", (date(2024, 3, 1), None)),
        ("..2024-05-01", (None, date(2024, 5, 1))),
    ],
)
def test_parse_period(text: str, expected: tuple[date | None, date | None]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("31/12/2024", "shape"), ("24-03", "shape"), ("..", "shape"), ("2024-13", "no_such_date"),
     ("2024-02-30", "no_such_date"), ("2024-05..2024-03", "reversed"), ("last week", "shape")],
)  # fmt: skip
def test_parse_period_refuses_what_it_cannot_read(text: str, code: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert caught.value.code == code


def test_per_month_fills_gaps_and_splits_verdicts(q: ItemQuery) -> None:
    months = q.per_month()
    assert months[0] == (2023, 3, {"training": 1})
    assert months[-1] == (2024, 6, {"training": 1})
    assert len(months) == 16  # 2023-03 .. 2024-06, empty months included
    assert dict(((y, m), c) for y, m, c in months)[(2024, 3)] == {"training": 1, "conditional": 1}
    assert dict(((y, m), c) for y, m, c in months)[(2023, 12)] == {}
    assert q.per_month("linkedin") == [(2024, 1, {"training": 1}), (2024, 2, {}), (2024, 3, {"training": 1})]
    assert q.per_month("whatsapp") == []
    assert q.platforms() == ["linkedin", "facebook", "instagram"]


def test_sort_and_filter_are_fast_on_100k_items() -> None:
    rows = ROWS * 12_500  # 100,000 items
    big = ItemQuery(_frame(rows))
    started = time.perf_counter()
    for column in ("timestamp", "platform", "kind", "verdict", "text"):
        for descending in (False, True):
            assert big.select(Filter(year=2024), Sort(column, descending)).height == 62_500
    big.per_month()
    big.undated_left_out(Filter(month=3))
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, elapsed  # typically ~0.3 s for all twelve questions on a shared machine


def test_bar_cells_scale_and_keep_small_months_visible() -> None:
    from exportscope.query import bar_cells

    assert bar_cells(10, 10, 40) == 40
    assert bar_cells(5, 10, 40) == 20
    assert bar_cells(1, 1000, 40) == 1  # one item is one cell, not an empty bar
    assert bar_cells(0, 10, 40) == 0
    assert bar_cells(3, 0, 40) == 0


def test_an_index_built_without_search_answers_every_question_alike() -> None:
    """The terminal UI builds its index without the folded search text (the dashboard needs none) and folds
    it after: a question asked before or after that gets the answer of an index folded from the start."""
    questions = [
        (Filter(text="eclair"), None),
        (Filter(text="É"), Sort("text", descending=False)),
        (Filter(), Sort("text", descending=True)),
        (Filter(text="a", year=2024), Sort("timestamp", descending=False)),
        (Filter(text="note", start=date(2024, 1, 1)), None),
    ]
    folded = ItemQuery(_frame(ROWS))

    def answers(q: ItemQuery) -> list[object]:
        out: list[object] = []
        for f, order in questions:
            out += [_texts(q.select(f, order)), q.positions(f, order), q.count(f), q.counts(f)]
            out.append(q.undated_left_out(f))
        return out

    expected = answers(folded)
    late = ItemQuery(_frame(ROWS), search=False)
    assert "_lc" not in late.frame.columns
    assert late.tree() == folded.tree()
    assert answers(late) == expected  # asked before the fold: each question folds first
    never = ItemQuery(_frame(ROWS), search=False)
    never.prepare_search()
    never.prepare_search()  # once is enough; again changes nothing
    assert answers(never) == expected
    assert _texts(never.select(Filter(text="eclair"))) == ["Éclair recipe"]


def test_the_folded_text_is_taken_from_an_index_of_the_same_texts_only() -> None:
    first = ItemQuery(_frame(ROWS))
    reclassified = [(p, k, "not_used", t, x) for p, k, _, t, x in ROWS]  # other verdicts, same texts
    again = ItemQuery(_frame(reclassified), search=False)
    again.prepare_search(like=first)
    assert again.frame.get_column("_lc").to_list() == first.frame.get_column("_lc").to_list()
    assert _texts(again.select(Filter(text="eclair"))) == ["Éclair recipe"]
    other = [(p, k, v, t, (x or "").replace("Éclair", "Tarte")) for p, k, v, t, x in ROWS]
    changed = ItemQuery(_frame(other), search=False)
    changed.prepare_search(like=first)  # not the same texts: folded from its own
    assert _texts(changed.select(Filter(text="eclair"))) == []
    assert _texts(changed.select(Filter(text="tarte"))) == ["Tarte recipe"]
