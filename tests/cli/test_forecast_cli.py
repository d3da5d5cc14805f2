"""`widenet forecast` end to end: on the demo search, on an empty database, with a parameters
file, with bad options, and with its progress bar kept off the JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, built_demo
from widenet.cli import forecast as forecast_cli

EXAMPLE_PARAMS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "forecast-params.json"
FAST = ("--runs", "2000")


@pytest.fixture(scope="module")
def demo(settings_env: Path) -> Run:
    """The demo search, built once for the module by `widenet demo`."""
    return built_demo(settings_env)


def as_json(run: Run, *args: str) -> Any:
    code, out, err = run("forecast", *FAST, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_json_has_the_documented_keys(demo: Run) -> None:
    data = as_json(demo)
    offers = data["offers"]
    assert isinstance(offers["mean"], float)
    assert abs(sum(offers["pmf"]) - 1) < 1e-9
    assert set(offers["p_at_least"]) == {"1", "2", "3"}
    assert offers["p_at_least"]["1"] == 1 - offers["pmf"][0]
    assert 0 <= data["leverage"]["p_two_open"] <= 1
    assert {"first", "each", "by_week"} <= set(data["offer_dates"])
    assert set(data["how_wide"]["smallest_extra"]) == {"0.8", "0.9"}
    assert [row["extra"] for row in data["how_wide"]["curve"]][:3] == [0, 5, 10]
    assert len(data["interview_hours"]) == 8
    for row in data["applications"]:
        assert {"label", "p_offer", "expected_offer_date", "stages"} <= set(row)
    stages = {row["stage"] for row in data["calibration"]}
    assert {"applied", "recruiter", "technical", "onsite"} <= stages
    assert data["settings"] == {
        "seed": 1,
        "added": 0,
        "window_days": None,
        "decide_within_days": None,
        "params": None,
    }


def test_the_same_seed_gives_the_same_output(demo: Run) -> None:
    first = demo("forecast", *FAST, "--add", "4", "--seed", "5", "--json")
    again = demo("forecast", *FAST, "--add", "4", "--seed", "5", "--json")
    other = demo("forecast", *FAST, "--add", "4", "--seed", "6", "--json")
    assert first[0] == 0
    assert first == again
    assert json.loads(first[1]) != json.loads(other[1])


def test_the_report_shows_every_section(demo: Run) -> None:
    code, out, err = demo("forecast", *FAST, "--add", "3", "--window", "30")
    assert code == 0, err
    for section in (
        "Offers:",
        "When offers come (within 30 days)",
        "Leverage:",
        "Each open application",
        "+3 typical applications (each)",
        "Weeks ahead: interview hours",
        "How wide",
        "Smallest number reaching",
        "Calibration",
    ):
        assert section in out, section
    names = [row["label"].split(" — ")[0] for row in as_json(demo)["applications"]]
    assert names
    assert all(name in out for name in names)


def test_what_ifs_change_the_answer(demo: Run, tmp_path: Path) -> None:
    # The demo's offers in hand are older than the decision window: she decides today, so
    # applications added now bring nothing — unless she does not decide.
    undecided = tmp_path / "undecided.json"
    undecided.write_text('{"pruning": {"decision_window_days": null}}', encoding="utf-8")
    plain = as_json(demo, "--params", str(undecided))
    wider = as_json(demo, "--params", str(undecided), "--add", "10")
    assert wider["settings"]["added"] == 10
    assert wider["typical_added"]["hypothetical"] is True
    assert wider["offers"]["mean"] > plain["offers"]["mean"]
    decided = as_json(demo, "--add", "10")
    assert decided["offers"]["mean"] < wider["offers"]["mean"]
    today_only = as_json(demo, "--window", "0")
    assert today_only["window_days"] == 0
    held = sum(1 for row in plain["applications"] if row["stage"] == "offer")
    assert today_only["offers"]["pmf"][held] == 1.0  # only the offers in hand
    # Deciding two months after the first offer lets the added applications come to offers.
    patient = as_json(demo, "--add", "10", "--decide-within", "60")
    assert patient["settings"]["decide_within_days"] == 60
    assert patient["offers"]["mean"] > decided["offers"]["mean"]


def test_a_parameters_file_is_used(demo: Run) -> None:
    data = as_json(demo, "--params", str(EXAMPLE_PARAMS))
    assert data["settings"]["params"] == "forecast-params.json"
    judged = {row["stage"]: row["judged_by"] for row in data["calibration"]}
    assert judged["onsite"] == "fixed"  # the example fixes the onsite's pass probability


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--runs", "0"), "runs"),
        (("--add", "-1"), "add"),
        (("--window", "-2"), "window"),
        (("--decide-within", "400"), "decide"),
        (("--seed", "-1"), "seed"),
        (("--params", "nowhere.json"), "nowhere.json"),
    ],
)
def test_bad_options_are_refused_by_name(empty: Run, args: tuple[str, ...], named: str) -> None:
    code, out, err = empty("forecast", *args)
    assert code == 1
    assert out == ""
    assert named in err


def test_a_bad_parameters_file_names_the_file_and_the_field(empty: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text('{"practice": {"decay": 1.5}}', encoding="utf-8")
    code, _, err = empty("forecast", "--params", str(path))
    assert code == 1
    assert "mine.json" in err
    assert "practice.decay" in err


def test_a_number_that_is_not_one_is_a_usage_error(empty: Run) -> None:
    code, _, err = empty("forecast", "--runs", "many")
    assert code == 2
    assert "--runs" in err


def test_an_empty_search_still_answers(empty: Run) -> None:
    code, out, err = empty("forecast", *FAST)
    assert code == 0, err
    assert "No open applications" in out
    data = as_json(empty)
    assert data["offers"]["mean"] == 0.0
    assert data["applications"] == []
    needed = data["how_wide"]["smallest_extra"]["0.8"]
    assert isinstance(needed, int)
    assert needed > 0
    assert f"{needed} more applications" in out


def test_the_progress_bar_stays_off_the_json(empty: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forecast_cli, "_interactive", lambda: True)
    monkeypatch.setattr(forecast_cli, "LONG_RUNS", 1_000)
    code, out, err = empty("forecast", *FAST, "--json")
    assert code == 0, err
    assert json.loads(out)["runs"] == 2000
