"""What changed in the inputs while they were read: files that appeared in a folder, files that changed.

Why: the plan lists the inputs once and both processes read that list (:mod:`exportscope.parallel`), so a
chat that lands in the folder while it is read (a download finishing) is not read, and a file that grows
is read as large as it was listed. That is the right answer for one run, but never a silent one: after the
read, each input is looked at again (a folder walked, a file's identity and size compared) and a note in
the summary says how many files appeared or changed, so the person can run again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from exportscope.archive import Source, fingerprint
from exportscope.notes import Note


def _walk(root: Path) -> dict[str, tuple[int, int]]:
    """Every file name under ``root`` (relative POSIX path) -> (size, mtime ns), as the folder reader walks."""
    found: dict[str, tuple[int, int]] = {}
    for dirpath, _dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for fname in filenames:
            full = here / fname
            try:
                st = full.lstat()
            except OSError:
                continue
            found[full.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return found


def _moved(source: Source) -> bool:
    """True when a zip or loose file on disk is no longer what was opened (replaced, grown, rewritten)."""
    if source.fingerprint is None or source.origin is not None:
        return False
    try:
        return fingerprint(os.stat(source.path)) != source.fingerprint
    except OSError:
        return True


def changes(sources: Sequence[Source], inputs: Sequence[Path | str]) -> list[Note]:
    """Notes (typed values, like the plan's) on the inputs that changed since they were listed."""
    notes: list[Note] = []
    for given in inputs:
        root = Path(given)
        mine = [s for s in sources if s.path == root or s.path.is_relative_to(root)]
        appeared = changed = 0
        if root.is_dir():
            known: dict[str, tuple[int, int]] = {}
            for s in mine:
                if s.kind == "folder" and s.path == root:
                    known.update(s.listing)
            opened = [s for s in mine if s.origin is None and s.path != root]  # zips in the folder, opened
            for s in opened:  # compared by their identity below, not by the listing
                known[s.path.relative_to(root).as_posix()] = (-1, -1)
            now = _walk(root)
            appeared = sum(1 for rel in now if rel not in known)
            changed = sum(1 for rel, was in known.items() if was != (-1, -1) and rel in now and now[rel] != was)
            changed += sum(1 for s in opened if _moved(s))
        else:
            changed = sum(1 for s in mine if _moved(s))
        if appeared:
            notes.append(Note.of("appeared", path=str(given), n=appeared))
        if changed:
            notes.append(Note.of("changed", path=str(given), n=changed))
    return notes
