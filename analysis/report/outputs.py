"""Writing the tables and figures behind a report page.

Every figure and table shown in a report is written here as CSV (and figures
also as PNG) under ``<output_dir>/data`` and ``<output_dir>/figures``, with a
deterministic format, so the same inputs give byte-identical files.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"output name {name!r}: use lower-case letters, digits, '_' or '-'")
    return name


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def csv_safe(value):
    """A text cell made safe to open in a spreadsheet: text starting with
    ``= + - @``, a tab or a carriage return gets a leading ``'`` (so
    ``=HYPERLINK(...)`` from an article's title stays text); a plain number
    such as ``-0.5`` or ``+3%`` is left as it is (a spreadsheet reads it as a
    number, never as a formula). Anything that is not a string is returned
    unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _cell(value):
    """:func:`csv_safe`, and a carriage return inside a text cell written as a
    line break (the csv module quotes a cell holding a line break but not one
    holding a lone carriage return, which a reader then takes for a row end)."""
    value = csv_safe(value)
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`csv_safe` applied to every text cell and column name
    (a copy only when something changes)."""
    out = None
    for i in range(df.shape[1]):
        s = df.iloc[:, i]
        if not (s.dtype == object or isinstance(s.dtype, (pd.StringDtype, pd.CategoricalDtype))):
            continue
        text = s.astype(object)
        touched = text.map(lambda v: isinstance(v, str) and (v.startswith(FORMULA_START) or "\r" in v))
        if touched.any():
            out = df.copy() if out is None else out
            out.isetitem(i, text.map(_cell))
    names = [csv_safe(c) if isinstance(c, str) else c for c in df.columns]
    if names != list(df.columns):
        out = (df.copy() if out is None else out).set_axis(names, axis=1)
    return df if out is None else out


def write_table(df: pd.DataFrame, name: str, output_dir: str | Path) -> Path:
    """Write ``df`` to ``<output_dir>/data/<name>.csv`` (UTF-8, no index, '\\n'
    line ends, floats with up to 6 significant decimals) and return the path.

    The one CSV writer of the report: every text cell and column name goes
    through :func:`csv_safe`, so a title or paragraph from an article cannot
    run as a formula in the spreadsheet that opens the file."""
    path = Path(output_dir) / "data" / f"{_check_name(name)}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    _neutralise(df).to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8")
    return path


def write_figure(fig, name: str, output_dir: str | Path, dpi: int = 110) -> Path:
    """Save a matplotlib figure as ``<output_dir>/figures/<name>.png`` (no
    timestamp metadata, so reruns give identical bytes) and return the path."""
    path = Path(output_dir) / "figures" / f"{_check_name(name)}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return path


class HTMLTable:
    """A DataFrame shown as an escaped HTML table in a notebook/report.

    Article text in a cell is escaped (``<script>`` shows as text). Only the
    first ``max_rows`` rows are shown; the CSV beside the report has them all.
    """

    def __init__(self, df: pd.DataFrame, max_rows: int = 30, caption: str = "", csv: str = ""):
        self.df, self.max_rows, self.caption, self.csv = df, max_rows, caption, csv

    def _repr_html_(self) -> str:
        import html

        shown = self.df.head(self.max_rows)
        body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="kit-table",
                             float_format=lambda x: f"{x:.3g}")
        notes = []
        if len(self.df) > self.max_rows:
            notes.append(f"showing {self.max_rows} of {len(self.df)} rows")
        if self.csv:
            notes.append(f'full table: <a href="{html.escape(self.csv)}">{html.escape(self.csv)}</a>')
        cap = f"<p class='kit-caption'><b>{html.escape(self.caption)}</b></p>" if self.caption else ""
        foot = f"<p class='kit-note'>{' · '.join(notes)}</p>" if notes else ""
        return f"<div class='kit-table-wrap'>{cap}{body}{foot}</div>"

    def __repr__(self) -> str:  # plain-text fallback (terminal, text export)
        return self.df.head(self.max_rows).to_string(index=False)


def publish_table(df: pd.DataFrame, name: str, output_dir: str | Path, caption: str = "",
                  max_rows: int = 30, show_columns: list[str] | None = None) -> HTMLTable:
    """Write ``df`` as ``data/<name>.csv`` and return it for display (escaped);
    ``show_columns`` narrows what the page shows (the CSV keeps every column).

    Use in a notebook as the last expression of a cell: ``publish_table(df, "x", output_dir)``.
    """
    write_table(df, name, output_dir)
    shown = df[show_columns] if show_columns else df
    return HTMLTable(shown, max_rows=max_rows, caption=caption, csv=f"data/{name}.csv")


def publish_figure(fig, table: pd.DataFrame, name: str, output_dir: str | Path):
    """Write the figure as ``figures/<name>.png`` and the table behind it as
    ``data/<name>.csv``; return the figure so the notebook displays it."""
    write_table(table, name, output_dir)
    write_figure(fig, name, output_dir)
    return fig
