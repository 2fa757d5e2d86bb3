"""No module imports one above it: the package's import graph, read with ``ast`` (nothing is executed).

The layers, lowest first (a module may import its own layer and those below; ``TYPE_CHECKING`` imports are
annotations only and are not counted). A group is a top-level module or a sub-package (``platforms``,
``actions``...), whose modules share its layer:

0. leaf values and helpers: notes, termsafe, keys, data, dates, textio, gctune, sigkeep, version, deflate,
   tomlread;
1. words and errors: i18n, errors;
2. reading and data: the archive layer (zipread, regular, nested, archive, snapshot), files and paths
   (fsutil, stops, waiter, outpath, formats), the schema data (schemafiles, policies, regions, rules), the values
   (model, types, summary_model), identity;
3. the platforms and what reads, plans and classifies with them: platforms, findings, inputs, plan, reading,
   classify, contexts, schedule, worker, chunkload, parallel, account_privacy, explain;
4. the pipeline;
5. outputs: summary, actions, report, redact, render_text, doctor, samples, query;
6. edges: api, commands, cli, tui, the package itself, ``__main__`` and ``launch``.

Also: textual only in ``tui/``, typer only in ``cli/``, and no import cycle between modules at import time
(module-level imports).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "exportscope"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("notes", "termsafe", "keys", "data", "dates", "textio", "gctune", "version", "columns", "deflate",
     "tomlread", "sigkeep"),
    ("i18n", "errors"),
    ("zipread", "regular", "nested", "archive", "snapshot", "fsutil", "stops", "waiter", "outpath", "formats",
     "schemafiles", "policies", "regions", "rules", "model", "questions", "types", "summary_model", "identity"),
    ("platforms", "findings", "inputs", "plan", "reading", "classify", "contexts", "schedule", "worker", "chunkload",
     "parallel", "account_privacy", "explain"),
    ("pipeline",),
    ("summary", "actions", "report", "redact", "render_text", "doctor", "samples", "query"),
    ("api", "commands", "cli", "tui", "", "__main__", "launch"),
)  # fmt: skip
RANK = {group: i for i, groups in enumerate(LAYERS) for group in groups}

#: What the graph may still find, each with why it is not fixed yet (source group, target group): none now.
#: Options checks names and answers against the data (schema files, questions.toml), not the registry.
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _group(module: str) -> str:
    return module.split(".", 1)[0]


def _imports(path: Path, modules: set[str]) -> list[tuple[str, bool, bool]]:
    """(target, at module level, under TYPE_CHECKING) for each import: a module of the package relative to
    it (``""`` is the package itself), or ``!name`` for another library."""
    tree = ast.parse(path.read_text())
    checking: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    top = {id(n) for n in tree.body}
    top |= {id(n) for s in tree.body if isinstance(s, (ast.If, ast.Try)) for n in ast.walk(s)}
    out = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from exportscope import i18n`` imports the module i18n, ``from exportscope.rules import Rule``
            # the module rules.
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.append(full if _relative(full) in modules else node.module)
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            rel = _relative(name)
            target = rel if rel is not None else "!" + name
            if rel is None or rel in modules:
                out.append((target, id(node) in top, id(node) in checking))
    return out


def _relative(name: str) -> str | None:
    if name == "exportscope" or name.startswith("exportscope."):
        return name.removeprefix("exportscope").lstrip(".")
    return None


def _graph() -> dict[str, list[tuple[str, bool, bool]]]:
    paths = {_module(p): p for p in ROOT.rglob("*.py")}
    return {module: _imports(path, set(paths)) for module, path in paths.items()}


def test_every_group_has_a_layer() -> None:
    assert {_group(m) for m in _graph()} <= set(RANK)


def test_no_module_imports_one_above_it() -> None:
    found = set()
    for module, edges in _graph().items():
        for target, _, checking in edges:
            if target.startswith("!") or checking:
                continue
            if RANK[_group(target)] > RANK[_group(module)]:
                found.add((_group(module), _group(target)))
    assert found - KNOWN_UPWARD == set()
    assert KNOWN_UPWARD - found == set()  # a fixed one leaves the list


@pytest.mark.parametrize(("library", "home"), [("textual", "tui"), ("typer", "cli")])
def test_ui_libraries_stay_at_the_edge(library: str, home: str) -> None:
    users = {
        m for m, edges in _graph().items() for t, _, _ in edges if t == f"!{library}" or t.startswith(f"!{library}.")
    }
    assert users and {_group(m) for m in users} == {home}


def test_no_import_cycle_at_import_time() -> None:
    """Module-level imports (not TYPE_CHECKING, not inside a function) form no cycle."""
    graph = {
        m: {t for t, level, checking in e if level and not checking and not t.startswith("!")}
        for m, e in _graph().items()
    }
    # A package's own ``__init__`` importing its sub-modules is how a package is built, not a cycle.
    graph = {m: {t for t in ts if not t.startswith(m + ".") or m == ""} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                cycles.append([*path[path.index(t) :], t] if t in path else [m, t])
            elif t not in state:
                visit(t, [*path, t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []
