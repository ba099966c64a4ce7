"""Coding paragraphs, sentences and documents for the codebook's themes, with
the evidence behind every code.

In: a units table (``segments`` or ``sentences`` from :mod:`analysis.corpus`,
see ``docs/tables.md``) and a :class:`analysis.themes.codebook.Codebook`.
Out:

* :func:`find_hits` — one row per hit: theme, pattern, matched text, offsets;
* :func:`assign_sentences` — the sentence each paragraph hit falls in;
* :func:`theme_matrix` — one row per unit, one bool column per theme;
* :func:`document_matrix` — the same per article (or per article x partner);
* :func:`kwic` — keyword-in-context rows to audit a theme;
* :func:`headline_units` — the headline of each article, coded as its own unit;
* :func:`prevalence` — share of units per group carrying each theme;
* :func:`load_gold`, :func:`check_gold`, :func:`evaluate`, :func:`gold_errors` —
  the codebook measured against a hand labelling.

Levels: a headline is the article's headline line (its own level, never counted
as a paragraph), a paragraph is a ``segments`` row, a sentence a ``sentences``
row (hits found on paragraphs are mapped to sentences by offset, so all levels
rest on the same hits), a document is the OR of its paragraphs and its headline.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import fold, squash
from .codebook import Codebook

HIT_COLUMNS = ["hit_id", "doc_id", "theme", "pattern", "matched", "start", "end"]
_COMBINING = re.compile(r"[\u0300-\u036f]")
_UNIT_SEP = "\x00"          # neither a word character nor white space: no hit crosses units


def _prepare(texts: list[str], fold_diacritics: bool) -> tuple[str, np.ndarray, np.ndarray | None]:
    """Join the texts into one string to scan once. Returns the string, the start
    of each text in it, and (when combining accents had to be removed so that
    "Bùi" written with a combining accent still matches "Bui") the map from
    positions in the scanned string back to positions in the joined text."""
    big = _UNIT_SEP.join(texts)
    if fold_diacritics:
        big = fold(big)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]) if len(texts) else np.zeros(0, np.int64)
    keep = None
    if fold_diacritics and _COMBINING.search(big):
        drop = np.fromiter((m.start() for m in _COMBINING.finditer(big)), dtype=np.int64)
        keep = np.delete(np.arange(len(big) + 1, dtype=np.int64), drop)
        big = _COMBINING.sub("", big)
    return big, starts, keep


def find_hits(units: pd.DataFrame, codebook: Codebook, id_col: str = "seg_id", text_col: str = "text") -> pd.DataFrame:
    """Find every theme hit in the units' texts with ONE compiled matcher.

    In: ``units`` with ``id_col``, ``text_col`` and (optionally) ``doc_id``.
    Out: one row per hit, columns ``hit_id, <id_col>, doc_id, theme, pattern,
    matched, start, end`` — ``start/end`` are offsets into the unit's own text
    (``text[start:end] == matched``), ``pattern`` is the phrase as written in the
    codebook. Rows follow the units' order, then position, then codebook theme
    order; ``hit_id`` is ``<unit id>:h<NN>``.
    """
    cols = [HIT_COLUMNS[0], id_col, *HIT_COLUMNS[1:]]
    if id_col not in units or text_col not in units:
        raise ValueError(f"find_hits: units need columns {id_col!r} and {text_col!r}")
    texts = units[text_col].fillna("").astype(str).tolist()
    ids = units[id_col].astype(str).tolist()
    docs = units["doc_id"].astype(str).tolist() if "doc_id" in units else ids
    if not texts:
        return pd.DataFrame(columns=cols)
    matcher = codebook.matcher
    big, starts, keep = _prepare(texts, matcher.fold_diacritics)
    order = {k: i for i, k in enumerate(codebook.keys)}
    found = list(matcher.scan(big))
    if not found:
        return pd.DataFrame(columns=cols)
    s = np.fromiter((f[2] for f in found), dtype=np.int64, count=len(found))
    e = np.fromiter((f[3] for f in found), dtype=np.int64, count=len(found))
    if keep is not None:
        s, e = keep[s], keep[e]   # keep[e]: the next kept character, so trailing accents stay in the match
    u = np.searchsorted(starts, s, side="right") - 1
    ls, le = s - starts[u], e - starts[u]
    rows = [(int(ui), int(a), int(b), order[f[0]], f[0], f[1]) for ui, a, b, f in zip(u, ls, le, found)]
    rows.sort()
    out, count = [], {}
    for u, ls, le, _, theme, pat in rows:
        k = count.get(u, 0)
        count[u] = k + 1
        out.append((f"{ids[u]}:h{k:02d}", ids[u], docs[u], theme, pat, texts[u][ls:le], ls, le))
    hits = pd.DataFrame(out, columns=cols)
    return hits.astype({"start": "int64", "end": "int64"})


def assign_sentences(hits: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``sent_id`` to paragraph hits: the sentence of the same ``seg_id``
    in which the hit starts (sentences carry ``start``/``end`` offsets into the
    paragraph). A hit in white space before the first sentence goes to the first."""
    out = hits.copy()
    if out.empty:
        out["sent_id"] = pd.Series(dtype="str")
        return out
    sents = pd.DataFrame({"seg_id": sentences["seg_id"].astype(str).to_numpy(),
                          "sent_id": sentences["sent_id"].to_numpy(),
                          "s_start": sentences["start"].to_numpy(dtype=np.int64)})
    h = pd.DataFrame({"seg_id": out["seg_id"].astype(str).to_numpy(),
                      "start": out["start"].to_numpy(dtype=np.int64), "_row": np.arange(len(out))})
    # the last sentence of the same paragraph starting at or before the hit
    m = pd.merge_asof(h.sort_values("start", kind="stable"), sents.sort_values("s_start", kind="stable"),
                      left_on="start", right_on="s_start", by="seg_id", direction="backward")
    m = m.sort_values("_row")
    first = sents.sort_values(["seg_id", "s_start"], kind="stable").drop_duplicates("seg_id").set_index("seg_id")["sent_id"]
    sid = m["sent_id"].where(m["sent_id"].notna(), m["seg_id"].map(first))
    out["sent_id"] = sid.fillna("").astype(str).to_numpy()
    return out


