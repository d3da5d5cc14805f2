"""The random numbers of a batch of simulated searches, drawn once and shared by both engines.

Per stage kind and run: the company's no-answer rate and its pass level (sampled from the
calibrated Beta beliefs). Per stage kind, run and application: one uniform that decides the
outcome (no answer / rejection / pass) and one that sets the wait. Applications are the last
axis, so the draws of a search with more applications start with those of a smaller one:
that gives common random numbers for "what if I add applications".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.model import Model
from widenet.track.stages import Stage


@dataclass(frozen=True)
class Draws:
    stages: tuple[Stage, ...]
    ghost: NDArray[np.float32]  # (stages, runs) P(no answer)
    level: NDArray[np.float32]  # (stages, runs) P(pass), or base z for interviews
    outcome: NDArray[np.float32]  # (stages, runs, applications) uniform in [0, 1)
    wait: NDArray[np.float32]  # (stages, runs, applications) uniform in [0, 1)

    @property
    def runs(self) -> int:
        return int(self.outcome.shape[1])

    @property
    def width(self) -> int:
        return int(self.outcome.shape[2])

    def at(self, stage: Stage) -> int:
        return self.stages.index(stage)


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
    kinds = tuple(stages) if stages is not None else model.stages
    width = model.size if width is None else width
    if width < model.size or not set(model.stages) <= set(kinds):
        raise ValueError("draws must cover every application and stage of the model")
    columns = {column.stage: column for column in model.columns}
    ghost = np.zeros((len(kinds), runs), dtype=np.float32)
    level = np.zeros((len(kinds), runs), dtype=np.float32)
    for i, stage in enumerate(kinds):
        belief = columns[stage].belief if stage in columns else model.beliefs.posterior[stage]
        inverter = columns[stage].inverter if stage in columns else None
        ghost[i] = belief.ghost.sample(rng, runs)
        level[i] = belief.sample_level(rng, runs, inverter)
    outcome = rng.random((len(kinds), runs, width), dtype=np.float32)
    wait = rng.random((len(kinds), runs, width), dtype=np.float32)
    return Draws(kinds, ghost, level, outcome, wait)
