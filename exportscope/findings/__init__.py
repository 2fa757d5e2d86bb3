"""Exposure findings: what a person did not know they were exposing, counted with a few examples each.

``find(analysis)`` returns items ``{"type", "platform", "count", "distinct", "items", "examples": [...]}`` that fill
the ``findings`` of the summary document (``exportscope.summary.build(analysis, findings)``), the reports
and the terminal UI. Types, in the order they are shown (:data:`FINDING_TYPES`):

- in training-eligible text (verdict ``training`` or ``conditional``): ``email``, ``phone`` (phonenumbers,
  with the export's country as default), ``street_address``, ``birth_date``, ``person`` (@mentions and the
  names of the person's own connections or friends; Meta post ``tags``);
- in Meta media metadata (JSON): ``gps`` (``exif_data`` latitude/longitude, ``place.coordinate``) and
  ``upload_ip``;
- in the image files of the archive (first bytes only): ``exif_gps``, ``exif_camera``, ``exif_date``;
- ``minor``: training-eligible content posted before the person's 18th birthday.

``count`` counts every occurrence (a media file, a match in a text); ``distinct`` counts distinct values;
``items`` the items (or photo files) that carry any of them; ``private`` how many occurrences sit in photos
sent in private messages (not used for training). ``examples`` holds the first :data:`MAX_EXAMPLES` distinct
values with their ``source`` (member path), ``occurrences`` and ``items``, and where there is one, ``row``,
``kind``, ``timestamp``, a one-line ``text`` snippet, and for Meta metadata ``via`` (a code: what the value
was recorded with) and ``place``. Every item a finding was seen in is kept apart, as positions in the items
frame (:func:`find_all`, :class:`~exportscope.findings.collect.FindingRefs`), for the terminal UI's marks
and jumps. Findings are computed from the raw data; :mod:`exportscope.redact` masks them for output.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from exportscope.findings import media as media_mod
from exportscope.findings.collect import MAX_EXAMPLES as MAX_EXAMPLES
from exportscope.findings.collect import Collector, FindingRefs, places_to_items
from exportscope.findings.text import (
    NameIndex,
    Span,
    birth_dates,
    emails,
    mentions,
    name_from_item,
    phone_country,
    phones,
    snippet,
    street_addresses,
)
from exportscope.model import POSTED_KINDS, Verdict

if TYPE_CHECKING:
    from exportscope.archive import Member
    from exportscope.model import JsonHit
    from exportscope.types import Analysis

FINDING_TYPES: tuple[str, ...] = (
    "email",
    "phone",
    "street_address",
    "birth_date",
    "person",
    "gps",
    "upload_ip",
    "exif_gps",
    "exif_camera",
    "exif_date",
    "minor",
)
#: Finding types whose values are masked by ``--redact`` (the rest are the person's own metadata).
REDACTED_TYPES = frozenset({"email", "phone", "person"})
ELIGIBLE = (Verdict.TRAINING.value, Verdict.CONDITIONAL.value)
#: Kinds whose text is message text (hidden by ``--redact``).
MESSAGE_KINDS = frozenset({"message", "ai_chat"})


def _iso(ts: datetime | None) -> str | None:
    return ts.isoformat().replace("+00:00", "Z") if ts is not None else None


def known_names(analysis: Analysis) -> NameIndex:
    """Names of the people the export lists as connections or friends, minus the person's own name."""
    import polars as pl

    items = analysis.items.lazy()  # plans on the columns they need: never a copy of every column
    people = (
        items.filter(pl.col("kind") == "connection").select("text").collect().get_column("text").drop_nulls().unique()
    ).to_list()
    names = [n for n in (name_from_item(t) for t in people) if n]
    own: list[str] = []
    profile = items.filter(pl.col("kind") == "profile", pl.col("rule").str.contains(r"\.(first_name|last_name)$"))
    by_platform: dict[str, dict[str, str]] = {}
    for platform, rule, text in profile.select("platform", "rule", "text").collect().iter_rows():
        if text:
            by_platform.setdefault(platform, {})[rule.rsplit(".", 1)[1]] = text
    for parts in by_platform.values():
        if "first_name" in parts and "last_name" in parts:
            own.append(f"{parts['first_name']} {parts['last_name']}")
    return NameIndex(names, exclude=own)


def _phone_countries(analysis: Analysis) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name, ctx in analysis.contexts.items():
        location = None
        for export in analysis.exports:
            # Threads rides inside the Instagram export and inherits where the person lives from it.
            for key in ((name, "region"), (export.platform.name, "region")):
                fact = export.facts.get(key)
                feeds = key[0] == name or any(r.platform == name for r in export.platform.ruleset.rules)
                if location is None and fact is not None and isinstance(fact.value, str) and feeds:
                    location = fact.value
        out[name] = phone_country(ctx.region, location)
    return out


