"""What every route depends on: the current user, a unit of work per request, the moment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request

from widenet.config import Settings
from widenet.services import context
from widenet.services.context import Store
from widenet.services.tracking import Moment


def current_user(request: Request) -> int:
    """Whose search this request works on: the local user for now. Hosting for many users
    replaces this one function (a session cookie or a token naming the user)."""
    user_id: int = request.app.state.local_user_id
    return user_id


def _store(request: Request, user_id: Annotated[int, Depends(current_user)]) -> Iterator[Store]:
    # One transaction per request, committed before the response is sent (scope="function"),
    # rolled back when the route raises.
    with context.unit_of_work(request.app.state.database, user_id) as store:
        yield store


def _moment(request: Request) -> Moment:
    settings: Settings = request.app.state.settings
    return Moment(now=request.app.state.clock(), ghosted_after_days=settings.ghosted_after_days)


async def _form(request: Request) -> dict[str, str]:
    """A posted form's text fields (the first value of each name)."""
    fields: dict[str, str] = {}
    for key, value in (await request.form()).multi_items():
        if isinstance(value, str):
            fields.setdefault(key, value)
    return fields


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(_store, scope="function")]
MomentDep = Annotated[Moment, Depends(_moment)]
FormDep = Annotated[dict[str, str], Depends(_form)]
SettingsDep = Annotated[Settings, Depends(_settings)]

#: Ids in paths: positive and within the database's integer range (else 422, never 500).
MAX_ID = 2**31 - 1
ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's id.")]
FilterId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
