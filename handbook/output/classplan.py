"""The teacher's list of a class (``templates/class_plan.html``): what each stretch asks of the
room, and the gentler stretch to offer someone for whom it is not right. Data is escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog.conditions import alternatives
from ..i18n import _, ngettext
from ..timing.timeline import mss
from .cards import hold_summary
from .render import render

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..catalog.stretch import Stretch
    from .handout import Printable


def class_hold(stretch: Stretch) -> str:
    """A stretch's hold as a room does it: "50 s each side, 2 times"; a movement's reps and
    pace: "10 reps of circle 4 s (40 s), each side"."""
    if stretch.is_movement:
        return hold_summary(stretch)
    each = stretch.sides == "each"
    if stretch.reps > 1:
        said = (
            # Translators: a hold in a class: "50 s each side, 2 times".
            ngettext("{s} s each side, {n} time", "{s} s each side, {n} times", stretch.reps)
            if each
            else ngettext("{s} s, {n} time", "{s} s, {n} times", stretch.reps)
        )
    else:
        said = _("{s} s each side") if each else "{s} s"
    return said.format(s=f"{stretch.hold_s:g}", n=stretch.reps)


def gentler_lines(stretch: Stretch, catalog: Catalog) -> list[str]:
    """ "Seated chair twist (osteoporosis, hip replacement)": each gentler stretch in the
    catalogue with the conditions it is for."""
    vocab = catalog.vocabulary
    return [
        f"{catalog[sid].name} ({', '.join(vocab.label('conditions', c).lower() for c in why)})"
        for sid, why in alternatives(stretch)
        if sid in catalog
    ]


def class_plan_html(routine: Printable) -> str:
    """The routine as the teacher's list: name, count, total time, each stretch's hold and
    what to offer instead (movements give their reps and pace); an entry marked advanced
    (``not-for-class``) says it is better practised alone than led in a class."""
    stretches = routine.stretches
    return render(
        "class_plan.html",
        name=routine.name,
        count=len(stretches),
        total=mss(routine.duration),
        rows=[
            {
                "name": s.name,
                "hold": class_hold(s),
                "gentler": [] if s.is_movement else gentler_lines(s, routine.catalog),
                "for_class": s.for_class,
            }
            for s in stretches
        ],
    )
