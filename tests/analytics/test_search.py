"""All analytics at once, their JSON, and the rules the analytics modules keep."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import widenet.analytics
from widenet.analytics.breakdowns import breakdowns
from widenet.analytics.burndown import burndown
from widenet.analytics.flow import flow
from widenet.analytics.funnel import funnel
from widenet.analytics.learning import learning_curve
from widenet.analytics.load import interview_load
from widenet.analytics.search import Search, analyse
from widenet.analytics.timelines import timelines
from widenet.track.model import Outcome

from .build import company, day, interview
from .seed import seed_search

TODAY = day(60)
APPS = tuple(seed_search())
COMPANIES = tuple(company(a.company_id, f"Company {a.company_id}") for a in APPS)
BOOKED = (interview(2, outcome=Outcome.PASS, rating=3), interview(4, outcome=Outcome.FAIL))
SEARCH = Search(COMPANIES, APPS, BOOKED)


def test_analyse_gives_what_each_analysis_gives_alone() -> None:
    result = analyse(SEARCH, today=TODAY)
    assert result.start == day(0)
    assert result.funnel == funnel(APPS, today=TODAY)
    assert result.flow == flow(APPS, today=TODAY)
    assert result.burndown == burndown(APPS, today=TODAY)
    assert result.timelines == timelines(APPS, COMPANIES, today=TODAY)
    assert result.breakdowns == breakdowns(APPS, COMPANIES, today=TODAY)
    assert result.load == interview_load(BOOKED, today=TODAY, start=day(0))
    assert result.learning == learning_curve(BOOKED, today=TODAY)


@pytest.mark.parametrize("search", [SEARCH, Search()], ids=["seed", "empty"])
def test_json_is_plain(search: Search) -> None:
    plain = analyse(search, today=TODAY).to_json()
    assert json.loads(json.dumps(plain, allow_nan=False)) == plain
    assert set(plain) == {
        "today",
        "start",
        "funnel",
        "flow",
        "burndown",
        "timelines",
        "breakdowns",
        "load",
        "learning",
    }


def test_json_names_stages_and_reasons_by_value() -> None:
    plain = analyse(SEARCH, today=TODAY).to_json()
    applied = plain["funnel"]["rows"][0]
    assert applied["stage"] == "applied"
    assert applied["rejected"]["no_response"] == 7
    assert plain["burndown"]["open_by_stage"]["recruiter"][0] == 0


SOURCE = Path(widenet.analytics.__file__).parent
PLOTTING = {"figures", "report.py"}
FORBIDDEN = {"sqlalchemy", "typer", "fastapi", "rich", "jinja2", "ortools"}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path", sorted(SOURCE.rglob("*.py")), ids=lambda p: str(p.relative_to(SOURCE))
)
def test_pure_modules_stay_pure(path: Path) -> None:
    used = imports(path)
    assert not used & FORBIDDEN
    if path.relative_to(SOURCE).parts[0] not in PLOTTING:
        assert "plotly" not in used
    text = path.read_text()
    for clock in ("date.today(", "datetime.now(", "default_rng(", "time.time("):
        assert clock not in text, f"{path.name} reads the clock or makes its own rng"
