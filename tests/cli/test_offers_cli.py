"""The offer commands end to end: record, revise, value, compare, market data, negotiate."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

runner = CliRunner()
Cli = Callable[..., tuple[int, str, str]]
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def exact(value: Any) -> Decimal:
    return Decimal(str(value))


def test_offer_value_of_a_file_prints_the_documented_keys(cli: Cli) -> None:
    code, out, err = cli("offer", "value", str(EXAMPLES / "offer-growth-startup.json"), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [year["year"] for year in data["years"]] == [1, 2, 3, 4]
    for year in data["years"]:
        assert {"cash", "equity", "total"} <= set(year)
        assert exact(year["total"]) == exact(year["cash"]) + exact(year["equity"])
    assert exact(data["total_4y"]) == sum(exact(year["total"]) for year in data["years"])
    equity = data["equity"]
    assert {"paper", "expected", "p_zero", "percentiles"} <= set(equity)
    assert equity["paper"] == (12 - 3.2) * 30000  # (preferred − strike) × shares
    assert 0 < equity["p_zero"] < 1
    assert set(equity["percentiles"]) == {"10", "25", "50", "75", "90"}
    again = cli("offer", "value", str(EXAMPLES / "offer-growth-startup.json"), "--json")[1]
    assert json.loads(again) == data  # a fixed default seed: the same numbers every time


def test_offer_value_of_a_bad_file_names_the_field(cli: Cli, tmp_path: Path) -> None:
    bad = json.loads((EXAMPLES / "offer-small-startup.json").read_text(encoding="utf-8"))
    bad["options"]["vesting"] = {"years": [25, 25, 25, 20]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = cli("offer", "value", str(path))
    assert code == 1
    assert "options.vesting.years" in err
    assert "95" in err


def at_offer_stage(cli: Cli, name: str, *extra: str) -> None:
    assert cli("company", "add", name, *extra)[0] == 0
    assert cli("apply", name, "--role", "Senior Engineer", "--on", "-30d")[0] == 0
    assert cli("move", name, "offer", "--on", "-3d")[0] == 0


def test_a_new_user_records_compares_and_negotiates_three_offers(cli: Cli, tmp_path: Path) -> None:
    at_offer_stage(cli, "Northwind Cloud", "--size", "huge", "--valuation", "public")
    at_offer_stage(cli, "Brightpath", "--size", "medium", "--valuation", "growth")
    at_offer_stage(cli, "Tinkerworks", "--size", "small", "--valuation", "seed")
    common = ("--level", "Senior", "--location", "Seattle, WA", "--on", "-3d")
    code, _, err = cli(
        "offer", "add", "northwind", "--base", "200000", "--sign-on", "20000", "--rsu",
        "400000", "--vesting", "25/25/25/25", "--deadline", "+10d", *common,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = cli(
        "offer", "add", "bright", "--base", "178,000", "--options", "30000", "--strike", "3.20",
        "--preferred", "12.00", "--fully-diluted", "60000000", "--deadline", "+4d", *common,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = cli(
        "offer", "add", "tinker", "--base", "150000", "--options", "75000", "--strike", "0.25",
        "--preferred", "1.10", "--ownership", "0.5", "--bonus", "5%", *common,
    )  # fmt: skip
    assert code == 0, err

    code, out, err = cli("offer", "revise", "bright", "--base", "185000", "--asked", "base 195k")
    assert code == 0, err
    assert "178000 → 185000" in out
    code, out, _ = cli("offer", "show", "bright", "--json")
    shown = json.loads(out)
    assert [r["number"] for r in shown["revisions"]] == [1, 2]
    assert shown["revisions"][0]["offer"]["base"] == 178000  # the first round stays
    assert shown["revisions"][1]["changes"] == [
        {"field": "base", "before": "178000", "after": "185000"}
    ]
    assert shown["revisions"][1]["asked"] == "base 195k"

    csv = tmp_path / "peers.csv"
    csv.write_text(
        "company,level,location,date,base,equity_per_year\n"
        'Quill,Senior,"Seattle, WA",2026-01-05,190000,40000\n'
        'Zeta,Senior,"Seattle, WA",not-a-date,-1,\n',
        encoding="utf-8",
    )
    code, _, err = cli("market", "import", str(csv))
    assert code == 1
    assert "line 3" in err
    assert "nothing was imported" in err
    assert json.loads(cli("market", "list", "--json")[1]) == []
    for base in ("190000", "210000", "230000"):
        code, _, err = cli(
            "market", "add", "Peer", "--level", "Senior", "--location", "Seattle, WA",
            "--base", base, "--on", "-20d",
        )  # fmt: skip
        assert code == 0, err

    code, out, err = cli("offers", "--json")
    assert code == 0, err
    [group] = json.loads(out)["comparisons"]
    by_company = {item["company"]: item for item in group["offers"]}
    assert set(by_company) == {"Northwind Cloud", "Brightpath", "Tinkerworks"}
    north = by_company["Northwind Cloud"]
    assert north["valuation"]["total_4y"] == 1_220_000  # 4 × 200k + 20k + 400k, by hand
    assert north["rank"] == 1
    assert by_company["Brightpath"]["deadline"]["exploding"]
    assert by_company["Brightpath"]["deadline"]["days_left"] == 4
    assert north["market"]["verdict"] == "high"  # $300k a year against $190-230k
    assert by_company["Tinkerworks"]["market"]["verdict"] == "low"
    assert any("exploding" in warning for warning in group["warnings"])
    code, out, _ = cli("offers")
    assert code == 0
    assert "Northwind Cloud" in out
    assert "exploding" in out

    code, out, err = cli("negotiate", "tinker", "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["competitor"] == "Northwind Cloud"
    assert [m["kind"] for m in plan["messages"]] == ["counter", "close", "in_writing", "ask_range"]
    assert plan["counters"][0]["component"] == "base"
    assert plan["counters"][0]["ask"] > 150000
    assert plan["fairness"] is None
    code, out, _ = cli("negotiate", "tinker", "--fairness", "--json")
    assert json.loads(out)["fairness"]["flagged"] is True
    code, out, _ = cli("negotiate", "tinker", "--fairness")
    assert "I'll sign" in out
    assert "Fairness check" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--base", "-185000"), "base"),
        (("--base", "185000", "--rsu", "100000", "--vesting", "25/25/25/20"), "vesting"),
        (("--base", "185000", "--on", "-2d", "--deadline", "-5d"), "deadline"),
        (("--base", "185000", "--sign-on", "-5"), "sign on"),  # fields print with spaces
    ],
)
def test_bad_offers_are_refused_and_nothing_is_written(
    cli: Cli, args: tuple[str, ...], field: str
) -> None:
    at_offer_stage(cli, "Acme")
    code, _, err = cli("offer", "add", "acme", *args)
    assert code == 1
    assert field in err
    assert json.loads(cli("offers", "--json")[1])["comparisons"] == []


def test_an_offer_before_the_offer_stage_says_what_to_do(cli: Cli) -> None:
    assert cli("apply", "Acme", "--role", "Backend", "--on", "-5d")[0] == 0
    code, _, err = cli("offer", "add", "acme", "--base", "185000")
    assert code == 1
    assert "widenet move" in err
    code, out, err = cli("offer", "add", "acme", "--base", "185000", "--move-to-offer")
    assert code == 0, err
    code, out, _ = cli("status", "acme", "--json")
    assert json.loads(out)[0]["stage"] == "offer"
    code, out, err = cli("offer", "value", "acme", "--json")
    assert code == 0, err
    assert json.loads(out)["total_4y"] == 4 * 185000
    code, out, _ = cli("negotiate", "nobody")
    assert code == 1
