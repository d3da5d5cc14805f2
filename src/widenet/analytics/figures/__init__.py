"""Plotly figures of the analytics results: one pure function per chart, readable in print.

With :mod:`widenet.analytics.report`, the only place under analytics that imports Plotly.
"""

from widenet.analytics.figures.interviews import (
    learning_figure,
    load_heatmap_figure,
    ratings_figure,
    weekly_load_figure,
)
from widenet.analytics.figures.process import (
    breakdown_figure,
    flow_figure,
    funnel_exits_figure,
    funnel_figure,
)
from widenet.analytics.figures.timeline import (
    burndown_figure,
    reply_times_figure,
    stage_times_figure,
    timeline_figure,
)

__all__ = [
    "breakdown_figure",
    "burndown_figure",
    "flow_figure",
    "funnel_exits_figure",
    "funnel_figure",
    "learning_figure",
    "load_heatmap_figure",
    "ratings_figure",
    "reply_times_figure",
    "stage_times_figure",
    "timeline_figure",
    "weekly_load_figure",
]
