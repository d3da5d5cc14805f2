"""Errors at the web edge: RFC 9457 problem details for the API, an error page (or partial)
for the pages. One handler per kind of error, registered by create_app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from widenet.errors import Problem, WidenetError
from widenet.web.render import is_htmx, page

PROBLEM_JSON = "application/problem+json"
#: Where the kinds of problem are explained (the API reference page).
PROBLEM_TYPES = "/api/docs#problem-"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    kind: str | None = None,
    errors: Sequence[Problem] = (),
    hint: str = "",
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A problem details body: type, title, status, detail, and every field-level error."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPES + kind if kind else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": [
            {"field": problem.field, "line": problem.line, "message": problem.message}
            for problem in errors
        ],
    }
    if hint:
        body["hint"] = hint
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def error_page(
    request: Request,
    status: int,
    title: str,
    detail: str,
    *,
    problems: Sequence[Problem] = (),
    hint: str = "",
) -> Response:
    """The error as a page, or, for HTMX, as a message swapped into the page's flash area."""
    headers = {"hx-retarget": "#flash", "hx-reswap": "innerHTML"} if is_htmx(request) else None
    context = {
        "status": status,
        "title": title,
        "detail": detail,
        "problems": [p for p in problems if p.message != detail],
        "hint": hint,
        "back": getattr(request.state, "back", None),
    }
    return page(
        request,
        "error.html",
        context,
        partial="_error.html",
        status_code=status,
        headers=headers,
    )


async def widenet_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WidenetError)
    if is_api(request):
        return problem_response(
            exc.status,
            exc.title,
            exc.message,
            kind=_slug(exc.title),
            errors=exc.problems,
            hint=exc.hint,
        )
    return error_page(
        request, exc.status, exc.title, exc.message, problems=exc.problems, hint=exc.hint
    )


def _field(location: Sequence[int | str]) -> str | None:
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    if len(parts) == 1 and parts[0].isdigit():  # a position in a body that is not JSON
        return None
    return ".".join(parts) or None


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        Problem(str(error.get("msg", "invalid")), field=_field(error.get("loc", ())))
        for error in exc.errors()
    ]
    detail = "The request is not valid: " + "; ".join(p.describe() for p in problems[:5])
    if is_api(request):
        return problem_response(422, "Invalid input", detail, kind="invalid-input", errors=problems)
    return error_page(request, 422, "Invalid input", detail, problems=problems)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    title = HTTPStatus(exc.status_code).phrase
    detail = str(exc.detail) if exc.detail != title else _default_detail(exc.status_code)
    if exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=exc.headers)
    if is_api(request):
        return problem_response(exc.status_code, title, detail, headers=exc.headers)
    return error_page(request, exc.status_code, title, detail)


def _default_detail(status: int) -> str:
    return {
        404: "There is nothing at this address.",
        405: "This address does not take that kind of request.",
    }.get(status, HTTPStatus(status).description)


async def unexpected_error(request: Request, exc: Exception) -> Response:
    detail = "Something went wrong on the server; nothing was saved. The log has the details."
    if is_api(request):
        return problem_response(500, "Internal Server Error", detail)
    return error_page(request, 500, "Internal Server Error", detail)


def register(app: FastAPI) -> None:
    app.add_exception_handler(WidenetError, widenet_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
