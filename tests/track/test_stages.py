"""Stage names people type map to the canonical kinds."""

from __future__ import annotations

import pytest

from widenet.track.names import find
from widenet.track.stages import PROGRESS, Stage, resolve


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Recruiter call", Stage.RECRUITER),
        ("phone screen", Stage.TECHNICAL),
        ("Take-home", Stage.TAKE_HOME),
        ("take_home", Stage.TAKE_HOME),
        ("  ONSITE ", Stage.ONSITE),
        ("virtual onsite", Stage.ONSITE),
        ("HM", Stage.HIRING_MANAGER),
        ("reference check", Stage.REFERENCES),
        ("offer", Stage.OFFER),
        ("ghosted", Stage.GHOSTED),
    ],
)
def test_aliases(name: str, kind: Stage) -> None:
    assert resolve(name) is kind


def test_custom_names_are_remembered_and_unknown_ones_are_not_guessed() -> None:
    assert resolve("Team matching") is None
    assert resolve("team  matching", known={"Team matching": Stage.HIRING_MANAGER}) is (
        Stage.HIRING_MANAGER
    )


def test_every_progress_stage_has_increasing_rank_and_outcomes_have_none() -> None:
    assert [stage.rank for stage in PROGRESS] == list(range(len(PROGRESS)))
    assert all(stage.rank == -1 for stage in Stage if stage.is_terminal)


@pytest.mark.parametrize(
    ("query", "names", "found", "candidates"),
    [
        ("acme", ["Acme", "Acorn"], "Acme", ()),
        ("ACME ", ["Acme"], "Acme", ()),
        ("aco", ["Acme", "Acorn"], "Acorn", ()),
        ("ac", ["Acme", "Acorn"], None, ("Acme", "Acorn")),
        ("acmee", ["Acme", "Zeta"], None, ("Acme",)),
        ("nothing", ["Acme"], None, ()),
    ],
    ids=["exact", "any case", "unique prefix", "ambiguous prefix", "typo", "unknown"],
)
def test_find_company(
    query: str, names: list[str], found: str | None, candidates: tuple[str, ...]
) -> None:
    match = find(query, names)
    assert match.found == found
    assert match.candidates == candidates
