"""A new platform is one folder, one schema file, its samples and its tests: nothing else changes.

The proof: a copy of the package (``exportscope/`` and ``schemas/``, as the repository has them) gets the toy
platform of ``tests/toy_platform/`` (Pebble: a family folder with its reader, detection, question and
words; ``schemas/pebble.toml`` with its rules and policy facts; ``sample_exports/gen_pebble.py``), and the
copy's own command line detects, reads, classifies, asks and reports Pebble exports. No file of the copy is
edited: files are only added. The same registry finds the real families (``test_real_families_are_found``).

And the other half of the claim: the core names no platform. Outside ``platforms/`` (the families) and the
data, the modules that plan, model, explain, redact, diagnose, translate and parse the command line hold no
platform's name (``test_core_names_no_platform``).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from exportscope.platforms import families, family_labels, family_of
from exportscope.platforms.questions import all_questions

REPO = Path(__file__).resolve().parent.parent
TOY = Path(__file__).resolve().parent / "toy_platform"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package and its data with the toy platform's files added (none changed)."""
    root = tmp_path_factory.mktemp("tree")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "exportscope", root / "exportscope", ignore=ignore)
    shutil.copytree(REPO / "schemas", root / "schemas", ignore=ignore)
    (root / "sample_exports").mkdir()
    for name in ("make_samples.py", "_zipkit.py"):
        shutil.copy2(REPO / "sample_exports" / name, root / "sample_exports" / name)
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    shutil.copytree(TOY / "pebble", root / "exportscope" / "platforms" / "pebble", ignore=ignore)
    shutil.copy2(TOY / "schemas" / "pebble.toml", root / "schemas" / "pebble.toml")
    shutil.copy2(TOY / "sample_exports" / "gen_pebble.py", root / "sample_exports" / "gen_pebble.py")
    after = {
        p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.relative_to(root) in before
    }
    assert after == before  # only added files
    # The samples, made by the copy's sample script, which finds gen_pebble.py by its name.
    subprocess.run([sys.executable, "sample_exports/make_samples.py"], cwd=root, check=True, capture_output=True)
    return root


