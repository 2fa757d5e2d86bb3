"""Reports: golden files per format, HTML safety (no external resource, no unescaped archive text), French
and redacted content, atomic writes, the format registry and the ``report`` command.

Golden files live in ``tests/golden/``; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 python -m pytest tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import orjson
import polars as pl
import pytest
import report_fixture as fx

from exportscope import __version__
from exportscope.findings import find
from exportscope.pipeline import Analysis, Options, analyze
from exportscope.platforms.people import People
from exportscope.redact import Redactor
from exportscope.report import FormatError, render_report, report_format_for, write_report

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze([fx.build(tmp_path_factory.mktemp("report"))], Options(as_of=fx.AS_OF))


@pytest.fixture(scope="module")
def findings(analysis: Analysis) -> list[dict[str, Any]]:
    return find(analysis)


def _render(analysis: Analysis, findings: list[dict[str, Any]], fmt: str, **kw: Any) -> str:
    return render_report(analysis, fmt, findings=findings, **kw).decode("utf-8")


def _stable(text: str) -> str:
    return text.replace(f"exportscope {__version__}", "exportscope VERSION")


# --- golden files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "redact", "name"),
    [
        ("html", "en", False, "report.html"),
        ("md", "en", False, "report.md"),
        ("json", "en", False, "report.json"),
        ("md", "fr", True, "report.fr.redacted.md"),
    ],
)
def test_golden(
    analysis: Analysis, findings: list[dict[str, Any]], fmt: str, lang: str, redact: bool, name: str
) -> None:
    got = _stable(_render(analysis, findings, fmt, lang=lang, redact=redact))
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(("lang", "login"), [("en", "13 March 2024"), ("fr", "13 mars 2024")])
def test_table_dates_read_as_the_prose_does(
    analysis: Analysis, findings: list[dict[str, Any]], fmt: str, lang: str, login: str
) -> None:
    """Issue 18: one date format per report. The kinds' first and last dates and the examples' dates are
    spelled as the report's prose spells dates in its language; the JSON report keeps ISO timestamps."""
    text = _render(analysis, findings, fmt, lang=lang)
    if fmt == "html":
        cells = re.findall(r"<td>([^<]*)</td>", text) + re.findall(r'<div class="ex-meta">(.*?)</div>', text)
    else:
        cells = [line for line in text.splitlines() if line.startswith("|") or (line.startswith("*") and " · " in line)]
    assert cells and any(login in c for c in cells)
    assert [c for c in cells if ISO_DAY.search(c)] == []
    assert text.count(login) >= 2  # the login's first and last
    doc = orjson.loads(render_report(analysis, "json", findings=findings, lang=lang))
    kinds = [k for p in doc["platforms"] for k in p["by_kind"] if k["kind"] == "login"]
    assert kinds and kinds[0]["first"].startswith("2024-03-13")


def test_render_is_deterministic(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    assert _render(analysis, findings, "html") == _render(analysis, findings, "html")


# --- HTML safety ------------------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "footer", "section", "h1", "h2", "h3", "h4",
    "p", "ul", "li", "table", "tr", "th", "td", "blockquote", "div", "span", "strong", "code", "a",
    "svg", "rect", "text", "line", "ol", "dl", "dt", "dd", "b", "br",
}  # fmt: skip
RESOURCE_ATTRS = {"src", "srcset", "data", "poster", "background", "action", "formaction", "xlink:href", "ping"}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


@pytest.fixture(scope="module")
def parsed_html(analysis: Analysis, findings: list[dict[str, Any]]) -> _Collect:
    p = _Collect()
    p.feed(_render(analysis, findings, "html"))
    return p


