"""Form state for pages: what was typed and what was wrong with it, shown next to each field."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from widenet.errors import WidenetError
from widenet.services.context import Store, discard


@dataclass
class FormState:
    """The values of one form and its messages: per field, and one for the whole form."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    message: str = ""
    hint: str = ""

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def error(self, name: str) -> str:
        return self.errors.get(name, "")

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.message)


def refused(
    store: Store,
    values: Mapping[str, str],
    exc: WidenetError,
    *,
    fields: Collection[str],
    default_field: str | None = None,
) -> FormState:
    """Drop what the request wrote and keep the form's values with the messages of ``exc``:
    next to the fields the form has, or at the top of the form."""
    discard(store)
    errors: dict[str, str] = {}
    for problem in exc.problems:
        if problem.field is not None and problem.field in fields and problem.field not in errors:
            errors[problem.field] = problem.message
    if not errors and default_field is not None and not exc.problems:
        errors[default_field] = exc.message
    message = "" if errors else exc.message
    return FormState(dict(values), errors, message, exc.hint)


def refused_as(
    store: Store,
    values: Mapping[str, str],
    exc: WidenetError,
    field_of: Callable[[str], str | None],
) -> FormState:
    """Like :func:`refused`, for forms whose inputs are named differently from the fields the
    services report (``rsu.grant_value`` -> ``rsu``): ``field_of`` gives the input for a field,
    or None; every problem no input shows is kept in the message at the top of the form."""
    discard(store)
    errors: dict[str, str] = {}
    left: list[str] = []
    for problem in exc.problems:
        name = field_of(problem.field) if problem.field is not None else None
        if name is None:
            left.append(problem.describe())
        elif name not in errors:
            errors[name] = problem.message
    if not exc.problems:
        left.append(exc.message)
    elif left and len(exc.problems) > 1:
        left.insert(0, exc.message)
    message = " ".join(dict.fromkeys(left))
    return FormState(dict(values), errors, message, exc.hint)
