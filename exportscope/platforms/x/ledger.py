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

from exportscope import i18n
from exportscope.model import Fact

_TWEET_PART = re.compile(r"^tweets?(-part\d+)?\.js$")


def _int(value: object) -> int | None:
    try:
        return int(str(value).rsplit(":", 1)[-1])
    except ValueError:
        return None


def reconcile(platform: str, facts: Mapping[tuple[str, str], Fact], paths: Sequence[str]) -> list[str]:
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
            return [i18n.t("note.x_no_manifest", "en")]
        return []
    notes: list[str] = []
    for name, (_, count) in sorted(expected.items()):
        if name not in present:
            notes.append(i18n.t("note.x_manifest_absent", "en", file=name, n=count))
        elif name in parsed and parsed[name] != count:
            notes.append(i18n.t("note.x_manifest_mismatch", "en", file=name, expected=count, read=parsed[name]))
    headers = next((c for n, (_, c) in expected.items() if n == "tweet-headers.js"), None)
    tweets = sum(c for n, c in parsed.items() if _TWEET_PART.match(n))
    if headers is not None and any(_TWEET_PART.match(n) for n in parsed) and tweets != headers:
        notes.append(i18n.t("note.x_headers_mismatch", "en", headers=headers, read=tweets))
    if not notes:
        notes.append(i18n.t("note.x_manifest_ok", "en", n=len(expected)))
    return notes
