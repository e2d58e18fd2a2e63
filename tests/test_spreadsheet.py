"""CSV cells a spreadsheet would run: guarded with an apostrophe, and given back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook.spreadsheet import FORMULA_STARTS, guard, unguard


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("'''-x", "''''-x"),
        ("plain", "plain"),
        ("'plain", "'plain"),
        ("", ""),
        ("a=1", "a=1"),
        ("1-2", "1-2"),
    ],
)
def test_formula_starts_get_an_apostrophe(text, written):
    assert guard(text) == written and unguard(written) == text


@given(st.text(st.sampled_from([*FORMULA_STARTS, "'", "a", "1", " "]), max_size=6) | st.text())
def test_unguard_gives_back_any_text(text):
    written = guard(text)
    assert unguard(written) == text
    assert not written.startswith(FORMULA_STARTS)
