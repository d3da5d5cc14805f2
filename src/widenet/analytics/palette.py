"""The colours and labels every rendering of the charts shares (Plotly, the terminal, the web)."""

from __future__ import annotations

from widenet.analytics.history import Exit
from widenet.track.stages import RejectReason, Stage

STAGE_COLOURS: dict[Stage, str] = {
    Stage.APPLIED: "#9da5b4",
    Stage.RECRUITER: "#4e79a7",
    Stage.HIRING_MANAGER: "#76b7b2",
    Stage.TECHNICAL: "#f28e2b",
    Stage.TAKE_HOME: "#edc948",
    Stage.ONSITE: "#59a14f",
    Stage.REFERENCES: "#b07aa1",
    Stage.OFFER: "#2f8f46",
}
EXIT_COLOURS: dict[Exit, str] = {
    Exit.NO_RESPONSE: "#c9c3bf",
    Exit.REJECTED: "#e15759",
    Exit.WITHDRAWN: "#9c755f",
    Exit.GHOSTED: "#79706e",
    Exit.DECLINED: "#ff9da7",
    Exit.ACCEPTED: "#1b6e35",
    Exit.OPEN: "#a0cbe8",
}
REASON_COLOURS: dict[RejectReason, str] = {
    RejectReason.NO_RESPONSE: "#c9c3bf",
    RejectReason.ROLE_FILLED: "#f1a9a0",
    RejectReason.SKILLS_MISMATCH: "#e8797a",
    RejectReason.NOT_A_FIT: "#e15759",
    RejectReason.FAILED_INTERVIEW: "#b03a3c",
    RejectReason.OTHER: "#8c2d2f",
}
PASS_COLOUR, FAIL_COLOUR, TREND_COLOUR = "#2f8f46", "#e15759", "#4e79a7"


def reason_label(reason: RejectReason) -> str:
    return reason.value.replace("_", " ").capitalize()
