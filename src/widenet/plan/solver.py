"""The CP-SAT model of the plan (the only module that imports OR-Tools).

Decision per company not yet under way: leave it out, or the day to apply; every stage day
follows from the apply day by the expected durations. The objective terms are difference
constraints between those days (whose linear relaxation is exact, so CP-SAT proves optimality
fast while the caps are loose); the load caps are one cumulative constraint over interval
variables, one per expected interview. docs/planner.md describes the model and its weights.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ortools.sat.python import cp_model

from widenet.errors import Infeasible, Problem, WidenetError
from widenet.plan.baselines import greedy_days
from widenet.plan.calendar import calendar_days
from widenet.plan.grid import Grid, Group
from widenet.plan.load import SPAN
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan, PlanStatus, build_plan
from widenet.plan.symmetry import in_order, interchangeable

LinearExpr = cp_model.LinearExpr


@dataclass
class _Company:
    """The decision variables of one company; constants when nothing is left to decide."""

    include: cp_model.IntVar | int
    apply: cp_model.IntVar | int
    lo: int = 0
    hi: int = 0
    positions: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)

    @property
    def optional(self) -> bool:
        return not isinstance(self.include, int)


def _left_out(c: _Company) -> bool:
    return isinstance(c.include, int) and c.include == 0


class _Model:
    """A CP-SAT model under construction, with one _Company per track."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.cp = cp_model.CpModel()
        self.companies = [self._company(i) for i in range(len(grid.tracks))]
        self.live = [i for i, c in enumerate(self.companies) if not _left_out(c)]

    def _company(self, i: int) -> _Company:
        track = self.grid.tracks[i]
        if track.fixed:
            return _Company(include=1, apply=0)
        if not track.can_include:
            return _Company(include=0, apply=0)
        apply = self.cp.new_int_var(track.lo, track.hi, f"apply_{i}")
        include: cp_model.IntVar | int = 1
        if not track.required:
            include = self.cp.new_bool_var(f"include_{i}")
            # A left-out company sits on its first day, so the search does not wander.
            self.cp.add(apply == track.lo).only_enforce_if(include.negated())
        return _Company(include=include, apply=apply, lo=track.lo, hi=track.hi)

    def at(self, i: int, offset: int, *, when_out: int) -> LinearExpr:
        """The day of a step ``offset`` days after company i applies, or ``when_out`` if it
        is left out. Callers pick ``when_out`` so that every term about a left-out company
        vanishes: a big-M made explicit and as tight as it can be. It is a variable of its
        own so presolve keeps it linear (as an enforcement literal the relaxation loses it)."""
        c = self.companies[i]
        if not c.optional:
            return (
                cp_model.LinearExpr.affine(c.apply, 1, offset)
                if not isinstance(c.apply, int)
                else cp_model.LinearExpr.constant(c.apply + offset)
            )
        key = (offset, when_out)
        if key not in c.positions:
            low, high = min(c.lo + offset, when_out), max(c.hi + offset, when_out)
            position = self.cp.new_int_var(low, high, f"at_{i}_{offset}_{when_out}")
            self.cp.add(position == c.apply + offset + (1 - c.include) * (when_out - c.lo - offset))
            c.positions[key] = position
        return c.positions[key]

    def span(self, name: str) -> tuple[int, int]:
        """Earliest and latest possible day of a step over the companies that can be in."""
        tracks = [self.grid.tracks[i] for i in self.live]
        return (
            min(t.lo + getattr(t, name) for t in tracks),
            max(t.hi + getattr(t, name) for t in tracks),
        )


