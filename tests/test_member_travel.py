"""A zip member sent to the reading worker travels with its entry's offset, not its ``ZipInfo`` (issue 19): the
worker lists the zip again and takes each member's entry at that offset, so every member reads the bytes
it read in the parent, two entries of one name included, and what is sent is about half as big."""

from __future__ import annotations

import pickle
import warnings
import zipfile
from pathlib import Path

import pytest

from exportscope.archive import open_source
from exportscope.archive.source import Source


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "export.zip"
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate name: that is the point
        zf.writestr("posts/your_posts_1.json", b'[{"timestamp": 1700000000, "data": [{"post": "first"}]}]')
        zf.writestr("posts/your_posts_1.json", b'[{"timestamp": 1700000001, "data": [{"post": "second"}]}]')
        zf.writestr("profile/profile.json", b'{"name": "Jane"}', compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("media/photo.jpg", b"\xff\xd8\xff\xe0" + bytes(4000), compress_type=zipfile.ZIP_STORED)
    return path


def _travelled(source: Source) -> Source:
    """The source as the worker receives it: pickled with its members, its handles dropped."""
    copy: Source = pickle.loads(pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
    return copy


def test_every_member_reads_the_same_bytes_after_travelling(archive: Path) -> None:
    source = open_source(archive)
    try:
        before = [(m.path, m.read_bytes()) for m in source.members]
        offsets = [m.info.header_offset for m in source.members if m.info is not None]
    finally:
        source.close()
    assert [p for p, _ in before].count("posts/your_posts_1.json") == 2  # both entries of the name are members
    copy = _travelled(source)
    try:
        assert all(m.info is None for m in copy.members)  # no entry travelled, only where it is
        assert [m.entry_offset for m in copy.members] == offsets
        after = [(m.path, m.read_bytes()) for m in copy.members]
        assert after == before  # the first of the two same-named entries reads its own bytes, not the last's
        assert all(m.info is not None and m.info.header_offset == o for m, o in zip(copy.members, offsets, strict=True))
    finally:
        copy.close()


def test_a_member_of_a_listed_zip_travels_without_its_entry(archive: Path) -> None:
    source = open_source(archive)
    try:
        member = source.members[2]
        assert member.info is not None
        state = member.__getstate__()
        assert not any(isinstance(v, zipfile.ZipInfo) for v in state)
        assert state[-1] == member.info.header_offset
        assert len(pickle.dumps(member.info)) > 100  # what no longer travels with each member
    finally:
        source.close()


def test_a_member_that_travelled_twice_keeps_its_offset(archive: Path) -> None:
    """A source pickled again before any read (a spare worker handing tasks on) still knows where each is."""
    source = open_source(archive)
    source.close()
    twice = _travelled(_travelled(source))
    try:
        assert [m.read_bytes() for m in twice.members][:2] == [
            b'[{"timestamp": 1700000000, "data": [{"post": "first"}]}]',
            b'[{"timestamp": 1700000001, "data": [{"post": "second"}]}]',
        ]
    finally:
        twice.close()
