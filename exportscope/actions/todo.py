"""The to-do list: one headline line, then a short ranked list of what the person can do, from the policy data.

Which actions are offered, where to act (the setting's path and link, the objection forms) and the source of
each comes from the ``[todo]`` block of ``schemas/policies.toml`` and of each platform's schema file; which
of them apply and how many items each affects comes from the export's items, the person's region and their
answers (opted out, audience of past posts). The result is a plain JSON-able dict (``summary["todo"]``) so the
text summary, the reports, the JSON summary and the terminal UI render the very same list; ticks (``done``)
travel in it.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exportscope import i18n
from exportscope.platforms import schemas_in_order
from exportscope.schemafiles import RuleError, read_schema

if TYPE_CHECKING:
    import polars as pl

    from exportscope.types import PlatformContext

ELIGIBLE = ("training", "conditional")


@dataclass(frozen=True)
class ActionSpec:
    """One lever of the policy data's ``[todo.actions.<id>]``."""

    id: str
    policies: tuple[str, ...]
    platforms: tuple[str, ...]
    regions: tuple[str, ...]  # empty: every region
    verdicts: tuple[str, ...]
    kinds: tuple[str, ...]  # empty: every kind
    skip_kinds: tuple[str, ...]
    url: str
    path: Mapping[str, str]
    forms: Mapping[str, str]
    source: Mapping[str, Any]
    done_if_opted_out: bool = False
    done_if_audience: str | None = None
    done_if_private: bool = False  # settled when every account concerned is private (X: protected posts)
    mixed_threads: bool = False
    worklist: bool = False


@dataclass(frozen=True)
class Where:
    """Where a person finds an item the export holds no link for (``[todo.where.<platform>]``)."""

    platform: str
    url: str
    place: Mapping[str, str]
    source: Mapping[str, Any]

    def place_in(self, lang: str) -> str:
        return self.place.get(lang) or self.place.get(i18n.DEFAULT_LANG, "")


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


@functools.cache
def _block() -> dict[str, Any]:
    """policies.toml's ``[todo]``, with each platform schema file's ``[todo.actions.<id>]``,
    ``[todo.where.<platform>]`` and ``[todo.worklist.platform_actions.<platform>]`` added (a platform brings
    its own). The platforms' actions come first, in the registry's order
    (:func:`~exportscope.platforms.schemas_in_order`), then the shared ones."""
    shared: dict[str, Any] = copy.deepcopy(read_schema("policies.toml").get("todo", {}))
    todo: dict[str, Any] = {**shared, "actions": {}}
    for name, data in schemas_in_order():
        own = data.get("todo", {})
        tables: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (("actions",), own.get("actions", {})),
            (("where",), own.get("where", {})),
            (("worklist", "platform_actions"), own.get("worklist", {}).get("platform_actions", {})),
        ]
        for keys, entries in tables:
            target = todo
            for key in keys:
                target = target.setdefault(key, {})
            for key, entry in entries.items():
                if key in target or (keys == ("actions",) and key in shared.get("actions", {})):
                    raise RuleError(f"schemas/{name}: todo.{'.'.join(keys)}.{key} is defined twice")
                target[key] = entry
    todo["actions"].update(shared.get("actions", {}))
    return todo


@functools.cache
def load_actions() -> tuple[ActionSpec, ...]:
    """The actions of the policy data, in the order written there (the tie-break of the ranking)."""
    out = []
    for key, raw in _block().get("actions", {}).items():
        out.append(
            ActionSpec(
                id=key,
                policies=_strs(raw.get("policies")),
                platforms=_strs(raw.get("platforms")),
                regions=_strs(raw.get("regions")),
                verdicts=_strs(raw.get("verdicts")) or ELIGIBLE,
                kinds=_strs(raw.get("kinds")),
                skip_kinds=_strs(raw.get("skip_kinds")),
                url=str(raw.get("url", "")),
                path={str(k): str(v) for k, v in raw.get("path", {}).items()},
                forms={str(k): str(v) for k, v in raw.get("forms", {}).items()},
                source=dict(raw.get("source", {})),
                done_if_opted_out=bool(raw.get("done_if_opted_out", False)),
                done_if_audience=raw.get("done_if_audience"),
                done_if_private=bool(raw.get("done_if_private", False)),
                mixed_threads=bool(raw.get("mixed_threads", False)),
                worklist=bool(raw.get("worklist", False)),
            )
        )
    return tuple(out)


def opt_out_policies() -> tuple[str, ...]:
    """The policies whose "I already turned it off / objected" answer settles an action (each once, in the
    actions' order): the ones a person can say they opted out of."""
    return tuple(dict.fromkeys(p for a in load_actions() if a.done_if_opted_out for p in a.policies))


@functools.cache
def load_where() -> dict[str, Where]:
    return {
        str(p): Where(str(p), str(raw.get("url", "")), dict(raw.get("place", {})), dict(raw.get("source", {})))
        for p, raw in _block().get("where", {}).items()
    }


def worklist_config() -> dict[str, Any]:
    """The ``[todo.worklist]`` table (kinds listed, action per kind, weights of the reasons)."""
    config: dict[str, Any] = _block().get("worklist", {})
    return config


