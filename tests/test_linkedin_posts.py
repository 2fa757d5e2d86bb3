"""LinkedIn member content as the platform writes it: Shares, Comments, Rich media, Articles, Votes."""

from __future__ import annotations

from linkedin_helpers import items, ledger, run, texts, utc, utf16_tsv

from exportscope.platforms.linkedin.quirks import split_comment, unquote_comment, unwrap_share_lines

SHARES_HEADER = b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
FEED = b"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A"


# --- Shares -------------------------------------------------------------------------------------------------


def test_shares_per_line_quote_wrapping_is_undone(make_zip) -> None:
    # The exact bytes of linkedin.md 5.2: a blank line is "" and the post's own quotes stay inside.
    data = (
        SHARES_HEADER + b"2025-07-01 14:33:22," + FEED + b'7000000000000000001,"First line, with ""a quote"" inside""\n'
        b'""""\n'
        b'""Second line""\n'
        b'""Last line",,,MEMBER_NETWORK\n'
    )
    a = run(make_zip, {"Shares_123.csv": data})
    [post] = items(a, "Shares_123.csv")
    assert post["text"] == 'First line, with "a quote" inside\n\nSecond line\nLast line'
    assert post["timestamp"] == utc(2025, 7, 1, 14, 33, 22)
    assert (post["kind"], post["verdict"], post["visibility"]) == ("post", "training", "public")


def test_shares_crlf_file_with_crlf_wrapped_lines_and_empty_last_line(make_zip) -> None:
    data = (
        b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n"
        b"2024-03-01 09:00:00," + FEED + b'1,"Hello""\r\n""world""\r\n""",,,MEMBER_NETWORK\r\n'
        b"2024-03-02 09:00:00," + FEED + b'2,"Single ""quoted"" line",,,CONNECTIONS\r\n'
    )
    a = run(make_zip, {"Shares.csv": data})
    rows = items(a, "Shares.csv")
    assert [r["text"] for r in rows] == ["Hello\nworld", 'Single "quoted" line']
    assert [r["visibility"] for r in rows] == ["public", "network"]


def test_shares_without_wrapping_keep_their_quotes() -> None:
    # Only a consistently wrapped text is unwrapped; a hand-edited multi-line post keeps its quotes.
    assert unwrap_share_lines('He said "hi"\nand left') == 'He said "hi"\nand left'
    assert unwrap_share_lines('He said "hi""\n""Yes" she said') == 'He said "hi"\n"Yes" she said'
    assert unwrap_share_lines('one"\r\n"two') == "one\r\ntwo".replace("\r\n", "\n")


def test_shares_2018_utf16_tsv_with_its_own_columns_and_dates(make_zip) -> None:
    header = ["Date", "Share Title", "Share Description", "Share Link", "Share Commentary", "Shared URL",
              "Media URL", "Type", "Visibility"]  # fmt: skip
    data = utf16_tsv(
        [
            header,
            ["2018/04/01 11:05:54 UTC", "", "", "https://li/1", "Shipped it 🎉", "", "", "SHARE", "Public"],
            ["2018/04/20 16:45:00 UTC", "T", "D", "https://li/2", "Line one\nline two", "", "", "SHARE", "Connections"],
        ]
    )
    a = run(make_zip, {"Shares.csv": data})
    rows = items(a, "Shares.csv")
    assert [r["text"] for r in rows] == ["Shipped it 🎉", "Line one\nline two"]
    assert [r["timestamp"] for r in rows] == [utc(2018, 4, 1, 11, 5, 54), utc(2018, 4, 20, 16, 45)]
    assert [r["visibility"] for r in rows] == ["public", "network"]
    assert ledger(a, "Shares.csv") == ("parsed", None, 2)


def test_shares_header_case_drift_and_empty_commentary(make_zip) -> None:
    data = b'DATE,ShareLink,sharecommentary,SharedURL,MediaUrl,Visibility\n2025-01-01 00:00:00,x,,"","",ANYONE\n'
    a = run(make_zip, {"Shares.csv": data})
    [post] = items(a, "Shares.csv")
    assert post["text"] is None
    assert post["timestamp"] == utc(2025, 1, 1)
    assert (post["kind"], post["verdict"], post["visibility"]) == ("post", "training", "public")
    assert ledger(a, "Shares.csv") == ("parsed", None, 1)


