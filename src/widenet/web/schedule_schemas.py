"""The JSON API's shapes for the schedule: the week, warnings, windows offered to recruiters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from widenet.schedule.blocks import PrepBlock
from widenet.schedule.caps import DayLimits
from widenet.schedule.load import DayLoad
from widenet.schedule.warnings import ScheduleWarning, WarningKind
from widenet.services.schedule import OfferedWindow, Week, WindowOffer
from widenet.services.views import InterviewView
from widenet.track.model import InterviewKind
from widenet.web.schemas import InterviewPublic


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WarningPublic(BaseModel):
    day: date = Field(description="The day of your calendar the warning is about.")
    kind: WarningKind = Field(
        description="over_cap, no_rest_after_onsite (onsites too close), double_booked, "
        "no_buffer, no_preparation."
    )
    interview_ids: list[int]
    message: str

    @classmethod
    def of(cls, warning: ScheduleWarning) -> WarningPublic:
        return cls(
            day=warning.day,
            kind=warning.kind,
            interview_ids=list(warning.interview_ids),
            message=warning.message,
        )


class DayLimitsPublic(BaseModel):
    """The caps of one day: the ramp counts weeks from the search start date."""

    week: int = Field(description="1 = the week the search started.")
    interviews: int
    technical: int
    onsites: int
    first_week: bool = Field(
        description="Week one: `interviews` recruiter calls *or* `technical` technical screens."
    )

    @classmethod
    def of(cls, limits: DayLimits) -> DayLimitsPublic:
        return cls.model_validate(limits, from_attributes=True)


class PrepBlockPublic(BaseModel):
    interview_id: int
    kind: InterviewKind
    start: datetime
    end: datetime
    minutes: int

    @classmethod
    def of(cls, block: PrepBlock) -> PrepBlockPublic:
        return cls.model_validate(block, from_attributes=True)


class DayPublic(BaseModel):
    day: date
    interviews: list[InterviewPublic]
    prep_blocks: list[PrepBlockPublic]
    interview_minutes: int
    prep_minutes: int
    load_minutes: int = Field(description="Interviews and their preparation.")
    available_minutes: int = Field(description="Your hours that day, blocked periods taken out.")
    limits: DayLimitsPublic
    over_cap: bool
    warnings: list[WarningPublic]

    @classmethod
    def of(cls, load: DayLoad, views: Mapping[int, InterviewView]) -> DayPublic:
        return cls(
            day=load.day,
            interviews=[InterviewPublic.of(views[i.id]) for i in load.interviews],
            prep_blocks=[PrepBlockPublic.of(b) for b in load.prep_blocks],
            interview_minutes=load.interview_minutes,
            prep_minutes=load.prep_minutes,
            load_minutes=load.load_minutes,
            available_minutes=load.available_minutes,
            limits=DayLimitsPublic.of(load.limits),
            over_cap=load.over_cap,
            warnings=[WarningPublic.of(w) for w in load.warnings],
        )


class WeekPublic(BaseModel):
    first_day: date = Field(description="The Monday.")
    last_day: date = Field(description="The Sunday.")
    time_zone: str = Field(description="Your schedule's time zone; days are read in it.")
    load_minutes: int
    days: list[DayPublic]
    warnings: list[WarningPublic]

    @classmethod
    def of(cls, week: Week) -> WeekPublic:
        view = week.view
        return cls(
            first_day=view.first_day,
            last_day=view.days[-1].day,
            time_zone=view.time_zone,
            load_minutes=view.load_minutes,
            days=[DayPublic.of(day, week.interviews) for day in view.days],
            warnings=[WarningPublic.of(w) for w in view.warnings],
        )


class WindowsCreate(_In):
    """Ask for windows to offer a company's recruiter; they are recorded as offered."""

    company_id: int | None = Field(None, description="The company; or give `company`.")
    company: str | None = Field(
        None, min_length=1, description="The company's name (any case, or a unique prefix)."
    )
    kind: InterviewKind = InterviewKind.RECRUITER
    minutes: int | None = Field(None, description="Length of the interview; default by kind.")
    days: int = Field(5, description="Look over the next N days that have hours (1-60).")
    count: int = Field(3, description="How many windows (1-10).")
    recruiter_time_zone: str | None = Field(
        None, description="IANA name; the text shows the windows in it, your times in brackets."
    )

    @model_validator(mode="after")
    def _one_company(self) -> Self:
        if (self.company_id is None) == (self.company is None):
            raise ValueError("give either company_id or company")
        return self


class OfferedWindowPublic(BaseModel):
    id: int
    company_id: int
    kind: InterviewKind
    minutes: int = Field(description="Length of the interview the window is for.")
    start: datetime
    end: datetime
    status: str = Field(description="offered, booked or expired.")
    also_offered_to: list[str] = Field(
        default_factory=list, description="Other companies offered a window that overlaps."
    )

    @classmethod
    def of(cls, window: OfferedWindow, also: tuple[str, ...] = ()) -> OfferedWindowPublic:
        return cls(
            id=window.id,
            company_id=window.company_id,
            kind=window.kind,
            minutes=window.minutes,
            start=window.start,
            end=window.end,
            status=str(window.status.value),
            also_offered_to=list(also),
        )


class WindowOfferPublic(BaseModel):
    company_id: int
    company: str
    kind: InterviewKind
    minutes: int
    time_zone: str
    recruiter_time_zone: str | None
    windows: list[OfferedWindowPublic]
    text: str = Field(description="Ready to paste into an e-mail.")

    @classmethod
    def of(cls, offer: WindowOffer) -> WindowOfferPublic:
        return cls(
            company_id=offer.company.id,
            company=offer.company.name,
            kind=offer.kind,
            minutes=offer.minutes,
            time_zone=offer.time_zone,
            recruiter_time_zone=offer.recruiter_time_zone,
            windows=[
                OfferedWindowPublic.of(w, offer.also_offered_to.get(w.id, ()))
                for w in offer.windows
            ],
            text=offer.text,
        )