def _tally(items: pl.DataFrame) -> pl.DataFrame:
    """Items and words per (platform, verdict, kind): a few dozen rows every action but one is counted from,
    instead of filtering the whole items frame (texts included) once per action."""
    import polars as pl

    return items.group_by("platform", "verdict", "kind").agg(n=pl.len(), words=pl.col("words").sum())


def _count(
    items: pl.DataFrame, spec: ActionSpec, platforms: Iterable[str], tally: pl.DataFrame | None = None
) -> tuple[int, int, list[str]]:
    """Items and words the action affects, and the platforms they are on (in the order given); ``tally``:
    :func:`_tally` of ``items``, made here when not given."""
    import polars as pl

    platforms = list(platforms)
    cond = pl.col("platform").is_in(platforms) & pl.col("verdict").is_in(list(spec.verdicts))
    if spec.kinds:
        cond &= pl.col("kind").is_in(list(spec.kinds))
    if spec.skip_kinds:
        cond &= ~pl.col("kind").is_in(list(spec.skip_kinds))
    if spec.mixed_threads:
        # Meta AI called into a conversation that also holds people's messages: a group chat. Per item, on
        # the few columns it needs: the action's items in a conversation first (a few), then which of their
        # conversations hold a message (never every conversation's name).
        mine = (
            items.lazy()
            .select("platform", "verdict", "kind", "thread", "words")
            .filter(cond & pl.col("thread").is_not_null())
            .collect()
        )
        threads = mine.get_column("thread").unique()
        people = (
            items.lazy()
            .select("kind", "thread")
            .filter(pl.col("kind") == "message", pl.col("thread").is_in(threads.implode()))
            .collect()
            .get_column("thread")
            .unique()
        )
        hit = (
            mine.filter(pl.col("thread").is_in(people.implode()))
            .group_by("platform")
            .agg(n=pl.len(), words=pl.col("words").sum())
        )
    else:
        hit = (tally if tally is not None else _tally(items)).filter(cond)
    on = set(hit.get_column("platform").to_list())
    n, words = int(hit.get_column("n").sum() or 0), int(hit.get_column("words").sum() or 0)
    return n, words, [p for p in platforms if p in on]


def build(
    items: pl.DataFrame,
    contexts: Mapping[str, PlatformContext],
    labels: Mapping[str, str],
    *,
    worklist_items: int = 0,
    done: Iterable[str] = (),
    tally: pl.DataFrame | None = None,
) -> dict[str, Any]:
    """The to-do list as a JSON-able dict: ``headline`` and ranked ``actions`` (see the module doc).

    ``tally``: :func:`_tally` of ``items`` when the caller has it (:func:`tally_of`), else made here.

    An action is listed when it is offered in the person's region (an unknown region lists it, flagged
    ``region_unknown``) and affects at least one item, or when the person's answers already settle it
    (``answered``). ``done`` holds the ids the person ticked. Unsettled actions come first, most items first;
    the worklist comes last among them (it is the item-by-item follow-up of the settings).
    """
    import polars as pl

    ticked = set(done)
    present = list(contexts)
    tally = _tally(items) if tally is None else tally
    eligible = tally.filter(pl.col("verdict").is_in(list(ELIGIBLE)))
    training = eligible.filter(pl.col("verdict") == "training")
    by_platform = dict(training.group_by("platform").agg(pl.col("n").sum()).iter_rows())
    trained = int(training.get_column("n").sum() or 0)
    headline = {
        "items": trained,
        "words": int(training.get_column("words").sum() or 0),
        "platforms": [p for p in present if by_platform.get(p)],
        "labels": [labels.get(p, p.capitalize()) for p in present if by_platform.get(p)],
        "conditional": int(eligible.get_column("n").sum() or 0) - trained,
    }
    actions: list[dict[str, Any]] = []
    for order, spec in enumerate(load_actions()):
        if spec.worklist:
            if worklist_items:
                actions.append(_entry(spec, order, [], worklist_items, 0, False, False, ticked))
            continue
        concerned = [p for p in present if p in spec.platforms]
        if not concerned:
            continue
        regions = {contexts[p].region for p in concerned}
        if spec.regions and not (regions & (set(spec.regions) | {None})):
            continue
        region_unknown = bool(spec.regions) and None in regions
        answered = bool(
            (spec.done_if_opted_out and all(contexts[p].opted_out for p in concerned))
            or (spec.done_if_audience and all(contexts[p].audience == spec.done_if_audience for p in concerned))
            or (spec.done_if_private and all(contexts[p].account_private for p in concerned))
        )
        n, words, affected = _count(items, spec, concerned, tally)
        if n == 0 and not answered:
            continue
        actions.append(_entry(spec, order, affected or concerned, n, words, answered, region_unknown, ticked))
    actions.sort(key=lambda a: (a["answered"], a["id"] == "cleanup", -a["items"], a["order"]))
    for a in actions:
        del a["order"]
    return {"headline": headline, "actions": actions}


