"""The words of each item are counted by the reading processes as they flush their rows
(:class:`exportscope.reading.collector.Collector`), and the classification takes that column as it is."""

from __future__ import annotations

import pytest

from exportscope import classify as classify_mod
from exportscope.model import Record
from exportscope.pipeline import Options, analyze
from exportscope.platforms import all_platforms
from exportscope.reading.collector import Collector
from tests.conftest import SAMPLES


def test_every_flushed_chunk_carries_its_word_counts() -> None:
    rule = next(r for p in all_platforms() if p.name == "linkedin" for r in p.ruleset.rules if not r.ignore)
    collector = Collector()
    texts = ["Bonjour à tous", None, "", "  two  spaces ", "line\nbreak here", "one"]
    for i, text in enumerate(texts):
        collector.add("linkedin", rule, Record(text=text, row=i + 1), "Shares.csv")
        if i == 2:
            collector.flush()  # two chunks, each counted on its own
    frame = collector.frame()
    assert frame.get_column("words").to_list() == [3, 0, 0, 2, 3, 1]


def test_the_classification_takes_the_counted_column(monkeypatch: pytest.MonkeyPatch) -> None:
    one = analyze([SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"], Options(workers=1))

    def never(*_: object) -> object:
        raise AssertionError("the words were counted again after the reading")

    monkeypatch.setattr(classify_mod, "word_counts", never)
    again = analyze([SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"], Options(workers=1))
    assert again.items.equals(one.items)
    assert again.items.get_column("words").sum() > 0