def theme_matrix(units: pd.DataFrame, hits: pd.DataFrame, codebook: Codebook, id_col: str = "seg_id") -> pd.DataFrame:
    """One row per unit (units without hits included, all False).

    In: the units coded (``segments`` or ``sentences``), their ``hits`` (which
    must carry ``id_col``; for sentences use :func:`assign_sentences` first).
    Out: ``unit_id, doc_id, partner`` (+ ``partners``, ``para`` and ``event_id`` when the units
    have them) and one bool column per theme key, in codebook order.
    """
    out = pd.DataFrame({"unit_id": units[id_col].astype(str).to_numpy(),
                        "doc_id": (units["doc_id"] if "doc_id" in units else units[id_col]).astype(str).to_numpy(),
                        "partner": (units["partner"].astype(str).to_numpy() if "partner" in units else "none")})
    if "partners" in units:
        out["partners"] = units["partners"].fillna("").astype(str).to_numpy()
    if "para" in units:
        out["para"] = units["para"].to_numpy()
    if "event_id" in units:   # the meeting of the unit ("" for none): framing counts per meeting
        out["event_id"] = units["event_id"].fillna("").astype(str).to_numpy()
    ids = hits[id_col].astype(str) if len(hits) else pd.Series(dtype=str)
    for key in codebook.keys:
        with_theme = ids[hits["theme"].to_numpy() == key].unique() if len(hits) else []
        out[key] = out["unit_id"].isin(with_theme).to_numpy(dtype=bool)
    return out


def _document_partner(partners: pd.Series) -> str:
    named = sorted({p for p in partners if p not in ("none", "", "nan")})
    if not named:
        return "none"
    if "both" in named or len(named) > 1:
        return "both"
    return named[0]


