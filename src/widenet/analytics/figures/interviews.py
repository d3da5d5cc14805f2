"""Charts of the interviews: the load calendar, weekly hours, learning curve, self-rating."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from widenet.analytics.figures.style import empty, new_figure, translucent
from widenet.analytics.learning import LearningCurve
from widenet.analytics.load import WEEKDAYS, InterviewLoad
from widenet.analytics.palette import FAIL_COLOUR, PASS_COLOUR, STAGE_COLOURS, TREND_COLOUR
from widenet.track.stages import Stage


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def load_heatmap_figure(load: InterviewLoad) -> go.Figure:
    """A calendar of interview hours per day (preparation included); days over the cap marked."""
    fig = new_figure(
        "Interview hours per day, preparation included (× = over the daily cap)",
        x="Week of",
        y="Day",
        height=380,
    )
    if not load.total_hours:
        return empty(fig, "No interviews yet.")
    weeks = sorted({_monday(day.day) for day in load.days})
    column = {monday: i for i, monday in enumerate(weeks)}
    hours: list[list[float | None]] = [[None] * len(weeks) for _ in WEEKDAYS]
    detail: list[list[str]] = [[""] * len(weeks) for _ in WEEKDAYS]
    for day in load.days:
        row, col = day.day.weekday(), column[_monday(day.day)]
        hours[row][col] = round(day.hours, 2)
        detail[row][col] = f"{day.day}: {day.interviews} interviews" + "".join(
            f"<br>over: {reason}" for reason in day.over
        )
    x = [monday.isoformat() for monday in weeks]
    fig.add_trace(
        go.Heatmap(
            x=x,
            y=list(WEEKDAYS),
            z=hours,
            customdata=detail,
            colorscale="Blues",
            colorbar={"title": {"text": "Hours"}},
            xgap=2,
            ygap=2,
            hovertemplate="%{customdata}<br>%{z} hours<extra></extra>",
        )
    )
    over = [day for day in load.days if day.is_over]
    if over:
        fig.add_trace(
            go.Scatter(
                x=[_monday(day.day).isoformat() for day in over],
                y=[WEEKDAYS[day.day.weekday()] for day in over],
                mode="text",
                text=["×"] * len(over),
                textfont={"size": 20, "color": "#c0392b"},
                name="Over the daily cap",
                hoverinfo="skip",
            )
        )
    fig.update_yaxes(autorange="reversed")
    return fig


def weekly_load_figure(load: InterviewLoad) -> go.Figure:
    """Interview and preparation hours per week of the search."""
    fig = new_figure("Interview hours per week", x="Week starting", y="Hours")
    if not load.total_hours:
        return empty(fig, "No interviews yet.")
    x = [week.start.isoformat() for week in load.weeks]
    over = [week.days_over for week in load.weeks]
    for name, colour, minutes in (
        ("Interviews", STAGE_COLOURS[Stage.TECHNICAL], [w.interview_minutes for w in load.weeks]),
        ("Preparation", STAGE_COLOURS[Stage.TAKE_HOME], [w.prep_minutes for w in load.weeks]),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=[m / 60 for m in minutes],
                name=name,
                marker_color=colour,
                customdata=over,
                hovertemplate=(
                    f"week of %{{x}}: %{{y:.1f}} h {name.lower()}, "
                    "%{customdata} days over the cap<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack")
    return fig


def learning_figure(curve: LearningCurve) -> go.Figure:
    """Pass (1) or fail (0) of each technical interview by its order, with the smoothed rate."""
    fig = new_figure(
        "Learning curve: technical interviews passed, by order in the search",
        x="Technical interview (1 = first of the search)",
        y="Pass rate",
    )
    fig.update_yaxes(tickformat=".0%", range=[-0.05, 1.05])
    if not curve.attempts:
        return empty(fig, "No technical interviews yet.")
    order = [point.order for point in curve.trend]
    band = f"{curve.mass:.0%} credible band"
    fig.add_trace(
        go.Scatter(
            x=order,
            y=[p.high for p in curve.trend],
            mode="lines",
            line={"width": 0},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=order,
            y=[p.low for p in curve.trend],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=translucent(TREND_COLOUR, 0.2),
            name=band,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=order,
            y=[p.mean for p in curve.trend],
            mode="lines",
            line={"color": TREND_COLOUR, "width": 3},
            name=f"Smoothed pass rate (±{curve.window} interviews)",
            hovertemplate="interview %{x}: %{y:.0%}<extra></extra>",
        )
    )
    _add_attempt_marks(fig, curve)
    return fig


def _add_attempt_marks(fig: go.Figure, curve: LearningCurve) -> None:
    for name, colour, value, wanted in (
        ("Passed", PASS_COLOUR, 1.0, "pass"),
        ("Failed", FAIL_COLOUR, 0.0, "fail"),
    ):
        shown = [a for a in curve.attempts if a.outcome.value == wanted]
        if shown:
            fig.add_trace(
                go.Scatter(
                    x=[a.order for a in shown],
                    y=[value] * len(shown),
                    customdata=[a.on.isoformat() for a in shown],
                    mode="markers",
                    name=name,
                    marker={"color": colour, "size": 10},
                    hovertemplate=(
                        f"interview %{{x}} on %{{customdata}}: {name.lower()}<extra></extra>"
                    ),
                )
            )


def ratings_figure(curve: LearningCurve) -> go.Figure:
    """Self-rating (1-4) against outcome: how well the person judges their own interviews."""
    fig = new_figure(
        "Self-rating against outcome",
        x="Self-rating (1 = went badly, 4 = went very well)",
        y="Interviews",
    )
    if not curve.judged:
        return empty(fig, "No interview has both a self-rating and an outcome yet.")
    ratings = [str(row.rating) for row in curve.ratings]
    rates = [
        "" if row.pass_rate is None else f"{row.pass_rate:.0%} passed" for row in curve.ratings
    ]
    for name, colour, values in (
        ("Passed", PASS_COLOUR, [row.passes for row in curve.ratings]),
        ("Failed", FAIL_COLOUR, [row.fails for row in curve.ratings]),
    ):
        fig.add_trace(
            go.Bar(
                x=ratings,
                y=values,
                name=name,
                marker_color=colour,
                customdata=rates,
                hovertemplate=(
                    f"rated %{{x}}: %{{y}} {name.lower()} (%{{customdata}})<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    if curve.agreement is not None:
        fig.update_layout(
            title_text=f"{fig.layout.title.text}<br><sup>“Rated 3 or 4” matched “passed” in "
            f"{curve.agreement:.0%} of {curve.judged} interviews</sup>"
        )
    return fig
