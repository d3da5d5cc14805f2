"""The plan in the browser: the latest plan as a Gantt chart against what happened, week by
week with reasons, the baselines compared, and a form to plan or re-plan."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.errors import Infeasible, InvalidInput, WidenetError
from widenet.parse import parse_date
from widenet.services import plan
from widenet.services.context import Store
from widenet.services.tracking import Moment
from widenet.web.deps import FormDep, MomentDep, StoreDep
from widenet.web.forms import FormState, refused, refused_as
from widenet.web.plan_figure import gantt_figure
from widenet.web.render import is_htmx, page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

#: The form's inputs, and where the service's fields show on it.
INPUTS = ("window", "start", "time_limit")
FIELD_OF = {"window_days": "window"}


def _input(name: str) -> str | None:
    name = FIELD_OF.get(name, name)
    return name if name in INPUTS else None


def plan_page(
    request: Request,
    store: Store,
    moment: Moment,
    *,
    form: FormState | None = None,
    status_code: int = 200,
) -> Response:
    show = plan.latest(store, moment)
    context = {
        "show": show,
        "figure": gantt_figure(show) if show is not None and show.plan.included else None,
        "form": form,
        "has_companies": not store.is_empty(),
        "time_limit": plan.DEFAULT_TIME_LIMIT,
        "runs": plan.EVALUATE_RUNS,
    }
    return page(request, "plan.html", context, partial="_plan.html", status_code=status_code)


@router.get("/plan")
def plan_view(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    return plan_page(request, store, moment)


@router.post("/plan")
def make_plan(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Plan (or re-plan) from today; it takes up to the time limit."""
    try:
        plan.plan_search(
            store,
            moment,
            window_days=_whole(form, "window"),
            start=_day(form, moment),
            replan=form.get("replan") == "1",
            hard_window=form.get("hard_window") == "1",
            time_limit=_seconds(form, "time_limit"),
        )
    except Infeasible as exc:  # the planner's own words, whole, above the form
        state = refused(store, form, exc, fields=())
        return plan_page(request, store, moment, form=state, status_code=exc.status)
    except WidenetError as exc:
        state = refused_as(store, form, exc, _input)
        return plan_page(request, store, moment, form=state, status_code=exc.status)
    if is_htmx(request):
        return plan_page(request, store, moment)
    return RedirectResponse("/plan", status_code=303)


def _whole(form: dict[str, str], name: str) -> int | None:
    text = form.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(f"{text!r} is not a whole number of days.", field=name)
    return int(text)


def _seconds(form: dict[str, str], name: str) -> float:
    text = form.get(name, "").strip()
    if not text:
        return plan.DEFAULT_TIME_LIMIT
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number of seconds.", field=name) from None


def _day(form: dict[str, str], moment: Moment) -> date | None:
    text = form.get("start", "").strip()
    return parse_date(text, today=moment.today, field="start") if text else None
