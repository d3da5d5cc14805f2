"""The stand-alone problem file (JSON): its schema, the loader and the writer.

``widenet plan --problem FILE.json`` reads one of these for a reproducible run. Every wrong
value is reported with the path of its field (``companies[3].excitement``), all at once.
docs/planner.md shows an example.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, TypeVar

from widenet.errors import InvalidInput, ProblemList
from widenet.plan.problem import (
    STEP_KINDS,
    Booking,
    Capacity,
    PlanProblem,
    Prospect,
    UnderWay,
    Weights,
    check_problem,
)
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
_STEPS = sorted(s.value for s in STEP_KINDS)
_INTERVIEWS = ["hiring_manager", "onsite", "recruiter", "take_home", "technical"]
_NUMBERS = {"type": "array", "items": {"type": "number", "minimum": 0}, "minItems": 1}
_INTEGERS = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1}
_DATE = {"type": "string", "format": "date"}

#: JSON Schema (draft 2020-12) of the problem file; the loader enforces the same rules.
PROBLEM_SCHEMA: Final[dict[str, Any]] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "widenet plan problem",
    "type": "object",
    "required": ["start", "companies"],
    "additionalProperties": False,
    "properties": {
        "start": _DATE,
        "today": _DATE,
        "horizon_days": {"type": "integer", "minimum": 7, "maximum": 365, "default": 70},
        "window_days": {"type": "integer", "minimum": 1, "default": 14},
        "window_hard": {"type": "boolean", "default": False},
        "referral_after_days": {"type": "integer", "minimum": 0, "default": 10},
        "capacity": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "weekly_hours": _NUMBERS,
                "daily_interviews": _INTEGERS,
                "daily_technical": _INTEGERS,
                "daily_onsites": _INTEGERS,
            },
        },
        "pass_rates": {
            "type": "object",
            "propertyNames": {"enum": _STEPS},
            "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
        },
        "referral_response_rate": {"type": "number", "minimum": 0, "maximum": 1},
        "weights": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: {"type": "integer", "minimum": 0} for name in vars(Weights())},
        },
        "days_off": {
            "type": "array",
            "items": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$"},
        },
        "companies": {"type": "array", "items": {"$ref": "#/$defs/company"}},
    },
    "$defs": {
        "company": {
            "type": "object",
            "required": ["name", "excitement", "size_band"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "excitement": {"type": "integer", "minimum": 1, "maximum": 5},
                "size_band": {"enum": [b.value for b in SizeBand]},
                "referral": {"type": "boolean", "default": False},
                "required": {"type": "boolean", "default": False},
                "stage_days": {
                    "type": "object",
                    "propertyNames": {"enum": _STEPS},
                    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 120},
                },
                "steps": {"type": "array", "items": {"enum": _STEPS}, "minItems": 2},
                "offer_deadline_days": {"type": "integer", "minimum": 1, "maximum": 120},
                "under_way": {"$ref": "#/$defs/under_way"},
            },
        },
        "under_way": {
            "type": "object",
            "required": ["stage", "since"],
            "additionalProperties": False,
            "properties": {
                "stage": {"enum": [*_STEPS, "offer"]},
                "since": _DATE,
                "booked": {"type": "array", "items": {"$ref": "#/$defs/booking"}},
            },
        },
        "booking": {
            "type": "object",
            "required": ["stage", "on"],
            "additionalProperties": False,
            "properties": {
                "stage": {"enum": _INTERVIEWS},
                "on": _DATE,
                "minutes": {"type": "integer", "minimum": 1, "maximum": 720},
            },
        },
    },
}


def load_problem(path: Path) -> PlanProblem:
    """Read and check a problem file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}", field="problem") from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{path} is not JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            field="problem",
        ) from None
    return parse_problem(data)


def parse_problem(data: object) -> PlanProblem:
    """A PlanProblem from parsed JSON; InvalidInput lists every field that is wrong."""
    reader = _Reader()
    problem = reader.problem(data)
    if reader.found or problem is None:
        found = reader.found.problems
        if len(found) == 1:
            raise InvalidInput(found[0].message, field=found[0].field, problems=found)
        raise InvalidInput(
            f"{len(found)} values in the problem are wrong; fix them all and run again.",
            problems=found,
        )
    check_problem(problem)
    return problem


def problem_to_json(problem: PlanProblem) -> dict[str, Any]:
    """The problem as the JSON the loader reads back (for reproducible runs)."""
    out: dict[str, Any] = {
        "start": problem.start.isoformat(),
        "horizon_days": problem.horizon_days,
        "window_days": problem.window_days,
        "window_hard": problem.window_hard,
        "referral_after_days": problem.referral_after_days,
        "capacity": {k: list(v) for k, v in vars(problem.capacity).items()},
        "pass_rates": {s.value: r for s, r in problem.pass_rates.items()},
        "referral_response_rate": problem.referral_response_rate,
        "weights": dict(vars(problem.weights)),
        "companies": [_company_json(c) for c in problem.companies],
    }
    if problem.today is not None:
        out["today"] = problem.today.isoformat()
    out["days_off"] = [day.isoformat() for day in sorted(problem.days_off)]
    return out


