"""What services return: plain views of the search, and one way to turn them into JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from widenet.track.derive import Status
from widenet.track.model import Application, Company, Contact, Interview, StageEvent


@dataclass(frozen=True)
class ApplicationView:
    """An application with its company, its history and where it stands today."""

    application: Application
    company: Company
    status: Status
    interviews: tuple[Interview, ...] = ()
    referrer: Contact | None = None

    @property
    def events(self) -> tuple[StageEvent, ...]:
        return self.application.events

    @property
    def title(self) -> str:
        return f"{self.company.name} — {self.application.role}"


@dataclass(frozen=True)
class CompanyView:
    company: Company
    applications: tuple[ApplicationView, ...]
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class InterviewView:
    interview: Interview
    company: Company
    role: str


def to_plain(value: Any) -> Any:
    """Dataclasses, enums, dates and containers as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    return value


def json_default(value: Any) -> Any:
    """For ``json.dumps(default=...)``: one level of conversion, the encoder recurses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def status_json(status: Status) -> dict[str, Any]:
    return {
        "stage": status.current.value,
        "stage_name": status.current_name,
        "since": status.since.isoformat(),
        "furthest_stage": status.furthest.value,
        "open": status.is_open,
        "days_in_stage": status.days_in_stage,
        "days_since_activity": status.days_since_activity,
        "looks_ghosted": status.looks_ghosted,
        "next_interview": status.next_interview.isoformat() if status.next_interview else None,
        "outcome_reason": status.outcome_reason,
    }


def application_json(view: ApplicationView) -> dict[str, Any]:
    """The shape scripts and the API see for an application."""
    app = view.application
    return {
        "id": app.id,
        "company": view.company.name,
        "company_id": view.company.id,
        "role": app.role,
        "role_family": app.role_family,
        "source": app.source.value,
        "referrer": view.referrer.name if view.referrer else None,
        "url": app.url,
        "applied_on": to_plain(app.applied_on),
        "excitement": view.company.excitement,
        **status_json(view.status),
        "events": [to_plain(event) for event in view.events],
        "interviews": [to_plain(interview) for interview in view.interviews],
    }