def run(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EXPORTSCOPE_SAMPLES", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)
    env["COLUMNS"] = "200"
    return subprocess.run(
        [sys.executable, "-m", "exportscope", *args], cwd=tree, env=env, capture_output=True, text=True, timeout=300
    )


def test_copy_runs_its_own_code(tree: Path) -> None:
    done = run(tree, "--version")
    assert done.returncode == 0
    probe = subprocess.run(
        [sys.executable, "-c", "import exportscope; print(exportscope.__file__)"],
        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(probe.stdout.strip()).parent == tree / "exportscope"


def test_new_platform_is_detected_read_classified(tree: Path) -> None:
    sample = tree / "sample_exports" / "pebble-2026" / "pebble-ada-2026-03-09.zip"
    assert sample.is_file()
    done = run(tree, "summary", str(sample), "--region", "eu", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    [pebble] = doc["platforms"]
    assert (pebble["platform"], pebble["label"], pebble["era"]) == ("pebble", "Pebble", "2026")
    assert pebble["totals"] == {"training": 1, "conditional": 0, "excluded": 0, "not_used": 2}
    by_kind = {(k["kind"], k["verdict"]): k["items"] for k in pebble["by_kind"]}
    assert by_kind == {("post", "training"): 1, ("post", "not_used"): 1, ("drop", "not_used"): 1}
    assert pebble["words"]["training"] == 6
    assert pebble["policy"]["in_force_since"] == "2025-01-01"
    assert pebble["policy"]["opt_out_url"] == "https://pebble.example/settings/ai"
    assert pebble["files"]["parsed"] == 2 and pebble["files"]["ignored"] == 1
    assert doc["todo"]["headline"]["labels"] == ["Pebble"]
    # Its to-do action comes from its own schema file, its words from its own messages.toml.
    [action] = [a for a in doc["todo"]["actions"] if a["platforms"] == ["pebble"]]
    assert (action["id"], action["items"], action["url"]) == ("pebble_setting", 1, "https://pebble.example/settings/ai")
    assert action["answered"] is False


def test_new_platform_todo_words_and_opt_out(tree: Path) -> None:
    sample = tree / "sample_exports" / "pebble-2026" / "pebble-ada-2026-03-09.zip"
    text = run(tree, "summary", str(sample), "--region", "eu")
    assert text.returncode == 0, text.stderr
    assert "Turn off Pebble's AI training" in text.stdout
    assert "Settings > Privacy > AI training: off" in text.stdout
    opted = run(tree, "summary", str(sample), "--region", "eu", "--opted-out", "pebble", "--json")
    [action] = [a for a in json.loads(opted.stdout)["todo"]["actions"] if a["id"] == "pebble_setting"]
    assert action["answered"] is True  # done_if_opted_out, from its own data


def test_new_platform_letter(tree: Path, tmp_path: Path) -> None:
    """A letter to Pebble: its controller and form from its schema file, its words from its letters.toml."""
    sample = tree / "sample_exports" / "pebble-2026" / "pebble-ada-2026-03-09.zip"
    out = tmp_path / "letter.md"
    done = run(tree, "letter", "pebble", str(sample), "--region", "eu", "-o", str(out), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "Pebble Stones Ltd (a toy)" in text and "1 Pebble Street" in text
    assert "mes galets publics" in text
    assert "https://pebble.example/object" in text
    refused = run(tree, "letter", "tiktok", str(sample), "-o", str(tmp_path / "t.md"))
    assert refused.returncode == 2 and "pebble" in refused.stderr


def test_new_platform_items_and_report(tree: Path, tmp_path: Path) -> None:
    sample = tree / "sample_exports" / "pebble-2026" / "pebble-ada-2026-03-09.zip"
    items = tmp_path / "items.jsonl"
    assert run(tree, "items", str(sample), "--region", "eu", "-o", str(items)).returncode == 0
    rows = [json.loads(line) for line in items.read_text().splitlines()]
    assert [(r["platform"], r["kind"], r["verdict"], r["rule"]) for r in rows] == [
        ("pebble", "post", "training", "pebble.posts"),
        ("pebble", "post", "not_used", "pebble.posts"),
        ("pebble", "drop", "not_used", "pebble.drops"),
    ]
    report = tmp_path / "report.md"
    done = run(tree, "report", str(sample), "--region", "eu", "--lang", "fr", "-o", str(report))
    assert done.returncode == 0, done.stderr
    text = report.read_text()
    assert "## Pebble" in text
    assert "galet" in text  # the new kind, named in French by the platform's own messages.toml
    assert "[Pebble Privacy Policy (a toy)](<https://pebble.example/privacy>)" in text


def test_new_platform_question_words_and_lists(tree: Path) -> None:
    sample = tree / "sample_exports" / "pebble-2026" / "pebble-ada-2026-03-09.zip"
    helped = run(tree, "summary", "--help")
    assert "--pebble-private" in helped.stdout and "--opted-out" in helped.stdout
    assert "pebble" in " ".join(helped.stdout.split())  # the --opted-out list
    answered = run(tree, "summary", str(sample), "--pebble-private", "yes", "--opted-out", "pebble", "--json")
    assert answered.returncode == 0, answered.stderr
    [pebble] = json.loads(answered.stdout)["platforms"]
    assert pebble["opted_out"] is True
    assert "Pebble: you said your account is private" in pebble["notes"]
    # The demo opens what gen_pebble.py declares, through the demo list make_samples.py wrote.
    demo = run(tree, "summary", "--demo", "--json")
    assert [p["platform"] for p in json.loads(demo.stdout)["platforms"]] == ["pebble"]
    # Messages that list the platforms list it too.
    (tree / "not-an-export.json").write_text("{}")
    refused = run(tree, "summary", str(tree / "not-an-export.json"))
    assert refused.returncode == 2
    assert "LinkedIn, Meta, Pebble, WhatsApp or X" in refused.stderr
    rules = run(tree, "rules", "pebble")
    assert rules.returncode == 0 and "pebble.json" in rules.stdout


def test_real_families_are_found() -> None:
    assert families() == ("linkedin", "meta", "whatsapp", "x")
    assert family_labels() == ("LinkedIn", "Meta", "WhatsApp", "X")
    assert family_of("instagram") == "meta" and family_of("x") == "x" and family_of("tiktok") is None
    assert [(q.key, q.flag) for q in all_questions()] == [
        ("facebook.audience", "--facebook-audience"),
        ("x.protected", "--x-protected"),
    ]


#: Core modules that must hold no platform's name (the issue's list).
CORE = (
    "plan.py", "model.py", "explain.py", "redact.py", "doctor.py", "cli/__init__.py", "cli/options.py",
    "cli/program.py", "commands.py", "i18n.py", "data.py", "samples.py",
)  # fmt: skip
#: Lines allowed to name a platform, each for a reason:
ALLOWED = (
    # The commands' usage examples name a real export file, as a person would type it.
    re.compile(r"^\s*Example: exportscope|^\s+Complete_LinkedInDataExport_03-09-2026\.zip --json"),
    # The catalogue's [meta] table holds formatting words (thousands separator, months), not the platform.
    re.compile(r"t\(\"meta\.\w+\""),
)


def _platform_words() -> re.Pattern[str]:
    """A platform's label as written (``LinkedIn``, ``Threads``, ``X``), or its name or family as code
    writes it (``"instagram"``, ``platforms/x/``, ``instagram#2``): ordinary words (counting threads, a
    variable ``x``) are not platform names."""
    from exportscope.platforms import all_platforms

    platforms = all_platforms()
    labels = {w for p in platforms for w in (p.label, p.family_label, "Twitter", "Threads", "Messenger") if w}
    names = {p.name for p in platforms} | {r.platform for p in platforms for r in p.ruleset.rules} | set(families())
    label = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    name = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{label})(?!\w)|(?<=[\"'`/])(?:{name})(?=[\"'`/#.])|\b(?:{name})_\w")


def test_core_names_no_platform() -> None:
    pattern = _platform_words()
    found = []
    for name in CORE:
        for n, line in enumerate((REPO / "exportscope" / name).read_text().splitlines(), start=1):
            if pattern.search(line) and not any(a.search(line) for a in ALLOWED):
                found.append(f"{name}:{n}: {line.strip()}")
    assert found == []


def test_facebook_audience_is_a_question_with_its_old_option_as_alias() -> None:
    """Meta's question is data like any other; ``Options.facebook_audience`` (the library's name before
    questions were data) and the question's answer give the same context, and the answer wins."""
    from exportscope import analyze
    from exportscope.samples import sample_paths
    from exportscope.types import Options

    paths = [p for p in sample_paths() if p.name.startswith("facebook-")]
    by_answer = analyze(paths, Options(answers=(("facebook.audience", "public"),)))
    by_alias = analyze(paths, Options(facebook_audience="public"))
    both = analyze(paths, Options(facebook_audience="public", answers=(("facebook.audience", "friends"),)))
    assert by_answer.contexts["facebook"].audience == by_alias.contexts["facebook"].audience == "public"
    assert both.contexts["facebook"].audience == "friends"
    assert by_answer.items.equals(by_alias.items)


#: The outer layers, read as code (their comments and docstrings may name a platform as an example).
OUTER = ("actions", "tui", "report", "findings", "contexts.py", "identity")
#: What still names a platform there, each with why it stays (file, text on the line):
KNOWN = (
    # Options.facebook_audience is the library's name of Meta's question from before questions were data (an
    # alias kept for scripts, issue 15b); the answers, the summary's answers block and the TUI's dialog carry it.
    ("actions/answers.py", "facebook_audience"),
    ("contexts.py", "facebook_audience"),
    ("report/todo_section.py", "facebook_audience"),
    ("tui/screens/answers.py", "facebook_audience"),
    ("tui/screens/answers.py", '"facebook" in self.analysis.contexts'),
    # The narrow table's two-letter platform column (issue 18's area: a short label per platform would go
    # in the registry).
    ("tui/widgets/item_table.py", '"linkedin": "LI"'),
    ("tui/widgets/item_table.py", '"facebook": "FB"'),
    ("tui/widgets/item_table.py", '"instagram": "IG"'),
    ("tui/widgets/item_table.py", '"threads": "TH"'),
    ("tui/widgets/item_table.py", '"whatsapp": "WA"'),
    ("tui/widgets/item_table.py", '"x": "X"'),
    # The comparison's carrier of Threads (the letter facts' ``carrier`` says the same; to be read there).
    ("actions/diff.py", 'carriers.get("instagram") if platform == "threads"'),
    # Meta's objection form is the one form the to-do list always shows beside the concerned platforms'.
    ("actions/todo.py", 'p == "facebook"'),
    # Apps' user-agent names found in account data (Instagram/..., WhatsApp/...): a pattern of the finding.
    ("findings/identifiers.py", "Instagram|FBAN|WhatsApp"),
)
#: Words that look like a platform's name but are not: the catalogue's [meta] formatting keys, a key binding,
#: a ticked box's mark, metadata.
NOT_PLATFORM = re.compile(
    r"\bt\([\"']meta\.|\bclass Meta\b|: Meta\b|\bmeta_from_exif\b|\bMeta\(|class=\"meta\""
    r"|Binding\(\"x\"|[\"']x[\"'] if |\"x\", \"1\""
)


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, code) of a module, its comments and docstrings left out."""
    text = path.read_text()
    physical = text.splitlines()
    code: set[int] = set()
    comment_at: dict[int, int] = {}
    prev = tokenize.NEWLINE
    structure = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            comment_at[tok.start[0]] = tok.start[1]
            continue
        if tok.type == tokenize.NL:
            continue
        docstring = tok.type == tokenize.STRING and prev in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        if not docstring and tok.type not in structure:
            code.update(range(tok.start[0], tok.end[0] + 1))
        prev = tok.type
    return [(n, physical[n - 1][: comment_at.get(n)].strip()) for n in sorted(code)]


def test_outer_layers_name_no_platform_but_the_known() -> None:
    """The to-do list, the letters, reports, findings, the TUI, contexts and identity take every platform fact
    from the registry and the platforms' files: their code names a platform only where :data:`KNOWN` says why."""
    pattern = _platform_words()
    root = REPO / "exportscope"
    files = [f for name in OUTER for f in ((root / name).rglob("*.py") if (root / name).is_dir() else [root / name])]
    found, used = [], set()
    for path in files:
        rel = path.relative_to(root).as_posix()
        for n, line in _code_lines(path):
            if not pattern.search(line) or NOT_PLATFORM.search(line) or any(a.search(line) for a in ALLOWED):
                continue
            known = [k for k in KNOWN if k[0] == rel and k[1] in line]
            used.update(known)
            if not known:
                found.append(f"{rel}:{n}: {line}")
    assert found == []
    assert set(KNOWN) == used  # an entry whose line is gone is removed from the list
