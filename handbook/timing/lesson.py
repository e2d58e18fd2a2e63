"""A class's routine as the teacher sets it: the warm-up first, one hold for every stretch."""

from __future__ import annotations

from .routine import Routine


def class_routine(
    routine: Routine, *, warm_up: Routine | None = None, hold_s: float | None = None
) -> Routine:
    """``routine`` after ``warm_up`` (unless it starts with one already), with ``hold_s`` as the
    hold of every stretch (movements keep their reps); None leaves either as it is.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> basics = handbook.routines(cat)["back-pain-basics"]
    >>> lesson = class_routine(basics, warm_up=handbook.warm_up(cat), hold_s=20)
    >>> [s.hold_s for s in lesson.stretches][-4:]
    [20.0, 20.0, 20.0, 20.0]
    >>> len(lesson) == len(basics) + len(handbook.warm_up(cat))
    True
    """
    if warm_up is not None and not routine.warm_up_items:
        routine = routine.with_warm_up(warm_up)
    if hold_s is not None:
        for n, stretch in enumerate(routine.stretches):
            if not stretch.is_movement:
                routine = routine.set_item(n, hold_s=hold_s)  # reps kept
    return routine
