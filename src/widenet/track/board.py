"""The board: one column per stage kind, a card per application."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from widenet.track.derive import Status
from widenet.track.model import Source
from widenet.track.stages import PROGRESS, Stage


@dataclass(frozen=True)
class Card:
    application_id: int
    company: str
    role: str
    source: Source
    excitement: int | None
    status: Status
    company_id: int = 0

    @property
    def stage(self) -> Stage:
        return self.status.current

    @property
    def next_interview(self) -> datetime | None:
        return self.status.next_interview


@dataclass(frozen=True)
class Column:
    stage: Stage
    cards: tuple[Card, ...]

    @property
    def title(self) -> str:
        return self.stage.label


@dataclass(frozen=True)
class Board:
    columns: tuple[Column, ...]
    closed: tuple[Card, ...]

    @property
    def open_count(self) -> int:
        return sum(len(column.cards) for column in self.columns)


def _card_order(card: Card) -> tuple[int, int, str]:
    # Most urgent first: a booked interview, then the longest wait, then by name.
    has_interview = 0 if card.next_interview is not None else 1
    return (has_interview, -card.status.days_in_stage, card.company.casefold())


def build(cards: Sequence[Card]) -> Board:
    """Sort cards into stage columns; closed processes go to their own list."""
    open_cards = [card for card in cards if card.status.is_open]
    columns = tuple(
        Column(stage, tuple(sorted((c for c in open_cards if c.stage is stage), key=_card_order)))
        for stage in PROGRESS
    )
    closed = tuple(
        sorted(
            (card for card in cards if not card.status.is_open),
            key=lambda card: (card.status.since, card.company.casefold()),
            reverse=True,
        )
    )
    return Board(columns=columns, closed=closed)
