"""Counts drawn as text: the dashboard's per-year sparkline and the timeline's bars.

Why a module of its own: the scaling rules (0 stays visible as a baseline, any count above 0 fills at least
one cell) are decisions about what a count must look like, tested without a screen.
"""

from __future__ import annotations

from collections.abc import Iterable


def sparkline(values: Iterable[int]) -> str:
    """Eight-level block characters, scaled to the largest value; 0 stays a visible baseline (``▁`` is
    kept for "some", a space would hide that a year is there). The shape carries meaning without colour."""
    vals = list(values)
    if not vals:
        return ""
    top = max(vals)
    blocks = "▁▂▃▄▅▆▇█"
    if top <= 0:
        return "·" * len(vals)
    out = []
    for v in vals:
        if v <= 0:
            out.append("·")
        else:
            out.append(blocks[min(7, max(0, round(v / top * 7)))])
    return "".join(out)


def bar_cells(value: int, top: int, width: int) -> int:
    """How many cells of a ``width``-cell bar ``value`` fills when ``top`` fills them all: proportional,
    rounded, and at least one for any value above 0 (a month with one item must not look empty)."""
    if value <= 0 or top <= 0 or width <= 0:
        return 0
    return max(1, min(width, round(value / top * width)))
