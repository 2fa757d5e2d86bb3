"""The browser's tree: platform > verdict > kind, each node with its count before its name.

Its shape is fixed (every leaf of the unfiltered items, from :meth:`exportscope.query.ItemQuery.tree`) so the
cursor never jumps; :meth:`VerdictTree.relabel` puts the counts of the current search and dates on it, opens
the branches that hold matches and folds the empty ones. Each node's data is its key ``(platform, verdict,
kind)``, ``None`` where a level is not chosen; choosing one narrows the browser's table to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from exportscope import i18n
from exportscope.tui.text import VERDICT_MARK, kind_word, n, tr, verdict_word

if TYPE_CHECKING:
    from exportscope.query import Filter, ItemQuery, NodeCount

NodeKey = tuple[str | None, str | None, str | None]


def node_label(name: str, count: int, *, mark: str = "", lang: str = i18n.DEFAULT_LANG) -> Text:
    """``● 37 training``: the count before the name, so a narrow tree (or a long French kind) cuts the name,
    never the number."""
    label = Text(f"{mark} " if mark else "")
    label.append(n(count, lang), style="bold" if count else "dim")
    label.append(f" {name}")
    if not count:
        label.stylize("dim")
    return label


class VerdictTree(Tree[NodeKey]):
    """The tree of one browser; :meth:`build` once, :meth:`relabel` at every change of the filter."""

    def __init__(self, query: ItemQuery, labels: dict[str, str], lang: str, *, id: str | None = None) -> None:
        super().__init__(node_label(tr("all_items", lang), query.total, lang=lang), data=(None, None, None), id=id)
        self.query_engine = query
        self.labels = labels
        self.lang = lang
        self.nodes: dict[NodeKey, TreeNode[NodeKey]] = {}
        self.names: dict[NodeKey, str] = {}

    def build(self, start: Filter) -> None:
        """Every node, the most exposed branches open, the cursor on ``start``'s node."""
        self.show_root = True
        self.guide_depth = 2
        root = self.root
        self.nodes = {(None, None, None): root}
        self.names = {(None, None, None): tr("all_items", self.lang)}
        for c in self.query_engine.tree():
            pkey: NodeKey = (c.platform, None, None)
            if pkey not in self.nodes:
                self.names[pkey] = self.labels.get(c.platform, c.platform)
                self.nodes[pkey] = root.add(self.names[pkey], data=pkey, expand=True)
            vkey: NodeKey = (c.platform, c.verdict, None)
            if vkey not in self.nodes:
                self.names[vkey] = verdict_word(c.verdict, self.lang)
                self.nodes[vkey] = self.nodes[pkey].add(self.names[vkey], data=vkey, expand=False)
            kkey: NodeKey = (c.platform, c.verdict, c.kind)
            self.names[kkey] = kind_word(c.kind, self.lang)
            self.nodes[kkey] = self.nodes[vkey].add_leaf(self.names[kkey], data=kkey)
        root.expand()
        # Open the most exposed branch: what a person came to see.
        for key, node in self.nodes.items():
            if key[1] == "training" and key[2] is None:
                node.expand()
        target = self.nodes.get((start.platform, start.verdict, start.kind))
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def relabel(self, counts: list[NodeCount], narrowed: bool) -> None:
        """The counts of the current filter on every node; ``narrowed`` (a search or dates): the branches
        that hold matches open, the empty ones fold, so the matches are in sight (the nodes never move, so the
        cursor stays where it was)."""
        totals: dict[NodeKey, int] = dict.fromkeys(self.nodes, 0)
        for c in counts:
            levels: tuple[NodeKey, ...] = (
                (None, None, None),
                (c.platform, None, None),
                (c.platform, c.verdict, None),
                (c.platform, c.verdict, c.kind),
            )
            for key in levels:
                if key in totals:
                    totals[key] += c.items
        for key, node in self.nodes.items():
            mark = VERDICT_MARK.get(key[1] or "", "") if key[1] and key[2] is None else ""
            node.set_label(node_label(self.names[key], totals[key], mark=mark, lang=self.lang))
            if key[0] is None or key[2] is not None:
                continue
            if narrowed:
                node.expand() if totals[key] else node.collapse()
            elif key[1] is None or key[1] == "training":
                node.expand()

    def go_home(self) -> None:
        """The cursor back on "All items"."""
        self.move_cursor(self.root)