# --- Comments -----------------------------------------------------------------------------------------------


def test_comments_unquoted_multiline_rows_are_one_comment(make_zip) -> None:
    data = (
        b"Date,Link,Message\r\n"
        b"2024-01-05 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A70000003,First line\r\n"
        b"second line of the same comment\r\n"
        b"2024-01-06 11:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A4,Next, with a comma\r\n"
    )
    a = run(make_zip, {"Comments.csv": data})
    rows = items(a, "Comments.csv")
    assert [r["text"] for r in rows] == ["First line\nsecond line of the same comment", "Next, with a comma"]
    assert [r["timestamp"] for r in rows] == [utc(2024, 1, 5, 10), utc(2024, 1, 6, 11)]
    assert {(r["kind"], r["verdict"], r["visibility"]) for r in rows} == {("comment", "training", "public")}


def test_comments_backslash_escapes_and_literal_backslashes(make_zip) -> None:
    data = (
        b"Date,Link,Message\n"
        b'2025-11-20 09:15:02,https://li/a,"I said \\"yes\\", then left"\n'
        b'2025-11-21 10:00:00,https://li/b,"Path C:\\data\\new, ok"\n'
        b'2025-11-22 10:00:00,https://li/c,"Old style ""quotes"", too"\n'
        b'2025-11-23 10:00:00,https://li/d,"Quoted\nmulti-line, \\"mixed\\""\n'
    )
    a = run(make_zip, {"Comments_99.csv": data})
    assert texts(a, "Comments_99.csv") == [
        'I said "yes", then left',
        "Path C:\\data\\new, ok",
        'Old style "quotes", too',
        'Quoted\nmulti-line, "mixed"',
    ]


def test_comment_record_cut_and_unquote() -> None:
    assert split_comment('2024-01-01 00:00:00,"https://li/x",a, b, c') == (
        "2024-01-01 00:00:00",
        "https://li/x",
        "a, b, c",
    )
    assert unquote_comment('"a \\"b\\" ""c"""') == 'a "b" "c"'
    assert unquote_comment('"unbalanced start') == '"unbalanced start'


def test_comments_with_an_unexpected_header_fall_back_to_csv(make_zip) -> None:
    data = b'Message,Date,Link\n"Hi, there",2024-01-01 10:00:00,https://li/x\n'
    a = run(make_zip, {"Comments.csv": data})
    assert texts(a, "Comments.csv") == ["Hi, there"]
    assert ledger(a, "Comments.csv") == ("parsed", "unexpected Comments header; read as plain CSV", 1)


# --- Rich media ---------------------------------------------------------------------------------------------


def test_rich_media_three_shapes_sentence_dates_and_dash_description(make_zip) -> None:
    data = (
        b"Date/Time,Media Description,Media Link\n"
        b'"You uploaded a photo on March 9, 2026 at 2:58 PM (GMT)"," -",https://m/1.jpg\n'
    )
    old = b"Type,Link\nPHOTO,https://m/2.jpg\n"
    videos = b"Description,Link\nTeam offsite,https://v/1\n"
    a = run(make_zip, {"Rich_Media.csv": data, "Rich Media.csv": old, "Videos.csv": videos})
    [new] = items(a, "Rich_Media.csv")
    assert (new["text"], new["timestamp"]) == (None, utc(2026, 3, 9, 14, 58))
    assert texts(a, "Rich Media.csv") == [None]
    assert texts(a, "Videos.csv") == ["Team offsite"]
    assert all(ledger(a, p)[1] is None for p in ("Rich_Media.csv", "Rich Media.csv", "Videos.csv"))


# --- Articles -----------------------------------------------------------------------------------------------


def _article(title: str, link: str, meta: str, body: str) -> bytes:
    return (
        f'<html><head><title>{title}</title><style>h1{{}}</style></head><body><img src="c.jpg">'
        f'<h1><a href="{link}">{title}</a></h1>{meta}<div>{body}</div></body></html>'
    ).encode()


