"""Charts of a week: well-formed SVG with every day and muscle label."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from handbook.output.charts import coverage_svg, day_labels, minutes_svg, weeks_svg
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


def test_weeks_chart_labels_every_week_even_one():
    import pandas as pd

    one = pd.Series([1.5], index=pd.DatetimeIndex(["2026-11-30"], name="week"), name="minutes")
    svg = weeks_svg(one)
    ET.fromstring(svg)
    assert "30 Nov" in svg and "week starting on Monday" in svg
    many = pd.Series([0.0, 2.0, 0.5], index=pd.date_range("2026-11-16", periods=3, freq="7D"))
    assert all(label in weeks_svg(many) for label in ("16 Nov", "23 Nov", "30 Nov"))


def test_progress_heat_map_names_days_and_months(catalog):
    import pandas as pd

    days = pd.date_range("2026-11-25", "2026-12-02")
    grid = pd.DataFrame(0.0, index=list(catalog.vocabulary.keys("muscles")), columns=days)
    assert day_labels(days)[:2] == ["Nov\nW\n25", "T\n26"]
    assert day_labels(days)[6] == "Dec\nT\n1"
    svg = coverage_svg(grid, catalog.vocabulary.labels["muscles"])
    ET.fromstring(svg)
    assert "Nov" in svg and "Dec" in svg


def test_charts_raise_no_warnings(catalog, recwarn):
    import pandas as pd

    weeks_svg(pd.Series([1.0], index=pd.DatetimeIndex(["2026-11-30"])))
    coverage_svg(PLAN.coverage(), catalog.vocabulary.labels["muscles"])
    assert not recwarn.list
