"""Offer terms as a person types them (command-line options, a web form) laid over an offer file.

Every value stays text until ``offers.fileformat.parse_offer`` reads it, so amounts are parsed
exactly and every problem is named by its offer-file field (``base``, ``rsu.vesting.years``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from widenet.errors import InvalidInput
from widenet.offers.vesting import PRESETS

DEFAULT_VESTING = "25/25/25/25"


@dataclass(frozen=True)
class OfferTerms:
    """Terms to set; None leaves a term as it is. Amounts are decimal text in major units."""

    base: str | None = None
    currency: str | None = None
    sign_on: str | None = None
    bonus: str | None = None  # target percent of base: "10%" or "10"
    relocation: str | None = None
    rsu: str | None = None  # the RSU grant's value
    vesting: str | None = None  # a preset ("25/25/25/25") or yearly percentages ("30/30/20/20")
    options: str | None = None  # number of options
    strike: str | None = None
    preferred: str | None = None  # latest preferred price per share
    fmv_409a: str | None = None
    fully_diluted: str | None = None  # fully diluted share count
    ownership: str | None = None  # or the options as a percent of the company
    option_kind: str | None = None  # iso or nso
    stage: str | None = None  # seed, series_a_b, growth, unicorn, decacorn, public
    level: str | None = None
    location: str | None = None
    role: str | None = None
    offer_date: date | None = None
    deadline: date | None = None
    start_date: date | None = None
    notes: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


_TOP = {
    "base": "base",
    "currency": "currency",
    "relocation": "relocation",
    "stage": "stage",
    "level": "level",
    "location": "location",
    "role": "role",
    "notes": "notes",
}
_OPTIONS = {
    "options": "shares",
    "strike": "strike",
    "preferred": "preferred_price",
    "fmv_409a": "fmv_409a",
    "option_kind": "kind",
}


def vesting_spec(text: str) -> dict[str, Any]:
    """A preset by name, or percentages per year with a one-year cliff, vesting monthly."""
    key = text.strip().replace(" ", "")
    if key in PRESETS:
        return {"preset": key}
    parts = [part for part in key.replace(",", "/").split("/") if part]
    if not parts:
        raise InvalidInput(f"{text!r} is not a vesting schedule.", field="vesting")
    return {"years": parts, "cliff_months": 12, "frequency": "monthly"}


def apply_terms(data: dict[str, Any], terms: OfferTerms) -> dict[str, Any]:
    """The offer file ``data`` with ``terms`` laid over it (``data`` is not changed)."""
    result = dict(data)
    for name, key in _TOP.items():
        value = getattr(terms, name)
        if value is not None:
            result[key] = value
    for name in ("offer_date", "deadline", "start_date"):
        day = getattr(terms, name)
        if day is not None:
            result[name] = day.isoformat()
    if terms.sign_on is not None:
        result["sign_on"] = _sign_on(result.get("sign_on"), terms.sign_on)
    if terms.bonus is not None:
        bonus = dict(result.get("bonus") or {})
        bonus["target_percent"] = terms.bonus.strip().removesuffix("%").strip()
        result["bonus"] = bonus
    if terms.rsu is not None:
        rsu = {k: v for k, v in (result.get("rsu") or {}).items() if k not in _RSU_AMOUNT}
        result["rsu"] = {"vesting": {"preset": DEFAULT_VESTING}, **rsu, "grant_value": terms.rsu}
    _apply_options(result, terms)
    if terms.vesting is not None:
        _apply_vesting(result, terms.vesting)
    return result


_RSU_AMOUNT = ("grant_value", "shares", "share_price")


def _sign_on(current: Any, amount: str) -> Any:
    """A new amount for the (first) sign-on payment; its year and claw-back stay."""
    if isinstance(current, list) and current:
        return [{**current[0], "amount": amount}, *current[1:]]
    if isinstance(current, dict):
        return {**current, "amount": amount}
    return [{"amount": amount}]


def _apply_options(result: dict[str, Any], terms: OfferTerms) -> None:
    given = {key: getattr(terms, name) for name, key in _OPTIONS.items()}
    given = {key: value for key, value in given.items() if value is not None}
    ownership = {"fully_diluted_shares": terms.fully_diluted, "ownership_percent": terms.ownership}
    ownership = {key: value for key, value in ownership.items() if value is not None}
    if not given and not ownership:
        return
    options = dict(result.get("options") or {})
    if ownership:  # one way of giving the company's size replaces the other
        options.pop("fully_diluted_shares", None)
        options.pop("ownership_percent", None)
    result["options"] = {**options, **given, **ownership}


def _apply_vesting(result: dict[str, Any], text: str) -> None:
    spec = vesting_spec(text)
    grants = [name for name in ("rsu", "options") if result.get(name)]
    if not grants:
        raise InvalidInput(
            "there is no RSU grant or option grant for the schedule; give --rsu or --options.",
            field="vesting",
        )
    for name in grants:
        result[name] = {**result[name], "vesting": spec}
