"""The vocabulary file: every kind a table of keys with text labels (and muscles' regions)."""

from __future__ import annotations

import pytest

from handbook import CatalogError
from handbook.catalog.vocabulary import KINDS, builtin_vocabulary, parse_vocabulary


def _write(tmp_path, muscles: str):
    path = tmp_path / "vocabulary.toml"
    others = "".join(f'[{kind}]\none = {{ label = "One" }}\n' for kind in KINDS[1:])
    path.write_text(f"[muscles]\n{muscles}\n{others}", encoding="utf-8")
    return path


def test_a_vocabulary_gives_labels_and_regions(tmp_path):
    vocab = parse_vocabulary(_write(tmp_path, 'calves = { label = "Calves", region = "legs" }'))
    assert vocab.label("muscles", "calves") == "Calves"
    assert vocab.regions["calves"] == "legs"
    assert vocab.keys("positions") == ("one",)


def test_a_region_that_is_not_text_is_refused(tmp_path):
    path = _write(tmp_path, 'calves = { label = "Calves", region = 3 }')
    with pytest.raises(CatalogError) as caught:
        parse_vocabulary(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: muscles.calves.region: must be text, got 3"
    ]


def test_every_builtin_muscle_has_a_text_region():
    vocab = builtin_vocabulary()
    assert set(vocab.regions) == set(vocab.keys("muscles"))
    assert all(isinstance(region, str) and region for region in vocab.regions.values())
