"""Small builders shared by the forecast tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from widenet.forecast import ForecastParams, OpenApplication, Search, parse_params
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

TODAY = date(2026, 11, 26)
SIZES = tuple(SizeBand)


def fresh_search(count: int, *, today: date = TODAY) -> Search:
    """``count`` applications sent today: sizes and excitement 1–5 in turn."""
    return Search(
        today,
        tuple(
            OpenApplication(f"company {i}", size=SIZES[i % 4], excitement=1 + i % 5)
            for i in range(count)
        ),
    )


def fixed_params(pass_probability: float | dict[Stage, float], **extra: Any) -> ForecastParams:
    """Every stage's pass probability fixed; ghosting, practice and pruning off."""
    pipeline = [Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE]
    chances = (
        pass_probability
        if isinstance(pass_probability, dict)
        else dict.fromkeys(pipeline, pass_probability)
    )
    data: dict[str, Any] = {
        "pipeline": [stage.value for stage in pipeline],
        "stages": {stage.value: {"pass_probability": p} for stage, p in chances.items()},
        "ghosting": {"enabled": False},
        "practice": {"enabled": False},
        "pruning": {"enabled": False},
    }
    data.update(extra)
    return parse_params(data)
