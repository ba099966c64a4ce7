"""Writing the tables and figures behind a report page, and showing them.

Every figure and table shown in a report is written here as CSV (and figures
also as PNG) under ``<output_dir>/data`` and ``<output_dir>/figures``, with a
deterministic format, so the same inputs give byte-identical files.

What a page shows: a published table is an :class:`.tables.HTMLTable` (the
evidence widest, ids as links to the article view, long tables collapsed and
interactive); a published figure is a :class:`FigureOutput`, shown once, as the
PNG that was written, with its caption as alt text.
"""
from __future__ import annotations

import base64
import re
from pathlib import Path

import pandas as pd

from .paths import project_path
from .tables import ID_COLUMNS, LOCATOR_COLUMNS, HTMLTable

_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"output name {name!r}: use lower-case letters, digits, '_' or '-'")
    return name


# ------------------------------------------------------------------ writing

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


#: Tables with more rows than this are written gzip-compressed (``.csv.gz``)
#: when ``write_table`` is left to decide; figure tables are always plain CSV.
LARGE_TABLE_ROWS = 20_000


def table_path(output_dir: str | Path, name: str) -> Path:
    """Where table ``name`` was written: ``data/<name>.csv`` or ``data/<name>.csv.gz``."""
    plain = project_path(output_dir) / "data" / f"{name}.csv"
    packed = plain.with_name(plain.name + ".gz")
    return packed if packed.is_file() and not plain.is_file() else plain


def write_table(df: pd.DataFrame, name: str, output_dir: str | Path, compress: bool | None = None) -> Path:
    """Write ``df`` to ``<output_dir>/data/<name>.csv`` (UTF-8, no index, '\\n'
    line ends, floats with up to 6 significant decimals) and return the path.
    A relative ``output_dir`` is taken from the project root.

    The one CSV writer of the report: every text cell and column name goes
    through :func:`csv_safe`, so a title or paragraph from an article cannot
    run as a formula in the spreadsheet that opens the file.

    ``compress``: write ``<name>.csv.gz`` instead (gzip with a zero timestamp,
    so the bytes stay the same from run to run); ``None`` (the default)
    compresses tables of more than :data:`LARGE_TABLE_ROWS` rows, so a large
    corpus's ``data/`` stays a manageable size."""
    if compress is None:
        compress = len(df) > LARGE_TABLE_ROWS
    path = project_path(output_dir) / "data" / f"{_check_name(name)}.csv{'.gz' if compress else ''}"
    path.parent.mkdir(parents=True, exist_ok=True)
    _neutralise(df).to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8",
                           compression={"method": "gzip", "mtime": 0, "compresslevel": 6} if compress else None)
    return path


#: The dpi figures are written (and shown) at; text of ``MIN_TEXT_PT`` points
#: is then MIN_TEXT_PT * DPI / 72 pixels on the page.
DPI = 110
#: The widest a figure should be, in pixels at ``DPI``: the report's text column
#: at a 1400 px window. A wider figure is scaled down and its text shrinks.
PAGE_WIDTH_PX = 1060
#: The smallest text a figure may carry, in CSS pixels as shown.
MIN_TEXT_PX = 9.0


def figure_text_px(fig, dpi: int = DPI) -> float:
    """The size, in pixels at ``dpi``, of the smallest visible text in ``fig``
    (titles, labels, tick labels, cell annotations, legends); inf with none."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) * dpi / 72 if sizes else float("inf")


def figure_description(fig) -> str:
    """A description of ``fig`` from its own words: the figure title, then each
    panel's title and axis labels (used as alt text when no caption is given)."""
    parts = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        parts.append(sup.get_text().strip())
    for ax in fig.get_axes():
        if not ax.get_visible():
            continue
        bits = [t for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t.strip()]
        axes = [lab for lab in (ax.get_xlabel(), ax.get_ylabel()) if lab.strip()]
        if axes:
            bits.append("axes: " + " / ".join(axes))
        if bits:
            parts.append("; ".join(bits))
    text = ". ".join(dict.fromkeys(" ".join(p.split()) for p in parts))
    return text


def _render_png(fig, dpi: int, metadata: dict) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None, **metadata})
    return buf.getvalue()


