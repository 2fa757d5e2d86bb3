"""Issue 18: every screen, report and summary the samples give, in French, holds no English of ours.

The check looks for English words that French never uses (``the``, ``and``, ``your``...). What may be
English on purpose is taken out first, and only that: the archive's own text (quoted items, file names and
paths in code spans, blockquotes, finding values in quotes), the titles of the published texts a policy fact
rests on (a platform's page keeps its title), and quoted names of platform settings (« Improve the model »).
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exportscope.pipeline import Options, analyze
from exportscope.samples import sample_paths

OPTIONS = Options(as_of=date(2026, 12, 3))

#: English words with no French homograph: one of them outside the allowed spans is English left over.
ENGLISH = frozenset(
    " ".join(
        (
            "the and of is are your you with from which this that items used not would were have has been what",
            "where when only every none files read into their they them than then there these those",
            "quit theme screenshot keys help show hide save browse search back settings training people yes",
        )
    ).split()
)

#: What may stay English, removed before the check: code spans and blockquotes (archive text, file names),
#: quoted text (« … », “ … ”, "…": quoted platform sentences, settings and archive values), link titles of
#: the published sources, bold finding values, and archive file names that name an English app's chats.
ALLOWED = [
    re.compile(r"`[^`]*`"),
    re.compile(r"^\s*>.*$", re.M),
    re.compile(r"«[^»]*»"),
    re.compile(r"“[^”]*”"),
    re.compile(r'"[^"\n]*"'),
    re.compile(r"\[[^\]]*\]\(<?https?://[^)]*\)"),
    re.compile(r"\*\*[^*]*\*\*"),
    re.compile(r"https?://\S+"),
    re.compile(r"WhatsApp Chat with [^.]*\.txt"),
    re.compile(r"\b(?:your|data)_[\w./-]*"),
]

#: Known gap, another issue's: WhatsApp's chat notes are composed in English in the reader, and issue 15.2
#: (typed notes) gives them their words in every language. Listed here by their start, never silently.
KNOWN_GAPS: list[re.Pattern[str]] = []


def english_left(text: str) -> list[str]:
    for rx in (*ALLOWED, *KNOWN_GAPS):
        text = rx.sub(" ", text)
    found = []
    for line in text.splitlines():
        words = [w for w in re.findall(r"[^\W\d_]+", line) if w.lower() in ENGLISH]
        if words:
            found.append(f"{words}: {line.strip()[:200]}")
    return found


#: French typography puts a space before ``:`` and ``;`` (« Où : … », « a ; b »): a word glued to one of them,
#: with a space after it, is English punctuation left over. Times (``12:30``) and addresses are not matched.
GLUED = re.compile(r"[^\W\d_][:;](?=\s|$)", re.M)


def english_punctuation(text: str) -> list[str]:
    """The lines of ``text`` (archive text and quotes taken out first) with a ``:`` or ``;`` glued to a word."""
    for rx in (*ALLOWED, *KNOWN_GAPS):
        text = rx.sub(" ", text)
    text = re.sub(r"&#?\w+;", " ", text)  # entities (``&gt;``) end in a semicolon of their own
    return [line.strip()[:200] for line in text.splitlines() if GLUED.search(line)]


def html_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # A link's text is a source's title or an address; code, quotes and blockquotes are the archive's.
    page = re.sub(r"<(a|code|blockquote|q)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<br\s*/?>|</(p|li|tr|h\d|div|section)>", "\n", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def analysis() -> Any:
    return analyze(sample_paths(), OPTIONS)


def test_the_checker_finds_english_and_spares_what_may_stay() -> None:
    assert english_punctuation("Pourquoi: un lieu; une date") != []
    assert english_punctuation("Pourquoi : un lieu ; une date, à 12:30 (https://x.example/a:b) &gt; suite") == []
    assert english_left("Utilisé pour entraîner l'IA : 3 items used") == [
        "['items', 'used']: Utilisé pour entraîner l'IA : 3 items used"
    ]
    assert english_left("L'adresse notée par la plateforme") == []
    assert english_left("> Lead with what you do\nTexte « Improve the model » dans `your_posts_1.json`") == []


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_french_report_has_no_english_of_ours(analysis: Any, tmp_path: Path, fmt: str) -> None:
    from exportscope.report import write_report

    out = tmp_path / f"r.{fmt}"
    write_report(analysis, out, fmt=fmt, lang="fr", findings=None)
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        text = html_text(text)
    assert english_left(text) == []
    assert english_punctuation(text) == []


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_french_worklist_has_no_english_of_ours(analysis: Any, fmt: str) -> None:
    """The clean-up worklist in French: its words and its punctuation (« Pourquoi : a ; b »)."""
    from exportscope.actions import worklist, worklist_out

    # The items' own words (a snippet, escaped for the format) are the archive's: left out, ours are checked.
    entries = [dataclasses.replace(e, text="") for e in worklist.build(analysis)]
    assert any(len(e.reasons) > 1 for e in entries)  # the samples give lines with several reasons to join
    meta = worklist_out.Meta(inputs=("archive.zip",), as_of=OPTIONS.as_of.isoformat(), lang="fr")
    text = worklist_out.render(entries, fmt, meta).decode("utf-8")
    if fmt == "html":
        text = html_text(text)
    mine = without(text, archive_strings(analysis))
    assert " ; " in mine
    assert english_left(mine) == []
    assert english_punctuation(mine) == []


def archive_strings(analysis: Any) -> list[str]:
    """The archive's own words as a screen may show them: every item's text and file, whole, line by line,
    and cut to a table cell's width (the screens show it as typed, never translated)."""
    out: set[str] = set()
    for text, source in analysis.items.select("text", "source").iter_rows():
        for value in (text, source):
            if not value:
                continue
            out.add(value)
            for line in value.splitlines():
                out.add(line.strip())
            flat = " ⏎ ".join(value.splitlines())
            out.update({flat, flat[:24], flat[:10]})
    return sorted((s for s in out if len(s) >= 4), key=len, reverse=True)


