"""What a forecast says, as plain data: offers, dates, leverage, per application, load, funnel,
calibration and "how wide" — built from the raw simulation, with one way to turn it into JSON."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.calibrate import Spread, StageBelief, Withdrawals, spread
from widenet.forecast.model import Model
from widenet.forecast.params import ForecastParams
from widenet.forecast.record import Simulation
from widenet.forecast.search import StageRecord
from widenet.track.stages import Stage

COUNT_PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
DATE_PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class OfferCount:
    mean: float
    pmf: tuple[float, ...]  # index = number of offers
    p_at_least: Mapping[int, float]  # 1, 2, 3
    p_zero: float
    percentiles: Mapping[int, int]  # 5th … 95th


@dataclass(frozen=True)
class OfferTiming:
    """When the n-th offer arrives (``order`` 1 is the first), among searches that get it."""

    order: int
    probability: float
    percentiles: Mapping[int, date]


@dataclass(frozen=True)
class Week:
    start: date
    expected_offers: float  # offers arriving this week
    p_first_offer_by_end: float  # at least one offer (held or new) by the week's end
    interview_hours: float  # interviews plus preparation


@dataclass(frozen=True)
class StageChance:
    stage: Stage
    probability: float
    expected_date: date | None


@dataclass(frozen=True)
class ApplicationForecast:
    label: str
    application_id: int | None
    stage: Stage
    hypothetical: bool
    p_offer: float
    expected_offer_date: date | None
    p_no_answer: float
    p_rejected: float
    p_withdrawn: float
    stages: tuple[StageChance, ...]  # the stages still ahead, the current one first


@dataclass(frozen=True)
class FunnelStage:
    """How many applications reach a stage (those already past it included)."""

    stage: Stage
    mean: float
    low: int  # 5th percentile
    high: int  # 95th percentile


@dataclass(frozen=True)
class StageCalibration:
    """Prior beside posterior for one stage kind: P(pass) at the next step, P(no answer),
    P(the candidate withdraws once eliminating); ``withdrawals`` are her own that count."""

    stage: Stage
    judged_by: str  # "fixed", "screen" or "interview"
    observed: StageRecord
    prior_pass: Spread
    posterior_pass: Spread
    prior_no_answer: Spread
    posterior_no_answer: Spread
    prior_bar: float | None
    posterior_bar: float | None
    prior_withdraw: Spread
    posterior_withdraw: Spread
    withdrawals: Withdrawals


@dataclass(frozen=True)
class HowWidePoint:
    extra: int
    p_two_open: float


@dataclass(frozen=True)
class HowWide:
    """P(two offers open at once) with more applications of the typical kind."""

    runs: int
    step: int
    points: tuple[HowWidePoint, ...]
    smallest: Mapping[float, int | None]  # target probability → fewest extra applications


@dataclass(frozen=True)
class Forecast:
    today: date
    runs: int
    window_days: int | None
    offers: OfferCount
    offer_dates: tuple[OfferTiming, ...]
    weeks: tuple[Week, ...]
    p_two_open: float
    applications: tuple[ApplicationForecast, ...]
    funnel: tuple[FunnelStage, ...]
    calibration: tuple[StageCalibration, ...]
    how_wide: HowWide | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data; keys as documented in docs/forecast.md."""
        return forecast_json(self)


def summarise(
    model: Model,
    simulation: Simulation,
    params: ForecastParams,
    *,
    window_days: int | None = None,
    how_wide: HowWide | None = None,
) -> Forecast:
    runs = simulation.runs
    return Forecast(
        today=model.today,
        runs=runs,
        window_days=window_days,
        offers=offer_count(simulation.offers),
        offer_dates=_offer_dates(model.today, simulation.offer_days, runs),
        weeks=_weeks(model.today, simulation),
        p_two_open=float(simulation.two_open.mean()),
        applications=tuple(_application(model, simulation, a) for a in range(model.size)),
        funnel=_funnel(model, simulation),
        calibration=_calibration(model, params),
        how_wide=how_wide,
    )


def offer_count(offers: NDArray[np.int16]) -> OfferCount:
    counts = np.bincount(offers.astype(np.intp), minlength=4)
    pmf = counts / counts.sum()
    cdf = np.cumsum(pmf)
    return OfferCount(
        mean=float(offers.mean()),
        pmf=tuple(float(p) for p in pmf),
        p_at_least={k: float(pmf[k:].sum()) for k in (1, 2, 3)},
        p_zero=float(pmf[0]),
        percentiles={q: count_percentile(cdf, q) for q in COUNT_PERCENTILES},
    )


