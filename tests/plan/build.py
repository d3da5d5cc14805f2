"""Builders for the planner tests."""

from __future__ import annotations

from datetime import date

from widenet.plan.problem import Prospect
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

START = date(2026, 11, 30)  # a Monday


def company(
    name: str,
    to_onsite: int,
    *,
    excitement: int = 3,
    size: SizeBand = SizeBand.MEDIUM,
    after_onsite: int = 4,
    **options: object,
) -> Prospect:
    """A company whose onsite comes ``to_onsite`` days after applying (split over the three
    steps before it) and whose offer comes ``after_onsite`` days after the onsite."""
    first = to_onsite // 3
    days = {
        Stage.APPLIED: first,
        Stage.RECRUITER: first,
        Stage.TECHNICAL: to_onsite - 2 * first,
        Stage.ONSITE: after_onsite // 2,
        Stage.REFERENCES: after_onsite - after_onsite // 2,
    }
    return Prospect(name, excitement, size, stage_days=days, **options)  # type: ignore[arg-type]
