"""What a report shows, as typed values: the platform views and the :class:`Report` the formats render.

Why apart from :mod:`.content`: content decides what to show (and masks it); these are the values it hands to
the writers (:mod:`.html`, :mod:`.markdown`, :mod:`.jsondoc`, :mod:`.todo_section`), which only render them
and import nothing that reads an archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from exportscope import i18n
from exportscope.summary_model import PlatformSummary, Summary

#: Unrecognized paths listed in HTML and Markdown (JSON lists them all).
MAX_LISTED_FILES = 50


@dataclass(frozen=True)
class Example:
    """One training-eligible text the AI would read (masked first, then clipped, under ``--redact``)."""

    kind: str
    verdict: str
    visibility: str
    timestamp: str | None
    source: str
    row: int | None
    words: int | None
    text: str


@dataclass(frozen=True)
class YearCount:
    """Training-eligible items of one calendar year (UTC)."""

    year: int
    training: int
    conditional: int


@dataclass(frozen=True)
class OptOutText:
    """How to opt out of one platform's training, in the report's language."""

    setting: str
    setting_path: str
    url: str
    effect: str
    levers: list[str]
    notes: list[str]
    region_note: str | None


@dataclass(frozen=True)
class ItemNoteText:
    """A note some items carry, said in the report's language (masked under ``--redact``), and how many."""

    note: str
    items: int


@dataclass(frozen=True)
class PlatformReport:
    """What a report shows of one platform: its summary, and what only a report adds."""

    summary: PlatformSummary
    policy_key: str
    #: The platform's notes as shown (the opted-out sentence is rendered from the catalogue instead).
    notes: list[str]
    #: The notes some items carry, as shown.
    item_notes: list[ItemNoteText]
    examples: list[Example]
    training_by_year: list[YearCount]
    findings: list[dict[str, Any]]
    optout: OptOutText


@dataclass
class Report:
    """The rendered-to-be report: ``summary`` as shown (the archives' file names, failures said in the
    report's language, masked under ``--redact``; its notes stay values), ``notes`` and each platform's
    ``notes``/``item_notes`` the words a reader sees (in the report's language, masked), ``platforms`` the
    per-platform views, ``doc`` the JSON report (the shown summary's document with those words, plus the
    report's additions)."""

    summary: Summary
    doc: dict[str, Any]
    lang: str
    redacted: bool
    owner_kept: bool = False
    generator: str = ""
    platforms: list[PlatformReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def t(self, key: str, /, **fields: Any) -> str:
        return i18n.t(key, self.lang, **fields)

    def n(self, value: int) -> str:
        return i18n.fmt_int(value, self.lang)

    def date(self, value: Any) -> str:
        return i18n.fmt_date(value, self.lang)

    def day(self, timestamp: str | None) -> str:
        """An item's date (UTC) in a table cell, as the prose says dates in the report's language; empty for
        an undated item (the JSON report keeps the ISO timestamp)."""
        return self.date(timestamp[:10]) if timestamp else ""

    def source_dates(self, source: dict[str, str]) -> str:
        """ "in effect from D, checked D" of a policy source, in the report's language."""
        parts = []
        if source.get("effective"):
            parts.append(self.t("report.source_effective", date=self.date(source["effective"])))
        if source.get("checked"):
            parts.append(self.t("report.source_checked", date=self.date(source["checked"])))
        return ", ".join(parts)

    def files_line(self, p: PlatformSummary) -> str:
        """A platform's "N files: read, ignored, not recognized, failed" line, the same in every format."""
        f = p.files
        line = self.t(
            "report.files_line",
            total=self.n(f.total),
            parsed=self.n(f.parsed),
            ignored=self.n(f.ignored),
            unrecognized=self.n(len(f.unrecognized)),
            failed=self.n(len(f.failed)),
        )
        quality = (f.undated, f.impossible_dates, f.misaligned)
        if any(quality) or f.drift:
            # Nothing silent: dates not read or impossible, rows off their columns, drift (issue 12).
            line += " " + self.t(
                "report.files_quality",
                undated=self.n(quality[0]),
                impossible=self.n(quality[1]),
                misaligned=self.n(quality[2]),
                drift=self.n(len(f.drift)),
            )
        return line

    def export_and_region(self, p: PlatformSummary) -> tuple[str, str]:
        """A platform's "exported on" and "region (where it came from)" lines, the same in every format."""
        export = (
            self.t("report.export_date", date=self.date(p.export_date))
            if p.export_date
            else self.t("report.export_date_unknown")
        )
        region = self.t(
            "report.region_line",
            region=i18n.region_label(p.region, self.lang),
            source=self.t(f"region_source.{p.region_source}"),
        )
        return export, region

    def labels(self) -> dict[str, str]:
        return self.summary.labels()
