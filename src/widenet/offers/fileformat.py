"""Reading a stand-alone offer file (JSON, schema in docs/offers.md) into an Offer.

Every problem is collected with the path of its field (``options.strike``,
``sign_on[1].year``) and reported together; amounts are read exactly (JSON numbers become
Decimals, never floats).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from widenet.errors import InvalidInput, Problem, ProblemList
from widenet.offers.equity import post_money
from widenet.offers.model import (
    Benefit,
    Bonus,
    Offer,
    OptionKind,
    Refresher,
    RetirementMatch,
    RsuGrant,
    SignOnPayment,
    StockOptions,
)
from widenet.offers.money import Money, SharePrice, check_currency, parse_decimal
from widenet.offers.scenarios import EquityAssumptions, ExitScenario, from_stage
from widenet.offers.vesting import Frequency, VestEvent, VestingSchedule, by_year, preset
from widenet.parse import parse_choice
from widenet.track.model import ValuationBand

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
DEFAULT_VESTING = "25/25/25/25"


@dataclass
class _Reader:
    """One JSON object at ``path``: typed getters that record problems instead of raising."""

    data: Mapping[str, Any]
    path: str
    problems: ProblemList
    currency: str = "USD"
    seen: set[str] = field(default_factory=set)

    def where(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def add(self, message: str, name: str) -> None:
        self.problems.add(message, field=self.where(name))

    def raw(self, name: str, *, required: bool = False) -> Any:
        self.seen.add(name)
        value = self.data.get(name)
        if value is None and required:
            self.add("is required.", name)
        return value

    def convert(self, name: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        value = self.raw(name, required=required)
        if value is None:
            return None
        try:
            return parse(value)
        except InvalidInput as error:
            self.add(error.message, name)
            return None

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.convert(name, _text, required=required)
        return value or ""

    def money(self, name: str, *, required: bool = False) -> Money | None:
        return self.convert(name, lambda v: Money.of(v, self.currency), required=required)

    def price(self, name: str, *, required: bool = False) -> SharePrice | None:
        return self.convert(name, lambda v: SharePrice.of(v, self.currency), required=required)

    def number(self, name: str, *, required: bool = False) -> Decimal | None:
        return self.convert(name, lambda v: parse_decimal(v, field=name), required=required)

    def whole(self, name: str, *, required: bool = False) -> int | None:
        return self.convert(name, _whole, required=required)

    def day(self, name: str, *, required: bool = False) -> date | None:
        return self.convert(name, _day, required=required)

    def choice(self, name: str, enum: type[E]) -> E | None:
        return self.convert(name, lambda v: parse_choice(enum, _text(v), field=name))

    def flag(self, name: str) -> bool:
        value = self.raw(name)
        if value is not None and not isinstance(value, bool):
            self.add("must be true or false.", name)
        return bool(value)

    def section(self, name: str, *, required: bool = False) -> _Reader | None:
        value = self.raw(name, required=required)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.add("must be an object ({...}).", name)
            return None
        return _Reader(value, self.where(name), self.problems, self.currency)

    def items(self, name: str) -> list[_Reader]:
        value = self.raw(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
            self.add("must be a list of objects ([{...}]).", name)
            return []
        return [
            _Reader(item, f"{self.where(name)}[{index}]", self.problems, self.currency)
            for index, item in enumerate(value)
        ]

    def finish(self) -> None:
        for name in sorted(set(self.data) - self.seen):
            self.add(f"unknown field; expected one of: {', '.join(sorted(self.seen))}.", name)

    def build(self, make: Callable[[], T], *, known: set[str | None] | None = None) -> T | None:
        """Run a constructor, recording its problems under this path; None if it refused.

        Problems with a field in ``known`` were already reported and are not repeated.
        """
        try:
            return make()
        except InvalidInput as error:
            found = error.problems or [Problem(error.message, field=error.field)]
            for problem in found:
                name = problem.field or ""
                where = self.where(name) if name else self.path or None
                if known is None or where not in known:
                    self.problems.add(problem.message, field=where)
            return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{value!r} must be text.")
    return value.strip()


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InvalidInput(f"{value!r} is not a whole number.")
    number = parse_decimal(value, field="")
    if number != number.to_integral_value():
        raise InvalidInput(f"{value} is not a whole number.")
    return int(number)


def _day(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date; use YYYY-MM-DD.") from None


def _vesting(reader: _Reader | None) -> VestingSchedule | None:
    if reader is None:
        return preset(DEFAULT_VESTING)
    name = reader.text("preset")
    years = reader.raw("years")
    events = reader.items("events")
    cliff = reader.whole("cliff_months")
    frequency = reader.choice("frequency", Frequency)
    reader.finish()
    if sum(bool(part) for part in (name, years, events)) != 1:
        reader.add("give exactly one of preset, years or events.", "preset")
        return None
    if name:
        return reader.build(lambda: preset(name, cliff_months=cliff, frequency=frequency))
    if years is not None:
        if not isinstance(years, list):
            reader.add("must be a list of percentages, one per year.", "years")
            return None
        return reader.build(
            lambda: by_year(
                [parse_decimal(value, field="years") for value in years],
                cliff_months=12 if cliff is None else cliff,
                frequency=frequency or Frequency.MONTHLY,
            )
        )
    return _events(reader, events)


def _events(reader: _Reader, events: list[_Reader]) -> VestingSchedule | None:
    parsed = []
    for item in events:
        month, percent = item.whole("month", required=True), item.number("percent", required=True)
        item.finish()
        if month is not None and percent is not None:
            parsed.append(VestEvent(month, Fraction(percent)))
    if len(parsed) != len(events):
        return None
    return reader.build(lambda: VestingSchedule(tuple(parsed)))


def _sign_on(reader: _Reader) -> tuple[SignOnPayment, ...]:
    """One amount, one payment object, or a list of payments (paid in different years)."""
    value = reader.data.get("sign_on")
    if isinstance(value, list):
        payments = reader.items("sign_on")
    elif isinstance(value, Mapping):
        payments = [section for section in [reader.section("sign_on")] if section]
    else:
        amount = reader.money("sign_on")
        if amount is None:
            return ()
        try:
            return (SignOnPayment(amount),)
        except InvalidInput as error:  # a bare amount: the problem is the field itself
            reader.add(error.problems[0].message if error.problems else error.message, "sign_on")
            return ()
    return tuple(payment for payment in map(_payment, payments) if payment is not None)


def _payment(reader: _Reader) -> SignOnPayment | None:
    amount = reader.money("amount", required=True)
    year, months = reader.whole("year"), reader.whole("clawback_months")
    reader.finish()
    if amount is None:
        return None
    return reader.build(
        lambda: SignOnPayment(amount, 1 if year is None else year, 12 if months is None else months)
    )


def _bonus(reader: _Reader | None) -> Bonus | None:
    if reader is None:
        return None
    target = reader.number("target_percent", required=True)
    factor = reader.number("payout_factor")
    reader.finish()
    if target is None:
        return None
    return reader.build(lambda: Bonus(target, Decimal(1) if factor is None else factor))


def _refresher(reader: _Reader | None) -> Refresher | None:
    if reader is None:
        return None
    value = reader.money("annual_value", required=True)
    vesting = _vesting(reader.section("vesting")) if "vesting" in reader.data else None
    first, every = reader.whole("first_grant_month"), reader.whole("every_months")
    reader.finish()
    if value is None:
        return None
    return reader.build(
        lambda: Refresher(
            value,
            vesting or preset(DEFAULT_VESTING, cliff_months=0),
            12 if first is None else first,
            12 if every is None else every,
        )
    )


def _rsu(reader: _Reader | None) -> RsuGrant | None:
    if reader is None:
        return None
    vesting = _vesting(reader.section("vesting"))
    grant_value, shares = reader.money("grant_value"), reader.whole("shares")
    price, start = reader.price("share_price"), reader.day("vesting_start")
    refresher = _refresher(reader.section("refresher"))
    reader.finish()
    if vesting is None:
        return None
    return reader.build(lambda: RsuGrant(vesting, grant_value, shares, price, start, refresher))


def _options(reader: _Reader | None, stage: ValuationBand | None) -> StockOptions | None:
    if reader is None:
        return None
    values: dict[str, Any] = {
        "shares": reader.whole("shares", required=True),
        "strike": reader.price("strike", required=True),
        "preferred_price": reader.price("preferred_price", required=True),
        "vesting": _vesting(reader.section("vesting")),
        "kind": reader.choice("kind", OptionKind) or OptionKind.ISO,
        "fmv_409a": reader.price("fmv_409a"),
        "fully_diluted_shares": reader.whole("fully_diluted_shares"),
        "ownership_percent": reader.number("ownership_percent"),
        "exercise_window_days": reader.whole("exercise_window_days"),
        "vesting_start": reader.day("vesting_start"),
    }
    section = reader.section("assumptions")
    reader.finish()
    if any(values[name] is None for name in ("shares", "strike", "preferred_price", "vesting")):
        return None
    if values["exercise_window_days"] is None:
        values["exercise_window_days"] = 90
    options = reader.build(lambda: StockOptions(**values))
    if options is None or section is None:
        return options
    assumptions = _assumptions(section, options, stage)
    if assumptions is None:
        return None
    return reader.build(lambda: StockOptions(**values, assumptions=assumptions))


def _assumptions(
    reader: _Reader, options: StockOptions, stage: ValuationBand | None
) -> EquityAssumptions | None:
    """Edited assumptions; what is left out comes from the stage's defaults (or is none)."""
    worth = post_money(options)
    base = from_stage(worth, stage) if stage is not None else None
    scenarios = [_scenario(item, worth) for item in reader.items("scenarios")]
    changes: dict[str, Any] = {
        "future_rounds": reader.whole("future_rounds"),
        "dilution_percent": reader.number("dilution_percent"),
        "preference": reader.money("preference"),
        "preferred_percent": reader.number("preferred_percent"),
        "discount_rate_percent": reader.number("discount_rate_percent"),
        "spread": reader.number("spread"),
    }
    changes["participating"] = reader.flag("participating")
    reader.finish()
    if None in scenarios:
        return None
    changes = {name: value for name, value in changes.items() if value is not None}
    if scenarios:
        changes["scenarios"] = tuple(scenarios)
    elif base is None:
        reader.add("give scenarios, or the company's stage to use its defaults.", "scenarios")
        return None
    if base is None:
        return reader.build(lambda: EquityAssumptions(**changes))
    merged = {**base.__dict__, **changes}
    return reader.build(lambda: EquityAssumptions(**merged))


