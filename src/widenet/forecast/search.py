"""What the forecast starts from: the open applications today and the person's track record."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from widenet.errors import InvalidInput, Problem
from widenet.forecast.priors import STAGES
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

#: Median days of a step a recruiter said takes none: a wait's median must be above zero.
SAME_DAY = 0.25


def told_medians(stage_days: Mapping[Stage, int]) -> dict[Stage, float] | None:
    """What a recruiter said (days per step) as the medians of ``OpenApplication``."""
    if not stage_days:
        return None
    return {stage: max(float(days), SAME_DAY) for stage, days in stage_days.items()}


@dataclass(frozen=True)
class OpenApplication:
    """One process as it stands today (or a hypothetical one for what-if questions).

    ``stage`` is the kind of the current step (``Stage.OFFER`` when an offer is in hand) and
    ``days_in_stage`` how long ago it began. ``pipeline`` lists the stage kinds this company
    uses; ``None`` means the default pipeline of the parameters. ``offer_days_left`` is the
    time left to answer an offer in hand (``None``: the default deadline for the company size,
    counted from the day the offer came); ``offer_deadline_days`` how long an offer still to
    come will stay open, when a recruiter said so (``None``: the default for the size).

    ``starts_in_days`` puts the current stage in the future: the application is sent (or the
    booked interview of its current stage takes place) that many days from today, and until
    then it does nothing; 0 means the stage has begun. ``median_days`` overrides the median
    days in a stage at this company (what a recruiter said), by stage kind.
    """

    label: str
    stage: Stage = Stage.APPLIED
    days_in_stage: int = 0
    size: SizeBand = SizeBand.MEDIUM
    excitement: int | None = None
    referral: bool = False
    pipeline: tuple[Stage, ...] | None = None
    application_id: int | None = None
    offer_days_left: int | None = None
    hypothetical: bool = False
    starts_in_days: float = 0.0
    median_days: Mapping[Stage, float] | None = None
    offer_deadline_days: int | None = None

    @classmethod
    def fresh(
        cls,
        label: str,
        *,
        size: SizeBand = SizeBand.MEDIUM,
        excitement: int | None = None,
        referral: bool = False,
        hypothetical: bool = True,
    ) -> OpenApplication:
        """An application sent today (by default a hypothetical one, for what-if questions)."""
        return cls(
            label,
            size=size,
            excitement=excitement,
            referral=referral,
            hypothetical=hypothetical,
        )


@dataclass(frozen=True)
class Waiting:
    """A process that has had no answer at a stage for ``days``: still open there, or
    withdrawn by the person before the company answered. The company's size sets how long
    an answer usually takes."""

    days: float
    size: SizeBand = SizeBand.MEDIUM


@dataclass(frozen=True)
class Departure:
    """A process that left a stage once the person had begun eliminating (from the day of her
    first step of the pruning trigger kind, the first onsite): withdrawn by her, or not (it
    passed, or the company ended it). ``excitement`` is the company's rating."""

    withdrawn: bool
    excitement: int | None = None


@dataclass(frozen=True)
class StageRecord:
    """What happened at one stage kind across the person's processes so far.

    ``passed`` / ``rejected`` / ``ghosted`` count the company's decisions; ``interviews`` counts
    the real interviews of this kind done so far, whatever their outcome (it drives practice).
    ``waiting`` lists the processes without an answer there yet (still open, or withdrawn
    before one came): censored observations of the company's answer. ``departures`` lists the
    processes that left the stage once she had begun eliminating: her withdrawal rate.
    """

    passed: int = 0
    rejected: int = 0
    ghosted: int = 0
    interviews: int = 0
    waiting: tuple[Waiting, ...] = ()
    departures: tuple[Departure, ...] = ()

    @property
    def decided(self) -> int:
        return self.passed + self.rejected

    @property
    def withdrawn(self) -> int:
        return sum(departure.withdrawn for departure in self.departures)


@dataclass(frozen=True)
class History:
    """The person's track record by stage kind; kinds not listed have no record yet."""

    stages: Mapping[Stage, StageRecord] = field(default_factory=dict)

    def at(self, stage: Stage) -> StageRecord:
        return self.stages.get(stage, StageRecord())


@dataclass(frozen=True)
class Search:
    """The search today: its open applications and the person's history."""

    today: date
    applications: tuple[OpenApplication, ...] = ()
    history: History = field(default_factory=History)

    def with_applications(self, extra: tuple[OpenApplication, ...]) -> Search:
        return replace(self, applications=self.applications + extra)

    def with_typical(self, count: int) -> Search:
        """The same search plus ``count`` hypothetical fresh applications of the typical kind."""
        template = typical_application(self)
        extra = tuple(replace(template, label=f"extra {i + 1}") for i in range(count))
        return self.with_applications(extra)


