"""The article view: one page per article (``articles/<doc_id>.html``) showing
the text as the report read it, and ``articles/index.html`` listing them.

Each page gives the headline, the dates and the outlet with the evidence they
were read from, then every paragraph with its number (as in its id), its
partner and the rule that decided it, its boilerplate and near-duplicate
flags, the theme hits marked in the text, relationship labels, and for each
reporting verb its speaker and verb class. Every paragraph, sentence and hit
has an id (``seg_id``, ``sent_id``, ``hit_id``), so an evidence row elsewhere in
the report links straight to it (:func:`analysis.report.tables.article_href`).

Everything is read from the report's own ``data/*.csv`` (documents, segments,
sentences, theme_hits, agency, relationship_labels, codebook_themes): the view
shows exactly what the pages counted. A table that a run did not write is
simply not marked. All text is escaped.
"""
from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from .tables import HTMLTable, short_names, unit_label

#: outer to inner: how marks nest when they overlap
_ORDER = {"label": 0, "speaker": 1, "hit": 2, "verb": 3}


def read_data(report_dir: str | Path, name: str) -> pd.DataFrame | None:
    """``data/<name>.csv`` (or ``.csv.gz``, as a large table is written) of a
    report as strings (empty cells ""); None when absent or written with no columns."""
    from .outputs import table_path

    path = table_path(report_dir, name)
    if not path.is_file():
        return None
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:   # an empty table written without a header
        return None


def _int(v, default=None):
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return default


def _truthy(v) -> bool:
    return str(v).strip().lower() in ("true", "1", "yes")


def marked_text(text: str, spans: list[dict]) -> str:
    """``text`` escaped, with ``spans`` (``start``, ``end``, ``kind``,
    ``attrs``: dict of HTML attributes, ``id``) nested as ``<mark>``/``<span>``
    elements; an element split by an overlapping one keeps its id on its first
    piece only."""
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    points = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out, used = [], set()
    for a, b in zip(points, points[1:]):
        piece = html.escape(text[a:b])
        active = sorted((s for s in spans if s["start"] <= a and s["end"] >= b),
                        key=lambda s: (_ORDER.get(s["kind"], 9), s["start"]), reverse=True)
        for s in active:
            tag = "mark" if s["kind"] == "hit" else "span"
            attrs = dict(s.get("attrs", {}))
            key = id(s)
            if s.get("id") and key not in used:
                attrs["id"] = s["id"]
                used.add(key)
            attr_html = "".join(f' {k}="{html.escape(str(v))}"' for k, v in attrs.items())
            piece = f"<{tag}{attr_html}>{piece}</{tag}>"
        out.append(piece)
    return "".join(out)


def _speaker_span(sentence: str, speaker: str, verb_at: int) -> tuple[int, int] | None:
    """Where the speaker's words stand in the sentence: the last occurrence
    before the verb, else the first after it (a post-posed speaker)."""
    if not speaker or speaker.lower() in ("", "unknown"):
        return None
    i = sentence.rfind(speaker, 0, max(verb_at, 0))
    if i < 0:
        i = sentence.find(speaker, max(verb_at, 0))
    return (i, i + len(speaker)) if i >= 0 else None


class ArticleData:
    """The report's tables the article view needs, grouped for quick lookup."""

    def __init__(self, report_dir: str | Path):
        self.documents = read_data(report_dir, "documents")
        self.segments = read_data(report_dir, "segments")
        sentences = read_data(report_dir, "sentences")
        hits = read_data(report_dir, "theme_hits")
        agency = read_data(report_dir, "agency")
        labels = read_data(report_dir, "relationship_labels")
        themes = read_data(report_dir, "codebook_themes")
        self.theme_labels = dict(zip(themes["theme"], themes["label"])) if themes is not None else {}
        self.sentences = self._group(sentences, "seg_id")
        self.hits = self._group(hits, "seg_id")
        self.verbs = self._group(agency, "sent_id")
        self.labels = self._group(labels, "sent_id")
        self.hits_per_doc = (hits.groupby("doc_id")["theme"].agg(list).to_dict()
                             if hits is not None and len(hits) else {})
        ids = self.documents["doc_id"] if self.documents is not None else []
        self.names = short_names(ids)

    @staticmethod
    def _group(df: pd.DataFrame | None, key: str) -> dict[str, pd.DataFrame]:
        if df is None or key not in df.columns or df.empty:
            return {}
        return {k: g for k, g in df.groupby(key, sort=False)}

    @property
    def ok(self) -> bool:
        return self.documents is not None and self.segments is not None


