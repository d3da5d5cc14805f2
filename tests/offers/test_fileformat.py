"""The offer file: the examples load, round-trip and value; bad files name each field."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from widenet.errors import InvalidInput
from widenet.offers.fileformat import loads_offer, parse_offer, read_offer_file
from widenet.offers.model import Offer
from widenet.offers.money import Money, SharePrice
from widenet.offers.serialize import dump_offer, valuation_to_json
from widenet.offers.value import value_offer
from widenet.track.model import ValuationBand

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples").glob("offer-*.json"))
MINIMAL: dict[str, Any] = {
    "company": "Acme",
    "offer_date": "2026-11-20",
    "start_date": "2027-01-11",
    "base": 150000,
}


def test_there_are_three_examples() -> None:
    assert [path.name for path in EXAMPLES] == [
        "offer-growth-startup.json",
        "offer-large-public.json",
        "offer-small-startup.json",
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_load_and_round_trip(path: Path) -> None:
    offer = read_offer_file(path)
    again = parse_offer(json.loads(json.dumps(dump_offer(offer)), parse_float=Decimal))
    assert again == offer


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_value_json_has_the_documented_fields(path: Path) -> None:
    offer = read_offer_file(path)
    data = valuation_to_json(value_offer(offer, rng=np.random.default_rng(1), runs=2000))
    json.dumps(data)  # plain JSON
    assert [year["year"] for year in data["years"]] == [1, 2, 3, 4]
    for year in data["years"]:
        assert Decimal(str(year["total"])) == Decimal(str(year["cash"])) + Decimal(
            str(year["equity"])
        )
    totals = sum(Decimal(str(year["total"])) for year in data["years"])
    assert Decimal(str(data["total_4y"])) == totals
    if offer.options is None:
        assert data["equity"] is None
    else:
        equity = data["equity"]
        assert set(equity) >= {"paper", "expected", "p_zero", "percentiles"}
        assert set(equity["percentiles"]) == {"10", "25", "50", "75", "90"}
        assert 0 <= equity["p_zero"] <= 1
        assert equity["expected"] < equity["paper"]  # the examples are private companies


def test_the_large_company_example_reads_as_written() -> None:
    offer = read_offer_file(next(p for p in EXAMPLES if "large" in p.name))
    assert offer.base == Money.of(192_000)
    assert [p.year for p in offer.sign_on] == [1, 2]
    assert offer.rsu is not None
    assert offer.rsu.share_price == SharePrice.of("185.40")
    assert offer.rsu.vesting.name == "5/15/40/40"
    assert offer.stage is ValuationBand.PUBLIC


def test_edited_assumptions_override_only_what_they_name() -> None:
    offer = read_offer_file(next(p for p in EXAMPLES if "small" in p.name))
    assert offer.options is not None
    edited = offer.options.assumptions
    assert edited is not None
    assert edited.discount_rate_percent == 12  # from the file
    assert edited.future_rounds == 3  # seed default
    assert len(edited.scenarios) == 4


def test_numbers_are_read_without_floats() -> None:
    offer = loads_offer(
        json.dumps({**MINIMAL, "base": "150000.10", "relocation": 0}).replace(
            '"150000.10"', "150000.10"
        )
    )
    assert offer.base == Money(15_000_010)


def test_floats_from_a_plain_decoder_are_read_as_written() -> None:
    offer = parse_offer(json.loads(json.dumps({**MINIMAL, "base": 150000.1, "relocation": 0.3})))
    assert offer.base == Money(15_000_010)
    assert offer.relocation == Money(30)


def test_explicit_scenarios_without_a_stage() -> None:
    data = {
        **MINIMAL,
        "options": {
            "shares": 10000,
            "strike": 2,
            "preferred_price": 5,
            "fully_diluted_shares": 10000000,
            "assumptions": {
                "scenarios": [
                    {"probability": 0.5, "exit_value": 0},
                    {"probability": 0.3, "exit_value": 100000000},
                    {"probability": 0.2, "multiple": 10},  # 10 x $50M post-money
                ]
            },
        },
    }
    offer = loads_offer(json.dumps(data))
    valuation = value_offer(offer, rng=np.random.default_rng(1), runs=100)
    assert valuation.equity is not None
    assert valuation.equity.expected == Money.of(120_000)


def change(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a dotted path in the file (creating objects on the way)."""

    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for name in parents:
            data = data.setdefault(name, {})
        data[last] = value

    return apply


