"""The user's criteria for judging a company, their weights, and finding one by what is typed."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from widenet.errors import InvalidInput, Problem

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Criterion:
    """One thing that matters about a company, with how much it matters (any non-negative unit)."""

    key: str  # short name used on the command line: ``team=4``
    label: str
    weight: float
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Criteria:
    """An ordered, validated set of criteria. Editing returns a new set; nothing is changed."""

    items: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        _check(self.items)

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, key: object) -> bool:
        return any(item.key == key for item in self.items)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    @property
    def total_weight(self) -> float:
        return math.fsum(item.weight for item in self.items)

    def weight(self, key: str) -> float:
        return self[key].weight

    def weights(self) -> dict[str, float]:
        return {item.key: item.weight for item in self.items}

    def shares(self) -> dict[str, float]:
        """Each weight as a share of the total (they sum to 1); the form the docs show."""
        total = self.total_weight
        return {item.key: item.weight / total for item in self.items}

    def __getitem__(self, key: str) -> Criterion:
        for item in self.items:
            if item.key == key:
                return item
        raise unknown_criterion(key, self)

    def find(self, text: str, *, field: str = "criterion") -> Criterion:
        """The criterion a person means by ``text``: key, label, alias or a unique prefix."""
        return find_criterion(text, self, field=field)

    def with_weights(self, changes: Mapping[str, float]) -> Criteria:
        """A copy with some weights changed; names are resolved like :meth:`find`."""
        resolved = {self.find(name, field=f"weights.{name}").key: w for name, w in changes.items()}
        items = [_replace_weight(item, resolved.get(item.key, item.weight)) for item in self.items]
        return Criteria(tuple(items))

    def with_criterion(
        self, key: str, *, label: str = "", weight: float = 1.0, aliases: Sequence[str] = ()
    ) -> Criteria:
        """A copy with one more criterion of the user's own (e.g. ``commute``)."""
        if key in self:
            raise InvalidInput(f"There already is a criterion {key!r}.", field="key")
        added = Criterion(key, label or key.replace("_", " ").capitalize(), weight, tuple(aliases))
        return Criteria((*self.items, added))

    def without(self, key: str) -> Criteria:
        """A copy without one criterion; its ratings stay in the history but stop counting."""
        gone = self.find(key).key
        return Criteria(tuple(item for item in self.items if item.key != gone))


def _replace_weight(item: Criterion, weight: float) -> Criterion:
    return Criterion(item.key, item.label, weight, item.aliases, item.description)


def _check(items: tuple[Criterion, ...]) -> None:
    """Refuse criteria a score cannot be computed from, listing every problem at once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in items:
        where = f"weights.{item.key}"
        if not _KEY.match(item.key):
            problems.append(
                Problem(
                    f"{item.key!r} is not a usable key: use lower-case letters, digits and _ "
                    "(up to 40), starting with a letter.",
                    field="key",
                )
            )
        if item.key in seen:
            problems.append(Problem(f"{item.key!r} appears twice.", field="key"))
        seen.add(item.key)
        if isinstance(item.weight, bool) or not math.isfinite(item.weight):
            problems.append(Problem(f"{item.weight!r} is not a number.", field=where))
        elif item.weight < 0:
            problems.append(Problem(f"{item.weight:g} is negative; use 0 to ignore.", field=where))
    if not items:
        problems.append(Problem("There must be at least one criterion.", field="criteria"))
    elif not problems and math.fsum(item.weight for item in items) <= 0:
        problems.append(
            Problem("The weights sum to zero: give at least one a weight above 0.", field="weights")
        )
    if problems:
        first = problems[0]
        message = first.describe() if len(problems) == 1 else _several(problems)
        raise InvalidInput(message, field=first.field, problems=problems)


def _several(problems: Sequence[Problem]) -> str:
    return f"{len(problems)} problems with the criteria: " + "; ".join(
        problem.describe() for problem in problems
    )


# Team and manager weigh most: the write-up behind widenet found them the things that mattered
# most and that can only be learned inside the process. Compensation outlook weighs little here
# because offers get their own column in the decision matrix (see docs/evaluate.md).
DEFAULT_CRITERIA = Criteria(
    (
        Criterion("team", "Team", 3.0, ("people", "colleagues", "teammates")),
        Criterion("manager", "Manager", 3.0, ("boss", "lead", "hiring manager")),
        Criterion("product", "Product and mission", 2.0, ("mission", "product and mission")),
        Criterion("technology", "Technology", 1.5, ("tech", "stack", "engineering")),
        Criterion("growth", "Growth and learning", 2.0, ("learning", "career")),
        Criterion("work_life", "Work–life balance", 2.0, ("work life", "balance", "wlb", "hours")),
        Criterion("compensation", "Compensation outlook", 1.0, ("comp", "pay", "money", "salary")),
        Criterion("location", "Location / remote", 1.0, ("remote", "office")),
    )
)


def default_criteria() -> Criteria:
    """The eight default criteria with their default weights (shares in docs/evaluate.md)."""
    return DEFAULT_CRITERIA


def normalise_name(text: str) -> str:
    """Fold case, dashes, slashes and spacing so "Work-life balance" matches "work life balance"."""
    return " ".join(re.sub(r"[\s_\-–/&.]+", " ", text.casefold()).split())


def _names(criteria: Criteria) -> dict[str, str]:
    """Every accepted spelling (normalised) -> the criterion key it stands for."""
    names: dict[str, str] = {}
    # keys win over labels, labels over aliases: a criterion of the user's own called
    # "remote" must not be taken for the alias of location
    keys = [(item.key, item.key) for item in criteria]
    labels = [(item.label, item.key) for item in criteria]
    aliases = [(alias, item.key) for item in criteria for alias in item.aliases]
    for name, key in (*keys, *labels, *aliases):
        names.setdefault(normalise_name(name), key)
    return names


def find_criterion(text: str, criteria: Criteria, *, field: str = "criterion") -> Criterion:
    """Resolve what a person typed: exact key/label/alias, else a unique prefix, else an error."""
    key = normalise_name(text)
    names = _names(criteria)
    if key in names:
        return criteria[names[key]]
    prefixed = {found for name, found in names.items() if key and name.startswith(key)}
    if len(prefixed) == 1:
        return criteria[prefixed.pop()]
    raise unknown_criterion(text, criteria, field=field, ambiguous=sorted(prefixed))


def unknown_criterion(
    text: str, criteria: Criteria, *, field: str = "criterion", ambiguous: Sequence[str] = ()
) -> InvalidInput:
    """The error for a name that is no criterion: the closest ones and the full list."""
    known = ", ".join(criteria.keys)
    if ambiguous:
        message = f"{text!r} could be any of: {', '.join(ambiguous)}. Known criteria: {known}."
        return InvalidInput(message, field=field, hint=f"Did you mean: {', '.join(ambiguous)}?")
    close = suggest(text, criteria)
    hint = f"Did you mean {' or '.join(repr(key) for key in close)}?" if close else ""
    message = f"{text!r} is not a criterion. {hint + ' ' if hint else ''}Known criteria: {known}."
    return InvalidInput(message, field=field, hint=hint)


def suggest(text: str, criteria: Criteria, *, n: int = 2) -> list[str]:
    """Keys of the criteria whose names are closest to ``text`` (for "did you mean")."""
    names = _names(criteria)
    close = difflib.get_close_matches(normalise_name(text), list(names), n=n * 3, cutoff=0.6)
    keys: list[str] = []
    for name in close:
        if names[name] not in keys:
            keys.append(names[name])
    return keys[:n]
