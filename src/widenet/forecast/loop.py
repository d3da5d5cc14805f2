"""The same model as a plain per-search event loop: the reference the vectorised engine is
checked against, and its baseline in the benchmark.

Each search is simulated alone, event by event in time order (an application entering its
next stage, an offer arriving), with the same draws as the vectorised engine, so the two
agree run by run. The first offer (one in hand, or the first to arrive) sets the day she
decides; the run stops there, and what is still open is withdrawn.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from widenet.forecast.draws import Draws
from widenet.forecast.latent import normal_cdf
from widenet.forecast.model import Model


@dataclass(frozen=True)
class SearchOutcome:
    """One simulated search."""

    offer_days: tuple[float, ...]  # sorted, within the window (held offers included)
    two_open: bool
    reached: tuple[int, ...]  # per column: applications that entered the stage
    entered: tuple[tuple[float, ...], ...]  # per application and column: day entered (inf)
    offer: tuple[float, ...]  # per application: day of its offer within the window (inf)

    @property
    def offers(self) -> int:
        return len(self.offer_days)


def simulate_loop(model: Model, draws: Draws, *, window: float = math.inf) -> list[SearchOutcome]:
    """Simulate every run of ``draws`` one search at a time."""
    return [_Search(model, draws, run).play(window) for run in range(draws.runs)]


class _Search:
    def __init__(self, model: Model, draws: Draws, run: int) -> None:
        self.model = model
        rows = [draws.at(column.stage) for column in model.columns]
        self.ghost = [float(draws.ghost[i, run]) for i in rows]
        self.level = [float(draws.level[i, run]) for i in rows]
        self.outcome = [draws.outcome[i, :, run].tolist() for i in rows]
        self.wait = [draws.wait[i, :, run].tolist() for i in rows]
        # Where the candidate would leave once eliminating: her run's rate at the stage.
        self.leaves = [
            [False] * draws.width
            if draws.leave is None or not model.pruning or not column.withdraws
            else (draws.leave[i, :, run] < draws.withdraw[i, run]).tolist()
            for i, column in zip(rows, model.columns, strict=True)
        ]
        self.where = [{a: j for j, a in enumerate(c.members)} for c in model.columns]
        size = model.size
        self.state: list[tuple[int, float, float] | None] = [None] * size  # column, in, out
        self.withdrawn = [False] * size
        self.ends = [math.inf] * size
        self.done = [0] * len(model.columns)  # interviews of each kind held so far
        self.reached = [0] * len(model.columns)
        self.entered = [[math.inf] * len(model.columns) for _ in range(size)]
        # With the trigger stage already reached, the one pruning happens today.
        self.pruned_on = 0.0 if model.pruning and model.trigger_now else math.inf
        self.decides_on = math.inf  # the day she decides (inf: not yet known, or never)

    def play(self, window: float) -> SearchOutcome:
        model = self.model
        queue: list[tuple[float, int, int]] = []
        held = math.inf  # the first offer in hand
        for a in range(model.size):
            if model.paths[a]:
                heapq.heappush(queue, (float(model.entry[a]), a, 0))
            else:
                self.ends[a] = float(model.entry[a])  # an offer in hand
                held = min(held, self.ends[a])
        self._offer(held)
        prune_today = model.pruning and model.trigger_now
        while queue:
            day, a, step = heapq.heappop(queue)
            if day > self.decides_on:  # she has decided: every process still open is withdrawn
                break
            if prune_today and day > 0:
                self._prune(0.0)
                prune_today = False
            if step == len(model.paths[a]):  # an offer arrives
                if not self.withdrawn[a]:
                    self._offer(day)
            elif not self.withdrawn[a]:
                self._enter(day, a, step, queue)
        if prune_today:
            self._prune(0.0)
        self.ends = [day if day <= self.decides_on else math.inf for day in self.ends]
        return self._outcome(window)

    def _offer(self, day: float) -> None:
        """An offer arrives on ``day``: the first one sets the day she decides (today at the
        earliest)."""
        if day < math.inf and self.decides_on == math.inf:
            self.decides_on = max(day + self.model.decision, 0.0)

    def _enter(self, day: float, a: int, step: int, queue: list[tuple[float, int, int]]) -> None:
        model = self.model
        k = model.paths[a][step]
        if model.pruning and k == model.trigger and day < self.pruned_on:
            self._prune(day)
        column, j = model.columns[k], self.where[k][a]
        self.reached[k] += 1
        self.entered[a][k] = day
        survival = float(column.survival[j])
        u = self.wait[k][a]
        odds = (1 - survival + u * survival) / ((1 - u) * survival)
        out = day + float(column.median[j]) * odds**model.inv_shape
        ghost = self.ghost[k] * float(column.ghost_factor[j])
        ghost = ghost / (ghost + (1 - ghost) * survival)
        chance = self._chance(k, day)
        self.state[a] = (k, day, out)
        if day >= self.pruned_on and self.leaves[k][a]:  # she is eliminating: she leaves
            self._withdraw(a)
            return
        if self.outcome[k][a] < 1 - (1 - ghost) * chance:
            return
        if step + 1 < len(model.paths[a]):
            heapq.heappush(queue, (out, a, step + 1))
        else:
            self.ends[a] = out
            heapq.heappush(queue, (out, a, step + 1))  # the offer's arrival

    def _chance(self, k: int, day: float) -> float:
        column = self.model.columns[k]
        if not column.interview:
            return self.level[k]
        if day > 0:
            earlier = column.history + self.done[k]
            self.done[k] += 1
        else:
            earlier = column.pending_level
        return normal_cdf(self.level[k] + self.model.practice.gain(earlier))

    def _prune(self, day: float) -> None:
        """Begin eliminating on ``day``: withdraw early-stage applications rated below the
        median and those she leaves at her rate (each still waiting for the company's answer),
        and do not send the low-rated ones still to be sent."""
        self.pruned_on = day
        for a, state in enumerate(self.state):
            if self.withdrawn[a]:
                continue
            if state is None:  # not begun: drop it if it is still to be sent
                if not self.model.paths[a]:
                    continue
                k = self.model.paths[a][0]
                j = self.where[k][a]
                column = self.model.columns[k]
                drop = bool(column.planned[j] and column.prunable[j])
            else:
                k, entered, out = state
                column = self.model.columns[k]
                chosen = bool(column.prunable[self.where[k][a]]) or self.leaves[k][a]
                drop = chosen and entered <= day < out
            if drop:
                self._withdraw(a)

    def _withdraw(self, a: int) -> None:
        self.withdrawn[a] = True
        self.ends[a] = math.inf

    def _outcome(self, window: float) -> SearchOutcome:
        offers = sorted(
            (day, day + float(self.model.deadline[a]))
            for a, day in enumerate(self.ends)
            if day < math.inf and day <= window
        )
        two_open = False
        latest = -math.inf
        for arrive, close in offers:
            two_open = two_open or arrive <= latest
            latest = max(latest, close)
        return SearchOutcome(
            tuple(day for day, _ in offers),
            two_open,
            tuple(self.reached),
            tuple(tuple(days) for days in self.entered),
            tuple(day if day <= window else math.inf for day in self.ends),
        )
