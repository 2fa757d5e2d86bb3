"""One file of an export as every reader sees it: a safe logical name, declared sizes, and a stream.

Why a module of its own: a member's name is the one thing about it that comes straight from a hostile archive
and is used as a key everywhere (rules, ledger, findings). :func:`normalise_name` makes it a relative POSIX
path that can never escape its archive; :class:`Member` hands out only capped streams of its source.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exportscope.archive.source import Source


def normalise_name(name: str) -> str:
    """Turn a member name into a safe relative POSIX path.

    Backslashes become slashes, drive letters and leading slashes go, ``.`` and ``..`` parts are dropped:
    the result never escapes its archive and is only ever used as a key, never opened on disk. Names are
    NFC-normalised: a zip re-made on a Mac (NFD names) and its original name their files alike.
    """
    name = unicodedata.normalize("NFC", name.replace("\\", "/"))
    parts: list[str] = []
    for i, part in enumerate(name.split("/")):
        if i == 0 and len(part) == 2 and part[1] == ":":
            continue
        if part in ("", ".", ".."):
            continue
        parts.append(part)
    return "/".join(parts)


@dataclass(slots=True)
class Member:
    """One file of an export: its logical path, where it comes from, and its (declared) sizes."""

    path: str
    source: Source
    size: int
    compressed: int
    key: str = ""  # the name inside its source (zip name or path relative to the folder)
    encrypted: bool = False
    info: zipfile.ZipInfo | None = None  # the zip entry itself: two entries may share a name
    #: Where ``info`` begins in its zip (its local header's offset) when the entry itself did not travel: a
    #: member sent to the reading worker (:meth:`__getstate__`) finds its entry there (:meth:`Source.entry`).
    entry_offset: int | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> tuple[Any, ...]:
        """Sent to the reading worker with its zip entry as an offset, not the ``ZipInfo`` itself.

        Why: the worker opens the zip again and lists it anyway, so it has every entry; pickled whole, the
        twenty-odd fields of each entry of every source were most of what the worker is sent (a Facebook zip
        of 2,173 members: 9 ms to pickle them in the parent, before it reads, and 6 ms to load them in the
        worker, before it can). The offset names one entry even where two share a name."""
        offset = self.info.header_offset if self.info is not None else self.entry_offset
        return (self.path, self.source, self.size, self.compressed, self.key, self.encrypted, offset)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self.source, self.size, self.compressed, self.key, self.encrypted, self.entry_offset = state
        self.info = None

    @property
    def name(self) -> str:
        # PurePosixPath(path).name, without building a path object (asked for every member, many times):
        # the same for a normalised path, whose last part is never empty nor ".".
        tail = self.path.rpartition("/")[2]
        return tail if tail and tail != "." else PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        name = self.name
        dot = name.rfind(".")
        return name[dot:].lower() if 0 < dot < len(name) - 1 else ""

    def open(self, *, buffered: bool = True) -> IO[bytes]:
        """A binary stream of the member's inflated bytes, capped at the limits.

        ``buffered=False`` for readers of a few header bytes: a buffered stream would inflate a megabyte
        ahead of what they read.
        """
        return self.source.open(self, buffered=buffered)

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The whole member, or only its first ``limit`` bytes (media headers need only those).

        With a limit the stream is unbuffered, so no more than ``limit`` bytes (plus the zip layer's small
        read-ahead) are ever inflated: reading a photo's EXIF never reads the photo.
        """
        if limit is None:
            with self.open() as fh:
                return fh.read()
        with self.source.open(self, buffered=False) as raw:
            parts: list[bytes] = []
            left = limit
            while left > 0:
                chunk = raw.read(left)
                if not chunk:
                    break
                parts.append(chunk)
                left -= len(chunk)
            return b"".join(parts)
