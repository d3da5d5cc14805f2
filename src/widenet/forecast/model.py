"""The model of one search, compiled from the inputs and parameters into plain arrays.

Each open application walks its remaining stage kinds: its current one (already ``days`` in)
and the later kinds of its pipeline, minus those a referral skips. A *column* is one stage kind
with the applications that still have it ahead; the simulation walks the columns in funnel
order, so every application meets its stages in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from widenet import defaults
from widenet.forecast.calibrate import Beliefs, StageBelief, beliefs, practice_of
from widenet.forecast.latent import Inverter, Practice
from widenet.forecast.params import ForecastParams
from widenet.forecast.search import OpenApplication, Search, check_search, excitement_median
from widenet.track.model import InterviewKind
from widenet.track.stages import Stage

Selection = slice | NDArray[np.intp]


@dataclass(frozen=True)
class Column:
    """One stage kind and, position by position, the applications that still have it ahead."""

    stage: Stage
    belief: StageBelief
    inverter: Inverter | None
    apps: Selection  # slice(None) when every application has it
    members: tuple[int, ...]
    median: NDArray[np.float32]  # median days in the stage
    ghost_factor: NDArray[np.float32]  # referral's lower no-answer rate at the application
    survival: NDArray[np.float32]  # P(wait > days already waited); 1 where not current
    begun: NDArray[np.intp] | None  # positions of applications already days into this stage
    ghost_changed: NDArray[np.intp] | None  # positions whose no-answer rate a referral or
    # the days already waited change
    here: int  # applications whose current stage this is (their entry day is ≤ 0)
    planned: NDArray[np.bool_]  # positions whose current stage this is, beginning later
    prunable: NDArray[np.bool_]  # may be withdrawn by the pruning policy here
    history: int  # real interviews of this kind so far
    hours: float  # interview plus preparation, per interview

    @property
    def interview(self) -> bool:
        return self.belief.judge == "interview"

    @property
    def withdraws(self) -> bool:
        """Whether the candidate may withdraw here beyond the pruning policy."""
        return self.belief.withdraw.mean > 0

    @property
    def pending_level(self) -> int:
        """Practice level of an interview already held in the current stage (the latest)."""
        return max(self.history - 1, 0)


@dataclass(frozen=True)
class Model:
    today: date
    applications: tuple[OpenApplication, ...]
    columns: tuple[Column, ...]
    paths: tuple[tuple[int, ...], ...]  # per application: its column indices in order
    entry: NDArray[np.float32]  # per application: day its current stage began (or begins)
    shift: np.float32  # added to days to make them all positive (1 + the longest wait so far)
    deadline: NDArray[np.float32]  # per application: days an offer stays open
    inv_shape: float  # 1 / log-logistic shape of the waits
    practice: Practice
    gain: NDArray[np.float32]  # practice gain(n) for every level a simulation can meet
    saturation: int  # from this level on, gain is within 1e-7 SD of its limit (last entry)
    pruning: bool  # the policy is on and some application could be dropped or withdrawn
    trigger: int | None  # column of the pruning trigger stage
    trigger_now: bool  # that stage is already reached: pruning applies today
    decision: float  # days from the first offer to her decision (inf: she never decides)
    funnel: tuple[Stage, ...]  # stage kinds counted in the funnel, offer last
    funnel_before: NDArray[np.int64]  # applications already past each funnel stage
    beliefs: Beliefs

    @property
    def size(self) -> int:
        return len(self.applications)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return tuple(column.stage for column in self.columns)


def build_model(search: Search, params: ForecastParams) -> Model:
    """Compile a search and parameters (checks both; raises InvalidInput naming the field)."""
    check_search(search)
    apps = search.applications
    paths = [_path(app, params) for app in apps]
    kinds = sorted({stage for path in paths for stage in path}, key=lambda s: s.rank)
    known = beliefs(params, search.history, median=excitement_median(search))
    prunable = _below_median(search)
    columns = tuple(
        _column(
            stage,
            apps=apps,
            paths=paths,
            params=params,
            belief=known.posterior[stage],
            prunable=prunable,
            search=search,
        )
        for stage in kinds
    )
    index = {stage: k for k, stage in enumerate(kinds)}
    trigger = params.pruning.trigger
    funnel, before = _funnel(apps, paths, params, kinds)
    practice = practice_of(params)
    gain = _gain_table(practice, search)
    return Model(
        today=search.today,
        applications=apps,
        columns=columns,
        paths=tuple(tuple(index[stage] for stage in path) for path in paths),
        entry=np.array([app.starts_in_days - app.days_in_stage for app in apps], dtype=np.float32),
        shift=np.float32(1 + max((app.days_in_stage for app in apps), default=0)),
        deadline=np.array([_deadline(app, params) for app in apps], dtype=np.float32),
        inv_shape=1.0 / params.durations.shape,
        practice=practice,
        gain=gain,
        saturation=len(gain) - 1,
        pruning=params.pruning.enabled
        and (bool(prunable.any()) or any(column.withdraws for column in columns)),
        trigger=index.get(trigger),
        trigger_now=any(_past_trigger(app, trigger) for app in apps),
        decision=_decision(params),
        funnel=funnel,
        funnel_before=before,
        beliefs=known,
    )


def _decision(params: ForecastParams) -> float:
    """Days from the first offer to the decision: part of the pruning policy."""
    window = params.pruning.decision_window_days
    return float(window) if params.pruning.enabled and window is not None else float("inf")


def _past_trigger(app: OpenApplication, trigger: Stage) -> bool:
    """Whether the application has reached the pruning trigger by today (an interview of
    the trigger stage booked for a later day has not happened yet)."""
    if app.stage is trigger:
        return app.starts_in_days == 0
    return app.stage.rank > trigger.rank


def _below_median(search: Search) -> NDArray[np.bool_]:
    """Applications rated below the median excitement: those the pruning policy may drop."""
    median = excitement_median(search)
    return np.array(
        [
            median is not None and app.excitement is not None and app.excitement < median
            for app in search.applications
        ],
        dtype=bool,
    )


def _gain_table(practice: Practice, search: Search) -> NDArray[np.float32]:
    """gain(n) for every practice level a simulation of this search can meet (up to where
    the curve stops changing)."""
    most = max((record.interviews for record in search.history.stages.values()), default=0)
    limit = most + len(search.applications) + 1
    return practice.table(practice.saturation(limit=limit) + 1)


def pipeline_of(app: OpenApplication, params: ForecastParams) -> tuple[Stage, ...]:
    return app.pipeline if app.pipeline is not None else params.pipeline


def next_stage(app: OpenApplication, params: ForecastParams) -> Stage:
    """The stage kind after the application's current one on its path (an offer after the
    last): where a process goes once the company has passed its current step."""
    path = _path(app, params)
    return path[1] if len(path) > 1 else Stage.OFFER


def _path(app: OpenApplication, params: ForecastParams) -> tuple[Stage, ...]:
    """The stage kinds still ahead: the current one, then the pipeline's later ones."""
    if app.stage is Stage.OFFER:
        return ()
    skips = set(params.referral.skips) if app.referral else set()
    later = [
        stage
        for stage in pipeline_of(app, params)
        if stage.rank > app.stage.rank and stage not in skips
    ]
    return (app.stage, *later)


