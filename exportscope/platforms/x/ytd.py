"""X's file format: the ``window.YTD.<name>.part<N> = [...]`` wrapper, file name keys, the manifest.

Every data file of an X archive is one JavaScript assignment of JSON (shared/reference/x.md section 3). We cut
at the first ``=`` and parse the rest, never matching the global name (it changed from ``YTD.tweet`` to
``YTD.tweets``) and never dropping the first line (2020-21 files open the array on it). Elements are objects
with one wrapper key (``{"tweet": {...}}``), unwrapped generically; 2019 ``tweet.js`` has bare tweets.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

import orjson

from exportscope.archive import Member
from exportscope.model import Problem, ReadFailure, describe_failure
from exportscope.platforms.x import xdates

_PART = re.compile(r"-part\d+$")

#: Old file names (name keys) -> the current one the rule file names (x.md section 9.2).
ALIASES: dict[str, str] = {
    "tweet": "tweets",
    "tweet-headers": "tweet-headers",
    "direct-message": "direct-messages",
    "direct-message-group": "direct-messages-group",
    "direct-message-group-headers": "direct-message-group-headers",
    "connected-applications": "connected-application",
    "birdwatch-note": "community-note",
    "birdwatch-note-rating": "community-note-rating",
    "birdwatch-note-tombstone": "community-note-tombstone",
    "twitter-article": "article",
    "twitter-article-metadata": "article-metadata",
}


def name_key(path: str) -> str:
    """``data/tweets-part1.js`` -> ``tweets``; ``tweet.js`` -> ``tweets``; not a ``.js`` file -> ``""``."""
    name = PurePosixPath(path).name.lower()
    if not name.endswith(".js"):
        return ""
    stem = _PART.sub("", name[:-3])
    return ALIASES.get(stem, stem)


def part_number(path: str) -> int:
    """0 for ``tweets.js``, N for ``tweets-partN.js``: parts are read in this order."""
    m = re.search(r"-part(\d+)\.js$", path.lower())
    return int(m[1]) if m else 0


def payload(data: bytes) -> bytes:
    """The JSON after the first ``=`` (a BOM, trailing whitespace and a trailing ``;`` tolerated)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:200].lstrip()
    if head[:1] in (b"[", b"{"):  # already bare JSON (a re-saved file): nothing to cut
        body = data
    else:
        eq = data.find(b"=")
        # window.YTD (2018 on), Grailbird.data and var (the legacy export's files)
        if eq < 0 or not head.startswith((b"window.", b"Grailbird.", b"var ")):
            raise ReadFailure("not_ytd")
        body = data[eq + 1 :]
    body = body.strip()
    if body.endswith(b";"):
        body = body[:-1].rstrip()
    return body


def loads(data: bytes) -> Any:
    """The parsed value of one data file; a clear error in our words, never a decoder's."""
    body = payload(data)
    if not body:
        return []
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        pos = getattr(exc, "pos", 0) or 0
        if body[: pos + 1].count(b"[") + body[: pos + 1].count(b"{") > 900:
            raise ReadFailure("too_deep") from None
        raise ReadFailure("not_json", at=pos) from None


def read_member(member: Member) -> Any:
    return loads(member.read_bytes())


def read_each(members: Iterable[Member]) -> Iterator[tuple[Member, Any] | Problem]:
    """Each member's parsed value, or a Problem that fails that member alone: one broken part (or a broken
    note-tweet.js read with tweets.js) never loses its siblings."""
    for member in members:
        try:
            yield member, read_member(member)
        except Exception as exc:  # any damage to one file: that file fails, with the reason in our words
            yield dataclasses.replace(describe_failure(exc), source=member.path, fails=True)


def entries(value: Any) -> list[Any]:
    """The top-level elements: an array as it is, a bare object (an uncertain variant) as one element."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    return []


def unwrap(element: Any) -> tuple[str | None, Any]:
    """``{"tweet": {...}}`` -> ("tweet", {...}); a bare object (2019 tweets) -> (None, it)."""
    if isinstance(element, dict) and len(element) == 1:
        key, value = next(iter(element.items()))
        return str(key), value  # {"tweet": null} is a broken wrapper: not an object, so no entry
    return None, element


def unwrapped(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(1-based row, inner object) for every element that is an object."""
    for row, element in enumerate(entries(value), start=1):
        _, inner = unwrap(element)
        if isinstance(inner, dict):
            yield row, inner


def text(value: Any) -> str | None:
    """A non-empty string, or None."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is an object, else an empty one: fields of hostile files may have any type."""
    return value if isinstance(value, dict) else {}


def dig(obj: Any, path: str) -> Any:
    """``dig(x, "description.bio")``: nested lookup, None when any step is missing."""
    for step in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(step)
    return obj


# --- manifest.js ----------------------------------------------------------------------------------------


@dataclass
class Manifest:
    """What ``data/manifest.js`` says: the owner, the archive date, and every file with its element count."""

    account_id: str | None = None
    username: str | None = None
    display_name: str | None = None
    generated: datetime | None = None
    #: file name (lower case, no folder) -> (data type, expected count)
    files: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        return bool(self.files) or self.account_id is not None


def parse_manifest(data: bytes) -> Manifest:
    """Parse ``window.__THAR_CONFIG = {...}``; raises ReadFailure when it is not one."""
    value = loads(data)
    if not isinstance(value, dict):
        raise ReadFailure("not_manifest")
    out = Manifest()
    user = obj(value.get("userInfo"))
    out.account_id = text(user.get("accountId"))
    out.username = text(user.get("userName"))
    out.display_name = text(user.get("displayName"))
    info = obj(value.get("archiveInfo"))
    out.generated = xdates.parse_iso(info.get("generationDate"))
    types = obj(value.get("dataTypes"))
    for type_name, spec in types.items():
        if not isinstance(spec, dict):
            continue
        for f in spec.get("files") or []:
            if not isinstance(f, dict) or not isinstance(f.get("fileName"), str):
                continue
            try:
                count = int(str(f.get("count", "")).strip())
            except ValueError:
                continue
            out.files[PurePosixPath(f["fileName"]).name.lower()] = (str(type_name), count)
    return out
