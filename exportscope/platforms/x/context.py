"""What the readers of one X archive share: its manifest (owner, date, file ledger) and the date window.

Built once per export when the platform is bound to its archive (:meth:`X.bind`), in each process that
reads, from ``manifest.js`` alone (a few kilobytes), so no reader depends on another having run first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from exportscope.archive import Member, MemberError
from exportscope.model import ReadFailure
from exportscope.platforms.x import xdates, ytd

#: Manifests are small (kilobytes); a bigger one is not read at planning time.
MANIFEST_LIMIT = 4 << 20


@dataclass
class XContext:
    manifest: ytd.Manifest = field(default_factory=ytd.Manifest)
    #: name keys of the ``.js`` files present in the archive
    keys: frozenset[str] = frozenset()

    @property
    def owner(self) -> str | None:
        return self.manifest.account_id

    @property
    def generated(self) -> datetime | None:
        return self.manifest.generated

    @property
    def has_circle_file(self) -> bool:
        return "twitter-circle-tweet" in self.keys or "twitter-circle" in self.keys

    def window(self) -> xdates.Window:
        return xdates.Window(last=self.generated)


def find_manifest(members: Iterable[Member]) -> Member | None:
    for m in members:
        if PurePosixPath(m.path).name.lower() == "manifest.js":
            return m
    return None


def load_manifest(members: Iterable[Member]) -> ytd.Manifest:
    """The archive's manifest, or an empty one when it is missing, too big or broken (its reader says why)."""
    member = find_manifest(members)
    if member is None or member.size > MANIFEST_LIMIT:
        return ytd.Manifest()
    try:
        return ytd.parse_manifest(member.read_bytes())
    except (MemberError, ReadFailure, ValueError, RecursionError):
        return ytd.Manifest()


def build(members: Iterable[Member]) -> XContext:
    listed = list(members)
    return XContext(manifest=load_manifest(listed), keys=frozenset(k for m in listed if (k := ytd.name_key(m.path))))
