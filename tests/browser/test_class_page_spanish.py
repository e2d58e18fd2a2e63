"""The class page made in Spanish, opened from a file: its page, its player and its voice speak
Spanish, and the end screen too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import handbook
from handbook.timing.routinefile import routines

SAY_RECORDER = (
    "window.__said = [];"
    "speechSynthesis.speak = (u) => window.__said.push({ text: u.text, lang: u.lang });"
)


@pytest.fixture(scope="module")
def spanish_class_file(tmp_path_factory, catalog) -> str:
    path = tmp_path_factory.mktemp("stick") / "back-pain-basics-clase.html"
    handbook.set_language("es")
    try:
        routines(catalog)["back-pain-basics"].to_class_page(path)
    finally:
        handbook.set_language("en")
    return path.as_uri()


def test_a_spanish_class_page_speaks_spanish_to_the_end(browser, spanish_class_file):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("http*://**/*", lambda route: route.abort())
    page = context.new_page()
    page.add_init_script(SAY_RECORDER)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(spanish_class_file)
    assert page.evaluate("document.documentElement.lang") == "es"
    stage = page.locator(".hb-guide-class")
    expect(page.get_by_role("button", name="Empezar")).to_be_enabled()
    expect(stage.locator(".hb-class-progress")).to_have_text("Estiramiento 1 de 4")
    assert stage.get_attribute("aria-label", timeout=5_000).startswith("Temporizador guiado")

    page.keyboard.press("Space")
    expect(stage.locator(".hb-phase")).to_have_text("Prepárate")
    expect(page.get_by_role("button", name="Pausar")).to_be_enabled()
    page.wait_for_function("() => window.__said.length > 0")
    said = page.evaluate("window.__said")
    assert said[0]["lang"].startswith("es") and said[0]["text"].startswith("Prepárate: ")
    assert all(s["lang"].startswith("es") for s in said)

    for _ in range(4):  # Next through every stretch to the end
        page.keyboard.press("PageDown")
    expect(stage.locator(".hb-class-name")).to_have_text("La clase ha terminado")
    expect(stage.locator(".hb-class-total")).to_contain_text("de estiramiento mantenido")
    expect(page.get_by_role("button", name="Empezar")).to_be_enabled()
    assert errors == []
    context.close()
