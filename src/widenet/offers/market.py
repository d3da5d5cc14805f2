"""Market data: peers' offers and survey figures, read from CSV, and where an offer sits among them.

Comparable points share the offer's level and location (ignoring case and spacing), its
currency, and are dated within the last 12 months. Percentiles are mid-rank (points equal to
the offer count half); the verdict is low under the 25th percentile, high over the 75th, fair
in between, and withheld with fewer than three comparable points.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import Final, TypeVar

from widenet.errors import ImportRejected, InvalidInput, ProblemList
from widenet.offers.model import Offer
from widenet.offers.money import Money, check_currency
from widenet.offers.value import AnnualFigures, annual_figures
from widenet.parse import parse_choice

T = TypeVar("T")

WINDOW_DAYS: Final = 365
MIN_POINTS: Final = 3
LOW_BELOW: Final = 25.0  # percentile under which an offer is "low"
HIGH_ABOVE: Final = 75.0  # percentile over which an offer is "high"
COLUMNS: Final = (
    "company", "level", "location", "date", "kind", "currency",
    "base", "bonus", "equity_per_year", "sign_on", "note",
)  # fmt: skip
REQUIRED: Final = ("company", "level", "location", "date", "base")


class PointKind(StrEnum):
    PEER_OFFER = "peer_offer"  # a peer's recent offer: a "virtual competing offer"
    SURVEY = "survey"  # a published or surveyed figure


class Verdict(StrEnum):
    LOW = "low"
    FAIR = "fair"
    HIGH = "high"


@dataclass(frozen=True)
class MarketPoint:
    """One data point: what someone at a level and place was offered or is paid, per year."""

    company: str
    level: str
    location: str
    on: date
    base: Money
    bonus: Money | None = None
    equity_per_year: Money | None = None
    sign_on: Money | None = None
    kind: PointKind = PointKind.PEER_OFFER
    note: str = ""

    def __post_init__(self) -> None:
        for name in ("base", "bonus", "equity_per_year", "sign_on"):
            amount = getattr(self, name)
            if amount is not None and amount.minor < 0:
                raise InvalidInput(f"{amount} is negative.", field=name)
            if amount is not None and amount.currency != self.base.currency:
                raise InvalidInput(f"is not in {self.base.currency} like the base.", field=name)

    def figure(self, measure: str) -> Money:
        """base, bonus, equity or total (base + bonus + equity per year); missing parts are 0."""
        zero = Money.zero(self.base.currency)
        parts = {
            "base": self.base,
            "bonus": self.bonus or zero,
            "equity": self.equity_per_year or zero,
            "sign_on": self.sign_on or zero,
        }
        if measure == "total":
            return parts["base"] + parts["bonus"] + parts["equity"]
        return parts[measure]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


def comparable(
    points: Sequence[MarketPoint],
    *,
    level: str,
    location: str,
    currency: str,
    today: date,
    window_days: int = WINDOW_DAYS,
) -> tuple[MarketPoint, ...]:
    """Points at the same level and location, in the currency, dated in the window up to today."""
    since = today - timedelta(days=window_days)
    return tuple(
        point
        for point in points
        if _key(point.level) == _key(level)
        and _key(point.location) == _key(location)
        and point.base.currency == currency
        and since <= point.on <= today
    )


def percentile_of(value: int, sample: Sequence[int]) -> float:
    """Mid-rank percentile of ``value`` in ``sample``: below count fully, equal count half."""
    if not sample:
        raise InvalidInput("no points to compare with.", field="market")
    below = sum(1 for item in sample if item < value)
    equal = sum(1 for item in sample if item == value)
    return 100.0 * (below + equal / 2) / len(sample)


def quantile(sample: Sequence[int], q: Fraction) -> Fraction:
    """The q-quantile with linear interpolation between order statistics (q from 0 to 1)."""
    ordered = sorted(sample)
    if not ordered:
        raise InvalidInput("no points to compare with.", field="market")
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def verdict_for(percentile: float) -> Verdict:
    if percentile < LOW_BELOW:
        return Verdict.LOW
    return Verdict.HIGH if percentile > HIGH_ABOVE else Verdict.FAIR


@dataclass(frozen=True)
class Position:
    """Where one figure of an offer sits among comparable points."""

    measure: str
    value: Money
    count: int
    percentile: float | None  # None when there are fewer than MIN_POINTS points
    verdict: Verdict | None
    p25: Money | None
    median: Money | None
    p75: Money | None


@dataclass(frozen=True)
class MarketReport:
    """An offer against the market: base, equity, total, and the overall verdict (on total)."""

    company: str
    points: tuple[MarketPoint, ...]
    base: Position
    equity: Position
    sign_on: Position
    total: Position

    @property
    def verdict(self) -> Verdict | None:
        return self.total.verdict


def position(
    measure: str, value: Money, points: Sequence[MarketPoint], *, min_points: int = MIN_POINTS
) -> Position:
    """The percentile, verdict and quartiles of one figure among points."""
    sample = [point.figure(measure).minor for point in points]
    if len(sample) < min_points:
        return Position(measure, value, len(sample), None, None, None, None, None)
    pct = percentile_of(value.minor, sample)

    def cut(q: Fraction) -> Money:
        return Money.rounded(quantile(sample, q), value.currency)

    quartiles = (cut(Fraction(1, 4)), cut(Fraction(1, 2)), cut(Fraction(3, 4)))
    return Position(measure, value, len(sample), pct, verdict_for(pct), *quartiles)


def market_position(
    offer: Offer,
    points: Sequence[MarketPoint],
    *,
    today: date,
    window_days: int = WINDOW_DAYS,
    min_points: int = MIN_POINTS,
) -> MarketReport:
    """Where an offer's yearly figures sit among comparable market points."""
    near = comparable(
        points,
        level=offer.level,
        location=offer.location,
        currency=offer.currency,
        today=today,
        window_days=window_days,
    )
    figures: AnnualFigures = annual_figures(offer)

    def at(measure: str, value: Money) -> Position:
        return position(measure, value, near, min_points=min_points)

    return MarketReport(
        company=offer.company,
        points=near,
        base=at("base", figures.base),
        equity=at("equity", figures.equity),
        sign_on=at("sign_on", figures.sign_on),
        total=at("total", figures.total),
    )


