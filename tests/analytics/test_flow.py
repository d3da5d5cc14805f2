"""The flow (Sankey): bands from applied through the stages to each exit."""

from __future__ import annotations

from collections import Counter

import pytest

from widenet.analytics.flow import Flow, flow
from widenet.track.model import Application, Source

from .build import app, day
from .seed import seed_search

TODAY = day(60)


def bands(result: Flow) -> dict[tuple[str, str], int]:
    keys = [node.key for node in result.nodes]
    return {(keys[link.source], keys[link.target]): link.value for link in result.links}


CASES = [
    pytest.param(
        [
            app(
                1,
                ("applied", 0),
                ("onsite", 5),
                ("offer", 9),
                ("accepted", 12),
                source=Source.REFERRAL,
            )
        ],
        {("applied", "onsite"): 1, ("onsite", "offer"): 1, ("offer", "exit:accepted"): 1},
        id="a referral's shortcut is its own band from applied to onsite",
    ),
    pytest.param(
        [
            app(1, ("applied", 0), ("ghosted", 30)),
            app(2, ("applied", 0), ("rejected", 20, "no_response")),
            app(3, ("applied", 0), ("rejected", 3, "not_a_fit")),
            app(4, ("applied", 0), ("withdrawn", 3)),
        ],
        {
            ("applied", "exit:no_response"): 2,
            ("applied", "exit:rejected"): 1,
            ("applied", "exit:withdrawn"): 1,
        },
        id="silence is no response, whether recorded as ghosted or as a rejection",
    ),
    pytest.param(
        [
            app(
                1,
                ("applied", 0),
                ("recruiter", 2),
                ("technical", 5),
                ("onsite", 9),
                ("rejected", 11, "failed_interview"),
            ),
            app(2, ("applied", 0), ("recruiter", 2), ("ghosted", 40)),
            app(3, ("applied", 0), ("recruiter", 2), ("technical", 5)),
        ],
        {
            ("applied", "recruiter"): 3,
            ("recruiter", "technical"): 2,
            ("recruiter", "exit:ghosted"): 1,
            ("technical", "onsite"): 1,
            ("technical", "exit:open"): 1,
            ("onsite", "exit:rejected"): 1,
        },
        id="exits leave from the last stage reached; open processes end in 'still open'",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("offer", 9), ("declined", 12))],
        {("applied", "offer"): 1, ("offer", "exit:declined"): 1},
        id="a declined offer is its own exit",
    ),
]


@pytest.mark.parametrize(("apps", "expected"), CASES)
def test_bands(apps: list[Application], expected: dict[tuple[str, str], int]) -> None:
    assert bands(flow(apps, today=TODAY)) == expected


def test_seed_search_flow_balances_at_every_stage() -> None:
    result = flow(seed_search(), today=TODAY)
    inflow: Counter[int] = Counter()
    outflow: Counter[int] = Counter()
    for link in result.links:
        inflow[link.target] += link.value
        outflow[link.source] += link.value
    for i, node in enumerate(result.nodes):
        if node.key == "applied":
            assert outflow[i] == node.total == 43
        elif node.key.startswith("exit:"):
            assert outflow[i] == 0
            assert inflow[i] == node.total
        else:
            assert inflow[i] == outflow[i] == node.total
    assert result.link("applied", "exit:no_response") == 7
    assert result.link("recruiter", "exit:withdrawn") == 11
    assert result.link("recruiter", "onsite") == 1  # the referral
    assert result.link("offer", "exit:declined") == 4


def test_empty_search_has_no_nodes_or_links() -> None:
    result = flow([], today=TODAY)
    assert (result.applications, result.nodes, result.links) == (0, (), ())
    assert result.link("applied", "exit:open") == 0
