"""The demo search: a realistic seven-week search of 43 invented companies.

It follows the real search in product.md: 43 applications -> 25 recruiter calls -> 12
technical screens -> 9 onsites -> 5 offers, candidate withdrawals outnumbering company
rejections, practice at the least-wanted companies first, a referral that skips straight to
the onsite, first offers in week 4 and all five by week 5. Deterministic for a seed and a day.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from widenet import defaults
from widenet.config import sqlite_url
from widenet.errors import Conflict, InvalidInput
from widenet.services import (
    contacts,
    demo_offers,
    demo_plan,
    demo_ratings,
    interviews,
    tracking,
)
from widenet.services.demo_data import (
    COMPANY_NAMES,
    INTERVIEWERS,
    LOCATIONS,
    RECRUITERS,
    REFERRER,
    ROLES,
    WITHDRAW_REASONS,
)
from widenet.services.tracking import Moment
from widenet.storage.engine import Database
from widenet.storage.repo import Store
from widenet.track.model import (
    ContactRole,
    InterviewKind,
    Market,
    Outcome,
    SizeBand,
    Source,
    ValuationBand,
    WorkMode,
)
from widenet.track.stages import RejectReason, Stage

SEARCH_DAYS = 48  # 15 Oct - 2 Dec in the real search
DEMO_META_KEY = "demo"

# How far each process got and how it ended, as in the real search's table.
FATES: tuple[tuple[Stage, Stage | None, str], ...] = (
    *[(Stage.APPLIED, Stage.REJECTED, RejectReason.NO_RESPONSE.value)] * 7,
    (Stage.APPLIED, Stage.REJECTED, RejectReason.ROLE_FILLED.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.ROLE_FILLED.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.SKILLS_MISMATCH.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.SKILLS_MISMATCH.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.NOT_A_FIT.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.OTHER.value),
    (Stage.APPLIED, Stage.REJECTED, RejectReason.SKILLS_MISMATCH.value),
    *[(Stage.APPLIED, Stage.WITHDRAWN, "")] * 4,
    (Stage.RECRUITER, Stage.REJECTED, RejectReason.NOT_A_FIT.value),
    (Stage.RECRUITER, Stage.REJECTED, RejectReason.ROLE_FILLED.value),
    *[(Stage.RECRUITER, Stage.WITHDRAWN, "")] * 11,
    *[(Stage.TECHNICAL, Stage.REJECTED, RejectReason.FAILED_INTERVIEW.value)] * 2,
    (Stage.TECHNICAL, Stage.WITHDRAWN, ""),
    *[(Stage.ONSITE, Stage.WITHDRAWN, "")] * 4,
    *[(Stage.OFFER, Stage.DECLINED, "")] * 3,
    *[(Stage.OFFER, None, "")] * 2,
)

SIZES = [SizeBand.SMALL] * 12 + [SizeBand.MEDIUM] * 12 + [SizeBand.LARGE] * 11 + [SizeBand.HUGE] * 8
VALUATIONS = {
    SizeBand.SMALL: (ValuationBand.SEED, ValuationBand.SERIES_A_B),
    SizeBand.MEDIUM: (ValuationBand.SERIES_A_B, ValuationBand.GROWTH),
    SizeBand.LARGE: (ValuationBand.GROWTH, ValuationBand.UNICORN, ValuationBand.DECACORN),
    SizeBand.HUGE: (ValuationBand.DECACORN, ValuationBand.PUBLIC),
}
SOURCES = (
    [Source.DIRECT] * 12
    + [Source.INBOUND_RECRUITER] * 8
    + [Source.ALUMNI_RECRUITER] * 4
    + [Source.JOB_BOARD] * 7
    + [Source.CURATED_LIST] * 5
    + [Source.NETWORK] * 7
)


@dataclass
class _Plan:
    name: str
    size: SizeBand
    excitement: int
    source: Source
    furthest: Stage
    outcome: Stage | None
    reason: str
    steps: list[tuple[Stage, date]] = field(default_factory=list)
    end: date | None = None


def _workday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _companies(rng: random.Random) -> list[_Plan]:
    """Invented companies with their fates; the least wanted get the early exits."""
    sizes, sources = SIZES[:], SOURCES[:]
    rng.shuffle(sizes)
    rng.shuffle(sources)
    plans = [
        _Plan(name, size, rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)), source, Stage.APPLIED, None, "")
        for name, size, source in zip(COMPANY_NAMES, sizes, sources, strict=True)
    ]
    # Wanted companies get the offers; candidate withdrawals hit the least wanted.
    order = sorted(plans, key=lambda p: p.excitement + rng.uniform(-1.5, 1.5), reverse=True)
    fates = sorted(FATES, key=_fate_rank, reverse=True)
    referral = order[0]
    referral.source, referral.excitement = Source.REFERRAL, 5
    company_fates = [f for f in fates if f[1] in (Stage.REJECTED,)]
    chosen = [f for f in fates if f[1] is not Stage.REJECTED]
    # Company rejections fall anywhere; the rest follow how much the company is wanted.
    slots = sorted(rng.sample(range(len(plans)), len(company_fates)))
    result: list[tuple[Stage, Stage | None, str]] = []
    for index in range(len(plans)):
        result.append(company_fates.pop(0) if slots and slots[0] == index else chosen.pop(0))
        if slots and slots[0] == index:
            slots.pop(0)
    for plan, (furthest, outcome, reason) in zip(order, result, strict=True):
        plan.furthest, plan.outcome, plan.reason = furthest, outcome, reason
    if referral.furthest is not Stage.OFFER:  # the referral that skipped to an offer
        other = next(p for p in order if p.furthest is Stage.OFFER)
        _swap_fates(referral, other)
    return plans


def _fate_rank(fate: tuple[Stage, Stage | None, str]) -> tuple[int, int]:
    furthest, outcome, _ = fate
    return (furthest.rank, 1 if outcome is None else 0)


def _swap_fates(a: _Plan, b: _Plan) -> None:
    a.furthest, b.furthest = b.furthest, a.furthest
    a.outcome, b.outcome = b.outcome, a.outcome
    a.reason, b.reason = b.reason, a.reason


def _path(plan: _Plan, rng: random.Random) -> list[Stage]:
    """The steps of one process up to its furthest stage."""
    if plan.source is Source.REFERRAL and plan.furthest is Stage.OFFER:
        return [Stage.APPLIED, Stage.ONSITE, Stage.OFFER]  # the referral skips the screens
    path = [Stage.APPLIED]
    full = [Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE, Stage.OFFER]
    for stage in full:
        if stage.rank > plan.furthest.rank:
            break
        big = plan.size in (SizeBand.LARGE, SizeBand.HUGE)
        if stage is Stage.TECHNICAL and big and rng.random() < 0.5:
            path.append(Stage.HIRING_MANAGER)
        if stage is Stage.ONSITE and plan.size is SizeBand.SMALL and rng.random() < 0.5:
            path.append(Stage.TAKE_HOME)
        if stage is Stage.OFFER and plan.size is SizeBand.HUGE:
            path.append(Stage.REFERENCES)
        path.append(stage)
    return path


def _schedule(plans: list[_Plan], start: date, today: date, rng: random.Random) -> None:
    """Dates for every step: practice first, long processes early, offers in weeks 4-5."""
    offer_days = sorted(rng.sample(range(22, 35), 5))
    offers = iter(offer_days)
    order = sorted(plans, key=lambda p: (p.excitement, -list(SizeBand).index(p.size)))
    for index, plan in enumerate(order):
        path = _path(plan, rng)
        gaps = [
            max(2, round(defaults.STAGE_DAYS[plan.size][stage] * rng.uniform(0.6, 1.3)))
            for stage in path[:-1]
        ]
        if plan.furthest is Stage.OFFER:
            days = _backwards(gaps, start + timedelta(days=next(offers)), start, plan.source)
        else:
            first = start + timedelta(days=round(index * 21 / len(order)) + rng.randint(0, 2))
            days = [first]
            for gap in gaps:
                days.append(days[-1] + timedelta(days=gap))
        days = [min(_workday(day), today - timedelta(days=1)) for day in days]
        for i in range(1, len(days)):
            days[i] = max(days[i], days[i - 1])
        plan.steps = list(zip(path, days, strict=True))
        plan.end = _end_date(plan, start, today, rng)


def _backwards(gaps: list[int], offer: date, start: date, source: Source) -> list[date]:
    """Dates that end on the offer day, squeezed to fit after the start when needed."""
    earliest = start + timedelta(days=14) if source is Source.REFERRAL else start
    room = (offer - earliest).days
    total = sum(gaps)
    if total > room:  # a long process started late: every step goes faster
        gaps = [max(1, gap * room // total) for gap in gaps]
    days = [offer]
    for gap in reversed(gaps):
        days.insert(0, days[0] - timedelta(days=gap))
    return days


def _end_date(plan: _Plan, start: date, today: date, rng: random.Random) -> date | None:
    last = plan.steps[-1][1]
    if plan.outcome is None:
        return None
    if plan.outcome is Stage.WITHDRAWN:
        # Pruning starts once the first onsite is booked, about a week and a half in.
        end = max(
            last + timedelta(days=rng.randint(2, 6)),
            start + timedelta(days=rng.randint(17, 30))
            if plan.furthest.rank <= Stage.RECRUITER.rank
            else last,
        )
    elif plan.reason == RejectReason.NO_RESPONSE.value:
        end = last + timedelta(days=rng.randint(21, 26))  # marked after weeks of silence
    elif plan.outcome is Stage.DECLINED:
        end = last + timedelta(days=rng.randint(5, 12))
    else:
        end = last + timedelta(days=rng.randint(3, 9))
    return (
        min(_workday(end), today - timedelta(days=1)) if end < today else today - timedelta(days=1)
    )


def build(
    store: Store, *, seed: int, today: date, zone: ZoneInfo, day: int = SEARCH_DAYS
) -> dict[str, int]:
    """Write the demo search into an empty store; returns counts of what was written.

    ``day`` is the day of the search that ``today`` is: the whole seven weeks by default, or
    an earlier day to see the search in full swing — what happened up to then, and the next
    interview of each process already booked. The search is the same whatever the day."""
    if not 1 <= day <= SEARCH_DAYS:
        raise InvalidInput(f"{day} is not a day of the demo search (1-{SEARCH_DAYS}).", field="day")
    rng = random.Random(seed)
    start = today - timedelta(days=day)
    plans = _companies(rng)
    _schedule(plans, start, start + timedelta(days=SEARCH_DAYS), rng)
    moment = Moment(now=datetime.combine(today, time(18, 0), tzinfo=zone))
    busy: dict[date, set[int]] = {}
    for plan in sorted(plans, key=lambda p: p.steps[0][1]):
        _write(store, moment, plan, rng, zone, busy)
    _upcoming(store, moment, plans, zone, rng)
    demo_ratings.add_to_demo(store, moment, seed=seed)

    demo_offers.add_offers(store, moment, seed=seed)
    demo_plan.add_to_demo(store, moment, seed=seed)
    store.set_meta(DEMO_META_KEY, f"seed={seed} today={today.isoformat()} day={day}")
    return {"companies": len(plans), "applications": len(plans)}


def _write(
    store: Store,
    moment: Moment,
    plan: _Plan,
    rng: random.Random,
    zone: ZoneInfo,
    busy: dict[date, set[int]],
) -> None:
    role, family = rng.choice(ROLES)
    valuation = rng.choice(VALUATIONS[plan.size])
    tracking.add_company(
        store,
        name=plan.name,
        size_band=plan.size,
        valuation_band=valuation,
        market=rng.choice((Market.B2B, Market.CONSUMER)),
        location=rng.choice(LOCATIONS),
        work_mode=rng.choice(tuple(WorkMode)),
        website=f"https://{plan.name.lower().replace(' & ', '-').replace(' ', '')}.example",
        excitement=plan.excitement,
    )
    referrer = REFERRER if plan.source is Source.REFERRAL else None
    applied = plan.steps[0][1]
    wants_contact = rng.random() < 0.6
    if applied > moment.today:  # still on the list: applying comes later
        return
    tracking.apply_to(
        store,
        moment,
        company=plan.name,
        role=role,
        role_family=family,
        source=plan.source,
        referrer=referrer,
        on=applied,
        url=f"https://jobs.example/{plan.name.split()[0].lower()}/{family}",
    )
    if plan.furthest.rank >= Stage.RECRUITER.rank and wants_contact:
        contacts.add(
            store,
            name=rng.choice(RECRUITERS),
            role=ContactRole.RECRUITER,
            company=plan.name,
            email=f"recruiting@{plan.name.split()[0].lower()}.example",
        )
    booked = False  # the next step of a process in flight is booked; later ones are not
    for index, (stage, on) in enumerate(plan.steps[1:], start=1):
        happened = on <= moment.today
        _interview(
            store,
            moment,
            plan,
            stage,
            on,
            rng,
            zone,
            busy,
            advanced=index < len(plan.steps) - 1
            or (plan.furthest is Stage.OFFER and stage is not Stage.OFFER),
            write=happened or not booked,
        )
        booked = booked or not happened
        if happened and not booked:
            tracking.move(store, moment, company=plan.name, stage=stage.value, on=on)
    _close(store, moment, plan, rng, write=not booked)


_KINDS = {
    Stage.RECRUITER: InterviewKind.RECRUITER,
    Stage.HIRING_MANAGER: InterviewKind.HIRING_MANAGER,
    Stage.TECHNICAL: InterviewKind.TECHNICAL,
    Stage.TAKE_HOME: InterviewKind.TAKE_HOME,
    Stage.ONSITE: InterviewKind.ONSITE,
}


def _interview(
    store: Store,
    moment: Moment,
    plan: _Plan,
    stage: Stage,
    on: date,
    rng: random.Random,
    zone: ZoneInfo,
    busy: dict[date, set[int]],
    *,
    advanced: bool,
    write: bool = True,
) -> None:
    kind = _KINDS.get(stage)
    if kind is None:
        return
    taken = busy.setdefault(on, set())
    hours = [9, 10, 11, 13, 14, 15, 16] if kind is not InterviewKind.ONSITE else [9, 10]
    free = [h for h in hours if h not in taken] or hours
    hour = rng.choice(free)
    taken.update(range(hour, hour + max(1, defaults.INTERVIEW_MINUTES[kind] // 60 + 1)))
    # Every draw happens whatever the day, so the search is the same on every day.
    uid = f"{uuid.UUID(int=rng.getrandbits(128))}@widenet-demo"
    start = datetime.combine(on, time(hour, rng.choice((0, 30))), tzinfo=zone)
    people = ", ".join(rng.sample(INTERVIEWERS, 2 if kind is InterviewKind.ONSITE else 1))
    failed = plan.reason == RejectReason.FAILED_INTERVIEW.value and stage is plan.furthest
    outcome = Outcome.PASS if advanced else Outcome.FAIL if failed else Outcome.UNKNOWN
    rating = rng.choice((1, 2, 2, 3)) if failed else rng.choice((2, 3, 3, 3, 4, 4))
    if not write:
        return
    view = interviews.add(
        store, moment, uid=uid, company=plan.name, kind=kind, start=start, interviewers=people
    )
    if start > moment.now:  # booked, not yet held
        return
    interviews.complete(
        store, moment, interview=str(view.interview.id), self_rating=rating, outcome=outcome
    )


def _close(
    store: Store, moment: Moment, plan: _Plan, rng: random.Random, *, write: bool = True
) -> None:
    if plan.outcome is None or plan.end is None:
        return
    reason = plan.reason
    if plan.outcome is Stage.WITHDRAWN:
        reason = rng.choice(WITHDRAW_REASONS)
    elif plan.outcome is Stage.DECLINED:
        reason = "Chose another offer"
    if not write or plan.end > moment.today:
        return
    tracking.close(
        store, moment, company=plan.name, outcome=plan.outcome, reason=reason, on=plan.end
    )


def _upcoming(
    store: Store, moment: Moment, plans: list[_Plan], zone: ZoneInfo, rng: random.Random
) -> None:
    """Calls about the offers in hand, in the next days."""
    tomorrow = moment.today + timedelta(days=1)
    open_offers = sorted(
        view.company.name
        for view in tracking.application_views(store, moment)
        if view.status.is_open and view.status.current is Stage.OFFER
    )
    for offset, name in enumerate(open_offers):
        day = _workday(tomorrow + timedelta(days=offset))
        interviews.add(
            store,
            moment,
            company=name,
            kind=InterviewKind.OTHER,
            start=datetime.combine(day, time(10 + offset % 6, 0), tzinfo=zone),
            minutes=30,
            prep_minutes=30,
            notes="Offer call: discuss the counter-offer",
            uid=f"{uuid.UUID(int=rng.getrandbits(128))}@widenet-demo",
        )


def default_path(data_dir: Path) -> Path:
    return data_dir / "demo.db"


def recreate(
    path: Path,
    *,
    user_url: str,
    seed: int,
    today: date,
    zone: ZoneInfo,
    day: int = SEARCH_DAYS,
) -> Path:
    """Build the demo search in its own SQLite file, replacing an earlier demo there.

    Refuses to touch the user's own database or any file that is not an earlier demo."""
    path = path.expanduser().resolve()
    if sqlite_url(path) == user_url:
        raise Conflict(
            f"{path} is your own database; the demo is written to a file of its own.",
            hint="Give the demo another --db path.",
        )
    if path.exists():
        _check_is_demo(path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = Database.open(sqlite_url(path))
    try:
        user_id = database.user_id()
        with database.session() as session:
            build(Store(session, user_id), seed=seed, today=today, zone=zone, day=day)
    finally:
        database.dispose()
    return path


def _check_is_demo(path: Path) -> None:
    database = Database(sqlite_url(path))
    try:
        user_id = database.user_id() if _has_tables(database) else None
        if user_id is None:
            marked, empty = False, True
        else:
            with database.session() as session:
                store = Store(session, user_id)
                marked, empty = store.meta(DEMO_META_KEY) is not None, store.is_empty()
    except Exception as exc:  # not a widenet database at all
        raise Conflict(
            f"{path} exists and is not a widenet demo database; not touching it."
        ) from exc
    finally:
        database.dispose()
    if not marked and not empty:
        raise Conflict(
            f"{path} holds a search that is not the demo; the demo will not overwrite it.",
            hint="Give the demo another --db path.",
        )


def _has_tables(database: Database) -> bool:
    from widenet.storage.engine import current_revision

    return current_revision(database.engine) is not None