def solve(
    problem: PlanProblem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    gap_limit: float = 0.0,
    previous: Plan | None = None,
    seed: int = 0,
) -> Plan:
    """The best plan CP-SAT finds within ``time_limit`` seconds in all: optimal, or feasible
    with its gap to the proven bound; it stops early once within ``gap_limit`` (0.02 = 2%).
    The search starts from the greedy plan, or, when re-planning, from the ``previous`` plan
    where it still fits. ``seed`` fixes CP-SAT's own randomness.
    Raises Infeasible naming the limit that cannot be met."""
    grid = prepare(problem)
    began = time.perf_counter()
    hint = greedy_days(grid)
    if previous is not None:
        hint = _from_previous(grid, previous, hint)
    left = max(0.1, time_limit - (time.perf_counter() - began))
    result = _run(grid, time_limit=left, workers=workers, gap_limit=gap_limit, hint=hint, seed=seed)
    if result is None:
        raise _diagnose(grid, workers=workers)
    apply, status, bound = result
    return build_plan(
        grid,
        apply,
        method="cp-sat",
        status=status,
        bound=bound,
        seconds=time.perf_counter() - began,
    )


def _from_previous(grid: Grid, previous: Plan, fallback: list[int | None]) -> list[int | None]:
    """Apply days of the previous plan on this grid, for companies it still fits."""
    before = {c.name: c for c in previous.companies}
    out = list(fallback)
    for i, track in enumerate(grid.tracks):
        old = before.get(track.name)
        if track.fixed or old is None or not track.can_include:
            continue
        if not old.included:
            out[i] = None if not track.required else out[i]
        elif old.apply_on is not None:
            day = grid.day_of(old.apply_on)
            out[i] = day if track.lo <= day <= track.hi else out[i]
    return out


def _run(
    grid: Grid,
    *,
    time_limit: float,
    workers: int,
    gap_limit: float,
    hint: Sequence[int | None] | None,
    seed: int,
) -> tuple[list[int | None], PlanStatus, int] | None:
    """Solve; None when the model is proven infeasible."""
    m = _Model(grid)
    m.cp.minimize(_objective(m))
    _load_cap(m)
    _break_symmetry(m)
    if hint is not None:
        _hint(m, in_order(grid, hint))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = gap_limit
    solver.parameters.random_seed = seed
    code = solver.solve(m.cp)
    if code == cp_model.INFEASIBLE:
        return None
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise WidenetError(
            f"the planner found no plan within {time_limit:g} s",
            hint="give it more time, or plan fewer companies at once",
        )
    apply = [_chosen(solver, c) for c in m.companies]
    value = round(solver.objective_value)
    # CP-SAT says OPTIMAL also when it stopped within gap_limit: trust the bound, not the code.
    bound = min(value, math.ceil(solver.best_objective_bound - 1e-6))
    status = PlanStatus.OPTIMAL if bound >= value else PlanStatus.FEASIBLE
    return apply, status, bound


def _chosen(solver: cp_model.CpSolver, c: _Company) -> int | None:
    if isinstance(c.include, int):
        return solver.value(c.apply) if c.include else None
    return solver.value(c.apply) if solver.boolean_value(c.include) else None


def _break_symmetry(m: _Model) -> None:
    """Among interchangeable companies, a later one is in the plan only if the earlier one
    is, and then applies no earlier: one plan of each set of equivalent ones is left."""
    for members in interchangeable(m.grid):
        for a, b in pairwise(members):
            first, second = m.companies[a], m.companies[b]
            if isinstance(first.include, int) or isinstance(second.include, int):
                m.cp.add(first.apply <= second.apply)  # both required
                continue
            m.cp.add_implication(second.include, first.include)
            m.cp.add(first.apply <= second.apply).only_enforce_if(second.include)


def _hint(m: _Model, hint: Sequence[int | None]) -> None:
    for c, day in zip(m.companies, hint, strict=True):
        if not isinstance(c.include, int):
            m.cp.add_hint(c.include, day is not None)
        if not isinstance(c.apply, int):
            m.cp.add_hint(c.apply, c.lo if day is None else day)


def _objective(m: _Model) -> LinearExpr:
    w, grid = m.grid.weights, m.grid
    terms: list[LinearExpr] = [
        w.window * _window(m),
        w.offers * _offers(m),
        w.spread * _spread(m),
        w.practice * _overlaps(m, grid.practice_groups, "technical"),
        w.size * _overlaps(m, grid.size_groups, "onsite"),
        w.referral * _referral(m),
    ]
    left_out = 0  # points for companies left out: constant for those that cannot be in
    for track, c in zip(grid.tracks, m.companies, strict=True):
        if isinstance(c.include, int):
            left_out += track.defer_cost * (1 - c.include)
        else:
            terms.append(cp_model.LinearExpr.affine(c.include, -track.defer_cost, track.defer_cost))
    return cp_model.LinearExpr.sum([*terms, cp_model.LinearExpr.constant(left_out)])


