"""Charts over time: the burndown, process timelines (Gantt), stage and reply times."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import plotly.graph_objects as go

from widenet.analytics.burndown import Burndown
from widenet.analytics.figures.style import DAY_MS, NO_APPLICATIONS, empty, new_figure
from widenet.analytics.history import Exit
from widenet.analytics.palette import EXIT_COLOURS, STAGE_COLOURS
from widenet.analytics.timelines import ApplicationTimeline, Timelines
from widenet.track.stages import PROGRESS, Stage


def burndown_figure(burndown: Burndown) -> go.Figure:
    """Open applications in each stage kind, day by day (stacked areas)."""
    fig = new_figure("Open applications by stage, day by day", x="Date", y="Open applications")
    if not burndown.days:
        return empty(fig, NO_APPLICATIONS)
    days = [day.isoformat() for day in burndown.days]
    for stage in PROGRESS:
        counts = burndown.open_by_stage[stage]
        if any(counts):
            fig.add_trace(
                go.Scatter(
                    x=days,
                    y=counts,
                    name=stage.label,
                    stackgroup="open",
                    mode="lines",
                    line={"color": STAGE_COLOURS[stage], "width": 0.5},
                    hovertemplate=f"%{{x}}: %{{y}} at {stage.label.lower()}<extra></extra>",
                )
            )
    if not any(burndown.open_total):
        empty(fig, "No application is open on any day of the search.")
    return fig


def timeline_figure(timelines: Timelines) -> go.Figure:
    """A Gantt bar per application, one colour per stage kind, outcomes marked at the end."""
    bars = timelines.applications
    fig = new_figure(
        "Process timelines: one bar per application",
        x="Date",
        y="Application",
        height=max(360, 140 + 22 * len(bars)),
    )
    if not bars:
        return empty(fig, NO_APPLICATIONS)
    names = _bar_names(bars)
    for stage in PROGRESS:
        pieces = [
            (names[i], s) for i, bar in enumerate(bars) for s in bar.segments if s.stage is stage
        ]
        if pieces:
            fig.add_trace(
                go.Bar(
                    y=[name for name, _ in pieces],
                    base=[s.start.isoformat() for _, s in pieces],
                    # A same-day step still shows as a sliver; the hover gives the real length.
                    x=[max(s.days, 0.4) * DAY_MS for _, s in pieces],
                    customdata=[
                        [s.start.isoformat(), s.end.isoformat(), s.days] for _, s in pieces
                    ],
                    orientation="h",
                    name=stage.label,
                    marker_color=STAGE_COLOURS[stage],
                    hovertemplate=(
                        f"%{{y}}<br>{stage.label}: %{{customdata[0]}} → %{{customdata[1]}} "
                        "(%{customdata[2]} days)<extra></extra>"
                    ),
                )
            )
    _add_outcome_marks(fig, bars, names)
    fig.update_layout(barmode="overlay", bargap=0.25)
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    return fig


def _bar_names(bars: Sequence[ApplicationTimeline]) -> list[str]:
    names = [f"{bar.company} — {bar.role}" for bar in bars]
    repeated = {name for name, count in Counter(names).items() if count > 1}
    return [
        f"{name} (#{bar.application_id})" if name in repeated else name
        for name, bar in zip(names, bars, strict=True)
    ]


_OUTCOME_EXITS = {
    Stage.REJECTED: Exit.REJECTED,
    Stage.WITHDRAWN: Exit.WITHDRAWN,
    Stage.GHOSTED: Exit.GHOSTED,
    Stage.DECLINED: Exit.DECLINED,
    Stage.ACCEPTED: Exit.ACCEPTED,
}


def _add_outcome_marks(
    fig: go.Figure, bars: Sequence[ApplicationTimeline], names: list[str]
) -> None:
    for outcome, exit_ in _OUTCOME_EXITS.items():
        ended = [
            (name, bar) for name, bar in zip(names, bars, strict=True) if bar.outcome is outcome
        ]
        if ended:
            fig.add_trace(
                go.Scatter(
                    y=[name for name, _ in ended],
                    x=[bar.outcome_on.isoformat() if bar.outcome_on else None for _, bar in ended],
                    mode="markers",
                    name=exit_.label,
                    marker={
                        "symbol": "line-ns-open",
                        "size": 14,
                        "line": {"width": 3},
                        "color": EXIT_COLOURS[exit_],
                    },
                    hovertemplate=f"%{{y}}<br>{exit_.label} on %{{x}}<extra></extra>",
                )
            )


def stage_times_figure(timelines: Timelines) -> go.Figure:
    """Median days spent in each stage kind, over stays that have ended."""
    fig = new_figure("Median days in each stage", x="Stage", y="Days (median)")
    rows = [row for row in timelines.stage_times if row.median_days is not None]
    if not rows:
        return empty(fig, "No stage has ended yet.")
    fig.add_trace(
        go.Bar(
            x=[row.label for row in rows],
            y=[row.median_days for row in rows],
            text=[f"{row.median_days:g} d (n={row.stays})" for row in rows],
            textposition="outside",
            marker_color=[STAGE_COLOURS[row.stage] for row in rows],
            hovertemplate="%{x}: median %{y} days<extra></extra>",
            showlegend=False,
        )
    )
    return fig


def reply_times_figure(timelines: Timelines) -> go.Figure:
    """Days from applying to each company's first reply (a next step or a rejection)."""
    rows = [row for row in timelines.companies if row.median_reply_days is not None]
    fig = new_figure(
        "Response time per company: days from applying to the first reply",
        x="Days (median)",
        y="Company",
        height=max(360, 140 + 22 * len(rows)),
    )
    if not rows:
        return empty(fig, "No company has replied yet.")
    fig.add_trace(
        go.Bar(
            y=[row.company for row in rows],
            x=[row.median_reply_days for row in rows],
            customdata=[[row.replied, row.applications] for row in rows],
            orientation="h",
            marker_color=STAGE_COLOURS[Stage.RECRUITER],
            hovertemplate=(
                "%{y}: %{x} days (%{customdata[0]} of %{customdata[1]} replied)<extra></extra>"
            ),
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return fig
