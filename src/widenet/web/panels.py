"""What the company page shows beside the process: your view of the company and its offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from widenet.evaluate import Confidence
from widenet.services import evaluate, offers
from widenet.services.context import Store
from widenet.services.tracking import Moment
from widenet.track.model import Company
from widenet.web import figures


@dataclass(frozen=True)
class Choice:
    """An option of a select, as the form macros show it."""

    value: str
    label: str


#: How many of the biggest changes the company page lists.
CHANGES_SHOWN = 5


def your_view(store: Store, moment: Moment, company: Company) -> dict[str, Any]:
    """The latest rating per criterion, the score over time, its biggest changes and what
    to ask next, for the company page."""
    criteria = evaluate.criteria(store).criteria
    view = evaluate.ratings(store, moment, company.name, changes=CHANGES_SHOWN)
    chart = figures.score_figure(view.points, company=company.name) if view.points else None
    return {
        "your_view": view,
        "score_chart": chart,
        "to_ask": evaluate.questions(store, moment, company.name),
        "criteria": criteria,
        "CONFIDENCES": list(Confidence),
        "CRITERION_CHOICES": [Choice(item.key, item.label) for item in criteria],
    }


def company_offers(store: Store, moment: Moment, company: Company) -> dict[str, Any]:
    """The offers of the company's applications, each with every revision."""
    found = [view for view in offers.offer_views(store, moment) if view.company.id == company.id]
    return {"company_offers": found}
