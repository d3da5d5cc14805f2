"""What the plan services return: a plan as plain data (the same whether just made or read
back from the database), its comparison with the baselines, and the plan against what
happened. ``PlanView.to_json`` is both the stored form and the JSON of `widenet plan --json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from widenet.plan import Plan, PlanAction, PlanRow, Robustness
from widenet.plan.result import Refinement, relative_gap
from widenet.track.stages import Stage


@dataclass(frozen=True)
class PlannedCompany:
    """One company in a plan: when to apply (None when under way or left out), the expected
    date of each step still ahead and of the offer, and why."""

    name: str
    company_id: int | None
    state: str  # new, early, under way (a problem file: new or under way)
    included: bool
    apply_on: date | None
    expected: Mapping[Stage, date]
    onsite_on: date | None
    offer_on: date | None
    reason: str
    excitement: int
    size_band: str
    referral: bool

    @property
    def screen_on(self) -> date | None:
        """The first interview still ahead before the onsite."""
        for stage, on in self.expected.items():
            if stage not in (Stage.APPLIED, Stage.ONSITE, Stage.REFERENCES, Stage.OFFER):
                return on
        return None


@dataclass(frozen=True)
class MethodScore:
    """One way of planning measured: its objective and the simulated searches that follow it."""

    method: str
    status: str
    objective: int
    gap: float | None
    included: int
    left_out: int
    overload_hours: float  # expected hours above the weekly caps (the day-one plan ignores them)
    two_offers_open: float  # chance two offers are open on the same day (leverage)
    mean_offers: float
    onsite_spread: float  # days from the first onsite to the last, on average

    @classmethod
    def of(cls, plan: Plan, robustness: Robustness) -> MethodScore:
        return cls(
            method=plan.method,
            status=plan.status.value,
            objective=plan.objective,
            gap=plan.gap,
            included=len(plan.included),
            left_out=len(plan.deferred),
            overload_hours=round(plan.overload.minutes / 60, 1),
            two_offers_open=round(robustness.two_offers_open, 4),
            mean_offers=round(robustness.mean_offers, 3),
            onsite_spread=round(robustness.onsite_spread, 2),
        )


@dataclass(frozen=True)
class RefinementView:
    """What the simulation-based refinement did: the CP-SAT plan it started from, and the
    chance of two offers open together before and after, on the refinement's own draws."""

    started_from: str
    status: str  # the CP-SAT plan's status, objective and gap
    objective: int
    gap: float | None
    runs: int
    evaluations: int
    moves: int
    before: float
    after: float
    seconds: float
    stopped_on_time: bool

    @classmethod
    def of(cls, refinement: Refinement) -> RefinementView:
        return cls(
            started_from=refinement.method,
            status=refinement.status.value,
            objective=refinement.objective,
            gap=refinement.gap,
            runs=refinement.runs,
            evaluations=refinement.evaluations,
            moves=refinement.moves,
            before=round(refinement.before, 4),
            after=round(refinement.after, 4),
            seconds=round(refinement.seconds, 3),
            stopped_on_time=refinement.stopped_on_time,
        )


@dataclass(frozen=True)
class WeekHours:
    week: int
    starts: date
    expected_hours: float
    cap_hours: float


