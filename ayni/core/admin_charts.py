"""A bar per day for a back-office dashboard, drawn on the server as SVG.

The geometry is computed here so the template only places <rect> elements: no script, no
inline style (the strict CSP holds), and the page pairs it with the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

CHART_DAYS = 90
CHART_HEIGHT = 100
CHART_STEP = 10


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class DayChart:
    bars: list[Bar]
    width: int
    height: int
    bar_width: int
    peak: int
    peak_day: date | None
    first_day: date | None
    last_day: date | None


def day_chart(per_day: Mapping[date, int], *, until: date | None = None) -> DayChart:
    """Bars for the last CHART_DAYS days up to `until` (or the last day with a count).

    Days without a count are drawn as gaps, so a quiet week looks quiet.
    """
    counts = {day: count for day, count in per_day.items() if count > 0}
    if not counts:
        return DayChart([], CHART_STEP, CHART_HEIGHT, CHART_STEP - 2, 0, None, None, None)
    last = max(max(counts), until or date.min)
    first = max(min(counts), last - timedelta(days=CHART_DAYS - 1))
    span = (last - first).days + 1
    shown = {day: counts.get(day, 0) for day in (first + timedelta(days=n) for n in range(span))}
    peak_day, peak = max(shown.items(), key=lambda item: (item[1], item[0]))
    bars = []
    for index, (day, count) in enumerate(shown.items()):
        height = round(count * CHART_HEIGHT / peak, 2) if peak else 0
        bars.append(Bar(day, count, index * CHART_STEP, round(CHART_HEIGHT - height, 2), height))
    return DayChart(
        bars=bars,
        width=span * CHART_STEP,
        height=CHART_HEIGHT,
        bar_width=CHART_STEP - 2,
        peak=peak,
        peak_day=peak_day,
        first_day=first,
        last_day=last,
    )
