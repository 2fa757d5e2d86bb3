"""Message texts kept as bytes until the collector makes its column: no Python string per message.

Why: a Meta message file is ASCII with every UTF-8 byte of a text written as a ``\\u00XX`` escape, so the
strings orjson gives (one character per byte) encoded to Latin-1 *are* the UTF-8 bytes of the repaired
texts. A thread's contents joined by NUL and encoded once are all its texts: polars validates, splits and
strips them for a whole chunk of threads in a few C passes (:meth:`TextBlob.column`), where decoding,
splitting, stripping and handing 200,000 Python strings to polars one by one cost several times more.
:meth:`TextBlob.strings` is the same answer in Python (the reference, and the path of a blob too long to
check without its strings). The repair is :func:`~exportscope.platforms.meta.mojibake.repair_column`'s:
the whole join decoded when it is valid UTF-8 (then every run was), else each text repaired alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from exportscope.platforms.meta.mojibake import repair_column
from exportscope.textio import WHITESPACE

if TYPE_CHECKING:
    import polars as pl

SEP = "\x00"
#: Blobs are joined into one polars string for the pass; beyond this many bytes (far past any real chunk
#: of threads) their strings are made in Python instead, clear of any limit on the length of one string.
_LARGEST = 1 << 31


@dataclass
class TextBlob:
    """The texts of some messages, in reading order: ``data`` is their strings joined by NUL, encoded to
    Latin-1 when they were parsed from an ASCII file without the repair (then each text is its string
    repaired), to UTF-8 when they were repaired already (``repaired``); each text is stripped, an empty
    one None, except at the positions of ``fixes``, whose texts were decided apart (a message whose
    content is empty takes its ``text`` or shared text). ``order`` lists the reading positions in output
    order (None: reading order, or its reverse when ``reverse``, the common order of a thread). Made by
    :meth:`of`, which refuses what it cannot hold exactly."""

    data: bytes
    n: int
    repaired: bool = False
    fixes: dict[int, str | None] = field(default_factory=dict)
    order: list[int] | None = None
    reverse: bool = False

    @staticmethod
    def of(raw: list[str], repaired: bool, fixes: dict[int, str | None] | None = None) -> TextBlob | None:
        """The blob of ``raw`` (strings, at least one), or None when a string holds a NUL (the separator)
        or, unrepaired, a character above U+00FF (not a byte of the file's escapes). A value of ``raw``
        that is not a string raises TypeError (the join's: no pass of its own)."""
        joined = SEP.join(raw)
        if not raw or joined.count(SEP) != len(raw) - 1:
            return None
        try:
            data = joined.encode("utf-8" if repaired else "latin-1")
        except UnicodeEncodeError:
            return None
        return TextBlob(data, len(raw), repaired, fixes or {})

    def __len__(self) -> int:
        return self.n

    def longest(self) -> int:
        """No text is longer than this many characters (a bound, not the length itself)."""
        return max(len(self.data), max((len(t) for t in self.fixes.values() if t), default=0))

    def arranged(self, order: list[int] | None, reverse: bool = False) -> TextBlob:
        """The same texts in the output order ``order`` (reading positions), or in reverse reading order."""
        return TextBlob(self.data, self.n, self.repaired, self.fixes, None if reverse else order, reverse)

    def strings(self) -> list[str | None]:
        """The texts as Python strings, in output order: what :meth:`column` gives."""
        if self.repaired:
            raw = self.data.decode("utf-8").split(SEP)
        else:
            raw = repair_column(self.data.decode("latin-1").split(SEP))
        texts: list[str | None] = [t or None for t in map(str.strip, raw)]
        for i, text in self.fixes.items():
            texts[i] = text
        if self.reverse:
            return texts[::-1]
        return texts if self.order is None else [texts[i] for i in self.order]

    @staticmethod
    def join(blobs: Sequence[TextBlob]) -> TextBlob | None:
        """Blobs read one after the other (the parts of a thread, not yet arranged) as one, in reading
        order; None when some were repaired and others not (then the caller takes their strings)."""
        if len({b.repaired for b in blobs}) != 1 or any(b.order is not None or b.reverse for b in blobs):
            return None
        if len(blobs) == 1:
            return blobs[0]
        starts = [0, *accumulate(b.n for b in blobs)]
        fixes = {start + i: t for b, start in zip(blobs, starts, strict=False) for i, t in b.fixes.items()}
        return TextBlob(b"\x00".join(b.data for b in blobs), starts[-1], blobs[0].repaired, fixes)

    @staticmethod
    def column(blobs: Sequence[TextBlob]) -> pl.Series:
        """The texts of ``blobs``, one after the other, as one polars String column: decoded, split and
        stripped in one pass for all of them when their bytes are valid UTF-8, else blob by blob."""
        import polars as pl

        if sum(len(b.data) for b in blobs) < _LARGEST:
            try:
                return _column(blobs)
            except pl.exceptions.PolarsError:  # a run that is not UTF-8 (real Latin-1): the texts one by one
                pass
        return pl.Series("text", [t for b in blobs for t in b.strings()], dtype=pl.String)


def _column(blobs: Sequence[TextBlob]) -> pl.Series:
    """:meth:`TextBlob.column`; raises polars' ComputeError when the bytes are not all valid UTF-8. When
    every blob is reversed (every thread newest-first), the blobs are joined last first and the whole
    column reversed once, instead of a gather by a Python index of every row."""
    import polars as pl

    backwards = all(b.reverse for b in blobs)
    ordered = blobs[::-1] if backwards else blobs
    joined = pl.Series("text", [b"\x00".join(b.data for b in ordered)], dtype=pl.Binary).cast(pl.String)
    texts = joined.str.split(SEP).explode().str.strip_chars(WHITESPACE)
    texts = pl.select(pl.when(texts == "").then(None).otherwise(texts).alias("text")).to_series()
    starts = [0, *accumulate(b.n for b in ordered)]
    at = [start + i for b, start in zip(ordered, starts, strict=False) for i in b.fixes]
    if at:
        values = [t for b in ordered for t in b.fixes.values()]
        texts = texts.scatter(at, pl.Series(values, dtype=pl.String))
    if backwards:
        return texts.reverse()
    if all(b.order is None and not b.reverse for b in blobs):
        return texts
    index: list[int] = []
    for b, start in zip(blobs, starts, strict=False):
        if b.reverse:
            index.extend(range(start + b.n - 1, start - 1, -1))
        elif b.order is None:
            index.extend(range(start, start + b.n))
        else:
            index.extend([start + i for i in b.order] if start else b.order)
    return texts.gather(index)
