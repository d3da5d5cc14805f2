"""The planner's problem read from the store: the companies on the list, the processes under
way with their booked interviews, what recruiters said, and the capacity from the schedule.

Who is on the list (docs/plan-search.md):
- a company with no application yet ("new"): the planner chooses when to apply, or leaves it
  out for now;
- an open application still at "applied" or "recruiter" ("early"), and one further along
  ("under way"): both keep their dates; their booked interviews are hard bookings;
- a company whose applications are all closed, or whose only open one looks ghosted, is not
  planned (the ghosted ones are named in the plan's notes).
A company has a referral available when one of its contacts has the role referrer (the
``widenet apply --referrer`` flow and ``widenet contact add --role referrer`` make such contacts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from widenet import defaults
from widenet.plan import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.plan.problem import REFERRAL_STEPS, STEP_KINDS, USUAL_STEPS
from widenet.schedule.availability import Availability, days_away
from widenet.schedule.blocks import local_day
from widenet.schedule.caps import DailyCaps, limits_for
from widenet.services import schedule, tracking
from widenet.services.forecast import UNKNOWN_SIZE
from widenet.services.recruiters import RecruiterTimeline, recruiter_timelines
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage import plan_repo
from widenet.storage.repo import Store
from widenet.track.model import Company, InterviewKind, Source
from widenet.track.stages import Stage

#: A company nobody rated is taken as middling (3 of 5): neither practice nor the favourite.
UNKNOWN_EXCITEMENT: Final = 3
#: Processes that have not reached a technical step yet.
EARLY_STAGES: Final = frozenset({Stage.APPLIED, Stage.RECRUITER})
#: Hours of one call and of one technical interview, before preparation is added.
_CALL, _TECHNICAL = InterviewKind.RECRUITER, InterviewKind.TECHNICAL

State = Literal["new", "early", "under way"]


@dataclass(frozen=True)
class SearchProblem:
    """The problem with what the planner does not know: which company each prospect is,
    where it stands, and the defaults filled in (``notes``)."""

    problem: PlanProblem
    company_ids: Mapping[str, int]
    states: Mapping[str, State]
    notes: tuple[str, ...]
    timelines: Mapping[str, RecruiterTimeline]


def capacity_of(caps: DailyCaps, availability: Availability) -> Capacity:
    """The planner's caps from the schedule's: the daily caps week by week as they ramp up,
    and weekly hours = a day's capped interviews with their preparation x the working days
    (a technical interview 2 h, any other 1 h with the defaults), at most the weekly hours
    available. With the default settings: 10, 20, 30 h (product.md's ramp)."""
    origin = date(2000, 1, 3)  # any Monday: only the week number matters
    weeks = [
        limits_for(origin + timedelta(weeks=w), caps=caps, search_start=origin)
        for w in range(caps.ramp_weeks + 1)
    ]
    call = (defaults.INTERVIEW_MINUTES[_CALL] + availability.prep_for(_CALL)) / 60
    technical = (defaults.INTERVIEW_MINUTES[_TECHNICAL] + availability.prep_for(_TECHNICAL)) / 60
    days = sum(1 for hours in availability.weekly_hours.values() if hours)
    open_hours = sum(
        (h.end.hour * 60 + h.end.minute - h.start.hour * 60 - h.start.minute) / 60
        for stretches in availability.weekly_hours.values()
        for h in stretches
    )
    hours = []
    for limits in weeks:
        if limits.first_week:  # N calls or M technical screens a day
            per_day = max(limits.interviews * call, limits.technical * technical)
        else:
            per_day = limits.technical * technical + (limits.interviews - limits.technical) * call
        hours.append(round(min(per_day * days, open_hours), 2))
    return Capacity(
        weekly_hours=tuple(hours),
        daily_interviews=tuple(limits.interviews for limits in weeks),
        daily_technical=tuple(limits.technical for limits in weeks),
        daily_onsites=(caps.onsites_per_day,),
    )


def search_problem(
    store: Store,
    moment: Moment,
    *,
    start: date | None = None,
    window_days: int = defaults.DECISION_WINDOW_DAYS,
    window_hard: bool = False,
) -> SearchProblem:
    """The problem of the user's search as of today: nothing new is planned before today;
    the search (and the ramp of the caps) starts on ``start``, by default the schedule's
    search start (set, or the first application, or today)."""
    settings = schedule.get_settings(store, moment)
    views = tracking.application_views(store, moment)
    timelines = recruiter_timelines(store)
    referrers = plan_repo.companies_with_referrer(store)
    builder = _Builder(moment.today, settings.availability, timelines, referrers)
    by_company: dict[int, list[ApplicationView]] = {}
    for view in views:
        by_company.setdefault(view.company.id, []).append(view)
    for company in store.companies():
        builder.add(company, by_company.get(company.id, []))
    problem = PlanProblem(
        companies=tuple(builder.prospects),
        start=start or settings.search_start,
        today=moment.today,
        window_days=window_days,
        window_hard=window_hard,
        capacity=capacity_of(settings.caps, settings.availability),
        days_off=days_away(settings.availability),
    )
    return SearchProblem(
        problem=problem,
        company_ids=builder.ids,
        states=builder.states,
        notes=tuple(builder.notes()) + _days_off_note(problem),
        timelines={name: timelines[i] for name, i in builder.ids.items() if i in timelines},
    )


def _days_off_note(problem: PlanProblem) -> tuple[str, ...]:
    """Which blocked days the plan keeps free, if any fall in its horizon."""
    first = problem.first_day
    last = first + timedelta(days=problem.horizon_days)
    days = sorted(d for d in problem.days_off if first <= d <= last and d.weekday() < 5)
    if not days:
        return ()
    runs: list[list[date]] = []
    for day in days:  # runs of working days, a weekend inside one not breaking it
        before = runs[-1][-1] if runs else None
        if before is not None and (
            (day - before).days == 1 or ((day - before).days == 3 and before.weekday() == 4)
        ):
            runs[-1].append(day)
        else:
            runs.append([day])
    shown = ", ".join(
        f"{run[0]:%a %-d %b}" if len(run) == 1 else f"{run[0]:%a %-d %b} – {run[-1]:%a %-d %b}"
        for run in runs
    )
    return (f"Days you blocked are kept free of applications and interviews: {shown}.",)


class _Builder:
    """Collects one prospect per company, and what had to be assumed about them."""

    def __init__(
        self,
        today: date,
        availability: Availability,
        timelines: Mapping[int, RecruiterTimeline],
        referrers: set[int],
    ) -> None:
        self.today = today
        self.zone = availability.zone
        self.timelines = timelines
        self.referrers = referrers
        self.prospects: list[Prospect] = []
        self.ids: dict[str, int] = {}
        self.states: dict[str, State] = {}
        self.unrated: list[str] = []
        self.unsized: list[str] = []
        self.ghosted: list[str] = []

    def add(self, company: Company, views: Sequence[ApplicationView]) -> None:
        open_views = [v for v in views if v.status.is_open]
        active = [v for v in open_views if not v.status.looks_ghosted]
        if views and not active:
            if open_views:
                self.ghosted.append(company.name)
            return
        if company.excitement is None:
            self.unrated.append(company.name)
        if company.size_band is None:
            self.unsized.append(company.name)
        timeline = self.timelines.get(company.id, RecruiterTimeline())
        base = Prospect(
            name=company.name,
            excitement=company.excitement or UNKNOWN_EXCITEMENT,
            size_band=company.size_band or UNKNOWN_SIZE,
            referral=company.id in self.referrers,
            stage_days={s: d for s, d in timeline.stage_days.items() if s in STEP_KINDS},
            offer_deadline_days=timeline.offer_deadline_days,
        )
        if active:
            furthest = max(active, key=lambda v: (v.status.current.rank, v.application.id))
            base = self._under_way(base, furthest)
            self.states[company.name] = (
                "early" if furthest.status.current in EARLY_STAGES else ("under way")
            )
        else:
            self.states[company.name] = "new"
        self.prospects.append(base)
        self.ids[company.name] = company.id

    def _under_way(self, base: Prospect, view: ApplicationView) -> Prospect:
        app, status = view.application, view.status
        referral = app.source is Source.REFERRAL or app.referrer_id is not None
        current = status.current
        entered = {e.stage for e in app.events if e.stage in STEP_KINDS}
        bookings = [
            Booking(stage, on, interview.minutes + interview.prep_minutes)
            for interview in view.interviews
            if (stage := interview.kind.stage) is not None
            and not interview.done
            and (on := local_day(interview.start, self.zone)) >= max(self.today, status.since)
        ]
        usual = REFERRAL_STEPS if referral else USUAL_STEPS
        wanted = set(usual) | entered | {b.stage for b in bookings}
        if current in STEP_KINDS:
            wanted.add(current)
        steps = tuple(sorted(wanted, key=lambda s: s.rank))
        position = steps.index(current) if current in steps else len(steps)
        kept = tuple(b for b in bookings if steps.index(b.stage) >= position)
        return Prospect(
            name=base.name,
            excitement=base.excitement,
            size_band=base.size_band,
            referral=referral,
            under_way=UnderWay(stage=current, since=status.since, booked=kept),
            stage_days=base.stage_days,
            steps=None if steps == usual else steps,
            offer_deadline_days=base.offer_deadline_days,
        )

    def notes(self) -> list[str]:
        found = []
        if self.unrated:
            found.append(
                f"Excitement taken as {UNKNOWN_EXCITEMENT}/5 (not rated): {_names(self.unrated)}"
            )
        if self.unsized:
            found.append(f"Size taken as {UNKNOWN_SIZE.value} (not set): {_names(self.unsized)}")
        if self.ghosted:
            found.append(f"Not planned, they look ghosted: {_names(self.ghosted)}")
        return found


def _names(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
