"""How a plan holds up when reality differs, measured with the forecast's simulator.

The plan becomes a forecast search (``plan_search``): every company in the plan is an
application sent on its planned day (``starts_in_days``), a process under way goes on from
where it is, its latest booked interview on its date. The forecast's model then decides
everything the plan only expects: random waits, no answers, rejections, practice and the
pruning policy (docs/forecast.md). Each run's offer days and deadlines give the chance that
two offers are open together and how many are open at the best moment; its onsite days give
the spread. The draws are laid out for every company on the list, in list order, so every
plan of the same problem meets the same random numbers (a fair comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.draws import draw
from widenet.forecast.engine import simulate_draws
from widenet.forecast.model import build_model
from widenet.forecast.params import ForecastParams
from widenet.forecast.priors import STAGES
from widenet.forecast.record import Detail, Simulation, combine
from widenet.forecast.search import History, OpenApplication, Search, told_medians
from widenet.plan.problem import PlanProblem, Prospect, check_problem
from widenet.plan.result import Plan
from widenet.track.stages import Stage

CHUNK = 1000  # runs simulated at once: a few MB of draws and days for a list of 60


@dataclass(frozen=True)
class Robustness:
    runs: int
    two_offers_open: float  # chance at least two offers are open on the same day (leverage)
    mean_offers: float
    mean_most_open: float  # offers open at the same time, at the best moment, on average
    onsite_spread: float  # days from first to last onsite, mean over runs with two or more


def evaluate(
    problem: PlanProblem,
    plan: Plan,
    *,
    rng: np.random.Generator,
    runs: int = 2000,
    params: ForecastParams | None = None,
    history: History | None = None,
) -> Robustness:
    """Simulate ``runs`` searches that follow ``plan`` with the forecast's model (its default
    parameters, or ``params``; the person's ``history`` calibrates it as in a forecast)."""
    simulation = simulate_plan(problem, plan, rng=rng, runs=runs, params=params, history=history)
    assert simulation.detail is not None
    return Robustness(
        runs=runs,
        two_offers_open=float(simulation.two_open.mean()),
        mean_offers=float(simulation.offers.mean()),
        mean_most_open=float(most_open(simulation.detail).mean()),
        onsite_spread=onsite_spread(simulation.detail),
    )


def simulate_plan(
    problem: PlanProblem,
    plan: Plan,
    *,
    rng: np.random.Generator,
    runs: int = 2000,
    params: ForecastParams | None = None,
    history: History | None = None,
) -> Simulation:
    """The ``runs`` simulated searches of ``evaluate``, run by run (with their days): the
    same ``rng`` state gives every plan of a problem the same draws, so two plans can be
    compared run by run (a paired difference)."""
    search, positions = plan_search(problem, plan, history=history)
    model = build_model(search, plan_params(params))
    parts = []
    for first in range(0, runs, CHUNK):
        count = min(CHUNK, runs - first)
        # Laid out for the whole list, then narrowed to the plan's companies.
        draws = draw(model, count, rng, width=len(problem.companies), stages=STAGES)
        parts.append(simulate_draws(model, draws.select(positions), detail=True))
    return combine(parts)


def plan_search(
    problem: PlanProblem, plan: Plan, *, history: History | None = None
) -> tuple[Search, list[int]]:
    """The plan as a forecast search starting on the plan's first day, and the position on
    the list of each of its applications (the companies the plan leaves out are not in it)."""
    check_problem(problem)
    today = plan.first_day
    starts: list[int | None] = []
    for mine, day in zip(plan.companies, plan.apply_days, strict=True):
        if day is None or mine.under_way:
            starts.append(None if day is None else 0)
            continue
        assert mine.apply_on is not None
        starts.append((mine.apply_on - today).days)
    return search_of(problem, today, starts, history=history)


def search_of(
    problem: PlanProblem,
    today: date,
    starts: Sequence[int | None],
    *,
    history: History | None = None,
) -> tuple[Search, list[int]]:
    """The forecast search of applications sent ``starts[i]`` calendar days after ``today``
    (None: left out; ignored for a process under way, which goes on from where it is), and
    the position on the list of each application in it."""
    apps, positions = [], []
    for i, (company, start) in enumerate(zip(problem.companies, starts, strict=True)):
        if start is None:
            continue
        if company.under_way is None:
            apps.append(_planned(company, start))
        else:
            apps.append(_under_way(company, today))
        positions.append(i)
    return Search(today, tuple(apps), history or History()), positions


def most_open(detail: Detail) -> NDArray[np.int64]:
    """Per run, the most offers open on one day (an offer is open from its day to its
    deadline, both included)."""
    arrive = detail.offer.astype(np.float64)
    close = arrive + detail.deadline[None, :]
    # Offers open when offer j arrives: those that came by then and have not lapsed.
    open_at = (arrive[:, None, :] <= arrive[:, :, None]) & (close[:, None, :] >= arrive[:, :, None])
    counts = np.where(np.isfinite(arrive), open_at.sum(axis=2), 0)
    if counts.shape[1] == 0:
        return np.zeros(counts.shape[0], dtype=np.int64)
    most: NDArray[np.int64] = counts.max(axis=1).astype(np.int64)
    return most


def onsite_spread(detail: Detail) -> float:
    """Days from the first onsite to the last, on average over runs with two or more."""
    onsite = detail.at(Stage.ONSITE).astype(np.float64)
    held = np.isfinite(onsite)
    several = held.sum(axis=1) >= 2
    if not several.any():
        return 0.0
    rows = onsite[several]
    last = np.max(np.where(held[several], rows, -np.inf), axis=1)
    first = np.min(np.where(held[several], rows, np.inf), axis=1)
    return float(np.mean(last - first))


def plan_params(params: ForecastParams | None = None) -> ForecastParams:
    """The forecast's parameters (its defaults, or ``params``) for a plan: each application
    walks its company's steps in the plan, which already leave out what a referral skips; the
    forecast must not skip them a second time."""
    params = params or ForecastParams()
    referral = params.referral.model_copy(update={"skips": ()})
    return params.model_copy(update={"referral": referral})


def _planned(company: Prospect, starts_in: int) -> OpenApplication:
    return OpenApplication(
        company.name,
        size=company.size_band,
        excitement=company.excitement,
        referral=company.referral,
        pipeline=company.path,
        starts_in_days=float(starts_in),
        median_days=told_medians(company.stage_days),
        offer_deadline_days=company.offer_deadline_days,
    )


def _under_way(company: Prospect, today: date) -> OpenApplication:
    """A process under way goes on from its stage; with interviews booked, from the latest
    one, on its date (the steps before a booked interview are passed)."""
    state = company.under_way
    assert state is not None
    stage, since = state.stage, state.since
    if state.booked:
        path = company.path
        stage = max((b.stage for b in state.booked), key=path.index)
        since = min(b.on for b in state.booked if b.stage is stage)
    offset = (since - today).days if stage is not Stage.OFFER else min(0, (since - today).days)
    return OpenApplication(
        company.name,
        stage=stage,
        days_in_stage=max(0, -offset),
        size=company.size_band,
        excitement=company.excitement,
        referral=company.referral,
        pipeline=company.path,
        starts_in_days=float(max(0, offset)),
        median_days=told_medians(company.stage_days),
        offer_deadline_days=company.offer_deadline_days,
    )
