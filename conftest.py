"""Every test run keeps its progress log in a temporary folder, never in a real home."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    """Point HANDBOOK_HOME at a fresh folder for this run (kernels and servers inherit it)."""
    os.environ["HANDBOOK_HOME"] = tempfile.mkdtemp(prefix="handbook-home-")