RSU = {"grant_value": 100000, "vesting": {"preset": "25/25/25/25"}}


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (change("base", -100), "base", "above 0"),
        (change("relocation", "-5000"), "relocation", "negative"),
        (
            change("sign_on", [{"amount": 100, "year": 1}, {"amount": -5}]),
            "sign_on[1].amount",
            "negative",
        ),
        (change("deadline", "2026-11-01"), "deadline", "before the offer date"),
        (change("bse", 1), "bse", "unknown field"),
        (change("start_date", "11/01/2027"), "start_date", "YYYY-MM-DD"),
        (change("currency", "dollars"), "currency", "three letters"),
        (change("stage", "series-z"), "stage", "not one of"),
        (
            change("rsu", {**RSU, "vesting": {"years": [25, 25, 25, 20]}}),
            "rsu.vesting.years",
            "not 100",
        ),
        (
            change("rsu", {**RSU, "vesting": {"preset": "1/2/3"}}),
            "rsu.vesting.preset",
            "not a preset",
        ),
        (
            change("rsu", {**RSU, "vesting": {"years": [50, 50], "preset": "25/25/25/25"}}),
            "rsu.vesting.preset",
            "exactly one",
        ),
        (
            change("rsu", {**RSU, "vesting": {"events": [{"month": 12, "percent": 60}]}}),
            "rsu.vesting.percent",
            "not 100",
        ),
        (change("rsu", {"vesting": {"preset": "25/25/25/25"}}), "rsu.grant_value", "either"),
        (
            change("options", {"shares": 10, "preferred_price": 5, "fully_diluted_shares": 100}),
            "options.strike",
            "required",
        ),
        (
            change(
                "options",
                {
                    "shares": 10,
                    "strike": 1,
                    "preferred_price": 5,
                    "fully_diluted_shares": 100,
                    "assumptions": {"scenarios": [{"probability": 0.5, "exit_value": 0}]},
                },
            ),
            "options.assumptions.scenarios",
            "not 1",
        ),
        (
            change(
                "options",
                {
                    "shares": 10,
                    "strike": 1,
                    "preferred_price": 5,
                    "fully_diluted_shares": 100,
                    "assumptions": {},
                },
            ),
            "options.assumptions.scenarios",
            "stage",
        ),
        (change("bonus", {"target_percent": 15, "payout": 1}), "bonus.payout", "unknown field"),
        (change("benefits", {"name": "Gym"}), "benefits", "list of objects"),
    ],
)
def test_bad_files_are_refused_naming_the_field(
    edit: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    data = json.loads(json.dumps(MINIMAL))
    edit(data)
    with pytest.raises(InvalidInput, match=words) as caught:
        parse_offer(data)
    assert field in [problem.field for problem in caught.value.problems]


def test_all_problems_are_reported_together() -> None:
    data = {**MINIMAL, "base": -1, "relocation": -2, "colour": "blue"}
    del data["company"]
    with pytest.raises(InvalidInput) as caught:
        parse_offer(data)
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"company", "base", "relocation", "colour"}


def test_broken_json_names_the_line() -> None:
    with pytest.raises(InvalidInput, match="line 2") as caught:
        loads_offer('{\n  "company": ,\n}')
    assert caught.value.field == "file"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read") as caught:
        read_offer_file(tmp_path / "nope.json")
    assert caught.value.field == "file"


def test_a_minimal_offer_has_sensible_defaults() -> None:
    offer: Offer = parse_offer(MINIMAL)
    assert offer.currency == "USD"
    assert offer.deadline is None
    assert offer.sign_on == ()


def test_the_complete_example_in_the_docs_is_a_valid_offer() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "offers.md").read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]
    offer = loads_offer(block)
    assert offer.options is not None
    assert offer.options.assumptions is not None
    assert offer.rsu is not None
    assert offer.rsu.refresher is not None
    assert len(offer.sign_on) == 2
    # Every field the schema documents is in the complete example.
    assert set(json.loads(block)) == set(dump_offer(offer)) | {"notes"}


def test_the_documented_json_output_matches_the_example_file() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "offers.md").read_text(encoding="utf-8")
    shown = json.loads(text.split("```json\n")[2].split("```", 1)[0])
    path = next(p for p in EXAMPLES if "growth" in p.name)
    data = valuation_to_json(value_offer(read_offer_file(path), rng=np.random.default_rng(1)))
    assert shown["years"] == data["years"]
    assert shown["total_4y"] == data["total_4y"]
    assert {k: shown["equity"][k] for k in ("paper", "expected", "p_zero", "percentiles")} == {
        k: data["equity"][k] for k in ("paper", "expected", "p_zero", "percentiles")
    }
