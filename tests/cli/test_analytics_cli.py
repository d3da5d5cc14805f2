"""`widenet funnel`, `breakdown`, `timelines`, `load`, `learning`, `flow`, `burndown`, `report`,
end to end on the demo search and on an empty database."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, built_demo


@pytest.fixture(scope="module")
def demo(settings_env: Path) -> Run:
    """The demo search, built once for the module by `widenet demo`."""
    return built_demo(settings_env)


def as_json(run: Run, *args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def row_numbers(out: str, label: str) -> list[str]:
    """The numbers on the table row that starts with ``label``."""
    line = next(line for line in out.splitlines() if line.strip().startswith(label + " "))
    return re.findall(r"\d+%?", line.removeprefix(label))


def test_funnel_reads_like_the_real_search(demo: Run) -> None:
    code, out, _ = demo("funnel")
    assert code == 0
    # product.md: 43 -> 25 -> 12 -> 9 -> 5, and how the others left at each stage
    expected = {
        "Applied": ("43", "7 no response, 7 rejected (", "4 withdrawn"),
        "Recruiter": ("25", "2 rejected (", "11 withdrawn"),
        "Technical": ("12", "2 rejected (2 failed interview)", "1 withdrawn"),
        "Onsite": ("9", "4 withdrawn", ""),
        "Offer": ("5", "", ""),
    }
    for label, (reached, *exits) in expected.items():
        line = next(line for line in out.splitlines() if line.strip().startswith(label))
        assert row_numbers(out, label)[0] == reached
        assert all(part in line for part in exits), line
    assert "Hiring manager" not in out
    assert "--all-stages" in out
    data = as_json(demo, "funnel")
    assert [row["reached"] for row in data["rows"]] == [43, 25, 12, 9, 5]
    conversions = [row_numbers(out, label)[1] for label in ("Recruiter", "Technical")]
    assert conversions == [f"{25 / 43:.0%}", f"{12 / 25:.0%}"]


def test_funnel_with_every_stage(demo: Run) -> None:
    code, out, _ = demo("funnel", "--all-stages")
    assert code == 0
    stages = [row["stage"] for row in as_json(demo, "funnel", "--all-stages")["rows"]]
    assert "hiring_manager" in stages
    assert "Hiring manager" in out


def test_breakdown_by_each_dimension_or_one(demo: Run) -> None:
    code, out, _ = demo("breakdown")
    assert code == 0
    for title in ("Source channel", "Company size", "Valuation", "Market", "Role family"):
        assert title in out
    data = as_json(demo, "breakdown", "--by", "source")
    [source] = data["dimensions"]
    assert source["dimension"] == "source"
    assert sum(row["applications"] for row in source["rows"]) == 43
    code, out, _ = demo("breakdown", "--by", "source")
    assert "Company size" not in out
    referral = next(row for row in source["rows"] if row["key"] == "referral")
    numbers = row_numbers(out, "Referral")
    assert numbers[:4] == [
        str(referral[key]) for key in ("applications", "responses", "onsites", "offers")
    ]
    code, _, err = demo("breakdown", "--by", "colour")
    assert code == 1
    assert "source, size, valuation, market, role" in err


def test_timelines_show_every_process_and_reply_times(demo: Run) -> None:
    code, out, _ = demo("timelines")
    assert code == 0
    data = as_json(demo, "timelines")
    assert len(data["applications"]) == 43
    for bar in data["applications"]:
        assert bar["company"] in out
    assert "Median days per stage" in out
    onsite = next(row for row in data["stage_times"] if row["stage"] == "onsite")
    assert row_numbers(out, "Onsite") == [f"{onsite['median_days']:g}", str(onsite["stays"])]
    assert "Response time per company" in out
    silent = [c["company"] for c in data["companies"] if c["median_reply_days"] is None]
    assert silent
    assert all(re.search(rf"{re.escape(name)}\s+1\s+0\s+no reply", out) for name in silent)


def test_load_marks_the_days_over_the_cap(demo: Run) -> None:
    code, out, _ = demo("load")
    assert code == 0
    data = as_json(demo, "load")
    over = [day for day in data["days"] if day["over"]]
    assert len(re.findall(r"\d+\.\d!", out)) == len(over)
    assert ("Over the daily cap" in out) == bool(over)
    assert "Daily caps" in out
    total = sum(day["hours"] for day in data["days"])
    week_rows = re.findall(r"^\s*(\d+)\s+\w{3} \d+ \w{3}\s+\d+\s+[\d.]+\s+([\d.]+)", out, re.M)
    assert len(week_rows) == len(data["weeks"])
    assert sum(float(hours) for _, hours in week_rows) == pytest.approx(
        total, abs=0.05 * len(week_rows)
    )
    last_two = as_json(demo, "load", "--weeks", "2")
    assert [w["week"] for w in last_two["weeks"]] == [w["week"] for w in data["weeks"][-2:]]
    code, _, err = demo("load", "--weeks", "0")
    assert code == 1
    assert "weeks" in err


def test_learning_lists_each_technical_interview_and_the_ratings(demo: Run) -> None:
    code, out, _ = demo("learning")
    assert code == 0
    data = as_json(demo, "learning")
    attempts = re.findall(r"^\s*\d+\s+\w{3} \d+ \w{3}\s+(pass|fail|unknown)\b", out, re.M)
    assert attempts == [a["outcome"] for a in data["attempts"]]
    assert "credible band" in out
    assert "Self-rating against outcome" in out
    assert f"{data['agreement']:.0%} of the {data['judged']} interviews" in out


def test_flow_and_burndown_summaries(demo: Run) -> None:
    code, out, _ = demo("flow")
    assert code == 0
    flow = as_json(demo, "flow")
    keys = [node["key"] for node in flow["nodes"]]
    assert "exit:no_response" in keys
    link = next(
        link
        for link in flow["links"]
        if (keys[link["source"]], keys[link["target"]]) == ("applied", "exit:no_response")
    )
    assert re.search(rf"Applied\s+No response\s+{link['value']}\b", out)
    code, out, _ = demo("burndown")
    assert code == 0
    burndown = as_json(demo, "burndown")
    assert f"Most open at once: {max(burndown['open_total'])}," in out
    assert len(burndown["days"]) > 40  # every day in the JSON, weeks in the terminal


def test_report_is_written_and_never_silently_replaced(demo: Run, tmp_path: Path) -> None:
    target = tmp_path / "search.html"
    code, out, err = demo("report", "-o", str(target))
    assert code == 0, err
    assert str(target.resolve()) in out.replace("\n", "")
    html = target.read_text(encoding="utf-8")
    assert "<h2>Flow</h2>" in html
    assert "43 applications" in html

    target.write_text("kept", encoding="utf-8")
    code, _, err = demo("report", "-o", str(target))
    assert code == 1
    assert "already exists" in err
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "kept"

    data = as_json(demo, "report", "-o", str(target), "--force", "--title", "Ada's search")
    assert data["path"] == str(target.resolve())
    assert data["bytes"] == target.stat().st_size
    assert "Ada&#x27;s search" in target.read_text(encoding="utf-8")


def test_report_needs_an_output_file(demo: Run) -> None:
    code, _, _ = demo("report")
    assert code == 2


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("funnel", "No applications yet"),
        ("flow", "No applications yet"),
        ("burndown", "No applications yet"),
        ("timelines", "No applications yet"),
        ("breakdown", "No applications yet"),
        ("load", "No interviews yet"),
        ("learning", "No technical interviews yet"),
    ],
)
def test_an_empty_search_explains_itself(empty: Run, command: str, message: str) -> None:
    code, out, err = empty(command)
    assert code == 0, err
    assert message in out
    assert isinstance(as_json(empty, command), dict)


def test_an_empty_search_still_makes_a_report(empty: Run, tmp_path: Path) -> None:
    target = tmp_path / "empty.html"
    code, _, err = empty("report", "-o", str(target))
    assert code == 0, err
    assert "no applications yet" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fraction", "width", "expected"),
    [
        (0.5, 4, "██"),
        (1 / 32, 4, "▏"),  # one eighth of a cell
        (3 / 8, 1, "▍"),
        (1.5, 3, "███"),  # clamped to the width
        (-0.2, 3, ""),
        (0.0, 3, ""),
    ],
)
def test_bars_are_drawn_in_eighths_of_a_cell(fraction: float, width: int, expected: str) -> None:
    from widenet.cli.analytics_render import bar

    assert bar(fraction, width=width).plain == expected


def _row(**counts: Any) -> Any:
    from widenet.analytics.funnel import FunnelRow
    from widenet.track.stages import RejectReason, Stage

    rejected = dict.fromkeys(RejectReason, 0) | counts.pop("rejected", {})
    outcomes = {"withdrawn": 0, "ghosted": 0, "declined": 0, "accepted": 0, "still_open": 0}
    return FunnelRow(
        stage=Stage.APPLIED,
        label="Applied",
        reached=10,
        entered=10,
        skipped=0,
        conversion=None,
        rejected=rejected,
        **(outcomes | counts),
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, "—"),
        (
            {"rejected": {"no_response": 7, "role_filled": 2, "other": 1}, "withdrawn": 4},
            "7 no response, 3 rejected (2 role filled, 1 other), 4 withdrawn",
        ),
        ({"rejected": {"no_response": 2}}, "2 no response"),
        ({"ghosted": 1, "still_open": 3}, "1 ghosted, 3 still open"),
        ({"declined": 3, "accepted": 1}, "3 declined the offer, 1 accepted"),
    ],
)
def test_how_the_others_left_is_told_in_words(counts: dict[str, Any], expected: str) -> None:
    from widenet.cli.analytics_render import exits
    from widenet.track.stages import RejectReason

    if "rejected" in counts:
        counts["rejected"] = {RejectReason(k): v for k, v in counts["rejected"].items()}
    assert exits(_row(**counts)) == expected
