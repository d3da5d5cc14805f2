"""Ratings over time for the demo search: how the view of each company moved stage by stage.

Every company that had its recruiter call (unless it turned the candidate down right after)
is rated after that call and after each later step: screens, onsite, offer.
Early impressions lean on how much the company was wanted and get firmer (and truer) stage by
stage, as in the write-up behind widenet; two stories stand out: a favourite whose manager
disappointed at the onsite, and a company wanted less that impressed. A few questions asked,
with their answers, are recorded too. Written through the services, deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from widenet.services import evaluate, tracking
from widenet.services.demo_data import REFERRER
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage.repo import Store
from widenet.track.model import Source
from widenet.track.stages import Stage

# What each step teaches, and how firmly: (criterion, confidence). Work-life balance stays a
# low-confidence guess even after the onsite: interviews show it least, so it is what
# `widenet questions` will suggest asking about.
TAUGHT: dict[Stage, tuple[tuple[str, str], ...]] = {
    Stage.RECRUITER: (
        ("product", "medium"),
        ("compensation", "medium"),
        ("location", "medium"),
        ("team", "low"),
        ("manager", "low"),
        ("growth", "low"),
    ),
    Stage.HIRING_MANAGER: (("manager", "medium"), ("team", "medium"), ("growth", "medium")),
    Stage.TECHNICAL: (("technology", "medium"), ("team", "medium")),
    Stage.TAKE_HOME: (("technology", "medium"),),
    Stage.ONSITE: (
        ("team", "high"),
        ("manager", "high"),
        ("technology", "high"),
        ("product", "high"),
        ("growth", "medium"),
        ("work_life", "low"),
    ),
    Stage.OFFER: (("compensation", "high"),),
}
#: How far an impression after each step leans towards hope (x (excitement - 3)), and how noisy.
LEAN = {Stage.RECRUITER: 0.6, Stage.HIRING_MANAGER: 0.4, Stage.TECHNICAL: 0.3, Stage.TAKE_HOME: 0.3}
NOISE = {
    Stage.RECRUITER: 0.7,
    Stage.HIRING_MANAGER: 0.5,
    Stage.TECHNICAL: 0.5,
    Stage.TAKE_HOME: 0.4,
}
KEYS = (
    "team",
    "manager",
    "product",
    "technology",
    "growth",
    "work_life",
    "compensation",
    "location",
)

# The stories: what a company really is, and how it looked after the recruiter call.
SOURED_TRUTH = {"team": 2, "manager": 1, "work_life": 2, "product": 4, "technology": 4, "growth": 3}
SOURED_FIRST = {"team": 5, "manager": 5, "growth": 5, "product": 5}
SOURED_NOTE = "Manager talked over his reports and had no answer on growth; team looked tired."
IMPRESSED_TRUTH = {"team": 5, "manager": 4, "technology": 4, "growth": 5, "product": 3}
IMPRESSED_FIRST = {"team": 2, "manager": 2, "growth": 3, "product": 2}
IMPRESSED_NOTE = "Engineers lit up talking about their work; manager has a plan for my first year."
# The referral stays a strong choice, so the decision between the offers is a close one.
REFERRAL_TRUTH = {"team": 4, "manager": 4, "product": 5, "technology": 4, "growth": 4}

ANSWERS: dict[str, str] = {
    "compensation-1": "A range with room above my current base; they would place me mid-band.",
    "location-1": "Tuesdays and Thursdays in the office; the rest is up to the team.",
    "team-1": "Six engineers; the longest has been there four years, the newest two months.",
    "team-4": "Yes: Dana set up a coffee with a senior engineer on the team.",
    "manager-1": "Weekly, 30 minutes, with a shared list of topics; career talk once a month.",
    "manager-3": "He said he would 'see it in the sprint numbers'; no regular one-on-ones.",
    "growth-1": "A written ladder; the last promotion was argued with examples by the manager.",
    "work_life-2": "Before a launch last spring; they gave the days back afterwards.",
}


@dataclass
class _Company:
    name: str
    excitement: int
    steps: list[tuple[Stage, date]]
    referral: bool
    applied: date
    in_play: bool
    truth: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # set impressions after the first call
    note: str = ""
    asked: list[tuple[Stage | str, str]] = field(default_factory=list)


def add_to_demo(store: Store, moment: Moment, *, seed: int) -> dict[str, int]:
    """Rate the demo's companies that had a recruiter call; returns what was written."""
    # its own stream, so the search itself is the same with or without ratings
    rng = random.Random(f"widenet-demo-ratings-{seed}")  # noqa: S311 - not for security
    companies = _companies(tracking.application_views(store, moment), rng)
    _stories(companies)
    sessions = asked = 0
    for company in companies:
        sessions += _rate(store, moment, company, rng)
        for at, question in company.asked:
            evaluate.ask(
                store,
                moment,
                company=company.name,
                question=question,
                answer=ANSWERS[question],
                at=at.value if isinstance(at, Stage) else at,
                on=_when(company, at),
            )
            asked += 1
    return {"rated_companies": len(companies), "rating_sessions": sessions, "asked": asked}


