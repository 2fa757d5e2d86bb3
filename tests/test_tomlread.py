"""The TOML parser (exportscope.tomlread): rtoml and tomllib give the same values for every file we ship.

rtoml is the installed parser (a dependency); tomllib is the fallback on a platform without it. Every TOML
file of the package, the samples and the test platform is parsed by both and compared, and malformed TOML
fails with the one error the callers catch, whichever parser reads it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from exportscope import tomlread
from exportscope.schemafiles import RuleError, read_schema

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    p
    for folder in ("exportscope", "schemas", "sample_exports", "tests/toy_platform")
    for p in (ROOT / folder).rglob("*.toml")
)

rtoml = pytest.importorskip("rtoml")


def test_the_installed_parser_is_rtoml() -> None:
    assert tomlread.BACKEND == "rtoml"


def test_the_standard_parser_is_not_imported_beside_rtoml() -> None:
    """A run imports tomllib only where rtoml is missing (it cost 2 ms before the reading worker starts)."""
    code = "import sys, exportscope.tomlread as t; t.loads('a = 1'); print('tomllib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_every_shipped_file_is_found() -> None:
    names = {p.name for p in SHIPPED}
    assert {"linkedin.toml", "policies.toml", "messages.toml", "letters.toml", "questions.toml", "demo.toml"} <= names
    assert len(SHIPPED) >= 20


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_give_the_same_values(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = tomllib.loads(text)
    assert tomlread.loads(text) == expected
    assert _types(tomlread.loads(text)) == _types(expected)  # 1 and 1.0 are equal; their types are not


def _types(value: object) -> object:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


MALFORMED = [
    'a = "unterminated\n',
    "a = 1\na = 2\n",  # a key defined twice
    "[table\nb = 1\n",
    "a = 01\n",  # leading zero
    "a = [1, 2\n",
    'a = "\\q"\n',  # unknown escape
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_toml_raises_the_error_callers_catch_with_either_parser(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(tomlread.TOMLError):
        tomlread.loads(text)
    monkeypatch.setattr(tomlread, "_LOADS", tomllib.loads)
    monkeypatch.setattr(tomlread, "_ERRORS", (tomllib.TOMLDecodeError,))
    with pytest.raises(tomlread.TOMLError):
        tomlread.loads(text)


def test_a_malformed_schema_file_is_a_rule_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope import schemafiles

    (tmp_path / "broken.toml").write_text("[detection\nthreshold = 1\n", encoding="utf-8")
    monkeypatch.setattr(schemafiles, "schemas_dir", lambda: tmp_path)
    with pytest.raises(RuleError, match=r"broken\.toml"):
        read_schema("broken.toml")
