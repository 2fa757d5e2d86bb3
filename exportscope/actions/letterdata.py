"""The letter's facts (``schemas/letters.toml``): controllers, their addresses and data-protection contacts,
the online forms, the lead authority and each country's authority, every one with its source and check date.

Data, not code: a new controller address or authority is an edit of the TOML file, and the letter builder
only looks things up here. A malformed file fails at load time (and in the tests), never in a letter.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from exportscope.data import schemas_dir


class LetterDataError(ValueError):
    """``schemas/letters.toml`` is malformed or refers to something it does not define."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from and when it was last compared with that page (``how``: recalled or fetched)."""

    title: str
    url: str
    checked: str
    how: str


@dataclass(frozen=True, slots=True)
class Controller:
    key: str
    name: str
    address: tuple[str, ...]
    dpo_url: str
    eu_established: bool
    source: Source


@dataclass(frozen=True, slots=True)
class Form:
    kind: str  # objection | objection_xai | access: a letter.common.form_<kind> template
    url: str
    source: Source


@dataclass(frozen=True, slots=True)
class PlatformLetters:
    platform: str
    policy: str
    controllers: dict[str, str]  # region code or "*" -> controller key
    forms: tuple[Form, ...]
    setting: bool = True  # name the policy's setting and opt-out link first
    #: ``letter.note.*`` keys said to the person before the letter (what is uncertain, with its sources).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Authority:
    code: str  # ISO 3166 country code, lower case ("fr", "gb", "ch")
    region: str  # exportscope region code
    names: tuple[str, ...]
    name: str
    url: str
    complaint_url: str | None
    source: Source

    @property
    def link(self) -> str:
        return self.complaint_url or self.url


@dataclass(frozen=True, slots=True)
class LetterData:
    controllers: dict[str, Controller]
    platforms: dict[str, PlatformLetters]
    lead: Authority
    edpb_url: str
    authorities: dict[str, Authority]

    def controller_for(self, platform: str, region: str | None) -> Controller:
        """The controller of ``platform``'s users in ``region`` (``*`` covers every other and unknown region)."""
        table = self.platforms[platform].controllers
        return self.controllers[table.get(region or "*", table["*"])]

    def authority_for(self, place: str | None) -> Authority | None:
        """The national authority of a country named in ``place`` (``--region france``, ``Lyon, France``).

        Tried whole, then by comma-separated parts from the end (the country is written last); ``None`` when
        no listed country is named.
        """
        if not place:
            return None
        low = " ".join(place.strip().lower().split())
        by_name = {n: a for a in self.authorities.values() for n in a.names}
        if low in by_name:
            return by_name[low]
        for part in reversed([p.strip() for p in re.split(r"[,;]", low) if p.strip()]):
            if part in by_name:
                return by_name[part]
        return None


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict) or not all(raw.get(k) for k in ("title", "url", "checked", "how")):
        raise LetterDataError(f"schemas/letters.toml: {where} needs a source with title, url, checked and how")
    return Source(str(raw["title"]), str(raw["url"]), str(raw["checked"]), str(raw["how"]))


def _authority(code: str, raw: dict[str, Any], where: str) -> Authority:
    return Authority(
        code=code,
        region=str(raw.get("region", "eu")),
        names=tuple(str(n).lower() for n in raw.get("names", [])),
        name=str(raw["name"]),
        url=str(raw["url"]),
        complaint_url=str(raw["complaint_url"]) if raw.get("complaint_url") else None,
        source=_source(raw.get("source"), where),
    )


@functools.cache
def load_letter_data() -> LetterData:
    """Read and check ``schemas/letters.toml`` once."""
    path = schemas_dir() / "letters.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LetterDataError(f"schemas/letters.toml: {exc}") from exc
    controllers = {
        key: Controller(
            key=key,
            name=str(raw["name"]),
            address=tuple(str(line) for line in raw["address"]),
            dpo_url=str(raw["dpo_url"]),
            eu_established=bool(raw.get("eu_established", False)),
            source=_source(raw.get("source"), f"controllers.{key}"),
        )
        for key, raw in data.get("controllers", {}).items()
    }
    platforms: dict[str, PlatformLetters] = {}
    for name, raw in data.get("platforms", {}).items():
        table = {str(k): str(v) for k, v in raw.get("controller", {}).items()}
        if "*" not in table or any(v not in controllers for v in table.values()):
            raise LetterDataError(f"schemas/letters.toml: platforms.{name}.controller needs '*' and known controllers")
        forms = tuple(
            Form(str(f["kind"]), str(f["url"]), _source(f.get("source"), f"platforms.{name}.forms"))
            for f in raw.get("forms", [])
        )
        notes = tuple(str(n) for n in raw.get("notes", []))
        platforms[name] = PlatformLetters(name, str(raw["policy"]), table, forms, bool(raw.get("setting", True)), notes)
    lead = _authority("ie", data["lead"]["ie"], "lead.ie")
    edpb = data["edpb"]
    _source(edpb.get("source"), "edpb")
    authorities = {
        code: _authority(code, raw, f"authorities.{code}") for code, raw in data.get("authorities", {}).items()
    }
    return LetterData(controllers, platforms, lead, str(edpb["url"]), authorities)
