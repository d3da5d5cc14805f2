"""docs/forecast.md documents every parameter, and its example file is a valid one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from widenet.forecast import ForecastParams, load_params
from widenet.forecast.params import StageParams

DOCS = Path(__file__).resolve().parents[2] / "docs"


def paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    found = []
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.extend(paths(kind, f"{prefix}{name}."))
        else:
            found.append(f"{prefix}{name}")
    return found


PARAMETERS = [p for p in paths(ForecastParams) if p != "stages"] + [
    f"stages.<kind>.{name}" for name in StageParams.model_fields
]


@pytest.mark.parametrize("path", PARAMETERS)
def test_every_parameter_is_documented(path: str) -> None:
    text = (DOCS / "forecast.md").read_text(encoding="utf-8")
    assert f"`{path}" in text


def test_the_example_parameters_file_loads() -> None:
    path = DOCS / "examples" / "forecast-params.json"
    params = load_params(path.read_text(encoding="utf-8"), source=path.name)
    assert params != ForecastParams()
