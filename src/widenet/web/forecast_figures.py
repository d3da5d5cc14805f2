"""Charts of the forecast page: offers, when they come, interview hours, how wide, calibration.

Figures are Plotly JSON (plain dicts, as in web/figures.py): a what-if redraws them all, and
plotly's graph objects would spend ~100 ms validating each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from widenet.analytics.figures.style import translucent
from widenet.analytics.palette import PASS_COLOUR, STAGE_COLOURS
from widenet.forecast import HowWide, OfferCount, OfferTiming, StageCalibration, Week
from widenet.services.forecast_text import percent
from widenet.track.stages import Stage
from widenet.web.figures import Figure, base_layout

OFFER_COLOUR = STAGE_COLOURS[Stage.OFFER]
ORDER_COLOURS = ("#2f8f46", "#4e79a7", "#b07aa1")  # first, second, third offer
HOURS_COLOUR = "#59a14f"
WIDE_COLOUR = "#4e79a7"
PRIOR_COLOUR = "#9da5b4"
TARGET_COLOUR = "#8a5a00"
ORDER_NAMES = {1: "First", 2: "Second", 3: "Third"}


def _percent_axis(layout: dict[str, Any], *, top: float = 1.0) -> None:
    layout["yaxis"] |= {"tickformat": ".0%", "range": [0, top], "rangemode": "tozero"}


def offers_figure(offers: OfferCount) -> Figure:
    """P(k offers) as bars, the mean as a line and the 5th–95th percentile as a band."""
    low, high = offers.percentiles[5], offers.percentiles[95]
    layout = base_layout(
        f"How many offers: {offers.mean:.1f} expected, 90% of searches {low}–{high}",
        x="Offers",
        y="Share of simulated searches",
        height=380,
    )
    layout["xaxis"] |= {"dtick": 1, "range": [-0.6, len(offers.pmf) - 0.4]}
    _percent_axis(layout, top=min(1.0, max(offers.pmf) * 1.18 + 0.02))
    layout["showlegend"] = False
    layout["shapes"] = [
        {
            "type": "rect", "xref": "x", "yref": "paper", "x0": low - 0.45, "x1": high + 0.45,
            "y0": 0, "y1": 1, "fillcolor": translucent(OFFER_COLOUR, 0.10),
            "line": {"width": 0}, "layer": "below",
        },
        {
            "type": "line", "xref": "x", "yref": "paper", "x0": offers.mean, "x1": offers.mean,
            "y0": 0, "y1": 1, "line": {"color": "#1c2230", "width": 2, "dash": "dash"},
        },
    ]  # fmt: skip
    layout["annotations"] = [
        _note(low - 0.45, 1.0, f"90% of searches: {low}–{high}"),
        _note(offers.mean, 0.9, f"mean {offers.mean:.1f}"),
    ]
    bars = {
        "type": "bar",
        "x": list(range(len(offers.pmf))),
        "y": [round(p, 4) for p in offers.pmf],
        "marker": {"color": OFFER_COLOUR},
        "text": [percent(p) for p in offers.pmf],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{x} offers: %{y:.1%} of searches<extra></extra>",
        "name": "Offers",
    }
    return {"data": [bars], "layout": layout}


def _note(x: float, y: float, text: str) -> dict[str, Any]:
    return {
        "x": x, "y": y, "xref": "x", "yref": "paper", "text": text, "showarrow": False,
        "xanchor": "left", "yanchor": "bottom", "xshift": 4,
        "font": {"size": 12, "color": "#1c2230"}, "bgcolor": "rgba(255,255,255,0.85)",
    }  # fmt: skip


def offer_dates_figure(timings: Sequence[OfferTiming]) -> Figure | None:
    """Each offer's date among the searches that get it: the 5–95% range as a thin line, the
    middle half as a thick one, the median as a diamond. None when no offer ever comes."""
    shown = [t for t in timings if t.percentiles]
    if not shown:
        return None
    layout = base_layout(
        "When each offer comes (in the searches that get it)",
        x="Date",
        y="",
        height=170 + 60 * len(shown),
    )
    layout["xaxis"] |= {"type": "date", "range": _date_range(shown), "tickformat": "%-d %b"}
    layout["yaxis"] |= {"autorange": "reversed", "automargin": True}
    layout["legend"] |= {"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"}
    layout["margin"] = {"l": 40, "r": 30, "t": 70, "b": 90}
    names = [f"{ORDER_NAMES[t.order]} offer, comes in {percent(t.probability)}" for t in shown]
    traces = [
        _range(shown, names, 5, 95, width=3, name="5–95% of those searches", colour="#9da5b4"),
        _range(shown, names, 25, 75, width=14, name="middle half", colour=None),
        {
            "type": "scatter",
            "mode": "markers",
            "x": [t.percentiles[50].isoformat() for t in shown],
            "y": names,
            "marker": {"symbol": "diamond", "size": 13, "color": "#1c2230"},
            "name": "median",
            "hovertemplate": "%{y}: median %{x|%a %d %b}<extra></extra>",
        },
    ]
    return {"data": traces, "layout": layout}


def _date_range(shown: Sequence[OfferTiming]) -> list[str]:
    """From the earliest 5th to the latest 95th percentile, a day either side and at least
    a week wide (so that the ticks fall on days, never on hours)."""
    first = min(t.percentiles[5] for t in shown) - timedelta(days=1)
    last = max(t.percentiles[95] for t in shown) + timedelta(days=1)
    last = max(last, first + timedelta(days=7))
    return [first.isoformat(), last.isoformat()]


def _range(
    shown: Sequence[OfferTiming],
    names: Sequence[str],
    low: int,
    high: int,
    *,
    width: int,
    name: str,
    colour: str | None,
) -> dict[str, Any]:
    """One trace of line segments, one per offer (None separates them)."""
    x: list[str | None] = []
    y: list[str | None] = []
    for timing, label in zip(shown, names, strict=True):
        x += [timing.percentiles[low].isoformat(), timing.percentiles[high].isoformat(), None]
        y += [label, label, None]
    line_colour = colour or translucent(ORDER_COLOURS[0], 0.75)
    return {
        "type": "scatter",
        "mode": "lines",
        "x": x,
        "y": y,
        "line": {"color": line_colour, "width": width},
        "name": name,
        "hovertemplate": f"%{{y}}: %{{x|%a %d %b}} ({low}th–{high}th percentile)<extra></extra>",
    }


def first_offer_figure(weeks: Sequence[Week], today: date) -> Figure | None:
    """The chance of holding at least one offer by the end of each week ahead."""
    if not weeks:
        return None
    ends = [week.start + timedelta(days=7) for week in weeks]
    layout = base_layout(
        "Chance of at least one offer by each week's end",
        x="End of the week",
        y="Chance",
        height=340,
    )
    layout["xaxis"] |= {"type": "date", "range": [today.isoformat(), ends[-1].isoformat()]}
    _percent_axis(layout, top=1.05)
    layout["showlegend"] = False
    line = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": [day.isoformat() for day in ends],
        "y": [round(week.p_first_offer_by_end, 4) for week in weeks],
        "line": {"color": OFFER_COLOUR, "width": 3},
        "marker": {"size": 8},
        "hovertemplate": "by %{x|%a %d %b}: %{y:.0%}<extra></extra>",
        "name": "At least one offer",
    }
    return {"data": [line], "layout": layout}


def hours_figure(weeks: Sequence[Week]) -> Figure:
    """Expected hours of interviews and their preparation in each week ahead."""
    layout = base_layout(
        "Interview hours per week ahead (expected, preparation included)",
        x="Week of",
        y="Hours",
        height=340,
    )
    layout["showlegend"] = False
    layout["yaxis"]["rangemode"] = "tozero"
    bars = {
        "type": "bar",
        "x": [_week(week.start) for week in weeks],
        "y": [round(week.interview_hours, 2) for week in weeks],
        "marker": {"color": HOURS_COLOUR},
        "text": [f"{week.interview_hours:.1f}" for week in weeks],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "week of %{x}: %{y:.1f} h<extra></extra>",
        "name": "Hours",
    }
    return {"data": [bars], "layout": layout}


def how_wide_figure(wide: HowWide, *, added: int) -> Figure:
    """P(two offers open at once) against more applications, the 80% and 90% points marked."""
    beyond = f" beyond the {added} added" if added else ""
    layout = base_layout(
        f"Two offers open at once, with more applications{beyond}",
        x="More applications of the typical kind",
        y="Chance",
        height=400,
    )
    _percent_axis(layout, top=1.05)
    layout["xaxis"]["rangemode"] = "tozero"
    layout["showlegend"] = False
    curve = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": [point.extra for point in wide.points],
        "y": [round(point.p_two_open, 4) for point in wide.points],
        "line": {"color": WIDE_COLOUR, "width": 3},
        "marker": {"size": 8},
        "hovertemplate": "+%{x} applications: %{y:.0%}<extra></extra>",
        "name": "Two offers open at once",
    }
    shapes, notes = [], []
    for target, smallest in sorted(wide.smallest.items()):
        shapes.append(_target_line(target))
        notes.append(_target_note(target, smallest))
        if smallest is not None:
            shapes.append(_marker_line(smallest, target))
    layout["shapes"], layout["annotations"] = shapes, notes
    return {"data": [curve], "layout": layout}


def _target_line(target: float) -> dict[str, Any]:
    return {
        "type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": target,
        "y1": target, "line": {"color": TARGET_COLOUR, "width": 1, "dash": "dot"},
    }  # fmt: skip


def _marker_line(extra: int, target: float) -> dict[str, Any]:
    return {
        "type": "line", "xref": "x", "yref": "y", "x0": extra, "x1": extra, "y0": 0,
        "y1": target, "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
    }  # fmt: skip


def _target_note(target: float, smallest: int | None) -> dict[str, Any]:
    if smallest is None:
        text = f"{target:.0%}: not reached"
    elif smallest == 0:
        text = f"{target:.0%}: already there"
    else:
        text = f"{target:.0%} at +{smallest}"
    return {
        "x": 1, "xref": "paper", "xanchor": "right", "y": target, "yref": "y",
        "yanchor": "bottom", "text": text, "showarrow": False,
        "font": {"size": 12, "color": TARGET_COLOUR},
    }  # fmt: skip


def calibration_figure(rows: Sequence[StageCalibration]) -> Figure:
    """P(pass) per stage kind: the prior beside what the person's outcomes make of it, each
    with its 5–95% range."""
    layout = base_layout(
        "Chance of passing each stage: the prior and yours",
        x="Stage",
        y="P(pass)",
        height=380,
    )
    layout |= {"barmode": "group", "bargap": 0.3}
    _percent_axis(layout, top=1.05)
    labels = [row.stage.label for row in rows]
    traces = []
    for name, colour, side in (
        ("Prior", PRIOR_COLOUR, "prior"),
        ("Yours (posterior)", PASS_COLOUR, "posterior"),
    ):
        spreads = [getattr(row, f"{side}_pass") for row in rows]
        traces.append(
            {
                "type": "bar",
                "x": labels,
                "y": [round(s.mean, 4) for s in spreads],
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": [round(s.high - s.mean, 4) for s in spreads],
                    "arrayminus": [round(s.mean - s.low, 4) for s in spreads],
                    "color": "#1c2230",
                    "thickness": 1.2,
                },
                "marker": {"color": colour},
                "name": name,
                "hovertemplate": f"{name}, %{{x}}: %{{y:.0%}}<extra></extra>",
            }
        )
    return {"data": traces, "layout": layout}


def _week(day: date) -> str:
    return f"{day.day} {day:%b}"