def _meta_rows(doc: pd.Series) -> list[tuple[str, str, str]]:
    """(label, value, evidence) of what is known about an article."""
    get = lambda c: str(doc.get(c, "") or "")  # noqa: E731
    rows = [("headline", get("title"), f"from the {get('title_source')}" if get("title_source") else "")]
    for col, label in (("published", "published"), ("event_date", "date of the meeting")):
        if col in doc.index:
            src = " · ".join(x for x in (get(f"{col}_source"), get(f"{col}_evidence")) if x)
            rows.append((label, get(col) or "unknown", src))
    src = " · ".join(x for x in (get("date_source"), get("date_evidence")) if x)
    rows.append(("date used for counts", get("date") or "unknown", src))
    rows.append(("outlet", get("outlet") or "unknown", f"read from “{get('outlet_source')}”" if get("outlet_source") else
                 "no signature found"))
    if get("dateline"):
        rows.append(("dateline", get("dateline"), ""))
    rows.append(("partners named", get("partners").replace(";", ", ") or "none", f"article partner: {get('partner')}"))
    if get("event_ids"):
        rows.append(("meetings", get("event_ids").replace(";", ", "), ""))
    if get("duplicate_of"):
        rows.append(("copies", get("duplicate_of"), "this article near-duplicates that one as a whole"))
    rows.append(("words", get("n_words"), f"in {get('n_paragraphs')} content paragraphs (boilerplate left out)"))
    return rows