def _window(m: _Model) -> LinearExpr:
    """Days each onsite falls outside the W-day window [start, start + W - 1]."""
    if not m.live:
        return cp_model.LinearExpr.constant(0)
    width = m.grid.window
    low, high = m.span("onsite")
    start = m.cp.new_int_var(low - width + 1, high, "window_start")
    days: list[LinearExpr] = []
    for i in m.live:
        onsite = m.grid.tracks[i].onsite
        latest, earliest = m.at(i, onsite, when_out=low), m.at(i, onsite, when_out=high)
        if m.grid.window_hard:
            m.cp.add(earliest >= start)
            m.cp.add(latest <= start + width - 1)
            continue
        outside = m.cp.new_int_var(0, high - low + width, f"outside_{i}")
        m.cp.add(outside >= latest - start - width + 1)
        m.cp.add(outside >= start - earliest)
        days.append(outside)
    return cp_model.LinearExpr.sum(days)


def _offers(m: _Model) -> LinearExpr:
    """Days each offer would lapse before the last offer arrives."""
    if not m.live:
        return cp_model.LinearExpr.constant(0)
    low, high = m.span("offer")
    last = m.cp.new_int_var(low, high, "last_offer")
    days: list[LinearExpr] = []
    for i in m.live:
        track = m.grid.tracks[i]
        m.cp.add(last >= m.at(i, track.offer, when_out=low))
        if high - (track.lo + track.offer) - track.deadline <= 0:
            continue  # this offer cannot lapse before the last one arrives
        lapse = m.cp.new_int_var(0, high - low, f"lapse_{i}")
        m.cp.add(lapse >= last - m.at(i, track.offer, when_out=high) - track.deadline)
        days.append(lapse)
    return cp_model.LinearExpr.sum(days)


def _spread(m: _Model) -> LinearExpr:
    """Days from the first expected onsite to the last."""
    if not m.live:
        return cp_model.LinearExpr.constant(0)
    low, high = m.span("onsite")
    first = m.cp.new_int_var(low, high, "first_onsite")
    last = m.cp.new_int_var(low, high, "last_onsite")
    for i in m.live:
        onsite = m.grid.tracks[i].onsite
        m.cp.add(first <= m.at(i, onsite, when_out=high))
        m.cp.add(last >= m.at(i, onsite, when_out=low))
    spread = m.cp.new_int_var(0, high - low, "spread")
    m.cp.add(spread >= last - first)
    return spread


def _overlaps(m: _Model, groups: tuple[Group, ...], name: str) -> LinearExpr:
    """For every two groups, gap x days the later group's first step is not after the
    earlier group's last one. An empty group's last day sits before every possible day and
    its first day after, so it overlaps nothing."""
    if not groups:
        return cp_model.LinearExpr.constant(0)
    tracks = m.grid.tracks
    members = [i for g in groups for i in g.members]
    low = min(tracks[i].lo + getattr(tracks[i], name) for i in members) - 1
    high = max(tracks[i].hi + getattr(tracks[i], name) for i in members) + 1
    firsts, lasts = [], []
    for k, group in enumerate(groups):
        first = m.cp.new_int_var(low, high, f"first_{name}_{k}")
        last = m.cp.new_int_var(low, high, f"last_{name}_{k}")
        for i in group.members:
            offset = getattr(tracks[i], name)
            m.cp.add(first <= m.at(i, offset, when_out=high))
            m.cp.add(last >= m.at(i, offset, when_out=low))
        firsts.append(first)
        lasts.append(last)
    terms: list[LinearExpr] = []
    for a, early in enumerate(groups):
        for b in range(a + 1, len(groups)):
            overlap = m.cp.new_int_var(0, high - low + 1, f"overlap_{name}_{a}_{b}")
            m.cp.add(overlap >= lasts[a] - firsts[b] + 1)
            terms.append(cp_model.LinearExpr.term(overlap, abs(groups[b].rank - early.rank)))
    return cp_model.LinearExpr.sum(terms)


