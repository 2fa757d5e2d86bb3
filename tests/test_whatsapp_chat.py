"""The WhatsApp chat line grammar and date-order inference, on lines shaped as the phones write them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportscope.notes import Note
from exportscope.platforms.whatsapp.chat import DMY, MDY, MYD, YMD, ChatParser, Message
from exportscope.platforms.whatsapp.lines import _DATE_SPLIT, HEADER, classify_body, date_fields, split_author
from exportscope.platforms.whatsapp.read import looks_like_chat

LRM = "\u200e"
NNBSP = "\u202f"
E2E = "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read them."


#: The date group of a header, alone (what the parser hands date_fields): checked to be HEADER's own below.
HEADER_DATE = re.compile(r"\d{1,4}(?P<ds>[-/.])\s?\d{1,4}(?P=ds)\s?\d{1,4}")


def parse(text: str) -> tuple[ChatParser, list[Message]]:
    parser = ChatParser()
    return parser, list(parser.parse(text.splitlines(keepends=True)))


def dt(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Every row of whatsapp.md section 3, each followed by a line that settles the order the way real files do.
VARIANTS = [
    # (header line, a second message that shows the order, expected timestamp of the first)
    ("3/6/18, 1:55 PM - Ana: hello", "3/13/18, 2:00 PM - Bo: later", dt(2018, 3, 6, 13, 55)),
    ("23/06/2018, 01:55 p.m. - Ana: hello", "24/06/2018, 01:00 a.m. - Bo: later", dt(2018, 6, 23, 13, 55)),
    ("03-06-2018, 01.55 PM - Ana: hello", "14-06-2018, 01.00 PM - Bo: later", dt(2018, 6, 3, 13, 55)),
    ("01/30/2019, 08:49 p. m. - Ana: hello", "01/31/2019, 08:50 a. m. - Bo: later", dt(2019, 1, 30, 20, 49)),
    ("13.6.2018 klo 21.25.15 - Ana: hello", "14.6.2018 klo 08.00.00 - Bo: later", dt(2018, 6, 13, 21, 25, 15)),
    ("13.06.18 21.25.15: Ana: hello", "14.06.18 08.00.00: Bo: later", dt(2018, 6, 13, 21, 25, 15)),
    ("13. 6. 2018. 21:25:15 Ana: hello", "14. 6. 2018. 08:00:00 Bo: later", dt(2018, 6, 13, 21, 25, 15)),
    ("[06.13.18 21:25:15] Ana: hello", "[06.14.18 08:00:00] Bo: later", dt(2018, 6, 13, 21, 25, 15)),
    (f"[3/6/18, 1:55:00{NNBSP}PM] Ana: hello", f"[3/14/18, 9:00:00{NNBSP}AM] Bo: later", dt(2018, 3, 6, 13, 55)),
    (f"{LRM}[3/6/18 1:55:00 p. m.] Ana: hello", "[13/6/18 9:00:00 a. m.] Bo: later", dt(2018, 6, 3, 13, 55)),
    ("[2018/06/13, 21:25:15] Ana: hello", "[2018/06/14, 08:00:00] Bo: later", dt(2018, 6, 13, 21, 25, 15)),
    ("[07.03.26, 21:22:39] Ana: hello", "[17.03.26, 08:00:00] Bo: later", dt(2026, 3, 7, 21, 22, 39)),
    ("[01/30/19 20:49] Ana: hello", "[01/31/19 08:00] Bo: later", dt(2019, 1, 30, 20, 49)),
    ("2023-12-20, 5:46 p.m. - Ana: hello", "2023-12-21, 9:00 a.m. - Bo: later", dt(2023, 12, 20, 17, 46)),
    ("[06/2018/13, 21:25:15] Ana: hello", "[06/2018/14, 08:00:00] Bo: later", dt(2018, 6, 13, 21, 25, 15)),
]


@pytest.mark.parametrize(("first", "second", "expected"), VARIANTS)
def test_every_header_variant_gives_sender_time_and_text(first: str, second: str, expected: datetime) -> None:
    parser, msgs = parse(f"{first}\n{second}\n")
    assert [(m.author, m.text, m.variant) for m in msgs] == [("Ana", "hello", None), ("Bo", "later", None)]
    assert msgs[0].timestamp == expected
    assert msgs[0].row == 1 and msgs[1].row == 2
    assert not parser.ambiguous
    assert parser.invalid == 0


def test_orders_are_named_after_the_evidence() -> None:
    assert parse("[2018/06/13, 21:25:15] Ana: a\n")[0].order == YMD
    assert parse("13/06/2018, 21:25 - Ana: a\n")[0].order == DMY
    assert parse("06/13/2018, 21:25 - Ana: a\n")[0].order == MDY
    parser, _ = parse("[06/2018/13, 21:25:15] Ana: a\n")
    assert parser.order == MYD and parser.order_name == "month/year/day"


def test_messages_before_the_evidence_are_held_back_then_read_in_that_order() -> None:
    text = "01/06/2025, 09:00 - Ana: first\n02/06/2025, 09:00 - Bo: second\n14/06/2025, 09:00 - Ana: third\n"
    parser, msgs = parse(text)
    assert [m.timestamp for m in msgs] == [dt(2025, 6, 1, 9), dt(2025, 6, 2, 9), dt(2025, 6, 14, 9)]
    assert parser.order_how == "values" and parser.order_note is None


# --- ambiguous files (every day <= 12) -----------------------------------------------------------------------


def test_ambiguous_file_is_read_in_the_order_that_keeps_time_moving_forward_day_first() -> None:
    text = (
        "3/1/25, 9:15 a. m. - Lucía: ¡Feliz año!\n"
        "5/1/25, 12:40 a. m. - Lucía: <Multimedia omitido>\n"
        "9/1/25, 6:05 p. m. - Sam: ¿Qué tal?\n"
        "2/2/25, 11:20 a. m. - Sam: Eliminaste este mensaje.\n"
        "1/3/25, 10:10 a. m. - Sam: ¡Vale!\n"
    )
    parser, msgs = parse(text)
    assert parser.order == DMY and parser.order_how == "chronology" and parser.ambiguous
    assert [m.timestamp for m in msgs] == [
        dt(2025, 1, 3, 9, 15),
        dt(2025, 1, 5, 0, 40),  # 12:40 a. m. is forty minutes past midnight
        dt(2025, 1, 9, 18, 5),
        dt(2025, 2, 2, 11, 20),
        dt(2025, 3, 1, 10, 10),
    ]
    assert parser.order_note == Note.of(
        "wa_order_ambiguous_day_first", order=Note.of("wa_order_day_month_year"), why=Note.of("wa_why_chronology")
    )
    assert dict(parser.own_deletions) == {"Sam": 1}


def test_ambiguous_file_can_resolve_to_month_first_by_chronology() -> None:
    text = "1/3/24, 10:00 - Ana: a\n1/5/24, 10:00 - Bo: b\n2/1/24, 10:00 - Ana: c\n"
    parser, msgs = parse(text)
    assert parser.order == MDY and parser.order_how == "chronology"
    assert [m.timestamp for m in msgs] == [dt(2024, 1, 3, 10), dt(2024, 1, 5, 10), dt(2024, 2, 1, 10)]


def test_ambiguous_single_day_us_style_file_uses_the_locale_hint_month_first() -> None:
    text = f"3/6/18, 1:55 PM - {E2E}\n3/6/18, 1:56 PM - Ana: hello\n"
    parser, msgs = parse(text)
    assert parser.order == MDY and parser.order_how == "hint"
    assert msgs[1].timestamp == dt(2018, 3, 6, 13, 56)
    assert parser.order_note == Note.of(
        "wa_order_ambiguous_month_first", order=Note.of("wa_order_month_day_year"), why=Note.of("wa_hint_us_12_hour")
    )


def test_ambiguous_single_day_24_hour_file_uses_the_locale_hint_day_first() -> None:
    parser, msgs = parse("3/6/18, 13:55 - Ana: hola\n3/6/18, 13:56 - Bo: hola\n")
    assert parser.order == DMY and parser.order_how == "hint"
    assert msgs[0].timestamp == dt(2018, 6, 3, 13, 55)
    assert parser.order_note is not None and parser.order_note.args["why"] == Note.of("wa_hint_day_first")


# --- bodies -------------------------------------------------------------------------------------------------


def test_multi_line_messages_crlf_bom_and_a_preamble_line() -> None:
    raw = (
        "\ufeffexported by a tool\r\n"
        "[14/06/2025, 10:02:11] Ana: line one\r\n"
        "line two\r\n"
        "\r\n"
        "2016-04-29 10:30:00 is when we met\r\n"  # date-like, but not this file's header shape
        "[14/06/2025, 10:03:00] Bo: ok\r\n"
    )
    parser, msgs = parse(raw)
    assert [(m.author, m.text, m.row) for m in msgs] == [
        ("Ana", "line one\nline two\n\n2016-04-29 10:30:00 is when we met", 2),
        ("Bo", "ok", 6),
    ]
    assert parser.preamble == 1


def test_system_lines_android_ios_and_a_subject_holding_a_colon() -> None:
    text = (
        f"12/06/2025, 19:02 - {E2E}\n"
        '12/06/2025, 19:03 - Ana changed the subject from "Trip" to "Plan: Sunday"\n'
        f"12/06/2025, 19:04 - Ana: {LRM}image omitted\n"
        "13/06/2025, 08:00 - You added Bo\n"
    )
    parser, msgs = parse(text)
    assert [(m.author, m.variant) for m in msgs] == [
        (None, "system"),
        (None, "system"),
        ("Ana", "media_omitted"),
        (None, "system"),
    ]
    assert msgs[1].text == 'Ana changed the subject from "Trip" to "Plan: Sunday"'
    assert parser.system == 3 and parser.messages == 1 and dict(parser.senders) == {"Ana": 1}
    ios = (
        f"[20/11/25, 09:15:02] Trip: {LRM}Messages and calls are end-to-end encrypted.\n[20/11/25, 09:16:00] Ana: hi\n"
    )
    parser, msgs = parse(ios)
    assert [(m.author, m.variant, m.text) for m in msgs] == [
        (None, "system", f"{LRM}Messages and calls are end-to-end encrypted."),
        ("Ana", None, "hi"),
    ]
    assert dict(parser.senders) == {"Ana": 1}  # the chat name standing as author is not a participant


@pytest.mark.parametrize(
    ("body", "variant", "attachment"),
    [
        ("<Media omitted>", "media_omitted", None),
        ("<Médias omis>", "media_omitted", None),
        ("<Multimedia omitido>", "media_omitted", None),
        ("<Medien ausgeschlossen>", "media_omitted", None),
        (f"{LRM}image omitted", "media_omitted", None),
        (f"{LRM}imagen omitida", "media_omitted", None),
        (f"{LRM}Bild weggelassen", "media_omitted", None),
        (f"{LRM}image absente", "media_omitted", None),
        ("IMG-20250101-WA0001.jpg (file attached)", "attachment", "IMG-20250101-WA0001.jpg"),
        ("IMG-20250101-WA0001.jpg (Datei angehängt)", "attachment", "IMG-20250101-WA0001.jpg"),
        ("PTT-20250101-WA0002.opus (archivo adjunto)", "attachment", "PTT-20250101-WA0002.opus"),
        ("Devis cuisine.pdf (fichier joint)", "attachment", "Devis cuisine.pdf"),
        ("VID-20250101-WA0003.mp4 (arquivo anexado)", "attachment", "VID-20250101-WA0003.mp4"),
        (
            f"{LRM}<attached: 00000042-PHOTO-2025-01-01-15-13-20.jpg>",
            "attachment",
            "00000042-PHOTO-2025-01-01-15-13-20.jpg",
        ),
        (f"Trip.pdf • 1 page {LRM}<attached: 00000043-Trip.pdf>", "attachment", "00000043-Trip.pdf"),
        ("Location: https://maps.google.com/?q=51.5,-0.1", "location", None),
        (f"{LRM}Missed voice call", "call", None),
        (f"{LRM}This message was deleted.", None, None),
        (f"{LRM}POLL:", None, None),
        (f"{LRM}You blocked this contact.", "system", None),
        ("I deleted the old photos <3", None, None),
        ("see (this) <b>", None, None),
        ("no omitted words here", None, None),
    ],
)
def test_body_kinds(body: str, variant: str | None, attachment: str | None) -> None:
    got = classify_body(body)
    assert (got.variant, got.attachment) == (variant, attachment)


def test_authors_phone_numbers_emoji_and_empty_texts() -> None:
    assert split_author("+12 345 67 89 0: hi : there") == ("+12 345 67 89 0", "hi : there")
    assert split_author("🦊: boo") == ("🦊", "boo")
    assert split_author("Ana: ") == ("Ana", "")
    assert split_author("Ana:") == ("Ana", "")
    _parser, msgs = parse("[1/13/25, 10:00:00] \u202a+44 7700 900123\u202c: ping\n")
    assert msgs[0].author == "+44 7700 900123" and msgs[0].text == "ping"


def test_twelve_am_is_midnight_and_zero_hour_twelve_hour_style_stays_zero() -> None:
    _parser, msgs = parse(
        "13/01/2025, 12:05 a. m. - Ana: a\n13/01/2025, 00:08 a. m. - Ana: b\n13/01/2025, 12:10 PM - Ana: c\n"
    )
    assert [m.timestamp for m in msgs] == [dt(2025, 1, 13, 0, 5), dt(2025, 1, 13, 0, 8), dt(2025, 1, 13, 12, 10)]


def test_an_impossible_date_keeps_the_message_without_a_timestamp() -> None:
    parser, msgs = parse("13/01/2025, 10:00 - Ana: ok\n31/02/2025, 10:00 - Ana: no such day\n")
    assert [m.timestamp for m in msgs] == [dt(2025, 1, 13, 10), None]
    assert msgs[1].text == "no such day" and parser.invalid == 1


def test_what_reads_as_a_chat() -> None:
    assert looks_like_chat(b"\xef\xbb\xbf12/06/2025, 19:02 - Ana: hi\nmore\n12/06/2025, 19:03 - Bo: yo\n")
    assert not looks_like_chat(b"Shopping list\n12/06/2025, 19:02 - milk\n")
    assert not looks_like_chat(b"")
    poem = "12/06/2025, 19:02 - Ana: a poem\n" + "a line of verse\n" * 40 + "12/06/2025, 19:03 - Bo: wow\n" * 5
    assert looks_like_chat(poem.encode())
    assert not looks_like_chat(b"12/06/2025, 19:02 - milk\n" + b"eggs\n" * 40)
    assert not looks_like_chat(b"notes\n" * 5)


def test_a_hebrew_message_starting_with_a_right_to_left_mark_is_a_message() -> None:
    from exportscope.platforms.whatsapp.chat import ChatParser

    lines = ["[20/11/25, 09:15:00] Sam: hello\n", "[20/11/25, 09:16:02] Dana: \u200fשלום, מה שלומך?\n"]
    msgs = list(ChatParser().parse(lines))
    assert [(m.author, m.variant) for m in msgs][-1][0] == "Dana"
    assert msgs[-1].variant not in ("system",)
    assert msgs[-1].text.endswith("מה שלומך?")


def test_a_name_accepted_once_is_accepted_again_only_where_split_author_would() -> None:
    # The parser remembers the names split_author accepted before ": ". A name that ended its line with ":"
    # (accepted whatever it holds) must not vouch for the same name before ": " later: with quotes in it,
    # that line is a notice, as split_author reads it.
    _parser, msgs = parse(
        '[1/13/25, 10:00:00] Ana "A":\n'
        '[1/13/25, 10:01:00] Ana "A": changed the subject\n'
        "[1/13/25, 10:02:00] Bo: first\n"
        "[1/13/25, 10:03:00] Bo: second: with a colon\n"
        f"[1/13/25, 10:04:00] {'x' * 61}: too long for a name\n"
    )
    got = [(m.author, m.text, m.variant) for m in msgs]
    assert got == [
        ('Ana "A"', "", None),
        (None, 'Ana "A": changed the subject', "system"),
        ("Bo", "first", None),
        ("Bo", "second: with a colon", None),
        (None, f"{'x' * 61}: too long for a name", "system"),
    ]


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(["1", "12", "2018", "٣", "0", "/", ".", "-", " ", "\t", "\u00a0"]), min_size=1, max_size=9)
)
def test_the_quick_date_split_agrees_with_the_regular_expression(parts: list[str]) -> None:
    assert f"(?P<date>{HEADER_DATE.pattern})" in HEADER.pattern
    date = "".join(parts)
    if HEADER_DATE.fullmatch(date) is None:  # date_fields is only given the date of a header
        return
    spaced = _DATE_SPLIT.split(date.replace(" ", ""))
    expected = tuple(int(p) for p in spaced), tuple(len(p) for p in spaced)
    assert date_fields(date) == expected