def _companies(views: list[ApplicationView], rng: random.Random) -> list[_Company]:
    found: list[_Company] = []
    for view in sorted(views, key=lambda v: (v.events[0].on, v.company.name)):
        steps = [(e.stage, e.on) for e in view.events if e.stage in TAUGHT]
        if not steps or view.status.furthest.rank < Stage.RECRUITER.rank:
            continue
        if view.status.furthest is Stage.RECRUITER and view.status.current is Stage.REJECTED:
            continue  # turned down after one call: nothing much to rate
        quality = rng.uniform(2.3, 4.2)
        truth = {key: _clamp(quality + rng.gauss(0, 0.8)) for key in KEYS}
        found.append(
            _Company(
                view.company.name,
                view.company.excitement or 3,
                steps,
                view.application.source is Source.REFERRAL,
                view.events[0].on,
                view.status.is_open,
                truth,
            )
        )
    return found


def _stories(companies: list[_Company]) -> None:
    """Pick the soured favourite and the company that impressed, and set their stories."""
    onsite = [c for c in companies if any(s is Stage.ONSITE for s, _ in c.steps)]
    plain = [c for c in onsite if not c.referral]
    impressed = min(plain, key=lambda c: (not c.in_play, c.excitement, c.name), default=None)
    rest = [c for c in onsite if c is not impressed and not _has_offer(c)] or [
        c for c in onsite if c is not impressed
    ]
    soured = max(rest, key=lambda c: (c.excitement, c.name), default=None)
    if impressed is not None:
        impressed.truth.update(IMPRESSED_TRUTH)
        impressed.first, impressed.note = IMPRESSED_FIRST, IMPRESSED_NOTE
        impressed.asked = [(Stage.RECRUITER, "compensation-1"), (Stage.ONSITE, "manager-1")]
        impressed.asked.append((Stage.ONSITE, "growth-1"))
    if soured is not None:
        soured.truth.update(SOURED_TRUTH)
        soured.first, soured.note = SOURED_FIRST, SOURED_NOTE
        soured.asked = [(Stage.RECRUITER, "team-1"), (Stage.ONSITE, "manager-3")]
    for company in companies:
        if company.referral:
            company.truth.update(REFERRAL_TRUTH)
            company.asked = [(f"coffee with {REFERRER}", "team-4"), (Stage.ONSITE, "work_life-2")]
        elif company is not impressed and company is not soured and _has_offer(company):
            company.asked = [(Stage.RECRUITER, "location-1")]


def _rate(store: Store, moment: Moment, company: _Company, rng: random.Random) -> int:
    sessions = 0
    if company.referral:  # the referrer's account, before the first interview
        hopeful = [f"{key}={_clamp(company.truth[key] + 1)}" for key in ("team", "product")]
        evaluate.rate(
            store,
            moment,
            company=company.name,
            scores=hopeful,
            after=f"coffee with {REFERRER}",
            confidence="low",
            note=f"{REFERRER} loves it there.",
            on=company.applied,
        )
        sessions += 1
    for stage, on in company.steps:
        scores = [f"{key}={_impression(company, stage, key, rng)}" for key, _ in TAUGHT[stage]]
        for level in ("low", "medium", "high"):
            chosen = [s for s, (_, c) in zip(scores, TAUGHT[stage], strict=True) if c == level]
            if not chosen:
                continue
            note = company.note if stage is Stage.ONSITE and level == "high" else ""
            evaluate.rate(
                store,
                moment,
                company=company.name,
                scores=chosen,
                after=stage.value,
                confidence=level,
                note=note,
                on=on,
            )
        sessions += 1
    return sessions


def _impression(company: _Company, stage: Stage, key: str, rng: random.Random) -> int:
    """The truth once seen first hand; before that, hope plus noise (or a story's impression,
    halfway to the truth after the screens)."""
    truth = company.truth[key]
    if stage not in LEAN:
        return truth
    if key in company.first:
        first = company.first[key]
        return first if stage is Stage.RECRUITER else _clamp((first + truth) / 2)
    hope = LEAN[stage] * (company.excitement - 3)
    return _clamp(truth + hope + rng.gauss(0, NOISE[stage]))


def _has_offer(company: _Company) -> bool:
    return any(stage is Stage.OFFER for stage, _ in company.steps)


def _when(company: _Company, at: Stage | str) -> date:
    for stage, on in company.steps:
        if stage is at:
            return on
    return company.applied


def _clamp(value: float) -> int:
    return max(1, min(5, round(value)))
