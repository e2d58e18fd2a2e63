"""axe-core (the copy axe-playwright-python ships) run on a page, limited to the handbook's own
views: the findings a person meets, as (rule, impact, where, what)."""

from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
SERIOUS = ("serious", "critical")


def findings(
    page: Page, include: list[str], exclude: list[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """Every serious or critical axe finding inside ``include`` (CSS selectors), ``exclude``
    left out: the rule, its impact, the element and what is wrong."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    context = {"include": [[s] for s in include], "exclude": [[s] for s in exclude or []]}
    results = page.evaluate(f"axe.run({json.dumps(context)}, {{resultTypes: ['violations']}})")
    return [
        (
            v["id"],
            v["impact"],
            ", ".join(node["target"][0] for node in v["nodes"][:3]),
            v["nodes"][0].get("failureSummary", "")[:200],
        )
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]
