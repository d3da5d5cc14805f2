"""Forecasting the user's search: the open applications and the track record read from the
store, the Monte Carlo forecast with what-ifs (more applications, another decision window),
and a plain view of it that the command line and a web page render.

The forecast is reproducible: numpy's generator is seeded with ``seed`` (DEFAULT_SEED unless
given), so the same search, day, seed and options give the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Final

import numpy as np

from widenet.analytics.history import Facts, digest
from widenet.errors import InvalidInput, Problem
from widenet.forecast import (
    ApplicationForecast,
    Forecast,
    ForecastParams,
    OpenApplication,
    Search,
    forecast,
    load_params,
    typical_application,
)
from widenet.forecast.model import next_stage
from widenet.forecast.search import told_medians
from widenet.services.forecast_history import UNKNOWN_SIZE, history_of
from widenet.services.recruiters import RecruiterTimeline, recruiter_timelines
from widenet.services.tracking import Moment
from widenet.storage import offers_repo
from widenet.storage.repo import Store
from widenet.track.model import Company, Interview, Outcome, Source
from widenet.track.stages import Stage

__all__ = [
    "UNKNOWN_SIZE",
    "ForecastView",
    "forecast_search",
    "history_of",
    "read_params",
    "search_of",
]

DEFAULT_SEED: Final = 1
DEFAULT_RUNS: Final = 10_000
MAX_RUNS: Final = 1_000_000
MAX_ADD: Final = 500
MAX_WINDOW_DAYS: Final = 3650
MAX_DECIDE_DAYS: Final = 365

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ForecastView:
    """A forecast of the user's search, with the what-if settings it was made with.

    ``applications`` are the open processes, offers in hand first, then the likeliest
    offers; the ``added`` hypothetical applications are alike, so ``typical`` stands for
    each of them (None when none were added). ``typical_kind`` is the application "add" puts
    in (its size, excitement, referral), and ``company_ids`` gives each open application's
    company, by application id.
    """

    forecast: Forecast
    seed: int
    added: int
    window_days: int | None
    params_source: str | None
    applications: tuple[ApplicationForecast, ...]
    typical: ApplicationForecast | None
    typical_kind: OpenApplication | None = None
    company_ids: Mapping[int, int] = field(default_factory=dict)
    decide_within: int | None = None  # days from the first offer to her decision, if asked

    @property
    def open_applications(self) -> int:
        return len(self.applications)

    def to_json(self) -> dict[str, Any]:
        """The forecast's JSON (docs/forecast.md) with the settings that made it. The added
        applications are alike: ``typical_added`` stands for each of them."""
        data = self.forecast.to_json()
        rows = {row["application_id"]: row for row in data["applications"]}
        added = [row for row in data["applications"] if row["hypothetical"]]
        data["applications"] = [rows[app.application_id] for app in self.applications]
        data["typical_added"] = added[0] if added else None
        data["settings"] = {
            "seed": self.seed,
            "added": self.added,
            "window_days": self.window_days,
            "decide_within_days": self.decide_within,
            "params": self.params_source,
        }
        return data


def read_params(path: Path) -> ForecastParams:
    """A parameters file (docs/forecast.md); problems name the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file.", field="params") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc}).", field="params") from None
    try:
        return load_params(text, source=path.name)
    except InvalidInput as error:  # the message names the file and the field in it
        raise InvalidInput(error.message, field="params", problems=error.problems) from None


def forecast_search(
    store: Store,
    moment: Moment,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    params: ForecastParams | None = None,
    params_source: str | None = None,
    add: int = 0,
    window_days: int | None = None,
    decide_within: int | None = None,
    progress: Progress | None = None,
) -> ForecastView:
    """Forecast the search as it stands today: how many offers, when, how likely two overlap,
    and how many more applications it would take. ``add`` puts that many typical applications
    in as if sent today; ``window_days`` counts only offers arriving within that many days;
    ``decide_within`` sets the days from the first offer to her decision (the parameters'
    ``pruning.decision_window_days``, 14 by default)."""
    check_settings(
        runs=runs, seed=seed, add=add, window_days=window_days, decide_within=decide_within
    )
    if decide_within is not None:
        params = _deciding(params or ForecastParams(), decide_within)
    search, company_ids = _read_search(store, moment, params=params or ForecastParams())
    kind = typical_application(search)
    if add:
        search = search.with_typical(add)
    result = forecast(
        search,
        params,
        rng=np.random.default_rng(seed),
        runs=runs,
        window_days=window_days,
        progress=progress,
    )
    real = [app for app in result.applications if not app.hypothetical]
    added = [app for app in result.applications if app.hypothetical]
    return ForecastView(
        forecast=result,
        seed=seed,
        added=add,
        window_days=window_days,
        params_source=params_source,
        applications=tuple(sorted(real, key=_display_order)),
        typical=added[0] if added else None,
        typical_kind=kind,
        company_ids=company_ids,
        decide_within=decide_within,
    )