@dataclass(frozen=True)
class PlanView:
    """A plan of the search (or of a problem file), ready to print, draw, save or send."""

    id: int | None  # the saved plan's id (None: not saved, e.g. a problem file)
    made_on: date
    source: str  # "search" or "problem file"
    replanned_from: int | None
    start: date
    first_day: date
    window_days: int
    window_start: date | None
    window_end: date | None
    method: str
    status: str
    objective: int
    bound: int | None
    seconds: float
    companies: tuple[PlannedCompany, ...]
    rows: tuple[PlanRow, ...]
    weeks: tuple[WeekHours, ...]
    comparison: tuple[MethodScore, ...]
    notes: tuple[str, ...]
    seed: int
    refinement: RefinementView | None = None  # None: the plan was not refined

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    @property
    def solver(self) -> tuple[str, int, float | None]:
        """The CP-SAT plan's own status, objective and gap: before any refinement, which
        trades some of the objective's timing goals for offers open together."""
        if self.refinement is not None:
            done = self.refinement
            return done.status, done.objective, done.gap
        return self.status, self.objective, self.gap

    @property
    def included(self) -> tuple[PlannedCompany, ...]:
        return tuple(c for c in self.companies if c.included)

    @property
    def left_out(self) -> tuple[PlannedCompany, ...]:
        return tuple(c for c in self.companies if not c.included)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "made_on": self.made_on.isoformat(),
            "source": self.source,
            "replanned_from": self.replanned_from,
            "start": self.start.isoformat(),
            "first_day": self.first_day.isoformat(),
            "window_days": self.window_days,
            "window": {"start": _iso(self.window_start), "end": _iso(self.window_end)},
            "method": self.method,
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 3),
            "companies": [_company_json(c) for c in self.companies],
            "rows": [_row_json(r) for r in self.rows],
            "weeks": [
                {
                    "week": w.week,
                    "starts": w.starts.isoformat(),
                    "expected_hours": w.expected_hours,
                    "cap_hours": w.cap_hours,
                }
                for w in self.weeks
            ],
            "comparison": [vars(score) for score in self.comparison],
            "notes": list(self.notes),
            "seed": self.seed,
            "refinement": None if self.refinement is None else vars(self.refinement),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, saved_id: int | None = None) -> PlanView:
        return cls(
            id=saved_id if saved_id is not None else data.get("id"),
            made_on=date.fromisoformat(data["made_on"]),
            source=data["source"],
            replanned_from=data.get("replanned_from"),
            start=date.fromisoformat(data["start"]),
            first_day=date.fromisoformat(data["first_day"]),
            window_days=int(data["window_days"]),
            window_start=_date(data["window"]["start"]),
            window_end=_date(data["window"]["end"]),
            method=data["method"],
            status=data["status"],
            objective=int(data["objective"]),
            bound=data.get("bound"),
            seconds=float(data.get("seconds", 0.0)),
            companies=tuple(_company_from(c) for c in data["companies"]),
            rows=tuple(_row_from(r) for r in data["rows"]),
            weeks=tuple(
                WeekHours(
                    w["week"], date.fromisoformat(w["starts"]), w["expected_hours"], w["cap_hours"]
                )
                for w in data["weeks"]
            ),
            comparison=tuple(MethodScore(**score) for score in data["comparison"]),
            notes=tuple(data.get("notes", ())),
            seed=int(data.get("seed", 0)),
            refinement=RefinementView(**data["refinement"]) if data.get("refinement") else None,
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _company_json(company: PlannedCompany) -> dict[str, Any]:
    return {
        "name": company.name,
        "company_id": company.company_id,
        "state": company.state,
        "included": company.included,
        "apply_on": _iso(company.apply_on),
        "screen_on": _iso(company.screen_on),
        "onsite_on": _iso(company.onsite_on),
        "offer_on": _iso(company.offer_on),
        "expected": {stage.value: on.isoformat() for stage, on in company.expected.items()},
        "reason": company.reason,
        "excitement": company.excitement,
        "size_band": company.size_band,
        "referral": company.referral,
    }


def _company_from(data: Mapping[str, Any]) -> PlannedCompany:
    return PlannedCompany(
        name=data["name"],
        company_id=data.get("company_id"),
        state=data["state"],
        included=bool(data["included"]),
        apply_on=_date(data.get("apply_on")),
        expected={Stage(s): date.fromisoformat(on) for s, on in data["expected"].items()},
        onsite_on=_date(data.get("onsite_on")),
        offer_on=_date(data.get("offer_on")),
        reason=data["reason"],
        excitement=int(data["excitement"]),
        size_band=data["size_band"],
        referral=bool(data["referral"]),
    )


def _row_json(row: PlanRow) -> dict[str, Any]:
    return {
        "week": row.week,
        "week_starts": row.week_starts.isoformat(),
        "on": row.on.isoformat(),
        "action": row.action.value,
        "company": row.company,
        "reason": row.reason,
    }


def _row_from(data: Mapping[str, Any]) -> PlanRow:
    return PlanRow(
        week=int(data["week"]),
        week_starts=date.fromisoformat(data["week_starts"]),
        on=date.fromisoformat(data["on"]),
        action=PlanAction(data["action"]),
        company=data["company"],
        reason=data["reason"],
    )


# -- the plan against what happened -------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    """One stretch of a process on the chart: a stage from ``start`` to ``end``."""

    company: str
    stage: Stage
    start: date
    end: date


@dataclass(frozen=True)
class Versus:
    """Planned against actual for one company of the plan: the dates of applying, the onsite
    and the offer, planned and as they happened (None: not yet), and where it stands."""

    company: str
    company_id: int | None
    planned_apply: date | None
    applied_on: date | None
    planned_onsite: date | None
    onsite_on: date | None
    onsite_booked: bool  # the actual onsite date is a booked interview, not yet held
    planned_offer: date | None
    offer_on: date | None
    standing: str  # "not applied yet", "Technical since 20 Nov", "Rejected on 3 Dec"

    @staticmethod
    def _late(planned: date | None, actual: date | None) -> int | None:
        return None if planned is None or actual is None else (actual - planned).days

    @property
    def apply_late(self) -> int | None:
        return self._late(self.planned_apply, self.applied_on)

    @property
    def onsite_late(self) -> int | None:
        return self._late(self.planned_onsite, self.onsite_on)

    @property
    def offer_late(self) -> int | None:
        return self._late(self.planned_offer, self.offer_on)


@dataclass(frozen=True)
class PlanShow:
    """The latest saved plan with what happened since: per company and as chart bars."""

    plan: PlanView
    today: date
    created_at: datetime | None
    versus: tuple[Versus, ...]
    planned_bars: tuple[Bar, ...]
    actual_bars: tuple[Bar, ...]
    saved_plans: int

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.to_json(),
            "today": self.today.isoformat(),
            "created_at": None if self.created_at is None else self.created_at.isoformat(),
            "saved_plans": self.saved_plans,
            "versus": [
                {
                    "company": v.company,
                    "company_id": v.company_id,
                    "planned_apply": _iso(v.planned_apply),
                    "applied_on": _iso(v.applied_on),
                    "planned_onsite": _iso(v.planned_onsite),
                    "onsite_on": _iso(v.onsite_on),
                    "onsite_booked": v.onsite_booked,
                    "planned_offer": _iso(v.planned_offer),
                    "offer_on": _iso(v.offer_on),
                    "apply_late_days": v.apply_late,
                    "onsite_late_days": v.onsite_late,
                    "offer_late_days": v.offer_late,
                    "standing": v.standing,
                }
                for v in self.versus
            ],
            "actual_bars": [
                {
                    "company": b.company,
                    "stage": b.stage.value,
                    "start": _iso(b.start),
                    "end": _iso(b.end),
                }
                for b in self.actual_bars
            ],
        }
