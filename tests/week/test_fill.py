"""The fill's arithmetic: a warm-up's seconds summed without laying out phases agree with them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.timing.routinefile import warm_up
from handbook.timing.timeline import REST_S, TimedItem, build_phases, timeline_seconds
from handbook.week.fill import moving_seconds, shortened
from tests.helpers import builtin_catalog


def _timed(catalog, ids, reps):
    return [TimedItem.from_stretch(catalog[sid], reps=n) for sid, n in zip(ids, reps, strict=True)]


@settings(deadline=None, max_examples=60)
@given(
    picks=st.lists(st.tuples(st.integers(0, 64), st.integers(1, 6)), min_size=1, max_size=6),
    get_ready=st.sampled_from([0.0, 5.0]),
    between=st.sampled_from([None, 0.0, 10.0, 20.0]),
)
def test_timeline_seconds_is_where_build_phases_ends(picks, get_ready, between):
    catalog = builtin_catalog()
    ids = [catalog.ids[n % len(catalog.ids)] for n, _ in picks]
    items = _timed(catalog, ids, [reps for _, reps in picks])
    phases = build_phases(items, get_ready=get_ready, rest_between_items=between)
    assert timeline_seconds(
        items, get_ready=get_ready, rest_between_items=between
    ) == pytest.approx(phases[-1].end)


def test_a_warm_ups_seconds_are_its_phases(catalog):
    warm = warm_up(catalog)
    laid_out = dataclasses.replace(warm, rest_s=REST_S).phases(get_ready=0.0)[-1].end
    assert moving_seconds(warm) == laid_out
    for day_s in (240.0, 300.0, 600.0, 1200.0):
        cut = warm.with_items(shortened(warm, day_s))
        if cut.items:
            assert (
                moving_seconds(cut)
                == dataclasses.replace(cut, rest_s=REST_S).phases(get_ready=0.0)[-1].end
            )
            assert moving_seconds(cut) <= 0.25 * day_s + 1e-9


def test_an_empty_timeline_takes_no_time():
    assert timeline_seconds([]) == 0.0
