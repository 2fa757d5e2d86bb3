"""The clean-up worklist: the items used for training (or used if public) a person is most likely to want gone.

Which kinds are listed, what can be done with each (delete, restrict, edit) and how much each reason weighs
is data (``[todo.worklist]`` of ``schemas/policies.toml``). The reasons are found in the item itself:
personal data in its text (e-mail, phone, street address, birth date), other people named, posted while under
18, a location in the photo's EXIF, a photo or video, its age. Each entry carries the stable item ``key``
(:mod:`exportscope.keys`) so ``exportscope diff --worklist`` can tell what was ticked, and its ``link`` or,
where the export holds none, where to find it (``[todo.where]``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from exportscope.actions.todo import ELIGIBLE, load_where, worklist_config

if TYPE_CHECKING:
    import polars as pl

    from exportscope.types import Analysis

#: Reason codes, in the order they are shown; words are in the catalogue (``worklist.reason_<code>``).
REASONS: tuple[str, ...] = ("minor", "personal_data", "gps", "person", "photo", "old")
#: Text finding types that count as personal data in the text.
PERSONAL_TYPES = frozenset({"email", "phone", "street_address", "birth_date"})
PHOTO_KINDS = frozenset({"media", "story"})
SNIPPET = 160


@dataclass
class Entry:
    """One item of the worklist, ranked; ``reasons`` are codes of :data:`REASONS`."""

    rank: int
    key: str
    platform: str
    kind: str
    verdict: str
    timestamp: datetime | None
    source: str
    row: int | None
    text: str
    link: str | None
    where: str | None  # the platform's place for items without a link (its URL), if any
    action: str  # "delete" | "restrict" | "edit"
    score: int
    reasons: list[str] = field(default_factory=list)
    item_id: int | None = None  # the row's position in the analysis's items frame (for the UI)


def _considered() -> pl.Expr:
    """Whether an item is one the worklist considers: eligible content of the listed kinds."""
    import polars as pl

    kinds = list(worklist_config().get("kinds", []))
    return pl.col("verdict").is_in(list(ELIGIBLE)) & pl.col("kind").is_in(kinds)


def candidates(items: pl.DataFrame) -> pl.DataFrame:
    """The items the worklist considers (:func:`_considered`), with their frame position."""
    return items.with_row_index("item_id").filter(_considered())


def candidate_count(items: pl.DataFrame, tally: pl.DataFrame | None = None) -> int:
    """How many items :func:`candidates` holds, counted without making the frame; from ``tally`` (items
    ``n`` per verdict and kind, :func:`exportscope.actions.todo.tally_of`) when given."""
    if tally is not None:
        return int(tally.filter(_considered()).get_column("n").sum() or 0)
    return int(items.select(_considered().sum()).item())


def action_for(platform: str, kind: str) -> str:
    config = worklist_config()
    per_platform = config.get("platform_actions", {}).get(platform, {})
    return str(per_platform.get(kind) or config.get("actions", {}).get(kind) or config.get("default_action", "delete"))


def _gps_sources(analysis: Analysis, sources: set[str], cancel: threading.Event | None) -> set[str]:
    """Which of these media files carry GPS coordinates in their EXIF (first bytes of each photo only)."""
    from exportscope.findings import media as media_mod

    found: set[str] = set()
    if not sources:
        return found
    for export in analysis.exports:
        with media_mod.reopened(export.sources) as members:
            for m in members:
                if cancel is not None and cancel.is_set():
                    return found
                if m.path in sources and m.suffix in media_mod.IMAGE_SUFFIXES and media_mod.read_photo_meta(m).gps:
                    found.add(m.path)
    return found


def _snippet(text: str | None) -> str:
    if not text:
        return ""
    one = " ".join(text.split())
    return one if len(one) <= SNIPPET else one[: SNIPPET - 1].rstrip() + "…"


def build(analysis: Analysis, *, media: bool = True, cancel: threading.Event | None = None) -> list[Entry]:
    """The worklist of one analysis, riskiest first (score, then oldest, then key)."""
    from exportscope.findings import _eighteenth, _phone_countries, known_names, text_spans
    from exportscope.keys import with_keys

    config = worklist_config()
    weights: dict[str, int] = {str(k): int(v) for k, v in config.get("weights", {}).items()}
    old_years = int(config.get("old_years", 5))
    as_of = analysis.options.as_of
    cutoff_old = datetime(as_of.year - old_years, as_of.month, min(as_of.day, 28), tzinfo=UTC)
    frame = with_keys(candidates(analysis.items))
    names = known_names(analysis)
    countries = _phone_countries(analysis)
    adults: dict[str, datetime] = {}
    for platform, ctx in analysis.contexts.items():
        if (adult := _eighteenth(ctx.birth)) is not None:
            adults[platform] = datetime(adult.year, adult.month, adult.day, tzinfo=UTC)
    photo_sources = {s for s, k in frame.select("source", "kind").iter_rows() if k in PHOTO_KINDS}
    gps = _gps_sources(analysis, photo_sources, cancel) if media else set()
    where = load_where()
    entries: list[Entry] = []
    cols = ("item_id", "key", "platform", "kind", "verdict", "timestamp", "source", "row", "text", "link")
    for item_id, key, platform, kind, verdict, ts, source, row, text, link in frame.select(*cols).iter_rows():
        reasons: list[str] = []
        if ts is not None and platform in adults and ts < adults[platform]:
            reasons.append("minor")
        if text:
            types = {t for t, _ in text_spans(text, countries.get(platform), names)}
            if types & PERSONAL_TYPES:
                reasons.append("personal_data")
            if "person" in types:
                reasons.append("person")
        if source in gps:
            reasons.append("gps")
        if kind in PHOTO_KINDS:
            reasons.append("photo")
        if ts is not None and ts < cutoff_old:
            reasons.append("old")
        reasons.sort(key=REASONS.index)
        place = where.get(platform)
        entries.append(
            Entry(
                rank=0,
                key=key,
                platform=platform,
                kind=kind,
                verdict=verdict,
                timestamp=ts,
                source=source,
                row=row,
                text=_snippet(text),
                link=link,
                where=(place.url or None) if place and not link else None,
                action=action_for(platform, kind),
                score=sum(weights.get(r, 0) for r in reasons),
                reasons=reasons,
                item_id=item_id,
            )
        )
    far = datetime.max.replace(tzinfo=UTC)
    entries.sort(key=lambda e: (-e.score, e.timestamp or far, e.key))
    for i, e in enumerate(entries, 1):
        e.rank = i
    return entries
