"""What a notebook's tables write to disk and show on the page."""
from __future__ import annotations

import pandas as pd

from analysis.report.outputs import publish_table


def test_csv_keeps_every_column_page_shows_the_chosen_ones_escaped(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "title": ["<script>alert(1)</script>"], "path": ["/tmp/a.txt"]})
    shown = publish_table(df, "documents", tmp_path, show_columns=["doc_id", "title"])
    assert (tmp_path / "data" / "documents.csv").read_text(encoding="utf-8").splitlines()[0] == "doc_id,title,path"
    page = shown._repr_html_()
    assert "/tmp/a.txt" not in page and "<th>path</th>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert 'href="data/documents.csv"' in page