def paragraph_html(seg: pd.Series, data: ArticleData) -> str:
    """One paragraph of the article view: number, marked text, flags."""
    seg_id, text = str(seg["seg_id"]), str(seg["text"])
    spans, side_notes = [], []
    for h in (data.hits.get(seg_id, pd.DataFrame()).itertuples(index=False)):
        a, b = _int(h.start), _int(h.end)
        if a is None or b is None:
            continue
        label = data.theme_labels.get(h.theme, h.theme)
        spans.append({"start": a, "end": b, "kind": "hit", "id": h.hit_id,
                      "attrs": {"class": "kit-hit", "data-theme": h.theme, "title": f"{label} (pattern: {h.pattern})"}})
    sents = data.sentences.get(seg_id)
    pieces, pos = [], 0
    rows = list(sents.itertuples(index=False)) if sents is not None else []
    for s in rows:
        a, b = _int(s.start, 0), _int(s.end, 0)
        inner = [dict(sp, start=sp["start"] - a, end=sp["end"] - a) for sp in spans if a <= sp["start"] and sp["end"] <= b]
        stext = text[a:b]
        for v in (data.verbs.get(s.sent_id, pd.DataFrame()).itertuples(index=False)):
            at = _int(v.verb_start)
            if at is not None:
                inner.append({"start": at, "end": at + len(v.verb), "kind": "verb",
                              "attrs": {"class": "kit-verb", "data-class": v.verb_class,
                                        "title": f"{v.verb_class}: {v.speaker_text or 'unknown speaker'} ({v.speaker_side})"}})
                sp = _speaker_span(stext, str(v.speaker_text), at)
                if sp:
                    inner.append({"start": sp[0], "end": sp[1], "kind": "speaker",
                                  "attrs": {"class": "kit-speaker", "title": f"speaker, side: {v.speaker_side}"}})
            side_notes.append(f"<span class='kit-flag'>{html.escape(str(v.speaker_text) or 'unknown')} "
                              f"<i>({html.escape(str(v.speaker_side))})</i>: <b>{html.escape(str(v.verb_class))}</b> "
                              f"“{html.escape(str(v.verb))}”</span>")
        for lab in (data.labels.get(s.sent_id, pd.DataFrame()).itertuples(index=False)):
            la, lb = _int(lab.start), _int(lab.end)
            if la is not None and lb is not None:
                inner.append({"start": la, "end": lb, "kind": "label",
                              "attrs": {"class": "kit-label", "title": f"relationship label: {lab.label} ({lab.partner})"}})
        pieces.append(html.escape(text[pos:a]))
        pieces.append(f"<span class='kit-sent' id='{html.escape(str(s.sent_id))}'>{marked_text(stext, inner)}</span>")
        pos = b
    if rows:
        pieces.append(html.escape(text[pos:]))
        body = "".join(pieces)
    else:
        body = marked_text(text, spans)
    flags = []
    partner, source = str(seg.get("partner", "")), str(seg.get("partner_source", ""))
    if partner:
        flags.append(f"<span class='kit-flag' title='decided by: {html.escape(source)}'>partner: "
                     f"{html.escape(partner)} <i>({html.escape(source)})</i></span>")
    if str(seg.get("unit", "")) == "headline":
        flags.append("<span class='kit-flag kit-head'>headline</span>")
    boiler = _truthy(seg.get("boilerplate", ""))
    if boiler:
        flags.append(f"<span class='kit-flag kit-bp'>boilerplate: {html.escape(str(seg.get('boilerplate_kind', '')))}"
                     " (not counted)</span>")
    dup = str(seg.get("duplicate_of", ""))
    if dup:
        sim = seg.get("dup_similarity", "")
        href = f"{quote(dup.split(':')[0], safe='')}.html#{quote(dup, safe=':')}"
        flags.append(f"<span class='kit-flag kit-dup'>repeats <a href='{html.escape(href)}'>"
                     f"{html.escape(unit_label(dup, data.names))}</a>"
                     f"{f' ({float(sim):.2f})' if sim not in ('', None) else ''}; counted once</span>")
    if str(seg.get("event_id", "")):
        flags.append(f"<span class='kit-flag'>meeting {html.escape(str(seg['event_id']))}</span>")
    themes = list(dict.fromkeys(sp["attrs"]["data-theme"] for sp in spans))
    flags += [f"<span class='kit-flag kit-theme'>{html.escape(data.theme_labels.get(t, t))}</span>" for t in themes]
    cls = "kit-para" + (" kit-is-bp" if boiler else "")
    num = _int(seg.get("para"), 0)
    return (f"<div class='{cls}' id='{html.escape(seg_id)}'><div class='kit-pnum'><a href='#{html.escape(seg_id)}' "
            f"title='{html.escape(seg_id)}'>¶{num}</a></div><div class='kit-ptext'>{body}</div>"
            f"<div class='kit-flags'>{''.join(flags)}{''.join(side_notes)}</div></div>")


LEGEND = ("<p class='kit-legend'>¶ numbers are the paragraph numbers of the ids (¶3 = <code>…:p003</code>; "
          "an evidence row's <code>¶3.1</code> is that paragraph's first sentence). "
          "<mark class='kit-hit'>theme hit</mark> · <span class='kit-speaker'>speaker</span> "
          "<span class='kit-verb'>reporting verb</span> (underline: red request, green pledge, blue other) · "
          "<span class='kit-label'>relationship label</span>. Grey paragraphs are boilerplate, not counted; "
          "hits are marked only in the paragraphs that were counted.</p>")