def document_matrix(matrix: pd.DataFrame, themes: list[str], documents: pd.DataFrame | None = None,
                    by_partner: bool = False) -> pd.DataFrame:
    """Document level: a theme is present in an article when any of its units has it.

    In: a unit-level :func:`theme_matrix`, the theme keys, optionally the
    ``documents`` table (its ``partner`` column then labels each article; without
    it the article's partner is derived from its units: one partner, ``both`` or
    ``none``).
    ``by_partner=True`` instead makes one unit per (article, partner) from the
    units attributed to that partner (``none``/``both`` units left out), so an
    article about two partners contributes one slice to each; ``unit_id`` is
    ``<doc_id>|<partner>``. Out: ``unit_id, doc_id, partner, n_units`` + themes.
    """
    m = matrix
    if by_partner:
        m = m[~m["partner"].isin(["none", "both"])]
        g = m.groupby(["doc_id", "partner"], sort=True)
        out = g[themes].any().reset_index()
        out.insert(0, "unit_id", out["doc_id"] + "|" + out["partner"])
        out.insert(3, "n_units", g.size().to_numpy())
        return out.reset_index(drop=True)
    g = m.groupby("doc_id", sort=True)
    out = g[themes].any().reset_index()
    if documents is not None and "partner" in documents:
        lookup = dict(zip(documents["doc_id"].astype(str), documents["partner"].astype(str)))
        partner = [lookup.get(d, "none") for d in out["doc_id"]]
    else:
        partner = g["partner"].agg(_document_partner).to_numpy()
    out.insert(0, "unit_id", out["doc_id"])
    out.insert(2, "partner", partner)
    out.insert(3, "n_units", g.size().to_numpy())
    return out


def kwic(hits: pd.DataFrame, units: pd.DataFrame, id_col: str = "seg_id", text_col: str = "text",
         width: int = 60, theme: str | None = None, order: list[str] | None = None) -> pd.DataFrame:
    """Keyword in context: one row per hit with ``width`` characters of context on
    each side (white space squashed, ``…`` where cut). Columns: ``hit_id,
    <id_col>, doc_id, theme, pattern, left, matched, right``. ``theme`` keeps one
    theme; ``order`` (theme keys) sorts the rows by theme in that order, then by
    position in the corpus."""
    h = hits if theme is None else hits[hits["theme"] == theme]
    if order is not None:
        rank = {k: i for i, k in enumerate(order)}
        h = h.assign(_r=h["theme"].map(rank).fillna(len(rank))).sort_values("_r", kind="mergesort").drop(columns="_r")
    texts = dict(zip(units[id_col].astype(str), units[text_col].astype(str)))
    left, right = [], []
    for uid, s, e in zip(h[id_col], h["start"], h["end"]):
        t = texts.get(str(uid), "")
        lo, hi = max(0, s - width), min(len(t), e + width)
        left.append(("…" if lo > 0 else "") + squash(t[lo:s]))
        right.append(squash(t[e:hi]) + ("…" if hi < len(t) else ""))
    out = h[["hit_id", id_col, "doc_id", "theme", "pattern"]].copy()
    out["left"], out["matched"], out["right"] = left, h["matched"].to_numpy(), right
    return out.reset_index(drop=True)



#: ``boilerplate_kind`` values the corpus layer gives headline lines (before the
#: segments table had a ``unit`` column, headlines were flagged as boilerplate)
HEADLINE_KINDS = ("headline", "repeated_headline")


def headline_mask(units: pd.DataFrame) -> pd.Series:
    """True for the rows of a segments (or sentences) table that are headlines:
    ``unit == "headline"`` when the table has a ``unit`` column, else the rows
    whose ``boilerplate_kind`` is ``headline`` or ``repeated_headline``."""
    if "unit" in units:
        return units["unit"].astype(str).eq("headline")
    if "boilerplate_kind" in units:
        return units["boilerplate_kind"].fillna("").astype(str).isin(HEADLINE_KINDS)
    return pd.Series(False, index=units.index)


def headline_units(segments: pd.DataFrame, include_duplicates: bool = False) -> pd.DataFrame:
    """The headline rows that count as units: one per article (a headline
    repeated above a photo is a copy of the first and never counts again);
    with ``include_duplicates=False`` also not a headline that near-duplicates
    another article's (the same wire story under two outlets)."""
    h = segments[headline_mask(segments)]
    if h.empty:
        return h
    dup = h["duplicate_of"].fillna("").astype(str) if "duplicate_of" in h else pd.Series("", index=h.index)
    same_doc = dup.str.rsplit(":", n=1).str[0].eq(h["doc_id"].astype(str)) & dup.ne("")
    kind = h["boilerplate_kind"].fillna("").astype(str) if "boilerplate_kind" in h else pd.Series("", index=h.index)
    keep = ~same_doc & kind.ne("repeated_headline")
    if not include_duplicates:
        keep &= dup.eq("") | same_doc
    h = h[keep]
    return h[~h["doc_id"].duplicated()]


