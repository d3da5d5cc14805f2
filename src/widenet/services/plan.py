"""Plan the search: when to apply to each company on the list so practice comes first and the
offers land together; the plan compared with two baselines, saved, re-planned from today as
reality diverges, and shown against what happened. Also what a recruiter said about a
company's process, which overrides the default stage durations.

The solver is OR-Tools' CP-SAT (``widenet.plan.solver``); the comparison simulates every plan
with the same seeded random numbers, so the same search and seed give the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

import numpy as np

from widenet import defaults
from widenet.errors import InvalidInput, NotFound
from widenet.plan import Plan, PlanProblem, PlanStatus, day_one, evaluate, greedy, week_rows
from widenet.plan.prepare import prepare
from widenet.plan.problem import STEP_KINDS
from widenet.plan.refine import refine as refine_plan
from widenet.plan.result import build_plan
from widenet.services import limits, lookup, schedule, tracking
from widenet.services.forecast import UNKNOWN_SIZE
from widenet.services.plan_problem import State, search_problem
from widenet.services.plan_versus import plan_show
from widenet.services.plan_views import (
    MethodScore,
    PlannedCompany,
    PlanShow,
    PlanView,
    RefinementView,
    WeekHours,
)
from widenet.services.recruiters import RecruiterTimeline, timelines_of
from widenet.services.tracking import Moment
from widenet.storage import plan_repo
from widenet.storage.plan_repo import RecruiterStatement, StoredPlan
from widenet.storage.repo import Store
from widenet.track.model import Company
from widenet.track.stages import Stage, resolve

DEFAULT_TIME_LIMIT: Final = 10.0
DEFAULT_REFINE_SECONDS: Final = 10.0
REFINE_STREAM: Final = 1  # the refinement draws from (stream, seed): not the comparison's draws
MAX_TIME_LIMIT: Final = 600.0
WORKERS: Final = 2
DEFAULT_SEED: Final = 1
EVALUATE_RUNS: Final = 2000
MAX_STAGE_DAYS: Final = 120


# -- planning --------------------------------------------------------------------------------
def plan_search(
    store: Store,
    moment: Moment,
    *,
    window_days: int | None = None,
    start: date | None = None,
    replan: bool = False,
    hard_window: bool = False,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = DEFAULT_SEED,
    refine: bool = True,
    refine_seconds: float = DEFAULT_REFINE_SECONDS,
) -> PlanView:
    """Plan the companies on the list from today, compare with the baselines and save it.

    ``replan`` starts from the latest saved plan: its start and window (unless given), and
    its apply dates as the solver's first guess. Booked interviews keep their dates either
    way. ``hard_window`` makes every onsite fall inside the window, or fails saying why.
    ``refine`` then moves apply days where the simulated chance of two offers open together
    is higher, within the caps, for up to ``refine_seconds`` (docs/planner.md).
    Raises Infeasible (the capability's message, unchanged) when no plan can meet the limits."""
    _check_run(time_limit=time_limit, seed=seed, window_days=window_days)
    _check_seconds(refine_seconds, field="refine_seconds")
    stored = _previous_plan(store) if replan else None
    if stored is not None:
        start = start or stored.start
        window_days = window_days or stored.window_days
    built = search_problem(
        store,
        moment,
        start=start,
        window_days=window_days or defaults.DECISION_WINDOW_DAYS,
        window_hard=hard_window,
    )
    if not built.problem.companies:
        raise InvalidInput(
            "Nothing to plan yet: no company is on the list and no process is open.",
            field="companies",
            hint='Add the companies you consider: widenet company add "Acme" --excitement 3 '
            "--size large (or import your list: widenet import FILE.csv).",
        )
    previous = _as_plan(built.problem, stored) if stored is not None else None
    plan, alone = _solve(
        built.problem,
        time_limit=time_limit,
        previous=previous,
        refine_seconds=refine_seconds if refine else None,
        seed=seed,
    )
    view = _view(
        built.problem,
        plan,
        alone=alone,
        made_on=moment.today,
        source="search",
        company_ids=built.company_ids,
        states=built.states,
        notes=built.notes + _deadline_notes(built.timelines),
        seed=seed,
        replanned_from=stored.id if stored is not None else None,
    )
    saved = plan_repo.save_plan(
        store,
        now=moment.now,
        made_on=view.made_on,
        start=view.start,
        first_day=view.first_day,
        window_days=view.window_days,
        window_start=view.window_start,
        window_end=view.window_end,
        method=view.method,
        status=view.status,
        objective=view.objective,
        bound=view.bound,
        data=view.to_json(),
    )
    return replace(view, id=saved.id)


def solve_problem_file(
    path: Path,
    *,
    today: date,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = DEFAULT_SEED,
    refine: bool = True,
    refine_seconds: float = DEFAULT_REFINE_SECONDS,
) -> PlanView:
    """Plan a stand-alone problem file (docs/planner.md) without touching any database."""
    from widenet.plan import load_problem

    _check_run(time_limit=time_limit, seed=seed, window_days=None)
    _check_seconds(refine_seconds, field="refine_seconds")
    problem = load_problem(path)
    plan, alone = _solve(
        problem,
        time_limit=time_limit,
        previous=None,
        refine_seconds=refine_seconds if refine else None,
        seed=seed,
    )
    states: dict[str, State] = {
        c.name: "new" if c.under_way is None else "under way" for c in problem.companies
    }
    return _view(
        problem,
        plan,
        alone=alone,
        made_on=today,
        source="problem file",
        company_ids={},
        states=states,
        notes=(),
        seed=seed,
        replanned_from=None,
    )


def show_plan(store: Store, moment: Moment) -> PlanShow:
    """The latest saved plan against what happened since."""
    found = latest(store, moment)
    if found is None:
        raise NotFound("No plan saved yet.", hint="Make one: widenet plan")
    return found


def latest(store: Store, moment: Moment) -> PlanShow | None:
    """The latest saved plan against what happened since, or None before the first plan."""
    stored = plan_repo.latest_plan(store)
    if stored is None:
        return None
    view = PlanView.from_json(stored.data, saved_id=stored.id)
    views = tracking.application_views(store, moment)
    zone = schedule.get_settings(store, moment).availability.zone
    return plan_show(
        view,
        views,
        today=moment.today,
        zone=zone,
        created_at=stored.created_at,
        saved_plans=plan_repo.plan_count(store),
    )


def _previous_plan(store: Store) -> StoredPlan:
    stored = plan_repo.latest_plan(store)
    if stored is None:
        raise NotFound(
            "There is no saved plan to re-plan yet.", hint="Make one first: widenet plan"
        )
    return stored


def _check_run(*, time_limit: float, seed: int, window_days: int | None) -> None:
    _check_seconds(time_limit, field="time_limit")
    if seed < 0:
        raise InvalidInput(f"must be 0 or more (got {seed}).", field="seed")
    if window_days is not None and window_days < 1:
        raise InvalidInput(f"must be at least 1 day (got {window_days}).", field="window_days")


def _check_seconds(seconds: float, *, field: str) -> None:
    if not 0.1 <= seconds <= MAX_TIME_LIMIT:
        raise InvalidInput(
            f"must be between 0.1 and {MAX_TIME_LIMIT:g} seconds (got {seconds:g}).",
            field=field,
        )


def _solve(
    problem: PlanProblem,
    *,
    time_limit: float,
    previous: Plan | None,
    refine_seconds: float | None,
    seed: int,
) -> tuple[Plan, Plan | None]:
    """The plan, and the CP-SAT plan it was refined from (None when not refined)."""
    from widenet.plan.solver import solve  # OR-Tools loads only when a plan is made

    plan = solve(problem, time_limit=time_limit, workers=WORKERS, previous=previous)
    if refine_seconds is None:
        return plan, None
    rng = np.random.default_rng([REFINE_STREAM, seed])
    return refine_plan(problem, plan, rng=rng, time_limit=refine_seconds), plan


def _as_plan(problem: PlanProblem, stored: StoredPlan) -> Plan:
    """The saved plan's apply dates laid on today's problem, as the solver's first guess: a
    date already past (the application is late) becomes today; companies new since then are
    not in it, so the solver guesses for them itself."""
    grid = prepare(problem)
    saved = {c["name"]: c for c in stored.data["companies"]}
    days: list[int | None] = []
    for track in grid.tracks:
        old = saved.get(track.name)
        if track.fixed:
            days.append(0)
        elif not track.can_include or old is None or old["apply_on"] is None:
            days.append(None)
        else:
            day = grid.day_of(date.fromisoformat(old["apply_on"]))
            days.append(min(max(day, track.lo), track.hi))
    plan = build_plan(grid, days, method="saved", status=PlanStatus.HEURISTIC)
    return replace(plan, companies=tuple(c for c in plan.companies if c.name in saved))


def _view(
    problem: PlanProblem,
    plan: Plan,
    *,
    alone: Plan | None,
    made_on: date,
    source: str,
    company_ids: Mapping[str, int],
    states: Mapping[str, State],
    notes: Sequence[str],
    seed: int,
    replanned_from: int | None,
) -> PlanView:
    prospects = {p.name: p for p in problem.companies}
    companies = tuple(
        PlannedCompany(
            name=c.name,
            company_id=company_ids.get(c.name),
            state=states.get(c.name, "new"),
            included=c.included,
            apply_on=c.apply_on,
            expected=dict(c.expected),
            onsite_on=c.onsite_on,
            offer_on=c.offer_on,
            reason=c.reason,
            excitement=prospects[c.name].excitement,
            size_band=prospects[c.name].size_band.value,
            referral=prospects[c.name].referral,
        )
        for c in plan.companies
    )
    return PlanView(
        id=None,
        made_on=made_on,
        source=source,
        replanned_from=replanned_from,
        start=plan.start,
        first_day=plan.first_day,
        window_days=problem.window_days,
        window_start=plan.window_start,
        window_end=plan.window_end,
        method=plan.method,
        status=plan.status.value,
        objective=plan.objective,
        bound=plan.bound,
        seconds=plan.seconds,
        companies=companies,
        rows=tuple(week_rows(plan)),
        weeks=tuple(
            WeekHours(w.week, w.starts, round(w.expected_minutes / 60, 1), w.cap_minutes / 60)
            for w in plan.weeks
        ),
        comparison=compare(problem, plan, seed=seed, alone=alone),
        notes=tuple(notes),
        seed=seed,
        refinement=RefinementView.of(plan.refinement) if plan.refinement else None,
    )


def compare(
    problem: PlanProblem, plan: Plan, *, seed: int, alone: Plan | None = None
) -> tuple[MethodScore, ...]:
    """The plan, the CP-SAT plan before refinement (``alone``, if given), the greedy rule
    and applying to everything on day one, each scored on the objective and simulated with
    the same random numbers (a fresh generator per plan; not the refinement's draws)."""
    plans = (plan, *((alone,) if alone is not None else ()), greedy(problem), day_one(problem))
    return tuple(
        MethodScore.of(
            rival,
            evaluate(problem, rival, rng=np.random.default_rng(seed), runs=EVALUATE_RUNS),
        )
        for rival in plans
    )


def _deadline_notes(timelines: Mapping[str, RecruiterTimeline]) -> tuple[str, ...]:
    given = {
        name: t.offer_deadline_days
        for name, t in timelines.items()
        if t.offer_deadline_days is not None
    }
    if not given:
        return ()
    listed = ", ".join(f"{name} {days} days" for name, days in sorted(given.items()))
    return (
        f"Offers timed with the deadlines recruiters gave: {listed} (the others: the usual "
        "deadline for the company's size).",
    )


# -- what a recruiter said -------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineView:
    """A company's recruiter statements, the one just recorded last, with what the planner
    will use: per step the days said (latest first) or the default for the company's size."""

    company: Company
    statements: tuple[RecruiterStatement, ...]
    current: RecruiterTimeline
    used_days: dict[Stage, int]
    said: frozenset[Stage]


def record_timeline(
    store: Store,
    moment: Moment,
    *,
    company: str,
    stages: Sequence[str],
    deadline: int | None = None,
    note: str = "",
    on: date | None = None,
) -> TimelineView:
    """Record what a recruiter said about the process (``recruiter=5 technical=7``: days
    from entering each step to the next) and, optionally, how long an offer stays open.
    Earlier statements stay; for each step the latest statement naming it counts."""
    found = lookup.company(store, company)
    days = parse_stage_days(stages)
    if deadline is not None and not 1 <= deadline <= MAX_STAGE_DAYS:
        raise InvalidInput(f"must be from 1 to {MAX_STAGE_DAYS} days.", field="deadline")
    if not days and deadline is None:
        raise InvalidInput(
            "Give at least one STEP=DAYS (e.g. recruiter=5 technical=7) or --deadline.",
            field="stages",
        )
    on = on or moment.today
    if on > moment.today:
        raise InvalidInput("A statement cannot be dated after today.", field="on")
    note = note.strip()
    limits.check({"note": note})
    plan_repo.add_statement(
        store,
        company_id=found.id,
        on=on,
        stage_days=days,
        offer_deadline_days=deadline,
        note=note,
    )
    return timeline(store, found)


def timeline(store: Store, company: Company) -> TimelineView:
    statements = tuple(plan_repo.statements(store, company_ids=[company.id]))
    current = timelines_of(statements).get(company.id, RecruiterTimeline())
    size = company.size_band or UNKNOWN_SIZE
    used = {
        stage: current.stage_days.get(stage, defaults.STAGE_DAYS[size][stage])
        for stage in sorted(STEP_KINDS, key=lambda s: s.rank)
    }
    return TimelineView(company, statements, current, used, frozenset(current.stage_days))


def parse_stage_days(items: Sequence[str]) -> dict[Stage, int]:
    """``recruiter=5 "phone screen"=7`` as days per step kind; names as the board knows them."""
    found: dict[Stage, int] = {}
    for item in items:
        name, equals, number = item.partition("=")
        name, number = name.strip(), number.strip()
        if not equals or not name:
            raise InvalidInput(f"{item!r} is not STEP=DAYS (e.g. technical=7).", field="stages")
        stage = resolve(name)
        if stage is Stage.OFFER:
            raise InvalidInput(
                "an offer is not a step; give how long it stays open with --deadline.",
                field=f"stages.{name}",
            )
        if stage not in STEP_KINDS:
            steps = ", ".join(s.value for s in sorted(STEP_KINDS, key=lambda s: s.rank))
            raise InvalidInput(
                f"{name!r} is not a step of a process ({steps}).", field=f"stages.{name}"
            )
        if not number.isdigit() or int(number) > MAX_STAGE_DAYS:
            raise InvalidInput(
                f"{number!r} is not a whole number of days from 0 to {MAX_STAGE_DAYS}.",
                field=f"stages.{name}",
            )
        found[stage] = int(number)
    return found
