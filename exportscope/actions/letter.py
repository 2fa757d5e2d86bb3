"""An objection letter pre-filled from the person's export (``exportscope letter``).

Why a model of blocks rather than a text: the same letter is written as Markdown, plain text or HTML, and
the values that come from the archive (the person's name, e-mail, username) must be escaped differently in
each. Lines are kept as our template text with the archive's values held apart (:class:`Line`), so a name
holding ``<script>`` or ``*`` never becomes markup, and no sentence is ever parsed back.

What the letter holds: the controller of the platform for the person's region (``schemas/letters.toml``),
the person's identifiers (placeholders where the export has none), the objection under the law of the
region group (EU/EEA GDPR, UK GDPR, Swiss FADP, or a plain request elsewhere), what the export shows is used
for training as counts and years, the reply deadline and where to complain; before the letter, the faster
online setting and forms, and one line saying it is a draft. It never holds an item's text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from exportscope.actions import catalogue
from exportscope.actions.identifiers import Identifiers, account_identifiers, clean
from exportscope.actions.letterdata import Authority, Controller, LetterData, load_letter_data
from exportscope.rules import load_policies

if TYPE_CHECKING:
    from exportscope.types import Analysis

#: Platforms a letter can be written to, with their brand names.
PLATFORM_LABELS: dict[str, str] = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "threads": "Threads",
    "whatsapp": "WhatsApp",
    "x": "X",
}

#: The export that carries a platform's items (Threads rides in Instagram's).
_CARRIER = {"threads": "instagram"}


class Group(enum.StrEnum):
    """Which law the letter relies on, from the person's region code."""

    GDPR = "gdpr"  # EU and EEA
    UK = "uk"  # UK GDPR and the Data Protection Act 2018
    CH = "ch"  # Swiss Federal Act on Data Protection
    PLAIN = "plain"  # elsewhere: a request that claims no legal right

    @classmethod
    def for_region(cls, region: str | None) -> Group:
        return {"eu": cls.GDPR, "uk": cls.UK, "ch": cls.CH}.get(region or "", cls.PLAIN)


class Style(enum.StrEnum):
    HEADING = "heading"
    PARA = "para"
    LINES = "lines"  # an address block: one line each, no bullets
    LIST = "list"


@dataclass(frozen=True, slots=True)
class Line:
    """Our text with ``\\x00N\\x00`` marks where ``values[N]`` (from the archive) goes, escaped by the writer."""

    text: str
    values: tuple[str, ...] = ()

    def plain(self) -> str:
        out = self.text
        for i, value in enumerate(self.values):
            out = out.replace(f"\x00{i}\x00", value)
        return out


@dataclass(frozen=True, slots=True)
class Block:
    style: Style
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Letter:
    platform: str
    lang: str
    group: Group
    region: str | None
    controller: Controller
    authority: Authority | None
    notes: tuple[Block, ...]  # for the person, before the letter
    body: tuple[Block, ...]  # the letter itself
    missing: tuple[str, ...] = field(default=())  # identifier fields shown as placeholders


@dataclass(frozen=True)
class LetterRequest:
    platform: str
    lang: str = "en"
    erase: bool = False
    access: bool = False
    region: str | None = None  # a region code, overriding the export's
    place: str | None = None  # what the person named with --region (a country), for their authority


def _t(key: str, lang: str, /, **fields: object) -> str:
    return catalogue.text("letters", f"letter.{key}", lang, **fields)


def fmt_date(value: date, lang: str) -> str:
    months = _t("date.months", lang).split()
    return _t("date.long", lang, day=value.day, month=months[value.month - 1], year=value.year)


def _para(text: str) -> Block:
    return Block(Style.PARA, (Line(text),))


def _value_line(template_key: str, lang: str, value: str | None, placeholder_key: str) -> Line:
    """An identifier line: the archive's value kept apart for escaping, or our placeholder."""
    if value is None:
        return Line(_t(template_key, lang, value=_t(placeholder_key, lang)))
    return Line(_t(template_key, lang, value="\x000\x00"), (value,))


def _bare(value: str | None, placeholder_key: str, lang: str) -> Line:
    """A value alone on its line (the sender block, the signature), or its placeholder."""
    value = clean(value)
    return Line("\x000\x00", (value,)) if value else Line(_t(placeholder_key, lang))


