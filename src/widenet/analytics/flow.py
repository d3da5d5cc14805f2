"""The flow of applications through the stages to an offer, every exit its own band (Sankey)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from widenet.analytics.history import Exit, Facts, digest
from widenet.analytics.result import Result
from widenet.track.model import Application
from widenet.track.stages import PROGRESS, Stage


@dataclass(frozen=True)
class FlowNode:
    key: str  # a stage kind ("onsite") or "exit:<exit>" ("exit:withdrawn")
    label: str
    total: int  # applications passing through or ending here


@dataclass(frozen=True)
class FlowLink:
    source: int  # index into Flow.nodes
    target: int
    value: int  # applications taking this band


@dataclass(frozen=True)
class Flow(Result):
    """Applied → the step kinds each process went through → its exit.

    A process follows the kinds it actually entered, so a referral that skipped the
    recruiter and technical screens flows straight from "applied" to "onsite". Exits:
    no response (a silent rejection, or ghosted before any contact), rejected, withdrawn,
    ghosted, offer declined, offer accepted, and still open.
    """

    today: date
    applications: int
    nodes: tuple[FlowNode, ...]
    links: tuple[FlowLink, ...]

    def link(self, source: str, target: str) -> int:
        """Applications flowing from the node keyed ``source`` to the one keyed ``target``."""
        keys = [node.key for node in self.nodes]
        if source not in keys or target not in keys:
            return 0
        pair = (keys.index(source), keys.index(target))
        return sum(link.value for link in self.links if (link.source, link.target) == pair)


def exit_key(exit_: Exit) -> str:
    return f"exit:{exit_.value}"


def flow(applications: Sequence[Application], *, today: date) -> Flow:
    """The Sankey of ``applications`` as of ``today``."""
    return flow_of(digest(applications, today=today), today=today)


def flow_of(facts: Sequence[Facts], *, today: date) -> Flow:
    """:func:`flow` over already digested applications."""
    bands: Counter[tuple[str, str]] = Counter()
    for f in facts:
        path = f.path
        for here, there in itertools.pairwise(path):
            bands[here.value, there.value] += 1
        bands[path[-1].value, exit_key(f.exit)] += 1
    keys = _node_keys(bands)
    index = {key: i for i, key in enumerate(keys)}
    inflow: Counter[str] = Counter()
    for (_, target), value in bands.items():
        inflow[target] += value
    inflow[Stage.APPLIED.value] = len(facts)  # every process starts there
    nodes = tuple(FlowNode(key=key, label=_label(key), total=inflow[key]) for key in keys)
    links = tuple(
        FlowLink(source=index[source], target=index[target], value=value)
        for (source, target), value in sorted(bands.items(), key=lambda b: _band_order(b[0]))
    )
    return Flow(today=today, applications=len(facts), nodes=nodes, links=links)


_ORDER = [stage.value for stage in PROGRESS] + [exit_key(e) for e in Exit]


def _node_keys(bands: Counter[tuple[str, str]]) -> list[str]:
    used = {key for band in bands for key in band}
    return [key for key in _ORDER if key in used]


def _band_order(band: tuple[str, str]) -> tuple[int, int]:
    return (_ORDER.index(band[0]), _ORDER.index(band[1]))


def _label(key: str) -> str:
    if key.startswith("exit:"):
        return Exit(key.removeprefix("exit:")).label
    return Stage(key).label
