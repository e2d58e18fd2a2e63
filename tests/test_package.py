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
    assert "handbook/py.typed" in names  # type checkers read the package's own annotations
    assert not [n for n in names if n.startswith(("tests/", "notebooks/"))]


@pytest.mark.slow
def test_wheel_carries_the_book_and_nothing_of_a_readers(wheel):
    """Every notebook of both books, class mode's Voila settings, and not a file a reader made."""
    names = zipfile.ZipFile(wheel).namelist()
    book = sorted(n.removeprefix("handbook/book/") for n in names if n.startswith("handbook/book/"))
    notebooks = sorted(
        str(p.relative_to(ROOT / "notebooks"))
        for p in [
            *(ROOT / "notebooks").glob("*.ipynb"),
            *(ROOT / "notebooks" / "es").glob("*.ipynb"),
        ]
    )
    assert "es/00-empieza-aqui.ipynb" in notebooks
    # JupyterLab's settings for the Spanish book, installed beside JupyterLab's own
    assert any(n.endswith(".data/data/share/jupyter/lab/settings-es/overrides.json") for n in names)
    assert book == sorted([*notebooks, "voila.json"])
    entry = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    )
    assert b"stretch-handbook = handbook.cli:main" in entry


@pytest.mark.slow
def test_a_pip_user_opens_the_book_with_one_command(wheel, tmp_path):
    """The wheel in a fresh virtual environment: stretch-handbook lab copies the book into a
    folder of the person's and never over an edit (started with --dry-run: no display)."""
    uv = Path(sys.executable).parent / "uv"
    env = tmp_path / "venv"
    subprocess.run([str(uv), "venv", "-q", "--python", sys.executable, str(env)], check=True)
    installed = subprocess.run(
        [str(uv), "pip", "install", "-q", "--python", str(env / "bin" / "python"), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    command = env / "bin" / "stretch-handbook"

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(command), *args], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        return done.stdout

    assert "Copy the book into FOLDER and open JupyterLab" in run("lab", "--help")
    first = run("lab", "my-book", "--dry-run")
    folder = tmp_path / "my-book"
    assert f"would run, in {folder}:" in first and "00-start-here.ipynb" in first
    page = folder / "04-plan-your-week.ipynb"
    assert page.read_bytes() == (ROOT / "notebooks" / page.name).read_bytes()
    page.write_text(page.read_text(encoding="utf-8").replace("Plan your week", "My week"))
    edited = page.read_bytes()
    second = run("lab", "my-book", "--dry-run")
    assert "kept as you left them" in second and page.name in second
    assert page.read_bytes() == edited
    assert "-m voila" in run("class", "my-book", "--dry-run")
    spanish = run("lab", "my-book", "--lang", "es", "--dry-run")
    assert spanish.rstrip().endswith("es/00-empieza-aqui.ipynb") and (folder / "es").is_dir()
    assert f"--LabApp.app_settings_dir={env}/share/jupyter/lab/settings-es" in spanish


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
    import handbook

    assert set(handbook._LAZY) <= set(handbook.__all__)  # every name loaded later is public


def test_every_name_loaded_later_is_named_for_type_checkers():
    """The TYPE_CHECKING imports of handbook/__init__.py match _LAZY, name for module."""
    import ast

    import handbook

    tree = ast.parse(Path(handbook.__file__).read_text(encoding="utf-8"))
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    named = {
        alias.name: (node.module or "")
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert named == handbook._LAZY


@pytest.mark.slow
def test_a_users_script_type_checks_against_the_public_api(tmp_path):
    """Names loaded on first use keep their types: a user's mypy sees Routine, not object."""
    from mypy import api

    script = tmp_path / "week.py"
    script.write_text(
        "import handbook\n"
        "cat = handbook.load_catalog()\n"
        'routine = handbook.Routine.from_ids(cat, ["kneeling-hip-flexor"], name="Back")\n'
        "plan = handbook.plan_week(cat, minutes=20)\n"
        "log = handbook.ProgressLog(None)\n"
        "reveal_type(routine.duration)\n"
        "reveal_type(plan.days)\n"
        "reveal_type(log)\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    out, err, status = api.run(["--strict", "--cache-dir", str(cache), str(script)])
    assert status == 0, out + err
    assert 'Revealed type is "float"' in out
    assert "handbook.timing.routine.Routine | None" in out
    assert 'Revealed type is "handbook.progress.store.ProgressLog"' in out


PUBLIC_FACES = ("handbook", "handbook.widgets")


def _handbook_names(source: str) -> list[tuple[str, str]]:
    """(module, name) for every handbook name a cell's code imports or reaches by attribute:
    ("handbook", "plan_week"), ("handbook.output.tables", "readable")..."""
    import ast

    code = "\n".join(
        line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))
    )
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name.split(".")[0] == "handbook"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "handbook":
            found += [(node.module or "", a.name) for a in node.names]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "handbook"
        ):
            found.append(("handbook", node.attr))
    return found


