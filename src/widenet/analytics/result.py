"""The base of every analytics result: a frozen dataclass that turns itself into JSON."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any


def to_plain(value: Any) -> Any:
    """Dataclasses, enums, dates and containers as JSON-ready values (NaN becomes null)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(_scalar(k)): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value  # str, int, finite float, bool, None


class Result:
    """Mixin for result dataclasses: ``to_json()`` gives the shape the API and scripts see."""

    def to_json(self) -> dict[str, Any]:
        plain = to_plain(self)
        assert isinstance(plain, dict), "results are dataclasses"
        return plain
