"""The parameters file: defaults, overrides, and errors that name the field."""

from __future__ import annotations

import json

import pytest

from widenet.errors import InvalidInput
from widenet.forecast import ForecastParams, load_params, parse_params, priors
from widenet.track.model import SizeBand
from widenet.track.stages import Stage


def test_an_empty_file_is_the_default_model() -> None:
    assert load_params("{}") == ForecastParams()


def test_overrides_are_read() -> None:
    params = load_params(
        json.dumps(
            {
                "pipeline": ["applied", "technical", "onsite", "references"],
                "stages": {
                    "technical": {"pass_probability": 0.5, "median_days": {"small": 2}},
                    "applied": {"prior_pass": 0.6, "ghost": 0.3},
                    "onsite": {"bar": 2.8},
                },
                "practice": {"enabled": False},
                "pruning": {
                    "trigger": "technical",
                    "early_stages": ["applied"],
                    "decision_window_days": None,
                },
                "offer_deadline_days": {"huge": 21},
            }
        )
    )
    assert params.pipeline == (Stage.APPLIED, Stage.TECHNICAL, Stage.ONSITE, Stage.REFERENCES)
    assert params.stage(Stage.TECHNICAL).pass_probability == 0.5
    assert params.stage(Stage.TECHNICAL).median_days == {SizeBand.SMALL: 2.0}
    assert params.stage(Stage.APPLIED).ghost == 0.3
    assert params.stage(Stage.ONSITE).bar == 2.8
    assert params.stage(Stage.RECRUITER).bar is None  # untouched kinds keep their defaults
    assert not params.practice.enabled
    assert params.pruning.trigger is Stage.TECHNICAL
    assert params.pruning.decision_window_days is None
    assert load_params("{}").pruning.decision_window_days == 14  # the planner's window
    assert params.offer_deadline_days == {SizeBand.HUGE: 21}
    assert params.candidate.skill == pytest.approx(priors.SKILL)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stages": {"technical": {"pass_probability": 1.5}}}, "stages.technical.pass_probability"),
        ({"stages": {"technical": {"pass_probabilty": 0.5}}}, "stages.technical.pass_probabilty"),
        ({"stages": {"technical": {"ghost": -0.1}}}, "stages.technical.ghost"),
        (
            {"stages": {"technical": {"pass_probability": "0.5"}}},
            "stages.technical.pass_probability",
        ),
        ({"stages": {"lunch": {"ghost": 0.1}}}, "stages.lunch"),
        ({"stages": {"offer": {"ghost": 0.1}}}, "stages.offer"),
        ({"stages": {"applied": {"bar": 2.5}}}, "stages.applied.bar"),
        ({"stages": {"technical": {"prior_pass": 0.5}}}, "stages.technical.prior_pass"),
        ({"stages": {"onsite": {"median_days": {"small": 0}}}}, "stages.onsite.median_days.small"),
        ({"stages": {"onsite": {"median_days": {"tiny": 3}}}}, "stages.onsite.median_days.tiny"),
        ({"practice": {"enabled": "no"}}, "practice.enabled"),
        ({"practice": {"decay": 1.0}}, "practice.decay"),
        ({"practice": {"speed": 1.0}}, "practice.speed"),
        ({"candidate": {"noise_sd": 0}}, "candidate.noise_sd"),
        ({"pipeline": ["onsite", "applied"]}, "pipeline"),
        ({"pipeline": []}, "pipeline"),
        ({"pipeline": ["applied", "offer"]}, "pipeline"),
        ({"referral": {"skips": ["applied"]}}, "referral.skips"),
        ({"pruning": {"trigger": "offer"}}, "pruning.trigger"),
        ({"pruning": {"decision_window_days": -1}}, "pruning.decision_window_days"),
        ({"pruning": {"decision_window_days": 400}}, "pruning.decision_window_days"),
        ({"pruning": {"decision_window_days": "14"}}, "pruning.decision_window_days"),
        ({"durations": {"shape": 1.0}}, "durations.shape"),
        ({"calibration": {"prior_strength": 0}}, "calibration.prior_strength"),
        ({"offer_deadline_days": {"small": -1}}, "offer_deadline_days.small"),
        ({"runs": 10}, "runs"),
    ],
)
def test_bad_values_are_rejected_naming_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_params(data, source="my.json")
    assert caught.value.field == field
    assert caught.value.message.startswith(f"my.json: {field}")


def test_every_problem_is_reported() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_params({"practice": {"decay": 2}, "candidate": {"skill": -1}})
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"practice.decay", "candidate.skill"}
    assert "2 values are wrong" in caught.value.message


@pytest.mark.parametrize("text", ["{", "[]", '{"candidate": {"skill": NaN}}'])
def test_text_that_is_not_a_parameters_object_is_rejected(text: str) -> None:
    with pytest.raises(InvalidInput):
        load_params(text)