def _scenario(reader: _Reader, worth: Money) -> ExitScenario | None:
    probability = reader.number("probability", required=True)
    value, multiple = reader.money("exit_value"), reader.number("multiple")
    years, label = reader.number("years"), reader.text("label")
    reader.finish()
    if (value is None) == (multiple is None):
        reader.add(
            "give exactly one of exit_value or multiple (of today's valuation).", "exit_value"
        )
        return None
    if probability is None:
        return None
    exit_value = value if value is not None else worth.times(multiple or 0)
    return ExitScenario(probability, exit_value, years if years is not None else Decimal(0), label)


def _retirement(reader: _Reader | None) -> RetirementMatch | None:
    if reader is None:
        return None
    percent, cap = reader.number("percent_of_base", required=True), reader.money("annual_cap")
    reader.finish()
    return None if percent is None else reader.build(lambda: RetirementMatch(percent, cap))


def _benefit(reader: _Reader) -> Benefit | None:
    name, value = reader.text("name", required=True), reader.money("annual_value", required=True)
    reader.finish()
    return None if value is None else reader.build(lambda: Benefit(name, value))


def _exact(data: Any) -> Any:
    """Floats from a plain JSON decoder, as the decimals they were written as (0.1 -> "0.1")."""
    if isinstance(data, float):
        return Decimal(repr(data))
    if isinstance(data, Mapping):
        return {key: _exact(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_exact(value) for value in data]
    return data


def parse_offer(data: Any) -> Offer:
    """An Offer from a decoded offer file; InvalidInput lists every problem with its field."""
    if not isinstance(data, Mapping):
        raise InvalidInput("an offer file holds one JSON object ({...}).", field="offer")
    problems = ProblemList()
    top = _Reader(_exact(data), "", problems)
    top.currency = top.convert("currency", check_currency) or "USD"
    stage = top.choice("stage", ValuationBand)
    values: dict[str, Any] = {
        "company": top.text("company", required=True),
        "base": top.money("base", required=True),
        "offer_date": top.day("offer_date", required=True),
        "start_date": top.day("start_date", required=True),
        "deadline": top.day("deadline"),
        "role": top.text("role"),
        "level": top.text("level"),
        "location": top.text("location"),
        "stage": stage,
        "sign_on": _sign_on(top),
        "bonus": _bonus(top.section("bonus")),
        "relocation": top.money("relocation"),
        "rsu": _rsu(top.section("rsu")),
        "options": _options(top.section("options"), stage),
        "retirement": _retirement(top.section("retirement")),
        "benefits": tuple(b for b in map(_benefit, top.items("benefits")) if b is not None),
        "notes": top.text("notes"),
    }
    top.finish()
    offer = None
    if all(values[name] is not None for name in ("base", "offer_date", "start_date")):
        # Build even when other fields are wrong, so cross-field problems come in the same report.
        known = {problem.field for problem in problems.problems}
        offer = top.build(lambda: Offer(**values), known=known)
    if problems or offer is None:
        _refuse(problems)
    assert offer is not None
    return offer


def _refuse(problems: ProblemList) -> None:
    found = problems.problems
    listed = "; ".join(problem.describe() for problem in found)
    first = found[0] if found else Problem("the offer was refused.")
    raise InvalidInput(
        f"the offer file has {len(found)} problem(s): {listed}"
        if len(found) > 1
        else first.describe(),
        field=first.field,
        problems=found,
    )


def loads_offer(text: str) -> Offer:
    """An Offer from the text of an offer file."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}.",
            field="file",
        ) from None
    return parse_offer(data)


def read_offer_file(path: Path) -> Offer:
    """An Offer from a file on disk (UTF-8 JSON)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}.", field="file") from None
    return loads_offer(text)