def text_spans(
    text: str, country: str | None, names: NameIndex, only: Collection[str] | None = None
) -> list[tuple[str, Span]]:
    """Every text finding in one text, as (type, span), e-mails first so their ``@`` is never a mention.

    ``only``: the detectors to run (:data:`~exportscope.findings.masks.DETECTORS`), default all; one left
    out must be one that finds nothing in ``text`` (its mask said so), so the answer is the same.
    """
    found: list[tuple[str, Span]] = [("email", s) for s in emails(text)] if only is None or "email" in only else []
    taken = [(s.start, s.end) for _, s in found]

    def free(s: Span) -> bool:
        return all(s.end <= a or s.start >= b for a, b in taken)

    for type_, detect in _DETECT:
        if only is not None and type_ not in only:
            continue
        for s in detect(text, country, names):
            if free(s):
                found.append((type_, s))
                taken.append((s.start, s.end))
    return found


#: The detectors after e-mails, in the order they claim text (a span taken by one is skipped by the next).
_DETECT: tuple[tuple[str, Callable[[str, str | None, NameIndex], list[Span]]], ...] = (
    ("phone", lambda text, country, names: phones(text, country)),
    ("street_address", lambda text, country, names: street_addresses(text)),
    ("birth_date", lambda text, country, names: birth_dates(text)),
    ("person", lambda text, country, names: mentions(text) + names.find(text)),
)


def _text_findings(analysis: Analysis, acc: Collector, cancel: threading.Event | None) -> None:
    """Per-row Python only on the rows some detector's column mask kept (:mod:`exportscope.findings.masks`),
    and there only the detectors whose mask kept it."""
    import polars as pl

    from exportscope.findings.masks import DETECTORS, candidates

    names = known_names(analysis)
    countries = _phone_countries(analysis)
    rows = (
        analysis.items.lazy()
        .with_row_index("_pos")
        .filter(pl.col("verdict").is_in(ELIGIBLE), pl.col("text").is_not_null())
        .select("_pos", "platform", "source", "row", "kind", "timestamp", "text")
        .collect()
    )
    if cancel is not None and cancel.is_set():
        return
    rows = pl.concat([rows, candidates(rows.get_column("text"), names)], how="horizontal")
    rows = rows.filter(pl.any_horizontal(*DETECTORS))
    for i, (pos, platform, source, row, kind, ts, text, *flags) in enumerate(rows.iter_rows()):
        if cancel is not None and i % 1000 == 0 and cancel.is_set():
            return
        only = [d for d, flag in zip(DETECTORS, flags, strict=True) if flag]
        for type_, s in text_spans(text, countries.get(platform), names, only):
            example = {
                "source": source,
                "row": row,
                "kind": kind,
                "timestamp": _iso(ts),
                "text": snippet(text, s.start, s.end),
            }
            acc.add(type_, platform, s.value, example, item=pos)


def _eighteenth(birth: tuple[int | None, int, int] | None) -> date | None:
    if birth is None or birth[0] is None:
        return None
    year, month, day = birth[0], birth[1], birth[2]
    try:
        return date(year + 18, month, day)
    except ValueError:  # 29 February
        return date(year + 18, 3, 1)


def _minor_findings(analysis: Analysis, acc: Collector) -> None:
    import polars as pl

    for platform, ctx in analysis.contexts.items():
        adult = _eighteenth(ctx.birth)
        if adult is None:
            continue
        cutoff = datetime(adult.year, adult.month, adult.day, tzinfo=UTC)
        rows = (
            analysis.items.lazy()
            .with_row_index("_pos")
            .filter(
                pl.col("platform") == platform,
                pl.col("verdict").is_in(ELIGIBLE),
                # Something the person posted, dated when they posted it (not a school's start date).
                pl.col("kind").is_in(list(POSTED_KINDS)),
                pl.col("timestamp").is_not_null(),
                pl.col("timestamp") < cutoff,
            )
            .sort("timestamp")
            .select("_pos", "source", "row", "kind", "timestamp", "text")
            .collect()
        )
        for pos, source, row, kind, ts, text in rows.iter_rows():
            example = {
                "source": source,
                "row": row,
                "kind": kind,
                "timestamp": _iso(ts),
                "text": snippet(text, 0, 0, 120) if text else None,
            }
            acc.add("minor", platform, ts.date().isoformat(), example, key=f"{source}#{row}", item=pos)


