"""The burndown: for each day of the search, how many open applications sit in each stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from widenet.analytics.history import RANK, Facts, digest, search_start
from widenet.analytics.result import Result
from widenet.track.model import Application
from widenet.track.stages import PROGRESS, Stage

_CLOSED = len(PROGRESS)  # the row of the tally that counts closed processes


@dataclass(frozen=True)
class Burndown(Result):
    """Daily counts from the first application to ``today``, both included.

    An application sits in the kind of its latest step until its next event; once an
    outcome (rejected, withdrawn, ...) is recorded it counts as closed instead, until it
    is reopened. Counts are taken at the end of each day.
    """

    today: date
    days: tuple[date, ...]
    open_by_stage: dict[Stage, tuple[int, ...]]  # every kind of PROGRESS, in funnel order
    open_total: tuple[int, ...]
    closed: tuple[int, ...]

    @property
    def peak_open(self) -> int:
        return max(self.open_total, default=0)


def burndown(applications: Sequence[Application], *, today: date) -> Burndown:
    """Day-by-day stage counts of ``applications`` up to ``today``."""
    return burndown_of(digest(applications, today=today), today=today)


def burndown_of(facts: Sequence[Facts], *, today: date) -> Burndown:
    """:func:`burndown` over already digested applications."""
    start = search_start(facts)
    if start is None:
        return Burndown(
            today=today,
            days=(),
            open_by_stage=dict.fromkeys(PROGRESS, ()),
            open_total=(),
            closed=(),
        )
    n_days = (today - start).days + 1
    changes = np.zeros((len(PROGRESS) + 1, n_days + 1), dtype=np.int64)
    for f in facts:
        _add_spells(changes, f, start=start, end=n_days)
    counts = np.cumsum(changes[:, :n_days], axis=1)
    return Burndown(
        today=today,
        days=tuple(start + timedelta(days=i) for i in range(n_days)),
        open_by_stage={stage: tuple(counts[stage.rank].tolist()) for stage in PROGRESS},
        open_total=tuple(counts[:_CLOSED].sum(axis=0).tolist()),
        closed=tuple(counts[_CLOSED].tolist()),
    )


def _add_spells(changes: np.ndarray, f: Facts, *, start: date, end: int) -> None:
    """Mark each state of ``f`` from the day it began until the day the next one began."""
    # (day index, row) of every state, the first being "applied" from the start date.
    states = [((f.started - start).days, 0)]
    for event in f.events:
        rank = RANK[event.stage]
        states.append(((event.on - start).days, _CLOSED if rank < 0 else rank))
    for (begin, row), (until, _) in zip(states, [*states[1:], (end, -1)], strict=True):
        if until > begin:
            changes[row, begin] += 1
            changes[row, until] -= 1