def _or_headlines(doc: pd.DataFrame, heads: pd.DataFrame, themes: list[str], by_partner: bool = False) -> pd.DataFrame:
    """Article-level presence includes the headline: OR each article's headline
    themes into its document row (``by_partner``: into the slice of each
    partner the headline names, or, when it names none, into the article's
    only slice; an article with slices for several partners and a headline
    naming none gets nothing from it). Unit counts are not changed."""
    if doc.empty or heads.empty:
        return doc
    out = doc.copy()
    if not by_partner:
        h = heads.groupby("doc_id")[themes].any()
        idx = out["doc_id"].map(lambda d: d in h.index)
        for t in themes:
            out.loc[idx, t] = out.loc[idx, t].to_numpy() | h.loc[out.loc[idx, "doc_id"], t].to_numpy()
        return out
    slices = out.groupby("doc_id")["partner"].agg(list).to_dict()
    for r in heads.itertuples(index=False):
        have = slices.get(r.doc_id, [])
        named = [p for p in str(getattr(r, "partners", "") or "").split(";") if p in have]
        targets = named or (have if len(have) == 1 else [])
        for p in targets:
            row = (out["doc_id"] == r.doc_id) & (out["partner"] == p)
            for t in themes:
                if getattr(r, t):
                    out.loc[row, t] = True
    return out


class Coding:
    """The coded corpus at every level.

    Attributes: ``hits`` (every hit in every segment, with ``sent_id``,
    ``unit`` (``headline``/``paragraph``), ``boilerplate`` and ``duplicate_of``
    of its segment), ``counted_hits`` (hits in the units the report counts:
    counted paragraphs and headlines), ``all_paragraphs`` (matrix of every
    segment, for the gold comparison), and the matrices of counted units:
    ``headlines`` (one per article), ``paragraphs``, ``sentences`` (both
    without headlines, so their counts do not change because of them),
    ``documents`` (partner = the article's partner; a theme is present when a
    paragraph or the headline has it) and ``document_slices`` (one unit per
    article x partner).
    """

    def __init__(self, hits, counted_hits, all_paragraphs, paragraphs, sentences, documents, document_slices,
                 headlines=None):
        self.hits, self.counted_hits, self.all_paragraphs = hits, counted_hits, all_paragraphs
        self.paragraphs, self.sentences = paragraphs, sentences
        self.documents, self.document_slices = documents, document_slices
        self.headlines = headlines if headlines is not None else paragraphs.iloc[:0]

    @property
    def levels(self) -> dict[str, pd.DataFrame]:
        """Level name -> matrix of counted units, finest first (the levels theme
        pairs are counted at; headlines are :attr:`unit_levels`)."""
        return {"sentence": self.sentences, "paragraph": self.paragraphs, "document": self.documents}

    @property
    def unit_levels(self) -> dict[str, pd.DataFrame]:
        """Every coded level, the headline first: headline, sentence, paragraph, document."""
        return {"headline": self.headlines, **self.levels}

    @property
    def partner_levels(self) -> dict[str, pd.DataFrame]:
        """The matrices per-partner counts use: documents are split by partner."""
        return {"sentence": self.sentences, "paragraph": self.paragraphs, "document": self.document_slices}


