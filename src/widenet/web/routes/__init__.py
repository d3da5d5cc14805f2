"""Every URL in one place: the page routers and the API routers, included by create_app."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from widenet.web import charts
from widenet.web.routes import (
    analytics,
    api_analytics,
    api_decide,
    api_docs,
    api_forecast,
    api_offers,
    api_people,
    api_plan,
    api_schedule,
    api_tracking,
    applications,
    board,
    calendar,
    companies,
    evaluate,
    forecast,
    interviews,
    offers,
    plan,
    schedule_settings,
    transfer,
    windows,
)

#: Pages (HTML, CSRF-protected forms) and the JSON API under /api/v1.
PAGES: tuple[APIRouter, ...] = (
    board.router,
    companies.router,
    applications.router,
    interviews.router,
    calendar.router,
    windows.router,
    schedule_settings.router,
    transfer.router,
    analytics.router,
    forecast.router,
    evaluate.router,
    offers.router,
    plan.router,
    api_docs.router,
    charts.router,
)
API: tuple[APIRouter, ...] = (
    api_tracking.router,
    api_people.router,
    api_analytics.router,
    api_forecast.router,
    api_decide.router,
    api_offers.router,
    api_schedule.router,
    api_plan.router,
)
API_PREFIX = "/api/v1"


def include(app: FastAPI) -> None:
    for router in PAGES:
        app.include_router(router)
    for router in API:
        app.include_router(router, prefix=API_PREFIX)
