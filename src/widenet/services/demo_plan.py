"""Companies still on the demo search's list: not applied to yet, so `widenet plan` has
applications to time. One has a friend inside who can refer (a referrer contact), and one's
recruiter already said how long each step takes. Deterministic for the seed."""

from __future__ import annotations

import random
from datetime import timedelta

from widenet.services import contacts, tracking
from widenet.services.tracking import Moment
from widenet.storage import plan_repo
from widenet.storage.repo import Store
from widenet.track.model import ContactRole, Market, SizeBand, WorkMode
from widenet.track.stages import Stage

#: Invented companies, none of them among the search's 43 (demo_data.COMPANY_NAMES).
ON_THE_LIST = (
    ("Alder Compute", SizeBand.HUGE),
    ("Brambleworks", SizeBand.SMALL),
    ("Corvid Analytics", SizeBand.MEDIUM),
    ("Dunlin Health", SizeBand.LARGE),
    ("Eelgrass Logistics", SizeBand.LARGE),
    ("Finch & Fable", SizeBand.SMALL),
    ("Gannet Cloud", SizeBand.HUGE),
    ("Heron Payments", SizeBand.MEDIUM),
)
FRIEND_INSIDE = "Sam Okafor"
RECRUITER_SAID = {Stage.APPLIED: 4, Stage.RECRUITER: 4, Stage.TECHNICAL: 6, Stage.ONSITE: 5}


def add_to_demo(store: Store, moment: Moment, *, seed: int) -> int:
    """Add the companies on the list; returns how many."""
    rng = random.Random(f"plan-{seed}")  # noqa: S311 - the demo is invented, not secret
    names = [name for name, _ in ON_THE_LIST]
    for name, size in ON_THE_LIST:
        tracking.add_company(
            store,
            name=name,
            size_band=size,
            market=rng.choice((Market.B2B, Market.CONSUMER)),
            work_mode=rng.choice(tuple(WorkMode)),
            excitement=rng.choice((1, 2, 3, 3, 4, 4, 5)),
            notes="On the list: not applied yet.",
        )
    referred, told = rng.sample(names, 2)
    contacts.add(
        store,
        name=FRIEND_INSIDE,
        role=ContactRole.REFERRER,
        company=referred,
        notes="Former teammate; offered to refer me.",
    )
    company = store.company_by_name(told)
    assert company is not None
    plan_repo.add_statement(
        store,
        company_id=company.id,
        on=moment.today - timedelta(days=rng.randint(1, 5)),
        stage_days=RECRUITER_SAID,
        offer_deadline_days=7,
        note="Their recruiter, on LinkedIn: about three weeks end to end.",
    )
    return len(ON_THE_LIST)