def _deciding(params: ForecastParams, days: int) -> ForecastParams:
    """The parameters with her decision ``days`` after the first offer."""
    pruning = params.pruning.model_copy(update={"decision_window_days": float(days)})
    return params.model_copy(update={"pruning": pruning})


def _display_order(app: ApplicationForecast) -> tuple[bool, float, int, str]:
    """Offers in hand first, then the likeliest offers, then the furthest along."""
    return (app.stage is not Stage.OFFER, -app.p_offer, -app.stage.rank, app.label)


def check_settings(
    *, runs: int, seed: int, add: int, window_days: int | None, decide_within: int | None = None
) -> None:
    """Refuse run settings out of range, naming each one."""
    limits: dict[str, tuple[int | None, int, int | None]] = {
        "runs": (runs, 1, MAX_RUNS),
        "seed": (seed, 0, None),
        "add": (add, 0, MAX_ADD),
        "window": (window_days, 0, MAX_WINDOW_DAYS),
        "decide": (decide_within, 0, MAX_DECIDE_DAYS),
    }
    problems = [
        Problem(_range(low, high, value), field=name)
        for name, (value, low, high) in limits.items()
        if value is not None and not (low <= value and (high is None or value <= high))
    ]
    if problems:
        first = problems[0]
        raise InvalidInput(first.message, field=first.field, problems=problems)


def _range(low: int, high: int | None, value: int) -> str:
    allowed = f"at least {low:,}" if high is None else f"between {low:,} and {high:,}"
    return f"must be {allowed} (got {value:,})"


# -- the search as the forecast sees it ----------------------------------------------------
def search_of(store: Store, moment: Moment, *, params: ForecastParams | None = None) -> Search:
    """The open applications and the person's track record, as of the Moment's today
    (``params``: the model's, for the pipeline and the pruning policy's trigger)."""
    return _read_search(store, moment, params=params or ForecastParams())[0]


def _read_search(
    store: Store, moment: Moment, *, params: ForecastParams
) -> tuple[Search, dict[int, int]]:
    """The search, and the company of each open application (by application id). A process
    whose current step's interview is marked failed is over (the company said no); one marked
    passed, or with an interview of a later kind booked, has moved on."""
    today = moment.today
    facts = digest(store.applications(), today=today)
    companies = {company.id: company for company in store.companies()}
    held = store.interviews(start_before=moment.now)
    booked = _bookings(store, moment, [f for f in facts if f.is_open])
    answers = _answers([f for f in facts if f.is_open], held, skip=booked)
    open_facts = [f for f in facts if f.is_open and answers.get(f.application.id) is not _FAILED]
    deadlines = _offer_deadlines(store, [f for f in open_facts if _current(f) is Stage.OFFER])
    told = recruiter_timelines(store)
    applications = tuple(
        _open_application(
            f,
            companies[f.application.company_id],
            deadlines,
            told.get(f.application.company_id, RecruiterTimeline()),
            _moved(booked.get(f.application.id), answers.get(f.application.id)),
            params=params,
            today=today,
        )
        for f in open_facts
    )
    history = history_of(
        facts,
        held,
        now=moment.now,
        companies=companies,
        trigger=params.pruning.trigger,
        decision_window_days=params.pruning.decision_window_days
        if params.pruning.enabled
        else None,
        answered={
            **dict.fromkeys(booked, True),
            **{app_id: answer is not _FAILED for app_id, answer in answers.items()},
        },
    )
    company_ids = {f.application.id: f.application.company_id for f in open_facts}
    return Search(today, applications, history), company_ids


