"""The insight pages about interviews: the load calendar and the learning curve, with tables."""

from __future__ import annotations

from widenet.analytics import figures
from widenet.analytics.learning import LearningCurve
from widenet.analytics.load import InterviewLoad
from widenet.web.insights import Chart, Section, Table, number, percent


def load_sections(load: InterviewLoad) -> tuple[Section, ...]:
    busy = [d for d in load.days if d.interviews or d.prep_minutes or d.interview_minutes]
    days = Table(
        "Days with interviews or preparation",
        (
            "Day",
            "Interviews",
            "Technical",
            "Onsites",
            "Interview hours",
            "Preparation hours",
            "Hours in all",
            "Over the daily cap",
        ),
        tuple(
            (
                f"{d.day:%a} {d.day.isoformat()}",
                str(d.interviews),
                str(d.technical),
                str(d.onsites),
                number(d.interview_minutes / 60),
                number(d.prep_minutes / 60),
                number(d.hours),
                "; ".join(d.over) or "no",
            )
            for d in busy
        ),
    )
    weeks = Table(
        "Hours per week",
        (
            "Week starting",
            "Interviews",
            "Interview hours",
            "Preparation hours",
            "Hours in all",
            "Days over the cap",
        ),
        tuple(
            (
                w.start.isoformat(),
                str(w.interviews),
                number(w.interview_minutes / 60),
                number(w.prep_minutes / 60),
                number(w.hours),
                str(w.days_over),
            )
            for w in load.weeks
        ),
    )
    over = sum(d.is_over for d in load.days)
    return (
        Section(
            "Hours per day",
            text=(
                f"{number(load.total_hours, 'hours')} of interviews and preparation; "
                f"{over} {'day' if over == 1 else 'days'} over the daily cap (marked ×)."
            ),
            charts=(
                Chart(
                    figures.load_heatmap_figure(load),
                    "Calendar heatmap of interview hours per day, days over the cap marked",
                ),
            ),
            tables=(days,),
        ),
        Section(
            "Hours per week",
            charts=(
                Chart(figures.weekly_load_figure(load), "Stacked bar chart of hours per week"),
            ),
            tables=(weeks,),
        ),
    )


def learning_sections(curve: LearningCurve) -> tuple[Section, ...]:
    band = f"{curve.mass:.0%} band"
    attempts = Table(
        "Technical interviews in order, with the smoothed pass rate",
        ("Interview", "Day", "Outcome", "Self-rating", "Smoothed pass rate", band),
        tuple(
            (
                str(a.order),
                a.on.isoformat(),
                a.outcome.value.capitalize(),
                "—" if a.self_rating is None else str(a.self_rating),
                percent(p.mean),
                f"{percent(p.low)}–{percent(p.high)}",
            )
            for a, p in zip(curve.attempts, curve.trend, strict=True)
        ),
    )
    ratings = Table(
        "Self-rating against outcome, interviews of every kind",
        ("Self-rating", "Passed", "Failed", "Pass rate", f"{curve.mass:.0%} credible interval"),
        tuple(
            (
                str(r.rating),
                str(r.passes),
                str(r.fails),
                percent(r.pass_rate),
                f"{percent(r.low)}–{percent(r.high)}" if r.passes + r.fails else "—",
            )
            for r in curve.ratings
        ),
    )
    agreement = (
        f"“Rated 3 or 4” matched “passed” in {percent(curve.agreement)} of {curve.judged} "
        "interviews."
        if curve.agreement is not None
        else ""
    )
    return (
        Section(
            "Pass rate by order",
            charts=(
                Chart(
                    figures.learning_figure(curve),
                    "Line chart of the technical pass rate by order, with its credible band",
                ),
            ),
            tables=(attempts,),
            note="" if curve.attempts else "No technical interview has taken place yet.",
        ),
        Section(
            "Self-rating against outcome",
            text=agreement,
            charts=(Chart(figures.ratings_figure(curve), "Bar chart of outcomes by self-rating"),),
            tables=(ratings,),
            note=""
            if curve.judged
            else "No interview has both a self-rating and an outcome yet: record them on "
            "the interviews page after each one.",
        ),
    )
