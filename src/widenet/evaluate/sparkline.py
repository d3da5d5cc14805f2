"""Text sparklines for the terminal: a series of numbers as one line of block characters."""

from __future__ import annotations

import math
from collections.abc import Sequence

from widenet.errors import InvalidInput

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(
    values: Sequence[float | None],
    *,
    low: float = 1.0,
    high: float = 5.0,
    chars: str = BLOCKS,
    missing: str = "·",
) -> str:
    """One character per value on a fixed scale from ``low`` to ``high``.

    A fixed scale (not the series' own minimum and maximum) keeps a flat 3 looking flat and
    lets two companies' lines be compared. Values outside the scale are clamped; None shows
    as ``missing``.
    """
    if not high > low:
        raise InvalidInput(f"The scale {low:g}-{high:g} is empty; high must exceed low.")
    if len(chars) < 2:
        raise InvalidInput("A sparkline needs at least two characters.", field="chars")
    steps = len(chars) - 1
    line = []
    for value in values:
        if value is None or not math.isfinite(value):
            line.append(missing)
            continue
        share = (min(max(value, low), high) - low) / (high - low)
        line.append(chars[int(share * steps + 0.5)])  # half rounds up, not to even
    return "".join(line)
