"""The index page of a report: the corpus at a glance, the sections and the summary."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .render import footer_rows
from .spec import TEMPLATES

# -------------------------------------------------------------------------- index


def corpus_summary(report_dir: str | Path, top: int = 12) -> dict | None:
    """Cards and breakdowns for the index page, read from ``data/documents.csv``
    (and ``data/segments.csv`` for boilerplate when present); None when absent."""
    import pandas as pd

    report_dir = Path(report_dir)
    path = report_dir / "data" / "documents.csv"
    if not path.is_file():
        return None
    docs = pd.read_csv(path, dtype=str, keep_default_na=False)
    cards = [{"label": "documents", "value": str(len(docs))}]
    if "date" in docs:
        dates = sorted(d for d in docs["date"] if d)
        if dates:
            cards.append({"label": "date range", "value": dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"})
        missing = int((docs["date"] == "").sum())
        if missing:
            cards.append({"label": "without a date", "value": str(missing)})
    if "outlet" in docs:
        cards.append({"label": "outlets", "value": str(docs["outlet"].nunique())})
    if "n_words" in docs:
        words = pd.to_numeric(docs["n_words"], errors="coerce").fillna(0).sum()
        cards.append({"label": "words (excluding boilerplate)", "value": f"{int(words):,}"})
    if "duplicate_of" in docs:
        cards.append({"label": "near-duplicate documents", "value": str(int((docs["duplicate_of"] != "").sum()))})
    seg_path = report_dir / "data" / "segments.csv"
    if seg_path.is_file():
        segs = pd.read_csv(seg_path, dtype=str, keep_default_na=False)
        if "boilerplate" in segs:
            n = int(segs["boilerplate"].str.lower().isin(["true", "1"]).sum())
            cards.append({"label": "boilerplate paragraphs", "value": str(n)})
        if "duplicate_of" in segs:
            dup = segs["duplicate_of"] != ""
            if "unit" in segs:      # a headline's copies above photos are no near-duplicate paragraphs
                dup &= segs["unit"] != "headline"
            n = int(dup.sum())
            cards.append({"label": "near-duplicate paragraphs (counted once)", "value": str(n)})
    breakdowns = []
    for col, caption in (("outlet", "Documents by outlet"), ("partner", "Documents by partner"),
                         ("year", "Documents by year")):
        if col == "year" and "date" in docs:
            values = docs["date"].str[:4].replace("", "unknown")
        elif col in docs:
            values = docs[col].replace("", "unknown")
        else:
            continue
        counts = values.value_counts()
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable") if col != "year" else counts.sort_index()
        breakdowns.append((caption, [(str(k), int(v)) for k, v in counts.head(top).items()]))
    return {"cards": cards, "breakdowns": breakdowns}


_DATA_LINK = re.compile(r"^data/[A-Za-z0-9_\-]+\.csv$")


def _table_html(path: Path, max_rows: int = 40) -> str:
    """An escaped HTML table of a CSV; a cell that names one of the report's
    own ``data/*.csv`` files becomes a link to it (nothing else is linked)."""
    import html

    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False).head(max_rows)
    df.columns = [html.escape(str(c)) for c in df.columns]
    formatters = {c: (lambda v: f'<a href="{v}">{v}</a>' if _DATA_LINK.match(v) else html.escape(v))
                  for c in df.columns}
    return df.to_html(index=False, escape=False, border=0, classes="kit-table", formatters=formatters)


def write_index(report_dir: str | Path, pages: list[dict], manifest: dict, title: str) -> Path:
    """Write ``index.html``: what the report is, the corpus at a glance, links
    to every section page, the framing summary table when notebook 04 wrote
    ``data/framing_summary.csv``, and the parameters. Everything escaped."""
    import jinja2
    from markupsafe import Markup

    report_dir = Path(report_dir)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    framing = report_dir / "data" / "framing_summary.csv"
    params = [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for k, v in manifest["parameters"].items()]
    for stem, over in manifest.get("notebook_parameters", {}).items():
        for k, v in over.items():
            params.append((f"{stem}.{k}", v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)))
    text = env.get_template("report_index.html.j2").render(
        title=title,
        css=Markup((TEMPLATES / "kit" / "static" / "kit.css").read_text(encoding="utf-8")),
        pages=pages,
        corpus=corpus_summary(report_dir),
        framing_table=Markup(_table_html(framing)) if framing.is_file() else None,
        notes=manifest.get("notes", []),
        params=params,
        footer_rows=footer_rows(manifest),
    )
    out = report_dir / "index.html"
    out.write_text(text, encoding="utf-8")
    return out
