"""The person's track record as the forecast's calibration reads it, from every process.

Per stage kind: the company's decisions (passes, rejections, no answers), the processes still
waiting for an answer (open, or withdrawn before one came: censored observations of the
company), the processes that left the stage once she had begun eliminating (her withdrawal
rate), and the real interviews held.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from widenet import defaults
from widenet.analytics.history import Facts, reject_reason
from widenet.forecast import Departure, History, StageRecord, Waiting
from widenet.forecast.priors import PRUNING_TRIGGER, STAGES
from widenet.track.model import Company, Interview, SizeBand
from widenet.track.stages import RejectReason, Stage

#: A company whose size nobody recorded is taken to be medium-sized (the middle band: its
#: stage durations and offer deadline sit between the small and the large companies').
UNKNOWN_SIZE: Final = SizeBand.MEDIUM


@dataclass
class _Tally:
    passed: int = 0
    rejected: int = 0
    ghosted: int = 0
    interviews: int = 0
    waiting: list[Waiting] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)

    def record(self) -> StageRecord:
        return StageRecord(
            self.passed,
            self.rejected,
            self.ghosted,
            self.interviews,
            tuple(self.waiting),
            tuple(self.departures),
        )

    def __bool__(self) -> bool:
        return bool(
            self.passed + self.rejected + self.ghosted + self.interviews
            or self.waiting
            or self.departures
        )


def history_of(
    facts: Iterable[Facts],
    interviews: Iterable[Interview],
    *,
    now: datetime,
    companies: Mapping[int, Company] | None = None,
    trigger: Stage = PRUNING_TRIGGER,
    answered: Mapping[int, bool] | None = None,
    decision_window_days: float | None = defaults.DECISION_WINDOW_DAYS,
) -> History:
    """Per stage kind: the processes that passed it, were rejected at it or got no answer
    there; those still waiting there for an answer (open, or withdrawn before one came, with
    the days waited); those that left it once she was eliminating — from the first step of the
    ``trigger`` kind (the first onsite) — withdrawn by her or not; and the real interviews of
    the kind held before ``now``. ``companies`` gives each process's size and rating;
    ``answered`` the open processes whose current step the company has answered (by
    application id): True passed (marked so, or an interview of a later kind booked), False
    failed. Departures on or after her decision — ``decision_window_days`` after her first
    offer, or the day she accepted one if sooner (None: only an acceptance) — are the
    decision's, not her per-stage rate's, and do not count."""
    items = list(facts)
    known = companies or {}
    answers = answered or {}
    tallies = {stage: _Tally() for stage in STAGES}
    eliminating = _first_step(items, trigger)
    decided = _decision_day(items, decision_window_days)
    for item in items:
        company = known.get(item.application.company_id)
        _count_decisions(item, tallies)
        answer = answers.get(item.application.id)
        if answer is None:
            _count_waiting(item, tallies, company, today=now.date())
        else:
            _count_answer(item, tallies, passed=answer)
        if eliminating is not None:
            _count_departures(item, tallies, company, since=eliminating, until=decided)
    for interview in interviews:
        kind = interview.kind.stage
        if kind in tallies and interview.start <= now:
            tallies[kind].interviews += 1
    return History({stage: tally.record() for stage, tally in tallies.items() if tally})


def steps_of(facts: Facts) -> list[tuple[Stage, date]]:
    """The steps of a process in order, each with its date, the application first."""
    steps = [(event.stage, event.on) for event in facts.events if event.stage.rank >= 0]
    if not steps or steps[0][0] is not Stage.APPLIED:
        steps.insert(0, (Stage.APPLIED, facts.started))
    return steps


def _first_step(items: list[Facts], trigger: Stage) -> date | None:
    """The day of the first step of the trigger kind or beyond: she begins eliminating."""
    days = [on for item in items for stage, on in steps_of(item) if stage.rank >= trigger.rank >= 0]
    return min(days, default=None)


def _decision_day(items: list[Facts], window: float | None) -> date | None:
    """The day she decided: the window after her first offer, or her first acceptance if
    sooner (None: not yet)."""
    offers = [on for item in items for stage, on in steps_of(item) if stage is Stage.OFFER]
    accepted = [
        item.outcome.on
        for item in items
        if item.outcome is not None and item.outcome.stage is Stage.ACCEPTED
    ]
    days = list(accepted)
    if offers and window is not None:
        days.append(min(offers) + timedelta(days=math.ceil(window)))
    return min(days, default=None)


def _count_decisions(item: Facts, tallies: dict[Stage, _Tally]) -> None:
    """Each stage kind before the furthest one passed; at the furthest, the company's decision."""
    for stage in item.path:
        if stage is not item.furthest and stage in tallies:
            tallies[stage].passed += 1
    ended = _company_decision(item)
    if ended == "ghosted" and item.furthest in tallies:
        tallies[item.furthest].ghosted += 1
    elif ended == "rejected" and item.furthest in tallies:
        tallies[item.furthest].rejected += 1


def _count_answer(item: Facts, tallies: dict[Stage, _Tally], *, passed: bool) -> None:
    """An open process the company has answered at its latest step: passed or rejected."""
    stage = steps_of(item)[-1][0]
    if stage in tallies and passed:
        tallies[stage].passed += 1
    elif stage in tallies:
        tallies[stage].rejected += 1


def _count_waiting(
    item: Facts, tallies: dict[Stage, _Tally], company: Company | None, *, today: date
) -> None:
    """A process still open, or withdrawn, had no answer at its last step for some days."""
    stage, since = steps_of(item)[-1]
    outcome = item.outcome
    if stage not in tallies:
        return
    if outcome is None:
        until = today
    elif outcome.stage is Stage.WITHDRAWN:
        until = outcome.on
    else:
        return
    size = company.size_band if company is not None and company.size_band else UNKNOWN_SIZE
    tallies[stage].waiting.append(Waiting(float(max(0, (until - since).days)), size))


def _count_departures(
    item: Facts,
    tallies: dict[Stage, _Tally],
    company: Company | None,
    *,
    since: date,
    until: date | None,
) -> None:
    """Every step the process left once she was eliminating: by her withdrawal (on or after
    that day) or otherwise (after it: on that day only the policy acts, as in the simulation),
    before the day she decided (``until``)."""
    steps = steps_of(item)
    outcome = item.outcome
    excitement = company.excitement if company is not None else None
    for i, (stage, _) in enumerate(steps):
        if i + 1 < len(steps):
            left, withdrawn = steps[i + 1][1], False
        elif outcome is not None:
            left, withdrawn = outcome.on, outcome.stage is Stage.WITHDRAWN
        else:
            continue  # still there: it may yet be withdrawn
        if until is not None and left >= until:
            continue  # the decision's: every process still open ends that day
        if stage in tallies and (left > since or (withdrawn and left == since)):
            tallies[stage].departures.append(Departure(withdrawn, excitement))


def _company_decision(facts: Facts) -> str | None:
    """How the company ended the process at its furthest step: rejected, or no answer (a
    silence recorded as ghosting or as a rejection for no response); None otherwise."""
    outcome = facts.outcome
    if outcome is None:
        return None
    if outcome.stage is Stage.GHOSTED:
        return "ghosted"
    if outcome.stage is Stage.REJECTED:
        silent = reject_reason(outcome.reason) is RejectReason.NO_RESPONSE
        return "ghosted" if silent else "rejected"
    return None