def _company_json(company: Prospect) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": company.name,
        "excitement": company.excitement,
        "size_band": company.size_band.value,
        "referral": company.referral,
        "required": company.required,
    }
    if company.stage_days:
        out["stage_days"] = {s.value: d for s, d in company.stage_days.items()}
    if company.steps is not None:
        out["steps"] = [s.value for s in company.steps]
    if company.offer_deadline_days is not None:
        out["offer_deadline_days"] = company.offer_deadline_days
    if company.under_way is not None:
        state = company.under_way
        out["under_way"] = {
            "stage": state.stage.value,
            "since": state.since.isoformat(),
            "booked": [
                {"stage": b.stage.value, "on": b.on.isoformat()}
                | ({} if b.minutes is None else {"minutes": b.minutes})
                for b in state.booked
            ],
        }
    return out


class _Reader:
    """Reads fields by path, noting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.found = ProblemList()

    def fail(self, where: str, message: str) -> None:
        self.found.add(message, field=where)

    def problem(self, data: object) -> PlanProblem | None:
        top = self.mapping(data, "problem", PROBLEM_SCHEMA)
        if top is None:
            return None
        start = self.date(top.get("start"), "start", required=True)
        companies = self.each(top.get("companies"), "companies", self.company, required=True)
        options: dict[str, Any] = {}
        for name in ("horizon_days", "window_days", "referral_after_days"):
            if name in top:
                options[name] = self.integer(top[name], name)
        if "window_hard" in top:
            options["window_hard"] = self.boolean(top["window_hard"], "window_hard")
        if "today" in top:
            options["today"] = self.date(top["today"], "today")
        if "referral_response_rate" in top:
            options["referral_response_rate"] = self.number(
                top["referral_response_rate"], "referral_response_rate"
            )
        if "capacity" in top:
            options["capacity"] = self.capacity(top["capacity"], "capacity")
        if "pass_rates" in top:
            options["pass_rates"] = self.pass_rates(top["pass_rates"], "pass_rates")
        if "weights" in top:
            options["weights"] = self.weights(top["weights"], "weights")
        if "days_off" in top:
            spans = self.each(top["days_off"], "days_off", self.span)
            options["days_off"] = frozenset(day for span in spans or () for day in span)
        if start is None or companies is None or self.found:
            return None
        return PlanProblem(companies=tuple(companies), start=start, **options)

    def company(self, data: object, where: str) -> Prospect | None:
        fields = self.mapping(data, where, PROBLEM_SCHEMA["$defs"]["company"])
        if fields is None:
            return None
        name = self.string(fields.get("name"), f"{where}.name", required=True)
        excitement = self.integer(
            fields.get("excitement"), f"{where}.excitement", required=True, low=1, high=5
        )
        size = self.choice(fields.get("size_band"), f"{where}.size_band", SizeBand, required=True)
        referral = self.boolean(fields.get("referral", False), f"{where}.referral")
        required = self.boolean(fields.get("required", False), f"{where}.required")
        stage_days = self.stage_map(fields.get("stage_days", {}), f"{where}.stage_days", int)
        steps = None
        if "steps" in fields:
            steps = self.each(
                fields["steps"],
                f"{where}.steps",
                lambda v, w: self.choice(v, w, Stage, allowed=_STEPS),
            )
        deadline = (
            self.integer(
                fields["offer_deadline_days"], f"{where}.offer_deadline_days", low=1, high=120
            )
            if "offer_deadline_days" in fields
            else None
        )
        under_way = None
        if "under_way" in fields:
            under_way = self.under_way(fields["under_way"], f"{where}.under_way")
        if name is None or excitement is None or size is None:
            return None
        return Prospect(
            name=name,
            excitement=excitement,
            size_band=size,
            referral=bool(referral),
            required=bool(required),
            under_way=under_way,
            stage_days=stage_days or {},
            steps=None if steps is None else tuple(steps),
            offer_deadline_days=deadline,
        )

    def under_way(self, data: object, where: str) -> UnderWay | None:
        fields = self.mapping(data, where, PROBLEM_SCHEMA["$defs"]["under_way"])
        if fields is None:
            return None
        stage = self.choice(
            fields.get("stage"),
            f"{where}.stage",
            Stage,
            allowed=[*_STEPS, "offer"],
            required=True,
        )
        since = self.date(fields.get("since"), f"{where}.since", required=True)
        booked = self.each(fields.get("booked", []), f"{where}.booked", self.booking)
        if stage is None or since is None:
            return None
        return UnderWay(stage=stage, since=since, booked=tuple(booked or ()))

    def booking(self, data: object, where: str) -> Booking | None:
        fields = self.mapping(data, where, PROBLEM_SCHEMA["$defs"]["booking"])
        if fields is None:
            return None
        stage = self.choice(
            fields.get("stage"), f"{where}.stage", Stage, allowed=_INTERVIEWS, required=True
        )
        on = self.date(fields.get("on"), f"{where}.on", required=True)
        minutes = (
            self.integer(fields["minutes"], f"{where}.minutes") if "minutes" in fields else None
        )
        if stage is None or on is None:
            return None
        return Booking(stage=stage, on=on, minutes=minutes)

    def capacity(self, data: object, where: str) -> Capacity:
        fields = self.mapping(data, where, PROBLEM_SCHEMA["properties"]["capacity"]) or {}
        values: dict[str, tuple[Any, ...]] = {}
        for name, value in fields.items():
            if name not in vars(Capacity()):
                continue
            kind: Callable[[object, str], Any] = (
                self.number if name == "weekly_hours" else (self.integer)
            )
            items = self.each(value, f"{where}.{name}", kind)
            if items is not None:
                if not items:
                    self.fail(f"{where}.{name}", "needs at least one value")
                values[name] = tuple(items)
        return Capacity(**values)

    def pass_rates(self, data: object, where: str) -> dict[Stage, float]:
        return self.stage_map(data, where, float) or {}

    def weights(self, data: object, where: str) -> Weights:
        fields = self.mapping(data, where, PROBLEM_SCHEMA["properties"]["weights"]) or {}
        known = vars(Weights())
        values = {
            name: self.integer(v, f"{where}.{name}") for name, v in fields.items() if name in known
        }
        return Weights(**{k: v for k, v in values.items() if v is not None})

    def stage_map(self, data: object, where: str, kind: type) -> dict[Stage, Any] | None:
        if not isinstance(data, dict):
            self.fail(where, "must be an object of step names")
            return None
        out: dict[Stage, Any] = {}
        for key, value in data.items():
            stage = self.choice(key, f"{where}.{key}", Stage, allowed=_STEPS)
            number = (
                self.integer(value, f"{where}.{key}")
                if kind is int
                else self.number(value, f"{where}.{key}")
            )
            if stage is not None and number is not None:
                out[stage] = number
        return out

    # -- primitives -------------------------------------------------------------------------

    def mapping(self, data: object, where: str, schema: Mapping[str, Any]) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.fail(where, "must be a JSON object")
            return None
        known = schema.get("properties", {})
        for key in data:
            if key not in known:
                self.fail(
                    f"{where}.{key}" if where != "problem" else key,
                    f"unknown field; expected one of: {', '.join(sorted(known))}",
                )
        return data

    def each(
        self,
        data: object,
        where: str,
        read: Callable[[object, str], T | None],
        *,
        required: bool = False,
    ) -> list[T] | None:
        if data is None and not required:
            return []
        if not isinstance(data, list):
            self.fail(where, "must be a list" if data is not None else "is required")
            return None
        items = [read(item, f"{where}[{k}]") for k, item in enumerate(data)]
        return [item for item in items if item is not None]

    def string(self, data: object, where: str, *, required: bool = False) -> str | None:
        if isinstance(data, str) and data.strip():
            return data.strip()
        self.fail(where, "is required" if data is None and required else "must be a non-empty text")
        return None

    def integer(
        self,
        data: object,
        where: str,
        *,
        required: bool = False,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        if isinstance(data, int) and not isinstance(data, bool):
            if (low is not None and data < low) or (high is not None and data > high):
                self.fail(where, f"must be from {low} to {high} (got {data})")
                return None
            return data
        self.fail(where, "is required" if data is None and required else "must be a whole number")
        return None

    def number(self, data: object, where: str) -> float | None:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        self.fail(where, "must be a number")
        return None

    def boolean(self, data: object, where: str) -> bool | None:
        if isinstance(data, bool):
            return data
        self.fail(where, "must be true or false")
        return None

    def span(self, data: object, where: str) -> list[date] | None:
        """A date, or a range FIRST..LAST (both included), as its days."""
        text = data if isinstance(data, str) else None
        first, _, last = (text or "").partition("..")
        low = self.date(first if text is not None else data, where)
        high = self.date(last, where) if last else low
        if low is None or high is None:
            return None
        if high < low or (high - low).days > 366:
            self.fail(where, "must run forward, at most a year: FIRST..LAST")
            return None
        return [low + timedelta(days=k) for k in range((high - low).days + 1)]

    def date(self, data: object, where: str, *, required: bool = False) -> date | None:
        if isinstance(data, str):
            try:
                return date.fromisoformat(data)
            except ValueError:
                pass
        self.fail(
            where, "is required" if data is None and required else "must be a date YYYY-MM-DD"
        )
        return None

    def choice(
        self,
        data: object,
        where: str,
        kind: type[E],
        *,
        allowed: list[str] | None = None,
        required: bool = False,
    ) -> E | None:
        names = allowed if allowed is not None else [m.value for m in kind]
        if isinstance(data, str) and data in names:
            return kind(data)
        if data is None and required:
            self.fail(where, "is required")
        else:
            self.fail(where, f"{data!r} is not one of: {', '.join(names)}")
        return None