def source_titles() -> list[str]:
    """The titles of the published texts the policy facts rest on: a platform's page keeps its title."""
    from exportscope.policies import load_policies

    return sorted({s["title"] for p in load_policies().values() for s in p.sources if s.get("title")}, key=len)[::-1]


def without(text: str, archive: list[str]) -> str:
    for rx in ALLOWED:  # quotes and addresses first: a cut archive value may start like one
        text = rx.sub(" ", text)
    for value in archive:
        if value in text:
            text = text.replace(value, " ")
    return text


def widget_texts(screen: Any) -> str:
    """Every Static's full content (a scrolled-away card or help line included) and every border title."""
    from textual.widgets import Static

    parts = []
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.content))
        for attr in ("border_title", "border_subtitle"):
            if value := getattr(widget, attr, None):
                parts.append(str(value))
    return "\n".join(parts)


def test_every_screen_in_french_has_no_english_of_ours(tmp_path: Path) -> None:
    import asyncio

    from exportscope.tui.app import ExportScopeApp
    from exportscope.tui.screens.answers import AnswersScreen
    from exportscope.tui.screens.browser import BrowserScreen
    from exportscope.tui.screens.export import ExportDialog
    from exportscope.tui.screens.findings import FindingsScreen
    from exportscope.tui.screens.help import HelpScreen
    from exportscope.tui.screens.optout import OptOutScreen
    from exportscope.tui.screens.worklist import WorklistScreen
    from tests.test_tui import screen_text, wait_for

    seen: dict[str, str] = {}
    analysis_of_app: list[Any] = []

    async def run() -> None:
        app = ExportScopeApp(sample_paths(), OPTIONS, lang="fr", export_dir=tmp_path)
        async with app.run_test(size=(160, 48)) as pilot:
            await wait_for(pilot, lambda: app.result is not None and app.result.findings is not None, timeout=120)
            assert app.result is not None
            analysis_of_app.append(app.result.analysis)
            await pilot.pause()
            seen["dashboard"] = screen_text(app) + widget_texts(app.screen)
            seen["palette"] = "\n".join(f"{c.title}\n{c.help}" for c in app.get_system_commands(app.screen))
            for key, screen in [
                ("b", BrowserScreen),
                ("o", OptOutScreen),
                ("f", FindingsScreen),
                ("question_mark", HelpScreen),
                ("e", ExportDialog),
                ("a", AnswersScreen),
                ("w", WorklistScreen),
            ]:
                await pilot.press(key)
                await wait_for(pilot, lambda screen=screen: isinstance(app.screen, screen), timeout=30)
                await pilot.pause()
                seen[screen.__name__] = screen_text(app) + widget_texts(app.screen)
                await pilot.press("escape")
                await wait_for(pilot, lambda screen=screen: not isinstance(app.screen, screen), timeout=30)

    asyncio.run(run())
    archive = [str(tmp_path), tmp_path.name, *source_titles()]
    archive += archive_strings(analysis_of_app[0]) if analysis_of_app else []
    left = {name: english_left(without(text, archive)) for name, text in seen.items()}
    assert {name: found for name, found in left.items() if found} == {}
    glued = {name: english_punctuation(without(text, archive)) for name, text in seen.items()}
    assert {name: found for name, found in glued.items() if found} == {}


