"""The rules of the house are import-linter contracts in pyproject.toml; these tests hold them.

`make lint` runs `lint-imports`; the tests run it too, and show the contracts have teeth: a
copy of the package with one import planted against a rule is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter over the `handbook` package in `folder`, with its pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_house_keeps_its_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def copy_of_the_house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("house")
    shutil.copytree(ROOT / "handbook", folder / "handbook", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", folder)
    return folder


PLANTED = [
    # (module, the line planted at its end, the contract that must break)
    ("catalog/stretch.py", "from ..timing import timeline as _t", "imports point down"),
    ("pictures/faces.py", "from ..output import cards as _c", "imports point down"),
    ("catalog/search.py", "from ..widgets import card as _w", "imports point down"),
    ("week/pool.py", "if False:\n    from ..progress import store as _s", "imports point down"),
    ("output/charts.py", "def _f():\n    import ipywidgets", "never import a view library"),
    ("widgets/card.py", "import json as _json", "never read or write a file format"),
    ("week/guidelines.py", "from . import planner as _p", "in a circle inside a wing"),
]


@pytest.mark.parametrize(("module", "line", "contract"), PLANTED)
def test_an_import_against_the_rules_is_refused(copy_of_the_house, module, line, contract):
    path = copy_of_the_house / "handbook" / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "\n" + line + "\n", encoding="utf-8")
        result = lint_imports(copy_of_the_house)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
