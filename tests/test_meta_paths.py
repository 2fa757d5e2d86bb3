"""Meta's path helpers give what ``PurePosixPath`` gives, without building a path per member (thousands in
an export): the file name, its suffix, and a message part's thread folder."""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from exportscope.archive.member import normalise_name
from exportscope.platforms.meta.media import file_name, file_suffix

SEGMENTS = st.text(alphabet="ab.é_-' ", min_size=0, max_size=6)


@given(SEGMENTS)
def test_the_suffix_of_a_name_is_pathlibs(name: str) -> None:
    if "/" not in name and name not in ("", "."):
        assert file_suffix(name) == PurePosixPath(name).suffix


@given(st.lists(SEGMENTS, min_size=1, max_size=4).map("/".join))
def test_name_and_thread_folder_of_a_member_path_are_pathlibs(raw: str) -> None:
    path = normalise_name(raw)  # what every member path is
    if not path:
        return
    assert file_name(path) == PurePosixPath(path).name
    parent = path.rsplit("/", 1)[0] if "/" in path else "."
    assert parent == str(PurePosixPath(path).parent)


def test_part_key_groups_the_parts_of_one_thread() -> None:
    from exportscope.platforms import all_platforms

    meta = next(p for p in all_platforms() if p.name == "facebook")
    rule = next(r for r in meta.ruleset.rules if r.reader == "messages")

    class _Member:
        def __init__(self, path: str) -> None:
            self.path = path

    keys = {
        meta.part_key(_Member(p), rule)  # type: ignore[arg-type]
        for p in (
            "your_facebook_activity/messages/inbox/ann_1/message_1.json",
            "your_facebook_activity/messages/inbox/ann_1/message_2.json",
        )
    }
    assert keys == {"your_facebook_activity/messages/inbox/ann_1"}
    lone = meta.part_key(_Member("message_1.json"), rule)  # type: ignore[arg-type]
    assert lone == "."
