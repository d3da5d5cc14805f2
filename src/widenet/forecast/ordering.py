"""Sorting each run's applications by day with one plain sort of packed keys."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: "Never": a finite sentinel (not inf) so that choices can be made by arithmetic, which is
#: several times faster than masked selection; any day at or above it means "never".
NEVER = np.float32(1e30)

#: The top bit of a sort key: set, the key sorts after the key of every day (all above 0).
DEAD = np.uint32(1 << 31)


def order_keys(
    days: NDArray[np.float32], *, width: int, flag: np.uint32 = np.uint32(0)
) -> tuple[NDArray[np.uint32], np.uint32]:
    """Sort keys for each row's columns by day (days > 0), and the mask of the index bits.

    The column's index replaces the lowest bits of the day (enough bits for ``width``
    columns), so days closer than about 2⁻²³·2^bits of each other (under a minute for 64
    applications) count as simultaneous and are taken in application order; one plain sort
    of the keys then does the work of an argsort at a fraction of its cost. ``width`` is the
    draws' width, the same for every search compared with common random numbers. ``flag``
    is set in every key (DEAD: keys that sort last until it is cleared).
    """
    count = days.shape[1]
    mask = np.uint32((1 << max(1, (max(width, count) - 1).bit_length())) - 1)
    bits = days.astype(np.float32, copy=False).view(np.uint32)
    keys: NDArray[np.uint32] = np.bitwise_and(bits, ~mask, order="C")
    keys |= np.arange(count, dtype=np.uint32) | flag
    return keys, mask


def order_by_day(days: NDArray[np.float32], *, width: int) -> NDArray[np.uint32]:
    """Each row's column order by day (days > 0; ties as in `order_keys`)."""
    keys, mask = order_keys(days, width=width)
    keys.sort(axis=1)
    order: NDArray[np.uint32] = keys & mask
    return order
