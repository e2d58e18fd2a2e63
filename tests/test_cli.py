"""The stretch-handbook command: the book copied into a person's folder, never over their edits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from handbook import cli

ROOT = cli.book_dir().parent


def test_the_book_is_every_notebook_and_class_modes_settings():
    files = cli.book_files()
    assert sorted(files) == sorted(
        [p.name for p in (ROOT / "notebooks").glob("*.ipynb")]
        + [f"es/{p.name}" for p in (ROOT / "notebooks" / "es").glob("*.ipynb")]
        + ["voila.json"]
    )
    assert all(files[page].is_file() for page in cli.start_pages().values())
    assert files[cli.START_PAGE].is_file() and files["voila.json"] == ROOT / "voila.json"


def test_a_copy_never_overwrites_an_edit(tmp_path):
    folder = tmp_path / "my book"
    first = cli.copy_book(folder)
    assert sorted(first.written) == sorted(cli.book_files()) and not first.kept
    for name, source in cli.book_files().items():
        assert (folder / name).read_bytes() == source.read_bytes()
    page = folder / "04-plan-your-week.ipynb"
    mine = json.loads(page.read_text(encoding="utf-8"))
    mine["cells"][0]["source"] = ["# My week, my notes\n"]
    page.write_text(json.dumps(mine), encoding="utf-8")
    (folder / cli.START_PAGE).unlink()  # a file removed comes back
    again = cli.copy_book(folder)
    assert again.kept == ["04-plan-your-week.ipynb"] and again.written == [cli.START_PAGE]
    assert (
        json.loads(page.read_text(encoding="utf-8"))["cells"][0]["source"]
        == mine["cells"][0]["source"]
    )
    report = again.report()
    assert "kept as you left them" in report and "04-plan-your-week.ipynb" in report
    assert (
        cli.copy_book(folder)
        .report()
        .endswith(
            "kept as you left them (they differ from this version's): 04-plan-your-week.ipynb"
        )
    )


def test_a_file_where_the_folder_should_be_is_reported(tmp_path, capsys):
    (tmp_path / "book").write_text("not a folder", encoding="utf-8")
    assert cli.main(["lab", str(tmp_path / "book"), "--dry-run"]) == 1
    assert "is a file, not a folder for the book" in capsys.readouterr().err
    assert (tmp_path / "book").read_text(encoding="utf-8") == "not a folder"


def test_lab_opens_the_start_page_in_the_books_folder(tmp_path, capsys):
    assert cli.main(["lab", str(tmp_path / "book"), "--dry-run", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert f"would run, in {tmp_path / 'book'}:" in out
    command = out.rsplit("\n  ", 1)[1].split()
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--no-browser" in command and command[-1] == cli.START_PAGE


def test_class_serves_class_mode_as_make_class_does(tmp_path, capsys):
    assert cli.main(["class", str(tmp_path), "--dry-run", "--theme", "dark"]) == 0
    command = capsys.readouterr().out.rsplit("\n  ", 1)[1].split()
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in command and "--theme=dark" in command
    assert "--port=8866" in command and "--pool_size=3" in command
    assert command[-1] == cli.CLASS_PAGE
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "CLASS_PORT ?= 8866" in makefile and "CLASS_POOL ?= 3" in makefile
    settings = json.loads((tmp_path / "voila.json").read_text(encoding="utf-8"))
    assert settings["VoilaConfiguration"]["strip_sources"] is True  # read from its folder


def test_options_it_does_not_know_go_to_jupyterlab(tmp_path, capsys):
    assert cli.main(["lab", str(tmp_path), "--dry-run", "--port=8890"]) == 0
    command = capsys.readouterr().out.rsplit("\n  ", 1)[1].split()
    assert "--port=8890" in command and command[-1] == cli.START_PAGE
    with pytest.raises(SystemExit):
        cli.main(["lab", str(tmp_path), "two", "folders"])
    assert "unrecognized arguments: two folders" in capsys.readouterr().err


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main([])
    assert stopped.value.code == 2 and "COMMAND" in capsys.readouterr().err


def test_the_book_is_saved_as_make_lab_saves_it():
    from handbook.cli import lab_command

    command = lab_command(["--no-browser"])
    hook = "--ContentsManager.pre_save_hook=handbook.output.notebook.keep_what_lasts"
    assert hook in command and command[-1].endswith("00-start-here.ipynb")
    assert "--no-browser" in command
    # Run in the book's folder and rooted there, so the Spanish start page (es/...) still
    # shows both books and its link to the English one.
    assert "--ServerApp.root_dir=." in command


def test_both_books_are_copied_and_lang_opens_the_spanish_one(tmp_path, capsys, monkeypatch):
    """The Spanish book lands in es/ beside the English one; --lang es (or HANDBOOK_LANG) opens
    its start page, with JupyterLab's settings for Spanish and the kernels in Spanish."""
    monkeypatch.delenv("HANDBOOK_LANG", raising=False)
    folder = tmp_path / "book"
    assert cli.main(["lab", str(folder), "--dry-run", "--lang", "es"]) == 0
    assert (folder / "es" / "00-empieza-aqui.ipynb").read_bytes() == (
        ROOT / "notebooks" / "es" / "00-empieza-aqui.ipynb"
    ).read_bytes()
    line = capsys.readouterr().out.rsplit("\n  ", 1)[1].split()
    assert line[0] == "HANDBOOK_LANG=es" and line[-1] == "es/00-empieza-aqui.ipynb"
    settings = next(a for a in line if a.startswith("--LabApp.app_settings_dir="))
    overrides = json.loads((Path(settings.split("=", 1)[1]) / "overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "es_ES"
    monkeypatch.setenv("HANDBOOK_LANG", "es_ES.UTF-8")
    assert cli.main(["lab", str(folder), "--dry-run"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("es/00-empieza-aqui.ipynb")
    monkeypatch.delenv("HANDBOOK_LANG")
    assert cli.main(["lab", str(folder), "--dry-run"]) == 0
    english = capsys.readouterr().out.rsplit("\n  ", 1)[1].split()
    assert english[-1] == cli.START_PAGE
    assert not [a for a in english if "app_settings_dir" in a]


@pytest.mark.parametrize("lang", ["es", ""])
def test_make_lab_opens_the_book_of_handbook_lang(lang):
    """make lab HANDBOOK_LANG=es: the Spanish start page, JupyterLab's Spanish settings and the
    kernels told the language; make lab alone: the English book as before."""
    import subprocess

    dry = subprocess.run(
        ["make", "-n", "lab", f"HANDBOOK_LANG={lang}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    line = next(line for line in dry.splitlines() if "jupyter lab" in line).split()
    # Rooted at the books' folder whichever opens, so the start pages' links to each other
    # (es/00-empieza-aqui.ipynb and ../00-start-here.ipynb) stay inside what the server shows.
    assert f"--ServerApp.root_dir={ROOT / 'notebooks'}" in line
    if lang:
        assert line[0] == "HANDBOOK_LANG=es" and line[-1] == "notebooks/es/00-empieza-aqui.ipynb"
        settings = next(a for a in line if a.startswith("--LabApp.app_settings_dir="))
        folder = Path(settings.split("=", 1)[1])
        assert folder == ROOT / ".venv" / "share" / "jupyter" / "lab" / "settings-es"
        assert (ROOT / "share/jupyter/lab/settings-es/overrides.json").read_bytes() == (
            folder / "overrides.json"
        ).read_bytes()  # the repository's file, as installed
    else:
        assert line[0] == "HANDBOOK_LANG=en" and line[-1] == "notebooks/00-start-here.ipynb"
        assert not [a for a in line if "app_settings_dir" in a]