def write_figure(fig, name: str, output_dir: str | Path, dpi: int = DPI, alt: str = "") -> Path:
    """Save a matplotlib figure as ``<output_dir>/figures/<name>.png`` (no
    timestamp metadata, so reruns give identical bytes) and return the path.
    The PNG carries its description (``Description``) and the size of its
    smallest text in pixels (``kit:min-text-px``), which the tests read."""
    path = project_path(output_dir) / "figures" / f"{_check_name(name)}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_render_png(fig, dpi, _png_metadata(fig, dpi, alt)))
    return path


def _png_metadata(fig, dpi: int, alt: str) -> dict:
    return {"Description": alt or figure_description(fig), "kit:min-text-px": f"{figure_text_px(fig, dpi):.1f}"}


class FigureOutput:
    """A published figure as a notebook shows it: the PNG that was written
    (so the page and the file are the same picture), its caption as alt text,
    and the CSV behind it. Displayed once, in JupyterLab as in the report."""

    def __init__(self, png: bytes, alt: str, name: str, csv: str = "", caption: str = ""):
        self.png, self.alt, self.name, self.csv, self.caption = png, alt, name, csv, caption

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the PNG in pixels."""
        import struct

        return struct.unpack(">II", self.png[16:24])

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/png": base64.b64encode(self.png).decode("ascii"),
                "text/plain": f"<figure {self.name}: {self.alt}>"}
        meta = {"image/png": {"alt": self.alt}, "kit": {"figure": self.name, "csv": self.csv,
                                                         "caption": self.caption}}
        return data, meta

    def __repr__(self) -> str:
        return f"<figure {self.name}: {self.alt}>"


def publish_figure(fig, table: pd.DataFrame, name: str, output_dir: str | Path, caption: str = "",
                   dpi: int = DPI) -> FigureOutput:
    """Write the figure as ``figures/<name>.png`` and the table behind it as
    ``data/<name>.csv``; return what the notebook displays (the same PNG, with
    ``caption`` — or the figure's own title and axis labels — as alt text).
    The matplotlib figure is closed, so a live kernel shows it once."""
    import matplotlib.pyplot as plt

    write_table(table, name, output_dir, compress=False)   # a figure's table stays plain CSV
    alt = " ".join((caption or figure_description(fig) or f"Figure {name}").split())
    png = _render_png(fig, dpi, _png_metadata(fig, dpi, alt))
    path = project_path(output_dir) / "figures" / f"{_check_name(name)}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    plt.close(fig)
    return FigureOutput(png, alt, name, csv=f"data/{name}.csv", caption=caption)


# ------------------------------------------------------------------ showing tables


def publish_table(df: pd.DataFrame, name: str, output_dir: str | Path, caption: str = "",
                  max_rows: int | None = None, show_columns: list[str] | None = None,
                  evidence: list[str] | None = None, hide: list[str] | None = None,
                  mode: str = "auto") -> HTMLTable:
    """Write ``df`` as ``data/<name>.csv`` (every row and column) and return it
    for display (escaped; see :class:`HTMLTable` for what the page shows):
    ``show_columns`` narrows what the page shows, ``evidence`` names the text
    columns, ``hide`` drops columns from the page, ``mode`` says how it is
    shown (``"csv"``: only a line naming the CSV; ``"appendix"``: collapsed at
    the end of the page), ``max_rows`` the rows per screen of a long table.

    Use in a notebook as the last expression of a cell: ``publish_table(df, "x", output_dir)``.
    """
    path = write_table(df, name, output_dir)
    if show_columns:
        keep = list(show_columns) + [c for c in (*ID_COLUMNS, "start", "end", "verb_start", "verb", "partner")
                                     if c in df.columns and c not in show_columns]
        shown = df[keep]
        hide = list(hide or []) + [c for c in keep if c not in show_columns and c not in ID_COLUMNS
                                   and c not in LOCATOR_COLUMNS]
    else:
        shown = df
    return HTMLTable(shown, max_rows=max_rows, caption=caption, csv=f"data/{path.name}", evidence=evidence,
                     hide=hide, mode=mode)
