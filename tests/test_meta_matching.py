"""Meta's rule matching by suffix (platforms/meta/matching.py) gives the rule file's own first match."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exportscope.platforms import all_platforms
from exportscope.platforms.meta import Meta
from exportscope.platforms.meta.matching import suffix_of

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


class _Member:
    def __init__(self, path: str) -> None:
        self.path = path


def _paths() -> list[str]:
    found: set[str] = set()
    for z in sorted(SAMPLES.glob("*/*.zip")):
        with zipfile.ZipFile(z) as zf:
            found.update(zf.namelist())
    odd = {"a/.json", "x/Y.JSON", "noext", "a/b.tar.gz", "media/p.JPG", "no-data.txt", "x/no-data.TXT", "a.json/b"}
    return sorted(found | {p.upper() for p in found} | {p + ".bak" for p in found} | odd)


@pytest.mark.parametrize("platform", [p for p in all_platforms() if isinstance(p, Meta)], ids=lambda p: p.name)
def test_matching_by_suffix_is_the_rule_files_first_match(platform: Meta) -> None:
    paths = _paths()
    assert len(paths) > 500
    for path in paths:
        member = _Member(path)
        assert platform.match(member) is platform.ruleset.match(path, platform.name_key(path)), path  # type: ignore[arg-type]


def test_suffix_of_a_glob_or_name() -> None:
    assert suffix_of("your_posts/*.json") == ".json"
    assert suffix_of("message_*.JSON") == ".json"
    assert suffix_of("media/**") is None
    assert suffix_of("*.js*") is None
    assert suffix_of("no-data.txt") == ".txt"
    assert suffix_of("folder.v2/file") is None
