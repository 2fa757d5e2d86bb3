"""``manifest.js`` as a ledger: every file it lists is checked against what was read (x.md section 4).

The manifest reader states each listed file's expected entry count (``expected:<file>`` facts) and every
reader states how many entries it parsed (``parsed:<file>``); once the export is read, this compares them.
A difference, a listed file that is absent, and tweet parts that do not add up to ``tweet-headers.js`` are
reported as notes; when all agree, one note says the check passed, so a reader can see it happened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from exportscope.model import Fact
from exportscope.notes import Note

_TWEET_PART = re.compile(r"^tweets?(-part\d+)?\.js$")


def _int(value: object) -> int | None:
    try:
        return int(str(value).rsplit(":", 1)[-1])
    except ValueError:
        return None


def reconcile(platform: str, facts: Mapping[tuple[str, str], Fact], paths: Sequence[str]) -> list[Note]:
    expected: dict[str, tuple[str, int]] = {}
    parsed: dict[str, int] = {}
    for (plat, name), fact in facts.items():
        if plat != platform:
            continue
        if name.startswith("expected:") and (n := _int(fact.value)) is not None:
            expected[name[9:]] = (str(fact.value).rsplit(":", 1)[0], n)
        elif name.startswith("parsed:") and (n := _int(fact.value)) is not None:
            parsed[name[7:]] = n
    present = {PurePosixPath(p).name.lower() for p in paths if "__macosx" not in p.lower()}
    if not expected:
        if parsed and "manifest.js" not in present and not any(p.lower().endswith(".csv") for p in present):
            return [Note.of("x_no_manifest")]
        return []
    notes: list[Note] = []
    for name, (_, count) in sorted(expected.items()):
        if name not in present:
            notes.append(Note.of("x_manifest_absent", file=name, n=count))
        elif name in parsed and parsed[name] != count:
            notes.append(Note.of("x_manifest_mismatch", file=name, expected=count, read=parsed[name]))
    headers = next((c for n, (_, c) in expected.items() if n == "tweet-headers.js"), None)
    tweets = sum(c for n, c in parsed.items() if _TWEET_PART.match(n))
    if headers is not None and any(_TWEET_PART.match(n) for n in parsed) and tweets != headers:
        notes.append(Note.of("x_headers_mismatch", headers=headers, read=tweets))
    if not notes:
        notes.append(Note.of("x_manifest_ok", n=len(expected)))
    return notes
