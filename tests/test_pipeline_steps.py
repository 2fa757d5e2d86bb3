"""Values in a leaf module; a pipeline of read, merge and assemble; partial results that never change later."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from exportscope.actions.answers import reclassify
from exportscope.pipeline import analyze, assemble, merge, read
from exportscope.plan import make_plan
from exportscope.types import Analysis, Options

REPO = Path(__file__).resolve().parent.parent
PKG = REPO / "exportscope"
SAMPLES = REPO / "sample_exports"
S2026 = SAMPLES / "linkedin-2026" / "Complete_LinkedInDataExport_03-09-2026.zip"
META = sorted((SAMPLES / "facebook-2025").glob("*.zip")) + sorted((SAMPLES / "instagram-2025").glob("*.zip"))


def _imports(path: Path) -> set[str]:
    """Every exportscope module a file imports, at the top, inside functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("exportscope"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("exportscope"))
    return found


def test_types_is_a_leaf_at_run_time() -> None:
    code = (
        "import sys, exportscope.types as t; t.Options(region='France', as_of='2025-10-01');"
        "bad = [m for m in ('exportscope.pipeline', 'exportscope.plan', 'exportscope.reading', 'exportscope.contexts',"
        " 'exportscope.classify', 'exportscope.archive', 'polars') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_types_names_the_pipeline_only_for_the_type_checker() -> None:
    pipeline = {"exportscope.pipeline", "exportscope.contexts", "exportscope.classify", "exportscope.reading"}
    top = ast.parse((PKG / "types.py").read_text(encoding="utf-8")).body
    runtime = {n.module for n in top if isinstance(n, ast.ImportFrom) and n.module}
    assert not runtime & pipeline
    assert not _imports(PKG / "types.py") & {"exportscope.pipeline", "exportscope.contexts"}


def test_contexts_and_pipeline_do_not_import_each_other() -> None:
    assert "exportscope.pipeline" not in _imports(PKG / "contexts.py")
    assert "exportscope.contexts" in _imports(PKG / "pipeline.py")


def test_no_output_module_takes_its_values_from_the_pipeline() -> None:
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "exportscope.pipeline":
                names = {a.name for a in node.names}
                assert not names & {"Analysis", "Options", "Progress"}, path


def test_the_three_steps_make_what_analyze_makes() -> None:
    options = Options(as_of=date(2026, 3, 10), workers=1)
    plan = make_plan(META, options.max_member_bytes, options.max_ratio, options.max_inflated_bytes)
    try:
        stepwise = assemble(plan, META, options, merge(plan, read(plan, options)), len(plan.exports))
    finally:
        plan.close()
    whole = analyze(META, options)
    assert stepwise.items.equals(whole.items)
    assert [e.facts for e in stepwise.exports] == [e.facts for e in whole.exports]
    assert stepwise.contexts == whole.contexts


def test_partial_results_never_change_once_handed_out() -> None:
    """Each partial analysis is assembled from a prefix: the rest of the run leaves it as it was given."""
    seen: list[tuple[Analysis, list[dict[object, object]], list[list[object]], int, dict[str, object]]] = []

    def keep(a: Analysis) -> None:
        facts = [dict(e.facts) for e in a.exports]
        notes = [list(e.notes) for e in a.exports]
        seen.append((a, facts, notes, a.items.height, dict(a.contexts)))

    final = analyze([*META, S2026], Options(as_of=date(2026, 3, 10), workers=1), on_export=keep)
    assert len(seen) >= 2
    for partial, facts, notes, height, contexts in seen:
        assert [dict(e.facts) for e in partial.exports] == facts
        assert [list(e.notes) for e in partial.exports] == notes
        assert partial.items.height == height
        assert partial.contexts == contexts
        assert all(p is not f for p in partial.exports for f in final.exports)
    assert seen[0][0].items.height < seen[-1][0].items.height < final.items.height


def test_contexts_are_frozen_and_answers_make_new_ones() -> None:
    a = analyze([S2026], Options(as_of=date(2026, 3, 10)))
    ctx = a.contexts["linkedin"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.region = "us"  # type: ignore[misc]
    again = reclassify(a, dataclasses.replace(a.options, region="us", as_of=date(2024, 10, 1)))
    assert again.contexts["linkedin"] is not ctx
    assert (ctx.region, ctx.status.state.value) == ("eu", "in_force")
    assert (again.contexts["linkedin"].region, again.contexts["linkedin"].status.state.value) == ("us", "in_force")
    assert a.contexts["linkedin"] is ctx
