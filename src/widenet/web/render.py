"""Rendering pages: the Jinja2 environment (autoescaped), its filters, and full page vs partial."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from widenet.track.model import (
    ContactRole,
    InterviewKind,
    Market,
    Outcome,
    SizeBand,
    Source,
    ValuationBand,
    WorkMode,
)
from widenet.track.stages import PROGRESS, TERMINAL, RejectReason, Stage
from widenet.web import charts
from widenet.web.security import TOKEN_FIELD, csrf_token


def environment(zone: ZoneInfo) -> jinja2.Environment:
    """Templates of the package; every value is HTML-escaped unless marked safe."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("widenet.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        local=lambda moment: moment.astimezone(zone),
        when=lambda moment: _when(moment.astimezone(zone)),
        clock=lambda moment: f"{moment.astimezone(zone):%H:%M}",
        longday=lambda day: f"{day:%A} {day.day} {day:%B %Y}",
        shortday=lambda day: f"{day.day} {day:%b}",
        days=_days,
        duration=duration,
        zoned=lambda moment, name: _when(moment.astimezone(ZoneInfo(name))),
        zoned_clock=lambda moment, name: f"{moment.astimezone(ZoneInfo(name)):%H:%M}",
        label=label,
        safe_url=safe_url,
    )
    env.globals.update(
        chart=charts.chart,
        PLOTLY_JS=charts.PLOTLY_JS,
        PROGRESS=PROGRESS,
        OUTCOME_STAGES=[stage for stage in Stage if stage in TERMINAL],
        SOURCES=list(Source),
        SIZE_BANDS=list(SizeBand),
        VALUATION_BANDS=list(ValuationBand),
        MARKETS=list(Market),
        WORK_MODES=list(WorkMode),
        INTERVIEW_KINDS=list(InterviewKind),
        INTERVIEW_OUTCOMES=list(Outcome),
        CONTACT_ROLES=list(ContactRole),
        REJECT_REASONS=list(RejectReason),
        TOKEN_FIELD=TOKEN_FIELD,
        Stage=Stage,
        zone_name=str(zone),
        query=lambda **params: urlencode({k: v for k, v in params.items() if v}),
    )
    return env


def label(value: Any) -> str:
    """How a choice reads to a person: its label, or its value with spaces."""
    if value is None or value == "":
        return ""
    found = getattr(value, "label", None)
    if isinstance(found, str):
        return found
    text = (value.value if isinstance(value, Enum) else str(value)).replace("_", " ")
    return text[:1].upper() + text[1:]  # not capitalize(): "Offer from Acme" keeps its case


def safe_url(url: str | None) -> str:
    """A link target only when it is a web address: a ``javascript:`` URL typed into a
    field must never become a link."""
    text = (url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


def back_to(target: str | None, default: str = "/") -> str:
    """Where to go after a form: a path on this server only (never another site)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def duration(minutes: int) -> str:
    """Minutes as people say them: ``45 min``, ``2 h``, ``1 h 30``."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _days(count: int) -> str:
    if count == 0:
        return "today"
    return "1 day" if count == 1 else f"{count} days"


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}, {moment:%H:%M}"


def is_htmx(request: Request) -> bool:
    """An HTMX request that swaps part of the page (boosted ones want the whole page)."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and "hx-boosted" not in headers
        and "hx-history-restore-request" not in headers  # going back wants the whole page
    )


def page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    partial: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The full page, or only ``partial`` when HTMX asks for a piece of it."""
    name = partial if partial is not None and is_htmx(request) else template
    env: jinja2.Environment = request.app.state.templates
    values = {
        "request": request,
        "csrf_token": csrf_token(request),
        "path": request.url.path,
        **(context or {}),
    }
    html = env.get_template(name).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    response.headers["vary"] = "HX-Request"
    return response
