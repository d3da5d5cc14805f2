"""The forecast's what-if settings: read from the address (a GET form that changes nothing),
checked field by field, and written back into a link so a forecast can be shared."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from widenet.errors import InvalidInput, Problem
from widenet.services import forecast as service

FIELDS: Final = ("add", "decide", "window", "runs", "seed")
#: The page and the API simulate at most this many searches: 10,000 (the default) answer in
#: about 0.3 s on 2 cores, 100,000 in about 3 s; the command line takes up to MAX_RUNS.
MAX_PAGE_RUNS: Final = 100_000
_LONGEST: Final = 12  # characters: longer is out of every range, no need to read it


@dataclass(frozen=True)
class WhatIf:
    """What the forecast is asked: ``add`` typical applications sent today, her decision
    ``decide`` days after the first offer (None: the model's 14), offers counted within
    ``window`` days (None: all), ``runs`` simulated searches from ``seed``."""

    add: int = 0
    decide: int | None = None
    window: int | None = None
    runs: int = service.DEFAULT_RUNS
    seed: int = service.DEFAULT_SEED

    def values(self) -> dict[str, str]:
        """The form's fields as text (an empty window: every offer counts)."""
        return {
            "add": str(self.add),
            "decide": "" if self.decide is None else str(self.decide),
            "window": "" if self.window is None else str(self.window),
            "runs": str(self.runs),
            "seed": str(self.seed),
        }

    def query(self) -> str:
        """The address's query for these settings, leaving out those at their default."""
        default = WhatIf().values()
        return urlencode({k: v for k, v in self.values().items() if v != default[k]})


def parse(values: Mapping[str, str]) -> WhatIf:
    """The settings from the form's text (an empty field keeps its default); InvalidInput
    names every field that is wrong."""
    problems: list[Problem] = []
    numbers: dict[str, int] = {}
    for name in FIELDS:
        text = values.get(name, "").strip().replace(",", "").replace(" ", "")
        if not text:
            continue
        try:
            numbers[name] = _whole(text)
        except ValueError as why:
            problems.append(Problem(f"{why} (got {_shown(values[name])!r})", field=name))
    default = WhatIf()
    what_if = WhatIf(
        add=numbers.get("add", default.add),
        decide=numbers.get("decide"),
        window=numbers.get("window"),
        runs=numbers.get("runs", default.runs),
        seed=numbers.get("seed", default.seed),
    )
    try:
        check(what_if)
    except InvalidInput as error:
        unread = {problem.field for problem in problems}
        problems += [problem for problem in error.problems if problem.field not in unread]
    if problems:
        raise _refused(sorted(problems, key=lambda p: FIELDS.index(p.field or "add")))
    return what_if


def _whole(text: str) -> int:
    if len(text.lstrip("+-")) > _LONGEST and text.lstrip("+-").isdigit():
        raise ValueError("is far out of range")
    try:
        return int(text)
    except ValueError:
        raise ValueError("must be a whole number") from None


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 20 else text[:19] + "…"


def check(what_if: WhatIf) -> None:
    """Refuse settings out of range, naming each field (the service's limits, and fewer runs
    than the command line allows, so that a page answers in seconds)."""
    try:
        service.check_settings(
            runs=what_if.runs,
            seed=what_if.seed,
            add=what_if.add,
            window_days=what_if.window,
            decide_within=what_if.decide,
        )
        problems: list[Problem] = []
    except InvalidInput as error:
        problems = list(error.problems)
    if what_if.runs > MAX_PAGE_RUNS and not any(p.field == "runs" for p in problems):
        problems.append(Problem(_too_many(what_if.runs), field="runs"))
    if problems:
        raise _refused(problems)


def _refused(problems: list[Problem]) -> InvalidInput:
    message = "; ".join(problem.describe() for problem in problems)
    return InvalidInput(message, field=problems[0].field, problems=problems)


def _too_many(runs: int) -> str:
    return (
        f"must be between 1 and {MAX_PAGE_RUNS:,} here (got {runs:,}); "
        f"`widenet forecast --runs {runs}` simulates more"
    )
