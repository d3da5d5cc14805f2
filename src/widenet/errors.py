"""The one error tree of widenet; interfaces convert it at the edges.

::

    WidenetError            status 500, exit 1   base: something went wrong
    ├── InvalidInput        status 422, exit 1   a value the user gave is wrong (names the field)
    │   └── ImportRejected  status 422, exit 1   a file had bad rows; nothing was imported
    ├── NotFound            status 404, exit 1   no such company / application / interview
    │   └── Ambiguous       status 409, exit 1   a name matches several things; say which
    ├── Conflict            status 409, exit 1   the request contradicts what is stored
    └── Infeasible          status 422, exit 1   a plan or schedule cannot meet a constraint
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong."""

    message: str
    field: str | None = None
    line: int | None = None

    def describe(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"{self.field}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class WidenetError(Exception):
    """Base of every error widenet reports to a user."""

    status = 500
    exit_code = 1
    title = "Error"

    def __init__(self, message: str, *, problems: Sequence[Problem] = (), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InvalidInput(WidenetError):
    status = 422
    title = "Invalid input"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        problems: Sequence[Problem] = (),
        hint: str = "",
    ) -> None:
        if field is not None and not problems:
            problems = [Problem(message, field=field)]
        super().__init__(message, problems=problems, hint=hint)
        self.field = field


class ImportRejected(InvalidInput):
    title = "Import rejected"


class NotFound(WidenetError):
    status = 404
    title = "Not found"

    def __init__(self, message: str, *, suggestions: Sequence[str] = (), hint: str = "") -> None:
        if suggestions and not hint:
            hint = "Did you mean: " + ", ".join(suggestions) + "?"
        super().__init__(message, hint=hint)
        self.suggestions = list(suggestions)


class Ambiguous(NotFound):
    status = 409
    title = "Ambiguous"


class Conflict(WidenetError):
    status = 409
    title = "Conflict"


class Infeasible(WidenetError):
    status = 422
    title = "Infeasible"


@dataclass
class ProblemList:
    """Collects problems while validating a whole file, so all of them are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(message, field=field, line=line))

    def __bool__(self) -> bool:
        return bool(self.problems)
