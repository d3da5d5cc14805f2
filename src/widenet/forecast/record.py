"""What a batch of simulated searches produced, accumulated while the columns are walked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.model import Model
from widenet.forecast.ordering import NEVER, order_by_day
from widenet.track.stages import Stage


@dataclass(frozen=True)
class Simulation:
    """Raw results of many simulated searches (sums over runs, or one row per run)."""

    runs: int
    offers: NDArray[np.int16]  # (runs,) offers that arrive within the window (or are held)
    offer_days: NDArray[np.float32]  # (runs, 3) first, second and third offer day (inf: none)
    two_open: NDArray[np.bool_]  # (runs,) two offers open at the same time
    reached: NDArray[np.int16]  # (runs, columns) applications entering each stage
    app_reach: NDArray[np.int64]  # (applications, columns) runs that entered the stage
    app_entry: NDArray[np.float64]  # (applications, columns) sum of their entry days
    app_offers: NDArray[np.int64]  # (applications,) runs ending in an offer
    app_offer_days: NDArray[np.float64]  # (applications,) sum of those offer days
    app_exits: NDArray[np.int64]  # (applications, 3) no answer, rejected, withdrawn
    offer_weeks: NDArray[np.float64]  # (weeks,) offers arriving in each week ahead
    hours: NDArray[np.float64]  # (weeks,) interview and preparation hours in each week
    detail: Detail | None = None  # each run's days, when asked for


@dataclass(frozen=True)
class Detail:
    """Each run's days per application (days from today; inf: not reached, no offer)."""

    stages: tuple[Stage, ...]  # the model's stage kinds (columns), in funnel order
    entered: NDArray[np.float32]  # (runs, applications, stages) day each stage began
    offer: NDArray[np.float32]  # (runs, applications) day the offer came (within the window)
    deadline: NDArray[np.float32]  # (applications,) days an offer stays open

    def at(self, stage: Stage) -> NDArray[np.float32]:
        """(runs, applications) day each application entered ``stage`` (inf: it did not)."""
        if stage not in self.stages:
            return np.full(self.offer.shape, np.inf, dtype=np.float32)
        return self.entered[:, :, self.stages.index(stage)]


class Cells(Protocol):
    """What the recorder reads of a column's cells (one row of runs per application)."""

    @property
    def start(self) -> NDArray[np.float32]: ...  # shifted day each stage would begin
    @property
    def no_answer(self) -> NDArray[np.bool_]: ...
    @property
    def week(self) -> NDArray[np.unsignedinteger[Any]] | None: ...  # from `Weeks.of`


@dataclass(frozen=True)
class Weeks:
    """The weeks ahead that are counted, and the week number of a (shifted) day."""

    count: int
    shift: float

    def of(self, days: NDArray[np.float32]) -> NDArray[np.unsignedinteger[Any]]:
        """1 + the week ahead each day falls in; 0 before today, count + 1 after the last."""
        week = days * np.float32(1 / 7)
        week += np.float32(1 - self.shift / 7)
        np.clip(week, 0, self.count + 1, out=week)  # then truncation is the floor
        return week.astype(np.uint8 if self.count < 254 else np.uint16)


