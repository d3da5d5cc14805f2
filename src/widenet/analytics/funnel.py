"""The funnel: how many applications reached each stage kind, and how the others left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from widenet.analytics.history import MAIN_LINE, Facts, digest, reject_reason
from widenet.analytics.result import Result
from widenet.errors import InvalidInput
from widenet.track.model import Application
from widenet.track.stages import PROGRESS, RejectReason, Stage


@dataclass(frozen=True)
class FunnelRow:
    """One stage kind of the funnel.

    ``reached`` counts applications whose furthest stage is this one or a later one, so a
    rejection after the onsite still counts as reaching the onsite; ``entered`` counts those
    that actually had a step of this kind (a referral may skip straight to the onsite), and
    ``skipped`` is the difference. The exit counts are of applications whose furthest stage
    is this row (or a stage between it and the next row): where they left the process.
    """

    stage: Stage
    label: str
    reached: int
    entered: int
    skipped: int
    conversion: float | None  # reached / reached of the row above; None for the first row
    rejected: dict[RejectReason, int]
    withdrawn: int
    ghosted: int
    declined: int
    accepted: int
    still_open: int

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def left(self) -> int:
        """Applications whose process ended at this stage (an accepted offer included)."""
        return self.rejected_total + self.withdrawn + self.ghosted + self.declined + self.accepted


@dataclass(frozen=True)
class Funnel(Result):
    today: date
    applications: int
    rows: tuple[FunnelRow, ...] = field(default=())

    @property
    def stages(self) -> tuple[Stage, ...]:
        return tuple(row.stage for row in self.rows)

    def row(self, stage: Stage) -> FunnelRow:
        for row in self.rows:
            if row.stage is stage:
                return row
        raise KeyError(stage)


@dataclass
class _Tally:
    entered: int = 0
    ending: int = 0  # furthest stage is exactly this row
    rejected: dict[RejectReason, int] = field(
        default_factory=lambda: dict.fromkeys(RejectReason, 0)
    )
    outcomes: dict[Stage, int] = field(default_factory=dict)
    still_open: int = 0


def funnel(
    applications: Sequence[Application],
    *,
    today: date,
    stages: Sequence[Stage] | None = None,
) -> Funnel:
    """Count the funnel of ``applications`` as of ``today``.

    ``stages`` picks the rows (in funnel order); by default the main line (applied,
    recruiter, technical, onsite, offer) plus every optional kind someone went through.
    """
    return funnel_of(digest(applications, today=today), today=today, stages=stages)


def funnel_of(
    facts: Sequence[Facts], *, today: date, stages: Sequence[Stage] | None = None
) -> Funnel:
    """:func:`funnel` over already digested applications."""
    rows = _rows(facts, stages)
    row_of_rank = _row_of_rank(rows)
    position = {stage: index for index, stage in enumerate(rows)}
    tallies = [_Tally() for _ in rows]
    for f in facts:
        for stage in f.entered:
            if stage in position:
                tallies[position[stage]].entered += 1
        _count_ending(tallies[row_of_rank[f.furthest.rank]], f)
    # Every application was applied to, whether or not its first event says so.
    tallies[0].entered = len(facts)
    return Funnel(today=today, applications=len(facts), rows=_finish(rows, tallies, len(facts)))


def _rows(facts: Sequence[Facts], stages: Sequence[Stage] | None) -> tuple[Stage, ...]:
    if stages is None:
        used = set(MAIN_LINE).union(*(f.entered for f in facts))
        return tuple(stage for stage in PROGRESS if stage in used)
    if not stages or stages[0] is not Stage.APPLIED:
        raise InvalidInput("the funnel's first stage is 'applied'", field="stages")
    for stage in stages:
        if stage.rank < 0:
            raise InvalidInput(f"'{stage.value}' is an outcome, not a stage", field="stages")
    if [s.rank for s in stages] != sorted({s.rank for s in stages}):
        raise InvalidInput("stages must be distinct and in funnel order", field="stages")
    return tuple(stages)


def _row_of_rank(rows: tuple[Stage, ...]) -> list[int]:
    """For each stage rank, the row that a process ending there is counted in."""
    index = 0
    mapping = []
    for stage in PROGRESS:
        if index + 1 < len(rows) and stage.rank >= rows[index + 1].rank:
            index += 1
        mapping.append(index)
    return mapping


def _count_ending(tally: _Tally, f: Facts) -> None:
    tally.ending += 1
    outcome = f.outcome
    if outcome is None:
        tally.still_open += 1
    elif outcome.stage is Stage.REJECTED:
        tally.rejected[reject_reason(outcome.reason)] += 1
    else:
        tally.outcomes[outcome.stage] = tally.outcomes.get(outcome.stage, 0) + 1


def _finish(rows: tuple[Stage, ...], tallies: list[_Tally], total: int) -> tuple[FunnelRow, ...]:
    result = []
    reached = total
    previous: int | None = None
    for stage, tally in zip(rows, tallies, strict=True):
        result.append(
            FunnelRow(
                stage=stage,
                label=stage.label,
                reached=reached,
                entered=tally.entered,
                skipped=reached - tally.entered,
                conversion=None if not previous else reached / previous,
                rejected=tally.rejected,
                withdrawn=tally.outcomes.get(Stage.WITHDRAWN, 0),
                ghosted=tally.outcomes.get(Stage.GHOSTED, 0),
                declined=tally.outcomes.get(Stage.DECLINED, 0),
                accepted=tally.outcomes.get(Stage.ACCEPTED, 0),
                still_open=tally.still_open,
            )
        )
        previous = reached
        reached -= tally.ending
    return tuple(result)
