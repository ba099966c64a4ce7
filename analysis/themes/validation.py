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


# --------------------------------------------------------------------------- make validate: a gold set of real articles
def _sha10(text: str) -> str:
    import hashlib

    return hashlib.sha1(squash(text).encode("utf-8")).hexdigest()[:10]


def gold_lines(text: str) -> list[str]:
    """The paragraphs of an article as the gold guide counts them: the non-empty
    lines (after stripping), in file order; ``para`` indexes this list."""
    return [ln for ln in text.splitlines() if ln.strip()]


def gold_paragraphs(corpus_dir: str | Path, gold_path: str | Path, themes: list[str]) -> pd.DataFrame:
    """A gold labelling joined with the paragraph texts it labels.

    In: the folder of articles (``<doc_id>.txt``) and a gold CSV by
    ``tests/data/gold_guide.md`` with ``doc_id, para, boilerplate`` and the
    ``themes`` as 0/1 columns, aligned by ``text_sha1`` (first 10 hex of the
    SHA-1 of the paragraph with white space squashed) or ``text_start`` (its
    first characters). Out: the gold rows with ``text`` (and ``unit``:
    ``headline`` for a row of kind ``headline``/``repeated_headline``, else
    ``paragraph``). Any misalignment is an InputError naming the gold file, the
    line and the article: the corpus must be the one that was labelled."""
    from ..corpus.load import read_text

    gold_path, corpus_dir = Path(gold_path), Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise InputError(corpus_dir, "corpus folder not found")
    if not gold_path.is_file():
        raise InputError(gold_path, "gold file not found")
    head = pd.read_csv(gold_path, nrows=0).columns
    key = "text_sha1" if "text_sha1" in head else "text_start"
    need = ["doc_id", "para", key, "boilerplate", *themes]
    missing = [c for c in need if c not in head]
    if missing:
        raise InputError(gold_path, f"missing column {missing[0]!r}")
    gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
    for c in ["para", "boilerplate", *themes]:
        vals = pd.to_numeric(gold[c], errors="coerce")
        ok = vals.notna() & ((vals >= 0) if c == "para" else vals.isin([0, 1]))
        if not ok.all():
            line = int(np.flatnonzero(~ok.to_numpy())[0]) + 2
            raise InputError(gold_path, f"line {line}, column {c!r}: expected {'a paragraph number' if c == 'para' else '0 or 1'}")
        gold[c] = vals.astype(int)
    lines: dict[str, list[str]] = {}
    texts = []
    for i, r in enumerate(gold.itertuples(index=False)):
        if r.doc_id not in lines:
            path = corpus_dir / f"{r.doc_id}.txt"
            if not path.is_file():
                raise InputError(gold_path, f"line {i + 2}: article {r.doc_id!r} has no file {path.name} in {corpus_dir}")
            lines[r.doc_id] = gold_lines(read_text(path))
        paras = lines[r.doc_id]
        if r.para >= len(paras):
            raise InputError(gold_path, f"line {i + 2}: {r.doc_id} has {len(paras)} paragraphs, no paragraph {r.para}")
        text = paras[r.para]
        want = getattr(r, key)
        ok = _sha10(text) == want if key == "text_sha1" else _key(text).startswith(_key(want))
        if not ok:
            raise InputError(gold_path, f"line {i + 2}: paragraph {r.para} of {r.doc_id} does not match its {key} "
                                        "(the corpus is not the text that was labelled)")
        texts.append(text)
    gold["text"] = texts
    kind = gold["boilerplate_kind"] if "boilerplate_kind" in gold else pd.Series("", index=gold.index)
    gold["unit"] = np.where(kind.isin(["headline", "repeated_headline"]), "headline", "paragraph")
    gold["seg_id"] = gold["doc_id"] + ":p" + gold["para"].map("{:03d}".format)
    return gold


def _scores(y: np.ndarray, p: np.ndarray) -> tuple[int, int, int, float, float, float]:
    tp, fp, fn = int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())
    prec = tp / (tp + fp) if tp + fp else np.nan
    rec = tp / (tp + fn) if tp + fn else np.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
    return tp, fp, fn, prec, rec, f1


def f1_interval(p_low: float, p_high: float, r_low: float, r_high: float) -> tuple[float, float]:
    """An interval for F1 from the intervals of precision and recall: F1 grows
    with both, so F1(p_low, r_low) and F1(p_high, r_high) bracket it whenever
    both true values lie in their intervals (a conservative bound, never
    narrower than what the two intervals allow; NaN where one is undefined)."""
    def f(p, r):
        return 2 * p * r / (p + r) if (p + r) > 0 else (0.0 if p == p and r == r else np.nan)
    if any(pd.isna(x) for x in (p_low, p_high, r_low, r_high)):
        return np.nan, np.nan
    return f(p_low, r_low), f(p_high, r_high)


