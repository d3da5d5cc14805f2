"""The random numbers of a batch of simulated searches, drawn once and shared by both engines.

Per stage kind and run: the company's no-answer rate and its pass level (sampled from the
calibrated Beta beliefs). Per stage kind, application and run: one uniform that decides the
outcome (no answer / rejection / pass) and one that sets the wait. The draws of a search with
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
        return replace(self, outcome=self.outcome[:, index], wait=self.wait[:, index])


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
    ghost, level = draw_rates(model, kinds, runs, rng)
    return draw_uniforms(kinds, ghost, level, width=width, rng=rng)


def layout(
    model: Model, *, width: int | None, stages: Sequence[Stage] | None
) -> tuple[tuple[Stage, ...], int]:
    """The stage kinds and the number of applications the draws are laid out for."""
    kinds = tuple(stages) if stages is not None else model.stages
    width = model.size if width is None else width
    if width < model.size or not set(model.stages) <= set(kinds):
        raise ValueError("draws must cover every application and stage of the model")
    return kinds, width


def draw_rates(
    model: Model, kinds: tuple[Stage, ...], runs: int, rng: np.random.Generator
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Per stage kind and run: the no-answer rate and the pass level (from the beliefs)."""
    columns = {column.stage: column for column in model.columns}
    ghost = np.zeros((len(kinds), runs), dtype=np.float32)
    level = np.zeros((len(kinds), runs), dtype=np.float32)
    for i, stage in enumerate(kinds):
        belief = columns[stage].belief if stage in columns else model.beliefs.posterior[stage]
        inverter = columns[stage].inverter if stage in columns else None
        ghost[i] = belief.ghost.sample(rng, runs)
        level[i] = belief.sample_level(rng, runs, inverter)
    return ghost, level


def draw_uniforms(
    kinds: tuple[Stage, ...],
    ghost: NDArray[np.float32],
    level: NDArray[np.float32],
    *,
    width: int,
    rng: np.random.Generator,
) -> Draws:
    """The per-application uniforms for the runs of the given rates."""
    runs = ghost.shape[1]
    outcome = rng.random((len(kinds), width, runs), dtype=np.float32)
    wait = rng.random((len(kinds), width, runs), dtype=np.float32)
    return Draws(kinds, ghost, level, outcome, wait)
