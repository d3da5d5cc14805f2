"""The plan as a Gantt chart: a row per company, a bar per stage coloured by stage, the
decision window shaded, today marked; what happened drawn over the plan as narrower bars.

Built as Plotly JSON (plain dicts), like web/figures.py. Names are HTML-escaped: Plotly reads
a few tags in its texts and shows entities as the characters they stand for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from typing import Any

from widenet.analytics.figures.style import translucent
from widenet.analytics.palette import STAGE_COLOURS
from widenet.services.plan_views import Bar, PlanShow
from widenet.track.stages import PROGRESS, Stage
from widenet.web.figures import Figure, base_layout

DAY_MS = 86_400_000
ROW_PX = 30
WINDOW_COLOUR = "#59a14f"
TODAY_COLOUR = "#e15759"


def gantt_figure(show: PlanShow) -> Figure:
    """Planned bars (wide, pale) and actual bars (narrow, solid) per company, in the order of
    the planned onsites; the expected offers as stars."""
    plan = show.plan
    order = sorted(plan.included, key=lambda c: (c.onsite_on or date.max, c.name.casefold()))
    names = [escape(c.name) for c in order]
    layout = base_layout(
        "The plan: each company's steps, the onsite window shaded",
        x="",
        y="",
        height=150 + ROW_PX * max(len(names), 3),
    )
    layout |= {"barmode": "overlay", "bargap": 0.3}
    layout["xaxis"] |= {"type": "date", "tickformat": "%d %b", "showgrid": True}
    layout["yaxis"] |= {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": names,
        "autorange": "reversed",
        "automargin": True,
    }
    layout["legend"] |= {"title": {"text": "Stage"}}
    layout["shapes"], layout["annotations"] = _marks(show)
    traces = [
        *_bars(show.planned_bars, width=0.7, opacity=0.4, kind="planned"),
        *_bars(show.actual_bars, width=0.3, opacity=1.0, kind="actual"),
    ]
    offers = [c for c in order if c.offer_on is not None and c.offer_on >= plan.first_day]
    if offers:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [c.offer_on.isoformat() for c in offers if c.offer_on],
                "y": [escape(c.name) for c in offers],
                "marker": {"symbol": "star", "size": 11, "color": STAGE_COLOURS[Stage.OFFER]},
                "name": "Expected offer",
                "hovertext": [
                    f"{escape(c.name)}: offer expected {_day(c.offer_on)}" for c in offers
                ],
                "hoverinfo": "text",
            }
        )
    return {"data": traces, "layout": layout}


def _bars(bars: Sequence[Bar], *, width: float, opacity: float, kind: str) -> list[dict[str, Any]]:
    """One trace per stage; the planned ones carry the legend, the actual ones follow it."""
    traces = []
    for stage in PROGRESS:
        mine = [bar for bar in bars if bar.stage is stage]
        if not mine:
            continue
        colour = STAGE_COLOURS[stage]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [bar.start.isoformat() for bar in mine],
                "x": [(bar.end - bar.start).days * DAY_MS for bar in mine],
                "y": [escape(bar.company) for bar in mine],
                "width": width,
                "marker": {
                    "color": translucent(colour, opacity) if opacity < 1 else colour,
                    "line": {"color": colour, "width": 1},
                },
                "name": stage.label if kind == "planned" else f"{stage.label} (actual)",
                "legendgroup": stage.value,
                "showlegend": kind == "planned",
                "hovertext": [
                    f"{escape(bar.company)}: {stage.label.lower()} {kind}, "
                    f"{_day(bar.start)} – {_day(bar.end - timedelta(days=1))}"
                    for bar in mine
                ],
                "hoverinfo": "text",
            }
        )
    return traces


def _marks(show: PlanShow) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The window as a shaded band and today as a line, each with its label."""
    plan = show.plan
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    if plan.window_start is not None and plan.window_end is not None:
        end = plan.window_end + timedelta(days=1)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": plan.window_start.isoformat(),
                "x1": end.isoformat(),
                "y0": 0,
                "y1": 1,
                "fillcolor": translucent(WINDOW_COLOUR, 0.12),
                "line": {"width": 0},
                "layer": "below",
            }
        )
        notes.append(_label(plan.window_start, f"onsite window ({plan.window_days} days)"))
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": show.today.isoformat(),
            "x1": show.today.isoformat(),
            "y0": 0,
            "y1": 1,
            "line": {"color": TODAY_COLOUR, "width": 2, "dash": "dot"},
        }
    )
    notes.append(_label(show.today, "today", colour=TODAY_COLOUR, left=True))
    return shapes, notes


def _label(day: date, text: str, *, colour: str = "#3b6e35", left: bool = False) -> dict[str, Any]:
    """A label above the plot, right of its day (the window) or left of it (today), so the
    two never overlap: the window starts today or later."""
    return {
        "x": day.isoformat(),
        "xref": "x",
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "xanchor": "right" if left else "left",
        "text": text,
        "showarrow": False,
        "font": {"color": colour, "size": 12},
    }


def _day(day: date | None) -> str:
    return "" if day is None else f"{day:%a} {day.day} {day:%b}"
