"""What the planner is asked: the companies, the calendar, the load caps and the weights."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Final

from widenet import defaults
from widenet.errors import InvalidInput
from widenet.track.model import InterviewKind, SizeBand
from widenet.track.stages import Stage

#: The steps of a usual process, in order; the offer follows the last one.
USUAL_STEPS: Final = (
    Stage.APPLIED,
    Stage.RECRUITER,
    Stage.TECHNICAL,
    Stage.ONSITE,
    Stage.REFERENCES,
)
#: A referral skips the technical phone screen and goes from the recruiter to the onsite.
REFERRAL_STEPS: Final = (Stage.APPLIED, Stage.RECRUITER, Stage.ONSITE, Stage.REFERENCES)
#: Steps that can appear in a process (the offer is not a step: it ends the last one).
STEP_KINDS: Final = frozenset(
    {
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.HIRING_MANAGER,
        Stage.TECHNICAL,
        Stage.TAKE_HOME,
        Stage.ONSITE,
        Stage.REFERENCES,
    }
)
#: Steps where the candidate is assessed on technical skill: the first one is "practice".
TECHNICAL_STEPS: Final = frozenset({Stage.TECHNICAL, Stage.TAKE_HOME, Stage.ONSITE})

# Chance of moving on from a step to the next one, from the seed search's funnel:
# 25 of 43 applications got a recruiter call, 12 of 25 calls led to a technical screen,
# 9 of 12 screens to an onsite, 5 of 9 onsites to an offer. Hiring-manager calls and
# take-homes had no figures there; they pass as often as a screen. References rarely fail.
PASS_RATES: Final = MappingProxyType(
    {
        Stage.APPLIED: 0.58,
        Stage.RECRUITER: 0.48,
        Stage.HIRING_MANAGER: 0.75,
        Stage.TECHNICAL: 0.75,
        Stage.TAKE_HOME: 0.75,
        Stage.ONSITE: 0.56,
        Stage.REFERENCES: 1.0,
    }
)
#: A referred application nearly always gets an answer.
REFERRAL_RESPONSE_RATE: Final = 0.9
#: Bring referrals in once the first processes are past their first stages (about 1.5 weeks).
REFERRAL_AFTER_DAYS: Final = 10
#: The planner's default horizon: ten weeks.
HORIZON_DAYS: Final = 70


@dataclass(frozen=True)
class Booking:
    """An interview already on the calendar: it keeps its date and counts at full weight."""

    stage: Stage
    on: date
    minutes: int | None = None  # interview plus preparation; None = the defaults for its kind

    @property
    def load_minutes(self) -> int:
        if self.minutes is not None:
            return self.minutes
        kind = InterviewKind(self.stage.value)
        return defaults.INTERVIEW_MINUTES[kind] + defaults.PREP_MINUTES[kind]


@dataclass(frozen=True)
class UnderWay:
    """A process that has started: the stage reached, since when, and what is booked."""

    stage: Stage
    since: date
    booked: tuple[Booking, ...] = ()


@dataclass(frozen=True)
class Prospect:
    """A company on the list, as the planner sees it."""

    name: str
    excitement: int  # 1 = least wanted ... 5 = most wanted
    size_band: SizeBand
    referral: bool = False
    required: bool = False  # never leave it out; the plan is infeasible if it cannot fit
    under_way: UnderWay | None = None
    stage_days: Mapping[Stage, int] = field(default_factory=dict)  # a recruiter's own figures
    steps: tuple[Stage, ...] | None = None  # None = the usual steps (the referral ones if referred)
    offer_deadline_days: int | None = None  # what a recruiter said; None = the size's default

    @property
    def path(self) -> tuple[Stage, ...]:
        if self.steps is not None:
            return self.steps
        return REFERRAL_STEPS if self.referral else USUAL_STEPS

    def days_in(self, stage: Stage) -> int:
        """Expected days from entering ``stage`` to the next step."""
        return self.stage_days.get(stage, defaults.STAGE_DAYS[self.size_band][stage])

    @property
    def deadline_days(self) -> int:
        """Calendar days an offer from this company stays open."""
        if self.offer_deadline_days is not None:
            return self.offer_deadline_days
        return defaults.OFFER_DEADLINE_DAYS[self.size_band]


def _ramp(values: tuple[float, ...], week: int) -> float:
    return values[min(week, len(values) - 1)]


@dataclass(frozen=True)
class Capacity:
    """Interview load caps per week of the search; the last value of each ramp repeats."""

    # The daily caps over five working days: week 1 two 1-hour calls a day (10 h); by week 3
    # four interviews a day, two of them technical (2 x 1 h + 2 x 2 h with preparation: 30 h).
    weekly_hours: tuple[float, ...] = (10.0, 20.0, 30.0)
    daily_interviews: tuple[int, ...] = (
        defaults.FIRST_WEEK_RECRUITER_CALLS,
        3,
        defaults.RAMPED_INTERVIEWS_PER_DAY,
    )
    daily_technical: tuple[int, ...] = (
        defaults.FIRST_WEEK_TECHNICAL,
        defaults.RAMPED_TECHNICAL_PER_DAY,
    )
    daily_onsites: tuple[int, ...] = (defaults.ONSITES_PER_DAY,)

    def hours(self, week: int) -> float:
        return _ramp(self.weekly_hours, week)

    def interviews(self, week: int) -> int:
        return int(_ramp(self.daily_interviews, week))

    def technical(self, week: int) -> int:
        return int(_ramp(self.daily_technical, week))

    def onsites(self, week: int) -> int:
        return int(_ramp(self.daily_onsites, week))


@dataclass(frozen=True)
class Weights:
    """Points per unit of each part of the objective (docs/planner.md explains the choice)."""

    window: int = 20  # per day an expected onsite falls outside the decision window
    offers: int = 20  # per day an offer would lapse before the last offer arrives
    practice: int = 5  # per day x excitement gap two levels' technical steps overlap
    size: int = 5  # per day x size-band gap two bands' onsites overlap
    referral: int = 3  # per day a referral application goes out before referrals are due
    spread: int = 2  # per day between the first and the last expected onsite
    defer: int = 500  # per company left out ...
    defer_per_excitement: int = 100  # ... plus this per point of excitement


@dataclass(frozen=True)
class PlanProblem:
    """Everything the planner needs; dates are plain dates, ``today`` is given, never read."""

    companies: tuple[Prospect, ...]
    start: date
    today: date | None = None  # set when re-planning: nothing new is planned before it
    horizon_days: int = HORIZON_DAYS
    window_days: int = defaults.DECISION_WINDOW_DAYS
    window_hard: bool = False  # every included onsite must fall inside the window
    referral_after_days: int = REFERRAL_AFTER_DAYS
    capacity: Capacity = field(default_factory=Capacity)
    pass_rates: Mapping[Stage, float] = field(default_factory=lambda: dict(PASS_RATES))
    referral_response_rate: float = REFERRAL_RESPONSE_RATE
    weights: Weights = field(default_factory=Weights)
    days_off: frozenset[date] = frozenset()  # weekdays away: no application, no interview

    @property
    def first_day(self) -> date:
        """Day 0 of the plan: the start, or today when re-planning later."""
        return max(self.start, self.today) if self.today else self.start

    def pass_rate(self, company: Prospect, step: Stage) -> float:
        if step is Stage.APPLIED and company.referral:
            return self.referral_response_rate
        return self.pass_rates.get(step, PASS_RATES[step])


def check_problem(problem: PlanProblem) -> None:
    """Raise InvalidInput naming the field of the first value that makes no sense."""
    _check_numbers(problem)
    names: set[str] = set()
    for index, company in enumerate(problem.companies):
        where = f"companies[{index}]"
        key = company.name.strip().casefold()
        if not key:
            raise InvalidInput("a company needs a name", field=f"{where}.name")
        if key in names:
            raise InvalidInput(f"{company.name!r} is listed twice", field=f"{where}.name")
        names.add(key)
        _check_company(company, where)


def _check_numbers(problem: PlanProblem) -> None:
    if problem.horizon_days < 7 or problem.horizon_days > 365:
        raise InvalidInput("must be between 7 and 365 days", field="horizon_days")
    if problem.window_days < 1 or problem.window_days > problem.horizon_days:
        raise InvalidInput(
            f"must be between 1 and the horizon ({problem.horizon_days} days)",
            field="window_days",
        )
    if problem.referral_after_days < 0:
        raise InvalidInput("cannot be negative", field="referral_after_days")
    for name in ("weekly_hours", "daily_interviews", "daily_technical", "daily_onsites"):
        values = getattr(problem.capacity, name)
        if not values or any(v < 0 for v in values):
            raise InvalidInput("needs at least one value, none negative", field=f"capacity.{name}")
    for stage, rate in problem.pass_rates.items():
        if stage not in STEP_KINDS or not 0.0 <= rate <= 1.0:
            raise InvalidInput(
                "each step's chance must be between 0 and 1", field=f"pass_rates.{stage}"
            )
    if not 0.0 <= problem.referral_response_rate <= 1.0:
        raise InvalidInput("must be between 0 and 1", field="referral_response_rate")
    for name, value in vars(problem.weights).items():
        if value < 0:
            raise InvalidInput("weights cannot be negative", field=f"weights.{name}")


def _check_company(company: Prospect, where: str) -> None:
    if not 1 <= company.excitement <= 5:
        raise InvalidInput("must be from 1 to 5", field=f"{where}.excitement")
    path = company.path
    if not path or path[0] is not Stage.APPLIED or Stage.ONSITE not in path:
        raise InvalidInput(
            "steps must start with 'applied' and include 'onsite'", field=f"{where}.steps"
        )
    if len(set(path)) != len(path) or any(step not in STEP_KINDS for step in path):
        raise InvalidInput(
            "steps must be distinct process steps (applied ... references)",
            field=f"{where}.steps",
        )
    if sorted(path, key=lambda s: s.rank) != list(path):
        raise InvalidInput("steps must be in funnel order", field=f"{where}.steps")
    if company.offer_deadline_days is not None and not 1 <= company.offer_deadline_days <= 120:
        raise InvalidInput(
            "an offer deadline must be between 1 and 120 days",
            field=f"{where}.offer_deadline_days",
        )
    for stage, days in company.stage_days.items():
        if stage not in STEP_KINDS or not 0 <= days <= 120:
            raise InvalidInput(
                "days per step must be between 0 and 120", field=f"{where}.stage_days.{stage}"
            )
    if company.under_way is not None:
        _check_under_way(company, company.under_way, f"{where}.under_way")


def _check_under_way(company: Prospect, state: UnderWay, where: str) -> None:
    path = company.path
    if state.stage is not Stage.OFFER and state.stage not in path:
        raise InvalidInput(
            f"{state.stage.value!r} is not one of this company's steps "
            f"({', '.join(s.value for s in path)}); give 'steps' to include it",
            field=f"{where}.stage",
        )
    current = len(path) if state.stage is Stage.OFFER else path.index(state.stage)
    for index, booking in enumerate(state.booked):
        field_name = f"{where}.booked[{index}]"
        if booking.stage not in path or booking.stage is Stage.APPLIED:
            raise InvalidInput(
                f"{booking.stage.value!r} is not an interview step of this company",
                field=f"{field_name}.stage",
            )
        if booking.stage is Stage.REFERENCES:
            raise InvalidInput("references are not an interview", field=f"{field_name}.stage")
        if path.index(booking.stage) < current:
            raise InvalidInput(
                f"{booking.stage.value!r} comes before the current stage {state.stage.value!r}",
                field=f"{field_name}.stage",
            )
        if booking.on < state.since:
            raise InvalidInput(
                f"booked before the process reached {state.stage.value!r} on {state.since}",
                field=f"{field_name}.on",
            )
        if booking.minutes is not None and not 0 < booking.minutes <= 720:
            raise InvalidInput("must be between 1 and 720 minutes", field=f"{field_name}.minutes")
