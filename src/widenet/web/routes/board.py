"""The board: a column per stage kind; moving a card records a stage event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.parse import parse_choice, parse_date
from widenet.services import applications, schedule, tracking
from widenet.services.context import Store
from widenet.services.tracking import Moment
from widenet.track.model import SizeBand, Source
from widenet.web.deps import FormDep, ItemId, MomentDep, StoreDep
from widenet.web.render import back_to, is_htmx, page
from widenet.web.routes.calendar import WARNING_TITLES, signature
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])


@dataclass(frozen=True)
class Filters:
    """The board's filters as typed in the query string (or a form that includes them)."""

    source: str = ""
    size: str = ""
    active: bool = False

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Filters:
        return cls(
            source=values.get("source", "").strip(),
            size=values.get("size", "").strip(),
            active=values.get("active", "") not in ("", "0"),
        )

    @property
    def any(self) -> bool:
        return bool(self.source or self.size or self.active)


def _board_page(request: Request, store: Store, moment: Moment, filters: Filters) -> Response:
    found = schedule.board(
        store,
        moment,
        source=parse_choice(Source, filters.source, field="source") if filters.source else None,
        size_band=parse_choice(SizeBand, filters.size, field="size") if filters.size else None,
        active_only=filters.active,
    )
    context = {
        "board": found.board,
        "filters": filters,
        "today": moment.today,
        "now": moment.now,
        "warnings": found.warnings,
        "warnings_key": signature(found.warnings),
        "warning_titles": WARNING_TITLES,
    }
    return page(request, "board.html", context, partial="_board.html")


@router.get("/")
@router.get("/board")
def board(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    return _board_page(request, store, moment, Filters.of(request.query_params))


@router.post("/applications/{application_id}/move")
def move(
    request: Request, application_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Move an application to a stage or an outcome. HTMX gets the board back (when the board
    is the target) or the card; a plain form goes back where it came from."""
    request.state.back = back_to(form.get("next"))
    on = form.get("on", "").strip()
    view = applications.move(
        store,
        moment,
        application_id,
        stage=form.get("stage", ""),
        on=parse_date(on, today=moment.today, field="on") if on else None,
        reason=form.get("reason", ""),
        note=form.get("note", ""),
        reopen=form.get("reopen", "") == "1",
    )
    if not is_htmx(request):
        return RedirectResponse(request.state.back, status_code=303)
    if request.headers.get("hx-target") == "board":
        return _board_page(request, store, moment, Filters.of(form))
    context = {"card": tracking.card_of(view), "today": moment.today, "now": moment.now}
    return page(request, "_card.html", context)