def test_articles_published_draft_and_2018_flat(make_zip) -> None:
    published = _article(
        "Réflexions &amp; IA",
        "https://www.linkedin.com/pulse/reflexions",
        '<p class="created">Created on 2025-03-01 10:00</p><p class="published">Published on 2025-03-02 08:30</p>',
        "<p>Les donn&eacute;es&nbsp;d&#39;abord.</p><script>track()</script><p>Fin</p>",
    )
    draft = _article(
        "Untitled",
        "https://www.linkedin.com/post/edit/7000000000000000999",
        '<p class="created">Created on 2026-02-20 21:00</p><p class="published">Not published yet</p>',
        "<p>[bold]half[/bold] an idea</p>",
    )
    flat = _article("Old one", "https://www.linkedin.com/pulse/old", "", "<p>No date lines at all.</p>")
    a = run(
        make_zip,
        {
            "Articles/Articles/réflexions-ia.html": published,
            "Articles/Articles/untitled.html": draft,
            "Articles/2017-11-02 09:30:00.html": flat,
        },
    )
    [pub] = items(a, "Articles/Articles/réflexions-ia.html")
    assert pub["text"] == "Réflexions & IA\n\nLes données d'abord.\n\nFin"
    assert (pub["kind"], pub["verdict"], pub["visibility"], pub["rule"]) == (
        "article", "training", "public", "linkedin.articles",
    )  # fmt: skip
    assert pub["timestamp"] == utc(2025, 3, 2, 8, 30)
    [dr] = items(a, "Articles/Articles/untitled.html")
    assert dr["text"] == "Untitled\n\n[bold]half[/bold] an idea"
    assert (dr["verdict"], dr["visibility"], dr["rule"]) == ("not_used", "private", "linkedin.articles.draft")
    assert dr["timestamp"] == utc(2026, 2, 20, 21)
    [old] = items(a, "Articles/2017-11-02 09:30:00.html")
    assert (old["text"], old["timestamp"], old["verdict"]) == (
        "Old one\n\nNo date lines at all.",
        utc(2017, 11, 2, 9, 30),
        "training",
    )


def test_article_draft_told_by_edit_link_when_the_date_lines_are_missing(make_zip) -> None:
    draft = _article("Untitled", "https://www.linkedin.com/post/edit/1", "", "<p>text</p>")
    a = run(make_zip, {"Articles/Articles/x.html": draft})
    [dr] = items(a, "Articles/Articles/x.html")
    assert (dr["rule"], dr["timestamp"]) == ("linkedin.articles.draft", None)


def test_votes_and_header_only_activity_files(make_zip) -> None:
    a = run(
        make_zip,
        {
            "Votes_1.csv": b"Date,Link,OptionText\r\n2026-02-14 12:00:00,https://li/p,Spaces \xf0\x9f\x9a\x80\r\n",
            "Reactions_2.csv": b"Date,Type,Link\r\n",
        },
    )
    [vote] = items(a, "Votes_1.csv")
    assert (vote["text"], vote["kind"], vote["verdict"]) == ("Spaces 🚀", "poll_vote", "training")
    assert ledger(a, "Reactions_2.csv") == ("parsed", None, 0)


def test_comments_resaved_by_a_spreadsheet_are_read_as_plain_csv(make_zip) -> None:
    """Excel reformats the dates: no line starts with YYYY-MM-DD HH:MM:SS, yet no comment is lost."""
    from exportscope.pipeline import Options, analyze

    data = (
        b"Date,Link,Message\r\n"
        b'1/5/2024 10:00,https://www.linkedin.com/feed/update/urn:li:activity:1,"Great talk, thanks"\r\n'
        b"2/6/2024 11:30,https://www.linkedin.com/feed/update/urn:li:activity:2,Congrats!\r\n"
    )
    z = make_zip(
        "Complete_LinkedInDataExport_03-09-2026.zip", {"Comments.csv": data, "Profile.csv": b"First Name\nAda\n"}
    )
    a = analyze([z], Options())
    comments = a.items.filter(a.items["kind"] == "comment")
    assert sorted(comments["text"].to_list()) == ["Congrats!", "Great talk, thanks"]
    (entry,) = [e for e in a.ledger if e.path == "Comments.csv"]
    assert entry.items == 2 and "read as plain CSV" in (entry.reason or "")
