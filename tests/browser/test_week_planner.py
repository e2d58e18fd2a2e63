"""The week planner in JupyterLab: "Plan my week" fills the week table and its check."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.lab import open_notebook, run_all


def test_plan_my_week_fills_the_week_table(page: Page, lab):
    open_notebook(page, lab, "04-plan-your-week.ipynb")
    run_all(page)
    planner = page.locator(".hb-planner")
    expect(planner).to_have_count(1)
    expect(planner.locator(".hb-week table")).to_have_count(0)
    planner.get_by_role("button", name=re.compile(r"\bPlan my week$")).click()
    week = planner.locator(".hb-week table")
    expect(week).to_be_visible()
    for day in ("Mon", "Wed", "Sun"):
        expect(week.get_by_role("row").filter(has_text=day)).to_have_count(1)
    expect(week).to_contain_text(re.compile(r"stretch", re.I))
    expect(planner.locator(".hb-notes")).to_contain_text("Every major muscle group")
    planner.get_by_role("tab", name="Guidelines").click()
    expect(planner.locator(".hb-check table")).to_contain_text("Lower back")
    planner.get_by_role("tab", name="Coverage").click()
    expect(planner.locator(".hb-heatmap svg")).to_be_visible()