def validation_table(gold: pd.DataFrame, predicted: pd.DataFrame, baseline: pd.DataFrame | None,
                     themes: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per theme of ``predicted`` (bool columns per theme,
    row-aligned with ``gold``) and of the keyword ``baseline`` (same shape).

    Only non-boilerplate gold rows count. Precision and recall get 95% Wilson
    intervals over paragraphs (``p_low/p_high``, ``r_low/r_high``), F1 the
    bracket :func:`f1_interval` of those two. ``n_pos`` is
    the number of gold positives, ``n_docs_pos`` the articles they are in.
    Out: one row per theme."""
    from ..stats import wilson

    keep = (gold["boilerplate"] == 0).to_numpy()
    g, pr = gold[keep].reset_index(drop=True), predicted[keep].reset_index(drop=True)
    bl = baseline[keep].reset_index(drop=True) if baseline is not None else None
    docs = np.unique(g["doc_id"].to_numpy())
    rows = []
    for t in themes:
        y, p = g[t].astype(bool).to_numpy(), pr[t].astype(bool).to_numpy()
        tp, fp, fn, prec, rec, f1 = _scores(y, p)
        (pl,), (ph,) = wilson([tp], [tp + fp])
        (rl,), (rh,) = wilson([tp], [tp + fn])
        fl, fh = f1_interval(pl, ph, rl, rh)
        row = {"theme": t, "n_units": len(g), "n_docs": len(docs), "n_pos": int(y.sum()),
               "n_docs_pos": int(g.loc[y, "doc_id"].nunique()), "tp": tp, "fp": fp, "fn": fn,
               "precision": prec, "p_low": pl, "p_high": ph, "recall": rec, "r_low": rl, "r_high": rh,
               "f1": f1, "f1_low": fl, "f1_high": fh}
        if bl is not None and t in bl:
            _, _, _, bp, br, bf = _scores(y, bl[t].astype(bool).to_numpy())
            row.update({"baseline_precision": bp, "baseline_recall": br, "baseline_f1": bf})
        rows.append(row)
    return pd.DataFrame(rows)


def format_validation(table: pd.DataFrame) -> str:
    """The table of :func:`validation_table` as plain text for a terminal:
    one line per theme (its key), the codebook with 95% intervals, then the
    keyword baseline on the same paragraphs."""
    def num(x):
        return "  -  " if pd.isna(x) else f"{x:.2f}"

    def ci(lo, hi):
        return "(   -   )" if pd.isna(lo) else f"({lo:.2f}-{hi:.2f})"

    head = (f"{'theme':<16} {'n_pos':>5} {'docs':>4}  {'precision':<16} {'recall':<16} {'F1':<16}"
            f"  {'baseline P':>10} {'R':>5} {'F1':>5}")
    out = [head, "-" * len(head)]
    for r in table.itertuples(index=False):
        name = r.theme[:16]
        out.append(f"{name:<16} {r.n_pos:>5} {r.n_docs_pos:>4}  {num(r.precision)} {ci(r.p_low, r.p_high):<11} "
                   f"{num(r.recall)} {ci(r.r_low, r.r_high):<11} {num(r.f1)} {ci(r.f1_low, r.f1_high):<11}"
                   f"  {num(getattr(r, 'baseline_precision', np.nan)):>10} {num(getattr(r, 'baseline_recall', np.nan)):>5}"
                   f" {num(getattr(r, 'baseline_f1', np.nan)):>5}")
    return "\n".join(out)


def validation_errors(gold: pd.DataFrame, predicted: pd.DataFrame, hits: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """The disagreements behind :func:`validation_table` (non-boilerplate rows):
    ``theme, error, seg_id, matched, text, gold_note``."""
    keep = (gold["boilerplate"] == 0).to_numpy()
    g, pr = gold[keep], predicted[keep]
    rows = []
    for t in themes:
        y, p = g[t].astype(bool).to_numpy(), pr[t].astype(bool).to_numpy()
        for i in np.flatnonzero(y != p):
            r = g.iloc[i]
            m = hits[(hits["seg_id"] == r["seg_id"]) & (hits["theme"] == t)]["matched"] if len(hits) else []
            rows.append((t, "false positive" if p[i] else "false negative", r["seg_id"], "; ".join(m),
                         squash(r["text"]), r.get("notes", "")))
    return pd.DataFrame(rows, columns=["theme", "error", "seg_id", "matched", "text", "gold_note"])


def validate(corpus_dir: str | Path, gold_path: str | Path, codebook):
    """``make validate``: code the gold's paragraphs with ``codebook`` and with the
    keyword baseline and score both. Returns ``(table, errors, gold)``."""
    from .baseline import baseline_matrix
    from .coding import find_hits, theme_matrix

    themes = codebook.main_keys or codebook.keys
    gold = gold_paragraphs(corpus_dir, gold_path, themes)
    hits = find_hits(gold, codebook)
    predicted = theme_matrix(gold, hits, codebook)
    base = baseline_matrix(gold["text"], themes)
    table = validation_table(gold, predicted, base, themes)
    return table, validation_errors(gold, predicted, hits, themes), gold
