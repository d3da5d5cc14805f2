"""Shared look of the charts: titles, axis labels, empty states (colours: analytics.palette)."""

from __future__ import annotations

import plotly.graph_objects as go

DAY_MS = 86_400_000  # a date axis measures bar lengths in milliseconds


def new_figure(title: str, *, x: str = "", y: str = "", height: int = 420) -> go.Figure:
    fig = go.Figure()
    style(fig, title, x=x, y=y, height=height)
    return fig


def style(fig: go.Figure, title: str, *, x: str, y: str, height: int) -> None:
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.01, "xanchor": "left"},
        height=height,
        margin={"l": 70, "r": 30, "t": 70, "b": 60},
        font={"size": 13},
        legend={"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top"},
        legend_title_text="",
    )
    fig.update_xaxes(title_text=x)
    fig.update_yaxes(title_text=y)


def empty(fig: go.Figure, message: str) -> go.Figure:
    """Mark a chart with nothing to show yet, keeping its title and axis labels."""
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": "#666"},
    )
    # Numbers on an empty chart's axes would only mislead; its titles stay.
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
    return fig


NO_APPLICATIONS = "No applications yet — add one and this chart fills in."


def translucent(hex_colour: str, alpha: float = 0.45) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
