"""The roll-up's charts, drawn on the server as SVG put inline in the page.

Plain string building: every text is escaped here, the geometry is attributes (no inline
style, no script, nothing loaded: the strict CSP holds, it governs neither SVG elements nor
their presentation attributes). Each chart is an image to assistive technology (role="img",
named by its <title> through aria-labelledby) and the page puts the same figures beside it as a
table, which is what a screen reader reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 160
# Room for a region and its organisation ("North West Region (Unite)").
WIDE_LABEL_WIDTH = 260
BAR_SPACE = 300
NUMBER_WIDTH = 60
# The campaign's colours are in its stylesheet, which SVG attributes cannot read: a dark,
# neutral ink that meets 4.5:1 on white, for bars and text alike.
INK = "#2b2b30"
BAR = "#8a3b32"
MAX_LABEL = 24


def _short(label: str, room: int = MAX_LABEL) -> str:
    return label if len(label) <= room else label[: room - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    label_width: int = LABEL_WIDTH,
) -> SafeString:
    """Horizontal bars, one per (label, count), longest first as given; "" for no rows. Labels
    longer than `label_width` allows end in an ellipsis (the table beside says them whole)."""
    if not rows:
        return mark_safe("")  # noqa: S308 (nothing to escape)
    peak = max(count for _label, count in rows) or 1
    room = max(MAX_LABEL, (label_width - 8) // 9)  # a capital is about 9 pixels wide
    width = label_width + BAR_SPACE + NUMBER_WIDTH
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    labelled = f'aria-labelledby="{escape(title_id)}"'
    described = f' aria-describedby="{escape(desc_id)}"' if description else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rollup-chart" id="{escape(chart_id)}" '
        f'role="img" {labelled}{described} viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
    ]
    if description:
        parts.append(f'<desc id="{escape(desc_id)}">{escape(description)}</desc>')
    for index, (label, count) in enumerate(rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        bar = round(count * BAR_SPACE / peak, 1) if count else 0
        middle = y + BAR_HEIGHT / 2
        parts += [
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" fill="{INK}" font-size="14">'
            f"{escape(_short(label, room))}</text>",
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="{BAR}"/>',
            f'<text x="{label_width + bar + 6}" y="{middle}" dominant-baseline="middle" '
            f'fill="{INK}" font-size="14">{count}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text escaped above)


def column_chart(
    rows: Sequence[tuple[str, int]], *, chart_id: str, title: str, height: int = 120
) -> SafeString:
    """Columns in order (a timeline: one per month), labelled at the first and last."""
    if not rows:
        return mark_safe("")  # noqa: S308 (nothing to escape)
    step, gap, base = 24, 4, 24
    peak = max(count for _label, count in rows) or 1
    width = max(len(rows) * step, 2 * LABEL_WIDTH)
    title_id = f"{chart_id}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rollup-chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(title_id)}" '
        f'viewBox="0 0 {width} {height + base}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
    ]
    for index, (_label, count) in enumerate(rows):
        column = round(count * height / peak, 1) if count else 0
        parts.append(
            f'<rect x="{index * step}" y="{height - column}" width="{step - gap}" '
            f'height="{column}" fill="{BAR}"/>'
        )
    first, last = rows[0][0], rows[-1][0]
    parts.append(
        f'<text x="0" y="{height + base - 6}" fill="{INK}" font-size="14">{escape(first)}</text>'
    )
    if len(rows) > 1:
        parts.append(
            f'<text x="{width}" y="{height + base - 6}" text-anchor="end" '
            f'fill="{INK}" font-size="14">{escape(last)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text escaped above)
