"""Negotiation rounds: each is a new revision of the offer; history stays; diffs show changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from widenet.errors import Conflict, InvalidInput
from widenet.offers.model import Offer
from widenet.offers.serialize import dump_offer


class Party(StrEnum):
    """Who made a round's change."""

    COMPANY = "company"
    CANDIDATE = "candidate"


@dataclass(frozen=True)
class Change:
    """One field that differs between two revisions, both values as the offer file writes them."""

    field: str  # e.g. "base", "rsu.grant_value", "sign_on[0].amount"
    before: str  # "" when the field was absent
    after: str

    def describe(self) -> str:
        if not self.before:
            return f"{self.field}: added {self.after}"
        if not self.after:
            return f"{self.field}: removed (was {self.before})"
        return f"{self.field}: {self.before} → {self.after}"


@dataclass(frozen=True)
class OfferRevision:
    """One round: the offer as it stood after it, when, who changed it, and what was asked."""

    number: int  # 1 for the first offer
    on: date
    by: Party
    offer: Offer
    asked: str = ""  # what the candidate asked for in this round
    changes: tuple[Change, ...] = ()  # from the previous revision
    note: str = ""


@dataclass(frozen=True)
class OfferHistory:
    """Every revision of one offer, oldest first; nothing is overwritten."""

    revisions: tuple[OfferRevision, ...]

    @property
    def current(self) -> Offer:
        return self.revisions[-1].offer

    @property
    def first(self) -> Offer:
        return self.revisions[0].offer

    def revision(self, number: int) -> OfferRevision:
        for revision in self.revisions:
            if revision.number == number:
                return revision
        raise InvalidInput(
            f"there is no revision {number}; this offer has 1-{len(self.revisions)}.",
            field="revision",
        )


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(data, Mapping):
        items: dict[str, str] = {}
        for key, value in data.items():
            items |= _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return items
    if isinstance(data, list):
        items = {}
        for index, value in enumerate(data):
            items |= _flatten(value, f"{prefix}[{index}]")
        return items
    if isinstance(data, bool):
        return {prefix: "true" if data else "false"}
    return {prefix: str(data)}


def diff(before: Offer, after: Offer) -> tuple[Change, ...]:
    """The fields that differ between two versions of an offer, in offer-file terms."""
    old, new = _flatten(dump_offer(before)), _flatten(dump_offer(after))
    keys = list(old) + [key for key in new if key not in old]
    return tuple(
        Change(key, old.get(key, ""), new.get(key, ""))
        for key in keys
        if old.get(key) != new.get(key)
    )


def start_history(
    offer: Offer, *, on: date, by: Party = Party.COMPANY, note: str = ""
) -> OfferHistory:
    """The history of an offer as first received."""
    return OfferHistory((OfferRevision(1, on, by, offer, note=note),))


def revise(
    history: OfferHistory,
    offer: Offer,
    *,
    on: date,
    by: Party = Party.COMPANY,
    asked: str = "",
    note: str = "",
) -> OfferHistory:
    """A new round on top of the history; a round may change nothing (the company said no)."""
    last = history.revisions[-1]
    if on < last.on:
        raise InvalidInput(
            f"{on} is before the previous round ({last.on}); rounds are recorded in order.",
            field="on",
        )
    if offer.company.strip().casefold() != last.offer.company.strip().casefold():
        raise Conflict(
            f"this history is the offer from {last.offer.company}, not {offer.company}; "
            "record a separate offer instead."
        )
    revision = OfferRevision(last.number + 1, on, by, offer, asked, diff(last.offer, offer), note)
    return OfferHistory((*history.revisions, revision))


def diff_revisions(history: OfferHistory, first: int, second: int) -> tuple[Change, ...]:
    """What changed between any two revisions (by number) of an offer."""
    return diff(history.revision(first).offer, history.revision(second).offer)
