"""Money in whole minor units: exact parsing, one rounding rule, no float drift."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widenet.errors import InvalidInput
from widenet.offers.money import Money, SharePrice, format_money, round_half_up, total


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        (185000, "USD", 18_500_000),
        ("185,000.50", "USD", 18_500_050),
        ("0.10", "usd", 10),
        (Decimal("1234.57"), "EUR", 123_457),
        ("1500", "JPY", 1500),  # no minor unit
        ("1.250", "KWD", 1250),  # three digits
        ("-20", "USD", -2000),
    ],
)
def test_amounts_are_read_exactly(amount: object, currency: str, minor: int) -> None:
    money = Money.of(amount, currency)  # type: ignore[arg-type]
    assert money.minor == minor
    assert money.currency == currency.upper()


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [
        (0.1, "USD", "exactly"),  # floats are refused, not rounded
        ("10.005", "USD", "more decimals"),
        ("1.5", "JPY", "more decimals"),
        ("12abc", "USD", "not a number"),
        (True, "USD", "exactly"),
        ("10", "US", "currency code"),
    ],
)
def test_bad_amounts_are_refused(amount: object, currency: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        Money.of(amount, currency)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(7, 3), 2),
        (Fraction(8, 3), 3),
        (Fraction(1, 2), 1),
        (Fraction(49, 100), 0),
    ],
)
def test_one_rounding_rule_halves_away_from_zero(value: Fraction, rounded: int) -> None:
    assert round_half_up(value) == rounded


def test_multiplying_rounds_once() -> None:
    # 33% of $100,000.01 is $33,000.0033; rounded once to $33,000.00.
    assert Money.of("100000.01").times(Fraction(33, 100)) == Money(3_300_000)
    # $0.125 of anything rounds up, not to even.
    assert Money(25).times(Fraction(1, 2)) == Money(13)


def test_currencies_do_not_mix() -> None:
    with pytest.raises(InvalidInput, match="USD and EUR"):
        _ = Money.of(1, "USD") + Money.of(1, "EUR")
    with pytest.raises(InvalidInput, match="USD and EUR"):
        _ = Money.of(1, "USD") < Money.of(1, "EUR")


def test_a_float_sum_drifts_but_money_does_not() -> None:
    dimes = [Money.of("0.10")] * 1000
    assert sum(0.10 for _ in range(1000)) != 100.0  # what floats would do
    assert total(dimes, "USD") == Money.of(100)


@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=50))
def test_sums_are_exact(amounts: list[int]) -> None:
    assert total([Money(a) for a in amounts], "USD").minor == sum(amounts)


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_formatted_amounts_read_back(minor: int) -> None:
    money = Money(minor, "EUR")
    text = format_money(money, cents=True).replace("€", "")
    assert Money.of(text, "EUR") == money


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money.of(185000), "$185,000"),
        (Money.of("1234.5"), "$1,234.50"),
        (Money.of("-20"), "-$20"),
        (Money.of("1250.5", "CHF"), "CHF 1,250.50"),
        (Money.of(1500, "JPY"), "¥1,500"),
    ],
)
def test_format(money: Money, text: str) -> None:
    assert format_money(money) == text


def test_share_prices_keep_six_decimals() -> None:
    strike = SharePrice.of("0.371234")
    assert strike.micros == 371_234
    # 10,001 shares × $0.371234 = $3,712.711234, rounded once.
    assert strike.times(10_001) == Money.of("3712.71")
    with pytest.raises(InvalidInput, match="more decimals"):
        SharePrice.of("0.1234567")


@pytest.mark.parametrize(
    ("price", "text"),
    [("3.2", "$3.20"), ("0.3712", "$0.3712"), ("12", "$12.00"), ("1.000001", "$1.000001")],
)
def test_share_prices_print_with_at_least_cents(price: str, text: str) -> None:
    assert str(SharePrice.of(price)) == text
