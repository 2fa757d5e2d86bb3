"""The check that lets polars parse a chunk of a LinkedIn CSV: :func:`rfc4180` gives the answer of the
reference regular expression ``RFC4180.fullmatch`` on every input the caller lets through (no NUL, every
carriage return before a line feed), generated over the bytes that matter and on real-shaped rows."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from exportscope.platforms.linkedin.csvbytes import _BAD_OUTSIDE, RFC4180, bad_outside, lone_cr, rfc4180


def _allowed(body: bytes) -> bool:
    return b"\x00" not in body and body.count(b"\r") == body.count(b"\r\n")


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([b'"', b",", b"\n", b"\r\n", b"a", b"\xc3\xa9", b'""', b" "]), max_size=40))
@example([b'"', b"a", b'"', b",", b"x", b"\n"])  # a quoted field, then an unquoted one on the same line
@example([b'"', b"a", b'"', b"x"])  # text glued to a closing quote
@example([b"x", b'"', b"a", b'"'])  # text glued to an opening quote
@example([b'"', b"a", b'""', b"b", b'"', b"\n"])  # a doubled quote inside a field
def test_the_fast_check_agrees_with_the_regular_expression(parts: list[bytes]) -> None:
    body = b"".join(parts)
    if _allowed(body):
        assert rfc4180(body) == (RFC4180.fullmatch(body) is not None), body


ROWS = [
    b'"conv-1","","Ada Example","https://www.linkedin.com/in/ada","Ben","https://x","2024-01-01 00:00:00 UTC","",'
    b'"Hi ""Ben"", see you at 5,\nok?","INBOX",""\n',
    b"conv-2,,Ada,https://li/in/ada,Ben,https://li/in/ben,2024-05-02 08:01:10 UTC,,plain text,INBOX,\r\n",
    b'"conv-3","","Ada","","Ben","","2024-05-02 08:01:10 UTC","","",INBOX,\n',
]
BROKEN = [
    b'"conv-4","Ada "the" Example","x"\n',  # text right after a closing quote
    b'conv-5,Ada "A" Example,x\n',  # a quote inside an unquoted field
    b'"conv-6","unterminated\n',
    b'"conv-7"x,"y"\n',
]


def test_real_shaped_rows_pass_and_broken_quoting_fails() -> None:
    for row in ROWS:
        assert rfc4180(row * 3) and RFC4180.fullmatch(row * 3)
    for row in BROKEN:
        body = ROWS[0] + row + ROWS[1]
        assert not rfc4180(body) and RFC4180.fullmatch(body) is None, row


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b"\n\r", b"\r\r\n"]), max_size=12))
def test_a_lone_carriage_return_is_found_by_the_short_cut_as_by_counting(parts: list[bytes]) -> None:
    body = b"".join(parts)
    assert lone_cr(body) == (body.count(b"\r") != body.count(b"\r\n")), body


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([b'"', b",", b"\n", b"\r", b"a", b"\xc3\xa9", b" "]), max_size=16))
def test_the_quick_outside_check_is_the_regular_expression(parts: list[bytes]) -> None:
    outside = b"".join(parts)
    assert bad_outside(outside) == (_BAD_OUTSIDE.search(outside) is not None), outside
