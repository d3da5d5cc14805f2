"""The evaluation commands end to end: rate, ratings, questions, ask, decide, criteria."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from widenet.cli.app import app

runner = CliRunner()
Run = Callable[..., tuple[int, str, str]]


def _acme_through_the_onsite(cli: Run) -> None:
    cli("apply", "Acme Robotics", "--role", "Backend", "--on", "-20d")
    cli("move", "acme", "recruiter call", "--on", "-12d")
    code, out, err = cli("rate", "acme", "team=4", "manager=5", "--on", "-12d")
    assert code == 0, err
    assert "after Recruiter" in out
    cli("move", "acme", "onsite", "--on", "-2d")
    code, out, err = cli(
        "rate", "acme", "team=2", "manager=1", "wlb=3",
        "--after", "onsite", "--confidence", "high", "--note", "manager talked over everyone",
    )  # fmt: skip
    assert code == 0, err
    assert "4.50 → " in out  # (4 x 3 + 5 x 3) / 6 before


def test_rate_then_see_how_the_view_moved(cli: Run) -> None:
    _acme_through_the_onsite(cli)
    code, out, _ = cli("ratings", "acme", "--json")
    assert code == 0
    data = json.loads(out)
    team = next(row for row in data["criteria"] if row["key"] == "team")
    assert [r["score"] for r in team["history"]] == [4, 2]
    assert [r["after"] for r in team["history"]] == ["Recruiter", "Onsite"]
    change = data["biggest_changes"][0]
    assert change["after_stage"] == "onsite"
    assert change["before"] == 4.5
    assert change["now"] == pytest.approx((2 * 3 + 1 * 3 + 3 * 2) / 8)
    assert data["points"][-1]["rated"][0]["note"] == "manager talked over everyone"
    code, out, _ = cli("ratings", "acme")
    assert code == 0
    assert "Biggest changes" in out
    assert data["sparkline"] in out


def test_questions_then_ask(cli: Run) -> None:
    _acme_through_the_onsite(cli)
    code, out, _ = cli("questions", "acme", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["next_stage"] == "offer"
    assert data["suggestions"][0]["criterion"] == "product"  # weight 2, never rated
    first = data["suggestions"][0]["questions"][0]["id"]
    code, out, err = cli("ask", "acme", first, "--answer", "Payments for small shops")
    assert code == 0, err
    assert "Payments for small shops" in out
    code, out, _ = cli("questions", "acme", "--json")
    data = json.loads(out)
    assert [a["question_id"] for a in data["asked"]] == [first]
    assert data["asked"][0]["at_stage"] == "onsite"
    assert first not in [q["id"] for q in data["suggestions"][0]["questions"]]
    code, out, _ = cli("questions", "acme")
    assert code == 0
    assert "Asked so far" in out


def test_decide_ranks_with_its_sensitivity_and_is_reproducible(cli: Run) -> None:
    _acme_through_the_onsite(cli)
    cli("apply", "Beta", "--role", "Backend", "--on", "-10d")
    cli("rate", "beta", "team=3", "manager=3")
    cli("apply", "Gone", "--role", "Backend", "--on", "-10d")
    cli("rate", "gone", "team=5", "manager=5")
    cli("withdraw", "gone")
    code, out, err = cli("decide", "--json", "--seed", "3")
    assert code == 0, err
    data = json.loads(out)
    assert [(r["company"], r["rank"]) for r in data["rows"]] == [("Beta", 1), ("Acme Robotics", 2)]
    assert data["leader"] == "Beta"
    assert {f["criterion"] for f in data["flips"]} >= {"team", "manager"}
    assert data["stability"]["seed"] == 3
    assert cli("decide", "--json", "--seed", "3")[1] == out
    code, out, _ = cli("decide")
    assert code == 0
    assert "First choice: Beta" in out
    assert "stays first in" in out


def test_criteria_are_listed_and_weights_set(cli: Run) -> None:
    code, out, _ = cli("criteria", "--json")
    assert code == 0
    assert [c["key"] for c in json.loads(out)["criteria"]][:2] == ["team", "manager"]
    code, out, err = cli("criteria", "set", "team=4", "growth=3")
    assert code == 0, err
    assert "team 3 → 4" in out
    code, out, _ = cli("criteria", "add", "commute", "--weight", "2", "--json")
    assert code == 0
    weights = {c["key"]: c["weight"] for c in json.loads(out)["criteria"]}
    assert (weights["team"], weights["growth"], weights["commute"]) == (4, 3, 2)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("rate", "acme", "tema=4"), "Did you mean 'team'"),
        (("rate", "acme", "team=6"), "outside 1-5"),
        (("rate", "acme", "team=4", "manager=9", "wlb"), "nothing was recorded"),
        (("rate", "acme", "team=4", "--confidence", "sure-ish"), "low, medium or high"),
        (("rate", "acme", "team=4", "--on", "+3d"), "has not come yet"),
        (("rate", "zeta", "team=4"), "No company named 'zeta'"),
    ],
)
def test_bad_ratings_exit_non_zero_and_write_nothing(
    cli: Run, args: tuple[str, ...], words: str
) -> None:
    _acme_through_the_onsite(cli)
    before = cli("ratings", "acme", "--json")[1]
    code, _, err = cli(*args)
    assert code == 1
    assert words in " ".join(err.split())
    assert cli("ratings", "acme", "--json")[1] == before


def test_weights_summing_to_zero_are_refused(cli: Run) -> None:
    before = cli("criteria", "--json")[1]
    zeros = [f"{k}=0" for k in ("team", "manager", "product", "technology", "growth")]
    zeros += ["wlb=0", "comp=0", "location=0"]
    code, _, err = cli("criteria", "set", *zeros)
    assert code == 1
    assert "sum to zero" in err
    code, _, err = cli("criteria", "set", "team=lots")
    assert code == 1
    assert "not a number" in err
    assert cli("criteria", "--json")[1] == before


def test_the_demo_shows_views_that_moved_and_a_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIDENET_DATA_DIR", str(tmp_path / "data"))
    demo_db = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["demo", "--seed", "7", "--db", demo_db])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["decide", "--json", "--db", demo_db])
    decision = json.loads(result.stdout)
    leader = decision["leader"]
    assert leader is not None
    result = runner.invoke(app, ["ratings", leader, "--json", "--db", demo_db])
    assert len(json.loads(result.stdout)["points"]) >= 2
    result = runner.invoke(app, ["questions", leader, "--db", demo_db])
    assert result.exit_code == 0, result.stderr
