"""Tables for people: words for columns and keys, lists joined, no NaN, long tables cut short."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from handbook.output.tables import readable


def test_a_catalogue_table_reads_as_words(catalog):
    frame = catalog.stretches[["name", "primary", "position", "hold_s", "reps"]]
    styled = readable(frame, catalog.vocabulary, rows=5)
    data = styled.data
    assert list(data.columns) == ["Stretch", "Main targets", "Position", "Hold (s)", "Reps"]
    assert len(data) == 5
    first = catalog.stretches.iloc[0]
    assert data.iloc[0]["Main targets"] == ", ".join(
        catalog.vocabulary.label("muscles", m) for m in first["primary"]
    )
    assert data.iloc[0]["Position"] == catalog.vocabulary.label("positions", first["position"])
    html = styled.to_html()
    assert f"The first 5 of {len(catalog)} rows." in html and "<caption" in html
    assert all(isinstance(value, str) for value in data.to_numpy().ravel())
    assert first.name not in html  # the ids stay out of sight


def test_missing_values_numbers_and_series():
    frame = pd.DataFrame(
        {"share": [0.25, np.nan], "days": [2, 3], "done": [True, False], "empty": [(), ("a", "b")]}
    )
    data = readable(frame).data
    assert data.to_dict("records") == [
        {"Share": "0.2", "Days": "2", "Done": "yes", "Empty": "\u2014"},
        {"Share": "\u2014", "Days": "3", "Done": "no", "Empty": "a, b"},
    ]
    counts = pd.Series(
        [3, 1], index=pd.Index(["Standing", "Kneeling"], name="position"), name="stretches"
    )
    assert readable(counts, index=True).data.to_dict("records") == [
        {"Position": "Standing", "Stretches": "3"},
        {"Position": "Kneeling", "Stretches": "1"},
    ]
    assert readable(counts, rows=None, caption="By position.").caption == "By position."


def test_text_from_data_is_escaped_in_cells_column_names_and_caption():
    evil = "<img src=x onerror=alert(1)>"
    frame = pd.DataFrame({"name": [evil, "a & b"], evil: [1, 2]})
    page = readable(frame, caption=evil).to_html()
    assert "<img" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 3 and "a &amp; b" in page


@given(st.text(max_size=30), st.text(max_size=30))
def test_no_text_becomes_markup_in_a_table(cell, column):
    import html as htmllib
    import re

    page = readable(pd.DataFrame({column or "x": [cell]}), caption=cell).to_html()
    body = page[page.index("<table") :]
    for tag in re.findall(r"<([a-zA-Z/][^ >]*)", body):  # only the table's own markup
        assert tag.strip("/") in {"table", "caption", "thead", "tr", "th", "tbody", "td"}, tag
    assert cell in htmllib.unescape(body)  # shown as written
