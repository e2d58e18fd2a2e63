"""axe-core over the handbook's own views: the card in JupyterLab, class mode in Voila (light
and dark) and a printed handout. No serious or critical finding; every control has a name;
the handout's content sits in a main landmark."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from handbook.timing.routinefile import routines
from tests.browser.axe import findings
from tests.browser.lab import open_notebook, run_all


def test_a_card_in_jupyterlab(page: Page, lab):
    open_notebook(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    card = page.locator(".hb-card").first
    expect(card.locator(".hb-card-picture svg")).to_be_visible()
    card.scroll_into_view_if_needed()
    assert findings(page, [".hb-card"]) == []  # the card's timer (named sliders) included


def test_class_mode_in_voila(page: Page, voila):
    page.goto(voila.url("voila/render/05-class-mode.ipynb"))
    room = page.locator(".hb-class")
    expect(room.locator(".hb-remaining")).to_have_text("0:05", timeout=90_000)
    expect(room.get_by_label("Hold", exact=True)).to_be_visible()  # a named control
    assert findings(page, [".hb-class"]) == []


def test_class_mode_in_voilas_dark_theme(page: Page, voila):
    page.goto(voila.url("voila/render/05-class-mode.ipynb?theme=dark"))
    room = page.locator(".hb-class")
    expect(room.locator(".hb-remaining")).to_have_text("0:05", timeout=90_000)
    dark = page.evaluate("document.body.dataset.jpThemeLight")
    assert dark == "false", dark
    assert findings(page, [".hb-class"]) == []


def test_a_handout(page: Page, catalog, tmp_path):
    path = tmp_path / "handout.html"
    routines(catalog)["back-pain-basics"].to_html(path)
    page.goto(path.as_uri())
    expect(page.get_by_role("main")).to_have_count(1)
    assert page.locator("main .hb-stretch").count() == 4  # the content is in the landmark
    assert findings(page, ["body"]) == []


def test_a_card_in_jupyterlabs_dark_theme(page: Page, tmp_path):
    """The same card with JupyterLab Dark: its text keeps 4.5:1 against the dark page."""
    import json

    from tests.browser.conftest import _stop, _workspace, start_lab

    root, env = _workspace(tmp_path)
    themes = tmp_path / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    (themes / "themes.jupyterlab-settings").write_text(json.dumps({"theme": "JupyterLab Dark"}))
    lab, process = start_lab(root, env, tmp_path / "lab.log")
    try:
        open_notebook(page, lab, "01-back-pain-stretches.ipynb")
        assert page.evaluate("document.body.dataset.jpThemeLight") == "false"
        run_all(page)
        card = page.locator(".hb-card").first
        expect(card.locator(".hb-card-picture svg")).to_be_visible()
        card.scroll_into_view_if_needed()
        assert findings(page, [".hb-card"]) == []
    finally:
        _stop(process)
