"""What a planner returns: a Plan with dates per company, its cost and how sure it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from widenet.plan.grid import Grid
from widenet.plan.load import Overload, WeekLoad, overload, week_loads
from widenet.plan.problem import Weights
from widenet.plan.score import ObjectiveParts, score
from widenet.track.stages import Stage


class PlanStatus(StrEnum):
    OPTIMAL = "optimal"  # proven best for the objective
    FEASIBLE = "feasible"  # a plan within the caps; ``gap`` says how far from proven
    HEURISTIC = "heuristic"  # a baseline or a local search: no bound


@dataclass(frozen=True)
class CompanyPlan:
    name: str
    included: bool  # False: left out (deferred) in this plan
    under_way: bool
    apply_on: date | None  # None when left out, or when the process is already under way
    expected: Mapping[Stage, date]  # expected date of each step still ahead, then the offer
    onsite_on: date | None  # the target onsite date
    offer_on: date | None
    reason: str  # one line: why this date, or why left out


@dataclass(frozen=True)
class Refinement:
    """What the simulation-based refinement did to a plan (plan/refine.py)."""

    method: str  # the plan it started from ("cp-sat")
    status: PlanStatus  # and that plan's status, objective and gap to its bound
    objective: int
    gap: float | None
    runs: int  # simulated searches each candidate was scored on (the same draws for all)
    evaluations: int  # candidate plans simulated
    moves: int  # moves kept
    before: float  # P(2+ offers open together) of the starting plan, on those draws
    after: float  # ... and of the refined plan
    seconds: float
    stopped_on_time: bool  # the time limit ended it before its budget of evaluations


@dataclass(frozen=True)
class Plan:
    method: str  # "cp-sat", "day one", "greedy", "annealing", "exhaustive"
    status: PlanStatus
    start: date
    first_day: date
    companies: tuple[CompanyPlan, ...]
    window_start: date | None  # the W-day window the onsites are aimed at
    window_end: date | None
    objective: int
    bound: int | None  # proven lower bound on the objective (None for heuristics)
    parts: ObjectiveParts
    weights: Weights
    overload: Overload  # all zero unless a baseline ignored the caps
    weeks: tuple[WeekLoad, ...]
    seconds: float
    apply_days: tuple[int | None, ...]  # grid days from first_day, for re-scoring
    refinement: Refinement | None = None  # set when the simulation refined the plan

    @property
    def gap(self) -> float | None:
        """Relative distance from the proven bound (0.0 when optimal)."""
        return relative_gap(self.objective, self.bound)

    @property
    def included(self) -> tuple[CompanyPlan, ...]:
        return tuple(c for c in self.companies if c.included)

    @property
    def deferred(self) -> tuple[CompanyPlan, ...]:
        return tuple(c for c in self.companies if not c.included)


def relative_gap(objective: int, bound: int | None) -> float | None:
    """How far ``objective`` may be from the best possible, as a share of it (None: no
    bound proven; 0.0 when the objective meets it)."""
    if bound is None:
        return None
    return 0.0 if objective <= 0 else max(0, objective - bound) / objective


def build_plan(
    grid: Grid,
    apply: Sequence[int | None],
    *,
    method: str,
    status: PlanStatus,
    bound: int | None = None,
    seconds: float = 0.0,
) -> Plan:
    """Turn apply days on the grid into a Plan with dates, reasons and its measured cost."""
    from widenet.plan.explain import reasons

    parts = score(grid, apply)
    start = best_window_start(grid, apply)
    why = reasons(grid, apply, window_start=start)
    companies = tuple(_company(grid, i, apply[i], why[i]) for i in range(len(grid.tracks)))
    return Plan(
        method=method,
        status=status,
        start=grid.start,
        first_day=grid.origin,
        companies=companies,
        window_start=None if start is None else grid.date_of(start),
        window_end=None if start is None else grid.date_of(start + grid.window - 1),
        objective=parts.total(grid.weights),
        bound=bound,
        parts=parts,
        weights=grid.weights,
        overload=overload(grid, apply),
        weeks=tuple(week_loads(grid, apply)),
        seconds=seconds,
        apply_days=tuple(apply),
    )


def best_window_start(grid: Grid, apply: Sequence[int | None]) -> int | None:
    """The grid day the decision window starts on that leaves the fewest days outside it
    (the earliest such day on ties); None when no company is in the plan."""
    onsites = [grid.tracks[i].onsite + (a or 0) for i, a in enumerate(apply) if a is not None]
    if not onsites:
        return None
    width = grid.window

    def outside(first: int) -> int:
        return sum(max(0, o - first - width + 1, first - o) for o in onsites)

    candidates = sorted(set(onsites) | {o - width + 1 for o in onsites})
    return min(candidates, key=lambda first: (outside(first), first))


def _company(grid: Grid, index: int, day: int | None, reason: str) -> CompanyPlan:
    track = grid.tracks[index]
    if day is None:
        return CompanyPlan(track.name, False, track.fixed, None, {}, None, None, reason)
    expected = {
        step: grid.step_date(track, day, k)
        for k, (step, offset) in enumerate(zip(track.steps, track.step_offsets, strict=True))
        if day + offset >= 0
    }
    expected[Stage.OFFER] = grid.date_of(day + track.offer)
    return CompanyPlan(
        name=track.name,
        included=True,
        under_way=track.fixed,
        apply_on=None if track.fixed else grid.date_of(day),
        expected=expected,
        onsite_on=grid.step_date(track, day, track.steps.index(Stage.ONSITE)),
        offer_on=grid.date_of(day + track.offer),
        reason=reason,
    )
