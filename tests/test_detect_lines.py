"""Detection first looks for each marker's required text in all the paths at once
(:func:`exportscope.platforms.base.required_text`), then asks path by path: the score is the one the
path-by-path search gives, on real listings and odd paths alike."""

from __future__ import annotations

import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from exportscope.platforms import all_platforms
from exportscope.platforms.base import Platform, required_text
from tests.conftest import SAMPLES


def _path_by_path(platform: Platform, paths: list[str]) -> float:
    lowered = [p.lower() for p in paths]
    return sum(m.weight for m in platform._marker_res if any(re.search(m.pattern, p) for p in lowered))


def _sample_listings() -> list[list[str]]:
    listings = []
    for archive in sorted(SAMPLES.rglob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            listings.append(zf.namelist())
    return listings


def test_every_sample_listing_scores_the_same_for_every_platform() -> None:
    listings = _sample_listings()
    assert len(listings) > 5
    detected = 0
    for paths in listings:
        for platform in all_platforms():
            score = platform.detect(paths)
            assert score == _path_by_path(platform, paths), (platform.name, paths[:3])
            detected += score >= platform.threshold
    assert detected >= len(listings) - 2  # the samples are recognised (a chat .txt may need its content)


#: Pieces of real paths and odd characters: near misses of the markers, newlines and slashes inside names.
PIECES = st.sampled_from(
    [
        "your_facebook_activity/",
        "messages/",
        "profile.csv",
        "Connections.csv",
        "_chat.txt",
        "facebook-jdoe/",
        "media/posts/202401/",
        "x.json",
        "\n",
        "/",
        "a",
        "WhatsApp Chat with Ann.txt",
        "posts/your_posts_1.json",
        "content/posts_1.json",
        "Complete_LinkedInDataExport_03-09-2026/",
        "html/messages.htm",
        ".",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(PIECES, min_size=1, max_size=4).map("".join), min_size=1, max_size=12))
def test_generated_listings_score_the_same(paths: list[str]) -> None:
    for platform in all_platforms():
        assert platform.detect(paths) == _path_by_path(platform, paths)


def test_the_required_text_is_what_every_match_holds() -> None:
    assert required_text(r"(^|/)profile\.csv$") == "profile.csv"
    assert required_text(r"(^|/)(shares|comments)(_\d+)?\.csv$") == ".csv"  # a choice is no required text
    assert required_text(r"(^|/)media/(posts|reels)/\d{6}/[^/]+$") == "media/"
    assert required_text(r"(^|/)profiles?\.json") == "profile"  # "s?" may be absent: the runs stop at it
    assert required_text(r"(?i)profile\.csv") is None  # case-insensitive: no shortcut
    assert required_text(r"[a-z]+") is None
    assert required_text("(unclosed") is None


def test_every_marker_matches_only_paths_that_hold_its_required_text() -> None:
    for platform in all_platforms():
        for pattern, _ in platform.markers:
            required = required_text(pattern)
            if required is None:
                continue
            rx = re.compile(pattern)
            for path in ("a/" + required, required, "x/" + required + "y"):
                if rx.search(path):
                    assert required in path


def test_a_marker_is_compiled_only_once_a_path_holds_its_text() -> None:
    toy = Platform(
        name="toy",
        label="Toy",
        rules_file="no-such-schema",
        readers={},
        markers=((r"(^|/)profile\.csv$", 1.0), (r"(^|/)likes/[^/]+\.json$", 0.5)),
    )
    profile, likes = toy._marker_res
    assert toy.detect(["Connections.csv", "messages/inbox/a/message_1.json"]) == 0.0
    assert profile._rx is None and likes._rx is None  # no path holds either's text: nothing compiled
    assert toy.detect(["data/Profile.csv", "likes/pages.json"]) == 1.5
    assert profile._rx is not None and likes._rx is not None
    assert toy.detect_root(["profile.csv"]) == 1.0
