"""Use cases on one company by its id, and the company list with filters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from widenet.errors import InvalidInput, NotFound
from widenet.services import tracking
from widenet.services.tracking import Moment
from widenet.services.views import CompanyView
from widenet.storage.repo import Store
from widenet.track.model import Company, Market, SizeBand, ValuationBand


def found(store: Store, company_id: int) -> Company:
    """The company with this id, or NotFound."""
    company = store.company(company_id)
    if company is None:
        raise NotFound(f"No company with id {company_id}.")
    return company


def detail(store: Store, company_id: int, moment: Moment) -> CompanyView:
    """A company with its applications (and their timelines) and its contacts."""
    company = found(store, company_id)
    apps = store.applications(company_ids=[company.id])
    views = tracking.views_of(store, apps, {company.id: company}, moment)
    return CompanyView(company, tuple(views), tuple(store.contacts(company_id=company.id)))


def update(store: Store, company_id: int, changes: Mapping[str, Any]) -> Company:
    """Change a company's details; None or "" clears a field, the audit log keeps the before."""
    found(store, company_id)
    if not changes:
        raise InvalidInput("Nothing to change: give at least one field to edit.")
    clean = tracking.clean_company(dict(changes))
    return store.update_company(company_id, clean)


def listing(
    store: Store,
    *,
    name: str | None = None,
    size_band: SizeBand | None = None,
    valuation_band: ValuationBand | None = None,
    market: Market | None = None,
    min_excitement: int | None = None,
) -> list[Company]:
    """Companies by name, keeping those that match every filter given."""
    key = name.casefold().strip() if name else ""
    return [
        company
        for company in store.companies()
        if key in company.name.casefold()
        and (size_band is None or company.size_band is size_band)
        and (valuation_band is None or company.valuation_band is valuation_band)
        and (market is None or company.market is market)
        and (min_excitement is None or (company.excitement or 0) >= min_excitement)
    ]
