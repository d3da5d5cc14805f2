"""Shared look of the charts: colours by stage and exit, titles, axis labels, empty states."""

from __future__ import annotations

import plotly.graph_objects as go

from widenet.analytics.history import Exit
from widenet.track.stages import RejectReason, Stage

STAGE_COLOURS: dict[Stage, str] = {
    Stage.APPLIED: "#9da5b4",
    Stage.RECRUITER: "#4e79a7",
    Stage.HIRING_MANAGER: "#76b7b2",
    Stage.TECHNICAL: "#f28e2b",
    Stage.TAKE_HOME: "#edc948",
    Stage.ONSITE: "#59a14f",
    Stage.REFERENCES: "#b07aa1",
    Stage.OFFER: "#2f8f46",
}
EXIT_COLOURS: dict[Exit, str] = {
    Exit.NO_RESPONSE: "#c9c3bf",
    Exit.REJECTED: "#e15759",
    Exit.WITHDRAWN: "#9c755f",
    Exit.GHOSTED: "#79706e",
    Exit.DECLINED: "#ff9da7",
    Exit.ACCEPTED: "#1b6e35",
    Exit.OPEN: "#a0cbe8",
}
REASON_COLOURS: dict[RejectReason, str] = {
    RejectReason.NO_RESPONSE: "#c9c3bf",
    RejectReason.ROLE_FILLED: "#f1a9a0",
    RejectReason.SKILLS_MISMATCH: "#e8797a",
    RejectReason.NOT_A_FIT: "#e15759",
    RejectReason.FAILED_INTERVIEW: "#b03a3c",
    RejectReason.OTHER: "#8c2d2f",
}
PASS_COLOUR, FAIL_COLOUR, TREND_COLOUR = "#2f8f46", "#e15759", "#4e79a7"
DAY_MS = 86_400_000  # a date axis measures bar lengths in milliseconds


def reason_label(reason: RejectReason) -> str:
    return reason.value.replace("_", " ").capitalize()


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
