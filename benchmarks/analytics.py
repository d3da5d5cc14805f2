"""Time every analytics over 10,000 applications against naive baselines in the same run.

    python benchmarks/analytics.py [--applications 10000] [--seed 7] [--repeat 3]

Builds a synthetic search (deterministic rng), then times each analysis alone, all of them
together through ``analyse`` (one shared pass over the histories), and two baselines: the
floor cost of reading every event and interview once, and a naive funnel that re-scans every
application's history for each stage and each exit.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

import numpy as np

from widenet import defaults
from widenet.analytics.breakdowns import breakdowns
from widenet.analytics.burndown import burndown
from widenet.analytics.flow import flow
from widenet.analytics.funnel import funnel
from widenet.analytics.learning import learning_curve
from widenet.analytics.load import interview_load
from widenet.analytics.search import Search, analyse
from widenet.analytics.timelines import timelines
from widenet.track.derive import furthest_stage
from widenet.track.model import (
    Application,
    Company,
    Interview,
    InterviewKind,
    Market,
    Outcome,
    SizeBand,
    Source,
    StageEvent,
    ValuationBand,
)
from widenet.track.stages import PROGRESS, RejectReason, Stage

START = date(2026, 1, 5)
TODAY = START + timedelta(days=150)
# Chance of moving on from each step kind; optional kinds are visited only sometimes.
ADVANCE = {
    Stage.APPLIED: 0.55,
    Stage.RECRUITER: 0.6,
    Stage.HIRING_MANAGER: 0.7,
    Stage.TECHNICAL: 0.55,
    Stage.TAKE_HOME: 0.7,
    Stage.ONSITE: 0.6,
    Stage.REFERENCES: 0.9,
}
OPTIONAL = {Stage.HIRING_MANAGER: 0.3, Stage.TAKE_HOME: 0.2, Stage.REFERENCES: 0.3}
EXITS = (Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED)
ROLE_FAMILIES = ("backend", "platform", "data", "full stack", "ml")


class Ids:
    def __init__(self) -> None:
        self.event = 0
        self.interview = 0


def synthetic_search(n: int, rng: np.random.Generator) -> Search:
    """A search of ``n`` applications to ``n // 3`` companies, up to ``TODAY``."""
    companies = tuple(
        Company(
            id=i,
            name=f"Company {i}",
            size_band=list(SizeBand)[rng.integers(4)],
            valuation_band=list(ValuationBand)[rng.integers(6)] if rng.random() < 0.8 else None,
            market=list(Market)[rng.integers(2)],
        )
        for i in range(1, n // 3 + 2)
    )
    ids = Ids()
    applications, interviews = [], []
    for app_id in range(1, n + 1):
        app, booked = _application(app_id, len(companies), rng, ids)
        applications.append(app)
        interviews.extend(booked)
    return Search(companies, tuple(applications), tuple(interviews))


def _application(
    app_id: int, n_companies: int, rng: np.random.Generator, ids: Ids
) -> tuple[Application, list[Interview]]:
    source = list(Source)[rng.integers(len(Source))]
    day = START + timedelta(days=int(rng.integers(0, 120)))
    steps = [(Stage.APPLIED, day)]
    shortcut = source is Source.REFERRAL and rng.random() < 0.3
    for stage in PROGRESS[1:]:
        if stage in OPTIONAL and rng.random() > OPTIONAL[stage]:
            continue
        if shortcut and stage in (Stage.RECRUITER, Stage.TECHNICAL):
            continue
        previous = steps[-1][0]
        if rng.random() > ADVANCE.get(previous, 1.0):
            break
        day += timedelta(days=int(rng.integers(2, 10)))
        steps.append((stage, day))
    steps.extend(_ending(steps, rng))
    events = []
    for stage, on in steps:
        if on > TODAY:
            break
        ids.event += 1
        reason = ""
        if stage is Stage.REJECTED:
            reason = list(RejectReason)[rng.integers(len(RejectReason))].value
        events.append(StageEvent(ids.event, app_id, stage, on, reason=reason))
    app = Application(
        id=app_id,
        company_id=int(rng.integers(1, n_companies + 1)),
        role="Senior engineer",
        role_family=ROLE_FAMILIES[rng.integers(len(ROLE_FAMILIES))],
        source=source,
        applied_on=events[0].on,
        events=tuple(events),
    )
    return app, _interviews(app, rng, ids)


def _ending(steps: list[tuple[Stage, date]], rng: np.random.Generator) -> list[tuple[Stage, date]]:
    last, day = steps[-1]
    later = day + timedelta(days=int(rng.integers(1, 12)))
    if last is Stage.OFFER:
        return [(Stage.ACCEPTED if rng.random() < 0.2 else Stage.DECLINED, later)]
    if rng.random() < 0.15:
        return []  # still open
    return [(EXITS[rng.integers(3)], later)]


def _interviews(app: Application, rng: np.random.Generator, ids: Ids) -> list[Interview]:
    booked = []
    stages = [e.stage for e in app.events]
    for i, event in enumerate(app.events):
        if event.stage.rank <= 0 or event.stage in (Stage.REFERENCES, Stage.OFFER):
            continue
        kind = InterviewKind(event.stage.value)
        passed = i + 1 < len(stages) and stages[i + 1].rank > 0
        hour = int(rng.integers(9, 17))
        ids.interview += 1
        booked.append(
            Interview(
                id=ids.interview,
                application_id=app.id,
                kind=kind,
                start=datetime.combine(event.on + timedelta(days=2), clock(hour), tzinfo=UTC),
                minutes=defaults.INTERVIEW_MINUTES[kind],
                prep_minutes=defaults.PREP_MINUTES[kind],
                self_rating=int(rng.integers(2, 5) if passed else rng.integers(1, 4)),
                outcome=Outcome.PASS if passed else Outcome.FAIL,
            )
        )
    return booked


def iterate_everything(search: Search) -> int:
    """Baseline: read every event and interview once, the least any analysis must do."""
    seen = 0
    for app in search.applications:
        for event in app.events:
            seen += event.stage.rank + event.on.day
    for interview in search.interviews:
        seen += interview.minutes + interview.prep_minutes
    return seen


def naive_funnel(search: Search) -> dict[Stage, dict[str, int]]:
    """Baseline: per stage and per exit, re-scan every application's whole history."""
    table: dict[Stage, dict[str, int]] = {}
    for stage in PROGRESS:
        row = {
            "reached": sum(
                (furthest_stage(app.events) or Stage.APPLIED).rank >= stage.rank
                for app in search.applications
            )
        }
        for outcome in (*EXITS, Stage.DECLINED, Stage.ACCEPTED):
            row[outcome.value] = sum(
                furthest_stage(app.events) is stage and app.events[-1].stage is outcome
                for app in search.applications
            )
        table[stage] = row
    return table


def best(run: Callable[[], Any], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        timings.append(time.perf_counter() - began)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    search = synthetic_search(args.applications, np.random.default_rng(args.seed))
    apps, companies, booked = search.applications, search.companies, search.interviews
    n_events = sum(len(app.events) for app in apps)
    print(
        f"{len(apps):,} applications, {n_events:,} events, {len(booked):,} interviews, "
        f"{len(companies):,} companies; today {TODAY}; best of {args.repeat}"
    )
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("baseline: read every event and interview", lambda: iterate_everything(search)),
        ("baseline: naive funnel (re-scan per stage)", lambda: naive_funnel(search)),
        ("funnel", lambda: funnel(apps, today=TODAY)),
        ("flow", lambda: flow(apps, today=TODAY)),
        ("burndown", lambda: burndown(apps, today=TODAY)),
        ("timelines", lambda: timelines(apps, companies, today=TODAY)),
        ("breakdowns", lambda: breakdowns(apps, companies, today=TODAY)),
        ("interview load", lambda: interview_load(booked, today=TODAY, start=START)),
        ("learning curve", lambda: learning_curve(booked, today=TODAY)),
        ("all analytics (analyse)", lambda: analyse(search, today=TODAY)),
    ]
    results = [(name, best(run, args.repeat)) for name, run in cases]
    floor = results[0][1]
    width = max(len(name) for name, _ in results)
    print(f"{'analysis':<{width}}  {'ms':>8}  {'x read':>7}")
    for name, seconds in results:
        print(f"{name:<{width}}  {seconds * 1000:8.1f}  {seconds / floor:7.1f}")
    total = results[-1][1]
    naive, ours = results[1][1], results[2][1]
    print(f"naive funnel / funnel: {naive / ours:.1f}x")
    verdict = "meets" if total < 1.0 else "MISSES"
    print(f"all analytics: {total:.3f} s ({verdict} the 1 s target)")
    print(f"median events per application: {statistics.median(len(a.events) for a in apps)}")


if __name__ == "__main__":
    main()
