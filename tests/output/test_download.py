"""Download links carry the file itself, escaped, with the right type."""

from __future__ import annotations

import base64
import re

from handbook.output.download import data_url, download_link


def test_a_link_carries_the_file_and_its_name():
    page = "<!DOCTYPE html><p>Café</p>"
    link = download_link(page, "back-pain-basics-handout.html")
    found = re.search(
        r'download="([^"]+)" href="data:text/html;charset=utf-8;base64,([^"]+)"', link
    )
    assert found and found[1] == "back-pain-basics-handout.html"
    assert base64.b64decode(found[2]).decode("utf-8") == page
    assert ">Download back-pain-basics-handout.html</a>" in link


def test_names_and_labels_are_escaped():
    link = download_link(b"x", 'a"><script>.csv', label="<b>go</b>")
    assert "<script>" not in link and "&lt;b&gt;" in link and 'download="a&quot;&gt;' in link
    assert (
        data_url(b"\x00\xff", "application/octet-stream")
        == "data:application/octet-stream;base64,AP8="
    )
    assert "text/calendar" in download_link(b"BEGIN:VCALENDAR", "week.ics")


def test_a_handout_is_a_link_a_notebook_shows(catalog):
    import base64
    import re

    from handbook.timing.routinefile import routines
    from handbook.widgets import handout_link

    desk = routines(catalog)["desk-break"]
    link = handout_link(desk)
    page = link._repr_html_()
    assert page.startswith('<a class="hb-download" download="desk-break-handout.html"')
    assert "Download the handout: Five-minute desk break" in page
    data = re.search(r'base64,([^"]+)"', page)
    assert data and base64.b64decode(data[1]).decode() == desk.to_html()
    assert repr(link) == "Download('desk-break-handout.html')"
