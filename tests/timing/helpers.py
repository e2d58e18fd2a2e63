"""Test helpers for the timing wing: items, timelines and walks to try, routine files."""

from __future__ import annotations

import tomli_w
from hypothesis import settings
from hypothesis import strategies as st

from handbook.timing.timeline import TimedItem, build_phases
from tests.helpers import FakeClock
from tests.timing.oracle import Timer

no_deadline = settings(deadline=None)  # timing is irrelevant here; a loaded machine must not flake


def item(stretch="hip", *, hold_s=30.0, sides="each", reps=1, name=None, **sides_by_limb):
    return TimedItem(stretch, name or stretch.title(), hold_s, sides, reps, **sides_by_limb)


def rows(phases):
    return [(p.kind, p.start, p.end, p.side, p.rep, p.label) for p in phases]


def started(phases, at=0.0):
    clock = FakeClock(at)
    timer = Timer(phases, clock=clock)
    timer.start()
    return timer, clock


seconds = st.floats(0.25, 120, allow_nan=False, allow_infinity=False)


gaps = st.one_of(st.just(0.0), seconds)


def movement(
    stretch="cc", *, pace=(("arch", 4.0), ("round", 4.0)), sides="both", reps=3, name=None
):
    return TimedItem(stretch, name or stretch.title(), sides=sides, reps=reps, pace=pace)


paces = st.lists(
    st.tuples(st.sampled_from(["", "arch", "round", "swing"]), st.floats(1, 30, allow_nan=False)),
    min_size=1,
    max_size=4,
)

holds_st = st.builds(
    TimedItem,
    stretch=st.sampled_from(["a", "b", "c"]),
    name=st.sampled_from(["A", "B", "C"]),
    hold_s=seconds,
    sides=st.sampled_from(["each", "both"]),
    reps=st.integers(1, 3),
)
movements_st = st.builds(
    TimedItem,
    stretch=st.sampled_from(["m", "n"]),
    name=st.sampled_from(["M", "N"]),
    sides=st.sampled_from(["each", "both"]),
    reps=st.integers(1, 6),
    pace=paces.map(tuple),
)
items_st = st.lists(st.one_of(holds_st, movements_st), min_size=1, max_size=4)


timelines = st.builds(
    build_phases, items_st, get_ready=gaps, switch=gaps, rest=gaps, rest_between_items=gaps
)


operations = st.lists(
    st.one_of(
        st.floats(0, 60).map(lambda s: ("advance", s)),
        st.sampled_from([("skip",), ("pause",), ("resume",), ("start",)]),
    ),
    max_size=40,
)


FOUR = ["kneeling-hip-flexor", "crossover-hamstring", "standing-quad", "hip-and-lower-back-twist"]


def write(tmp_path, doc, name="mine.toml"):
    path = tmp_path / name
    path.write_text(tomli_w.dumps(doc))
    return path
