"""Charts of the decide and offers pages: a company's score over time, offers year by year.

Figures are built as Plotly JSON (plain dicts) in the look of analytics/figures/style.py: a page
draws one per request, and plotly's graph objects spend ~100 ms validating each figure.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from widenet.analytics.figures.style import translucent
from widenet.offers.money import Money, format_money
from widenet.services.evaluate_views import PointView
from widenet.services.offers_views import CurrencyGroup

Figure = dict[str, Any]  # a figure as Plotly JSON, ready for charts.chart()

#: One colour per offer, in the order the offers are listed (Tableau 10, as the analytics).
OFFER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1")
SCORE_COLOUR = "#4e79a7"


@functools.cache
def _template() -> dict[str, Any]:
    import plotly.io as pio  # once per process: the shared white template as JSON

    return dict(pio.templates["plotly_white"].to_plotly_json())


def base_layout(title: str, *, x: str, y: str, height: int) -> dict[str, Any]:
    """The layout of analytics.figures.style.new_figure, as JSON (a fresh dict each call)."""
    return {
        "template": _template(),
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 70, "b": 60},
        "font": {"size": 13},
        "legend": {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "title": {"text": ""}},
        "xaxis": {"title": {"text": x}},
        "yaxis": {"title": {"text": y}},
    }


def score_figure(points: Sequence[PointView], *, company: str) -> Figure:
    """The weighted score after each rating session, on the fixed 1-5 scale."""
    layout = base_layout(
        f"Your view of {company} over time", x="Day", y="Weighted score", height=320
    )
    layout["xaxis"]["type"] = "date"
    layout["yaxis"] |= {"range": [0.8, 5.5], "dtick": 1}
    layout["margin"] = {"l": 60, "r": 40, "t": 70, "b": 50}
    scored = [point for point in points if point.score is not None]
    hover = [
        f"{point.on:%d %b}, after {point.after or 'a rating'}<br>"
        f"score {point.score:.2f} on {point.coverage:.0%} of your weight<br>"
        + ", ".join(f"{r.label} {r.score}" for r in point.rated)
        for point in scored
    ]
    trace = {
        "type": "scatter",
        "x": [point.on.isoformat() for point in scored],
        "y": [round(point.score or 0.0, 3) for point in scored],
        "mode": "lines+markers+text",
        "text": [_short(point.after) for point in scored],
        "textposition": "top center",
        "cliponaxis": False,
        "hovertext": hover,
        "hoverinfo": "text",
        "line": {"color": SCORE_COLOUR, "width": 3},
        "marker": {"size": 10},
        "name": "Weighted score",
        "showlegend": False,
    }
    return {"data": [trace], "layout": layout}


def _short(label: str, size: int = 18) -> str:
    """A point's label on the chart; the hover text has it whole."""
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def _major(amount: Money) -> float:
    # a bar's height only; the tables show the exact amounts
    return float(amount.major)


def offers_figure(group: CurrencyGroup) -> Figure:
    """Each year of each offer as a stacked bar: cash, equity risk-adjusted, and what the
    equity adds on paper only (hatched), the offers side by side within each year."""
    currency = group.comparison.currency
    layout = base_layout(
        f"Offers year by year ({currency}): risk-adjusted, and what the paper value adds",
        x="Year of the job",
        y=f"Value ({currency})",
        height=440,
    )
    layout |= {"barmode": "group", "bargap": 0.25, "bargroupgap": 0.08}
    layout["legend"]["groupclick"] = "togglegroup"
    years = [f"Year {year.year}" for year in group.rows[0].valued.valuation.years]
    zero = Money.zero(currency)
    traces: list[dict[str, Any]] = []
    for index, row in enumerate(group.rows):
        name = row.valued.view.company.name
        colour = OFFER_COLOURS[index % len(OFFER_COLOURS)]
        table = row.valued.valuation.years
        cash = [year.cash for year in table]
        equity = [year.equity for year in table]
        paper_only = [max(year.equity_paper - year.equity, zero) for year in table]
        bars = _Bars(name, years, index)
        traces.append(bars.trace("cash", cash, [zero] * len(cash), colour))
        traces.append(bars.trace("equity, risk-adjusted", equity, cash, translucent(colour, 0.6)))
        if any(amount.minor for amount in paper_only):
            below = [c + e for c, e in zip(cash, equity, strict=True)]
            light = translucent(colour, 0.15)
            traces.append(bars.trace("on paper only", paper_only, below, light, hatched=colour))
    return {"data": traces, "layout": layout}


class _Bars:
    """The bars of one offer: one trace per part, stacked with ``base``, grouped by offer."""

    def __init__(self, company: str, years: list[str], index: int) -> None:
        self.company, self.years, self.index = company, years, index

    def trace(
        self,
        part: str,
        amounts: Sequence[Money],
        below: Sequence[Money],
        colour: str,
        *,
        hatched: str | None = None,
    ) -> dict[str, Any]:
        marker: dict[str, Any] = {"color": colour, "line": {"color": colour, "width": 1}}
        if hatched:
            marker["pattern"] = {"shape": "/", "fgcolor": hatched, "solidity": 0.3}
            marker["line"] = {"color": hatched, "width": 1}
        return {
            "type": "bar",
            "x": self.years,
            "y": [_major(amount) for amount in amounts],
            "base": [_major(amount) for amount in below],
            "name": f"{self.company}: {part}",
            "legendgroup": self.company,
            "offsetgroup": str(self.index),
            "marker": marker,
            "hovertext": [
                f"{self.company}, {year}: {part} {format_money(amount)}"
                for year, amount in zip(self.years, amounts, strict=True)
            ],
            "hoverinfo": "text",
        }
