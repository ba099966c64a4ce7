"""The label sheet round trip on the analyst's own corpus: ``make label`` writes
``reports/<name>/label_sheet.csv`` (a stratified sample to label by hand), and
``make report LABELS=<filled sheet>`` checks it before anything runs and shows
the codebook's precision, recall and F1 on this corpus and design-corrected
prevalence on the Themes page.

In: the corpus, partners and codebook paths (as for a report). Out: the sheet
and its strata on disk (:func:`write_label_sheet`), a checked sheet
(:func:`check_label_sheet`, InputError otherwise) and what the Themes page
shows (:func:`corpus_validation`).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..themes.coding import Coding, code_corpus, counted_units
from ..themes.labels import read_label_sheet, sample_label_sheet, score_label_sheet, strata_table
from ..themes.misses import lookalike_ids, miss_scores
from .fingerprint import corpus_files, corpus_hash, file_sha256
from .outputs import write_table
from .paths import project_path

SHEET_NAME = "label_sheet.csv"
STRATA_NAME = "label_strata.csv"
#: files of a report folder that a report run carries over into the new report
KEEP_FILES = (SHEET_NAME, STRATA_NAME)


def corpus_sha256(corpus_dir: str | Path) -> str:
    """The corpus hash a report's manifest shows (``corpus.sha256``): sha256
    over the sorted sha256 of every file of the folder."""
    return corpus_hash(file_sha256(p) for p in corpus_files(corpus_dir))


def write_label_sheet(corpus_dir: str | Path, name: str, n: int, reports_dir: str | Path = "reports",
                      codebook_path: str | Path = "config/codebook.yaml",
                      partners_path: str | Path = "config/partners.yaml", seed: int = 0, force: bool = False,
                      cache_dir: str | Path | None = None) -> tuple[Path, pd.DataFrame]:
    """``make label``: sample ``n`` counted units of the corpus for hand
    labelling and write ``<reports_dir>/<name>/label_sheet.csv`` and
    ``label_strata.csv``. Refuses (InputError) to overwrite a sheet unless
    ``force``: a filled sheet is hours of work. Returns the sheet's path and
    the strata table."""
    from .prepare import prepare
    from .spec import NAME_RE

    if not NAME_RE.match(name) or name.endswith(".failed"):
        raise InputError(None, f"report name {name!r}: use letters, digits, '_', '-', '.'")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(None, f"N={n!r}: the number of units to sample must be a whole number of at least 1")
    corpus_dir, reports_dir = project_path(corpus_dir), project_path(reports_dir)
    target = reports_dir / name
    sheet_path = target / SHEET_NAME
    if sheet_path.exists() and not force:
        raise InputError(sheet_path, "a label sheet is already there (it may hold labels): move it away, "
                                     "or pass --force (make label FORCE=1) to replace it")
    bundle = prepare(corpus_dir, partners_path, codebook_path, cache_dir=cache_dir)
    cb = bundle.codebook
    themes = cb.main_keys or cb.keys
    coding = code_corpus(bundle.segments, bundle.sentences, bundle.documents, cb)
    units, matrix = counted_units(bundle.segments, coding)
    if units.empty:
        raise InputError(corpus_dir, "no paragraph or headline to sample (everything is boilerplate or a duplicate)")
    scores, _ = miss_scores(units, matrix, themes, stop_words=bundle.actors.stop_words())
    per_theme = max(5, 2 * n // (4 * len(themes)))
    look = lookalike_ids(scores, matrix, themes, per_theme)
    sheet, strata = sample_label_sheet(units, matrix, themes, n, corpus_sha256(corpus_dir), look, seed, cb.labels)
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / f".label-{n}-{seed}"
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        written = [write_table(sheet, "label_sheet", tmp), write_table(strata, "label_strata", tmp)]
        for path, final in zip(written, (sheet_path, target / STRATA_NAME)):
            path.replace(final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return sheet_path, strata


def check_label_sheet(path: str | Path, segments: pd.DataFrame, corpus_dir: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """A filled sheet read and checked against this corpus (InputError naming the
    file and the first problem otherwise; see :func:`analysis.themes.read_label_sheet`)."""
    return read_label_sheet(project_path(path), segments, corpus_sha256(project_path(corpus_dir)))


def corpus_validation(labels_path: str | Path | None, corpus_dir: str | Path, segments: pd.DataFrame,
                      coding: Coding, themes: list[str]) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """What the Themes page says about the codebook's quality ON THIS CORPUS:
    ``(message, scores, strata)``. Without a sheet the message says the
    codebook is unvalidated here and both tables are empty; with one, the
    scores are :func:`analysis.themes.score_label_sheet` against the codebook
    as it is now, and ``strata`` gives n per stratum."""
    empty = pd.DataFrame()
    labels_path, corpus_dir = project_path(labels_path), project_path(corpus_dir)
    if labels_path is None:
        return ("**Unvalidated on this corpus.** No label sheet was given, so nothing here measures how "
                "well the codebook codes *these* articles; scores measured on other articles (the seeds, the "
                "development set) do not carry over. Run `make label CORPUS=… NAME=…`, label the sheet by "
                "the gold guide's rules and pass it back with `LABELS=`."), empty, empty
    sheet, sheet_themes = check_label_sheet(labels_path, segments, corpus_dir)
    shared = [t for t in themes if t in sheet_themes]
    scores = score_label_sheet(sheet, shared, coding.all_paragraphs)
    strata = strata_table(sheet, shared)
    lost = [t for t in sheet_themes if t not in themes]
    note = (f"Validated on this corpus: {len(sheet)} units labelled by hand in {len(strata)} strata "
            f"(of {int(strata['stratum_units'].sum())} counted units), file `{Path(labels_path).name}`. Each "
            "labelled unit stands for the units of its stratum (weight = units in the stratum / units "
            "labelled there), so precision, recall and prevalence are estimates for the whole corpus, "
            "with 95% intervals (Wilson on the effective sample size; for F1, the F1 of those bounds).")
    if lost:
        note += f" The sheet's themes {', '.join(lost)} are not in this codebook and are left out."
    missing = [t for t in themes if t not in sheet_themes]
    if missing:
        note += f" Not labelled on the sheet, so unvalidated: {', '.join(missing)}."
    return note, scores, strata


def carry_over(old_report: Path, staging: Path) -> None:
    """Copy the label sheet and its strata from the report being replaced into
    the new one (a report run must never delete an analyst's labels)."""
    for name in KEEP_FILES:
        src = old_report / name
        if src.is_file() and not (staging / name).exists():
            shutil.copy2(src, staging / name)