def excitement_median(search: Search) -> float | None:
    """Median excitement of the real (not hypothetical) applications that carry a rating."""
    ratings = [
        app.excitement
        for app in search.applications
        if app.excitement is not None and not app.hypothetical
    ]
    return float(statistics.median(ratings)) if ratings else None


def typical_application(search: Search) -> OpenApplication:
    """A fresh application like most of the search's: its most common company size and the
    median excitement rounded up (so the pruning policy never drops it), without a referral."""
    real = [app for app in search.applications if not app.hypothetical]
    sizes = [app.size for app in real]
    size = max(SizeBand, key=sizes.count) if sizes else SizeBand.MEDIUM
    median = excitement_median(search)
    excitement = math.ceil(median) if median is not None else None
    return OpenApplication.fresh("typical", size=size, excitement=excitement)


def check_search(search: Search) -> None:
    """Raise InvalidInput naming every field that is wrong."""
    problems: list[Problem] = []
    for i, app in enumerate(search.applications):
        problems.extend(_application_problems(app, f"applications[{i}]"))
    for stage, record in search.history.stages.items():
        where = f"history.{stage}"
        if stage not in STAGES:
            problems.append(Problem("not a stage kind a process passes through", field=where))
        for name in ("passed", "rejected", "ghosted", "interviews"):
            if getattr(record, name) < 0:
                problems.append(Problem("must not be negative", field=f"{where}.{name}"))
        problems.extend(_record_problems(record, where))
    if problems:
        first = problems[0]
        raise InvalidInput(first.describe(), field=first.field, problems=problems)


def _record_problems(record: StageRecord, where: str) -> list[Problem]:
    problems = [
        Problem("must be a number of days, not negative", field=f"{where}.waiting[{i}].days")
        for i, wait in enumerate(record.waiting)
        if not (math.isfinite(wait.days) and wait.days >= 0)
    ]
    problems.extend(
        Problem("must be between 1 and 5", field=f"{where}.departures[{i}].excitement")
        for i, departure in enumerate(record.departures)
        if departure.excitement is not None and not 1 <= departure.excitement <= 5
    )
    return problems


def _application_problems(app: OpenApplication, where: str) -> list[Problem]:
    problems: list[Problem] = []
    if app.stage not in (*STAGES, Stage.OFFER):
        problems.append(
            Problem(f"{app.stage} is an outcome; only open processes are forecast", field=where)
        )
    if app.days_in_stage < 0:
        problems.append(Problem("must not be negative", field=f"{where}.days_in_stage"))
    if app.excitement is not None and not 1 <= app.excitement <= 5:
        problems.append(Problem("must be between 1 and 5", field=f"{where}.excitement"))
    if app.offer_days_left is not None and app.stage is not Stage.OFFER:
        problems.append(Problem("only an offer has days left", field=f"{where}.offer_days_left"))
    if app.pipeline is not None:
        problems.extend(pipeline_problems(app.pipeline, f"{where}.pipeline"))
    problems.extend(_start_problems(app, where))
    for stage, days in (app.median_days or {}).items():
        if stage not in STAGES or not (0 < days <= 365):
            problems.append(
                Problem(
                    "a stage kind's median days must be above 0 and at most 365",
                    field=f"{where}.median_days.{stage}",
                )
            )
    return problems


def _start_problems(app: OpenApplication, where: str) -> list[Problem]:
    name = f"{where}.starts_in_days"
    if not math.isfinite(app.starts_in_days) or app.starts_in_days < 0:
        return [Problem("must be a number of days from today, not negative", field=name)]
    if app.starts_in_days > 0 and app.stage is Stage.OFFER:
        return [Problem("an offer in hand has already come", field=name)]
    if app.starts_in_days > 0 and app.days_in_stage > 0:
        return [Problem("a stage that begins later has no days in it yet", field=name)]
    return []


def pipeline_problems(pipeline: tuple[Stage, ...], where: str) -> list[Problem]:
    """A pipeline lists distinct stage kinds in funnel order (the offer is implied)."""
    if not pipeline:
        return [Problem("needs at least one stage", field=where)]
    for stage in pipeline:
        if stage not in STAGES:
            return [Problem(f"{stage!s} is not a stage a process passes through", field=where)]
    ranks = [stage.rank for stage in pipeline]
    if ranks != sorted(set(ranks)):
        return [Problem("stages must be distinct and in funnel order", field=where)]
    return []


def check_options(**options: int | None) -> None:
    """Raise InvalidInput naming every run option out of range (``window_days`` and
    ``max_extra`` may be 0, the others must be at least 1; None means "not set")."""
    lowest = {"window_days": 0, "max_extra": 0}
    problems = [
        Problem(f"must be at least {lowest.get(name, 1)}", field=name)
        for name, value in options.items()
        if value is not None and value < lowest.get(name, 1)
    ]
    if problems:
        first = problems[0]
        raise InvalidInput(first.describe(), field=first.field, problems=problems)
