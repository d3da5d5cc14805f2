"""Forecast figures as the words both the terminal and the web page show."""

from __future__ import annotations

from widenet.forecast.calibrate import Spread
from widenet.forecast.summary import StageCalibration


def percent(value: float) -> str:
    """A chance as a whole percentage, never rounded to a false 0% or 100%."""
    if 0 < value < 0.005:
        return "<1%"
    if 0.995 <= value < 1:
        return ">99%"
    return f"{value:.0%}"


def spread(value: Spread) -> str:
    """A belief's mean with its 90% range, or the one value when it is fixed."""
    if value.low == value.high:
        return percent(value.mean)
    return f"{percent(value.mean)} ({percent(value.low)}–{percent(value.high)})"


def observed(row: StageCalibration) -> str:
    """What the person's own processes showed at one stage kind, in a line."""
    seen = row.observed
    parts = [f"{seen.passed} passed", f"{seen.rejected} rejected", f"{seen.ghosted} no answer"]
    if seen.interviews:
        parts.append(f"{seen.interviews} interviews")
    if seen.waiting:
        parts.append(f"{len(seen.waiting)} waiting")
    counted = row.withdrawals
    if counted.withdrawn or counted.stayed:
        parts.append(f"{counted.withdrawn} of {counted.withdrawn + counted.stayed} withdrawn")
    fixed = " (fixed by the parameters)" if row.judged_by == "fixed" else ""
    return ", ".join(parts) + fixed


def calibration_cells(row: StageCalibration) -> tuple[str, ...]:
    """One stage kind's row of the calibration table: the stage, what was observed, then
    prior and yours for passing, no answer and withdrawing."""
    return (
        row.stage.label,
        observed(row),
        spread(row.prior_pass),
        spread(row.posterior_pass),
        spread(row.prior_no_answer),
        spread(row.posterior_no_answer),
        spread(row.prior_withdraw),
        spread(row.posterior_withdraw),
    )
