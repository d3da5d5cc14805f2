"""Companies the planner cannot tell apart, and plans written in one order among them.

Two companies not yet under way with the same process, load, excitement, size band, referral
and cost of leaving out are interchangeable: swapping their dates changes neither the cost
nor the load. The solver orders them (the first of a class is in the plan whenever a later
one is, and applies no later), which removes equivalent plans from its search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from widenet.plan.grid import Grid


def interchangeable(grid: Grid) -> list[tuple[int, ...]]:
    """Classes of two or more interchangeable companies (indices in list order)."""
    classes: dict[object, list[int]] = {}
    for i, track in enumerate(grid.tracks):
        if track.fixed or not track.can_include:
            continue
        classes.setdefault(replace(track, name=""), []).append(i)
    return [tuple(members) for members in classes.values() if len(members) > 1]


def in_order(grid: Grid, apply: Sequence[int | None]) -> list[int | None]:
    """The same plan with each class's days handed out in order: those in the plan first,
    earliest day first, then those left out."""
    out = list(apply)
    for members in interchangeable(grid):
        days = [apply[i] for i in members]
        chosen = sorted(day for day in days if day is not None)
        ordered: list[int | None] = [*chosen, *([None] * (len(days) - len(chosen)))]
        for i, day in zip(members, ordered, strict=True):
            out[i] = day
    return out
