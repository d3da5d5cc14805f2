"""How wide: the curve against extra typical applications, and the smallest number needed."""

from __future__ import annotations

import numpy as np

from widenet.forecast import how_wide, parse_params

from .helpers import fresh_search

NO_PRUNING = parse_params({"pruning": {"enabled": False}})


def test_without_pruning_the_curve_never_falls() -> None:
    # Common random numbers: an extra application can only add offers, run by run.
    wide = how_wide(
        fresh_search(6), NO_PRUNING, rng=np.random.default_rng(4), runs=800, max_extra=40
    )
    chances = [point.p_two_open for point in wide.points]
    assert [point.extra for point in wide.points] == list(range(0, 41, 5))
    assert chances == sorted(chances)
    assert chances[-1] > chances[0]


def test_the_smallest_number_is_found_to_the_unit() -> None:
    search = fresh_search(3)
    coarse = how_wide(search, NO_PRUNING, rng=np.random.default_rng(8), runs=600, max_extra=30)
    fine = how_wide(
        search, NO_PRUNING, rng=np.random.default_rng(8), runs=600, step=1, max_extra=30
    )
    curve = {point.extra: point.p_two_open for point in fine.points}
    for target, smallest in coarse.smallest.items():
        assert smallest == fine.smallest[target]
        assert smallest is not None
        assert curve[smallest] >= target
        assert smallest == 0 or curve[smallest - 1] < target


def test_an_unreachable_target_has_no_answer() -> None:
    wide = how_wide(
        fresh_search(2), rng=np.random.default_rng(1), runs=300, max_extra=5, targets=(0.999,)
    )
    assert wide.smallest == {0.999: None}