def parse_market_csv(text: str, *, default_currency: str = "USD") -> tuple[MarketPoint, ...]:
    """Market points from CSV text; all or nothing: every bad cell is reported, none imported.

    Columns (header row, any order): company, level, location, date, base are required;
    kind (peer_offer / survey), currency, bonus, equity_per_year, sign_on, note are optional.
    Amounts are yearly, in major units ("185000" or "185,000.50").
    """
    currency = check_currency(default_currency)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().casefold() for name in reader.fieldnames or []]
    problems = ProblemList()
    for name in REQUIRED:
        if name not in header:
            problems.add(f"the header has no {name!r} column.", line=1, field=name)
    for name in header:
        if name not in COLUMNS:
            problems.add(
                f"unknown column; expected some of: {', '.join(COLUMNS)}.", line=1, field=name
            )
    if problems:
        raise ImportRejected("the market file's header is wrong.", problems=problems.problems)
    points = []
    for row in reader:
        if None in row:
            problems.add("has more cells than the header has columns.", line=reader.line_num)
            continue
        cells = {key.strip().casefold(): (value or "").strip() for key, value in row.items() if key}
        point = _row(_Cells(cells, reader.line_num, problems), currency=currency)
        if point is not None:
            points.append(point)
    if problems:
        count = len({problem.line for problem in problems.problems})
        raise ImportRejected(
            f"{count} row(s) of the market file are wrong; nothing was imported.",
            problems=problems.problems,
        )
    return tuple(points)


@dataclass
class _Cells:
    """One CSV row's cells, reporting each bad cell with its line and column."""

    cells: dict[str, str]
    line: int
    problems: ProblemList

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.cells.get(name, "")
        if required and not value:
            self.problems.add("is empty.", line=self.line, field=name)
        return value

    def parsed(self, name: str, convert: Callable[[str], T], *, required: bool = False) -> T | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return convert(value)
        except InvalidInput as error:
            self.problems.add(error.message, line=self.line, field=name)
            return None


def _row(cells: _Cells, *, currency: str) -> MarketPoint | None:
    before = len(cells.problems.problems)
    company, level, location = (
        cells.text(name, required=True) for name in ("company", "level", "location")
    )
    on = cells.parsed("date", _date, required=True)
    kind = cells.parsed("kind", lambda text: parse_choice(PointKind, text, field="kind"))
    code = cells.parsed("currency", check_currency) or currency
    base = cells.parsed("base", lambda text: _amount(text, code), required=True)
    extra = {
        name: cells.parsed(name, lambda text: _amount(text, code))
        for name in ("bonus", "equity_per_year", "sign_on")
    }
    if len(cells.problems.problems) > before or on is None or base is None:
        return None
    return MarketPoint(
        company=company,
        level=level,
        location=location,
        on=on,
        base=base,
        bonus=extra["bonus"],
        equity_per_year=extra["equity_per_year"],
        sign_on=extra["sign_on"],
        kind=kind or PointKind.PEER_OFFER,
        note=cells.text("note"),
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date; use YYYY-MM-DD.") from None


def _amount(text: str, currency: str) -> Money:
    money = Money.of(text, currency)
    if money.minor < 0:
        raise InvalidInput(f"{text} is negative.")
    return money
