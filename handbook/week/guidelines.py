"""The stretching guideline numbers the planner fills a week by and checks it against.

ACSM (2021) and its position stand (Garber et al. 2011): each major muscle-tendon group at
least 2-3 days a week; holds of 10-30 s for most adults and 30-60 s for older adults;
about 60 s per stretch per session in 2-4 repetitions. ACSM/AHA (Nelson et al. 2007):
older adults, flexibility work of at least 10 minutes on at least 2 days a week.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable

MAJOR_GROUPS = (
    "neck",
    "traps",
    "shoulders",
    "chest",
    "middle back",
    "lats",
    "lower back",
    "abdominals",
    "hip flexors",
    "glutes",
    "adductors",
    "abductors",
    "quadriceps",
    "hamstrings",
    "calves",
    "forearms",
    "triceps",
)
"""The major muscle groups a week should reach (every vocabulary muscle but the biceps)."""

MAJOR_DAYS = 2  # at least 2 days a week for each major group
FOCUS_DAYS = 3  # groups a person chooses to focus on: at least 3 days
SESSION_S = 60.0  # about 60 s per stretch per session (per side)
ABOUT_SESSION_S = (45.0, 90.0)  # what "about 60 s" accepts
MAX_REPS = 4  # 2-4 repetitions
OLDER_ADULT_MINUTES = 10  # at least 10 minutes on at least 2 days
OLDER_ADULT_DAYS = 2

# Warm up first: light activity before stretching, not stretching cold muscles (Mayo Clinic,
# NIA, BHF). The planner starts each day with the built-in warm-up, shortened to fit: at most
# this share of the day's minutes, and left out when less than WARM_UP_MIN_S would be left.
WARM_UP_SHARE = 0.25
WARM_UP_MIN_S = 60.0
WARM_UP_MIN_REPS = 2  # a movement shortened to fit keeps at least this many reps
WARM_UP_ADVISED_MIN = 5  # 5-10 minutes of light activity is the advice (GUIDANCE section 7):
# a day whose warm-up fits in less says how long to walk first to make it up


def target_days(muscle: str, focus: Collection[str] = ()) -> int:
    """Days a week a group aims for: 3 for a focus group, 2 for another major group, else 0.

    The one place the plan fills by, its check holds it to and its advice counts from.

    >>> target_days("hamstrings"), target_days("hamstrings", ["hamstrings"]), target_days("biceps")
    (2, 3, 0)
    """
    if muscle in focus:
        return FOCUS_DAYS
    return MAJOR_DAYS if muscle in MAJOR_GROUPS else 0


def checked_groups(muscles: Iterable[str], focus: Collection[str] = ()) -> list[str]:
    """The groups a plan is checked for, in the order of ``muscles``: every group with a target.

    >>> checked_groups(["biceps", "neck", "triceps"], focus=["biceps"])
    ['biceps', 'neck', 'triceps']
    >>> checked_groups(["biceps", "neck"])
    ['neck']
    """
    return [m for m in muscles if target_days(m, focus)]


def hold_range(older_adult: bool = False) -> tuple[float, float]:
    """Recommended seconds per hold: 10-30 s, or 30-60 s for older adults."""
    return (30.0, 60.0) if older_adult else (10.0, 30.0)


def dose(hold_s: float, older_adult: bool = False) -> tuple[float, int]:
    """A hold inside the recommended range and the reps that make about 60 s per side."""
    low, high = hold_range(older_adult)
    hold = min(max(hold_s, low, SESSION_S / MAX_REPS), high)  # 60 s in at most 4 reps
    reps = min(MAX_REPS, max(1, math.ceil(SESSION_S / hold - 1e-9)))
    return hold, reps
