"""The handbook works when installed from its wheel, away from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    uv = Path(sys.executable).parent / "uv"
    subprocess.run(
        [str(uv), "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("stretch_handbook-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_the_catalogue(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "handbook/data/vocabulary.toml" in names
    assert {
        "handbook/widgets/guide.js",
        "handbook/widgets/guide.css",
        "handbook/widgets/picture.js",
    } <= set(names)  # the player, no build step
    assert "handbook/data/stretches/kneeling-hip-flexor.toml" in names
    assert "handbook/data/safety.md" in names
    assert not [n for n in names if n.startswith(("tests/", "notebooks/"))]


@pytest.mark.slow
def test_installed_wheel_loads_its_own_catalogue(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import handbook, pathlib; cat = handbook.load_catalog(); "
        "print(pathlib.Path(handbook.__file__).parent); print(len(cat)); "
        "print(cat['standing-quad'].file)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site)},
        check=True,
    )
    package, count, quad = result.stdout.split("\n")[:3]
    assert Path(package) == site / "handbook"
    assert int(count) >= 24
    assert Path(quad).is_relative_to(site / "handbook" / "data")


def test_the_public_api_is_complete_and_light():
    code = (
        "import sys, handbook; heavy = [m for m in ('handbook.week.planner', "
        "'handbook.progress.store', 'matplotlib', 'ipywidgets', 'icalendar') "
        "if m in sys.modules]; print(heavy); "
        "print(all(getattr(handbook, n) is not None for n in handbook.__all__))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
