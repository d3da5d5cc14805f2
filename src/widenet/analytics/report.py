"""The search report: one self-contained HTML page with every chart, Plotly's JS inlined."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from html import escape

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from widenet.analytics import figures
from widenet.analytics.breakdowns import Breakdown
from widenet.analytics.funnel import Funnel
from widenet.analytics.palette import reason_label
from widenet.analytics.search import SearchAnalytics
from widenet.track.stages import Stage

#: Section titles, in the order the report shows them.
SECTIONS: tuple[str, ...] = (
    "Funnel",
    "Flow",
    "Burndown",
    "Process timelines",
    "Breakdowns",
    "Interview load",
    "Learning curve",
)

_INTROS = {
    "Funnel": "How many applications reached each stage (a later rejection never takes "
    "that away), the conversion from the stage above, and how the others left.",
    "Flow": "Every application from applying to its end; each exit is its own band. "
    "Hover for counts.",
    "Burndown": "How many open applications sat in each stage on each day of the search.",
    "Process timelines": "One bar per application, one colour per stage: differences in "
    "process length and referral shortcuts stand out.",
    "Breakdowns": "Which channels and kinds of company actually led somewhere. A response "
    "means the application got past 'applied'.",
    "Interview load": "Hours of interviews and preparation per day and per week, with the "
    "days that went over the daily caps.",
    "Learning curve": "Technical interviews passed by their order in the search, and how "
    "well self-ratings matched the outcomes.",
}

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; color: #1f2430; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
nav a { margin-right: 1rem; } section { margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.chart { margin: 1rem 0; }
@media print {
  nav { display: none; } body { margin: 0; max-width: none; }
  .chart, table { break-inside: avoid; } section { break-before: page; }
}
"""

# Charts are sized for the screen; redraw them at the paper's width before printing.
_PRINT_JS = (
    "window.addEventListener('beforeprint', function () {"
    " document.querySelectorAll('.plotly-graph-div').forEach(function (chart) {"
    " Plotly.Plots.resize(chart); }); });"
)


def build_report(analytics: SearchAnalytics, *, title: str = "Job search report") -> str:
    """The whole report as one HTML string that needs no network to open."""
    counter = itertools.count(1)

    def chart(fig: go.Figure) -> str:
        div = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{next(counter)}",
            config={"displaylogo": False, "responsive": True},
        )
        return f'<div class="chart">{div}</div>'

    bodies = {
        "Funnel": chart(figures.funnel_figure(analytics.funnel))
        + _funnel_table(analytics.funnel)
        + chart(figures.funnel_exits_figure(analytics.funnel)),
        "Flow": chart(figures.flow_figure(analytics.flow)),
        "Burndown": chart(figures.burndown_figure(analytics.burndown)),
        "Process timelines": "".join(
            chart(make(analytics.timelines))
            for make in (
                figures.timeline_figure,
                figures.stage_times_figure,
                figures.reply_times_figure,
            )
        ),
        "Breakdowns": "".join(
            chart(figures.breakdown_figure(b)) + _breakdown_table(b)
            for b in analytics.breakdowns.dimensions
        ),
        "Interview load": chart(figures.load_heatmap_figure(analytics.load))
        + chart(figures.weekly_load_figure(analytics.load)),
        "Learning curve": chart(figures.learning_figure(analytics.learning))
        + chart(figures.ratings_figure(analytics.learning)),
    }
    return _page(title, _summary(analytics), bodies)


def _page(title: str, summary: str, bodies: dict[str, str]) -> str:
    nav = "".join(f'<a href="#{_anchor(name)}">{name}</a>' for name in SECTIONS)
    sections = "".join(
        f'<section id="{_anchor(name)}"><h2>{name}</h2><p>{escape(_INTROS[name])}</p>'
        f"{bodies[name]}</section>"
        for name in SECTIONS
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style>"
        f"<script>{get_plotlyjs()}</script></head><body>"
        f'<h1>{escape(title)}</h1><p class="meta">{summary}</p><nav>{nav}</nav>'
        f"{sections}<script>{_PRINT_JS}</script></body></html>\n"
    )


def _anchor(name: str) -> str:
    return name.lower().replace(" ", "-")


def _summary(analytics: SearchAnalytics) -> str:
    funnel = analytics.funnel
    if not funnel.applications:
        return f"As of {analytics.today}: no applications yet."
    offers = funnel.row(Stage.OFFER).reached if Stage.OFFER in funnel.stages else 0
    return (
        f"As of {analytics.today}: {funnel.applications} applications since "
        f"{analytics.start}, {offers} reached an offer."
    )


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _funnel_table(funnel: Funnel) -> str:
    rows = []
    for row in funnel.rows:
        reasons = ", ".join(
            f"{count} {reason_label(reason).lower()}"
            for reason, count in row.rejected.items()
            if count
        )
        rows.append(
            (
                row.label,
                row.reached,
                row.entered,
                _percent(row.conversion),
                f"{row.rejected_total} ({reasons})" if reasons else 0,
                row.withdrawn,
                row.ghosted,
                row.declined,
                row.accepted,
                row.still_open,
            )
        )
    head = (
        "Stage",
        "Reached",
        "Had this step",
        "Conversion",
        "Rejected",
        "Withdrawn",
        "Ghosted",
        "Declined",
        "Accepted",
        "Still open",
    )
    return _table(head, rows)


def _breakdown_table(breakdown: Breakdown) -> str:
    head = (breakdown.title, "Applications", "Responses", "Onsites", "Offers", "Response rate")
    rows = [
        (r.label, r.applications, r.responses, r.onsites, r.offers, _percent(r.response_rate))
        for r in breakdown.rows
    ]
    return _table(head, rows)
