"""From the paths a person gives to the inputs to detect: each file once, each export on its own.

Two jobs, both before any platform is decided:

- **One file, once.** Paths are compared after resolving them (``..``, symlinks, two spellings of one
  folder): an input given twice is opened once; a file or folder given explicitly and also found inside a
  folder input is read as the explicit input only, never twice.
- **A folder of several things** (a Downloads folder): export zips, unzipped export folders, WhatsApp chats
  and account reports inside a folder each become an input of their own, so a chat is never a file of
  another export. A folder that is one export (an unzipped LinkedIn or Meta export, a folder of WhatsApp
  chats) stays one input.

Everything here is deterministic (sorted walks), so the worker process that plans the same paths again
finds the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from exportscope.archive import InputError, Member, Source, normalise_name, open_source, strip_wrapper
from exportscope.platforms.base import Platform

#: How deep folders inside a folder input are looked into for exports of their own.
MAX_DEPTH = 3

Detect = Callable[[Source], "Platform | None"]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compared as written
        return path.absolute()


def unique_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The inputs without repeats (one file under two spellings counts once), and the repeats dropped.

    Which spelling is kept does not depend on the order: the shortest, then the first in sort order.
    """
    by_target: dict[Path, list[Path]] = {}
    for p in paths:
        by_target.setdefault(_resolved(p), []).append(p)
    kept: list[Path] = []
    dropped: list[Path] = []
    for spellings in by_target.values():
        spellings.sort(key=lambda p: (len(str(p)), str(p)))
        kept.append(spellings[0])
        dropped.extend(spellings[1:])
    return kept, dropped


def drop_given_elsewhere(sources: Sequence[Source]) -> None:
    """Members of a folder input that are themselves inputs (a chat given alone and inside its folder, a
    subfolder given as well) are removed from the folder: the explicit input reads them, once."""
    targets = [(src, _resolved(src.path)) for src in sources]
    for folder, root in targets:
        if folder.kind != "folder":
            continue
        inner: list[str] = []
        for other, target in targets:
            if other is not folder and target != root and target.is_relative_to(root):
                inner.append(target.relative_to(root).as_posix())
        if not inner:
            continue
        folder.members = [m for m in folder.members if not any(m.key == k or m.key.startswith(k + "/") for k in inner)]


def _sub_source(src: Source, prefix_parts: int, members: list[Member]) -> Source:
    """The subfolder holding ``members`` (their first ``prefix_parts`` key segments) as a folder Source."""
    first = members[0].key.split("/")[:prefix_parts]
    sub = Source(path=src.path.joinpath(*first), kind="folder")
    sub.max_member_bytes, sub.max_ratio = src.max_member_bytes, src.max_ratio
    for m in members:
        key = m.key.split("/", prefix_parts)[-1]
        sub.members.append(Member(normalise_name(key), sub, m.size, m.compressed, key=key))
    return sub


def _file_source(src: Source, member: Member) -> Source | None:
    """A file of a folder as an input of its own (a chat ``.txt``, a chat zip), or None if it cannot open."""
    try:
        return open_source(src.path / member.key)
    except InputError:
        return None


def _root_score(src: Source, platform: Platform) -> float:
    """A platform's detection score counting only markers found at the folder's root (after a wrapper)."""
    return platform.detect_root([m.path for m in src.members])


def split_folder(src: Source, platforms: Sequence[Platform], detect: Detect, depth: int = 0) -> list[Source]:
    """A folder input as the inputs it holds: itself when it is one export, else one input per export found
    in it (subfolders that are exports, chat files), plus the folder with what is left (listed as not
    recognised unless it is an export itself)."""
    strip_wrapper(src.members, frozenset(t.lower() for p in platforms for t in p.top_folders))
    if not src.members:
        return [src]
    root = max(platforms, key=lambda p: _root_score(src, p))
    root_platform = root if _root_score(src, root) >= root.threshold else None
    wrap = {m.key.count("/") - m.path.count("/") for m in src.members}
    if len(wrap) != 1:
        return [src]
    prefix = wrap.pop()
    children: dict[str, list[Member]] = {}
    for m in src.members:
        children.setdefault(m.path.split("/", 1)[0] + ("/" if "/" in m.path else ""), []).append(m)
    found: list[tuple[Source, Platform]] = []
    rest: list[Member] = []
    for name in sorted(children):
        members = children[name]
        if name.endswith("/"):
            sub = _sub_source(src, prefix + 1, members)
            platform = _export_in(sub, platforms, detect, root_platform)
            if platform is not None:
                found.append((sub, platform))
                continue
        elif members[0].suffix in (".txt", ".zip"):
            single = _file_source(src, members[0])
            if single is not None:
                platform = detect(single)
                if platform is not None:
                    found.append((single, platform))
                    continue
                single.close()
        rest.extend(members)
    kinds = {p.name for _, p in found}
    if not found or (root_platform is not None and kinds <= {root_platform.name}):
        for sub, _ in found:
            sub.close()
        return [src]  # one export (or nothing we can separate): read as a whole, as given

    out: list[Source] = []
    for sub, _ in found:
        if sub.kind == "folder" and depth + 1 < MAX_DEPTH:
            out.extend(split_folder(sub, platforms, detect, depth + 1))
        else:
            out.append(sub)
    src.members = rest
    if rest or src.problems:
        out.insert(0, src)
    return out


def _export_in(sub: Source, platforms: Sequence[Platform], detect: Detect, root: Platform | None) -> Platform | None:
    """The platform of the export a subfolder holds, if it holds one of its own.

    Inside a folder that is itself an export (``root``), only a subfolder that another platform recognises
    at its own root counts (an unzipped chat export dropped into it): a category folder of the export is
    never taken for an export of its own.
    """
    if root is None:
        return detect(sub)
    keep = frozenset(t.lower() for p in platforms for t in p.top_folders)
    probe = Source(path=sub.path, kind="folder")
    probe.members = [Member(m.path, probe, m.size, m.compressed) for m in sub.members]
    strip_wrapper(probe.members, keep)
    paths = [m.path for m in probe.members]
    for p in platforms:
        if p is not root and p.detect_root(paths) >= p.threshold:
            return p
    return None