def count_percentile(cdf: NDArray[np.float64], q: float) -> int:
    """The smallest count whose cumulative probability reaches q% (the inverse CDF)."""
    return int(np.searchsorted(cdf, q / 100 - 1e-12))


def day_to_date(today: date, day: float) -> date:
    """Day numbers count from the start of ``today`` (day 0.5 is noon today)."""
    return today + timedelta(days=math.floor(day))


def _offer_dates(today: date, days: NDArray[np.float32], runs: int) -> tuple[OfferTiming, ...]:
    timings = []
    for order in range(1, 4):
        got = days[:, order - 1]
        got = got[np.isfinite(got)]
        percentiles = (
            {
                q: day_to_date(today, float(np.quantile(got, q / 100, method="inverted_cdf")))
                for q in DATE_PERCENTILES
            }
            if got.size
            else {}
        )
        timings.append(OfferTiming(order, got.size / runs, percentiles))
    return tuple(timings)


def _weeks(today: date, simulation: Simulation) -> tuple[Week, ...]:
    runs = simulation.runs
    first = simulation.offer_days[:, 0]
    return tuple(
        Week(
            start=today + timedelta(weeks=w),
            expected_offers=float(simulation.offer_weeks[w] / runs),
            p_first_offer_by_end=float((first < 7 * (w + 1)).mean()),
            interview_hours=float(simulation.hours[w] / runs),
        )
        for w in range(len(simulation.hours))
    )


def _application(model: Model, simulation: Simulation, a: int) -> ApplicationForecast:
    app, runs = model.applications[a], simulation.runs
    chances = []
    for k in model.paths[a]:
        reached = int(simulation.app_reach[a, k])
        mean_day = simulation.app_entry[a, k] / reached if reached else None
        when = day_to_date(model.today, mean_day) if mean_day is not None else None
        chances.append(StageChance(model.columns[k].stage, reached / runs, when))
    offers = int(simulation.app_offers[a])
    offer_day = simulation.app_offer_days[a] / offers if offers else None
    exits = simulation.app_exits[a] / runs
    return ApplicationForecast(
        label=app.label,
        application_id=app.application_id,
        stage=app.stage,
        hypothetical=app.hypothetical,
        p_offer=offers / runs,
        expected_offer_date=day_to_date(model.today, offer_day) if offer_day is not None else None,
        p_no_answer=float(exits[0]),
        p_rejected=float(exits[1]),
        p_withdrawn=float(exits[2]),
        stages=tuple(chances),
    )


def _funnel(model: Model, simulation: Simulation) -> tuple[FunnelStage, ...]:
    index = {column.stage: k for k, column in enumerate(model.columns)}
    rows = []
    for position, stage in enumerate(model.funnel):
        before = int(model.funnel_before[position])
        if stage is Stage.OFFER:
            counts = simulation.offers.astype(np.int64)
        elif stage in index:
            counts = simulation.reached[:, index[stage]].astype(np.int64) + before
        else:
            counts = np.full(simulation.runs, before, dtype=np.int64)
        cdf = np.cumsum(np.bincount(counts) / counts.size)
        rows.append(
            FunnelStage(
                stage,
                float(counts.mean()),
                count_percentile(cdf, 5),
                count_percentile(cdf, 95),
            )
        )
    return tuple(rows)


def _calibration(model: Model, params: ForecastParams) -> tuple[StageCalibration, ...]:
    known = model.beliefs
    skill, noise = params.candidate.skill, params.candidate.noise_sd
    rows = []
    for stage in model.funnel[:-1]:
        prior, posterior = known.prior[stage], known.posterior[stage]
        rows.append(
            StageCalibration(
                stage=stage,
                judged_by=prior.judge,
                observed=known.observed[stage],
                prior_pass=prior.next_pass(),
                posterior_pass=posterior.next_pass(),
                prior_no_answer=_no_answer(prior),
                posterior_no_answer=_no_answer(posterior),
                prior_bar=prior.bar(skill, noise),
                posterior_bar=posterior.bar(skill, noise),
                prior_withdraw=spread(prior.withdraw),
                posterior_withdraw=spread(posterior.withdraw),
                withdrawals=known.withdrawals[stage],
            )
        )
    return tuple(rows)


