"""Charts of how processes went: funnel, how they ended, the flow (Sankey), breakdowns."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widenet.analytics.breakdowns import Breakdown
from widenet.analytics.figures.style import NO_APPLICATIONS, empty, new_figure, style, translucent
from widenet.analytics.flow import Flow
from widenet.analytics.funnel import Funnel
from widenet.analytics.history import Exit
from widenet.analytics.palette import EXIT_COLOURS, REASON_COLOURS, STAGE_COLOURS, reason_label
from widenet.track.stages import RejectReason, Stage


def funnel_figure(funnel: Funnel) -> go.Figure:
    """Applications reaching each stage, with the conversion from the stage above."""
    fig = new_figure("Funnel: applications reaching each stage", x="Applications", y="Stage")
    if not funnel.applications:
        return empty(fig, NO_APPLICATIONS)
    rows = funnel.rows
    fig.add_trace(
        go.Funnel(
            y=[row.label for row in rows],
            x=[row.reached for row in rows],
            textinfo="value+percent previous",
            marker={"color": [STAGE_COLOURS[row.stage] for row in rows]},
            customdata=[[row.entered, row.skipped] for row in rows],
            hovertemplate=(
                "%{y}: %{x} reached<br>%{customdata[0]} had this step, "
                "%{customdata[1]} skipped it<extra></extra>"
            ),
        )
    )
    return fig


def funnel_exits_figure(funnel: Funnel) -> go.Figure:
    """How the processes that stopped at each stage ended (or that they are still open)."""
    fig = new_figure(
        "Where processes stopped, and how", x="Applications", y="Furthest stage reached"
    )
    rows = funnel.rows
    labels = [row.label for row in rows]
    series: list[tuple[str, str, list[int]]] = [
        (f"Rejected: {reason_label(r).lower()}", REASON_COLOURS[r], [x.rejected[r] for x in rows])
        for r in RejectReason
    ]
    series += [
        (Exit.WITHDRAWN.label, EXIT_COLOURS[Exit.WITHDRAWN], [x.withdrawn for x in rows]),
        (Exit.GHOSTED.label, EXIT_COLOURS[Exit.GHOSTED], [x.ghosted for x in rows]),
        (Exit.DECLINED.label, EXIT_COLOURS[Exit.DECLINED], [x.declined for x in rows]),
        (Exit.ACCEPTED.label, EXIT_COLOURS[Exit.ACCEPTED], [x.accepted for x in rows]),
        (Exit.OPEN.label, EXIT_COLOURS[Exit.OPEN], [x.still_open for x in rows]),
    ]
    for name, colour, counts in series:
        if any(counts):
            fig.add_trace(
                go.Bar(
                    y=labels,
                    x=counts,
                    name=name,
                    orientation="h",
                    marker_color=colour,
                    hovertemplate=f"%{{y}}: %{{x}} {name.lower()}<extra></extra>",
                )
            )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    return fig if funnel.applications else empty(fig, NO_APPLICATIONS)


def flow_figure(flow: Flow) -> go.Figure:
    """The Sankey: applied → stages → offer, every exit its own band, counts on hover."""
    fig = new_figure("Flow of applications through the process", height=520)
    if not flow.links:
        return empty(fig, NO_APPLICATIONS)
    colours = [_node_colour(node.key) for node in flow.nodes]
    fig.add_trace(
        go.Sankey(
            arrangement="snap",
            valueformat="d",
            valuesuffix=" applications",
            node={
                "label": [f"{node.label} ({node.total})" for node in flow.nodes],
                "color": colours,
                "pad": 18,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [link.source for link in flow.links],
                "target": [link.target for link in flow.links],
                "value": [link.value for link in flow.links],
                "color": [translucent(colours[link.target]) for link in flow.links],
                "hovertemplate": ("%{source.label} → %{target.label}<br>%{value}<extra></extra>"),
            },
        )
    )
    return fig


def _node_colour(key: str) -> str:
    if key.startswith("exit:"):
        return EXIT_COLOURS[Exit(key.removeprefix("exit:"))]
    return STAGE_COLOURS[Stage(key)]


def breakdown_figure(breakdown: Breakdown) -> go.Figure:
    """Applications, responses, onsites and offers per group, with the response rate."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    style(
        fig,
        f"By {breakdown.title.lower()}: what each kind of application led to",
        x=breakdown.title,
        y="Applications",
        height=420,
    )
    fig.update_yaxes(
        title_text="Response rate (%)",
        range=[0, 118],  # room above 100% for its label
        tickvals=[0, 25, 50, 75, 100],
        showgrid=False,
        secondary_y=True,
    )
    # The right-hand axis takes the place of a side legend.
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        margin={"t": 100},
    )
    rows = breakdown.rows
    if not rows:
        return empty(fig, NO_APPLICATIONS)
    labels = [row.label for row in rows]
    counts = [
        ("Applications", STAGE_COLOURS[Stage.APPLIED], [r.applications for r in rows]),
        ("Responses", STAGE_COLOURS[Stage.RECRUITER], [r.responses for r in rows]),
        ("Onsites", STAGE_COLOURS[Stage.ONSITE], [r.onsites for r in rows]),
        ("Offers", STAGE_COLOURS[Stage.OFFER], [r.offers for r in rows]),
    ]
    for name, colour, values in counts:
        fig.add_trace(go.Bar(x=labels, y=values, name=name, marker_color=colour), secondary_y=False)
    rates = [None if r.response_rate is None else 100 * r.response_rate for r in rows]
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=rates,
            name="Response rate (%)",
            mode="markers+text",
            text=[f"{rate:.0f}%" if rate is not None else "" for rate in rates],
            textposition="top center",
            cliponaxis=False,
            marker={"color": "#222", "size": 9, "symbol": "diamond"},
            hovertemplate="%{x}: %{y:.0f}% got past applying<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_layout(barmode="group")
    return fig
