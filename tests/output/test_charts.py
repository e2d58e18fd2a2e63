"""Charts of a week: well-formed SVG with every day and muscle label."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from handbook.output.charts import coverage_svg, minutes_svg
from handbook.week.planner import plan_week
from handbook.week.settings import DAYS
from tests.helpers import builtin_catalog

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
PLAN = plan_week(CAT, minutes=10)


def test_coverage_heat_map(catalog):
    svg = coverage_svg(PLAN.coverage(), catalog.vocabulary.labels["muscles"])
    ET.fromstring(svg)
    assert svg.startswith("<svg")
    for text in ("Mon", "Sun", "Lower back", "Hip flexors"):
        assert text in svg


def test_minutes_chart():
    svg = minutes_svg(PLAN.minutes_per_day())
    ET.fromstring(svg)
    assert all(day in svg for day in DAYS) and "planned" in svg and "available" in svg


def test_importing_the_handbook_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, handbook; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
