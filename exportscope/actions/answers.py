"""Answers in place: what the export cannot say, asked of the person, applied without reading the archive again.

Three questions: the region (offered with the guesses the export supports and their evidence), the audience
of past Facebook posts, and whether the person already turned a setting off or objected; plus each platform's
own questions (``Platform.questions``: X asks whether your posts are protected), answered into
``Options.answers``. An answer is a new
:class:`~exportscope.pipeline.Options`; :func:`reclassify` applies it to the frame the readers produced (kept
in ``Analysis.basis``), so verdicts, totals and the to-do list change at once. :func:`used` says which
answers the verdicts used, and the equivalent command-line options, for the reports.
"""

from __future__ import annotations

import dataclasses
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exportscope.rules import region_code

if TYPE_CHECKING:
    from exportscope.platforms.base import Question
    from exportscope.types import Analysis, Options

AUDIENCES: tuple[str, ...] = ("unknown", "public", "friends")


@dataclass(frozen=True)
class Evidence:
    """One reason to think the person lives in a region: what the export says, and where."""

    platform: str
    kind: str  # "location" (a place the export states) | "phone" (a phone number's country code)
    value: str
    source: str


@dataclass(frozen=True)
class Guess:
    region: str
    evidence: tuple[Evidence, ...]


def region_guesses(analysis: Analysis) -> list[Guess]:
    """The regions the export supports, most evidence first, each with its evidence.

    Evidence: the places the export states (LinkedIn profile location, Facebook privacy jurisdiction or
    current city, Instagram's "profile based in") and the country codes of the person's own phone numbers
    (a ``+44`` number suggests the United Kingdom). Never decided here: the person chooses.
    """
    import phonenumbers
    import polars as pl

    found: dict[str, list[Evidence]] = {}
    for export in analysis.exports:
        for (platform, name), fact in export.facts.items():
            if name == "region" and isinstance(fact.value, str) and (code := region_code(fact.value)):
                found.setdefault(code, []).append(Evidence(platform, "location", fact.value, fact.source))
    own_phones = analysis.items.filter(
        pl.col("rule").str.contains(r"(?i)phone"), pl.col("kind").is_in(["account", "profile", "security"])
    )
    for platform, text, source in own_phones.select("platform", "text", "source").iter_rows():
        raw = (text or "").lstrip("'").strip()
        if not raw.startswith("+"):
            continue
        try:
            number = phonenumbers.parse(raw, None)
        except phonenumbers.NumberParseException:
            continue
        country = phonenumbers.region_code_for_number(number)
        if country and (code := region_code(country.lower())):
            found.setdefault(code, []).append(Evidence(platform, "phone", "+" + str(number.country_code), source))
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [Guess(code, tuple(ev)) for code, ev in ranked]


def reclassify(analysis: Analysis, options: Options) -> Analysis:
    """The same archive classified under ``options`` (the person's answers), without reading it again."""
    from exportscope.classify import classify
    from exportscope.contexts import build_contexts

    if analysis.basis is None:
        raise ValueError("this analysis keeps no basis to re-classify from")
    frame, shapes, rules = analysis.basis
    contexts = build_contexts(analysis.exports, set(analysis.contexts), options)
    items = classify(frame, shapes, rules, contexts, options.as_of)
    return dataclasses.replace(analysis, options=options, items=items, contexts=contexts)


def questions() -> list[Question]:
    """Every platform's own questions held in ``Options.answers`` (``Platform.questions``: X asks whether your
    posts are protected). A question whose answer lives in an ``Options`` field of its own (``option``: the
    Facebook audience) has its own control and flag, so it is not asked twice."""
    from exportscope.platforms import all_platforms

    return [q for p in all_platforms() for q in p.questions if not q.option]


def given(options: Options) -> list[tuple[Question, str]]:
    """The platforms' questions the person answered (an "I don't know", the last choice, is no answer)."""
    answers = dict(options.answers)
    return [(q, answers[q.key]) for q in questions() if answers.get(q.key) not in (None, q.choices[-1])]


def flags(options: Options) -> list[str]:
    """The command-line options that give the same answers (empty when nothing was answered)."""
    out: list[str] = []
    if options.region:
        out += ["--region", options.region]
    if options.facebook_audience != "unknown":
        out += ["--facebook-audience", options.facebook_audience]
    for name in sorted(options.opted_out):
        out += ["--opted-out", name]
    for q, value in given(options):
        out += [q.flag, value]
    return out


def used(analysis: Analysis) -> dict[str, Any]:
    """Which answers the verdicts used (for the summary document and the reports), with the equivalent flags."""
    o = analysis.options
    return {
        "region": o.region,
        "regions": {name: ctx.region for name, ctx in analysis.contexts.items()},
        "region_sources": {name: ctx.region_source for name, ctx in analysis.contexts.items()},
        "facebook_audience": o.facebook_audience,
        "opted_out": sorted(o.opted_out),
        "questions": {q.key: value for q, value in given(o)},
        "flags": shlex.join(flags(o)),
    }
