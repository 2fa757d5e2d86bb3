"""Media references of Meta JSON, resolved against every part of the export by path suffix.

Why by suffix: a ``uri`` is relative to the export root (``media/posts/202403/x.jpg``), but the file may sit
under a wrapper folder, in another part of a multi-part export, behind a CDN URL, without its extension, or
with a mojibake'd name (meta.md, section 3 and checklist 13). Only paths are compared: a media body is never
opened here.

The per-export :class:`MetaContext` also remembers which media were already counted, so a photo that
appears both in a post and in its album is one ``media`` item, not two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from exportscope.platforms.meta.jsonread import fix_text

MEDIA_SUFFIXES = frozenset(
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".mp4", ".mov",
        ".m4v", ".webm", ".avi", ".3gp", ".mkv", ".m4a", ".aac", ".mp3", ".wav", ".ogg", ".opus", ".amr",
        ".srt", ".vtt",
    }
)  # fmt: skip


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


@dataclass
class MediaIndex:
    """File names of all members -> their paths, for suffix resolution (raw and repaired names alike)."""

    paths: set[str] = field(default_factory=set)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_stem: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, paths: Iterable[str]) -> MediaIndex:
        index = cls()
        for path in paths:
            name = file_name(path)
            if file_suffix(name).lower() not in MEDIA_SUFFIXES and "." in name:
                continue
            index.paths.add(path)
            keys = {name.lower(), fix_text(name).lower()}
            for key in keys:
                index.by_name[key].append(path)
                index.by_stem[_stem(key)].append(path)
        return index

    def resolve(self, uri: str | None) -> str | None:
        """The member path a ``uri`` points to, or None (empty, a remote-only URL, or not in the export)."""
        if not uri:
            return None
        ref = uri.strip()
        if "://" in ref:
            ref = unquote(urlsplit(ref).path)
        ref = ref.lstrip("./").lstrip("/")
        if not ref:
            return None
        if ref in self.paths:
            return ref
        name = file_name(ref).lower()
        candidates = self.by_name.get(name) or ([] if "." in name else self.by_stem.get(name, []))
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        low = ref.lower()
        return max(candidates, key=lambda p: (_common_suffix(p.lower(), low), -len(p)))


def file_name(path: str) -> str:
    """``PurePosixPath(path).name``, without building a path (one per medium of a big export) where the last
    part is plain: not empty (a trailing slash) and not ``.``, the cases the path object cleans up."""
    if path.endswith(("/", "/.")) or path in ("", "."):
        return PurePosixPath(path).name
    return path.rsplit("/", 1)[-1]


def file_suffix(name: str) -> str:
    """``PurePosixPath(name).suffix`` of a file name (the last dot on, if neither first nor last), without
    building a path: one per member of an export when media are listed."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass
class MetaContext:
    """What the readers of one Meta export share: the media index and the media already counted."""

    media: MediaIndex = field(default_factory=MediaIndex)
    counted: set[str] = field(default_factory=set)

    def claim(self, key: str) -> bool:
        """True the first time a media item (by resolved path or uri) is seen in this export."""
        if key in self.counted:
            return False
        self.counted.add(key)
        return True