def test_the_notebooks_import_only_the_public_faces():
    """The book reaches the house only through handbook and handbook.widgets, by public
    names, so that a move inside the package never breaks a reader's code (issue 21.5)."""
    import importlib
    import json

    import handbook

    seen: set[tuple[str, str]] = set()
    wrong: list[str] = []
    book = ROOT / "notebooks"
    for path in sorted([*book.glob("*.ipynb"), *(book / "es").glob("*.ipynb")]):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for n, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            for module, name in _handbook_names("".join(cell["source"])):
                seen.add((module, name))
                public = importlib.import_module(module).__all__ if module in PUBLIC_FACES else ()
                if module not in PUBLIC_FACES or (name and name not in public):
                    wrong.append(f"{path.relative_to(book)} cell {n}: {module} {name}".rstrip())
    assert not wrong, wrong
    # the test sees what the book uses: the public helpers the notebooks once took from inside
    assert {("handbook", "readable"), ("handbook", "plan_week")} <= seen
    assert ("handbook.widgets", "WeekPlanner") in seen
    assert all(hasattr(handbook, name) for module, name in seen if module == "handbook" and name)


def test_a_reach_inside_the_house_is_caught():
    """The finder the notebook test relies on sees every way of reaching inside."""
    cell = (
        "%matplotlib inline\n"
        "import handbook.week.export\n"
        "from handbook.output.tables import readable\n"
        "from handbook import plan_week\n"
        "x = handbook.timing.timeline.mss(3)\n"
    )
    assert _handbook_names(cell) == [
        ("handbook.week.export", ""),
        ("handbook.output.tables", "readable"),
        ("handbook", "plan_week"),
        ("handbook", "timing"),
    ]


def _public_names() -> list[tuple[str, object]]:
    """Every public function and class of the two faces, but the errors and warnings (their
    docstrings say when they are raised; CatalogError's problems are shown by load_catalog)."""
    import inspect

    import handbook
    import handbook.widgets

    found = []
    for module in (handbook, handbook.widgets):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, (Exception, Warning)):
                continue
            if inspect.isclass(obj) or inspect.isfunction(obj):
                found.append((f"{module.__name__}.{name}", obj))
    return found


def test_every_public_name_has_a_runnable_example(tmp_path, monkeypatch):
    """The public names carry an example, and it runs as shown (doctest): the examples are
    the documentation people copy, so they are held to what the code does (issue 21.5)."""
    import doctest
    import io

    import handbook

    monkeypatch.chdir(tmp_path)  # an example that wrote a file would write here
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    without: list[str] = []
    objects = [("handbook", handbook), *_public_names()]
    assert len(objects) > 25
    for name, obj in objects:
        tests = [t for t in finder.find(obj, name, globs={}) if t.examples]
        if not tests:
            without.append(name)
        for test in tests:
            runner.run(test, out=out.write)
    assert not without, f"no example in the docstring of {without}"
    assert runner.failures == 0, out.getvalue()
    assert list(tmp_path.iterdir()) == []  # examples write only into their own temp folders


def test_every_public_functions_parameters_are_named_in_its_docstring():
    import inspect

    unnamed = []
    for name, obj in _public_names():
        if not inspect.isfunction(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        for parameter in inspect.signature(obj).parameters:
            if parameter not in doc:
                unnamed.append(f"{name}: {parameter}")
    assert not unnamed, unnamed