def summary_text(analysis: Any, lang: str) -> str:
    """``exportscope summary`` (the tables) of an analysis, as printed, wide enough that no line wraps."""
    from rich.console import Console

    from exportscope.render_text import print_summary
    from exportscope.summary import build

    console = Console(width=400, record=True, highlight=False, emoji=False)
    print_summary(build(analysis), console, lang=lang)
    return console.export_text()


@pytest.mark.parametrize(
    "options",
    [OPTIONS, Options(as_of=date(2025, 3, 1), opted_out=frozenset({"linkedin", "meta"}))],
    ids=["today", "before-the-start-dates-opted-out"],
)
def test_the_french_text_summary_has_no_english_of_ours(options: Options) -> None:
    """Every sample at once (every platform, the exports list, the notes, the to-do list), in French: no
    English of ours, kinds by their names (never a code such as ``ai_chat``), counts agreeing with their noun."""
    from exportscope.summary import build

    analysis = analyze(sample_paths(), options)
    text = summary_text(analysis, "fr")
    # What may stay as written: the published texts' titles (the to-do list's sources too), the archive's
    # own words, its file names and the names of the inputs.
    todo_sources = [
        str(a["source"]["title"]) for a in build(analysis).todo["actions"] if "title" in a.get("source", {})
    ]
    names = [Path(p).name for p in analysis.inputs]
    archive = [*source_titles(), *todo_sources, *archive_strings(analysis), *(e.path for e in analysis.ledger), *names]
    archive.sort(key=len, reverse=True)
    mine = without(text, archive)
    assert english_left(mine) == []
    assert english_punctuation(mine) == []
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", mine) == []  # no kind, verdict or role code
    assert re.findall(r"\b[01] (?:éléments|conversations|mots|lignes|fichiers)\b", text) == []


def test_summary_takes_lang_like_the_other_commands(cli: Any) -> None:
    """``summary --lang fr`` prints the tables in French; the JSON document stays the same whatever the
    language (English beside its keys); an unknown language is refused before anything is read."""
    from exportscope.samples import samples_dir

    zip_ = samples_dir() / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
    french = cli("summary", zip_, "--as-of", "2025-10-01", "--lang", "fr")
    assert french.exit_code == 0
    text = " ".join(french.stdout.split())
    assert "L'entraînement de l'IA commence le 2025-11-03 dans votre région" in text
    assert "fichiers : 53 (lus : 52," in text and "Utilisé pour entraîner l'IA" in text
    english = " ".join(cli("summary", zip_, "--as-of", "2025-10-01", "--lang", "en").stdout.split())
    assert "AI training starts on 2025-11-03 in your region" in english and "fichiers" not in english
    as_json = [cli("summary", zip_, "--json", "--as-of", "2025-10-01", *lang).stdout for lang in ([], ["--lang", "fr"])]
    assert as_json[0] == as_json[1]
    refused = cli("summary", zip_, "--lang", "de")
    assert refused.exit_code == 2 and "--lang" in refused.stderr
