"""Inline SVG charts for the HTML report: no script, no external resource, readable in print.

Every label is escaped here (platform labels and numbers are the only text, but the rule holds anyway), and
each chart comes with a ``<title>`` per mark so a screen reader or a hover shows the exact figure. The data
tables next to the charts carry the same numbers for anyone who cannot see colours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exportscope.report.view import YearCount

COLORS = {"training": "#b3261e", "conditional": "#e8912d", "excluded": "#2f6fb0", "not_used": "#9aa3ab"}
VERDICTS = ("training", "conditional", "excluded", "not_used")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def totals_chart(
    rows: Sequence[tuple[str, dict[str, int]]],
    label: Callable[[str], str],
    number: Callable[[int], str],
    title: str,
    colon: str = ": ",
) -> str:
    """One 100%-stacked bar per platform: the share of its items under each verdict. ``colon`` is the
    report language's (``" : "`` in French), for the bars' tooltips."""
    width, left, bar_h, gap = 720, 150, 26, 12
    inner = width - left - 10
    height = len(rows) * (bar_h + gap) + 34
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%"><title>{_e(title)}</title>']
    for i, (name, totals) in enumerate(rows):
        y = i * (bar_h + gap) + 4
        out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.68:.1f}" text-anchor="end" class="lbl">{_e(name)}</text>')
        total = sum(totals.get(v, 0) for v in VERDICTS)
        x = float(left)
        for v in VERDICTS:
            n = totals.get(v, 0)
            if not total or not n:
                continue
            w = inner * n / total
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1.0):.1f}" height="{bar_h}" fill="{COLORS[v]}">'
                f"<title>{_e(label(v) + colon + number(n))}</title></rect>"
            )
            if w > 46:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h * 0.68:.1f}" text-anchor="middle" class="in">'
                    f"{_e(number(n))}</text>"
                )
            x += w
        if not total:
            out.append(f'<rect x="{left}" y="{y}" width="{inner}" height="{bar_h}" fill="#eee"/>')
    # The legend wraps onto more lines rather than run off the chart (long labels, French ones above all).
    ly = len(rows) * (bar_h + gap) + 18
    lx = 10.0
    for v in VERDICTS:
        item_w = 18 + 7.2 * len(label(v)) + 14
        if lx > 10 and lx + item_w > width - 10:
            lx, ly = 10.0, ly + 20
        out.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{COLORS[v]}"/>')
        out.append(f'<text x="{lx + 16:.1f}" y="{ly}" class="leg">{_e(label(v))}</text>')
        lx += item_w
    out[0] = out[0].replace(f'viewBox="0 0 {width} {height}"', f'viewBox="0 0 {width} {max(height, ly + 10)}"')
    out.append("</svg>")
    return "".join(out)


def years_chart(
    years: Sequence[YearCount],
    label: Callable[[str], str],
    number: Callable[[int], str],
    title: str,
    colon: str = ": ",
) -> str:
    """Training-eligible items per year: stacked bars (used for training, used if public); ``colon`` as in
    `totals_chart`."""
    width, height, left, bottom, top = 720, 200, 48, 24, 16
    inner_w, inner_h = width - left - 10, height - bottom - top
    peak = max((y.training + y.conditional for y in years), default=0) or 1
    slot = inner_w / max(len(years), 1)
    bar_w = min(48.0, slot * 0.7)
    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%"><title>{_e(title)}</title>',
        f'<line x1="{left}" y1="{top + inner_h}" x2="{width - 10}" y2="{top + inner_h}" stroke="#555"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="ax">{_e(number(peak))}</text>',
        f'<text x="{left - 6}" y="{top + inner_h}" text-anchor="end" class="ax">0</text>',
    ]
    step = max(1, round(len(years) / 12))
    for i, y in enumerate(years):
        x = left + i * slot + (slot - bar_w) / 2
        base = float(top + inner_h)
        for v, n in (("training", y.training), ("conditional", y.conditional)):
            if not n:
                continue
            h = inner_h * n / peak
            base -= h
            out.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{COLORS[v]}">'
                f"<title>{_e(f'{y.year} · {label(v)}{colon}{number(n)}')}</title></rect>"
            )
        if i % step == 0:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 6}" text-anchor="middle" class="ax">{_e(y.year)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
