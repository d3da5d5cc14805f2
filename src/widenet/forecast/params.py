"""The parameters file (``--params FILE.json``): its schema, loading and checks.

Every field is optional; what is left out keeps the default of priors.py. Unknown keys and bad
values are rejected with a message naming the field (``stages.technical.pass_probability``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widenet import defaults
from widenet.errors import InvalidInput, Problem
from widenet.forecast import priors
from widenet.forecast.search import pipeline_problems
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

_STRICT = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)


class StageParams(BaseModel):
    """Overrides for one stage kind."""

    model_config = _STRICT

    pass_probability: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Fix P(pass | the company answered): no practice, no calibration.",
    )
    prior_pass: float | None = Field(
        default=None,
        gt=0,
        lt=1,
        description="Prior mean pass probability of a stage without an interview.",
    )
    bar: float | None = Field(
        default=None,
        ge=0,
        le=5,
        description="Interview stages: the score (1–4 scale) the company requires.",
    )
    ghost: float | None = Field(
        default=None, ge=0, lt=1, description="Prior probability the company never answers."
    )
    median_days: dict[SizeBand, float] | None = Field(
        default=None, description="Median days in the stage, by company size."
    )
    withdraw: float | None = Field(
        default=None,
        ge=0,
        lt=1,
        description="Prior probability the candidate withdraws at this stage once she has "
        "begun eliminating (a process the pruning policy does not drop).",
    )


class CandidateParams(BaseModel):
    model_config = _STRICT

    skill: float = Field(default=priors.SKILL, ge=0, le=5)
    noise_sd: float = Field(default=priors.NOISE_SD, gt=0, le=5)


class PracticeParams(BaseModel):
    model_config = _STRICT

    enabled: bool = True
    first_gain_sd: float = Field(default=priors.PRACTICE_FIRST_GAIN_SD, ge=0, le=3)
    decay: float = Field(default=priors.PRACTICE_DECAY, ge=0, lt=1)


class GhostingParams(BaseModel):
    model_config = _STRICT

    enabled: bool = True


class PruningParams(BaseModel):
    model_config = _STRICT

    enabled: bool = True
    trigger: Stage = priors.PRUNING_TRIGGER
    early_stages: tuple[Stage, ...] = priors.PRUNING_EARLY
    decision_window_days: float | None = Field(
        default=defaults.DECISION_WINDOW_DAYS,
        ge=0,
        le=365,
        description="Days from the first offer to her decision, when she withdraws from "
        "every process still open; null: she never decides (every process runs to its end).",
    )


class ReferralParams(BaseModel):
    model_config = _STRICT

    skips: tuple[Stage, ...] = priors.REFERRAL_SKIPS
    ghost_factor: float = Field(default=priors.REFERRAL_GHOST_FACTOR, ge=0, le=1)


class DurationParams(BaseModel):
    model_config = _STRICT

    shape: float = Field(default=priors.DURATION_SHAPE, gt=1, le=50)


class CalibrationParams(BaseModel):
    model_config = _STRICT

    enabled: bool = True
    prior_strength: float = Field(default=priors.PRIOR_STRENGTH, gt=0, le=1e6)


class ForecastParams(BaseModel):
    """The whole parameters file. ``ForecastParams()`` is the default model."""

    model_config = _STRICT

    pipeline: tuple[Stage, ...] = priors.PIPELINE
    stages: dict[Stage, StageParams] = Field(default_factory=dict)
    candidate: CandidateParams = Field(default_factory=CandidateParams)
    practice: PracticeParams = Field(default_factory=PracticeParams)
    ghosting: GhostingParams = Field(default_factory=GhostingParams)
    pruning: PruningParams = Field(default_factory=PruningParams)
    referral: ReferralParams = Field(default_factory=ReferralParams)
    durations: DurationParams = Field(default_factory=DurationParams)
    calibration: CalibrationParams = Field(default_factory=CalibrationParams)
    offer_deadline_days: dict[SizeBand, int] = Field(default_factory=dict)

    def stage(self, stage: Stage) -> StageParams:
        return self.stages.get(stage, StageParams())

    def median_days(self, stage: Stage, size: SizeBand) -> float:
        """Median days in a stage at a company of this size (the parameters', else the
        default)."""
        override = self.stage(stage).median_days or {}
        return float(override.get(size, defaults.STAGE_DAYS[size][stage]))


def load_params(text: str, *, source: str = "params") -> ForecastParams:
    """Read a parameters file's JSON text; ``source`` (e.g. the file name) prefixes messages."""
    try:
        params = ForecastParams.model_validate_json(text)
    except ValidationError as exc:
        raise _invalid(source, [_problem(error) for error in exc.errors()]) from None
    problems = check_params(params)
    if problems:
        raise _invalid(source, problems)
    return params


def parse_params(data: Mapping[str, Any], *, source: str = "params") -> ForecastParams:
    """The same as :func:`load_params` for an already parsed mapping (e.g. a web form)."""
    try:
        text = json.dumps(data, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"{source}: not JSON data ({exc})", field=source) from None
    return load_params(text, source=source)


def check_params(params: ForecastParams) -> list[Problem]:
    """Rules that span fields: which stage kinds take which settings."""
    problems = pipeline_problems(params.pipeline, "pipeline")
    for stage, settings in params.stages.items():
        problems.extend(_stage_problems(stage, settings))
    for stage in params.pruning.early_stages:
        if stage not in priors.STAGES:
            problems.append(Problem(f"{stage!s} is not a stage", field="pruning.early_stages"))
    if params.pruning.trigger not in priors.STAGES:
        problems.append(Problem("must be a stage kind", field="pruning.trigger"))
    for stage in params.referral.skips:
        if stage not in priors.STAGES or stage is Stage.APPLIED:
            problems.append(Problem(f"{stage!s} cannot be skipped", field="referral.skips"))
    for size, days in params.offer_deadline_days.items():
        if not 0 <= days <= 365:
            problems.append(
                Problem("must be between 0 and 365 days", field=f"offer_deadline_days.{size}")
            )
    return problems


def _stage_problems(stage: Stage, settings: StageParams) -> list[Problem]:
    where = f"stages.{stage}"
    if stage not in priors.STAGES:
        return [Problem("not a stage kind a process passes through", field=where)]
    problems = []
    interview = stage in priors.INTERVIEW_STAGES
    if interview and settings.prior_pass is not None:
        problems.append(
            Problem(
                "an interview stage's prior comes from 'bar'; use 'bar' or 'pass_probability'",
                field=f"{where}.prior_pass",
            )
        )
    if not interview and settings.bar is not None:
        problems.append(
            Problem("only interview stages have a bar", field=f"{where}.bar"),
        )
    for size, days in (settings.median_days or {}).items():
        if not 0 < days <= 365:
            problems.append(
                Problem("must be above 0 and at most 365", field=f"{where}.median_days.{size}")
            )
    return problems


def _problem(error: Mapping[str, Any]) -> Problem:
    path = ".".join(str(part) for part in error["loc"] if part != "[key]")
    return Problem(str(error["msg"]), field=path or None)


def _invalid(source: str, problems: list[Problem]) -> InvalidInput:
    first = problems[0]
    if len(problems) == 1:
        return InvalidInput(f"{source}: {first.describe()}", field=first.field, problems=problems)
    return InvalidInput(
        f"{source}: {len(problems)} values are wrong; fix them all and run again.",
        field=first.field,
        problems=problems,
    )
