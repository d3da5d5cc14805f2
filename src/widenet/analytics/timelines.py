"""Process timelines: a bar per application, median days per stage kind and per company."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from widenet.analytics.history import Facts, digest
from widenet.analytics.result import Result
from widenet.errors import InvalidInput
from widenet.track.model import Application, Company, Source
from widenet.track.stages import PROGRESS, Stage


@dataclass(frozen=True)
class Segment:
    """Time spent in one stage kind: from its first event to the next event of another kind."""

    stage: Stage
    start: date
    end: date  # the next event's date, or today while the process is open
    days: int
    is_open: bool  # still in this stage today; its length is not known yet


@dataclass(frozen=True)
class ApplicationTimeline:
    application_id: int
    company_id: int
    company: str
    role: str
    source: Source
    started: date
    segments: tuple[Segment, ...]
    outcome: Stage | None  # the terminal outcome, None while open
    outcome_on: date | None

    @property
    def end(self) -> date:
        return self.segments[-1].end if self.segments else self.started

    @property
    def days(self) -> int:
        return (self.end - self.started).days


@dataclass(frozen=True)
class StageTime:
    """Median days spent in a stage kind, over the stays that have ended."""

    stage: Stage
    label: str
    median_days: float | None
    stays: int


@dataclass(frozen=True)
class CompanyTime:
    """How fast a company answered: days from applying to its first reply."""

    company_id: int
    company: str
    applications: int
    replied: int  # applications that got a reply (a next step or a rejection)
    median_reply_days: float | None


@dataclass(frozen=True)
class Timelines(Result):
    today: date
    applications: tuple[ApplicationTimeline, ...]
    stage_times: tuple[StageTime, ...]  # every kind of PROGRESS, in funnel order
    companies: tuple[CompanyTime, ...]  # fastest reply first; never-replied last


def timelines(
    applications: Sequence[Application], companies: Sequence[Company], *, today: date
) -> Timelines:
    """Timelines of ``applications`` (whose companies are among ``companies``) up to ``today``."""
    return timelines_of(digest(applications, today=today), companies_by_id(companies), today=today)


def companies_by_id(companies: Sequence[Company]) -> dict[int, Company]:
    return {company.id: company for company in companies}


def company_of(f: Facts, companies: Mapping[int, Company]) -> Company:
    """The application's company, or a clear error naming the application."""
    app = f.application
    try:
        return companies[app.company_id]
    except KeyError:
        raise InvalidInput(
            f"application {app.id}: company {app.company_id} is not among the companies given",
            field="company_id",
        ) from None


def timelines_of(
    facts: Sequence[Facts], companies: Mapping[int, Company], *, today: date
) -> Timelines:
    """:func:`timelines` over already digested applications."""
    bars = [_timeline(f, company_of(f, companies), today=today) for f in facts]
    bars.sort(key=lambda bar: (bar.started, bar.application_id))
    return Timelines(
        today=today,
        applications=tuple(bars),
        stage_times=_stage_times(bars),
        companies=_company_times(facts, companies),
    )


def _timeline(f: Facts, company: Company, *, today: date) -> ApplicationTimeline:
    app = f.application
    outcome = f.outcome
    return ApplicationTimeline(
        application_id=app.id,
        company_id=company.id,
        company=company.name,
        role=app.role,
        source=app.source,
        started=f.started,
        segments=_segments(f, today=today),
        outcome=outcome.stage if outcome else None,
        outcome_on=outcome.on if outcome else None,
    )


def _segments(f: Facts, *, today: date) -> tuple[Segment, ...]:
    # (stage or None for an outcome, date) of each change of state, merging repeats of a kind.
    changes: list[tuple[Stage | None, date]] = [(Stage.APPLIED, f.started)]
    for event in f.events:
        stage = None if event.stage.is_terminal else event.stage
        if stage is not changes[-1][0]:
            changes.append((stage, event.on))
    segments = []
    for (stage, begin), (_, until) in itertools.pairwise(changes):
        if stage is not None:
            segments.append(Segment(stage, begin, until, (until - begin).days, is_open=False))
    stage, begin = changes[-1]
    if stage is not None:
        segments.append(Segment(stage, begin, today, (today - begin).days, is_open=True))
    return tuple(segments)


def _median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _stage_times(bars: Sequence[ApplicationTimeline]) -> tuple[StageTime, ...]:
    stays: dict[Stage, list[int]] = defaultdict(list)
    for bar in bars:
        for segment in bar.segments:
            if not segment.is_open:
                stays[segment.stage].append(segment.days)
    return tuple(
        StageTime(stage, stage.label, _median(stays[stage]), len(stays[stage]))
        for stage in PROGRESS
    )


def _company_times(
    facts: Sequence[Facts], companies: Mapping[int, Company]
) -> tuple[CompanyTime, ...]:
    waits: dict[int, list[int]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for f in facts:
        counts[f.application.company_id] += 1
        reply = f.first_reply
        if reply is not None:
            waits[f.application.company_id].append((reply.on - f.started).days)
    rows = [
        CompanyTime(
            company_id=cid,
            company=companies[cid].name,
            applications=counts[cid],
            replied=len(waits[cid]),
            median_reply_days=_median(waits[cid]),
        )
        for cid in counts
    ]
    never = float("inf")
    rows.sort(
        key=lambda r: (
            r.median_reply_days if r.median_reply_days is not None else never,
            r.company.casefold(),
        )
    )
    return tuple(rows)