def _column(
    stage: Stage,
    *,
    apps: tuple[OpenApplication, ...],
    paths: list[tuple[Stage, ...]],
    params: ForecastParams,
    belief: StageBelief,
    prunable: NDArray[np.bool_],
    search: Search,
) -> Column:
    members = tuple(a for a, path in enumerate(paths) if stage in path)
    chosen = [apps[a] for a in members]
    shape = params.durations.shape
    medians = [_median_days(stage, app, params) for app in chosen]
    current = [app.stage is stage and app.days_in_stage > 0 for app in chosen]
    survival = [
        1.0 / (1.0 + (app.days_in_stage / m) ** shape) if now else 1.0
        for app, m, now in zip(chosen, medians, current, strict=True)
    ]
    referral = params.referral.ghost_factor if stage is Stage.APPLIED else 1.0
    early = params.pruning.enabled and stage in params.pruning.early_stages
    index = np.array(members, dtype=np.intp)
    return Column(
        stage=stage,
        belief=belief,
        inverter=belief.inverter() if belief.judge == "interview" else None,
        apps=slice(None) if len(members) == len(apps) else index,
        members=members,
        median=np.array(medians, dtype=np.float32),
        ghost_factor=np.array([referral if a.referral else 1.0 for a in chosen], np.float32),
        survival=np.array(survival, dtype=np.float32),
        begun=np.flatnonzero(current) if any(current) else None,
        ghost_changed=_changed(chosen, current, referral=referral),
        here=sum(app.stage is stage and app.starts_in_days == 0 for app in chosen),
        planned=np.array([app.stage is stage and app.starts_in_days > 0 for app in chosen], bool),
        prunable=prunable[index] & early if members else np.zeros(0, dtype=bool),
        history=search.history.at(stage).interviews,
        hours=_hours(stage),
    )


def _changed(
    chosen: list[OpenApplication], current: list[bool], *, referral: float
) -> NDArray[np.intp] | None:
    rows = [
        j
        for j, (app, now) in enumerate(zip(chosen, current, strict=True))
        if now or (app.referral and referral != 1.0)
    ]
    return np.array(rows, dtype=np.intp) if rows else None


def _median_days(stage: Stage, app: OpenApplication, params: ForecastParams) -> float:
    """What was said of this company, else the parameters' figure for its size, else the
    default."""
    own = app.median_days or {}
    if stage in own:
        return float(own[stage])
    return params.median_days(stage, app.size)


def _deadline(app: OpenApplication, params: ForecastParams) -> float:
    if app.offer_days_left is not None:
        return float(app.days_in_stage + app.offer_days_left)
    if app.offer_deadline_days is not None:
        return float(app.offer_deadline_days)
    return float(params.offer_deadline_days.get(app.size, defaults.OFFER_DEADLINE_DAYS[app.size]))


def _hours(stage: Stage) -> float:
    try:
        kind = InterviewKind(stage.value)
    except ValueError:
        return 0.0
    return (defaults.INTERVIEW_MINUTES[kind] + defaults.PREP_MINUTES[kind]) / 60.0


def _funnel(
    apps: tuple[OpenApplication, ...],
    paths: list[tuple[Stage, ...]],
    params: ForecastParams,
    kinds: list[Stage],
) -> tuple[tuple[Stage, ...], NDArray[np.int64]]:
    """Funnel stages, and how many applications are already past each (not counted again)."""
    passed: list[Stage] = []
    for app in apps:
        skips = set(params.referral.skips) if app.referral else set()
        passed.extend(
            stage
            for stage in pipeline_of(app, params)
            if stage.rank < app.stage.rank and stage not in skips
        )
    stages = sorted({*kinds, *passed, *params.pipeline}, key=lambda s: s.rank)
    before = np.array([passed.count(stage) for stage in stages], dtype=np.int64)
    return (*stages, Stage.OFFER), np.append(before, 0)