def article_body(doc: pd.Series, segs: pd.DataFrame, data: ArticleData, prev_next: tuple[str, str]) -> str:
    """The article view of one article (HTML, escaped)."""
    nav = " · ".join(x for x in (
        f"<a href='{html.escape(quote(prev_next[0], safe=''))}.html'>← previous article</a>" if prev_next[0] else "",
        "<a href='index.html'>all articles</a>",
        f"<a href='{html.escape(quote(prev_next[1], safe=''))}.html'>next article →</a>" if prev_next[1] else "") if x)
    meta = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}"
                   f"{f' <span class=kit-evidence>({html.escape(e)})</span>' if e else ''}</dd>"
                   for k, v, e in _meta_rows(doc))
    paras = "\n".join(paragraph_html(s, data) for _, s in segs.iterrows())
    doc_id = str(doc["doc_id"])
    return (f"<article class='kit-article'><p class='kit-note'>{nav}</p>"
            f"<h1>{html.escape(str(doc.get('title', '')) or doc_id)}</h1>"
            f"<p class='kit-note'>Article <code>{html.escape(doc_id)}</code> "
            f"(short name {html.escape(data.names.get(doc_id, doc_id))})</p>"
            f"<dl class='kit-meta'>{meta}</dl>{LEGEND}<section class='kit-paras'>{paras}</section></article>")


def articles_index_table(data: ArticleData) -> HTMLTable:
    """The list of articles with what was coded in each, for articles/index.html."""
    docs = data.documents.copy()
    cols = [c for c in ("doc_id", "date", "outlet", "partner", "title", "n_paragraphs") if c in docs.columns]
    docs = docs[cols].copy()
    counts = {d: len(v) for d, v in data.hits_per_doc.items()}
    docs["theme_hits"] = [counts.get(d, 0) for d in docs["doc_id"]]
    docs["themes"] = [", ".join(dict.fromkeys(data.theme_labels.get(t, t) for t in data.hits_per_doc.get(d, [])))
                      for d in docs["doc_id"]]
    return HTMLTable(docs, caption="Articles", evidence=["title"], mode="open", link_base="../")


def write_articles(report_dir: str | Path, render_page) -> list[Path]:
    """Write ``articles/index.html`` and one page per article from the report's
    CSVs; ``render_page(content_html, page_title, base, current, toc)`` wraps
    content in the report layout. Returns the pages written (none without
    ``data/documents.csv`` and ``data/segments.csv``)."""
    from markupsafe import Markup

    report_dir = Path(report_dir)
    data = ArticleData(report_dir)
    if not data.ok:
        return []
    out_dir = report_dir / "articles"
    out_dir.mkdir(exist_ok=True)
    docs = data.documents.assign(_d=data.documents.get("date", "")).sort_values(["_d", "doc_id"], kind="stable")
    order = list(docs["doc_id"])
    by_doc = {k: g for k, g in data.segments.groupby("doc_id", sort=False)}
    written = []
    for i, (_, doc) in enumerate(docs.iterrows()):
        doc_id = str(doc["doc_id"])
        segs = by_doc.get(doc_id, data.segments.iloc[0:0])
        segs = segs.assign(_p=pd.to_numeric(segs["para"], errors="coerce")).sort_values("_p", kind="stable")
        prev_next = (order[i - 1] if i > 0 else "", order[i + 1] if i + 1 < len(order) else "")
        body = article_body(doc, segs, data, prev_next)
        path = out_dir / f"{doc_id}.html"
        path.write_text(render_page(Markup(body), f"{doc.get('title', doc_id)} · article", "../", "articles", ""),
                        encoding="utf-8")
        written.append(path)
    table = articles_index_table(data)
    intro = ("<h1>Articles</h1><p>Every article of the corpus as the report read it: open one to see its "
             "paragraphs with their partner, boilerplate and duplicate flags, the theme hits, the speakers and "
             "reporting verbs. Every evidence row in the report links to its paragraph here.</p>")
    index = out_dir / "index.html"
    index.write_text(render_page(Markup(intro + table._repr_html_()), "Articles", "../", "articles", ""),
                     encoding="utf-8")
    return [index, *written]