class _Adds:
    """The findings' collector stand-in for a thread: each add kept, for the collector to take them after
    the others, in the order they came (which example is first, and so shown, depends on it)."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append((args, kwargs))

    def into(self, acc: Collector) -> None:
        for args, kwargs in self.calls:
            acc.add(*args, **kwargs)


class _MediaScan(threading.Thread):
    """:func:`_media_findings` in a thread of its own, while the text findings run.

    Why: the scan is the archive's photos and JSON read again (file reads and zlib, which let go of the
    interpreter, and EXIF walked in Python) and the text findings are mostly polars passes (which let go of
    it too): side by side they take the longer of the two rather than both (the heavy Facebook export with
    500 MB of photos: 0.03 s of photos beside 0.02-0.03 s of texts). Its adds reach the collector after the
    text findings' and the minors', as when the three ran one after the other."""

    def __init__(self, analysis: Analysis, cancel: threading.Event | None) -> None:
        super().__init__(name="exportscope-media-findings", daemon=True)
        self.analysis, self.cancel = analysis, cancel
        self.adds = _Adds()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            _media_findings(self.analysis, self.adds, self.cancel)
        except BaseException as exc:  # raised again where the findings are collected
            self.error = exc

    def into(self, acc: Collector) -> None:
        """Hand the finished scan's findings to ``acc``; what went wrong in it is raised here."""
        if self.error is not None:
            raise self.error
        self.adds.into(acc)


def _media_findings(analysis: Analysis, acc: Collector | _Adds, cancel: threading.Event | None) -> None:
    for export in analysis.exports:
        platform = export.platform.name

        def read(m: Member, hits: dict[str, tuple[JsonHit, ...]] = export.hits) -> bool:
            """Whether the scan below opens ``m`` (not a JSON file its reader scanned, nor a message file)."""
            if m.suffix == ".json":
                return m.path not in hits and not media_mod.is_message_path(m.path)
            return True

        with media_mod.reopened(export.sources, media_mod.scanned, read) as members:
            for m in members:
                if cancel is not None and cancel.is_set():
                    return
                if m.suffix in media_mod.IMAGE_SUFFIXES:
                    meta = media_mod.read_photo_meta(m)
                    # A photo sent in a message is private: its EXIF is shown, and said not to be used.
                    private = media_mod.is_message_path(m.path)
                    where: dict[str, Any] = {"source": m.path, "private": True} if private else {"source": m.path}
                    if meta.gps:
                        gps = f"{meta.gps[0]:.5f}, {meta.gps[1]:.5f}"
                        acc.add("exif_gps", platform, gps, where, private=private)
                    if meta.camera:
                        acc.add("exif_camera", platform, meta.camera, where, private=private)
                    if meta.taken:
                        acc.add("exif_date", platform, meta.taken, where, private=private)
                elif m.suffix == ".json" and not media_mod.is_message_path(m.path):
                    # Found by its reader while it was parsed, else opened and scanned now.
                    found = export.hits.get(m.path)
                    for hit in media_mod.read_json_hits(m) if found is None else found:
                        example: dict[str, Any] = {"source": m.path, "row": hit.row, "via": hit.context}
                        if hit.place:
                            example["place"] = hit.place
                        acc.add(hit.type, platform, hit.value, example)


@dataclass
class Found:
    """The findings (JSON-ready, as in the summary document) and every item each was seen in."""

    findings: list[dict[str, Any]]
    refs: FindingRefs


def find_all(analysis: Analysis, *, media: bool = True, cancel: threading.Event | None = None) -> Found:
    """All findings of one analysis with their item references; ``media=False`` skips re-reading the
    archive (text findings only)."""
    acc = Collector()
    scan = _MediaScan(analysis, cancel) if media else None
    started = False
    if scan is not None:
        try:
            scan.start()
            started = True
        except RuntimeError:  # no thread can be started here (a process at its limit): one after the other
            scan.run()
    try:
        _text_findings(analysis, acc, cancel)
        _minor_findings(analysis, acc)
    finally:
        if scan is not None and started:
            scan.join()  # never left running past the call, whatever went wrong here
    if scan is not None:
        scan.into(acc)
        acc.resolve(places_to_items(analysis.items, acc.pending()))
    order = list(analysis.contexts) + [e.platform.name for e in analysis.exports]
    findings, refs = acc.result(order)
    return Found(findings, refs)


def find(analysis: Analysis, *, media: bool = True, cancel: threading.Event | None = None) -> list[dict[str, Any]]:
    """All findings of one analysis (see :func:`find_all` for their item references)."""
    return find_all(analysis, media=media, cancel=cancel).findings
