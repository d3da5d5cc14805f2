"""The JSON API's shapes for the plan: what to plan, the plan made, the plan against actual."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from widenet.services.plan import MAX_TIME_LIMIT


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanCreate(_In):
    """Make a plan of the search from today (it is saved, and the latest one is shown)."""

    window_days: int | None = Field(
        None, ge=1, le=365, description="Days the onsites should fall within (default 14)."
    )
    start: date | None = Field(
        None, description="First day of the search (default: the schedule's search start)."
    )
    replan: bool = Field(
        False, description="Start from the latest saved plan: its start, window, apply dates."
    )
    hard_window: bool = Field(False, description="Every onsite must fall inside the window.")
    refine: bool = Field(
        True,
        description="After the solver, move apply days where simulated searches show two "
        "offers open together more often, within the caps.",
    )
    time_limit: float = Field(
        10.0, gt=0, le=MAX_TIME_LIMIT, description="Seconds the solver may take."
    )


class PlannedCompanyPublic(BaseModel):
    name: str
    company_id: int | None
    state: str = Field(
        description="new (not applied yet), early (applied, recruiter) or under way."
    )
    included: bool = Field(description="False: left out for now.")
    apply_on: date | None
    screen_on: date | None
    onsite_on: date | None
    offer_on: date | None
    expected: dict[str, date] = Field(description="Expected date of each step still ahead.")
    reason: str
    excitement: int
    size_band: str
    referral: bool


class PlanRowPublic(BaseModel):
    week: int
    week_starts: date
    on: date
    action: str = Field(description="apply to, expect a screen with, target onsite, leave out.")
    company: str
    reason: str


class WeekHoursPublic(BaseModel):
    week: int
    starts: date
    expected_hours: float
    cap_hours: float


class MethodScorePublic(BaseModel):
    method: str = Field(
        description="cp-sat + refine or cp-sat (the plan), cp-sat (before refinement), "
        "greedy, day one."
    )
    status: str
    objective: int
    gap: float | None
    included: int
    left_out: int
    overload_hours: float
    two_offers_open: float = Field(description="Simulated chance two offers are open at once.")
    mean_offers: float
    onsite_spread: float


class RefinementPublic(BaseModel):
    started_from: str = Field(description="The plan refined: cp-sat.")
    status: str = Field(description="That plan's status, objective and gap.")
    objective: int
    gap: float | None
    runs: int = Field(description="Simulated searches each candidate was scored on.")
    evaluations: int
    moves: int
    before: float = Field(description="Chance two offers are open at once, before, own draws.")
    after: float = Field(description="... and after the refinement.")
    seconds: float
    stopped_on_time: bool


class WindowPublic(BaseModel):
    start: date | None
    end: date | None


class PlanPublic(BaseModel):
    id: int | None
    made_on: date
    source: str
    replanned_from: int | None
    start: date
    first_day: date
    window_days: int
    window: WindowPublic
    method: str
    status: str = Field(description="optimal, or feasible with its gap to the bound.")
    objective: int
    bound: int | None
    gap: float | None
    seconds: float
    companies: list[PlannedCompanyPublic]
    rows: list[PlanRowPublic]
    weeks: list[WeekHoursPublic]
    comparison: list[MethodScorePublic]
    notes: list[str]
    seed: int
    refinement: RefinementPublic | None = Field(
        None, description="What the simulation-based refinement did (null: not refined)."
    )


class VersusPublic(BaseModel):
    company: str
    company_id: int | None
    planned_apply: date | None
    applied_on: date | None
    planned_onsite: date | None
    onsite_on: date | None
    onsite_booked: bool
    planned_offer: date | None
    offer_on: date | None
    apply_late_days: int | None
    onsite_late_days: int | None
    offer_late_days: int | None
    standing: str


class BarPublic(BaseModel):
    company: str
    stage: str
    start: date
    end: date


class PlanShowPublic(BaseModel):
    """The latest saved plan, and per company what happened since."""

    plan: PlanPublic
    today: date
    created_at: datetime | None
    saved_plans: int
    versus: list[VersusPublic]
    actual_bars: list[BarPublic]
