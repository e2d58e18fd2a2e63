"""Where the built-in data lives, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_data_dir() -> Path:
    """The folder holding vocabulary.toml, stretches/ and routines/."""
    installed = _PACKAGE / "data"  # the wheel force-includes data/ here
    if (installed / "vocabulary.toml").is_file():
        return installed
    return _PACKAGE.parent / "data"  # a source checkout or an editable install
