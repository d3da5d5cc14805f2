"""Which stage moves are legal: the rules every interface shares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from widenet.errors import Conflict, InvalidInput
from widenet.track.derive import furthest_stage
from widenet.track.model import StageEvent
from widenet.track.stages import Stage


def check(
    history: Sequence[StageEvent],
    stage: Stage,
    on: date,
    *,
    today: date,
    reopen: bool = False,
    name: str = "",
    who: str = "this application",
) -> None:
    """Raise when recording ``stage`` on ``on`` after ``history`` would break a rule.

    ``history`` is in date order. ``who`` names the application in messages.
    """
    if on > today:
        raise InvalidInput(
            f"{on} is in the future: a stage records what has happened. "
            "Schedule what is coming with `widenet interview add`.",
            field="on",
        )
    if not history:
        if stage is not Stage.APPLIED:
            raise Conflict(f"{who} has no events yet; an application starts at 'applied'.")
        return
    latest = history[-1]
    if stage is Stage.APPLIED:
        raise Conflict(
            f"{who} was already applied to on {history[0].on}; "
            "to apply again for another role use `widenet apply` with a different --role."
        )
    if on < latest.on:
        raise Conflict(
            f"{who}: the latest event is '{latest.display}' on {latest.on}, "
            f"so a move dated {on} would come before it. Date it on or after {latest.on}, "
            "or run `widenet undo` to remove the latest event and enter the events in order.",
            hint="Events of one application are kept in date order.",
        )
    if latest.stage.is_terminal and not reopen:
        raise Conflict(
            f"{who} is closed ('{latest.display}' on {latest.on}). Add --reopen to continue it.",
        )
    if stage in (Stage.ACCEPTED, Stage.DECLINED) and furthest_stage(history) is not Stage.OFFER:
        verb = "accept" if stage is Stage.ACCEPTED else "decline"
        raise Conflict(
            f"{who} has no offer to {verb}; record the offer first (`widenet move ... offer`)."
        )
    if latest.stage is stage and (name or "") == (latest.name or ""):
        raise Conflict(f"{who} is already at '{latest.display}' since {latest.on}.")
