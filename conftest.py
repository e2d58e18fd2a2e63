"""Every test run keeps its progress log in a temporary folder, never in a real home."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    """Point HANDBOOK_HOME at a fresh folder for this run (kernels and servers inherit it)."""
    os.environ["HANDBOOK_HOME"] = tempfile.mkdtemp(prefix="handbook-home-")


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: Playwright's sync API leaves an event loop on the main
    thread, and the widget tests must not find one there."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
