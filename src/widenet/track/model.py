"""Plain data of a search: companies, applications, stage events, interviews, contacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from widenet.track.stages import Stage


class SizeBand(StrEnum):
    """Engineering head count."""

    SMALL = "small"  # < 50 engineers
    MEDIUM = "medium"  # 50-150
    LARGE = "large"  # 150-1000
    HUGE = "huge"  # 1000+

    @property
    def label(self) -> str:
        return {
            "small": "Small (<50 engineers)",
            "medium": "Medium (50-150)",
            "large": "Large (150-1000)",
            "huge": "Huge (1000+)",
        }[self.value]


class ValuationBand(StrEnum):
    SEED = "seed"  # pre-seed / seed
    SERIES_A_B = "series_a_b"
    GROWTH = "growth"
    UNICORN = "unicorn"  # $1-10B
    DECACORN = "decacorn"  # $10-50B
    PUBLIC = "public"

    @property
    def label(self) -> str:
        return {
            "seed": "Pre-seed / seed",
            "series_a_b": "Series A-B",
            "growth": "Growth",
            "unicorn": "Unicorn ($1-10B)",
            "decacorn": "Decacorn ($10-50B)",
            "public": "Public",
        }[self.value]


class Market(StrEnum):
    B2B = "b2b"
    CONSUMER = "consumer"


class WorkMode(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class Source(StrEnum):
    """The channel an application came through."""

    DIRECT = "direct"
    REFERRAL = "referral"
    INBOUND_RECRUITER = "inbound_recruiter"
    ALUMNI_RECRUITER = "alumni_recruiter"
    JOB_BOARD = "job_board"
    CURATED_LIST = "curated_list"
    NETWORK = "network"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class InterviewKind(StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    TECHNICAL = "technical"
    TAKE_HOME = "take_home"
    ONSITE = "onsite"
    OTHER = "other"

    @property
    def stage(self) -> Stage | None:
        """The stage kind this interview belongs to (none for "other")."""
        return None if self is InterviewKind.OTHER else Stage(self.value)


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class ContactRole(StrEnum):
    RECRUITER = "recruiter"
    REFERRER = "referrer"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    OTHER = "other"


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    size_band: SizeBand | None = None
    valuation_band: ValuationBand | None = None
    market: Market | None = None
    location: str = ""
    work_mode: WorkMode | None = None
    website: str = ""
    excitement: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class StageEvent:
    id: int
    application_id: int
    stage: Stage
    on: date
    name: str = ""  # the user's own name for the step, e.g. "Team matching"
    reason: str = ""
    note: str = ""

    @property
    def display(self) -> str:
        return self.name or self.stage.label


@dataclass(frozen=True)
class Interview:
    id: int
    application_id: int
    kind: InterviewKind
    start: datetime  # timezone-aware
    minutes: int
    prep_minutes: int = 0
    interviewers: str = ""
    self_rating: int | None = None
    outcome: Outcome = Outcome.UNKNOWN
    questions: str = ""
    notes: str = ""
    uid: str = ""

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def done(self) -> bool:
        return self.self_rating is not None or self.outcome is not Outcome.UNKNOWN


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    role: ContactRole
    company_id: int | None = None
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Application:
    id: int
    company_id: int
    role: str
    role_family: str = ""
    source: Source = Source.DIRECT
    referrer_id: int | None = None
    url: str = ""
    applied_on: date | None = None
    events: tuple[StageEvent, ...] = field(default=())
