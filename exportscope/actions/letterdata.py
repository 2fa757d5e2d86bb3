"""The letter's facts: controllers, their addresses and data-protection contacts, the online forms (each
platform's ``[letter]`` table in its own ``schemas/<platform>.toml``), the lead authority and each country's
authority (``schemas/letters.toml``, shared), every one with its source and check date.

Data, not code: a new controller address or authority is an edit of the TOML file, and the letter builder
only looks things up here. A malformed file fails at load time (and in the tests), never in a letter.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from exportscope import tomlread
from exportscope.data import schemas_dir


class LetterDataError(ValueError):
    """The letter facts are malformed or refer to something they do not define."""


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


#: The identifiers a letter gives when the platform's data names none (the first two sign the letter).
DEFAULT_IDENTIFIERS = ("name", "email", "username", "account_id")


@dataclass(frozen=True, slots=True)
class PlatformLetters:
    platform: str
    policy: str
    controllers: dict[str, str]  # region code or "*" -> controller key
    forms: tuple[Form, ...]
    setting: bool = True  # name the policy's setting and opt-out link first
    #: ``letter.note.*`` keys said to the person before the letter (what is uncertain, with its sources).
    notes: tuple[str, ...] = ()
    #: The name the letter addresses (``X``, ``Threads``).
    label: str = ""
    #: The platform whose export holds this one's items (Threads rides in Instagram's); itself by default.
    carrier: str = ""
    #: The account identifiers the letter gives (``common.field_<id>``); the first two sign it.
    identifiers: tuple[str, ...] = DEFAULT_IDENTIFIERS
    #: Where the items give the name in parts when the export states no identity (rule ids, joined in order).
    name_rules: tuple[str, ...] = ()
    #: The rule whose first item is the account's e-mail address, before any e-mail-shaped profile value.
    email_rule: str = ""


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
        raise LetterDataError(f"{where} needs a source with title, url, checked and how")
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


def _controller(key: str, raw: dict[str, Any], where: str) -> Controller:
    return Controller(
        key=key,
        name=str(raw["name"]),
        address=tuple(str(line) for line in raw["address"]),
        dpo_url=str(raw["dpo_url"]),
        eu_established=bool(raw.get("eu_established", False)),
        source=_source(raw.get("source"), f"{where}: controllers.{key}"),
    )


def _platform(name: str, raw: dict[str, Any], where: str) -> PlatformLetters:
    forms = tuple(
        Form(str(f["kind"]), str(f["url"]), _source(f.get("source"), f"{where}: platforms.{name}.forms"))
        for f in raw.get("forms", [])
    )
    return PlatformLetters(
        platform=name,
        policy=str(raw["policy"]),
        controllers={str(k): str(v) for k, v in raw.get("controller", {}).items()},
        forms=forms,
        setting=bool(raw.get("setting", True)),
        notes=tuple(str(n) for n in raw.get("notes", [])),
        label=str(raw.get("label", name)),
        carrier=str(raw.get("carrier", name)),
        identifiers=tuple(str(i) for i in raw.get("identifiers", DEFAULT_IDENTIFIERS)),
        name_rules=tuple(str(r) for r in raw.get("name_rules", ())),
        email_rule=str(raw.get("email_rule", "")),
    )


@functools.cache
def load_letter_data() -> LetterData:
    """Read and check the letter facts once: each platform's ``[letter]`` table (in the registry's order),
    then ``schemas/letters.toml``'s shared authorities."""
    from exportscope.platforms import schemas_in_order

    path = schemas_dir() / "letters.toml"
    try:
        data = tomlread.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomlread.TOMLError) as exc:
        raise LetterDataError(f"schemas/letters.toml: {exc}") from exc
    controllers: dict[str, Controller] = {}
    platforms: dict[str, PlatformLetters] = {}
    for file, schema in schemas_in_order():
        own = schema.get("letter", {})
        where = f"schemas/{file}"
        for key, raw in own.get("controllers", {}).items():
            if key in controllers:
                raise LetterDataError(f"{where}: controllers.{key} is defined twice")
            controllers[key] = _controller(key, raw, where)
        for name, raw in own.get("platforms", {}).items():
            if name in platforms:
                raise LetterDataError(f"{where}: platforms.{name} is defined twice")
            platforms[name] = _platform(name, raw, where)
    for name, entry in platforms.items():
        table = entry.controllers
        if "*" not in table or any(v not in controllers for v in table.values()):
            raise LetterDataError(f"letter facts: platforms.{name}.controller needs '*' and known controllers")
    lead = _authority("ie", data["lead"]["ie"], "schemas/letters.toml: lead.ie")
    edpb = data["edpb"]
    _source(edpb.get("source"), "schemas/letters.toml: edpb")
    authorities = {
        code: _authority(code, raw, f"schemas/letters.toml: authorities.{code}")
        for code, raw in data.get("authorities", {}).items()
    }
    return LetterData(controllers, platforms, lead, str(edpb["url"]), authorities)
