"""The Spanish book as `make lab HANDBOOK_LANG=es` opens it: its start page, with JupyterLab
itself in Spanish (its language pack, the locale from the settings the handbook installs) and
the kernels told the language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from handbook import cli
from tests.browser.conftest import Server, _stop, _workspace, start_lab
from tests.browser.lab import outputs

START = cli.start_pages()["es"]


@pytest.fixture(scope="module")
def spanish_lab(tmp_path_factory) -> Iterator[Server]:
    """JupyterLab started as make lab HANDBOOK_LANG=es starts it (the same settings folder)."""
    tmp = tmp_path_factory.mktemp("lab-es")
    root, env = _workspace(tmp)
    (settings,) = [a for a in cli.lab_command(lang="es") if "app_settings_dir" in a]
    server, process = start_lab(root, env | {"HANDBOOK_LANG": "es"}, tmp / "lab.log", settings)
    yield server
    _stop(process)


def test_the_spanish_book_opens_in_a_spanish_jupyterlab(page: Page, spanish_lab, tmp_path):
    page.goto(spanish_lab.url(f"lab/tree/{START}?reset"))
    expect(page.get_by_role("heading", name="Antes de empezar: seguridad")).to_be_visible()
    expect(page.get_by_role("link", name="Read this in English").first).to_be_visible()
    assert page.evaluate("document.documentElement.lang").startswith("es")
    expect(page.get_by_role("menuitem", name="Archivo", exact=True)).to_be_visible()
    page.screenshot(path=tmp_path / "spanish-start-page.png")  # for a person to look at
    expect(page.get_by_role("button", name=re.compile(r"\| (Idle|Inactivo)"))).to_be_visible(
        timeout=60_000
    )
    # The pack (4.5) leaves the menu Run in English; its items are Spanish.
    page.get_by_role("menuitem", name=re.compile(r"^(Run|Ejecutar)$")).click()
    page.get_by_role("menuitem", name=re.compile(r"^Ejecutar todas las celdas")).click()
    expect(page.locator(".jp-InputArea-prompt").filter(has_text="[*]")).to_have_count(
        0, timeout=120_000
    )
    expect(outputs(page).locator("table").first).to_be_visible()
    expect(outputs(page).locator("img")).to_have_count(2)  # the two charts
    expect(outputs(page).filter(has_text="Traceback")).to_have_count(0)
    expect(page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')).to_have_count(0)
    # Its link to the other book opens the English start page (both books under one root).
    page.get_by_role("link", name="Read this in English").first.click()
    expect(page.get_by_role("tab", name=re.compile(r"00-start-here\.ipynb"))).to_be_visible()


def test_make_lab_without_a_language_stays_english(page: Page, lab):
    """The English book's start page, in an English JupyterLab, links to the Spanish book."""
    page.goto(lab.url(f"lab/tree/{cli.START_PAGE}?reset"))
    expect(page.get_by_role("heading", name="Before you start: safety")).to_be_visible()
    expect(page.get_by_role("link", name="Leer en español").first).to_be_visible()
    assert page.evaluate("document.documentElement.lang").startswith("en")
    expect(page.get_by_role("menuitem", name="File", exact=True)).to_be_visible()