def find_hits_batched(units: pd.DataFrame, codebook: Codebook, map=None, parallelism: int = 1,
                      min_rows: int = 2000, **kwargs) -> pd.DataFrame:
    """:func:`find_hits` on contiguous chunks of ``units``, joined in order:
    hits and their ids belong to one unit, so the table is the same as one
    call's. ``map`` is an engine's ordered map (default: one call)."""
    if map is None or parallelism <= 1 or len(units) < min_rows:
        return find_hits(units, codebook, **kwargs)
    n = 4 * parallelism
    bounds = sorted(set(round(k * len(units) / n) for k in range(n + 1)))
    chunks = [units.iloc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    parts = map(_HitTask(codebook, kwargs), chunks)
    return pd.concat(parts, ignore_index=True).astype({"start": "int64", "end": "int64"})


class _HitTask:
    """A picklable ``find_hits`` with its codebook and options bound."""

    def __init__(self, codebook: Codebook, kwargs: dict):
        self.codebook, self.kwargs = codebook, kwargs

    def __call__(self, units: pd.DataFrame) -> pd.DataFrame:
        return find_hits(units, self.codebook, **self.kwargs)


def code_corpus(segments: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame, codebook: Codebook,
                include_boilerplate: bool = False, include_duplicates: bool = False, map=None,
                parallelism: int = 1) -> Coding:
    """Code a prepared corpus (``bundle.segments/sentences/documents``) once and
    build the matrices of every level from the same hits. Boilerplate and
    near-duplicate units are left out of the counts unless asked (as in
    :func:`analysis.corpus.select_units`); headlines are their own level (see
    :func:`headline_units`) and are never counted as paragraphs or sentences,
    whether or not the segments carry a ``unit`` column; an article whose
    paragraphs are all left out has no document row. ``map``/``parallelism``:
    an engine's map for finding the hits on chunks of paragraphs side by side
    (same table)."""
    from ..corpus.load import select_units

    keys = codebook.keys
    hits = assign_sentences(find_hits_batched(segments, codebook, map, parallelism), sentences)
    is_head = headline_mask(segments)
    flags = segments.set_index("seg_id")[["boilerplate", "duplicate_of"]]
    hits["unit"] = np.where(hits["seg_id"].isin(set(segments.loc[is_head, "seg_id"])), "headline", "paragraph")
    hits["boilerplate"] = flags["boilerplate"].reindex(hits["seg_id"]).to_numpy(dtype=bool)
    hits["duplicate_of"] = flags["duplicate_of"].reindex(hits["seg_id"]).fillna("").to_numpy()
    heads = headline_units(segments, include_duplicates)
    segs = select_units(segments[~is_head], include_boilerplate, include_duplicates)
    sent_head = headline_mask(sentences) if "unit" in sentences else sentences["seg_id"].isin(
        set(segments.loc[is_head, "seg_id"]))
    sents = select_units(sentences[~sent_head], include_boilerplate, include_duplicates)
    counted = hits[hits["seg_id"].isin(set(segs["seg_id"]) | set(heads["seg_id"]))].reset_index(drop=True)
    all_par = theme_matrix(segments, hits, codebook)
    par = theme_matrix(segs, counted, codebook)
    head = theme_matrix(heads, counted, codebook)
    sen = theme_matrix(sents, counted, codebook, id_col="sent_id")
    doc = _or_headlines(document_matrix(par, keys, documents), head, keys)
    sl = _or_headlines(document_matrix(par, keys, by_partner=True), head, keys, by_partner=True)
    return Coding(hits, counted, all_par, par, sen, doc, sl, head)


def counted_units(segments: pd.DataFrame, coding: Coding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units a report counts, headlines then paragraphs: their segments rows
    with a ``unit`` column (``headline``/``paragraph``), and their theme
    matrix (``unit_id`` = seg_id), in the same order."""
    matrix = pd.concat([coding.headlines, coding.paragraphs], ignore_index=True)
    units = segments.set_index("seg_id").loc[matrix["unit_id"]].reset_index()
    units["unit"] = ["headline"] * len(coding.headlines) + ["paragraph"] * len(coding.paragraphs)
    return units, matrix


def headline_table(segments: pd.DataFrame, coding: Coding, themes: list[str],
                   labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per counted headline: ``doc_id, partner, headline, themes``
    (the labels of the themes it carries, ``;``-joined, empty for none)."""
    h = coding.headlines
    text = dict(zip(segments["seg_id"].astype(str), segments["text"].astype(str)))
    names = [[(labels or {}).get(t, t) for t in themes if r[t]] for _, r in h.iterrows()]
    return pd.DataFrame({"doc_id": h["doc_id"].to_numpy(), "partner": h["partner"].to_numpy(),
                         "headline": [squash(text.get(u, "")) for u in h["unit_id"]],
                         "themes": ["; ".join(n) for n in names]})
