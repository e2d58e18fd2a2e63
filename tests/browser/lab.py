"""What a person does in JupyterLab, as Playwright steps shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_notebook(page: Page, lab, name: str) -> None:
    """Open a notebook and wait until its kernel is really idle."""
    page.goto(lab.url(f"lab/tree/{name}?reset"))  # a fresh workspace: only this notebook
    expect(page.get_by_role("button", name=re.compile(r"\| Idle"))).to_be_visible(timeout=60_000)


def run_all(page: Page) -> None:
    """Run > Run All Cells, as from the menu bar, and wait until the kernel is idle again."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    expect(page.locator(".jp-InputArea-prompt").filter(has_text="[*]")).to_have_count(
        0, timeout=120_000
    )


def outputs(page: Page):
    """Every output area of the open notebook."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")


def button(scope, name: str):
    """A widget button by its words (its accessible name starts with the icon's glyph)."""
    return scope.get_by_role("button", name=re.compile(rf"\b{name}$"))


def seconds(text: str) -> int:
    """Seconds from a time shown as M:SS."""
    minutes, secs = text.strip().split(":")
    return int(minutes) * 60 + int(secs)
