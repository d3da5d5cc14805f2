"""`widenet plan`, `plan show` and `timeline` end to end: on the demo search on day 30, with
its JSON, re-planning, a problem file (and an impossible one), and on an empty database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, built_demo
from widenet.cli.plan_render import refinement_line
from widenet.errors import Infeasible
from widenet.plan import load_problem
from widenet.plan.solver import solve
from widenet.services.demo_plan import ON_THE_LIST
from widenet.services.plan_views import RefinementView

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "plan-problem.json"
FAST = ("--time-limit", "5")


def flat(text: str) -> str:
    """Text without the line breaks the terminal's width put in."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo(settings_env: Path) -> Run:
    """The demo search on day 30, built once for the module by `widenet demo`."""
    return built_demo(settings_env, "--day", "30")


def as_json(run: Run, *args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_demo_gets_a_plan_to_follow_week_by_week(demo: Run) -> None:
    code, out, err = demo("plan", *FAST)
    assert code == 0, err
    text = flat(out)
    assert "Week " in text
    assert "apply to" in text
    assert "target onsite" in text
    assert "Solver: optimal" in text or "Solver: feasible, within" in text
    assert "Refined by simulation: two offers open together in" in text or (
        "Refinement by simulation: no change worth a point of leverage" in text
    )
    assert "CP-SAT before refinement" in text
    assert "Compared with the baselines" in text
    assert "Everything on day one" in text
    assert "Greedy: longest first" in text
    planned = [name for name, _ in ON_THE_LIST if f"apply to {name}" in text]
    assert planned, "companies on the demo's list get an apply date"


def test_no_refine_keeps_the_solvers_plan(demo: Run) -> None:
    data = as_json(demo, "plan", "--no-refine", *FAST)
    assert data["method"] == "cp-sat"
    assert data["refinement"] is None
    assert [row["method"] for row in data["comparison"]] == ["cp-sat", "greedy", "day one"]


def test_the_json_has_the_plan_the_comparison_and_is_saved(demo: Run) -> None:
    data = as_json(demo, "plan", *FAST)
    assert {"id", "status", "gap", "window", "companies", "rows", "comparison", "notes"} <= set(
        data
    )
    assert data["status"] in ("optimal", "feasible")
    methods = [row["method"] for row in data["comparison"]]
    assert methods == ["cp-sat + refine", "cp-sat", "greedy", "day one"]
    assert data["refinement"]["started_from"] == "cp-sat"
    for row in data["comparison"]:
        assert 0 <= row["two_offers_open"] <= 1
    states = {c["name"]: c["state"] for c in data["companies"]}
    assert {name for name, _ in ON_THE_LIST} <= {n for n, s in states.items() if s == "new"}
    assert "under way" in states.values()
    assert "early" in states.values()
    for company in data["companies"]:
        assert {"apply_on", "onsite_on", "offer_on", "reason", "included"} <= set(company)
        assert company["reason"]
    actions = {row["action"] for row in data["rows"]}
    assert actions <= {"apply to", "expect a screen with", "target onsite", "leave out for now"}
    shown = as_json(demo, "plan", "show")
    assert shown["plan"]["id"] == data["id"]
    assert len(shown["versus"]) == len(data["companies"])
    code, out, _ = demo("plan", "show")
    assert code == 0
    assert "Planned → actual" in out


def test_replan_starts_from_the_saved_plan(demo: Run) -> None:
    first = as_json(demo, "plan", "--window", "10", *FAST)
    again = as_json(demo, "plan", "--replan", *FAST)
    assert again["replanned_from"] == first["id"]
    assert again["window_days"] == 10
    assert again["start"] == first["start"]


def test_a_problem_file_is_solved_without_a_database(empty: Run, tmp_path: Path) -> None:
    data = as_json(empty, "plan", "--problem", str(EXAMPLE), *FAST)
    assert data["source"] == "problem file"
    assert data["id"] is None
    names = {c["name"] for c in data["companies"]}
    assert names == {"Initech", "Hooli", "Pied Piper", "Globex", "Umbrella"}
    assert not (tmp_path / "empty.db").exists()
    code, out, err = empty("plan", "--problem", str(EXAMPLE), *FAST)
    assert code == 0, err
    assert "Plan of a problem file" in out


def test_an_impossible_window_gives_the_planners_message(empty: Run, tmp_path: Path) -> None:
    problem = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    problem |= {"window_days": 3, "window_hard": True}
    problem["companies"].append(
        {
            "name": "Soylent",
            "excitement": 2,
            "size_band": "medium",
            "under_way": {
                "stage": "onsite",
                "since": "2026-12-03",
                "booked": [{"stage": "onsite", "on": "2026-12-04"}],
            },
        }
    )
    path = tmp_path / "impossible.json"
    path.write_text(json.dumps(problem), encoding="utf-8")
    with pytest.raises(Infeasible) as expected:
        solve(load_problem(path), time_limit=5)
    code, out, err = empty("plan", "--problem", str(path), *FAST)
    assert code == 1
    assert out == ""
    assert flat(expected.value.message) in flat(err)
    assert flat(expected.value.hint) in flat(err)


def test_problem_refuses_options_it_does_not_use(empty: Run) -> None:
    code, _, err = empty("plan", "--problem", str(EXAMPLE), "--window", "7")
    assert code == 1
    assert "--window cannot go with --problem" in flat(err)


def test_an_empty_search_is_told_what_to_do(empty: Run) -> None:
    code, _, err = empty("plan")
    assert code == 1
    assert "Nothing to plan yet" in flat(err)
    assert "widenet company add" in flat(err)
    code, _, err = empty("plan", "show")
    assert code == 1
    assert "No plan saved yet" in flat(err)


def test_timeline_records_what_the_recruiter_said(empty: Run) -> None:
    code, _, err = empty("company", "add", "Acme", "--size", "large", "-e", "3")
    assert code == 0, err
    code, out, _ = empty("timeline", "Acme")
    assert code == 0
    assert "No recruiter at Acme" in flat(out)
    data = as_json(empty, "timeline", "Acme", "recruiter=5", "technical=7", "--deadline", "10")
    assert data["days"]["recruiter"] == 5
    assert data["days"]["technical"] == 7
    assert data["days"]["onsite"] == 7  # the default for a large company
    assert data["said"] == ["recruiter", "technical"]
    data = as_json(empty, "timeline", "Acme", "technical=9", "--note", "moved faster")
    assert data["days"]["technical"] == 9
    assert data["days"]["recruiter"] == 5
    assert data["offer_deadline_days"] == 10
    assert [s["note"] for s in data["statements"]] == ["", "moved faster"]
    code, _, err = empty("timeline", "Acme", "galaxy=3")
    assert code == 1
    assert "not a step" in flat(err)


@pytest.mark.parametrize(
    ("moves", "objective", "words", "absent"),
    [
        (3, 1_321, "Refined by simulation: two offers open together in 48% -> 64% of 2,000",
         "Objective"),
        (3, 4_800, "Objective 1,321 -> 4,800: some timing goals given up", "no change"),
        (0, 1_321, "no change worth a point of leverage (400 tried, 2.5 s); two offers open "
         "together in 48% of 2,000 searches", "->"),
    ],
)  # fmt: skip
def test_the_refinement_says_what_it_gained_and_what_it_cost(
    moves: int, objective: int, words: str, absent: str
) -> None:
    done = RefinementView(
        started_from="cp-sat", status="optimal", objective=1_321, gap=0.0, runs=2_000,
        evaluations=400, moves=moves, before=0.482, after=0.636 if moves else 0.482,
        seconds=2.5, stopped_on_time=False,
    )  # fmt: skip
    line = refinement_line(done, objective=objective)
    assert words in line
    assert absent not in line
