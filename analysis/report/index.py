"""The pages the kit writes itself: the index (the brief, the sections, the
corpus at a glance, the parameters and manifest once at the end), the
evidence behind the brief, and (through :mod:`.articles`) the article view."""
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
    from .outputs import table_path

    seg_path = table_path(report_dir, "segments")
    if seg_path.is_file():
        head = pd.read_csv(seg_path, dtype=str, keep_default_na=False, nrows=0)
        segs = pd.read_csv(seg_path, dtype=str, keep_default_na=False,
                           usecols=[c for c in ("boilerplate", "duplicate_of", "unit") if c in head])
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

    from .outputs import table_path

    df = pd.read_csv(path, dtype=str, keep_default_na=False).head(max_rows)
    df.columns = [html.escape(str(c)) for c in df.columns]

    def link(v: str) -> str:  # to the file as written (a large table is data/<name>.csv.gz)
        return "data/" + table_path(path.parent.parent, v[5:-4]).name

    formatters = {c: (lambda v: f'<a href="{link(v)}">{v}</a>' if _DATA_LINK.match(v) else html.escape(v))
                  for c in df.columns}
    return df.to_html(index=False, escape=False, border=0, classes="kit-table", formatters=formatters)


def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def index_rows(manifest: dict) -> list[tuple[str, str]]:
    """The parameters and manifest shown once, at the end of the index: the
    footer rows of every page plus each notebook's own parameters."""
    rows = footer_rows(manifest)
    for stem, over in manifest.get("notebook_parameters", {}).items():
        for k, v in over.items():
            rows.append((f"{stem}.{k}", v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)))
    return rows


def page_renderer(pages: list[dict], manifest: dict, title: str):
    """``render(content, page_title, base, current, toc, datatables=False)``:
    a page of the report's own layout (templates/page.html.j2) around
    ``content`` (safe HTML)."""
    from markupsafe import Markup

    from .render import datatables_assets, kit_script

    env = _env()
    css = Markup((TEMPLATES / "kit" / "static" / "kit.css").read_text(encoding="utf-8"))
    kit_js = Markup(kit_script())
    rows = index_rows(manifest)

    def render(content, page_title: str, base: str = "", current: str = "", toc="", datatables: bool | None = None,
               template: str = "page_content.html.j2", **extra) -> str:
        if datatables is None:
            datatables = "kit-dt" in str(content)
        assets = datatables_assets() if datatables else {}
        return env.get_template(template).render(
            title=title, page_title=page_title, base=base, current=current, toc=Markup(toc), pages=pages,
            css=css, kit_js=kit_js, footer_rows=rows, content=content, body_class=extra.pop("body_class", ""),
            datatables_js_b64=assets.get("js_b64", ""), datatables_css=Markup(assets.get("css", "")),
            datatables_version=assets.get("version", ""), **extra)

    return render


def _actors(manifest: dict, partners_path=None):
    """The partners of the run (partners.yaml with the run's selection), or None.
    ``partners_path`` is the file the run read; without it, the manifest's path
    (as a shared report shows it: relative to the project root)."""
    from ..config import load_actors
    from .paths import project_path

    params = manifest.get("parameters", {})
    path = partners_path or project_path(params.get("partners_path"))
    try:
        return load_actors(path).select(list(params.get("partners") or []))
    except Exception:  # noqa: BLE001 - the index is written even when the config moved away
        return None


def _headline(report_dir: Path, brief: dict, actors) -> dict | None:
    """Draw, write and return the brief's headline figure (PNG as base64, alt text)."""
    import base64

    from ..plots.brief import headline_figure
    from .outputs import publish_figure

    table = brief["headline"]
    if table is None or table.empty:
        return None
    unit = str(table["unit"].iloc[0])
    caption = (f"The main themes: share of each partner's {unit}s where the theme comes up, "
               + "; ".join(f"{r.label}, {brief['partner_labels'].get(r.partner, r.partner)} {r.k} of {r.n}"
                           for r in table.itertuples(index=False)))
    fig = headline_figure(table, actors.partner_keys, brief["partner_labels"])
    out = publish_figure(fig, table, "brief_headline", report_dir, caption=caption)
    return {"b64": base64.b64encode(out.png).decode("ascii"), "alt": out.alt,
            "caption": f"Main themes per partner: k of n {unit}s"}


def write_index(report_dir: str | Path, pages: list[dict], manifest: dict, title: str,
                partners_path: str | Path | None = None) -> Path:
    """Write ``index.html`` (the brief: findings with their counts linked to
    ``evidence.html``, the caveats, one headline figure; then the sections, the
    corpus at a glance, the framing summary collapsed, and the parameters and
    manifest once, at the end), ``evidence.html`` and the article view
    (``articles/``). Everything escaped."""
    from markupsafe import Markup

    from .articles import write_articles
    from .brief import build_brief, caveats, evidence_html

    report_dir = Path(report_dir)
    render = page_renderer(pages, manifest, title)
    actors = _actors(manifest, partners_path)
    brief = build_brief(report_dir, manifest.get("parameters", {}), actors) if actors is not None else None
    findings = brief["findings"] if brief else []
    headline = _headline(report_dir, brief, actors) if brief else None
    notes = [Markup.escape(n) for n in manifest.get("notes", [])]
    cav = [Markup(c) for c in caveats(report_dir, actors, brief["paragraphs"], brief["noun"],
                                      brief["partner_labels"])] if brief else []
    if brief:
        (report_dir / "evidence.html").write_text(
            render(Markup(evidence_html(findings, report_dir, brief["paragraphs"])), f"Evidence · {title}"),
            encoding="utf-8")
    write_articles(report_dir, lambda content, page_title, base, current, toc: render(
        content, f"{page_title} · {title}", base, current, toc))
    corpus = corpus_summary(report_dir)
    framing = report_dir / "data" / "framing_summary.csv"
    docs = corpus["cards"][0]["value"] if corpus else "?"
    dates = next((c["value"] for c in (corpus or {}).get("cards", []) if c["label"] == "date range"), "")
    names = list(brief["partner_labels"].values()) if brief else []
    partners = names[0] if len(names) == 1 else (", ".join(names[:-1]) + " and " + names[-1] if names else "")
    lede = (f"{docs} articles{f' ({dates})' if dates else ''} on the meetings of "
            f"{actors.home.label if actors else 'the home country'} with {partners or 'its partners'}: "
            "the findings below are counted from the text, and every count links to the paragraphs behind it.")
    toc = ("<ol class='kit-sections-toc'><li><a href='#brief'>What the articles say</a></li>"
           "<li><a href='#caveats'>Before you quote it</a></li><li><a href='#sections'>The sections</a></li>"
           "<li><a href='#corpus'>The corpus at a glance</a></li></ol>")
    text = render(None, title, "", "index", toc, datatables=False, template="report_index.html.j2",
                  lede=lede, findings=[{"key": f.key, "html": Markup(f.html)} for f in findings], caveats=cav,
                  notes=notes, headline=headline, corpus=corpus,
                  framing_table=Markup(_table_html(framing)) if framing.is_file() else None)
    out = report_dir / "index.html"
    out.write_text(text, encoding="utf-8")
    return out
