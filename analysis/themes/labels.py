"""Validating the codebook on the analyst's own corpus: a stratified sample of
units to label by hand (the label sheet), and, once it is filled in, the
codebook's precision, recall and F1 and the themes' prevalence estimated for the
whole corpus with the sampling weights.

In: the counted units of a coded corpus (paragraphs and headlines, with their
codes) and, for the "look-alike" stratum, candidate scores
(:func:`analysis.themes.misses.miss_scores`). Out:

* :func:`sample_label_sheet` -> ``(sheet, strata)``: the rows to label (blind:
  the codebook's codes are not on the sheet) with their stratum, the sampling
  weight and the corpus hash, and one row per stratum saying what it holds;
* :func:`read_label_sheet` -> the filled sheet, checked against the corpus it
  claims to come from (an :class:`~analysis.errors.InputError` naming the file
  and the first problem otherwise);
* :func:`score_label_sheet` -> per theme: precision, recall, F1 and
  prevalence with 95% intervals, estimated with the design weights.

The design (``docs/methods.md``, "Validating a codebook on a sample"): strata
``h`` with ``N_h`` units in the corpus and ``n_h`` labelled; a labelled unit
stands for ``N_h / n_h`` units. Strata, in order of precedence: the units coded
with each main theme (a unit coded with several goes to the rarest of them),
the uncoded units that look most like coded ones (top of the candidate-miss
ranking of some theme), and all the other units (a random share).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..stats import wilson
from ..text import squash
from .validation import f1_interval

#: Columns of a label sheet, in order; the theme columns (one per main theme,
#: left empty for the analyst) go between ``text`` and ``notes``.
SHEET_HEAD = ["sheet_row", "seg_id", "doc_id", "para", "unit", "partner", "text"]
SHEET_TAIL = ["notes", "stratum", "weight", "stratum_units", "stratum_sampled", "text_sha1", "corpus_sha256"]
STRATA_COLUMNS = ["stratum", "kind", "theme", "description", "stratum_units", "stratum_sampled", "weight"]

#: Shares of the sample: coded units (split over the main themes), uncoded
#: look-alikes, and the rest of the corpus.
SHARES = {"coded": 0.5, "lookalike": 0.25, "rest": 0.25}


def text_sha1(text: str) -> str:
    """First 10 hex digits of the SHA-1 of the text with white space squashed
    (the same key as the development set's gold file)."""
    return hashlib.sha1(squash(str(text)).encode("utf-8")).hexdigest()[:10]


def sheet_key(text: str) -> str:
    """The sheet's ``text_sha1`` cell: ``sha1:`` + :func:`text_sha1`. The prefix
    keeps a spreadsheet from reading ``0123456789`` or ``12e4567890`` as a number."""
    return "sha1:" + text_sha1(text)


def _allocate(sizes: list[int], targets: list[float], n: int) -> list[int]:
    """Integer sample sizes: as close to ``targets`` as the stratum sizes allow,
    never more than a stratum holds, summing to ``min(n, sum(sizes))``; what a
    small stratum cannot take goes to the others in proportion to their targets."""
    sizes = [int(s) for s in sizes]
    n = min(int(n), sum(sizes))
    alloc = [0] * len(sizes)
    open_ = [i for i, s in enumerate(sizes) if s > 0]
    left = n
    while left > 0 and open_:
        weight = sum(targets[i] for i in open_) or len(open_)
        share = {i: left * (targets[i] if sum(targets[j] for j in open_) else 1) / weight for i in open_}
        took = 0
        for i in open_:
            k = min(sizes[i] - alloc[i], int(np.floor(share[i])))
            alloc[i] += k
            took += k
        if took == 0:   # rounding left a few: one each, largest remaining target first
            for i in sorted(open_, key=lambda i: (-share[i], i)):
                if left - took <= 0:
                    break
                if alloc[i] < sizes[i]:
                    alloc[i] += 1
                    took += 1
        left -= took
        open_ = [i for i in open_ if alloc[i] < sizes[i]]
    return alloc


def assign_strata(matrix: pd.DataFrame, themes: list[str], lookalike: set[str] | None = None) -> pd.Series:
    """The stratum of every unit of a theme matrix (``unit_id`` + bool theme
    columns): ``coded:<theme>`` for a unit coded with a main theme (the rarest
    of its themes when several), ``lookalike`` for an uncoded unit in
    ``lookalike``, ``rest`` otherwise."""
    counts = {t: int(matrix[t].sum()) for t in themes}
    rare_first = sorted(themes, key=lambda t: (counts[t], themes.index(t)))
    out = pd.Series("rest", index=matrix.index, dtype=object)
    coded = np.zeros(len(matrix), dtype=bool)
    for t in reversed(rare_first):          # the rarest is written last, so it wins
        m = matrix[t].to_numpy(dtype=bool)
        out[m] = f"coded:{t}"
        coded |= m
    if lookalike:
        look = matrix["unit_id"].isin(lookalike).to_numpy() & ~coded
        out[look] = "lookalike"
    return out


def sample_label_sheet(units: pd.DataFrame, matrix: pd.DataFrame, themes: list[str], n: int,
                       corpus_sha256: str, lookalike: set[str] | None = None, seed: int = 0,
                       labels: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A stratified sample of ``n`` units to label by hand.

    In: ``units`` (the counted paragraphs and headlines: ``seg_id, doc_id,
    para, text, partner`` and optionally ``unit``), their theme ``matrix``
    (``unit_id`` = seg_id, one bool column per theme), the main ``themes``,
    the corpus hash the sheet belongs to, the ``lookalike`` seg_ids (uncoded
    units most like coded ones) and a ``seed``. Half the sample goes to the
    coded strata (equal shares per theme), a quarter to look-alikes, a quarter
    to the rest, within what each stratum holds (:func:`_allocate`); units are
    drawn at random without replacement within a stratum.

    Out: ``(sheet, strata)``. ``sheet``: one row per sampled unit in random
    order, columns :data:`SHEET_HEAD`, one empty column per theme, then
    :data:`SHEET_TAIL` (``weight`` = ``stratum_units / stratum_sampled``).
    The codebook's own codes are NOT on the sheet (label blind); ``stratum``
    is an opaque id (``S1`` …) whose meaning is in ``strata``."""
    if n < 1:
        raise ValueError("n must be at least 1")
    m = matrix.set_index("unit_id").reindex(units["seg_id"].astype(str).to_numpy()).rename_axis("unit_id").reset_index()
    m[themes] = m[themes].fillna(False).astype(bool)
    stratum = assign_strata(m, themes, lookalike).to_numpy()
    names = [f"coded:{t}" for t in themes] + ["lookalike", "rest"]
    sizes = [int((stratum == s).sum()) for s in names]
    n_coded = sum(1 for s in sizes[:len(themes)] if s)
    targets = ([SHARES["coded"] / max(n_coded, 1)] * len(themes)) + [SHARES["lookalike"], SHARES["rest"]]
    alloc = _allocate(sizes, targets, n)
    rng = np.random.default_rng(seed)
    picked, info = [], []
    k = 0
    for name, size, take in zip(names, sizes, alloc):
        if size == 0:
            continue
        k += 1
        sid = f"S{k}"
        idx = np.flatnonzero(stratum == name)
        chosen = np.sort(rng.choice(idx, size=take, replace=False)) if take else idx[:0]
        picked += [(i, sid) for i in chosen]
        kind, _, theme = name.partition(":")
        desc = {"coded": f"units the codebook codes {(labels or {}).get(theme, theme)}"
                         + (" (a unit coded with several themes is in the stratum of the rarest)"
                            if len(themes) > 1 else ""),
                "lookalike": "uncoded units the candidate-miss model ranks near the top for some theme",
                "rest": "every other unit (a random share)"}[kind]
        info.append((sid, kind, theme, desc, size, take, size / take if take else np.nan))
    strata = pd.DataFrame(info, columns=STRATA_COLUMNS)
    rows = []
    order = rng.permutation(len(picked))
    size_of = dict(zip(strata["stratum"], strata["stratum_units"]))
    took_of = dict(zip(strata["stratum"], strata["stratum_sampled"]))
    for r, j in enumerate(order, 1):
        i, sid = picked[j]
        u = units.iloc[i]
        rows.append({"sheet_row": r, "seg_id": str(u["seg_id"]), "doc_id": str(u["doc_id"]), "para": int(u["para"]),
                     "unit": str(u["unit"]) if "unit" in units else "paragraph",
                     "partner": str(u.get("partner", "")), "text": squash(str(u["text"])),
                     **{t: "" for t in themes}, "notes": "", "stratum": sid,
                     "weight": round(size_of[sid] / took_of[sid], 6), "stratum_units": int(size_of[sid]),
                     "stratum_sampled": int(took_of[sid]), "text_sha1": sheet_key(u["text"]),
                     "corpus_sha256": corpus_sha256})
    sheet = pd.DataFrame(rows, columns=SHEET_HEAD + list(themes) + SHEET_TAIL)
    return sheet, strata


# --------------------------------------------------------------------------- reading a filled sheet
def _label_value(raw: str) -> int | None:
    v = str(raw).strip()
    if v == "":
        return None
    if v in ("0", "1", "0.0", "1.0"):
        return int(float(v))
    raise ValueError(v)


def read_label_sheet(path: str | Path, segments: pd.DataFrame, corpus_sha256: str) -> tuple[pd.DataFrame, list[str]]:
    """Read and check a filled label sheet against the corpus of this run.

    Returns ``(sheet, themes)``: the labelled rows (a row whose theme cells are
    all empty is not labelled and left out; the weights are then recomputed as
    ``stratum_units / labelled rows of the stratum``) with int 0/1 theme
    columns, and the theme columns the sheet has. Raises InputError naming the
    file for: a missing or unreadable file, a missing or unknown column, a
    sheet made for another corpus (``corpus_sha256``), a row whose paragraph is
    not in the corpus or whose text differs, a label other than 0/1, a row
    labelled for some themes but not others, the same paragraph twice,
    inconsistent stratum sizes, or no labelled row at all."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "label sheet not found")
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"not a readable CSV label sheet ({' '.join(str(exc).split())[:120]})") from None
    cols = list(sheet.columns)
    missing = [c for c in SHEET_HEAD + SHEET_TAIL if c not in cols]
    if missing:
        raise InputError(path, f"missing column {missing[0]!r}: not a label sheet written by `make label`")
    known = set(SHEET_HEAD + SHEET_TAIL)
    try:
        start, stop = cols.index("text") + 1, cols.index("notes")
    except ValueError:  # pragma: no cover - checked above
        start = stop = 0
    themes = cols[start:stop]
    stray = [c for c in cols if c not in known and c not in themes]
    if stray or not themes:
        bad = stray[0] if stray else "(none)"
        raise InputError(path, f"unknown column {bad!r}: a label sheet has the theme columns between 'text' "
                               "and 'notes' and no others")
    if sheet.empty:
        raise InputError(path, "no rows")
    hashes = sorted(set(sheet["corpus_sha256"]))
    if hashes != [corpus_sha256]:
        other = next((h for h in hashes if h != corpus_sha256), "")
        raise InputError(path, f"made for another corpus (corpus_sha256 {other[:12]}…, this corpus is "
                               f"{corpus_sha256[:12]}…): label a sheet made by `make label` on this corpus")
    texts = dict(zip(segments["seg_id"].astype(str), segments["text"].astype(str)))
    seen: set[str] = set()
    labelled = np.zeros(len(sheet), dtype=bool)
    values = {t: np.zeros(len(sheet), dtype=int) for t in themes}
    for i, r in enumerate(sheet.itertuples(index=False)):
        line = i + 2
        seg = r.seg_id
        if seg not in texts:
            raise InputError(path, f"line {line}: paragraph {seg!r} is not in this corpus")
        if r.text_sha1.strip() not in (sheet_key(texts[seg]), text_sha1(texts[seg])):
            raise InputError(path, f"line {line}: the text of {seg!r} differs from the corpus (text_sha1 "
                                   "does not match): the sheet is from another version of the articles")
        if seg in seen:
            raise InputError(path, f"line {line}: paragraph {seg!r} is on the sheet twice")
        seen.add(seg)
        got = []
        for t in themes:
            raw = getattr(r, t) if t.isidentifier() else sheet.iloc[i][t]
            try:
                got.append(_label_value(raw))
            except ValueError:
                raise InputError(path, f"line {line}, column {t!r}: {str(raw).strip()!r} is not a label "
                                       "(use 1 = the unit carries the theme, 0 = it does not)") from None
        if all(g is None for g in got):
            continue
        if any(g is None for g in got):
            empty = themes[[g is None for g in got].index(True)]
            raise InputError(path, f"line {line}, column {empty!r}: empty while other themes of the row are "
                                   "labelled: label every theme of a row (or none, to leave the row out)")
        labelled[i] = True
        for t, g in zip(themes, got):
            values[t][i] = g
    for c in ("stratum_units", "stratum_sampled", "para"):
        v = pd.to_numeric(sheet[c], errors="coerce")
        if v.isna().any() or (v < (0 if c == "para" else 1)).any():
            line = int(np.flatnonzero((v.isna() | (v < (0 if c == "para" else 1))).to_numpy())[0]) + 2
            raise InputError(path, f"line {line}, column {c!r}: expected a whole number")
        sheet[c] = v.astype(int)
    per = sheet.groupby("stratum")["stratum_units"].nunique()
    if (per > 1).any():
        raise InputError(path, f"stratum {per[per > 1].index[0]!r}: rows disagree on stratum_units")
    if not labelled.any():
        raise InputError(path, "no row is labelled yet: fill the theme columns with 0 or 1")
    for t in themes:
        sheet[t] = values[t]
    out = sheet[labelled].copy()
    out["labelled_in_stratum"] = out.groupby("stratum")["seg_id"].transform("size")
    out["weight"] = out["stratum_units"] / out["labelled_in_stratum"]
    return out.reset_index(drop=True), themes


# --------------------------------------------------------------------------- scoring
def _kish(w: np.ndarray) -> float:
    """Kish's effective sample size of weights ``w``: (Σw)² / Σw²."""
    s2 = float((w ** 2).sum())
    return float(w.sum()) ** 2 / s2 if s2 > 0 else 0.0


def weighted_share(y: np.ndarray, w: np.ndarray) -> tuple[float, float, float, float]:
    """A design-weighted share ``Σ w·y / Σ w`` with a 95% Wilson interval on
    Kish's effective sample size (Wilson score interval for p̂ with n_eff):
    ``(share, low, high, n_eff)``; NaNs when the weights are empty."""
    y, w = np.asarray(y, float), np.asarray(w, float)
    if len(w) == 0 or w.sum() <= 0:
        return np.nan, np.nan, np.nan, 0.0
    p = float((w * y).sum() / w.sum())
    n_eff = _kish(w)
    (lo,), (hi,) = wilson([p * n_eff], [n_eff])
    return p, float(lo), float(hi), n_eff


def score_label_sheet(sheet: pd.DataFrame, themes: list[str], predicted: pd.DataFrame) -> pd.DataFrame:
    """The codebook measured on the labelled sample, generalised to the corpus.

    In: a sheet from :func:`read_label_sheet`, its themes, and the codebook's
    codes of every unit (``predicted``: ``unit_id`` = seg_id + bool themes, e.g.
    ``Coding.all_paragraphs``). Each labelled unit carries ``weight = N_h / n_h``.

    Out, per theme: ``n_labelled``, ``n_pos`` (labelled 1), ``n_coded``
    (coded among the labelled); ``precision`` = Σw·y·p / Σw·p, ``recall`` =
    Σw·y·p / Σw·y, ``f1``; ``prevalence`` = Σw·y / Σw (the design-corrected
    share of units carrying the theme) beside ``coded_share`` (the codebook's
    share estimated from the same weighted sample: it equals its share of the
    corpus's counted units while the codebook is the one the sample was drawn
    with); 95% intervals: Wilson on Kish's effective sample size for
    precision, recall and prevalence, and for F1 the bracket of
    :func:`analysis.themes.validation.f1_interval`."""
    codes = predicted.set_index("unit_id")
    sizes = sheet.groupby("stratum")["stratum_units"].first()
    w = sheet["weight"].to_numpy(float)
    rows = []
    for t in themes:
        y = sheet[t].to_numpy(int).astype(bool)
        if t in codes:
            p = codes[t].reindex(sheet["seg_id"]).fillna(False).to_numpy(dtype=bool)
        else:
            p = np.zeros(len(sheet), dtype=bool)
        prec = weighted_share(y[p], w[p])
        rec = weighted_share(p[y], w[y])
        prev = weighted_share(y, w)
        coded = weighted_share(p, w)
        f1 = 2 * prec[0] * rec[0] / (prec[0] + rec[0]) if (prec[0] + rec[0]) > 0 else np.nan
        f_lo, f_hi = f1_interval(prec[1], prec[2], rec[1], rec[2])
        rows.append({"theme": t, "n_labelled": len(sheet), "n_pos": int(y.sum()), "n_coded": int(p.sum()),
                     "precision": prec[0], "p_low": prec[1], "p_high": prec[2],
                     "recall": rec[0], "r_low": rec[1], "r_high": rec[2],
                     "f1": f1, "f1_low": f_lo, "f1_high": f_hi,
                     "prevalence": prev[0], "prev_low": prev[1], "prev_high": prev[2],
                     "coded_share": coded[0], "corpus_units": int(sizes.sum())})
    return pd.DataFrame(rows)


def strata_table(sheet: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """One row per stratum of a read sheet: units in the corpus, labelled,
    weight, and the labelled positives per theme (the "n per stratum" a
    reader needs to judge the estimates)."""
    g = sheet.groupby("stratum", sort=True)
    out = pd.DataFrame({"stratum_units": g["stratum_units"].first(), "labelled": g.size(),
                        "weight": g["weight"].first()})
    for t in themes:
        out[f"{t}_pos"] = g[t].sum()
    return out.reset_index()