def _entry(
    spec: ActionSpec,
    order: int,
    platforms: list[str],
    n: int,
    words: int,
    answered: bool,
    region_unknown: bool,
    ticked: set[str],
) -> dict[str, Any]:
    return {
        "id": spec.id,
        "order": order,
        "platforms": platforms,
        "items": n,
        "words": words,
        "url": spec.url,
        "path": spec.path.get(i18n.DEFAULT_LANG, ""),
        "forms": {p: u for p, u in spec.forms.items() if not platforms or p in platforms or p == "facebook"},
        "source": {k: v for k, v in spec.source.items() if v not in ("", None)},
        "region_unknown": region_unknown,
        "answered": answered,
        "done": answered or spec.id in ticked,
    }


def tally_of(by_account: pl.DataFrame, contexts: Mapping[str, PlatformContext]) -> pl.DataFrame:
    """:func:`_tally` from counts the summary makes anyway: ``items`` and ``words`` per (``account``,
    ``kind``, ``verdict``), an account being one context (its items are all of its platform). A few dozen
    rows summed again, instead of grouping every item a second time."""
    import polars as pl

    platform_of = {key: ctx.platform for key, ctx in contexts.items()}
    return (
        by_account.select(
            pl.col("account").replace_strict(platform_of, default=None, return_dtype=pl.String).alias("platform"),
            "verdict",
            "kind",
            "items",
            "words",
        )
        .group_by("platform", "verdict", "kind")
        .agg(n=pl.col("items").sum(), words=pl.col("words").sum())
    )


def for_analysis(
    analysis: Any,
    *,
    worklist_items: int | None = None,
    done: Iterable[str] = (),
    tally: pl.DataFrame | None = None,
) -> dict[str, Any]:
    """:func:`build` for an :class:`~exportscope.pipeline.Analysis`; the worklist size is counted if not given
    (from ``tally``, :func:`tally_of`, when given)."""
    from exportscope.actions import worklist

    labels = {e.platform.name: e.platform.label for e in analysis.exports}
    if worklist_items is None:
        worklist_items = worklist.candidate_count(analysis.items, tally)
    return build(analysis.items, analysis.contexts, labels, worklist_items=worklist_items, done=done, tally=tally)


def mark_done(todo: dict[str, Any], done: Iterable[str]) -> dict[str, Any]:
    """The same list with the person's ticks applied (answered actions stay done)."""
    ticked = set(done)
    for a in todo.get("actions", []):
        a["done"] = a["answered"] or a["id"] in ticked
    return todo


# --- words, at the edge ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionText:
    """One action in a person's language: what to do, what it does, what it does not undo, how."""

    id: str
    title: str
    does: str
    undo: str
    count: str
    how: str
    url: str
    forms: tuple[tuple[str, str], ...]
    source: str
    source_url: str
    done: bool
    answered: bool


def headline_text(todo: Mapping[str, Any], lang: str = i18n.DEFAULT_LANG) -> str:
    """ "N of your items (W words) are used for AI training by K platforms", plus the used-if-public count."""
    h = todo["headline"]
    if not h["items"] and not h["conditional"]:
        return i18n.t("todo.headline_none", lang)
    line = i18n.tn(
        "todo.headline",
        h["items"],
        lang,
        words=i18n.fmt_int(h["words"], lang),
        by=i18n.tn("todo.by_platforms", len(h["platforms"]), lang, platforms=", ".join(h["labels"])),
    )
    if h["conditional"]:
        line += " " + i18n.tn("todo.headline_conditional", h["conditional"], lang)
    return line


def action_texts(
    todo: Mapping[str, Any], lang: str = i18n.DEFAULT_LANG, labels: Mapping[str, str] | None = None
) -> list[ActionText]:
    """Every action of the list, worded in ``lang`` from the catalogue; paths from the policy data."""
    labels = labels or {}
    specs = {s.id: s for s in load_actions()}
    out = []
    for a in todo.get("actions", []):
        spec = specs.get(a["id"])
        names = ", ".join(labels.get(p, p.capitalize()) for p in a["platforms"])
        path = (spec.path.get(lang) if spec else None) or a["path"]
        count = i18n.tn("todo.count", a["items"], lang, words=i18n.fmt_int(a["words"], lang))
        if a["id"] == "cleanup":
            count = i18n.tn("todo.count_cleanup", a["items"], lang)
        if a["answered"]:
            count = i18n.t("todo.answered", lang)
        title = i18n.t(f"todo.{a['id']}.title", lang, platforms=names)
        if a.get("region_unknown"):
            title += " " + i18n.t("todo.region_unknown", lang)
        source = a.get("source", {})
        out.append(
            ActionText(
                id=a["id"],
                title=title,
                does=i18n.t(f"todo.{a['id']}.does", lang),
                undo=i18n.t(f"todo.{a['id']}.undo", lang),
                count=count,
                how=path,
                url=a.get("url", ""),
                forms=tuple(sorted(a.get("forms", {}).items())),
                source=str(source.get("title", "")),
                source_url=str(source.get("url", "")),
                done=bool(a.get("done")),
                answered=bool(a.get("answered")),
            )
        )
    return out
