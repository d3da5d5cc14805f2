"""Default numbers shared by the forecast, the planner and the scheduler (sources: product.md).

Each figure is a starting point the user can override; the docs of the module that uses it
(docs/forecast.md, docs/planner.md, docs/schedule.md) say how.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from widenet.track.model import InterviewKind, SizeBand
from widenet.track.stages import Stage

# Median days spent in a stage before the next step happens, by company size.
# Recruiters' own estimates ran from 3-4 weeks (first call to onsite) at large companies to
# under 2 weeks for a small company's whole process, offer included; reference checks and
# holidays add a week or more.
STAGE_DAYS: Final = MappingProxyType(
    {
        SizeBand.SMALL: MappingProxyType(
            {
                Stage.APPLIED: 5,
                Stage.RECRUITER: 3,
                Stage.HIRING_MANAGER: 3,
                Stage.TECHNICAL: 4,
                Stage.TAKE_HOME: 5,
                Stage.ONSITE: 3,
                Stage.REFERENCES: 3,
            }
        ),
        SizeBand.MEDIUM: MappingProxyType(
            {
                Stage.APPLIED: 7,
                Stage.RECRUITER: 5,
                Stage.HIRING_MANAGER: 4,
                Stage.TECHNICAL: 6,
                Stage.TAKE_HOME: 6,
                Stage.ONSITE: 5,
                Stage.REFERENCES: 4,
            }
        ),
        SizeBand.LARGE: MappingProxyType(
            {
                Stage.APPLIED: 9,
                Stage.RECRUITER: 6,
                Stage.HIRING_MANAGER: 6,
                Stage.TECHNICAL: 8,
                Stage.TAKE_HOME: 7,
                Stage.ONSITE: 7,
                Stage.REFERENCES: 6,
            }
        ),
        SizeBand.HUGE: MappingProxyType(
            {
                Stage.APPLIED: 12,
                Stage.RECRUITER: 7,
                Stage.HIRING_MANAGER: 7,
                Stage.TECHNICAL: 10,
                Stage.TAKE_HOME: 7,
                Stage.ONSITE: 10,
                Stage.REFERENCES: 7,
            }
        ),
    }
)

# Days an offer is held open. Two weeks or more is normal, under a week is "exploding";
# small companies hold offers for less time than large ones.
OFFER_DEADLINE_DAYS: Final = MappingProxyType(
    {SizeBand.SMALL: 6, SizeBand.MEDIUM: 9, SizeBand.LARGE: 12, SizeBand.HUGE: 14}
)
EXPLODING_OFFER_DAYS: Final = 7

# Length and preparation of one interview of each kind, in minutes. Calls last 30-60 minutes
# but need preparation before them; onsites are 4+ hours.
INTERVIEW_MINUTES: Final = MappingProxyType(
    {
        InterviewKind.RECRUITER: 30,
        InterviewKind.HIRING_MANAGER: 45,
        InterviewKind.TECHNICAL: 60,
        InterviewKind.TAKE_HOME: 240,
        InterviewKind.ONSITE: 300,
        InterviewKind.OTHER: 45,
    }
)
PREP_MINUTES: Final = MappingProxyType(
    {
        InterviewKind.RECRUITER: 30,
        InterviewKind.HIRING_MANAGER: 30,
        InterviewKind.TECHNICAL: 60,
        InterviewKind.TAKE_HOME: 0,
        InterviewKind.ONSITE: 120,
        InterviewKind.OTHER: 30,
    }
)

# Daily load ("calendar tetris"): start with at most 2 recruiter calls or 1 technical screen a
# day; ramp up to at most 4 interviews a day, at most 2 technical, by week 2-3; one onsite a
# day; 15-30 minutes between calls to decompress.
FIRST_WEEK_RECRUITER_CALLS: Final = 2
FIRST_WEEK_TECHNICAL: Final = 1
RAMPED_INTERVIEWS_PER_DAY: Final = 4
RAMPED_TECHNICAL_PER_DAY: Final = 2
RAMP_WEEKS: Final = 2  # the full daily caps apply from the start of week 3 at the latest
ONSITES_PER_DAY: Final = 1
BUFFER_MINUTES: Final = 15

# Decision window: onsites should fall within about two weeks so offers overlap.
DECISION_WINDOW_DAYS: Final = 14

# "Looks ghosted" after this many quiet days, until the user confirms.
GHOSTED_AFTER_DAYS: Final = 21
