"""From exposure to action (issue 16): the to-do list, answers re-classifying in place, links per item and the
clean-up worklist (with golden files in its three formats).

Golden files live in ``tests/golden/``; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 python -m pytest tests/test_actions.py`` and review the diff.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import stat
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
import report_fixture as fx

from exportscope import summary
from exportscope.actions import answers, todo, worklist, worklist_out
from exportscope.pipeline import Analysis, Options, analyze
from exportscope.samples import sample_paths
from exportscope.textio import web_link

GOLDEN = Path(__file__).parent / "golden"
AS_OF = date(2026, 12, 3)


@pytest.fixture(scope="module")
def fixture_analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze([fx.build(tmp_path_factory.mktemp("actions"))], Options(as_of=fx.AS_OF))


@pytest.fixture(scope="module")
def demo() -> Analysis:
    return analyze(sample_paths(), Options(as_of=AS_OF))


def _ids(doc: dict) -> list[str]:
    return [a["id"] for a in doc["todo"]["actions"]]


# --- the to-do list ---------------------------------------------------------------------------------------


def test_todo_headline_counts_training_items_across_platforms(demo: Analysis) -> None:
    doc = summary.build(demo).to_json()
    h = doc["todo"]["headline"]
    training = demo.items.filter(pl.col("verdict") == "training")
    assert h["items"] == training.height == sum(p["totals"]["training"] for p in doc["platforms"])
    assert h["words"] == training.get_column("words").sum()
    assert h["platforms"] == [p["platform"] for p in doc["platforms"] if p["totals"]["training"]]
    assert h["conditional"] == sum(p["totals"]["conditional"] for p in doc["platforms"])
    assert todo.headline_text(doc["todo"]).startswith(f"{h['items']} of your items ({h['words']} words)")


def test_todo_actions_come_from_the_policy_data_ranked_by_items(demo: Analysis) -> None:
    doc = summary.build(demo).to_json()
    actions = doc["todo"]["actions"]
    specs = {s.id: s for s in todo.load_actions()}
    for a in actions:
        spec = specs[a["id"]]
        assert a["url"] == spec.url and a["path"] == spec.path["en"]
        if a["id"] != "cleanup":
            assert a["source"]["url"].startswith("https://") and a["source"]["checked"]
    settings = [a for a in actions if a["id"] != "cleanup"]
    assert [a["items"] for a in settings] == sorted((a["items"] for a in settings), reverse=True)
    assert actions[-1]["id"] == "cleanup"  # the item-by-item follow-up comes after the settings
    li = next(a for a in actions if a["id"] == "linkedin_setting")
    assert li["items"] == doc["platforms"][0]["totals"]["training"]
    meta = next(a for a in actions if a["id"] == "meta_objection")
    # The objection covers public content, never Meta AI chats; the EU region offers it, once per Accounts Centre.
    eligible_meta = demo.items.filter(
        pl.col("platform").is_in(["facebook", "instagram", "threads"]),
        pl.col("verdict").is_in(["training", "conditional"]),
        pl.col("kind") != "ai_chat",
    )
    assert meta["items"] == eligible_meta.height
    assert set(meta["forms"]) == {"facebook", "instagram"}


def test_todo_follows_region_and_answers(demo: Analysis) -> None:
    us = answers.reclassify(demo, dataclasses.replace(demo.options, region="us"))
    assert "meta_objection" not in _ids(summary.build(us).to_json())  # no objection form outside the EU/EEA/CH/UK
    opted = answers.reclassify(demo, dataclasses.replace(demo.options, opted_out=frozenset({"linkedin"})))
    li = next(a for a in summary.build(opted).to_json()["todo"]["actions"] if a["id"] == "linkedin_setting")
    assert li["answered"] and li["done"]
    friends = answers.reclassify(demo, dataclasses.replace(demo.options, facebook_audience="friends"))
    fb = next(a for a in summary.build(friends).to_json()["todo"]["actions"] if a["id"] == "facebook_past_posts")
    assert fb["answered"] and fb["done"]
    assert summary.build(demo, done=["cleanup"]).to_json()["todo"]["actions"][-1]["done"] is True


def test_todo_tops_the_text_summary(cli) -> None:
    result = cli("summary", "--demo", "--as-of", "2026-12-03")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("of your items") < out.index("files:")  # before the first platform's table
    assert "[ ] 1. " in out and "Turn off LinkedIn's" in out
    assert "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement" in out


# --- answers in place -------------------------------------------------------------------------------------


def test_reclassify_changes_verdicts_without_reading_again(demo: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    import exportscope.reading as reading

    monkeypatch.setattr(reading, "read_task", lambda *a, **k: pytest.fail("the archive was read again"))
    before = summary.build(demo).to_json()["platforms"][1]
    public = answers.reclassify(demo, dataclasses.replace(demo.options, facebook_audience="public"))
    after = summary.build(public).to_json()["platforms"][1]
    assert before["platform"] == after["platform"] == "facebook"
    assert after["totals"]["training"] > before["totals"]["training"]
    assert after["totals"]["conditional"] < before["totals"]["conditional"]
    assert sum(after["totals"].values()) == sum(before["totals"].values())


def test_reclassify_equals_a_fresh_run_with_the_flags(demo: Analysis) -> None:
    options = dataclasses.replace(demo.options, region="uk", facebook_audience="friends", opted_out=frozenset({"meta"}))
    answered = answers.reclassify(demo, options)
    fresh = analyze(sample_paths(), options)
    assert answered.items.drop("link").equals(fresh.items.drop("link"))
    used = summary.build(answered).to_json()["answers"]
    assert used["flags"] == "--region uk --facebook-audience friends --opted-out meta"


def test_region_guesses_show_their_evidence(demo: Analysis) -> None:
    guesses = answers.region_guesses(demo)
    assert guesses[0].region == "eu"
    kinds = {(e.platform, e.kind) for e in guesses[0].evidence}
    assert ("linkedin", "location") in kinds and ("linkedin", "phone") in kinds
    assert any(e.value == "+33" for e in guesses[0].evidence)


# --- links ------------------------------------------------------------------------------------------------


def test_items_carry_their_links(fixture_analysis: Analysis) -> None:
    posts = fixture_analysis.items.filter(pl.col("kind") == "post").sort("timestamp")
    assert posts.get_column("link").to_list()[-1] == (
        "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000001"
    )
    assert posts.get_column("link").null_count() == 0


def test_demo_links_cover_linkedin_posts_comments_and_articles(demo: Analysis) -> None:
    linked = demo.items.filter(pl.col("link").is_not_null())
    kinds = set(linked.filter(pl.col("platform") == "linkedin").get_column("kind").to_list())
    assert {"post", "comment", "article"} <= kinds
    assert all(u.startswith("https://") for u in linked.get_column("link").to_list())


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1", True),
        (" http://example.com/x ", True),
        ("javascript:alert(1)", False),
        ("https://example.com/a b", False),
        ("https://example.com/\x1b[31m", False),
        ('https://example.com/"onmouseover=x', False),
        ("/post/edit/123", False),
        ("", False),
    ],
)
def test_web_link_keeps_only_plain_http_urls(value: str, kept: bool) -> None:
    assert (web_link(value) is not None) is kept


# --- the worklist -----------------------------------------------------------------------------------------


def test_worklist_ranks_by_risk_with_reasons(fixture_analysis: Analysis) -> None:
    entries = worklist.build(fixture_analysis)
    assert entries and [e.rank for e in entries] == list(range(1, len(entries) + 1))
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)
    assert all(e.verdict in ("training", "conditional") for e in entries)
    by_link = {e.link: e for e in entries if e.link}
    phone_post = by_link["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000002"]
    assert "personal_data" in phone_post.reasons
    # Posted on 2024-06-15 by a person born on 2007-03-07: under 18 then.
    young = by_link["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000003"]
    assert "minor" in young.reasons and young.rank < phone_post.rank
    named = by_link["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7000000000000000001"]
    assert "person" in named.reasons
    assert len({e.key for e in entries}) == len(entries)
    assert all(e.action == "delete" for e in entries if e.kind == "post")  # LinkedIn: no audience change


def test_worklist_entries_without_links_say_where_to_find_them(demo: Analysis) -> None:
    entries = worklist.build(demo)
    assert any("gps" in e.reasons for e in entries)
    for e in entries:
        assert e.link or e.where or e.platform == "whatsapp"
    fb = [e for e in entries if e.platform == "facebook"]
    assert fb and all(e.where == "https://www.facebook.com/me/allactivity" for e in fb if not e.link)


@pytest.mark.parametrize("fmt", ["html", "md", "csv"])
def test_worklist_golden(fixture_analysis: Analysis, fmt: str) -> None:
    entries = worklist.build(fixture_analysis)
    meta = worklist_out.Meta(inputs=(fx.NAME,), as_of=fx.AS_OF.isoformat(), labels=(("linkedin", "LinkedIn"),))
    got = worklist_out.render(entries, fmt, meta).decode("utf-8")
    path = GOLDEN / f"worklist.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path.name} changed; UPDATE_GOLDEN=1 to accept"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_worklist_html_is_offline_escaped_and_remembers_ticks(fixture_analysis: Analysis) -> None:
    entries = worklist.build(fixture_analysis)
    meta = worklist_out.Meta(inputs=(fx.NAME,), as_of=fx.AS_OF.isoformat())
    page = worklist_out.render(entries, "html", meta).decode("utf-8")
    p = _Tags()
    p.feed(page)
    for tag, attrs in p.tags:
        assert not {"src", "srcset", "action"} & set(attrs), (tag, attrs)
        assert not any(a.startswith("on") for a in attrs)
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "").startswith("https://")
    boxes = [a for t, a in p.tags if t == "input"]
    assert len(boxes) == len(entries) and {b["data-key"] for b in boxes} == {e.key for e in entries}
    assert "localStorage" in page and "@media print" in page
    assert fx.SCRIPT not in page and fx.SCRIPT in "".join(p.text)


def test_worklist_csv_feeds_diff(fixture_analysis: Analysis) -> None:
    entries = worklist.build(fixture_analysis)
    data = worklist_out.render(entries, "csv", worklist_out.Meta(inputs=(), as_of="2026-11-29")).decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [r["key"] for r in rows] == [e.key for e in entries]
    assert all(r["done"] == "" for r in rows)
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())


@pytest.mark.parametrize("fmt", ["html", "md", "csv"])
def test_cleanup_command_writes_each_format(cli, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"worklist.{fmt}"
    result = cli("cleanup", "--demo", "-o", out, "--as-of", "2026-12-03")
    assert result.exit_code == 0, result.stderr
    assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "worklist items" in result.stderr


def test_cleanup_command_rejects_an_unknown_format(cli, tmp_path: Path) -> None:
    result = cli("cleanup", "--demo", "-o", tmp_path / "w.pdf")
    assert result.exit_code == 2
    assert result.stderr.startswith("exportscope: error:") and not (tmp_path / "w.pdf").exists()
