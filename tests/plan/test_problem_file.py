import json
import re
from datetime import date
from pathlib import Path

import pytest

from widenet.errors import InvalidInput
from widenet.plan.problem import Capacity, PlanProblem, Prospect, Weights
from widenet.plan.problem_file import (
    PROBLEM_SCHEMA,
    load_problem,
    parse_problem,
    problem_to_json,
)
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

DOCS = Path(__file__).resolve().parents[2] / "docs" / "planner.md"


def minimal(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "start": "2026-11-30",
        "companies": [{"name": "Acme", "excitement": 2, "size_band": "large"}],
    }
    data.update(changes)
    return data


def company(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"name": "Acme", "excitement": 2, "size_band": "large"}
    data.update(changes)
    return data


def test_the_example_in_the_docs_loads(tmp_path: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert example is not None, "docs/planner.md needs a ```json example"
    path = tmp_path / "problem.json"
    path.write_text(example.group(1), encoding="utf-8")
    problem = load_problem(path)
    assert problem.start == date(2026, 11, 30)
    assert any(c.under_way is not None and c.under_way.booked for c in problem.companies)


def test_defaults_fill_what_is_left_out() -> None:
    problem = parse_problem(minimal())
    assert problem == PlanProblem(
        companies=(Prospect("Acme", 2, SizeBand.LARGE),), start=date(2026, 11, 30)
    )


def test_a_full_problem_survives_a_round_trip() -> None:
    data = minimal(
        today="2026-12-07",
        horizon_days=56,
        window_days=10,
        window_hard=True,
        capacity={"weekly_hours": [8, 16], "daily_onsites": [1]},
        weights={"window": 30, "defer": 900},
        pass_rates={"technical": 0.6},
        days_off=["2026-12-24..2026-12-28", "2027-01-01"],
        companies=[
            company(
                referral=True,
                required=True,
                stage_days={"applied": 3},
                steps=["applied", "recruiter", "hiring_manager", "onsite"],
                offer_deadline_days=5,
                under_way={
                    "stage": "recruiter",
                    "since": "2026-12-01",
                    "booked": [{"stage": "onsite", "on": "2026-12-14", "minutes": 360}],
                },
            )
        ],
    )
    problem = parse_problem(data)
    assert problem.capacity == Capacity(weekly_hours=(8.0, 16.0), daily_onsites=(1,))
    assert problem.weights == Weights(window=30, defer=900)
    assert problem.pass_rates == {Stage.TECHNICAL: 0.6}
    assert problem.days_off == {date(2026, 12, d) for d in range(24, 29)} | {date(2027, 1, 1)}
    assert problem.companies[0].steps == (
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.HIRING_MANAGER,
        Stage.ONSITE,
    )
    assert parse_problem(json.loads(json.dumps(problem_to_json(problem)))) == problem


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"companies": []}, "start", "required"),
        (minimal(start="30/11/2026"), "start", "YYYY-MM-DD"),
        (minimal(companies="Acme"), "companies", "list"),
        (minimal(horizon=70), "horizon", "unknown field"),
        (minimal(horizon_days="ten weeks"), "horizon_days", "whole number"),
        (minimal(horizon_days=3), "horizon_days", "between 7 and 365"),
        (minimal(window_days=100), "window_days", "horizon"),
        (minimal(window_hard="yes"), "window_hard", "true or false"),
        (minimal(companies=[company(excitement=7)]), "companies[0].excitement", "1 to 5"),
        (minimal(companies=[company(excitement=2.5)]), "companies[0].excitement", "whole"),
        (minimal(companies=[company(size_band="giant")]), "companies[0].size_band", "small"),
        (minimal(companies=[company(name="")]), "companies[0].name", "non-empty"),
        (minimal(companies=[company(sise="large")]), "companies[0].sise", "unknown field"),
        (minimal(companies=[company(), company()]), "companies[1].name", "twice"),
        (
            minimal(companies=[company(stage_days={"lunch": 2})]),
            "companies[0].stage_days.lunch",
            "not one of",
        ),
        (
            minimal(companies=[company(steps=["applied", "recruiter"])]),
            "companies[0].steps",
            "onsite",
        ),
        (
            minimal(companies=[company(steps=["applied", "onsite", "recruiter"])]),
            "companies[0].steps",
            "funnel order",
        ),
        (
            minimal(companies=[company(under_way={"stage": "onsite"})]),
            "companies[0].under_way.since",
            "required",
        ),
        (
            minimal(companies=[company(under_way={"stage": "take_home", "since": "2026-11-20"})]),
            "companies[0].under_way.stage",
            "steps",
        ),
        (
            minimal(
                companies=[
                    company(
                        under_way={
                            "stage": "onsite",
                            "since": "2026-11-20",
                            "booked": [{"stage": "recruiter", "on": "2026-11-25"}],
                        }
                    )
                ]
            ),
            "companies[0].under_way.booked[0].stage",
            "before the current stage",
        ),
        (
            minimal(
                companies=[
                    company(
                        under_way={
                            "stage": "recruiter",
                            "since": "2026-11-20",
                            "booked": [{"stage": "onsite", "on": "2026-11-10"}],
                        }
                    )
                ]
            ),
            "companies[0].under_way.booked[0].on",
            "before the process reached",
        ),
        (
            minimal(companies=[company(offer_deadline_days=0)]),
            "companies[0].offer_deadline_days",
            "from 1 to 120",
        ),
        (
            minimal(companies=[company(offer_deadline_days="soon")]),
            "companies[0].offer_deadline_days",
            "whole number",
        ),
        (minimal(days_off=["2026-12-28..2026-12-24"]), "days_off[0]", "run forward"),
        (minimal(days_off=["Christmas"]), "days_off[0]", "YYYY-MM-DD"),
        (minimal(capacity={"weekly_hours": []}), "capacity.weekly_hours", "at least one"),
        (minimal(capacity={"weekly_hours": [-1]}), "capacity.weekly_hours", "negative"),
        (minimal(pass_rates={"onsite": 1.5}), "pass_rates.onsite", "between 0 and 1"),
        (minimal(weights={"window": -1}), "weights.window", "negative"),
        (minimal(weights={"windw": 1}), "weights.windw", "unknown field"),
    ],
)
def test_a_wrong_value_is_named_by_its_field(
    data: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_problem(data)
    fields = [p.field for p in raised.value.problems]
    assert field in fields
    assert words in str(raised.value.problems[fields.index(field)].message)


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    data = minimal(companies=[company(excitement="high", size_band="giant")], window_hard=1)
    with pytest.raises(InvalidInput) as raised:
        parse_problem(data)
    assert {p.field for p in raised.value.problems} == {
        "companies[0].excitement",
        "companies[0].size_band",
        "window_hard",
    }
    assert "3 values in the problem are wrong" in str(raised.value)
    assert raised.value.field is None  # the list names each field; the message none


def test_a_value_out_of_range_is_reported_with_the_others() -> None:
    data = minimal(companies=[company(excitement=9, size_band="giant")])
    with pytest.raises(InvalidInput) as raised:
        parse_problem(data)
    found = {p.field: p.message for p in raised.value.problems}
    assert found["companies[0].excitement"] == "must be from 1 to 5 (got 9)"
    assert "companies[0].size_band" in found


def test_a_file_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"start": "2026-11-30",\n "companies": [}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2"):
        load_problem(path)


def test_the_schema_names_every_field_the_loader_reads() -> None:
    written = problem_to_json(parse_problem(minimal(today="2026-12-01")))
    assert set(PROBLEM_SCHEMA["properties"]) == set(written)
    assert set(PROBLEM_SCHEMA["properties"]["weights"]["properties"]) == set(vars(Weights()))
    assert set(PROBLEM_SCHEMA["properties"]["capacity"]["properties"]) == set(vars(Capacity()))
