"""Rich rendering of a plan: week by week with a reason per company, the solver's status, the
baselines compared, the plan against what happened, and what recruiters said."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from widenet.plan import PlanAction, PlanRow
from widenet.services.plan import EVALUATE_RUNS, TimelineView
from widenet.services.plan_views import MethodScore, PlanShow, PlanView, RefinementView, Versus

METHOD_LABELS = {
    "cp-sat + refine": "This plan (CP-SAT, refined)",
    "cp-sat": "This plan (CP-SAT)",
    "greedy": "Greedy: longest first",
    "day one": "Everything on day one",
}
ACTION_STYLES = {
    PlanAction.APPLY: "bold green",
    PlanAction.SCREEN: "cyan",
    PlanAction.ONSITE: "bold magenta",
    PlanAction.DEFER: "yellow",
}


def _day(day: date | None) -> str:
    return "—" if day is None else f"{day:%a} {day.day} {day:%b}"


def _short(day: date | None) -> str:
    return "—" if day is None else f"{day.day} {day:%b}"


def _table(title: str, *, caption: str | None = None) -> Table:
    heading = Text(title, style="bold", no_wrap=True, overflow="ignore")
    return Table(
        title=heading,
        caption=caption,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
        pad_edge=False,
    )


def status_line(view: PlanView) -> str:
    """The solver's own plan: optimal, or feasible with its gap to the best bound."""
    status, objective, gap = view.solver
    if status == "optimal":
        return f"optimal (proven best; objective {objective:,})"
    if status == "feasible" and gap is not None and view.bound is not None:
        return (
            f"feasible, within {gap:.1%} of the best possible "
            f"(objective {objective:,}, bound {view.bound:,})"
        )
    return f"{status} (objective {objective:,})"


def refinement_line(done: RefinementView, *, objective: int) -> str:
    """What the refinement changed, on its own simulated searches (``objective``: the
    refined plan's)."""
    kept = f"{done.moves} {'move' if done.moves == 1 else 'moves'} kept"
    stopped = ", stopped by its time limit" if done.stopped_on_time else ""
    if not done.moves:
        return (
            f"Refinement by simulation: no change worth a point of leverage ({done.evaluations} "
            f"tried, {done.seconds:.1f} s{stopped}); two offers open together in "
            f"{done.before:.0%} of {done.runs:,} searches."
        )
    return (
        f"Refined by simulation: two offers open together in {done.before:.0%} -> "
        f"{done.after:.0%} of {done.runs:,} searches ({kept} of {done.evaluations} tried, "
        f"{done.seconds:.1f} s{stopped})."
        + (
            f" Objective {done.objective:,} -> {objective:,}: some timing goals given up for "
            "offers open together."
            if objective != done.objective
            else ""
        )
    )


def plan(view: PlanView) -> RenderableType:
    """The whole plan: heading, the weeks, the comparison, the notes."""
    parts: list[RenderableType] = [_heading(view)]
    parts.extend(weeks(view.rows))
    parts.append(comparison(view.comparison, seed=view.seed))
    if view.notes:
        parts.append(Text("\n".join(f"• {note}" for note in view.notes), style="dim"))
    return Group(*parts)


def _heading(view: PlanView) -> Text:
    text = Text()
    origin = "a problem file" if view.source == "problem file" else "your search"
    again = f" (re-planned from plan {view.replanned_from})" if view.replanned_from else ""
    text.append(f"Plan of {origin} from {_day(view.first_day)}{again}\n", style="bold")
    count = len(view.included)
    text.append(f"{count} {'company' if count == 1 else 'companies'} in the plan")
    if view.left_out:
        text.append(f", {len(view.left_out)} left out for now")
    text.append(f"; search started {_day(view.start)}.\n")
    if view.window_start is not None:
        text.append(
            f"Onsites aimed at {_day(view.window_start)} – {_day(view.window_end)} "
            f"({view.window_days}-day window).\n"
        )
    text.append(f"Solver: {status_line(view)} in {view.seconds:.1f} s.")
    if view.refinement is not None:
        text.append(f"\n{refinement_line(view.refinement, objective=view.objective)}")
    if view.id is not None:
        text.append(f" Saved as plan {view.id}.", style="dim")
    return text


def weeks(rows: tuple[PlanRow, ...]) -> list[RenderableType]:
    """One table per week of the search; a company's reason on its first row only."""
    if not rows:
        return [Text("Nothing ahead to do in this plan.", style="yellow")]
    explained: set[str] = set()
    tables: list[RenderableType] = []
    current: Table | None = None
    week = None
    for row in rows:
        if row.week != week:
            week = row.week
            current = _table(f"Week {row.week} (from {_day(row.week_starts)})")
            for name in ("Day", "What", "Company", "Why"):
                current.add_column(name, overflow="fold")
            tables.append(current)
        assert current is not None
        why = "" if row.company in explained else row.reason
        explained.add(row.company)
        current.add_row(
            _day(row.on),
            Text(row.action.value, style=ACTION_STYLES[row.action]),
            row.company,
            why,
        )
    return tables


