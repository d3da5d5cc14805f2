"""Exact money: integer minor units with a currency, share prices in millionths, one rounding rule.

Amounts are stored as whole minor units (cents for USD). Arithmetic that needs fractions
(vesting percentages, bonus targets, probabilities) is done on exact ``Fraction`` values and
rounded once, half away from zero, when a figure is shown or stored. Share prices need finer
steps than a cent (a strike of $0.3712 is common), so they are kept in millionths of the
currency unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from widenet.errors import InvalidInput

# ISO 4217 currencies whose minor unit is not the cent; every other code uses two digits.
_MINOR_DIGITS: Final = MappingProxyType(
    {
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
        "PYG": 0, "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    }
)  # fmt: skip
_SYMBOLS: Final = MappingProxyType({"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"})
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_AMOUNT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
PRICE_DIGITS: Final = 6  # share prices are kept in millionths of the currency unit

Number = int | Decimal | Fraction


def check_currency(code: str, *, field: str = "currency") -> str:
    """An ISO 4217 code such as USD; upper-cases what people type."""
    value = code.strip().upper() if isinstance(code, str) else ""
    if not _CURRENCY.match(value):
        raise InvalidInput(
            f"{code!r} is not a currency code; use three letters like USD.", field=field
        )
    return value


def minor_digits(currency: str) -> int:
    return _MINOR_DIGITS.get(currency, 2)


def round_half_up(value: Fraction) -> int:
    """The one rounding rule: to the nearest whole number, halves away from zero."""
    magnitude = abs(value)
    whole = int(magnitude + Fraction(1, 2))
    return whole if value >= 0 else -whole


def parse_decimal(value: object, *, field: str) -> Decimal:
    """A number as people write it: 185000, "185,000.50", or a JSON number; never a float."""
    if isinstance(value, bool | float):
        raise InvalidInput(
            f"{value!r} must be written exactly (a whole number or text).", field=field
        )
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str) and _AMOUNT.match(value.strip().replace("_", "")):
        try:
            return Decimal(value.strip().replace(",", "").replace("_", ""))
        except InvalidOperation:  # pragma: no cover - the pattern already refuses these
            pass
    raise InvalidInput(f"{value!r} is not a number.", field=field)


def _scaled(value: Number, digits: int, *, what: str, field: str) -> int:
    exact = Fraction(value) * 10**digits
    if exact.denominator != 1:
        raise InvalidInput(f"{value} has more decimals than {what} allows ({digits}).", field=field)
    return int(exact)


@dataclass(frozen=True)
class Money:
    """An amount in whole minor units of one currency (cents for USD)."""

    minor: int
    currency: str = "USD"

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise InvalidInput(
                f"{self.minor!r} is not a whole number of minor units.", field="amount"
            )
        if check_currency(self.currency) != self.currency:
            raise InvalidInput(f"{self.currency!r} is not upper-case ISO 4217.", field="currency")

    @classmethod
    def of(cls, amount: Number | str, currency: str = "USD", *, field: str = "amount") -> Money:
        """An amount in major units (dollars), exact: ``Money.of("185000.50", "USD")``."""
        code = check_currency(currency)
        number = amount if isinstance(amount, Fraction) else parse_decimal(amount, field=field)
        return cls(_scaled(number, minor_digits(code), what=code, field=field), code)

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(0, check_currency(currency))

    @classmethod
    def rounded(cls, minor: Fraction | int, currency: str) -> Money:
        """An exact amount of minor units, rounded once (half away from zero)."""
        return cls(round_half_up(Fraction(minor)), currency)

    @property
    def major(self) -> Decimal:
        """The amount in major units, exactly (Decimal, never float)."""
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))

    def times(self, factor: Number) -> Money:
        """This amount times an exact factor, rounded once."""
        return Money.rounded(self.minor * Fraction(factor), self.currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise InvalidInput(
                f"cannot combine {self.currency} and {other.currency}; convert one first.",
                field="currency",
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.minor >= other.minor

    def __str__(self) -> str:
        return format_money(self)


def total(amounts: list[Money] | tuple[Money, ...], currency: str) -> Money:
    """The sum of amounts in one currency (zero for none)."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


def format_money(money: Money, *, cents: bool | None = None) -> str:
    """``$185,000`` or ``CHF 1,250.50``; minor digits only when they are not zero."""
    digits = minor_digits(money.currency)
    whole, part = divmod(abs(money.minor), 10**digits)
    show_cents = (part != 0) if cents is None else cents
    text = f"{whole:,}" + (f".{part:0{digits}d}" if show_cents and digits else "")
    symbol = _SYMBOLS.get(money.currency)
    text = f"{symbol}{text}" if symbol else f"{money.currency} {text}"
    return f"-{text}" if money.minor < 0 else text


@dataclass(frozen=True)
class SharePrice:
    """A price per share in millionths of the currency unit: $2.10 is ``micros=2_100_000``."""

    micros: int
    currency: str = "USD"

    def __post_init__(self) -> None:
        if isinstance(self.micros, bool) or not isinstance(self.micros, int):
            raise InvalidInput(
                f"{self.micros!r} is not a whole number of millionths.", field="price"
            )
        if check_currency(self.currency) != self.currency:
            raise InvalidInput(f"{self.currency!r} is not upper-case ISO 4217.", field="currency")

    @classmethod
    def of(cls, amount: Number | str, currency: str = "USD", *, field: str = "price") -> SharePrice:
        """A price in major units with up to six decimals: ``SharePrice.of("2.1037")``."""
        number = amount if isinstance(amount, Fraction) else parse_decimal(amount, field=field)
        return cls(_scaled(number, PRICE_DIGITS, what="a share price", field=field), currency)

    @property
    def major(self) -> Decimal:
        return Decimal(self.micros).scaleb(-PRICE_DIGITS)

    @property
    def minor_exact(self) -> Fraction:
        """The price in minor units of the currency, exactly (cents for USD)."""
        return Fraction(self.micros * 10 ** minor_digits(self.currency), 10**PRICE_DIGITS)

    def times(self, shares: int) -> Money:
        """The value of a number of shares at this price, rounded once."""
        return Money.rounded(self.minor_exact * shares, self.currency)

    def __str__(self) -> str:
        """``$3.20``, ``$0.3712``: at least the currency's minor digits, more only when needed."""
        symbol = _SYMBOLS.get(self.currency)
        digits = minor_digits(self.currency)
        text = f"{self.major.normalize():f}"
        decimals = len(text.partition(".")[2])
        if decimals < digits:
            text = f"{self.major:.{digits}f}"
        return f"{symbol}{text}" if symbol else f"{self.currency} {text}"
