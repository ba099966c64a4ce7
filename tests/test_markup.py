"""Values from articles and config files shown on a page: what ``md_escape``
makes of them once nbconvert has rendered the Markdown to HTML, as the report
does (``analysis.report.render``)."""
from __future__ import annotations

import html

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from analysis.framing import partners_note
from analysis.markup import md_code, md_escape
from analysis.report.render import render_notebook

HOSTILE_LABEL = "[x](javascript:alert(1)) ![](http://example.com/p.png)"


def rendered(tmp_path, markdown: str) -> str:
    """The HTML page the report makes of a cell that displays ``markdown``."""
    nb = new_notebook(cells=[new_code_cell("display(Markdown(note))", outputs=[
        new_output("display_data", data={"text/markdown": markdown, "text/plain": "<Markdown>"})])])
    src = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(src))
    out = render_notebook(src, tmp_path / "nb.html", {"title": "t", "report_name": "r", "notebook": "nb.ipynb",
                                                      "pages": [], "footer_rows": []})
    html = out.read_text(encoding="utf-8")
    body = html[html.index('<main class="kit-main'):html.index("</main>")]
    return body.split("<footer")[0]           # the cell's output, not the kit's own footer links


def test_markdown_link_and_image_in_a_partner_label_stay_text(tmp_path):
    # the label of issue 14: before, it became a javascript: link and an image fetched from the network
    page = rendered(tmp_path, partners_note(["us", "jp"], {"us": HOSTILE_LABEL, "jp": "Japan"}))
    assert "<a " not in page and "<img" not in page and "href=" not in page and "src=" not in page
    # the reader sees the characters as typed, as text
    assert HOSTILE_LABEL in html.unescape(page)


@pytest.mark.parametrize("value, forbidden", [
    ("<img src=x onerror=alert(2)>", "<img"),
    ("a | b", "<td>b"),          # not a cell of its own
    ("**bold** _it_ `code`", "<strong>"),
    ("**bold** _it_ `code`", "<code>"),
    ("# heading", "<h1"),
    ("$x^2$ costs $5", "<span class=\"math"),
    ("see https://example.com or www.example.com", "<a "),
    ("write to someone@example.com", "<a "),
    ("line one\n\n# two\n    code", "<h1"),
])
def test_markdown_syntax_in_a_value_is_not_read_as_syntax(tmp_path, value, forbidden):
    page = rendered(tmp_path, f"| partner | note |\n|---|---|\n| x | {md_escape(value)} |\n")
    assert page.count("<td>") == 2 and page.count("<th>") == 2, page      # still one row of two cells
    assert forbidden not in page, page
    assert " ".join(value.split()) in html.unescape(page)


def test_a_value_in_code_type_cannot_end_its_code_span(tmp_path):
    page = rendered(tmp_path, f"No gold labelling at {md_code('gold`<b>x</b>`.csv')}.")
    assert "<b>" not in page and page.count("<code>") == 1
    assert "gold`<b>x</b>`.csv" in html.unescape(page)


def test_md_escape_squashes_white_space_and_keeps_plain_words():
    assert md_escape("Hà Nội\n  talks") == "Hà Nội talks"
    assert md_escape(3) == "3"
