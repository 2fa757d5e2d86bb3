"""Fuzzing the archive layer and the CSV reader: random or mutated bytes never crash the run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportscope.archive import InputError
from exportscope.model import FileStatus
from exportscope.pipeline import Options, analyze
from exportscope.textio import LineTooLong, bounded_lines

PROFILE = (
    b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    b'Twitter Handles,Websites,Instant Messengers\nAda,Example,,,Mar 7,Engineer,"Hi",Software,,"Berlin, Germany",,,\n'
)
CONNECTIONS = (
    b'Notes:\n"When exporting your connection data..."\n\n'
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ben,Sample,https://www.linkedin.com/in/ben,,Example Ltd,Engineer,20 Mar 2024\n"
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_as_an_input_never_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    path.write_bytes(data)
    try:
        analyze([path], Options())
    except InputError as exc:
        assert str(exc).count("\n") == 0


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_zip_bytes_never_crash(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    raw = bytearray(_zip({"Profile.csv": PROFILE, "Connections.csv": CONNECTIONS}))
    for pos, value in flips:
        raw[pos % len(raw)] = value
    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    path.write_bytes(bytes(raw))
    try:
        analysis = analyze([path], Options())
    except InputError:
        return
    # Whatever survived is accounted for: every member is in the ledger with a status.
    assert all(e.status in FileStatus for e in analysis.ledger)


@FUZZ
@given(noise=st.binary(max_size=2048), cut=st.integers(min_value=0, max_value=400))
def test_mutated_csv_fails_alone(tmp_path: Path, noise: bytes, cut: int) -> None:
    broken = CONNECTIONS[:cut] + noise + CONNECTIONS[cut:]
    path = tmp_path / "Complete_LinkedInDataExport_03-09-2026.zip"
    path.write_bytes(_zip({"Profile.csv": PROFILE, "Connections.csv": broken}))
    analysis = analyze([path], Options())
    status = {e.path: e.status for e in analysis.ledger}
    assert status["Profile.csv"] is FileStatus.PARSED
    assert status["Connections.csv"] in (FileStatus.PARSED, FileStatus.FAILED)
    assert analysis.items.filter(analysis.items["source"] == "Profile.csv").height == 7


def test_a_line_that_never_ends_fails_its_file_with_bounded_memory() -> None:
    stream = io.StringIO("Time,Search Query\n" + "x" * 5000)
    lines = bounded_lines(stream, limit=1024)
    assert next(lines) == "Time,Search Query\n"
    try:
        next(lines)
    except LineTooLong as exc:
        assert "longer than" in str(exc)
    else:  # pragma: no cover - the assertion above is the test
        raise AssertionError("a 5000-char line passed a 1024 limit")
