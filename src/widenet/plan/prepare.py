"""From a problem to the grid every planner uses, refusing inputs no plan could meet.

Each refusal is an Infeasible error naming the limit that cannot be met and what would
relax it. Caps are hard for interviews already booked; for expected load they are lifted to
what the processes under way already bring, since no plan can change that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from widenet.errors import Infeasible, Problem
from widenet.plan.calendar import calendar_days
from widenet.plan.grid import Grid, build_grid
from widenet.plan.load import SPAN
from widenet.plan.problem import PlanProblem, check_problem
from widenet.track.stages import Stage


def prepare(problem: PlanProblem) -> Grid:
    """Check the problem, lay it on the grid, refuse what no plan can meet."""
    check_problem(problem)
    grid = build_grid(problem)
    check_fixed(grid)
    return lift_caps(grid)


def check_fixed(grid: Grid) -> None:
    """Raise Infeasible when what is already booked breaks a hard limit by itself, or a
    required company cannot fit at all."""
    _booked_daily(grid)
    _booked_weekly(grid)
    _required_fit(grid)
    if grid.window_hard:
        _fixed_window(grid)


def lift_caps(grid: Grid) -> Grid:
    """Raise each cap to the load the processes under way already bring, where that is more."""
    used_day = [[0] * grid.days for _ in range(4)]
    for track in grid.tracks:
        if track.fixed:
            for load in track.loads:
                values = (load.minutes, load.count, load.technical, load.onsite)
                for k, value in enumerate(values):
                    used_day[k][load.offset] += value
    rolling = [
        max(cap, sum(used_day[0][max(0, s - SPAN + 1) : s + 1]))
        for s, cap in enumerate(grid.rolling_cap)
    ]
    daily = [
        tuple(max(c, u) for c, u in zip(caps, used, strict=True))
        for caps, used in zip(
            (grid.count_cap, grid.technical_cap, grid.onsite_cap), used_day[1:], strict=True
        )
    ]
    return replace(
        grid,
        rolling_cap=tuple(rolling),
        count_cap=daily[0],
        technical_cap=daily[1],
        onsite_cap=daily[2],
    )


def _booked_daily(grid: Grid) -> None:
    per_day: dict[int, list[tuple[str, tuple[int, int, int]]]] = defaultdict(list)
    for track in grid.tracks:
        for load in track.loads:
            if load.booked:
                slots = (load.count, load.technical, load.onsite)
                per_day[load.offset].append((track.name, slots))
    caps = (
        ("interviews", 0, grid.count_cap, "capacity.daily_interviews"),
        ("technical interviews", 1, grid.technical_cap, "capacity.daily_technical"),
        ("onsites", 2, grid.onsite_cap, "capacity.daily_onsites"),
    )
    for day in sorted(per_day):
        for label, column, cap, field in caps:
            names = [name for name, slots in per_day[day] if slots[column]]
            booked = sum(slots[column] for _, slots in per_day[day]) // 100
            if booked * 100 > cap[day]:
                week = grid.search_week0 + grid.week_of[day] + 1
                raise Infeasible(
                    f"{booked} {label} are booked on {grid.date_of(day)} "
                    f"({', '.join(names)}), above the daily cap of {cap[day] // 100} "
                    f"in week {week} of the search",
                    problems=[Problem("booked interviews exceed a hard daily cap", field=field)],
                    hint=f"raise {field} for week {week}, or move one of these interviews",
                )


def _booked_weekly(grid: Grid) -> None:
    minutes = [0] * grid.days
    for track in grid.tracks:
        for load in track.loads:
            if load.booked:
                minutes[load.offset] += load.minutes
    for end, cap in enumerate(grid.rolling_cap):
        used = sum(minutes[max(0, end - SPAN + 1) : end + 1])
        if used > cap:
            first = grid.date_of(max(0, end - SPAN + 1))
            number = grid.search_week0 + grid.week_of[min(end, grid.days - 1)] + 1
            raise Infeasible(
                f"the interviews already booked from {first} to {grid.date_of(end)} take "
                f"{used / 60:.1f} h with preparation, above the cap of {cap / 60:.1f} h "
                f"for a week in week {number} of the search",
                problems=[Problem("weekly hours exceeded", field="capacity.weekly_hours")],
                hint=f"raise capacity.weekly_hours for week {number}, or move an interview",
            )


def _required_fit(grid: Grid) -> None:
    for track in grid.tracks:
        if track.required and not track.fixed and not track.can_include:
            need = (grid.date_of(track.offer) - (grid.first_day or grid.origin)).days + 1
            raise Infeasible(
                f"{track.name} is required, but its process (~{track.offer} working days to "
                f"an offer) does not fit the {grid.horizon_days}-day horizon",
                problems=[Problem("process longer than the horizon", field="horizon_days")],
                hint=f"raise horizon_days to at least {need}, or shorten "
                f"{track.name}'s stage_days, or make it optional",
            )


def _fixed_window(grid: Grid) -> None:
    onsites = [
        (t.onsite, grid.step_date(t, 0, t.steps.index(Stage.ONSITE)), t.name)
        for t in grid.tracks
        if t.fixed
    ]
    if not onsites:
        return
    first, last = min(onsites), max(onsites)
    if last[0] - first[0] + 1 > grid.window:
        span = (last[1] - first[1]).days + 1
        wider = calendar_days(last[0] - first[0] + 1)
        raise Infeasible(
            f"the onsites of processes already under way span {span} days "
            f"({first[2]} {first[1]} to {last[2]} {last[1]}), "
            f"longer than the {grid.window_days}-day decision window, which is hard",
            problems=[Problem("hard window too short", field="window_days")],
            hint=f"widen window_days to at least {wider}, or set window_hard to false",
        )
