"""Canonical stage kinds and terminal outcomes, and how user-visible names map to them."""

from __future__ import annotations

import re
from enum import StrEnum


class Stage(StrEnum):
    """What an event records: a step of the process (a kind) or a terminal outcome."""

    APPLIED = "applied"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    TECHNICAL = "technical"
    TAKE_HOME = "take_home"
    ONSITE = "onsite"
    REFERENCES = "references"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"
    DECLINED = "declined"
    ACCEPTED = "accepted"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL

    @property
    def rank(self) -> int:
        """Position in the funnel; terminal outcomes have none (-1)."""
        return PROGRESS.index(self) if self in PROGRESS else -1

    @property
    def label(self) -> str:
        return LABELS[self]


#: The steps of a process in funnel order; "furthest stage reached" compares these ranks.
PROGRESS: tuple[Stage, ...] = (
    Stage.APPLIED,
    Stage.RECRUITER,
    Stage.HIRING_MANAGER,
    Stage.TECHNICAL,
    Stage.TAKE_HOME,
    Stage.ONSITE,
    Stage.REFERENCES,
    Stage.OFFER,
)

TERMINAL: frozenset[Stage] = frozenset(
    {Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED, Stage.DECLINED, Stage.ACCEPTED}
)

LABELS: dict[Stage, str] = {
    Stage.APPLIED: "Applied",
    Stage.RECRUITER: "Recruiter",
    Stage.HIRING_MANAGER: "Hiring manager",
    Stage.TECHNICAL: "Technical",
    Stage.TAKE_HOME: "Take-home",
    Stage.ONSITE: "Onsite",
    Stage.REFERENCES: "References",
    Stage.OFFER: "Offer",
    Stage.REJECTED: "Rejected",
    Stage.WITHDRAWN: "Withdrawn",
    Stage.GHOSTED: "Ghosted",
    Stage.DECLINED: "Offer declined",
    Stage.ACCEPTED: "Offer accepted",
}


class RejectReason(StrEnum):
    """Why a company ended a process."""

    NO_RESPONSE = "no_response"
    ROLE_FILLED = "role_filled"
    SKILLS_MISMATCH = "skills_mismatch"
    NOT_A_FIT = "not_a_fit"
    FAILED_INTERVIEW = "failed_interview"
    OTHER = "other"


#: Names people use for a step, mapped to its kind. Keys are normalised by :func:`normalise`.
ALIASES: dict[str, Stage] = {
    "applied": Stage.APPLIED,
    "application": Stage.APPLIED,
    "recruiter": Stage.RECRUITER,
    "recruiter call": Stage.RECRUITER,
    "recruiter screen": Stage.RECRUITER,
    "intro call": Stage.RECRUITER,
    "screening call": Stage.RECRUITER,
    "hr": Stage.RECRUITER,
    "hiring manager": Stage.HIRING_MANAGER,
    "hiring manager call": Stage.HIRING_MANAGER,
    "hm": Stage.HIRING_MANAGER,
    "manager call": Stage.HIRING_MANAGER,
    "technical": Stage.TECHNICAL,
    "technical screen": Stage.TECHNICAL,
    "tech screen": Stage.TECHNICAL,
    "phone screen": Stage.TECHNICAL,
    "technical phone screen": Stage.TECHNICAL,
    "coding interview": Stage.TECHNICAL,
    "coding screen": Stage.TECHNICAL,
    "take home": Stage.TAKE_HOME,
    "takehome": Stage.TAKE_HOME,
    "homework": Stage.TAKE_HOME,
    "assignment": Stage.TAKE_HOME,
    "take home assignment": Stage.TAKE_HOME,
    "onsite": Stage.ONSITE,
    "on site": Stage.ONSITE,
    "virtual onsite": Stage.ONSITE,
    "final round": Stage.ONSITE,
    "final": Stage.ONSITE,
    "loop": Stage.ONSITE,
    "references": Stage.REFERENCES,
    "reference check": Stage.REFERENCES,
    "reference checks": Stage.REFERENCES,
    "offer": Stage.OFFER,
    "rejected": Stage.REJECTED,
    "rejection": Stage.REJECTED,
    "withdrawn": Stage.WITHDRAWN,
    "withdraw": Stage.WITHDRAWN,
    "ghosted": Stage.GHOSTED,
    "declined": Stage.DECLINED,
    "offer declined": Stage.DECLINED,
    "decline": Stage.DECLINED,
    "accepted": Stage.ACCEPTED,
    "offer accepted": Stage.ACCEPTED,
    "accept": Stage.ACCEPTED,
}


def normalise(name: str) -> str:
    """Fold case, punctuation and spacing so "Take-home" and "take home" are one name."""
    return re.sub(r"[\s_\-]+", " ", name.strip().casefold()).strip()


def resolve(name: str, *, known: dict[str, Stage] | None = None) -> Stage | None:
    """The kind a stage name stands for: built-in names first, then the user's own names."""
    key = normalise(name)
    if key in ALIASES:
        return ALIASES[key]
    if known:
        for custom, kind in known.items():
            if normalise(custom) == key:
                return kind
    return None
