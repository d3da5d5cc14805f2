"""The problem laid out on a grid of working days: integer offsets, expected loads and caps.

Every planner (CP-SAT, baselines, annealing, exhaustive search) and the scorer read this one
layout, so they optimise and measure exactly the same thing. Day 0 is the plan's first
working day; Saturdays and Sundays are not on the grid (calendar.py), so no application goes
out and no expected interview falls on a weekend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from widenet.defaults import INTERVIEW_MINUTES, PREP_MINUTES
from widenet.plan.calendar import WEEK, first_workday, workday_date, workday_index, workdays
from widenet.plan.problem import TECHNICAL_STEPS, PlanProblem, Prospect, UnderWay, Weights
from widenet.track.model import InterviewKind, SizeBand
from widenet.track.stages import Stage

#: Steps with an interview (a take-home is work, not an interview: hours but no slot).
INTERVIEW_STEPS = frozenset(
    {Stage.RECRUITER, Stage.HIRING_MANAGER, Stage.TECHNICAL, Stage.TAKE_HOME, Stage.ONSITE}
)
SIZE_RANK = {SizeBand.SMALL: 0, SizeBand.MEDIUM: 1, SizeBand.LARGE: 2, SizeBand.HUGE: 3}


@dataclass(frozen=True)
class Load:
    """Expected load of one interview: minutes, and interview slots in hundredths."""

    offset: int  # working days after the apply day (a grid day for a process under way)
    minutes: int
    count: int
    technical: int
    onsite: int
    booked: bool


@dataclass(frozen=True)
class Track:
    """One company on the grid, in working days. A process under way is fixed: apply day 0,
    absolute offsets."""

    name: str
    lo: int  # first possible apply day
    hi: int  # last apply day that still brings the expected offer inside the horizon
    fixed: bool
    required: bool
    steps: tuple[Stage, ...]
    step_offsets: tuple[int, ...]
    technical: int  # offset of the first technical step
    onsite: int
    offer: int
    deadline: int  # working days the offer stays open
    loads: tuple[Load, ...]
    excitement: int
    size_rank: int
    referral: bool
    defer_cost: int
    practice_active: bool  # the first technical step is still ahead
    size_active: bool  # the onsite is still ahead
    current: int  # index of the step the process is in (0 before applying; len(steps): offer)
    passes: tuple[float, ...]  # chance of moving on from each step
    booked_steps: tuple[bool, ...]  # steps whose day is booked, so it is not a guess
    booked_on: tuple[date | None, ...] = ()  # per step, the booked date (a weekend is kept)

    @property
    def can_include(self) -> bool:
        return self.lo <= self.hi


@dataclass(frozen=True)
class Group:
    """Companies sharing an excitement level or a size band."""

    rank: int
    members: tuple[int, ...]


@dataclass(frozen=True)
class Grid:
    origin: date  # day 0: the plan's first day, or the Monday after it if on a weekend
    start: date
    horizon: int  # working days in the horizon
    days: int
    window: int  # the decision window, in working days
    window_hard: bool
    referral_from: int
    tracks: tuple[Track, ...]
    week_of: tuple[int, ...]  # grid week of each day (0 = the week holding day 0)
    search_week0: int  # week of the search (0-based) that grid week 0 is
    weekly_cap: tuple[int, ...]  # nominal cap per grid week, minutes
    # Cap on the expected minutes of the five working days (a week) ending on each day (days
    # + 4 of them: the last loads still count in the windows that end after the grid does).
    rolling_cap: tuple[int, ...]
    count_cap: tuple[int, ...]  # per day, hundredths of an interview: hard for bookings
    technical_cap: tuple[int, ...]
    onsite_cap: tuple[int, ...]
    # Companies by excitement (whose first technical step is still ahead), least wanted first,
    # and by size band (whose onsite is still ahead), largest first: the orders to keep.
    practice_groups: tuple[Group, ...]
    size_groups: tuple[Group, ...]
    weights: Weights
    horizon_days: int = 0  # the horizon and the window in calendar days, as the user gave them
    window_days: int = 0
    first_day: date | None = None  # the plan's first day, where the horizon is counted from
    days_off: frozenset[date] = frozenset()  # weekdays the person is away: not on the grid

    def date_of(self, day: int) -> date:
        return workday_date(self.origin, day, self.days_off)

    def day_of(self, on: date) -> int:
        """The grid day of a date (a weekend day or a day off: the working day after it)."""
        return workday_index(self.origin, on, self.days_off)

    def step_date(self, track: Track, day: int, step: int) -> date:
        """The date of a step of a company that applies on ``day``: booked, or expected."""
        booked = track.booked_on[step] if track.booked_on else None
        return booked or self.date_of(day + track.step_offsets[step])


def build_grid(problem: PlanProblem) -> Grid:
    """Lay the problem out on days; the problem is assumed checked (check_problem)."""
    off = problem.days_off
    origin = first_workday(problem.first_day, off)
    horizon = workday_index(origin, problem.first_day + timedelta(days=problem.horizon_days), off)
    tracks = tuple(_track(problem, company, origin, horizon) for company in problem.companies)
    last = max(
        [horizon - 1]
        + [load.offset for t in tracks if t.fixed for load in t.loads]
        + [t.offer for t in tracks if t.fixed]
    )
    days = last + 1

    def week(day: int) -> int:  # week of the search (0-based) of a grid day
        return (workday_date(origin, day, off) - problem.start).days // 7

    week0 = week(0)
    search_week = [week(d) for d in range(days)]
    week_of = tuple(w - week0 for w in search_week)
    weeks = week_of[-1] + 1
    capacity = problem.capacity
    rolling = [week(s) for s in range(days + WEEK - 1)]
    return Grid(
        origin=origin,
        start=problem.start,
        horizon=horizon,
        horizon_days=problem.horizon_days,
        first_day=problem.first_day,
        days=days,
        window=max(1, workdays(problem.window_days)),
        window_days=problem.window_days,
        window_hard=problem.window_hard,
        referral_from=workday_index(
            origin, problem.start + timedelta(days=problem.referral_after_days), off
        ),
        days_off=off,
        tracks=tracks,
        week_of=week_of,
        search_week0=week0,
        weekly_cap=tuple(round(capacity.hours(week0 + w) * 60) for w in range(weeks)),
        rolling_cap=tuple(round(capacity.hours(w) * 60) for w in rolling),
        count_cap=tuple(100 * capacity.interviews(w) for w in search_week),
        technical_cap=tuple(100 * capacity.technical(w) for w in search_week),
        onsite_cap=tuple(100 * capacity.onsites(w) for w in search_week),
        practice_groups=_groups(tracks, "excitement", "practice_active", reverse=False),
        size_groups=_groups(tracks, "size_rank", "size_active", reverse=True),
        weights=problem.weights,
    )


def _groups(
    tracks: tuple[Track, ...], rank: str, active: str, *, reverse: bool
) -> tuple[Group, ...]:
    """Companies that can be in the plan grouped by ``rank``, in the order they should come."""
    members: dict[int, list[int]] = {}
    for i, track in enumerate(tracks):
        if track.can_include and getattr(track, active):
            members.setdefault(getattr(track, rank), []).append(i)
    return tuple(Group(value, tuple(members[value])) for value in sorted(members, reverse=reverse))


def _track(problem: PlanProblem, company: Prospect, origin: date, horizon: int) -> Track:
    path = company.path
    if company.under_way is None:
        step_days = [workdays(days) for days in _offsets(company)]
        reach = _reach_free(problem, company)
        booked: dict[int, list[tuple[int, int]]] = {}
        booked_on: tuple[date | None, ...] = (None,) * len(path)
        fixed = False
    else:
        step_days, reach, booked = _timeline(problem, company, company.under_way, origin)
        booked_on = _booked_dates(company, company.under_way)
        fixed = True
    offer = step_days[-1]
    steps_only = step_days[:-1]
    loads = _loads(company, steps_only, reach, booked, fixed=fixed)
    technical = next(steps_only[k] for k, s in enumerate(path) if s in TECHNICAL_STEPS)
    onsite = steps_only[path.index(Stage.ONSITE)]
    weights = problem.weights
    return Track(
        name=company.name,
        lo=0,
        hi=0 if fixed else horizon - 1 - offer,
        fixed=fixed,
        required=company.required or fixed,
        steps=path,
        step_offsets=tuple(steps_only),
        technical=technical,
        onsite=onsite,
        offer=offer,
        deadline=workdays(company.deadline_days),
        loads=loads,
        excitement=company.excitement,
        size_rank=SIZE_RANK[company.size_band],
        referral=company.referral,
        defer_cost=weights.defer + weights.defer_per_excitement * company.excitement,
        practice_active=not fixed or technical >= 0,
        size_active=not fixed or onsite >= 0,
        current=max(0, _current_index(company)),
        passes=tuple(problem.pass_rate(company, step) for step in path),
        booked_steps=tuple(k in booked for k in range(len(path))),
        booked_on=booked_on,
    )


def _booked_dates(company: Prospect, state: UnderWay) -> tuple[date | None, ...]:
    """Per step, the first date booked for it (None where nothing is booked)."""
    dates: list[date | None] = [None] * len(company.path)
    for booking in state.booked:
        k = company.path.index(booking.stage)
        current = dates[k]
        dates[k] = booking.on if current is None else min(current, booking.on)
    return tuple(dates)


def _offsets(company: Prospect) -> list[int]:
    """Day of each step after applying, then the day the offer is expected."""
    days = [0]
    for step in company.path:
        days.append(days[-1] + company.days_in(step))
    return days


def _reach_free(problem: PlanProblem, company: Prospect) -> list[float]:
    chance = [1.0]
    for step in company.path[:-1]:
        chance.append(chance[-1] * problem.pass_rate(company, step))
    return chance


def _timeline(
    problem: PlanProblem, company: Prospect, state: UnderWay, origin: date
) -> tuple[list[int], list[float], dict[int, list[tuple[int, int]]]]:
    """Expected grid day of each step (and the offer) of a process under way, the chance of
    reaching each step, and its bookings by step index as (grid day, minutes). The days are
    worked out in calendar days from the origin, then put on the grid."""
    path = company.path
    current = len(path) if state.stage is Stage.OFFER else path.index(state.stage)
    booked: dict[int, list[tuple[int, int]]] = {}
    for booking in state.booked:
        booked.setdefault(path.index(booking.stage), []).append(
            ((booking.on - origin).days, booking.load_minutes)
        )
    days = [0] * (len(path) + 1)
    days[current] = (
        min(d for d, _ in booked[current]) if current in booked else ((state.since - origin).days)
    )
    for k in range(current - 1, -1, -1):  # estimates of the past, for the window only
        days[k] = days[k + 1] - company.days_in(path[k])
    for k in range(current + 1, len(path) + 1):
        if k in booked:
            days[k] = min(d for d, _ in booked[k])
        else:  # an overdue step is expected any day now, not in the past
            days[k] = max(days[k - 1] + company.days_in(path[k - 1]), 0)
    reach = [1.0] * len(path)
    for k in range(current + 1, len(path)):
        certain = k in booked
        reach[k] = 1.0 if certain else reach[k - 1] * problem.pass_rate(company, path[k - 1])

    def grid_day(calendar: int) -> int:
        return workday_index(origin, origin + timedelta(days=calendar), problem.days_off)

    on_grid = {k: [(grid_day(d), m) for d, m in rows] for k, rows in booked.items()}
    return [grid_day(d) for d in days], reach, on_grid


def _loads(
    company: Prospect,
    step_days: list[int],
    reach: list[float],
    booked: dict[int, list[tuple[int, int]]],
    *,
    fixed: bool,
) -> tuple[Load, ...]:
    loads = []
    done_up_to = _current_index(company) if fixed else -1
    for k, step in enumerate(company.path):
        if step not in INTERVIEW_STEPS:
            continue
        slots = 0 if step is Stage.TAKE_HOME else 1
        technical = int(step is Stage.TECHNICAL)
        onsite = int(step is Stage.ONSITE)
        for day, minutes in booked.get(k, []):
            if day >= 0:
                loads.append(Load(day, minutes, 100 * slots, 100 * technical, 100 * onsite, True))
        if k in booked or k <= done_up_to:  # booked above, or already behind
            continue
        kind = InterviewKind(step.value)
        p = reach[k]
        minutes = INTERVIEW_MINUTES[kind] + PREP_MINUTES[kind]
        loads.append(
            Load(
                step_days[k],
                round(p * minutes),
                round(100 * p * slots),
                round(100 * p * technical),
                round(100 * p * onsite),
                False,
            )
        )
    return tuple(loads)


def _current_index(company: Prospect) -> int:
    state = company.under_way
    if state is None:
        return -1
    return len(company.path) if state.stage is Stage.OFFER else company.path.index(state.stage)
