"""The random numbers of a batch of simulated searches, drawn once and shared by both engines.

Per stage kind and run: the company's no-answer rate, its pass level and the candidate's
withdrawal rate (sampled from the calibrated beliefs). Per stage kind, application and run: one
uniform that decides the outcome (no answer / rejection / pass), one that sets the wait and,
when the candidate may withdraw, one that decides whether she does. The draws of a search with
more applications start with those of a smaller one (the applications axis comes before the
runs), which gives common random numbers for "what if I add applications"; runs are the last
axis because the engine works on one row of runs per application.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.model import Model
from widenet.track.stages import Stage


@dataclass(frozen=True)
class Draws:
    stages: tuple[Stage, ...]
    ghost: NDArray[np.float32]  # (stages, runs) P(no answer)
    level: NDArray[np.float32]  # (stages, runs) P(pass), or base z for interviews
    outcome: NDArray[np.float32]  # (stages, applications, runs) uniform in [0, 1)
    wait: NDArray[np.float32]  # (stages, applications, runs) uniform in [0, 1)
    withdraw: NDArray[np.float32]  # (stages, runs) P(withdrawal once eliminating)
    leave: NDArray[np.float32] | None  # (stages, applications, runs) uniform; None: no rate

    @property
    def runs(self) -> int:
        return int(self.outcome.shape[2])

    @property
    def width(self) -> int:
        return int(self.outcome.shape[1])

    def at(self, stage: Stage) -> int:
        return self.stages.index(stage)

    def select(self, positions: Sequence[int]) -> Draws:
        """The draws of these applications only, in this order: common random numbers for
        searches that hold different subsets of the same applications (plans that leave
        different companies out)."""
        index = np.asarray(positions, dtype=np.intp)
        leave = None if self.leave is None else self.leave[:, index]
        return replace(self, outcome=self.outcome[:, index], wait=self.wait[:, index], leave=leave)


def draw(
    model: Model,
    runs: int,
    rng: np.random.Generator,
    *,
    width: int | None = None,
    stages: Sequence[Stage] | None = None,
) -> Draws:
    """Draw for ``runs`` searches; ``width`` ≥ the model's applications and ``stages`` ⊇ its
    columns' stages keep the draws the same across models that differ in those."""
    kinds, width = layout(model, width=width, stages=stages)
    rates = draw_rates(model, kinds, runs, rng)
    return draw_uniforms(kinds, rates, width=width, rng=rng)


def layout(
    model: Model, *, width: int | None, stages: Sequence[Stage] | None
) -> tuple[tuple[Stage, ...], int]:
    """The stage kinds and the number of applications the draws are laid out for."""
    kinds = tuple(stages) if stages is not None else model.stages
    width = model.size if width is None else width
    if width < model.size or not set(model.stages) <= set(kinds):
        raise ValueError("draws must cover every application and stage of the model")
    return kinds, width


@dataclass(frozen=True)
class Rates:
    """Per stage kind and run: P(no answer), the pass level, P(withdrawal)."""

    ghost: NDArray[np.float32]
    level: NDArray[np.float32]
    withdraw: NDArray[np.float32]

    def runs(self, chunk: slice) -> Rates:
        return Rates(self.ghost[:, chunk], self.level[:, chunk], self.withdraw[:, chunk])


def draw_rates(
    model: Model, kinds: tuple[Stage, ...], runs: int, rng: np.random.Generator
) -> Rates:
    """Per stage kind and run: the no-answer rate, the pass level and the withdrawal rate
    (from the beliefs)."""
    columns = {column.stage: column for column in model.columns}
    ghost = np.zeros((len(kinds), runs), dtype=np.float32)
    level = np.zeros((len(kinds), runs), dtype=np.float32)
    withdraw = np.zeros((len(kinds), runs), dtype=np.float32)
    for i, stage in enumerate(kinds):
        belief = columns[stage].belief if stage in columns else model.beliefs.posterior[stage]
        inverter = columns[stage].inverter if stage in columns else None
        ghost[i] = belief.ghost.sample(rng, runs)
        level[i] = belief.sample_level(rng, runs, inverter)
        withdraw[i] = belief.withdraw.sample(rng, runs)  # exactly 0 with pruning off
    return Rates(ghost, level, withdraw)


def draw_uniforms(
    kinds: tuple[Stage, ...],
    rates: Rates,
    *,
    width: int,
    rng: np.random.Generator,
) -> Draws:
    """The per-application uniforms for the runs of the given rates (the withdrawal uniforms
    only when some rate is above 0)."""
    runs = rates.ghost.shape[1]
    outcome = rng.random((len(kinds), width, runs), dtype=np.float32)
    wait = rng.random((len(kinds), width, runs), dtype=np.float32)
    leave = (
        rng.random((len(kinds), width, runs), dtype=np.float32) if rates.withdraw.any() else None
    )
    return Draws(kinds, rates.ghost, rates.level, outcome, wait, rates.withdraw, leave)
