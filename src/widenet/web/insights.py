"""The insight pages' content: for each view, its charts and the tables of the numbers behind them.

A chart is never the only way to read a number: every chart comes with a table (a screen
reader reads it, a printout keeps it, a person can copy from it). Figures come from
widenet.analytics.figures; this module only chooses them and lays the numbers out as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from widenet.analytics import figures
from widenet.analytics.breakdowns import Breakdown, Dimension
from widenet.analytics.burndown import Burndown
from widenet.analytics.flow import Flow
from widenet.analytics.funnel import Funnel, FunnelRow
from widenet.analytics.history import Exit
from widenet.analytics.palette import reason_label
from widenet.analytics.search import SearchAnalytics
from widenet.analytics.timelines import ApplicationTimeline, Timelines
from widenet.track.model import Outcome
from widenet.track.stages import PROGRESS, RejectReason, Stage


@dataclass(frozen=True)
class View:
    """One insight page: its address under /insights, its name and what it shows."""

    slug: str
    title: str
    intro: str


VIEWS: tuple[View, ...] = (
    View(
        "funnel",
        "Funnel",
        "How many applications reached each stage (a later rejection never takes that away), "
        "the conversion from the stage above, and how the others left.",
    ),
    View(
        "flow",
        "Flow",
        "Every application from applying to where it ended; each exit is its own band. "
        "Hover a band for its count.",
    ),
    View(
        "burndown",
        "Burndown",
        "How many open applications sat in each stage on each day of the search: too many "
        "early conversations open at once show up as a tall band.",
    ),
    View(
        "timelines",
        "Timelines",
        "One bar per application, one colour per stage, so long processes and referral "
        "shortcuts stand out; median days per stage and how fast each company replied.",
    ),
    View(
        "breakdowns",
        "Breakdowns",
        "Which channels and kinds of company actually led somewhere. A response means the "
        "application got past 'applied'.",
    ),
    View(
        "load",
        "Interview load",
        "Hours of interviews and preparation per day and per week, with the days that went "
        "over the daily caps.",
    ),
    View(
        "learning",
        "Learning curve",
        "Technical interviews passed by their order in the search, and how well your "
        "self-ratings matched the outcomes.",
    ),
)
VIEW_BY_SLUG = {view.slug: view for view in VIEWS}


@dataclass(frozen=True)
class Table:
    """Numbers as text; the first cell of each row names the row (a row header)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    figure: Any  # a plotly Figure
    label: str  # what a screen reader announces for it


@dataclass(frozen=True)
class Section:
    """A heading with its charts and tables, or ``note`` when there is nothing to draw yet."""

    title: str
    charts: tuple[Chart, ...] = field(default=())
    tables: tuple[Table, ...] = field(default=())
    note: str = ""
    text: str = ""  # a sentence shown above the charts
    id: str = ""

    @property
    def anchor(self) -> str:
        return self.id or self.title.lower().replace(" ", "-").replace(",", "")

    @property
    def table_ids(self) -> tuple[str, ...]:
        """Element ids of the tables, which the charts name as their description."""
        return tuple(f"{self.anchor}-numbers-{i}" for i in range(1, len(self.tables) + 1))


# -- formatting ------------------------------------------------------------------------------
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def number(value: float | None, unit: str = "") -> str:
    """A count or a median without needless decimals: 3, 2.5, 1.3 h."""
    if value is None:
        return "—"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {unit}".strip()


def _rows(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(cell) for cell in row) for row in rows)


# -- funnel, flow -------------------------------------------------------------------------
def funnel_sections(funnel: Funnel) -> tuple[Section, ...]:
    reached = Table(
        "Applications reaching each stage",
        ("Stage", "Reached", "Had this step", "Skipped it", "Conversion from the stage above"),
        _rows(
            (r.label, r.reached, r.entered, r.skipped, percent(r.conversion)) for r in funnel.rows
        ),
    )
    return (
        Section(
            "Reached and conversion",
            charts=(Chart(figures.funnel_figure(funnel), "Funnel chart of stages reached"),),
            tables=(reached,),
        ),
        Section(
            "How the others left",
            charts=(
                Chart(
                    figures.funnel_exits_figure(funnel),
                    "Bar chart of where processes stopped and how they ended",
                ),
            ),
            tables=(_exits_table(funnel.rows),),
        ),
    )


_EXIT_COLUMNS: tuple[tuple[str, Callable[[FunnelRow], int]], ...] = (
    *(
        (f"Rejected: {reason_label(reason).lower()}", lambda r, k=reason: r.rejected[k])
        for reason in RejectReason
    ),
    (Exit.WITHDRAWN.label, lambda r: r.withdrawn),
    (Exit.GHOSTED.label, lambda r: r.ghosted),
    (Exit.DECLINED.label, lambda r: r.declined),
    (Exit.ACCEPTED.label, lambda r: r.accepted),
    (Exit.OPEN.label, lambda r: r.still_open),
)


def _exits_table(rows: Sequence[FunnelRow]) -> Table:
    """Exits by reason for each furthest stage; only the kinds of exit that happened."""
    columns = [(name, count) for name, count in _EXIT_COLUMNS if any(count(r) for r in rows)]
    return Table(
        "Where processes stopped (furthest stage reached), and how",
        ("Furthest stage", *(name for name, _ in columns), "Total"),
        _rows((r.label, *(count(r) for _, count in columns), r.left + r.still_open) for r in rows),
    )


