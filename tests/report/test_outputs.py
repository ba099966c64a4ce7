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


def test_csv_cells_that_a_spreadsheet_would_run_stay_text(tmp_path):
    import csv

    from analysis.report.outputs import write_table

    df = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e", "f", "g"],
        "title": ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain"],
        "delta": ["-0.5", "+3%", "-", "1e5", "=1", "- 2", "ok"],   # text columns that hold numbers too
        "share": [-0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6],            # a number column is never touched
        "=owner": ["x"] * 7,                                    # a header from config (a partner key)
    })
    path = write_table(df, "documents", tmp_path)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["doc_id", "title", "delta", "share", "'=owner"]
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+cmd|' /C calc'!A0", "'-2+3",
                                        "'@SUM(A1)", "'\tx", "'\nx", "plain"]
    # plain numbers written as text are left alone (a spreadsheet reads them as numbers, not formulas)
    assert [r[2] for r in rows[1:]] == ["-0.5", "+3%", "'-", "1e5", "'=1", "'- 2", "ok"]
    assert rows[1][3] == "-0.5"
    assert df["title"].iloc[0].startswith("="), "the caller's frame is not changed"


def test_a_dollar_sign_in_a_label_is_drawn_as_text_not_mathtext():
    import io

    from analysis.plots.framing import salience_dots

    table = pd.DataFrame({"level": ["paragraph"], "partner": ["us"], "theme": ["oda"], "share": [0.5],
                          "ci_low": [0.2], "ci_high": [0.8], "k": [1], "n": [2], "ci": [0.95]})
    fig = salience_dots(table, ["us"], ["oda"], {"oda": "loans of $5^$ or more (x_1)"})
    fig.savefig(io.BytesIO(), format="png")      # mathtext fails here: "$5^$" is not a formula
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["loans of $5^$ or more (x_1)"]


def test_large_tables_are_gzipped_with_stable_bytes_figure_tables_stay_csv(tmp_path):
    import gzip

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.report.outputs import LARGE_TABLE_ROWS, publish_figure, table_path, write_table

    big = pd.DataFrame({"seg_id": [f"d:p{i:06d}" for i in range(LARGE_TABLE_ROWS + 1)], "n": 1})
    path = write_table(big, "segments", tmp_path)
    assert path.name == "segments.csv.gz" and table_path(tmp_path, "segments") == path
    first = path.read_bytes()
    assert gzip.decompress(first).decode("utf-8").splitlines()[0] == "seg_id,n"
    assert pd.read_csv(path)["seg_id"].tolist() == big["seg_id"].tolist()
    write_table(big, "segments", tmp_path)
    assert path.read_bytes() == first          # gzip header without a timestamp: same bytes each run
    small = big.head(LARGE_TABLE_ROWS)
    assert write_table(small, "small", tmp_path).name == "small.csv"
    assert write_table(small, "forced", tmp_path, compress=True).name == "forced.csv.gz"
    fig, ax = plt.subplots()
    publish_figure(fig, big, "big_figure", tmp_path)   # the table behind a figure: always plain CSV
    plt.close(fig)
    assert (tmp_path / "data" / "big_figure.csv").is_file()
    shown = publish_table(big, "listed", tmp_path)
    assert 'href="data/listed.csv.gz"' in shown._repr_html_()
