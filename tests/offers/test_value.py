"""The year table: cash and equity in the year they are paid or vest, totals that add up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.offers.builders import offer, options, usd
from widenet.errors import InvalidInput
from widenet.offers.model import (
    Benefit,
    Bonus,
    Offer,
    Refresher,
    RetirementMatch,
    RsuGrant,
    SignOnPayment,
)
from widenet.offers.money import Money
from widenet.offers.value import annual_figures, value_offer, year_table
from widenet.offers.vesting import PRESETS, preset

RNG = np.random.default_rng(1)


def full_cash_offer() -> Offer:
    return offer(
        base=usd(100_000),
        bonus=Bonus(Decimal(10), Decimal("0.8")),
        sign_on=(SignOnPayment(usd(20_000)), SignOnPayment(usd(10_000), year=2)),
        relocation=usd(5_000),
        retirement=RetirementMatch(Decimal(4), usd(3_000)),
        benefits=(Benefit("Learning budget", usd(1_200)),),
        rsu=RsuGrant(preset("25/25/25/25"), grant_value=usd(100_000)),
    )


def test_each_component_lands_in_its_year() -> None:
    rows = year_table(full_cash_offer())
    # base 100,000 + bonus 10% x 0.8 = 8,000 + 401(k) 4% = 4,000 capped at 3,000 + 1,200;
    # year 1 also has the 20,000 sign-on and 5,000 relocation, year 2 the 10,000 sign-on.
    assert [row.cash for row in rows] == [usd(137_200), usd(122_200), usd(112_200), usd(112_200)]
    assert [row.equity for row in rows] == [usd(25_000)] * 4
    assert [row.total for row in rows] == [usd(162_200), usd(147_200), usd(137_200), usd(137_200)]
    assert rows[0].parts["sign_on"] == usd(20_000)
    assert rows[1].parts["sign_on"] == usd(10_000)
    assert rows[0].parts["retirement"] == usd(3_000)


def test_four_year_total_is_the_sum_of_the_years() -> None:
    valuation = value_offer(full_cash_offer(), rng=RNG)
    assert valuation.total_4y == usd(137_200 + 122_200 + 112_200 * 2 + 100_000)
    assert valuation.total_4y == valuation.total_4y_paper  # no options: nothing to risk-adjust
    assert valuation.equity is None


def test_options_vest_at_their_risk_adjusted_value_beside_paper() -> None:
    valuation = value_offer(offer(options=options()), rng=RNG, runs=2000)
    assert valuation.equity is not None
    assert valuation.equity.expected == usd(120_000)
    assert [row.equity for row in valuation.years] == [usd(30_000)] * 4
    assert [row.equity_paper for row in valuation.years] == [usd(7_500)] * 4
    assert valuation.total_4y - valuation.total_4y_paper == usd(120_000 - 30_000)


def test_refreshers_add_a_grant_each_year() -> None:
    refresher = Refresher(usd(40_000), preset("25/25/25/25", cliff_months=0))
    grant = RsuGrant(preset("25/25/25/25"), grant_value=usd(100_000), refresher=refresher)
    rows = year_table(offer(rsu=grant))
    # Grants at months 12, 24 and 36, each vesting 25% a year: 10k, then 20k, then 30k.
    assert [row.parts["rsu"] for row in rows] == [
        usd(25_000),
        usd(35_000),
        usd(45_000),
        usd(55_000),
    ]


@pytest.mark.parametrize("name", list(PRESETS))
@given(st.integers(min_value=1, max_value=10**11))
def test_vesting_never_drifts_from_the_grant(name: str, minor: int) -> None:
    grant = RsuGrant(preset(name), grant_value=Money(minor, "USD"))
    rows = year_table(offer(rsu=grant))
    assert sum(row.equity.minor for row in rows) == minor
    assert all(row.total == row.cash + row.equity for row in rows)


def test_a_grant_vesting_past_year_four_is_noted() -> None:
    late = options(vesting_start=date(2027, 2, 1))  # vesting starts the 1st after a mid-month start
    valuation = value_offer(offer(options=late), rng=RNG, runs=200)
    assert any("vest after year 4" in note for note in valuation.notes)
    assert valuation.years[0].equity == usd(0)  # the cliff lands after the first anniversary


def test_notes_name_claw_backs_and_the_exercise_window() -> None:
    valuation = value_offer(
        offer(sign_on=(SignOnPayment(usd(30_000), clawback_months=18),), options=options()),
        rng=RNG,
        runs=200,
    )
    assert any("within 18 months" in note for note in valuation.notes)
    assert any("90 days" in note and "$20,000" in note for note in valuation.notes)


def test_annual_figures_use_the_initial_grant_at_paper_value() -> None:
    refresher = Refresher(usd(40_000))
    figures = annual_figures(
        offer(
            bonus=Bonus(Decimal(15)),
            sign_on=(SignOnPayment(usd(10_000)), SignOnPayment(usd(5_000), year=2)),
            rsu=RsuGrant(preset("5/15/40/40"), grant_value=usd(200_000), refresher=refresher),
            options=options(),
        )
    )
    assert figures.base == usd(150_000)
    assert figures.bonus == usd(22_500)
    assert figures.equity == usd((200_000 + 30_000) // 4)
    assert figures.sign_on == usd(15_000)
    assert figures.total == usd(150_000 + 22_500 + 57_500)


def test_options_need_a_stage_or_assumptions() -> None:
    with pytest.raises(InvalidInput, match="stage"):
        value_offer(offer(options=options(assumptions=None)), rng=RNG)


def test_start_date_is_the_anchor_of_the_years() -> None:
    rows = year_table(offer(rsu=RsuGrant(preset("33/33/22/12"), grant_value=usd(120_000))))
    assert [row.equity for row in rows] == [usd(39_600), usd(39_600), usd(26_400), usd(14_400)]