def _current(facts: Facts) -> Stage:
    """The kind of the latest step (Stage.APPLIED before any event)."""
    steps = [event for event in facts.events if event.stage.rank >= 0]
    return steps[-1].stage if steps else Stage.APPLIED


def _since(facts: Facts) -> date:
    """The day the current stage began: the latest stage step (the application at first)."""
    steps = [event for event in facts.events if event.stage.rank >= 0]
    return steps[-1].on if steps else facts.started


#: An answer: the day the current step's interview was passed, or this for a failed one.
_FAILED: Final = date.min
_Booking = tuple[Stage, date]
_Moved = _Booking | date | None


def _bookings(store: Store, moment: Moment, open_facts: list[Facts]) -> dict[int, _Booking]:
    """For each open process with an interview booked of a later kind than its latest step
    (the company has answered: it passed), the latest such kind and its first booked day."""
    current = {f.application.id: _current(f) for f in open_facts}
    found: dict[int, _Booking] = {}
    for interview in store.interviews(application_ids=list(current), start_from=moment.now):
        stage = interview.kind.stage
        app_id = interview.application_id
        if stage is None or interview.done or stage.rank <= current[app_id].rank:
            continue
        day = interview.start.astimezone(moment.now.tzinfo).date()
        known = found.get(app_id)
        if known is None or (stage.rank, -day.toordinal()) > (known[0].rank, -known[1].toordinal()):
            found[app_id] = (stage, day)
    return found


def _answers(
    open_facts: list[Facts], held: list[Interview], *, skip: Mapping[int, object]
) -> dict[int, date]:
    """For each open process whose latest interview of its current step's kind is marked
    passed or failed (and none of a later kind booked): the day of that interview if passed,
    ``_FAILED`` if failed."""
    current = {f.application.id: (_current(f), _since(f)) for f in open_facts}
    found: dict[int, date] = {}
    for interview in held:  # in time order: the latest one decides
        app_id = interview.application_id
        if app_id not in current or app_id in skip:
            continue
        stage, since = current[app_id]
        day = interview.start.date()
        if interview.kind.stage is not stage or day < since:
            continue
        if interview.outcome is Outcome.PASS:
            found[app_id] = day
        elif interview.outcome is Outcome.FAIL:
            found[app_id] = _FAILED
    return found


def _moved(booked: _Booking | None, passed: date | None) -> _Moved:
    return booked if booked is not None else passed


def _open_application(
    facts: Facts,
    company: Company,
    deadlines: Mapping[int, date],
    told: RecruiterTimeline,
    moved: _Moved,
    *,
    params: ForecastParams,
    today: date,
) -> OpenApplication:
    """The process as it stands: from its latest step, from the interview booked next, or,
    its current step passed, from the next step (an offer as of today after the last). What
    a recruiter said about the company's steps and offer deadline replaces the defaults."""
    app = facts.application
    deadline = deadlines.get(app.id)
    waited, starts = max(0, (today - _since(facts)).days), 0
    base = OpenApplication(
        f"{company.name} — {app.role}",
        stage=_current(facts),
        size=company.size_band or UNKNOWN_SIZE,
        excitement=company.excitement,
        referral=app.source is Source.REFERRAL,
        application_id=app.id,
        median_days=told_medians(told.stage_days),
        offer_deadline_days=told.offer_deadline_days,
    )
    stage = base.stage
    if isinstance(moved, tuple):
        stage, waited, starts = moved[0], 0, max(0, (moved[1] - today).days)
    elif moved is not None:
        stage = next_stage(base, params)
        waited = 0 if stage is Stage.OFFER else max(0, (today - moved).days)
    left = max(0, (deadline - today).days) if deadline is not None else None
    return replace(
        base,
        stage=stage,
        days_in_stage=waited,
        offer_days_left=left if stage is Stage.OFFER else None,
        starts_in_days=float(starts),
    )


def _offer_deadlines(store: Store, at_offer: list[Facts]) -> dict[int, date]:
    """The answer deadline of the recorded offer of each application at the offer stage."""
    if not at_offer:
        return {}
    ids = [f.application.id for f in at_offer]
    return {
        stored.application_id: stored.current.deadline
        for stored in offers_repo.offers(store, application_ids=ids)
        if stored.current.deadline is not None
    }