def comparison(scores: tuple[MethodScore, ...], *, seed: int) -> Table:
    table = _table(
        "Compared with the baselines",
        caption=f"Each plan followed in {EVALUATE_RUNS:,} simulated searches (seed {seed}): "
        "random step "
        "lengths and outcomes. Lower objective is better.",
    )
    for name in ("Plan", "Objective", "In", "Left out", "Over caps", "2 offers open", "Spread"):
        table.add_column(name, justify="left" if name == "Plan" else "right")
    for k, score in enumerate(scores):
        status = f" ({score.status})" if score.method.startswith("cp-sat") else ""
        label = METHOD_LABELS.get(score.method, score.method)
        if score.method == "cp-sat" and k > 0:
            label = "CP-SAT before refinement"
        table.add_row(
            label + status,
            f"{score.objective:,}",
            str(score.included),
            str(score.left_out),
            f"{score.overload_hours:g} h" if score.overload_hours else "—",
            f"{score.two_offers_open:.0%}",
            f"{score.onsite_spread:.0f} d",
        )
    return table


# -- the plan against what happened ---------------------------------------------------------
def show(found: PlanShow) -> RenderableType:
    view = found.plan
    made = Text()
    made.append(f"Plan {view.id}, made {_day(view.made_on)}", style="bold")
    made.append(f" ({found.saved_plans} saved in all). Solver: {status_line(view)}.")
    if view.window_start is not None:
        made.append(f"\nOnsites aimed at {_day(view.window_start)} – {_day(view.window_end)}.")
    ahead = tuple(row for row in view.rows if row.on >= found.today)
    return Group(made, versus(found.versus), *weeks(ahead))


def _pair(planned: date | None, actual: date | None, late: int | None, *, booked: bool) -> Text:
    text = Text(_short(planned))
    if actual is None:
        return text
    text.append(" → ")
    text.append(_short(actual) + (" (booked)" if booked else ""))
    if late:
        text.append(f" {late:+d}d", style="red" if late > 0 else "green")
    return text


def versus(rows: tuple[Versus, ...]) -> Table:
    table = _table("Planned → actual", caption="+N d: that many days later than planned.")
    for name in ("Company", "Apply", "Onsite", "Offer", "Now"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            row.company,
            _pair(row.planned_apply, row.applied_on, row.apply_late, booked=False),
            _pair(row.planned_onsite, row.onsite_on, row.onsite_late, booked=row.onsite_booked),
            _pair(row.planned_offer, row.offer_on, row.offer_late, booked=False),
            row.standing,
        )
    return table


# -- what recruiters said -------------------------------------------------------------------
def timeline(view: TimelineView, *, recorded: bool) -> RenderableType:
    name = view.company.name
    head = Text()
    if recorded:
        head.append(f"Recorded what the recruiter at {name} said.", style="bold green")
    elif not view.statements:
        head.append(f"No recruiter at {name} has said anything about timing yet.", style="yellow")
    else:
        head.append(f"What recruiters at {name} said about timing.", style="bold")
    size = view.company.size_band.value if view.company.size_band else "unknown size"
    table = _table(f"Days per step the planner uses for {name}")
    for column in ("Step", "Days", "From"):
        table.add_column(column)
    for stage, days in view.used_days.items():
        said = stage in view.said
        table.add_row(
            stage.label,
            str(days),
            Text("the recruiter", style="bold") if said else f"default ({size})",
        )
    parts: list[RenderableType] = [head, table]
    deadline = view.current.offer_deadline_days
    if deadline is not None:
        parts.append(Text(f"Offers stay open {deadline} days, the recruiter said."))
    if view.statements:
        history = _table("Statements, oldest first")
        for column in ("Day", "Said", "Note"):
            history.add_column(column, overflow="fold")
        for statement in view.statements:
            words = [f"{s.value}={d}" for s, d in statement.stage_days.items()]
            if statement.offer_deadline_days is not None:
                words.append(f"--deadline {statement.offer_deadline_days}")
            history.add_row(_day(statement.on), " ".join(words), statement.note)
        parts.append(history)
    return Group(*parts)


def timeline_json(view: TimelineView) -> dict[str, Any]:
    return {
        "company": view.company.name,
        "company_id": view.company.id,
        "days": {stage.value: days for stage, days in view.used_days.items()},
        "said": sorted(stage.value for stage in view.said),
        "offer_deadline_days": view.current.offer_deadline_days,
        "statements": [
            {
                "id": s.id,
                "on": s.on.isoformat(),
                "stage_days": {stage.value: d for stage, d in s.stage_days.items()},
                "offer_deadline_days": s.offer_deadline_days,
                "note": s.note,
            }
            for s in view.statements
        ],
    }
