"""The handout as a person prints it: Chromium's own print to PDF, on A4."""

from __future__ import annotations

import dataclasses
import re

from playwright.sync_api import Page

from handbook.timing.routinefile import routines


def pages(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects, not the page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_the_founding_four_print_on_at_most_four_pages(page: Page, catalog, tmp_path):
    basics = routines(catalog)["back-pain-basics"]
    for hold in (None, 120.0):  # as written, and with the longest hold class mode offers
        routine = (
            basics
            if hold is None
            else dataclasses.replace(
                basics,
                items=tuple(
                    dataclasses.replace(item, hold_s=hold, hold_breaths=None)
                    for item in basics.items
                ),
            )
        )
        path = tmp_path / "handout.html"
        routine.to_html(path)
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        assert 1 < pages(pdf) <= 4, hold
        kept = page.locator(".hb-stretch").evaluate_all(
            "els => els.map(e => getComputedStyle(e).breakInside)"
        )
        assert kept == ["avoid"] * 4
        assert page.locator(".hb-safety").count() == 1


def test_five_stretches_print_on_at_most_three_pages(page: Page, catalog, tmp_path):
    """Short stretches share a page, none is split, and no page is a stray one: every built-in
    routine's first five stretches (the issue's example took four pages) fit on three."""
    from handbook.timing.routine import Routine

    for rid, routine in routines(catalog).items():
        if len(routine) < 5:
            continue
        five = Routine.from_ids(catalog, [s.id for s in routine.stretches[:5]], name=rid)
        path = tmp_path / f"{rid}.html"
        five.to_html(path)
        page.goto(path.as_uri())
        page.emulate_media(media="print")
        assert pages(page.pdf(format="A4", print_background=True)) <= 3, rid
        kept = page.locator(".hb-stretch").evaluate_all(
            "els => els.map(e => getComputedStyle(e).breakInside)"
        )
        assert kept == ["avoid"] * 5, rid