def _referral(m: _Model) -> LinearExpr:
    """Days each referral application goes out before referrals are due."""
    terms: list[LinearExpr] = []
    due = m.grid.referral_from
    for i, track in enumerate(m.grid.tracks):
        if not track.referral or track.fixed or not track.can_include or due <= track.lo:
            continue
        early = m.cp.new_int_var(0, due - track.lo, f"referral_early_{i}")
        m.cp.add(early >= due - m.at(i, 0, when_out=due))
        terms.append(early)
    return cp_model.LinearExpr.sum(terms)


def _load_cap(m: _Model) -> None:
    """Expected minutes in any 7 days stay under the cap: each expected interview is an
    interval of 7 days from its day, so the cumulative's profile on a day is the load of
    the 7 days ending then; fixed one-day intervals take away what the ramp-up withholds."""
    grid = m.grid
    top = max(grid.rolling_cap)
    intervals: list[cp_model.IntervalVar] = []
    demands: list[int] = []
    for i in m.live:
        c, track = m.companies[i], grid.tracks[i]
        for k, load in enumerate(track.loads):
            if load.minutes == 0 or (track.fixed and load.offset < 0):
                continue
            name = f"load_{i}_{k}"
            if c.optional:
                interval = m.cp.new_optional_fixed_size_interval_var(
                    c.apply + load.offset, SPAN, c.include, name
                )
            else:
                interval = m.cp.new_fixed_size_interval_var(c.apply + load.offset, SPAN, name)
            intervals.append(interval)
            demands.append(load.minutes)
    for day, cap in enumerate(grid.rolling_cap):
        if cap < top:
            intervals.append(m.cp.new_fixed_size_interval_var(day, 1, f"ramp_{day}"))
            demands.append(top - cap)
    if intervals:
        m.cp.add_cumulative(intervals, demands, top)


def _diagnose(grid: Grid, *, workers: int) -> Infeasible:
    """Find which limit makes the required companies impossible, and what would relax it."""
    required = ", ".join(t.name for t in grid.tracks if t.required and not t.fixed) or "none"
    if grid.window_hard and _feasible(replace(grid, window_hard=False), workers=workers):
        wider = _smallest_window(grid, workers=workers)
        need = f"widen window_days to {wider}" if wider else "widen window_days"
        return Infeasible(
            f"the {grid.window_days}-day decision window is too short for the load caps: the "
            f"onsites of the companies that must be in the plan (required: {required}; "
            "plus those under way) cannot all fall inside it",
            problems=[Problem("hard window too short for the capacity", field="window_days")],
            hint=f"{need}, set window_hard to false, raise capacity.weekly_hours or make "
            "some companies optional",
        )
    return Infeasible(
        "the weekly load cap cannot hold the companies that must be in the plan "
        f"(required: {required}; plus those under way)",
        problems=[Problem("expected load above the cap", field="capacity.weekly_hours")],
        hint="raise capacity.weekly_hours, lengthen horizon_days, or make some companies optional",
    )


def _feasible(grid: Grid, *, workers: int) -> bool:
    """Whether a plan exists; a search that runs out of time counts as no."""
    try:
        found = _run(grid, time_limit=5.0, workers=workers, gap_limit=1.0, hint=None, seed=0)
    except WidenetError:
        return False
    return found is not None


def _smallest_window(grid: Grid, *, workers: int) -> int | None:
    """The shortest hard window, in calendar days, that makes a plan possible."""
    low, high = grid.window + 1, grid.horizon
    if not _feasible(replace(grid, window=high), workers=workers):
        return None
    while low < high:
        middle = (low + high) // 2
        if _feasible(replace(grid, window=middle), workers=workers):
            high = middle
        else:
            low = middle + 1
    return calendar_days(high)