def test_html_loads_no_external_resource(parsed_html: _Collect) -> None:
    for tag, attrs in parsed_html.tags:
        assert not RESOURCE_ATTRS & set(attrs), (tag, attrs)
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "").startswith("https://"), (tag, attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            assert attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'"
    css = "".join(parsed_html.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert {t for t, _ in parsed_html.tags} <= ALLOWED_TAGS


def test_html_archive_text_is_escaped_not_markup(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    html = _render(analysis, findings, "html")
    for raw in (fx.SCRIPT, fx.IMG_ATTR, "<b>données</b>", "<i>italics</i>", "<Engineer>", "<technique>"):
        assert raw not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert "\x00" not in html
    # ...and a browser shows exactly what was typed.
    p = _Collect()
    p.feed(html)
    text = "".join(p.text)
    assert fx.SCRIPT in text and fx.IMG_ATTR in text and "=SUM(A1:A9) is not a formula here" in text
    assert "Ingénieure <b>données</b> & IA 🚀" in text


def test_html_charts_and_print_styles(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    html = _render(analysis, findings, "html")
    assert html.count("<svg ") == 2  # verdict totals, training-eligible items per year
    # Per-year bars: 2023: 1, 2024: 2, 2025: 3 (a post, the position, the endorsement at 23:59:59 UTC), 2026: 1.
    for year, n in (("2023", 1), ("2024", 2), ("2025", 3), ("2026", 1)):
        assert f"<title>{year} · Used for AI training: {n}</title>" in html
    assert "@media print" in html and "break-inside:avoid" in html


# --- Markdown and JSON --------------------------------------------------------------------------------


def test_control_characters_never_reach_html_or_markdown() -> None:
    from exportscope.report.html import esc
    from exportscope.report.markdown import md_escape

    assert esc("a\x00b\x1bc\x7fd\n") == "abcd\n"
    assert md_escape("a\x00b\x1bc") == "abc"


def test_markdown_escapes_markup(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    md = _render(analysis, findings, "md")
    # Paths sit in code spans, where renderers show markup literally; everywhere else it is escaped.
    outside_code = re.sub(r"`[^`\n]*`", "", md)
    assert fx.SCRIPT not in outside_code and "&lt;script&gt;" in md
    assert f"`Notes/{fx.SCRIPT}.txt`" in md
    assert "\\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\| a \\| b" in md
    assert "“=SUM(A1:A9) is not a formula here." in md  # mid-line, = is plain text
    assert "\\# not a heading \\| \\~\\~strike\\~\\~ \\$x\\$" in md


def test_markdown_quotes_escape_line_start_markup() -> None:
    from exportscope.report.markdown import _quote

    assert _quote("=SUM(A1)\n- not a list\n# not a heading\n1. not a list\n\n    not code") == (
        "> \\=SUM(A1)\n> \\- not a list\n> \\# not a heading\n> 1\\. not a list\n>\n> not code"
    )


def test_json_report_is_the_summary_plus_findings(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    from exportscope.summary import SCHEMA_ID

    doc = orjson.loads(_render(analysis, findings, "json"))
    assert doc["schema"] == SCHEMA_ID == "exportscope.summary/1"
    assert doc["inputs"] == [fx.NAME]  # file names only: no local folders in a shared report
    assert doc["report"] == {"generator": f"exportscope {__version__}", "lang": "en", "redacted": False}
    assert [(f["type"], f["count"]) for f in doc["findings"]] == [(f["type"], f["count"]) for f in findings]
    p = doc["platforms"][0]
    assert p["totals"] == {"training": 17, "conditional": 0, "excluded": 0, "not_used": 7}
    assert p["training_by_year"] == [
        {"year": 2023, "training": 1, "conditional": 0},
        {"year": 2024, "training": 2, "conditional": 0},
        {"year": 2025, "training": 3, "conditional": 0},
        {"year": 2026, "training": 1, "conditional": 0},
    ]
    assert p["examples"][0]["text"].startswith('Bonjour 👋 <script>alert("pwned")</script>')
    assert p["files"]["failed"] == [
        {"path": "Education.csv", "error": "damaged data (checksum mismatch)", "code": "damaged_checksum"}
    ]
    assert f"Notes/{fx.SCRIPT}.txt" in p["files"]["unrecognized"]


# --- French -------------------------------------------------------------------------------------------


def test_french_report_content(analysis: Analysis, findings: list[dict[str, Any]]) -> None:
    html = _render(analysis, findings, "html", lang="fr")
    assert '<html lang="fr">' in html
    for phrase in (
        "Ce que votre export de données expose à l&#x27;entraînement de l&#x27;IA",
        "Politiques en vigueur au 29 novembre 2026",
        "Région : UE / EEE (d&#x27;après l&#x27;export)",
        "l&#x27;entraînement de l&#x27;IA sur ce contenu est en vigueur depuis le 3 novembre 2025",
        "Utilisé pour entraîner l&#x27;IA",
        "Principales catégories",
        "Adresses e-mail dans du texte exploitable pour l&#x27;entraînement : 1",
        "Ce que vous pouvez faire",
        "Préférences et confidentialité &gt; Confidentialité des données",
        "Désactiver ce réglage arrête l&#x27;utilisation future",
        "17 éléments (",
    ):
        assert phrase in html, phrase
    for english in ("What you can do", "Used for AI training", "Biggest kinds", "Settings &amp; Privacy"):
        assert english not in html, english
    md = _render(analysis, findings, "md", lang="fr")
    assert "## Vue d'ensemble" in md and "champ de profil" in md and "Archives lues :" in md


def test_french_numbers_use_narrow_spaces(analysis: Analysis) -> None:
    many = analysis.items.vstack(pl.concat([analysis.items] * 80))
    big = Analysis(analysis.inputs, analysis.options, analysis.exports, many, analysis.ledger, analysis.contexts)
    md = render_report(big, "md", lang="fr", findings=[]).decode()
    assert "| Utilisé pour entraîner l'IA | 1\u202f377 |" in md


# --- redaction ----------------------------------------------------------------------------------------

SECRETS = ("zoe.dupont@example.fr", "06 12 34 56 78", "+44 20 7946 0958", "@ben_sample", "Ada Lovelace")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_redacted_report_masks_and_keeps_counts(analysis: Analysis, findings: list[dict[str, Any]], fmt: str) -> None:
    plain = _render(analysis, findings, fmt)
    masked = _render(analysis, findings, fmt, redact=True)
    from exportscope.report.markdown import md_escape

    for secret in SECRETS:
        assert secret in plain or md_escape(secret) in plain, secret
        assert secret not in masked and md_escape(secret) not in masked, secret
    assert "[e-mail]" in masked.replace("\\[", "[").replace("\\]", "]")
    assert "[phone]" in masked.replace("\\[", "[").replace("\\]", "]")
    assert "[name]" in masked.replace("\\[", "[").replace("\\]", "]")
    if fmt == "json":
        a, b = orjson.loads(plain), orjson.loads(masked)
        assert b["report"]["redacted"] is True
        assert [(f["type"], f["count"], f["distinct"]) for f in a["findings"]] == [
            (f["type"], f["count"], f["distinct"]) for f in b["findings"]
        ]
        assert a["platforms"][0]["totals"] == b["platforms"][0]["totals"]
        assert a["platforms"][0]["words"] == b["platforms"][0]["words"]
        assert len(a["platforms"][0]["examples"]) == len(b["platforms"][0]["examples"])
        people = next(f for f in b["findings"] if f["type"] == "person")
        assert [e["value"] for e in people["examples"]] == ["[name]", "[name]"]
        assert people["examples"][0]["text"] == (
            'Bonjour 👋 <script>alert("pwned")</script> — merci à [name] et [name] pour le café ☕'
        )


def test_redacted_report_hides_message_text(tmp_path: Path) -> None:
    members = dict(fx.members())
    members["guide_messages.csv"] = fx.GUIDE.encode()
    members["messages.csv"] = fx.MESSAGES.encode()
    path = tmp_path / fx.NAME
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    analysis = analyze([path], Options(as_of=fx.AS_OF))
    # Whatever the messages reader yields, the AI-chat item carries this text (set here so the test does
    # not depend on the LinkedIn reader's progress).
    chat = "Rewrite my CV for zoe.cv@example.fr please, my number is 06 12 34 56 78"
    analysis.items = analysis.items.with_columns(
        text=pl.when(pl.col("kind") == "ai_chat").then(pl.lit(chat)).otherwise(pl.col("text")),
        words=pl.when(pl.col("kind") == "ai_chat").then(pl.lit(14, pl.Int64)).otherwise(pl.col("words")),
    )
    found = find(analysis, media=False)
    plain = orjson.loads(render_report(analysis, "json", findings=found))
    masked = orjson.loads(render_report(analysis, "json", findings=found, redact=True))
    ex_plain = [e for e in plain["platforms"][0]["examples"] if e["kind"] == "ai_chat"]
    ex_masked = [e for e in masked["platforms"][0]["examples"] if e["kind"] == "ai_chat"]
    assert [e["text"] for e in ex_plain] == [chat]
    assert [e["text"] for e in ex_masked] == ["[message text hidden: 14 words]"]
    email = next(f for f in masked["findings"] if f["type"] == "email")
    assert email["count"] == 2
    assert all("@example.fr" not in (e.get("text") or "") for e in email["examples"])
    assert "[message text hidden: 14 words]" in [e.get("text") for e in email["examples"]]
    md = render_report(analysis, "md", findings=found, redact=True, lang="fr").decode()
    assert "\\[texte du message masqué : 14 mots\\]" in md and "Rewrite my CV" not in md


def test_redactor_paths_and_text() -> None:
    r = Redactor("en")
    assert r.path("your_facebook_activity/messages/inbox/bensample_123/message_1.json") == (
        "your_facebook_activity/messages/inbox/[conversation]/message_1.json"
    )
    assert r.path("WhatsApp Chat with Alice Example.txt") == "WhatsApp Chat with [name].txt"
    assert r.path("Shares.csv") == "Shares.csv"
    assert r.text("mail a.b@example.com or @ab_cd, +33 6 12 34 56 78") == "mail [e-mail] or [name], [phone]"
    assert Redactor("fr").text("+33 6 12 34 56 78") == "[téléphone]"
    # WhatsApp chats are named after their contact: that name is masked wherever it appears.
    r = Redactor("en", People(phrases={"Alice", "Meta AI", "Famille Dupont"}))
    assert r.text('chat "Alice" with Alicent; Famille Dupont; Meta AI') == 'chat "[name]" with Alicent; [name]; Meta AI'
    assert r.message(1) == "[message text hidden: 1 word]"
    assert Redactor("fr").message(0) == "[texte du message masqué : 0 mot]"


# --- writing ------------------------------------------------------------------------------------------


def test_format_registry() -> None:
    assert [report_format_for(p) for p in ("a.html", "a.HTM", "a.md", "a.markdown", "a.json")] == [
        "html",
        "html",
        "md",
        "md",
        "json",
    ]
    assert report_format_for("exposure.txt", "markdown") == "md"
    with pytest.raises(FormatError, match=r"exposure\.txt: cannot tell the report format"):
        report_format_for("exposure.txt")
    with pytest.raises(FormatError, match="--format 'pdf'"):
        report_format_for("a.html", "pdf")


def test_write_report_is_atomic(
    analysis: Analysis, findings: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "exposure.html"
    assert write_report(analysis, target, findings=findings) == target
    before = target.read_bytes()
    assert before.startswith(b"<!DOCTYPE html>") and before.endswith(b"</html>\n")

    from exportscope.report import html as html_mod

    def boom(_: object) -> bytes:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(html_mod, "render", boom)
    with pytest.raises(RuntimeError):
        write_report(analysis, target, findings=findings)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["exposure.html"]


# --- the command ----------------------------------------------------------------------------------------


def test_report_command(cli: Any, tmp_path: Path) -> None:
    archive = fx.build(tmp_path)
    out = tmp_path / "exposure.md"
    res = cli("report", archive, "-o", out, "--lang", "fr", "--redact", "--as-of", "2026-11-29")
    assert res.exit_code == 0, res.stderr
    assert res.stderr == f"exportscope: wrote the md report to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Ce que votre export de données expose")
    assert "zoe.dupont@example.fr" not in text and "\\[e-mail\\]" in text
    res = cli("report", archive, "-o", tmp_path / "x.bin", "--format", "json", "--as-of", "2026-11-29")
    assert res.exit_code == 0
    assert orjson.loads((tmp_path / "x.bin").read_bytes())["report"]["lang"] in ("en", "fr")


def test_report_command_lang_from_locale(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    archive = fx.build(tmp_path)
    res = cli("report", archive, "-o", tmp_path / "r.html")
    assert res.exit_code == 0
    assert '<html lang="fr">' in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "r.pdf"), "r.pdf: cannot tell the report format"),
        (("-o", "r.html", "--lang", "de"), "--lang 'de': unsupported language; use en or fr"),
        (("-o", "r.html", "--format", "docx"), "--format 'docx': cannot tell the report format"),
    ],
)
def test_report_command_bad_options_exit_2(cli: Any, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    archive = fx.build(tmp_path)
    res = cli("report", archive, *[str(tmp_path / a) if a.startswith("r.") else a for a in args])
    assert res.exit_code == 2
    assert message in res.stderr and "Traceback" not in res.stderr
    assert not list(tmp_path.glob("r.*"))


def test_summary_json_has_findings_unless_asked_not_to(cli: Any, tmp_path: Path) -> None:
    archive = fx.build(tmp_path)
    res = cli("summary", archive, "--json", "--as-of", "2026-11-29")
    doc = orjson.loads(res.stdout)
    assert [f["type"] for f in doc["findings"]] == [
        "email", "phone", "street_address", "birth_date", "person", "exif_gps", "exif_camera", "exif_date", "minor",
    ]  # fmt: skip
    res = cli("summary", archive, "--json", "--no-findings", "--as-of", "2026-11-29")
    assert orjson.loads(res.stdout)["findings"] == []
    assert re.search(r"exportscope · as of \d{4}-\d\d-\d\d", cli("summary", archive).stdout)


# --- every committed sample (LinkedIn now; Meta and WhatsApp once their samples land) ----------------------

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_exports"
SAMPLES = sorted(
    p for p in SAMPLE_DIR.rglob("*") if p.is_file() and (p.suffix == ".zip" or p.name.startswith("WhatsApp Chat"))
)


@pytest.mark.skipif(not SAMPLES, reason="no sample archives in this checkout yet")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_renders_safely_in_every_format(sample: Path) -> None:
    from exportscope.archive import InputError

    try:
        analysis = analyze([sample], Options(as_of=fx.AS_OF))
    except InputError:
        pytest.skip(f"{sample.name}: not an export on its own (a part or a deliberately broken sample)")
    found = find(analysis)
    for lang in ("en", "fr"):
        for redact in (False, True):
            html = render_report(analysis, "html", lang=lang, redact=redact, findings=found).decode()
            p = _Collect()
            p.feed(html)
            assert {t for t, _ in p.tags} <= ALLOWED_TAGS
            assert all(not RESOURCE_ATTRS & set(a) for _, a in p.tags)
            doc = orjson.loads(render_report(analysis, "json", lang=lang, redact=redact, findings=found))
            assert [f["count"] for f in doc["findings"]] == [f["count"] for f in found]
            assert render_report(analysis, "md", lang=lang, redact=redact, findings=found)
