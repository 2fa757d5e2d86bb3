"""A family's reader modules are imported when a run first reads one of its files, not when the families
are loaded for detection (:class:`exportscope.platforms.base.LazyReaders`)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from exportscope.platforms import all_platforms
from exportscope.platforms.base import LazyReaders

ROOT = Path(__file__).resolve().parent.parent

#: One reader module of each family, imported only by its readers.
READER_MODULES = {
    "linkedin": "exportscope.platforms.linkedin.articles",
    "facebook": "exportscope.platforms.meta.messages",
    "whatsapp": "exportscope.platforms.whatsapp.chat",
    "x": "exportscope.platforms.x.posts",
}


def test_loading_the_families_imports_no_reader_and_a_linkedin_run_imports_only_linkedins() -> None:
    code = (
        "import sys\n"
        "from exportscope.platforms import all_platforms\n"
        "from exportscope.pipeline import Options, analyze\n"
        f"modules = {READER_MODULES!r}\n"
        "all_platforms()\n"
        "print(sorted(p for p, m in modules.items() if m in sys.modules))\n"
        "analyze(['sample_exports/linkedin-2026/Complete_LinkedInDataExport_03-09-2026.zip'], Options(workers=1))\n"
        "print(sorted(p for p, m in modules.items() if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "['linkedin']"]


def test_every_rule_names_a_reader_its_family_has() -> None:
    """The tables are only imported when used: a rule naming a reader that is not there must fail here."""
    for platform in all_platforms():
        names = set(platform.readers)
        for rule in platform.ruleset.rules:
            if not rule.ignore:
                assert rule.reader in names, (platform.name, rule.id, rule.reader)


def test_the_table_travels_to_the_worker_as_its_loader() -> None:
    meta = next(p for p in all_platforms() if p.name == "facebook")
    assert dict(meta.readers)  # loaded here
    copy = pickle.loads(pickle.dumps(meta.readers))
    assert isinstance(copy, LazyReaders) and not copy.loaded
    assert set(copy) == set(meta.readers)
