"""The codebook measured against a hand labelling (a gold CSV by
``tests/data/gold_guide.md``): precision, recall and F1 per theme, and the errors."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..markup import md_code
from ..text import normalise_key, squash

# --------------------------------------------------------------------------- quality against a gold labelling
GOLD_COLUMNS = ["doc_id", "para", "text_start", "boilerplate"]


def load_gold(path: str | Path, themes: list[str]) -> pd.DataFrame:
    """Read a hand labelling (``doc_id, para, text_start, boilerplate, <theme>..., notes``;
    0/1 columns). A missing file or column is an InputError naming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "gold file not found")
    gold = pd.read_csv(path, dtype={"doc_id": str, "text_start": str, "notes": str}, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS + list(themes) if c not in gold]
    if missing:
        raise InputError(path, f"missing column {missing[0]!r}")
    for c in ["para", "boilerplate", *themes]:
        vals = pd.to_numeric(gold[c], errors="coerce")
        if vals.isna().any() or (c != "para" and not vals.isin([0, 1]).all()):
            row = int(np.flatnonzero(vals.isna() | ((c != "para") & ~vals.isin([0, 1])))[0]) + 2
            raise InputError(path, f"line {row}, column {c!r}: expected {'an integer' if c == 'para' else '0 or 1'}")
        gold[c] = vals.astype(int)
    return gold


def _key(text: str) -> str:
    return normalise_key(unicodedata.normalize("NFC", str(text)))


def check_gold(gold: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``gold`` whose ``text_start`` does not begin the segment with the
    same ``doc_id, para`` (compared folded, lower-case, white space squashed), or
    whose segment is missing. Empty when the labelling is aligned."""
    seg = segments.set_index(["doc_id", "para"])["text"]
    bad = []
    for r in gold.itertuples(index=False):
        key = (r.doc_id, r.para)
        text = seg.get(key)
        if text is None or not _key(text).startswith(_key(r.text_start)):
            bad.append((r.doc_id, r.para, r.text_start, "" if text is None else squash(text)[:60]))
    return pd.DataFrame(bad, columns=["doc_id", "para", "gold_text_start", "segment_text_start"])


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, themes: list[str], include_boilerplate: bool = False) -> pd.DataFrame:
    """Precision, recall and F1 per theme of a paragraph :func:`theme_matrix`
    (with ``doc_id, para``) against ``gold`` (see :func:`load_gold`), joined on
    ``doc_id, para``; gold boilerplate rows are left out unless asked.

    Out: ``theme, n_units, gold_pos, predicted_pos, tp, fp, fn, precision,
    recall, f1`` (precision is NaN when nothing is predicted, recall when the
    gold has no positive; F1 NaN when either is)."""
    g = gold if include_boilerplate else gold[gold["boilerplate"] == 0]
    joined = g.merge(predicted[["doc_id", "para", *themes]], on=["doc_id", "para"], suffixes=("_gold", ""))
    rows = []
    for t in themes:
        y, p = joined[f"{t}_gold"].astype(bool).to_numpy(), joined[t].astype(bool).to_numpy()
        tp, fp, fn = int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())
        prec = tp / (tp + fp) if tp + fp else np.nan
        rec = tp / (tp + fn) if tp + fn else np.nan
        f1 = 2 * prec * rec / (prec + rec) if (tp + fp and tp + fn and prec + rec) else (0.0 if tp + fp and tp + fn else np.nan)
        rows.append((t, len(joined), int(y.sum()), int(p.sum()), tp, fp, fn, prec, rec, f1))
    return pd.DataFrame(rows, columns=["theme", "n_units", "gold_pos", "predicted_pos", "tp", "fp", "fn",
                                       "precision", "recall", "f1"])


def gold_errors(predicted: pd.DataFrame, gold: pd.DataFrame, themes: list[str], hits: pd.DataFrame,
                segments: pd.DataFrame, include_boilerplate: bool = False) -> pd.DataFrame:
    """The disagreements behind :func:`evaluate`: one row per (paragraph, theme)
    that is a false positive (with the matched phrases) or a false negative
    (with the start of the paragraph), for fixing the codebook."""
    g = gold if include_boilerplate else gold[gold["boilerplate"] == 0]
    joined = g.merge(predicted[["doc_id", "para", "unit_id", *themes]], on=["doc_id", "para"], suffixes=("_gold", ""))
    texts = dict(zip(segments["seg_id"].astype(str), segments["text"].astype(str)))
    rows = []
    for t in themes:
        for r in joined.itertuples(index=False):
            y, p = bool(getattr(r, f"{t}_gold")), bool(getattr(r, t))
            if y == p:
                continue
            matched = "; ".join(hits.loc[(hits["seg_id"] == r.unit_id) & (hits["theme"] == t), "matched"])
            rows.append((t, "false positive" if p else "false negative", r.doc_id, r.para, matched,
                         squash(texts.get(r.unit_id, ""))[:160], r.notes if "notes" in g else ""))
    return pd.DataFrame(rows, columns=["theme", "error", "doc_id", "para", "matched", "text", "gold_note"])


def quality_report(gold_path: str | Path, segments: pd.DataFrame, predicted: pd.DataFrame, hits: pd.DataFrame,
                   themes: list[str]) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """Everything the report shows about codebook quality, as ``(message,
    quality, errors)``. ``predicted`` is the paragraph matrix of ALL segments.
    When the gold file is missing, matches no document of the corpus, or is
    misaligned with the segments, ``quality`` and ``errors`` are empty and the
    message says why (so the report can say so in prose)."""
    empty = pd.DataFrame()
    shown = md_code(Path(gold_path).name if gold_path else gold_path)   # the file's name: no home folders on a page
    if not gold_path or not Path(gold_path).is_file():
        return f"No gold labelling at {shown}: codebook quality is not measured for this corpus.", empty, empty
    gold = load_gold(gold_path, themes)
    gold = gold[gold["doc_id"].isin(set(segments["doc_id"]))]
    if gold.empty:
        return (f"The gold labelling {shown} labels none of this corpus's articles: "
                "codebook quality is not measured for this corpus."), empty, empty
    bad = check_gold(gold, segments)
    if len(bad):
        first = bad.iloc[0]
        return (f"The gold labelling {shown} does not line up with the paragraphs of this corpus "
                f"({len(bad)} rows differ, first {md_code(first.doc_id)} paragraph {first.para}): quality not measured."), empty, bad
    quality = evaluate(predicted, gold, themes)
    errors = gold_errors(predicted, gold, themes, hits, segments)
    n_docs = gold["doc_id"].nunique()
    n = int(quality["n_units"].max()) if len(quality) else 0
    return (f"Measured on {n} hand-labelled non-boilerplate paragraphs of {n_docs} articles "
            f"({shown})."), quality, errors