def _stake(analysis: Analysis, platform: str, lang: str) -> list[Line]:
    """Counts and years of the items the platform uses, or may use, for training: never their text."""
    import polars as pl

    items = analysis.items.filter(
        (pl.col("platform") == platform) & pl.col("verdict").is_in(["training", "conditional"])
    )
    if items.is_empty():
        return []
    table = (
        items.group_by("kind")
        .agg(
            pl.len().alias("n"),
            pl.col("timestamp").dt.year().min().alias("first"),
            pl.col("timestamp").dt.year().max().alias("last"),
        )
        .sort(["n", "kind"], descending=[True, False])
    )
    lines = []
    for row in table.iter_rows(named=True):
        key = f"kind.{row['kind']}" if catalogue.has("letters", f"letter.kind.{row['kind']}") else "kind.other"
        label, n = _t(key, lang), f"{row['n']:,}".replace(",", "\u202f" if lang != "en" else ",")
        if row["first"] is None:
            text = _t("common.stake_line", lang, label=label, n=n)
        elif row["first"] == row["last"]:
            text = _t("common.stake_line_year", lang, label=label, n=n, year=row["first"])
        else:
            text = _t("common.stake_line_years", lang, label=label, n=n, first=row["first"], last=row["last"])
        lines.append(Line(text))
    return lines


def _export_facts(analysis: Analysis, platform: str) -> tuple[date | None, str | None]:
    """The platform's export date and the location it states (for the person's own authority)."""
    carrier = _CARRIER.get(platform, platform)
    exports = [e for e in analysis.exports if e.platform.name == carrier]
    exports.sort(key=lambda e: e.export_date or date.min, reverse=True)
    for export in exports:
        for name in (platform, carrier):
            fact = export.facts.get((name, "region"))
            if fact is not None and fact.value:
                return export.export_date, str(fact.value)
    return (exports[0].export_date if exports else None), None


def _faster(data: LetterData, platform: str, region: str | None, lang: str) -> list[Line]:
    """The platform's own setting and forms, which do the same without a letter (named first)."""
    from exportscope import i18n

    entry = data.platforms[platform]
    policy = load_policies().get(entry.policy)
    row = policy.for_region(region) if policy else None
    objection_offered = row is None or row.opt_out not in ("none", "")
    lines = []
    if policy and entry.setting and objection_offered and policy.opt_out_url.startswith("https://"):
        path = policy.setting_path
        if lang in i18n.LANGS:
            path = i18n.policy_text(policy.key, "setting_path", lang, path)
        lines.append(Line(_t("common.setting", lang, path=path, url=policy.opt_out_url)))
    for form in entry.forms:
        if form.kind.startswith("objection") and not objection_offered:
            continue
        lines.append(Line(_t(f"common.form_{form.kind}", lang, url=form.url)))
    return lines


def _identity_lines(ids: Identifiers, platform: str, lang: str) -> tuple[list[Line], list[str]]:
    fields = (
        [("name", ids.name), ("phone", ids.phone)]
        if platform == "whatsapp"
        else [("name", ids.name), ("email", ids.email), ("username", ids.username), ("account_id", ids.account_id)]
    )
    lines, missing = [], []
    for name, value in fields:
        value = clean(value)
        lines.append(_value_line(f"common.field_{name}", lang, value, f"common.placeholder_{name}"))
        if value is None:
            missing.append(name)
    return lines, missing


