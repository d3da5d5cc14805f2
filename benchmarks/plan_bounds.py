"""Planner formulations measured: how far up each one pushes the proven bound.

The benchmark list of 60 companies at the default weekly cap (10, 20, then 30 h) leaves
CP-SAT far from a proof: its bound is the optimum without the cap, because the linear
relaxation of a cumulative constraint does not see the cap. This script tries the
reformulations that could let it see the cap, each on the same list, and prints the bound
and the gap each one reaches:

- the model as shipped (symmetry between interchangeable companies broken), with CP-SAT's
  stronger linearization (level 2);
- plus time-indexed apply-day Booleans x[i, d] with each company's load profile per start
  day, so the weekly cap becomes linear constraints the relaxation sees;
- plus McCormick cuts that price every (company, day) against the window start and the last
  offer (indicator variables [start >= t], [last offer >= t]);
- the linear relaxation of the time-indexed model with the window start and the last offer
  free (one LP with the same McCormick terms), and with both fixed at the best plan's (the
  relaxation is exact in them there: the strongest this family of models can be);
- the time-indexed integer model with both fixed at the best plan's, solved by SCIP (CP-SAT
  through the same linear-solver wrapper does worse on it).

    python benchmarks/plan_bounds.py [--seconds 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import machine, table

from plan import search
from widenet.plan import solver as shipped
from widenet.plan.baselines import greedy_days
from widenet.plan.grid import Grid
from widenet.plan.load import SPAN
from widenet.plan.prepare import prepare
from widenet.plan.result import best_window_start
from widenet.plan.symmetry import in_order

Linear = list[tuple[Any, float]]  # (variable, coefficient) pairs


def outside(onsite: int, start: int, width: int) -> int:
    return max(0, onsite - start - width + 1, start - onsite)


def free_tracks(grid: Grid) -> list[int]:
    return [i for i, t in enumerate(grid.tracks) if not t.fixed and t.can_include]


def live_tracks(grid: Grid) -> list[int]:
    return [i for i, t in enumerate(grid.tracks) if t.fixed or t.can_include]


def load_rows(
    grid: Grid, days: dict[int, list[int]]
) -> tuple[list[list[tuple[int, int, int]]], list[int]]:
    """Per rolling window: (company, apply day, minutes) of the free loads in it, and the
    minutes the processes under way already put there."""
    rows: list[list[tuple[int, int, int]]] = [[] for _ in grid.rolling_cap]
    fixed = [0] * len(grid.rolling_cap)
    for i, track in enumerate(grid.tracks):
        for load in track.loads:
            if track.fixed:
                for end in range(max(0, load.offset), min(load.offset + SPAN, len(fixed))):
                    fixed[end] += load.minutes if load.offset >= 0 else 0
                continue
            for d in days.get(i, []):
                day = d + load.offset
                for end in range(day, min(day + SPAN, len(rows))):
                    rows[end].append((i, d, load.minutes))
    return rows, fixed


# --- Inside CP-SAT: cuts added to the shipped model ----------------------------------------


def variable(model: cp_model.CpModel, name: str) -> cp_model.IntVar:
    for index, var in enumerate(model.proto.variables):
        if var.name == name:
            return model.get_int_var_from_proto_index(index)
    raise KeyError(name)


def indicators(model: cp_model.CpModel, var: cp_model.IntVar) -> tuple[int, int, dict[int, Any]]:
    """[var >= t] for every t above its lower bound, chained, summing to var - low."""
    low, high = var.proto.domain[0], var.proto.domain[1]
    flags = {t: model.new_bool_var(f"{var.name}_ge_{t}") for t in range(low + 1, high + 1)}
    model.add(var == low + sum(flags.values()))
    order = sorted(flags)
    for a, b in pairwise(order):
        model.add(flags[a] >= flags[b])
    return low, high, flags


def time_indexed_cuts(m: Any, *, mccormick: bool) -> None:
    grid, cp = m.grid, m.cp
    x: dict[int, dict[int, Any]] = {}
    prefix: dict[int, dict[int, Any]] = {}
    for i in free_tracks(grid):
        track, company = grid.tracks[i], m.companies[i]
        x[i] = {d: cp.new_bool_var(f"x_{i}_{d}") for d in range(track.lo, track.hi + 1)}
        cp.add(sum(x[i].values()) == company.include)
        cp.add(
            sum(d * v for d, v in x[i].items()) + track.lo * (1 - company.include) == company.apply
        )
        running: Any = 0
        prefix[i] = {}
        for d in range(track.lo, track.hi + 1):
            running = running + x[i][d]
            prefix[i][d] = running
    rows, fixed = load_rows(grid, {i: list(days) for i, days in x.items()})
    for end, cap in enumerate(grid.rolling_cap):
        if rows[end]:
            cp.add(sum(minutes * x[i][d] for i, d, minutes in rows[end]) <= cap - fixed[end])
    if not mccormick:
        return

    def by(i: int, day: int) -> Any:  # applied on or before `day`
        track = grid.tracks[i]
        return (
            0 if day < track.lo else m.companies[i].include if day >= track.hi else prefix[i][day]
        )

    low, high, later = indicators(cp, variable(cp, "window_start"))  # [start >= t]
    width = grid.window
    for i in x:
        on, terms = grid.tracks[i].onsite, []
        for t in range(low + 1, high + 1):  # onsite < t <= start: one day early
            v = cp.new_bool_var("")
            cp.add(v >= by(i, t - on - 1) + later[t] - 1)
            terms.append(v)
        for t in range(low + width, grid.tracks[i].hi + on + 1):  # start + W - 1 < t <= onsite
            flag = later.get(t - width + 1, 0)
            v = cp.new_bool_var("")
            cp.add(v >= m.companies[i].include - by(i, t - on - 1) - flag)
            terms.append(v)
        cp.add(variable(cp, f"outside_{i}") >= sum(terms))
    low, high, last = indicators(cp, variable(cp, "last_offer"))  # [last offer >= t]
    for i in x:
        track = grid.tracks[i]
        for t in range(low + 1, high + 1):
            cp.add(last[t] >= m.companies[i].include - by(i, t - track.offer - 1))
        try:
            lapse = variable(cp, f"lapse_{i}")
        except KeyError:
            continue
        terms = []
        for t in range(low + 1, high + 1):  # offer + deadline < t <= last offer
            v = cp.new_bool_var("")
            cp.add(v >= by(i, t - track.offer - track.deadline - 1) + last[t] - 1)
            terms.append(v)
        cp.add(lapse >= sum(terms))


def cp_sat(
    grid: Grid, seconds: float, *, cuts: Callable[[Any], None] | None = None, **params: Any
) -> tuple[float, float]:
    m = shipped._Model(grid)
    m.cp.minimize(shipped._objective(m))
    shipped._load_cap(m)
    shipped._break_symmetry(m)
    if cuts is not None:
        cuts(m)
    shipped._hint(m, in_order(grid, greedy_days(grid)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    for name, value in params.items():
        setattr(solver.parameters, name, value)
    solver.solve(m.cp)
    return solver.objective_value, solver.best_objective_bound


# --- Outside CP-SAT: the time-indexed model as an LP or a MIP -----------------------------


class TimeIndexed:
    """The whole objective on time-indexed apply days x[i, d] (a linear program with GLOP, an
    integer one with SCIP). With the window start and the last offer fixed, the window
    and offer terms are exact costs of each (company, day); free, they are priced through
    McCormick terms on the indicators [start >= t] and [last offer >= t]."""

    def __init__(self, grid: Grid, backend: str, *, start: int | None, last: int | None) -> None:
        self.grid, self.lp = grid, pywraplp.Solver.CreateSolver(backend)
        self.integer = backend != "GLOP"
        self.objective = self.lp.Objective()
        self.constant = 0.0
        self.start, self.last = start, last
        self.x: dict[int, dict[int, Any]] = {}
        self.prefix: dict[int, dict[int, Any]] = {}
        w, tracks = grid.weights, grid.tracks
        for track in tracks:
            if not track.fixed and not track.can_include:
                self.constant += track.defer_cost
            if track.fixed and start is not None:
                self.constant += w.window * outside(track.onsite, start, grid.window)
            if track.fixed and last is not None:
                self.constant += w.offers * max(0, last - track.offer - track.deadline)
        for i in free_tracks(grid):
            self._company(i)
        rows, fixed = load_rows(grid, {i: list(days) for i, days in self.x.items()})
        for end, cap in enumerate(grid.rolling_cap):
            if rows[end]:
                self.at_most(
                    [(self.x[i][d], minutes) for i, d, minutes in rows[end]], cap - fixed[end]
                )
        if start is None:
            self._window_free()
        if last is None:
            self._offers_free()
        self._orders()

    def _company(self, i: int) -> None:
        grid, track, w = self.grid, self.grid.tracks[i], self.grid.weights
        days = [
            d
            for d in range(track.lo, track.hi + 1)
            if self.last is None or d + track.offer <= self.last
        ]
        self.x[i], self.prefix[i] = {}, {}
        choose = self.lp.Constraint(1, 1)
        previous = None
        for d in days:
            x = self.lp.BoolVar("") if self.integer else self.lp.NumVar(0, 1, "")
            cost = w.referral * max(0, grid.referral_from - d) if track.referral else 0
            if self.start is not None:
                cost += w.window * outside(d + track.onsite, self.start, grid.window)
            if self.last is not None:
                cost += w.offers * max(0, self.last - d - track.offer - track.deadline)
            self.objective.SetCoefficient(x, cost)
            choose.SetCoefficient(x, 1)
            total = self.lp.NumVar(0, 1, "")
            terms: Linear = [(total, 1.0), (x, -1.0)]
            if previous is not None:
                terms.append((previous, -1.0))
            self.equal(terms, 0)
            self.x[i][d], self.prefix[i][d], previous = x, total, total
        if not track.required:
            out = self.lp.NumVar(0, 1, "")
            choose.SetCoefficient(out, 1)
            self.objective.SetCoefficient(out, track.defer_cost)

    def by(self, i: int, day: int) -> Linear:
        days = sorted(self.prefix[i])
        if not days or day < days[0]:
            return []
        return [(self.prefix[i][min(day, days[-1])], 1.0)]

    def after(self, i: int, day: int) -> Linear:  # applied on or after `day`
        days = sorted(self.prefix[i])
        if not days:
            return []
        return [(self.prefix[i][days[-1]], 1.0)] + [(v, -c) for v, c in self.by(i, day - 1)]

    def at_most(self, terms: Linear, bound: float) -> None:
        row = self.lp.Constraint(-self.lp.infinity(), bound)
        for v, c in terms:
            row.SetCoefficient(v, row.GetCoefficient(v) + c)

    def equal(self, terms: Linear, value: float) -> None:
        row = self.lp.Constraint(value, value)
        for v, c in terms:
            row.SetCoefficient(v, row.GetCoefficient(v) + c)

    def priced(self, terms: Linear, points: float, *, at_least: float = 0.0) -> None:
        """A variable in [0, 1] at ``points`` each, at least sum(terms) + at_least."""
        v = self.lp.NumVar(0, 1, "")
        self.objective.SetCoefficient(v, points)
        self.at_most([(var, c) for var, c in terms] + [(v, -1)], -at_least)

    def chain(self, low: int, high: int, *, rising: bool = False) -> dict[int, Any]:
        """Indicators for t in (low, high], falling with t ([v >= t]) or, ``rising``, for t
        in [low, high) rising with t ([v <= t])."""
        days = range(low, high) if rising else range(low + 1, high + 1)
        flags = {t: self.lp.NumVar(0, 1, "") for t in days}
        for a, b in pairwise(days):
            earlier, later = (flags[a], flags[b]) if rising else (flags[b], flags[a])
            self.at_most([(earlier, 1), (later, -1)], 0)
        return flags

    def _window_free(self) -> None:
        grid, width, points = self.grid, self.grid.window, self.grid.weights.window
        live = live_tracks(grid)
        low = min(grid.tracks[i].lo + grid.tracks[i].onsite for i in live) - width + 1
        high = max(grid.tracks[i].hi + grid.tracks[i].onsite for i in live)
        later = self.chain(low, high)  # [start >= t]
        for i in live:
            track, on = grid.tracks[i], grid.tracks[i].onsite
            for t in range(low + 1, high + 1):  # onsite < t <= start: a day early
                if track.fixed and on < t:
                    self.priced([(later[t], 1)], points)
                elif not track.fixed:
                    self.priced([*self.by(i, t - on - 1), (later[t], 1)], points, at_least=-1)
            top = on if track.fixed else track.hi + on
            for t in range(low + width, top + 1):  # start + W - 1 < t <= onsite: a day late
                flag = later.get(t - width + 1)
                against = [(flag, -1.0)] if flag is not None else []
                if track.fixed:
                    self.priced(against, points, at_least=1)
                else:
                    self.priced([*self.after(i, t - on), *against], points)

    def _offers_free(self) -> None:
        grid, points = self.grid, self.grid.weights.offers
        live = live_tracks(grid)
        low = min(grid.tracks[i].lo + grid.tracks[i].offer for i in live) - 1
        high = max(grid.tracks[i].hi + grid.tracks[i].offer for i in live)
        last = self.chain(low, high)  # [last offer >= t]
        for i in live:
            track = grid.tracks[i]
            for t in range(low + 1, high + 1):
                if track.fixed:
                    if t <= track.offer:
                        last[t].SetLb(1)
                    if t > track.offer + track.deadline:
                        self.priced([(last[t], 1)], points)
                    continue
                self.at_most([*self.after(i, t - track.offer), (last[t], -1)], 0)
                lapse = self.by(i, t - track.offer - track.deadline - 1)
                if lapse:
                    self.priced([*lapse, (last[t], 1)], points, at_least=-1)

    def _orders(self) -> None:
        """Practice and size (group firsts and lasts) and spread, from cumulative
        indicators: [last >= t] is at least each member's [step >= t]."""
        grid, w = self.grid, self.grid.weights
        for groups, name, points in (
            (grid.practice_groups, "technical", w.practice),
            (grid.size_groups, "onsite", w.size),
        ):
            members = [i for g in groups for i in g.members]
            if not members:
                continue
            low, high = self._span(members, name)
            lasts = [self._extreme(g.members, name, low, high, last=True) for g in groups]
            firsts = [self._extreme(g.members, name, low, high, last=False) for g in groups]
            for a, early in enumerate(groups):
                for b in range(a + 1, len(groups)):
                    overlap = self.lp.NumVar(0, self.lp.infinity(), "")
                    self.objective.SetCoefficient(
                        overlap, points * abs(groups[b].rank - early.rank)
                    )
                    self.at_most([(lasts[a], 1), (firsts[b], -1), (overlap, -1)], -1)
        live = live_tracks(grid)
        low, high = self._span(live, "onsite")
        last = self._extreme(live, "onsite", low, high, last=True)
        first = self._extreme(live, "onsite", low, high, last=False)
        spread = self.lp.NumVar(0, self.lp.infinity(), "")
        self.objective.SetCoefficient(spread, w.spread)
        self.at_most([(last, 1), (first, -1), (spread, -1)], 0)

    def _span(self, members: list[int], name: str) -> tuple[int, int]:
        tracks = self.grid.tracks
        return (
            min(tracks[i].lo + getattr(tracks[i], name) for i in members) - 1,
            max(tracks[i].hi + getattr(tracks[i], name) for i in members) + 1,
        )

    def _extreme(
        self, members: tuple[int, ...] | list[int], name: str, low: int, high: int, *, last: bool
    ) -> Any:
        """The group's last (or first) day of a step: low + sum of [last >= t] (or high -
        sum of [first <= t])."""
        value = self.lp.NumVar(low, high, "")
        flags = self.chain(low, high, rising=not last)
        self.equal(
            [(value, 1), *[(f, -1.0 if last else 1.0) for f in flags.values()]],
            low if last else high,
        )
        for i in members:
            track = self.grid.tracks[i]
            offset = getattr(track, name)
            for t, flag in flags.items():
                if track.fixed:
                    if (offset >= t) if last else (offset <= t):
                        flag.SetLb(1)
                    continue
                reach = self.after(i, t - offset) if last else self.by(i, t - offset)
                if reach:
                    self.at_most([*reach, (flag, -1)], 0)
        return value

    def bound(self, seconds: float) -> tuple[float, float]:
        self.lp.SetTimeLimit(int(seconds * 1000))
        if self.integer:
            self.lp.SetNumThreads(2)
        self.objective.SetMinimization()
        self.lp.Solve()
        value = self.objective.Value() + self.constant
        best = self.objective.BestBound() + self.constant if self.integer else value
        return value, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    grid = prepare(search(args.seed))
    print(f"{date.today()} · machine: {machine()} · load {os.getloadavg()[0]:.1f}")
    s = args.seconds
    rows: list[list[object]] = []
    best = [float("inf"), 0.0]
    plan_days = shipped._run(
        grid, time_limit=s, workers=2, gap_limit=0.0, hint=greedy_days(grid), seed=0
    )
    assert plan_days is not None
    apply = plan_days[0]
    start = best_window_start(grid, apply)
    last = max(grid.tracks[i].offer + d for i, d in enumerate(apply) if d is not None)

    def record(label: str, run: Callable[[], tuple[float, float]], scope: str) -> None:
        began = time.perf_counter()
        value, bound = run()
        took = time.perf_counter() - began
        found = "-" if scope.startswith("LP") else f"{value:,.0f}"
        if found != "-":
            best[0] = min(best[0], value)
        rows.append([label, scope, found, f"{bound:,.0f}", f"{took:.1f}"])

    record("shipped model", lambda: cp_sat(grid, s), "whole problem")
    record(
        "  + linearization level 2", lambda: cp_sat(grid, s, linearization_level=2), "whole problem"
    )
    record(
        "  + time-indexed load profiles",
        lambda: cp_sat(grid, s, cuts=lambda m: time_indexed_cuts(m, mccormick=False)),
        "whole problem",
    )
    record(
        "  + McCormick window and offer cuts",
        lambda: cp_sat(grid, s, cuts=lambda m: time_indexed_cuts(m, mccormick=True)),
        "whole problem",
    )
    record(
        "time-indexed LP, start and last offer free",
        lambda: TimeIndexed(grid, "GLOP", start=None, last=None).bound(60),
        "LP, whole problem",
    )
    record(
        f"time-indexed LP, start {start} and last offer {last} fixed",
        lambda: TimeIndexed(grid, "GLOP", start=start, last=last).bound(60),
        "LP, one (start, last)",
    )
    record(
        f"time-indexed MIP (SCIP), start {start}, last offer {last}",
        lambda: TimeIndexed(grid, "SCIP", start=start, last=last).bound(s),
        "one (start, last)",
    )
    for row in rows:
        row.append(f"{100 * (best[0] - float(str(row[3]).replace(',', ''))) / best[0]:.1f}%")
    header = ["formulation", "scope", "plan found", "bound", "s", "gap to the best plan"]
    print(
        table(
            f"60 companies, default caps: bounds ({s:g} s for CP-SAT runs, 2 workers)", header, rows
        )
    )
    print(f"best plan found: {best[0]:,.0f}")


if __name__ == "__main__":
    main()