def _no_answer(belief: StageBelief) -> Spread:
    return spread(belief.ghost)


# --- JSON -------------------------------------------------------------------------------------


def forecast_json(forecast: Forecast) -> dict[str, Any]:
    weeks = forecast.weeks
    return {
        "today": forecast.today.isoformat(),
        "runs": forecast.runs,
        "window_days": forecast.window_days,
        "offers": _offers_json(forecast.offers),
        "offer_dates": {
            "first": _timing_json(forecast.offer_dates[0]),
            "each": [_timing_json(timing) for timing in forecast.offer_dates],
            "by_week": [
                {
                    "week_start": week.start.isoformat(),
                    "expected_offers": week.expected_offers,
                    "p_first_offer_by_end": week.p_first_offer_by_end,
                }
                for week in weeks
            ],
        },
        "leverage": {"p_two_open": forecast.p_two_open},
        "applications": [_application_json(app) for app in forecast.applications],
        "interview_hours": [
            {"week_start": week.start.isoformat(), "hours": week.interview_hours} for week in weeks
        ],
        "funnel": [
            {"stage": row.stage.value, "mean": row.mean, "p5": row.low, "p95": row.high}
            for row in forecast.funnel
        ],
        "calibration": [_calibration_json(row) for row in forecast.calibration],
        "how_wide": _how_wide_json(forecast.how_wide) if forecast.how_wide else None,
    }


def _offers_json(offers: OfferCount) -> dict[str, Any]:
    return {
        "mean": offers.mean,
        "pmf": list(offers.pmf),
        "p_at_least": {str(k): p for k, p in offers.p_at_least.items()},
        "p_zero": offers.p_zero,
        "percentiles": {str(q): v for q, v in offers.percentiles.items()},
    }


def _timing_json(timing: OfferTiming) -> dict[str, Any]:
    return {
        "order": timing.order,
        "probability": timing.probability,
        "percentiles": {str(q): d.isoformat() for q, d in timing.percentiles.items()},
    }


def _application_json(app: ApplicationForecast) -> dict[str, Any]:
    return {
        "label": app.label,
        "application_id": app.application_id,
        "stage": app.stage.value,
        "hypothetical": app.hypothetical,
        "p_offer": app.p_offer,
        "expected_offer_date": _iso(app.expected_offer_date),
        "p_no_answer": app.p_no_answer,
        "p_rejected": app.p_rejected,
        "p_withdrawn": app.p_withdrawn,
        "stages": [
            {
                "stage": chance.stage.value,
                "p_reach": chance.probability,
                "expected_date": _iso(chance.expected_date),
            }
            for chance in app.stages
        ],
    }


def _calibration_json(row: StageCalibration) -> dict[str, Any]:
    def side(passing: Spread, no_answer: Spread, withdraw: Spread, bar: float | None) -> Any:
        return {
            "pass": _spread_json(passing),
            "no_answer": _spread_json(no_answer),
            "withdraw": _spread_json(withdraw),
            "bar": bar,
        }

    observed = row.observed
    return {
        "stage": row.stage.value,
        "judged_by": row.judged_by,
        "observed": {
            "passed": observed.passed,
            "rejected": observed.rejected,
            "no_answer": observed.ghosted,
            "interviews": observed.interviews,
            "waiting": len(observed.waiting),
            "withdrawn": row.withdrawals.withdrawn,
            "stayed": row.withdrawals.stayed,
        },
        "prior": side(row.prior_pass, row.prior_no_answer, row.prior_withdraw, row.prior_bar),
        "posterior": side(
            row.posterior_pass, row.posterior_no_answer, row.posterior_withdraw, row.posterior_bar
        ),
    }


def _how_wide_json(wide: HowWide) -> dict[str, Any]:
    return {
        "runs": wide.runs,
        "step": wide.step,
        "curve": [{"extra": p.extra, "p_two_open": p.p_two_open} for p in wide.points],
        "smallest_extra": {f"{target:g}": n for target, n in wide.smallest.items()},
    }


def _spread_json(value: Spread) -> dict[str, float]:
    return {"mean": value.mean, "p5": value.low, "p95": value.high}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