def flow_sections(flow: Flow) -> tuple[Section, ...]:
    nodes = flow.nodes
    bands = Table(
        "Bands of the flow",
        ("From", "To", "Applications"),
        _rows((nodes[k.source].label, nodes[k.target].label, k.value) for k in flow.links),
    )
    totals = Table(
        "Applications through each step and exit",
        ("Step or exit", "Applications"),
        _rows((node.label, node.total) for node in nodes),
    )
    chart = Chart(figures.flow_figure(flow), "Sankey diagram of applications from applying to exit")
    return (Section("From applying to the exit", charts=(chart,), tables=(totals, bands)),)


# -- over time -------------------------------------------------------------------------------
def burndown_sections(burndown: Burndown) -> tuple[Section, ...]:
    stages = [s for s in PROGRESS if any(burndown.open_by_stage[s])]
    table = Table(
        "Open applications by stage at the end of each day",
        ("Day", *(s.label for s in stages), "Open", "Closed"),
        _rows(
            (
                day.isoformat(),
                *(burndown.open_by_stage[s][i] for s in stages),
                burndown.open_total[i],
                burndown.closed[i],
            )
            for i, day in enumerate(burndown.days)
        ),
    )
    chart = Chart(figures.burndown_figure(burndown), "Stacked area chart of open applications")
    return (Section("Open applications by stage", charts=(chart,), tables=(table,)),)


def _segments_text(bar: ApplicationTimeline) -> str:
    parts = [f"{s.stage.label} {s.days} d" + (" so far" if s.is_open else "") for s in bar.segments]
    return ", ".join(parts)


def _outcome_text(bar: ApplicationTimeline) -> str:
    if bar.outcome is None:
        return "open"
    return f"{bar.outcome.label} on {bar.outcome_on}" if bar.outcome_on else bar.outcome.label


def timelines_sections(timelines: Timelines) -> tuple[Section, ...]:
    bars = Table(
        "Each application's stages",
        ("Application", "Source", "Applied", "Stages (days in each)", "Days", "Outcome"),
        _rows(
            (
                f"{bar.company} — {bar.role}",
                bar.source.label,
                bar.started.isoformat(),
                _segments_text(bar),
                bar.days,
                _outcome_text(bar),
            )
            for bar in timelines.applications
        ),
    )
    stage_rows = [row for row in timelines.stage_times if row.stays]
    stages = Table(
        "Median days in each stage, over stays that have ended",
        ("Stage", "Median days", "Stays ended"),
        _rows((row.label, number(row.median_days), row.stays) for row in stage_rows),
    )
    replies = Table(
        "Days from applying to each company's first reply",
        ("Company", "Applications", "Replied", "Median days to the first reply"),
        _rows(
            (row.company, row.applications, row.replied, number(row.median_reply_days))
            for row in timelines.companies
        ),
    )
    return (
        Section(
            "One bar per application",
            charts=(Chart(figures.timeline_figure(timelines), "Gantt chart of every process"),),
            tables=(bars,),
        ),
        Section(
            "Median days per stage",
            charts=(
                Chart(figures.stage_times_figure(timelines), "Bar chart of median days per stage"),
            ),
            tables=(stages,),
            note="" if stage_rows else "No stage has ended yet.",
        ),
        Section(
            "Response time per company",
            charts=(
                Chart(
                    figures.reply_times_figure(timelines),
                    "Bar chart of days to each company's first reply",
                ),
            ),
            tables=(replies,),
        ),
    )


# -- breakdowns ------------------------------------------------------------------------------
def breakdown_sections(breakdown: Breakdown) -> tuple[Section, ...]:
    table = Table(
        f"By {breakdown.title.lower()}",
        (breakdown.title, "Applications", "Responses", "Onsites", "Offers", "Response rate"),
        _rows(
            (r.label, r.applications, r.responses, r.onsites, r.offers, percent(r.response_rate))
            for r in breakdown.rows
        ),
    )
    chart = Chart(
        figures.breakdown_figure(breakdown),
        f"Bar chart of applications, responses, onsites and offers by {breakdown.title.lower()}",
    )
    return (Section(breakdown.title, charts=(chart,), tables=(table,), id="breakdown-numbers"),)


# -- the overview ----------------------------------------------------------------------------
def headlines(analytics: SearchAnalytics) -> dict[str, str]:
    """One line of numbers per view, for the overview's cards."""
    funnel, load, learning = analytics.funnel, analytics.load, analytics.learning
    offers = sum(row.reached for row in funnel.rows if row.stage is Stage.OFFER)
    still_open = sum(row.still_open for row in funnel.rows)
    longest = max((bar.days for bar in analytics.timelines.applications), default=0)
    passed = sum(a.outcome is Outcome.PASS for a in learning.attempts)
    over = sum(day.is_over for day in load.days)
    return {
        "funnel": f"{funnel.applications} applications, {offers} reached an offer",
        "flow": f"{still_open} still open",
        "burndown": f"at most {analytics.burndown.peak_open} open at once",
        "timelines": f"the longest process so far: {longest} days",
        "breakdowns": _best_channel(analytics.breakdowns.by(Dimension.SOURCE)),
        "load": f"{number(load.total_hours, 'hours')} in all, {over} days over the cap",
        "learning": f"{passed} of {len(learning.attempts)} technical interviews passed",
    }


def _best_channel(by_source: Breakdown) -> str:
    rated = [row for row in by_source.rows if row.response_rate is not None]
    if not rated:
        return "no applications yet"
    best = max(rated, key=lambda row: (row.response_rate or 0, row.applications))
    return f"best response rate: {best.label.lower()} ({percent(best.response_rate)})"
