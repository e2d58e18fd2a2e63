"""The teacher's list of a class: holds, gentler alternatives, and what is not for a class."""

from __future__ import annotations

from handbook.output.classplan import class_plan_html
from handbook.timing.routine import Routine
from handbook.timing.routinefile import routines


def test_the_list_names_each_stretch_with_its_hold(catalog):
    basics = routines(catalog)["back-pain-basics"]
    page = class_plan_html(basics)
    assert page.startswith("<b>Back pain basics</b>: 4 stretches")
    assert all(s.name in page for s in basics.stretches)
    assert "hb-not-for-class" not in page


def test_an_advanced_entry_says_it_is_not_for_a_class(catalog):
    advanced = [s.id for s in catalog if not s.for_class]
    assert advanced, "the catalogue marks its advanced entries not-for-class"
    routine = Routine.from_ids(catalog, ["neck-turn", advanced[0]], name="Mixed")
    page = class_plan_html(routine)
    assert page.count('class="hb-not-for-class"') == 1
    assert page.index(catalog[advanced[0]].name) < page.index("better practised alone")
