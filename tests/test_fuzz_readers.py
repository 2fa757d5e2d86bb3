"""Fuzzing every platform's readers: one member of a real-shaped sample is mutated (bytes flipped, inserted,
truncated); the run never raises, every member keeps a ledger line, and every *other* member keeps its
status and at least its items: a broken file never costs the rest. (At least, not exactly: Meta counts a
photo listed in a post and in its album once, so a broken posts file lets the album count that photo.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportscope.pipeline import Options, analyze

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
CASES = {
    "linkedin": SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip",
    "linkedin-2018": SAMPLES / "linkedin-2018" / "Complete_LinkedInDataExport_05-14-2018.zip",
    "facebook": SAMPLES / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip",
    "instagram": SAMPLES / "instagram-2025" / "instagram-jdoe-2025-11-20-AAAA1111.zip",
    "whatsapp": SAMPLES / "whatsapp" / "WhatsApp Chat - Famille.zip",
    "whatsapp-report": SAMPLES / "whatsapp" / "whatsapp_account_info.zip",
    "x-2025": next((SAMPLES / "x-2025").glob("twitter-*.zip")),
    "x-2020": next((SAMPLES / "x-2020").glob("twitter-*.zip")),
}
OPTIONS = Options(workers=1)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
_TEXT = (".csv", ".json", ".txt", ".html", ".js")


def _members(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i, zf.read(i)) for i in zf.infolist() if not i.is_dir()]


def _ledger(path: Path) -> dict[str, tuple[str, int]]:
    return {e.path: (e.status.value, e.items) for e in analyze([path], OPTIONS).ledger}


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.integers(min_value=0), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("truncate"), st.integers(min_value=0), st.just(b"")),
)


@pytest.mark.parametrize("case", sorted(CASES))
@FUZZ
@given(pick=st.integers(min_value=0), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_member_fails_alone(case: str, tmp_path: Path, pick: int, mutations: list) -> None:
    source = CASES[case]
    members = _members(source)
    texts = [i for i, (info, _) in enumerate(members) if info.filename.lower().endswith(_TEXT)]
    target = texts[pick % len(texts)]
    name = members[target][0].filename
    data = bytearray(members[target][1])
    for op, pos, arg in mutations:
        at = pos % (len(data) + 1)
        if op == "flip" and data:
            data[at % len(data)] = arg
        elif op == "insert":
            data[at:at] = arg
        elif op == "truncate":
            del data[at:]
    out = tmp_path / source.name
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i, (info, body) in enumerate(members):
            zf.writestr(info.filename, bytes(data) if i == target else body)
    pristine = _ledger(source)
    mutated = _ledger(out)
    assert set(mutated) == set(pristine)
    for path, (status, items) in pristine.items():
        if not path.endswith(name.split("/")[-1]) and path != name:
            assert mutated[path][0] == status, path
            assert mutated[path][1] >= items, path
