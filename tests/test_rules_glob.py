"""Path patterns of the rule files (:class:`exportscope.rules.Glob`): the literal-piece check in front of the
regular expression never changes an answer, and a pattern's regex is compiled only when a path could match."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from exportscope.platforms import all_platforms
from exportscope.rules import Glob

#: Every ``paths`` pattern of every platform's rule file.
PATTERNS = sorted({p for platform in all_platforms() for rule in platform.ruleset.rules for p in rule.paths})


def _regex_alone(glob: Glob, low_path: str) -> bool:
    """The answer of the pattern's regular expression, without the check in front of it."""
    return re.compile(glob._source, re.S).search(low_path) is not None


def _paths_near(pattern: str) -> st.SearchStrategy[str]:
    """Paths built from the pattern's own pieces, wildcards filled in, plus noise: near misses and hits."""
    low = pattern.lower().lstrip("/")
    fills = st.sampled_from(FILLS)
    parts = re.split(r"(\*\*|\*|\?)", low)
    pieces = [st.just(p) if p not in ("**", "*", "?") else fills for p in parts]
    noise = st.sampled_from(["", "wrapper/", "your_facebook_activity/", "Other/"])
    return st.tuples(noise, *pieces, st.sampled_from(["", "x", "/extra", ".bak"])).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.data())
@example(None)
def test_the_piece_check_gives_the_regex_answer(data: st.DataObject | None) -> None:
    if data is None:
        glob = Glob("messages/**/message_*.json")
        assert glob.matches("your_activity/messages/inbox/ann_1/message_1.json")
        assert not glob.matches("messages/message_1.json")  # ** between two slashes needs a folder
        return
    pattern = data.draw(st.sampled_from(PATTERNS))
    path = data.draw(_paths_near(pattern)).lower()
    glob = Glob(pattern)
    assert glob.matches(path) == _regex_alone(glob, path), (pattern, path)


#: What a wildcard is filled with in the paths made from a pattern: nothing, a name, a folder, a quote...
FILLS = ("", "a", "x_1", "sub/dir", "/", ".json", "message_", "'")


def test_every_pattern_of_every_rule_file_gives_the_regex_answer() -> None:
    """Each pattern, with each wildcard filled by each of :data:`FILLS` (hits and near misses alike)."""
    hits = 0
    for pattern in PATTERNS:
        glob = Glob(pattern)
        parts = re.split(r"(\*\*|\*|\?)", pattern.lower().lstrip("/"))
        for fill in FILLS:
            for prefix in ("", "wrapper/"):
                path = prefix + "".join(fill if p in ("**", "*", "?") else p for p in parts)
                assert glob.matches(path) == _regex_alone(glob, path), (pattern, path)
                hits += glob.matches(path)
    assert hits > len(PATTERNS)  # most patterns matched some of their own paths


def test_a_path_missing_a_literal_piece_never_compiles_the_regex() -> None:
    glob = Glob("comments_and_reactions/comments*.json")
    assert glob.pieces == ("comments_and_reactions/comments", ".json")
    assert not glob.matches("your_facebook_activity/messages/inbox/ann_1/message_1.json")
    assert glob._regex is None
    assert glob.matches("your_facebook_activity/comments_and_reactions/comments_1.json")
    assert glob._regex is not None


def test_the_end_of_the_path_must_match_and_stars_stay_in_one_folder() -> None:
    star, anywhere = Glob("posts/*.json"), Glob("posts/**.json")
    assert star.matches("x/posts/a.json") and not star.matches("x/posts/album/a.json")
    assert anywhere.matches("x/posts/album/a.json")
    assert not star.matches("x/posts/a.json.bak")
    assert not star.matches("x/myposts/a.json")  # the pattern starts at a folder boundary
