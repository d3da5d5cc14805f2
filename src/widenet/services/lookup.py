"""Finding the company or application a person means, with helpful errors."""

from __future__ import annotations

from widenet.errors import Ambiguous, NotFound
from widenet.storage.repo import Store
from widenet.track import names
from widenet.track.model import Application, Company


def company(store: Store, query: str) -> Company:
    """The company named ``query`` (any case, or a unique prefix); suggestions otherwise."""
    found = store.company_by_name(query)
    if found is not None:
        return found
    match = names.find(query, store.company_names())
    if match.found is not None:
        result = store.company_by_name(match.found)
        assert result is not None
        return result
    if match.candidates and all(
        names.name_key(c).startswith(names.name_key(query)) for c in match.candidates
    ):
        raise Ambiguous(
            f"{query!r} matches several companies: {', '.join(match.candidates)}.",
            hint="Type more of the name.",
        )
    raise NotFound(f"No company named {query!r}.", suggestions=match.candidates)


def application(
    store: Store, company_query: str, *, role: str | None = None, include_closed: bool = False
) -> tuple[Company, Application]:
    """The application meant: the only one, the only open one, or the one whose role matches."""
    found = company(store, company_query)
    apps = store.applications(company_ids=[found.id])
    if not apps:
        raise NotFound(
            f"{found.name} has no application yet.",
            hint=f'Apply first: widenet apply "{found.name}" --role "..."',
        )
    if role:
        return found, _by_role(found, apps, role)
    if len(apps) == 1:
        return found, apps[0]
    open_apps = [app for app in apps if app.events and not app.events[-1].stage.is_terminal]
    candidates = apps if include_closed or not open_apps else open_apps
    if len(candidates) == 1:
        return found, candidates[0]
    roles = ", ".join(repr(app.role) for app in candidates)
    raise Ambiguous(
        f"{found.name} has {len(candidates)} applications ({roles}); say which with --role.",
    )


def _by_role(found: Company, apps: list[Application], role: str) -> Application:
    match = names.find(role, [app.role for app in apps])
    if match.found is not None:
        picked = [app for app in apps if app.role == match.found]
        # Several applications for one title: the latest is the one being worked on.
        return picked[-1]
    roles = ", ".join(repr(app.role) for app in apps)
    raise NotFound(f"{found.name} has no application for role {role!r} (roles: {roles}).")