class Recorder:
    """Accumulates one batch's results while the columns are walked."""

    def __init__(self, model: Model, *, runs: int, weeks: Weeks, detail: bool = False) -> None:
        size, width = model.size, len(model.columns)
        self.model, self.runs, self.weeks = model, runs, weeks
        self.entered = np.full((size, width, runs), np.inf, np.float32) if detail else None
        self.reached = np.zeros((width, runs), dtype=np.int16)
        self.app_reach = np.zeros((size, width), dtype=np.int64)
        self.app_entry = np.zeros((size, width), dtype=np.float64)
        self.app_exits = np.zeros((size, 3), dtype=np.int64)
        self.hours = np.zeros(weeks.count, dtype=np.float64)

    def stage(
        self,
        k: int,
        cells: Cells,
        *,
        entered: NDArray[np.bool_],
        withdrawn: NDArray[np.bool_] | None,
    ) -> None:
        """What column k's walk did: who entered, when, and who got no answer or was
        withdrawn (the rejections follow in `finish`)."""
        column = self.model.columns[k]
        apps = column.apps
        self.reached[k] = entered.view(np.int8).sum(axis=0, dtype=np.int16)
        reach = _count(entered, axis=1)
        self.app_reach[apps, k] = reach  # each column is recorded once per batch
        shifted = np.einsum("ij,ij->i", cells.start, entered, dtype=np.float32)
        self.app_entry[apps, k] = shifted - reach * float(self.model.shift)
        no_answer = entered & cells.no_answer
        if withdrawn is not None:
            self.app_exits[apps, 2] += _count(withdrawn, axis=1)
            no_answer &= ~withdrawn  # withdrawn first: the company's answer never came
        self.app_exits[apps, 0] += _count(no_answer, axis=1)
        if cells.week is not None:
            self.hours += self._weekly(cells.week * entered) * column.hours
        if self.entered is not None:
            days = np.where(entered, cells.start - self.model.shift, np.float32(np.inf))
            self.entered[apps, k] = days

    def _weekly(self, week: NDArray[np.unsignedinteger[Any]]) -> NDArray[np.int64]:
        """How many cells fall in each week ahead, from their 1-based week numbers."""
        counts = np.bincount(week.ravel(), minlength=self.weeks.count + 2)
        return counts[1 : self.weeks.count + 1]

    def finish(
        self,
        final: NDArray[np.float32],
        alive: NDArray[np.bool_],
        *,
        window: float,
        width: int,
    ) -> Simulation:
        """The batch's results, from each application's offer day (``final``, shifted) and
        who holds an offer at the end (``alive``); ``width`` is the draws' width."""
        shift = self.model.shift
        # Within the window; a day at NEVER or beyond (an endless wait) is no offer.
        limit = min(window + float(shift), float(NEVER))
        offered = alive & (final <= limit) if limit < NEVER else alive & (final < NEVER)
        days = np.add(final, ~offered * NEVER, dtype=np.float32)
        # Offers in order of arrival, one row of applications per run.
        by_run = np.ascontiguousarray(days.T)
        order = order_by_day(by_run, width=width)
        size = days.shape[0]
        where = order.astype(np.intp)
        where += (np.arange(self.runs, dtype=np.intp) * size)[:, None]
        arrive = by_run.ravel().take(where)
        close = arrive + self.model.deadline.take(order)
        # Sorted by arrival, some offer comes while an earlier one is open exactly when one
        # comes by the deadline of the offer just before it (that one came no earlier).
        later = arrive[:, 1:]
        two_open: NDArray[np.bool_] = np.any((later <= close[:, :-1]) & (later < NEVER), axis=1)
        first = np.full((self.runs, 3), np.inf, dtype=np.float32)
        count = min(3, size)
        head = arrive[:, :count]
        first[:, :count] = np.where(head < NEVER, head - shift, np.inf)
        app_offers = _count(offered, axis=1)
        offer_days = np.einsum("ij,ij->i", final, offered, dtype=np.float32)
        self._rejections(alive)
        return Simulation(
            runs=self.runs,
            offers=offered.view(np.int8).sum(axis=0, dtype=np.int16),
            offer_days=first,
            two_open=two_open,
            reached=self.reached.T,
            app_reach=self.app_reach,
            app_entry=self.app_entry,
            app_offers=app_offers.astype(np.int64),
            app_offer_days=offer_days - app_offers * float(shift),
            app_exits=self.app_exits,
            offer_weeks=self._weekly(self.weeks.of(days)).astype(np.float64),
            hours=self.hours,
            detail=self._detail(final, offered),
        )

    def _detail(self, final: NDArray[np.float32], offered: NDArray[np.bool_]) -> Detail | None:
        if self.entered is None:
            return None
        offer = np.where(offered, final - self.model.shift, np.float32(np.inf))
        return Detail(
            stages=self.model.stages,
            entered=np.ascontiguousarray(self.entered.transpose(2, 0, 1)),
            offer=np.ascontiguousarray(offer.T),
            deadline=self.model.deadline,
        )

    def _rejections(self, alive: NDArray[np.bool_]) -> None:
        """Every process that is not still in at the end ended at one of its stages: without
        an answer, withdrawn, or else rejected."""
        walked = np.array([bool(path) for path in self.model.paths], dtype=bool)
        ended = np.where(walked, self.runs - _count(alive, axis=1), 0)
        self.app_exits[:, 1] = ended - self.app_exits[:, 0] - self.app_exits[:, 2]


def _count(flags: NDArray[np.bool_], *, axis: int) -> NDArray[np.int32]:
    """True flags along an axis (summing the bytes as int8 is faster than summing bools)."""
    counts: NDArray[np.int32] = flags.view(np.int8).sum(axis=axis, dtype=np.int32)
    return counts


def combine(parts: Sequence[Simulation]) -> Simulation:
    """One Simulation from several batches (in order)."""
    first = parts[0]
    return Simulation(
        runs=sum(part.runs for part in parts),
        offers=np.concatenate([p.offers for p in parts]),
        offer_days=np.concatenate([p.offer_days for p in parts]),
        two_open=np.concatenate([p.two_open for p in parts]),
        reached=np.concatenate([p.reached for p in parts]),
        app_reach=sum((p.app_reach for p in parts[1:]), first.app_reach.copy()),
        app_entry=sum((p.app_entry for p in parts[1:]), first.app_entry.copy()),
        app_offers=sum((p.app_offers for p in parts[1:]), first.app_offers.copy()),
        app_offer_days=sum((p.app_offer_days for p in parts[1:]), first.app_offer_days.copy()),
        app_exits=sum((p.app_exits for p in parts[1:]), first.app_exits.copy()),
        offer_weeks=sum((p.offer_weeks for p in parts[1:]), first.offer_weeks.copy()),
        hours=sum((p.hours for p in parts[1:]), first.hours.copy()),
        detail=_combine_detail([p.detail for p in parts]),
    )


def _combine_detail(parts: Sequence[Detail | None]) -> Detail | None:
    if any(part is None for part in parts):
        return None
    details = [part for part in parts if part is not None]
    first = details[0]
    return Detail(
        stages=first.stages,
        entered=np.concatenate([d.entered for d in details]),
        offer=np.concatenate([d.offer for d in details]),
        deadline=first.deadline,
    )