def build_letter(analysis: Analysis, request: LetterRequest) -> Letter:
    """The letter for ``request.platform`` from an analysis of the person's export (see the module docstring)."""
    data = load_letter_data()
    platform, lang = request.platform, request.lang
    if platform not in data.platforms:
        raise KeyError(platform)
    ctx = analysis.contexts.get(platform)
    region = request.region or (ctx.region if ctx else None)
    group = Group.for_region(region)
    controller = data.controller_for(platform, region)
    export_date, location = _export_facts(analysis, platform)
    authority = data.authority_for(request.place) or data.authority_for(location)
    if group is Group.UK:
        authority = data.authorities.get("gb")
    elif group is Group.CH:
        authority = data.authorities.get("ch")
    elif authority is not None and authority.region != region:
        authority = None  # a location naming another region's country than the one the letter is for
    label = PLATFORM_LABELS[platform]
    ids = account_identifiers(analysis, platform)
    id_lines, missing = _identity_lines(ids, platform, lang)
    g = group.value

    notes: list[Block] = [
        Block(Style.HEADING, (Line(_t("common.notes_title", lang)),)),
        _para(_t("common.draft", lang, date=fmt_date(analysis.options.as_of, lang))),
    ]
    if region is None:
        notes.append(_para(_t("common.region_unknown", lang)))
    if group is Group.CH or (group is Group.PLAIN and region is not None):
        notes.append(_para(_t(f"{g}.gives", lang)))
    if faster := _faster(data, platform, region, lang):
        notes.append(_para(_t("common.faster", lang, platform=label)))
        notes.append(Block(Style.LIST, tuple(faster)))
    for note in data.platforms[platform].notes:  # what is uncertain about this platform, with its sources
        notes.append(_para(_t(f"note.{note}", lang)))
    if missing:
        names = ", ".join(_t(f"common.placeholder_{m}", lang).strip("[]") for m in missing)
        notes.append(_para(_t("common.missing", lang, fields=names)))
    if group is Group.GDPR and authority is None:
        notes.append(_para(_t("common.country_unknown", lang, url=data.edpb_url)))
    src = controller.source
    notes.append(_para(_t("common.check_source", lang, title=src.title, url=src.url, date=src.checked)))

    subject = [_t(f"{g}.subject", lang)]
    subject += [_t(f"{g}.subject_erase", lang)] if request.erase else []
    subject += [_t(f"{g}.subject_access", lang)] if request.access else []
    what = _t(f"what.{data.platforms[platform].policy}", lang)
    second = ("phone", ids.phone) if platform == "whatsapp" else ("email", ids.email)
    sender = [
        _bare(ids.name, "common.placeholder_name", lang),
        _bare(second[1], f"common.placeholder_{second[0]}", lang),
    ]
    body: list[Block] = [
        Block(Style.HEADING, (Line(_t("common.letter_title", lang)),)),
        Block(Style.LINES, tuple(sender)),
        Block(
            Style.LINES,
            (
                Line(controller.name),
                Line(_t("common.attention", lang)),
                *(Line(a) for a in controller.address),
                Line(_t("common.dpo", lang, url=controller.dpo_url)),
            ),
        ),
        _para(_t("common.place_date", lang, date=fmt_date(analysis.options.as_of, lang))),
        _para(_t("common.subject", lang, text=_t("common.subject_sep", lang).join(subject))),
        _para(_t("common.greeting", lang)),
        _para(_t(f"{g}.objection", lang, platform=label, what=what)),
        _para(_t("common.situation", lang)),
    ]
    if group is Group.CH and controller.eu_established:
        body.append(_para(_t("ch.eu_also", lang)))
    body.append(_para(_t(f"{g}.consequence", lang)))
    if stake := _stake(analysis, platform, lang):
        heading = (
            _t("common.stake_heading", lang, date=fmt_date(export_date, lang))
            if export_date
            else _t("common.stake_heading_undated", lang)
        )
        body += [_para(heading), Block(Style.LIST, tuple(stake))]
    else:
        body.append(_para(_t("common.stake_none", lang)))
    if request.erase:
        body.append(_para(_t(f"{g}.erase", lang)))
    if request.access:
        body.append(_para(_t(f"{g}.access", lang)))
    body += [_para(_t("common.account_intro", lang, platform=label)), Block(Style.LIST, tuple(id_lines))]
    body.append(_para(_t(f"{g}.deadline", lang)))
    if group is Group.CH and request.access:
        body.append(_para(_t("ch.deadline_access", lang)))
    lead, lead_url = data.lead.name, data.lead.link
    if group is Group.GDPR:
        own, own_url = (
            (authority.name, authority.link) if authority else (_t("gdpr.own_placeholder", lang), data.edpb_url)
        )
        body.append(_para(_t("gdpr.complaint", lang, lead=lead, lead_url=lead_url, own=own, own_url=own_url)))
    elif group in (Group.UK, Group.CH) and authority is not None:
        body.append(_para(_t(f"{g}.complaint", lang, own_url=authority.link)))
        if group is Group.CH and controller.eu_established:
            body.append(_para(_t("ch.complaint_eu", lang, lead=lead, lead_url=lead_url)))
    body += [_para(_t("common.closing", lang)), Block(Style.LINES, (sender[0], Line(_t("common.signature", lang))))]
    return Letter(platform, lang, group, region, controller, authority, tuple(notes), tuple(body), tuple(missing))
