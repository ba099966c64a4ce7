"""One call that every notebook starts with: load config and corpus.

``prepare`` validates everything a report depends on (corpus folder, partners,
codebook) and returns the tidy tables. The report CLI calls it once before
running any notebook, so bad input stops the run with a one-line message and
the last good report stays in place.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import Actors, load_actors
from ..corpus.files import corpus_listing
from ..corpus.load import load_corpus


@dataclass
class Bundle:
    """Everything a notebook needs: config objects and the corpus tables
    (documents, segments, sentences and the meetings in ``events``)."""

    documents: pd.DataFrame
    segments: pd.DataFrame
    sentences: pd.DataFrame
    actors: Actors
    codebook: Any = None
    warnings: list[str] = field(default_factory=list)
    #: the meetings: one row per event (``analysis.corpus.events.find_events``)
    events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["event_id", "partner", "event_date", "participants", "doc_ids", "seg_ids", "linked_by"]))
    #: theme codings already computed, by (include_boilerplate, include_duplicates)
    codings: dict = field(default_factory=dict, repr=False)

    def coding(self, include_boilerplate: bool = False, include_duplicates: bool = False, map=None,
               parallelism: int = 1):
        """The corpus coded for the codebook's themes
        (:func:`analysis.themes.code_corpus`), computed once per selection and
        kept in the bundle: the report computes it before the notebooks run,
        and they share it through the bundle cache."""
        key = (bool(include_boilerplate), bool(include_duplicates))
        if key not in self.codings:
            from ..themes.coding import code_corpus

            self.codings[key] = code_corpus(self.segments, self.sentences, self.documents, self.codebook,
                                            include_boilerplate=key[0], include_duplicates=key[1],
                                            map=map, parallelism=parallelism)
        return self.codings[key]

    @property
    def partner_keys(self) -> list[str]:
        return self.actors.partner_keys

    def units(self, unit: str) -> tuple[pd.DataFrame, str]:
        """The table of ``unit`` ("paragraph" or "sentence") and its id column."""
        if unit == "paragraph":
            return self.segments, "seg_id"
        if unit == "sentence":
            return self.sentences, "sent_id"
        raise ValueError(f"unit must be 'paragraph' or 'sentence', got {unit!r}")

    def labels(self) -> dict[str, str]:
        """Display names: every partner key and the home key to its label, plus ``both``."""
        return {self.actors.home.key: self.actors.home.label, "both": "both sides",
                **{k: a.label for k, a in self.actors.partners.items()}}


def _cache_key(corpus_dir, partners_path, codebook_path, partners, dup_threshold) -> str:
    from .. import __version__
    from .fingerprint import corpus_key

    h = hashlib.sha256()
    for part in (__version__, pd.__version__, corpus_key(corpus_dir), repr(list(partners or [])),  # order matters
                 repr(dup_threshold)):
        h.update(str(part).encode() + b"\0")
    for path in (partners_path, codebook_path):
        h.update(Path(path).read_bytes() if path is not None and Path(path).is_file() else b"-")
    # the package's own source: a changed rule must not serve stale tables
    for src in sorted(Path(__file__).parent.parent.rglob("*.py")):
        h.update(src.read_bytes())
    return h.hexdigest()[:32]


def _prune_cache(cache_dir: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently written bundles."""
    bundles = sorted(cache_dir.glob("bundle-*.pkl"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    for old in bundles[keep:]:
        old.unlink(missing_ok=True)


def _write_cache(bundle: Bundle, cached: Path) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cached)


def prepare(corpus_dir: str | Path, partners_path: str | Path, codebook_path: str | Path | None = None,
            partners: list[str] | None = None, dup_threshold: float = 0.5,
            cache_dir: str | Path | None = None, keep_cached: int = 8, codings: list[tuple[bool, bool]] = (),
            map=None, parallelism: int = 1) -> Bundle:
    """Load ``partners.yaml`` (restricted to ``partners`` when given), the
    codebook and the corpus. Raises :class:`analysis.errors.InputError` naming
    the file and the problem for any bad input. A selection of one partner is
    allowed (comparisons then say so) and noted in ``Bundle.warnings``.

    With ``cache_dir``, the prepared bundle is kept there as a pickle keyed by
    the hashes of every input (corpus files, config files, parameters, package
    source), so the notebooks of one report parse the corpus once; only the
    ``keep_cached`` most recently written bundles are kept. ``codings``:
    the ``(include_boilerplate, include_duplicates)`` selections to code for
    themes before the bundle is cached (see :meth:`Bundle.coding`).
    ``map``/``parallelism``: an engine's ordered map for the per-article work
    (:mod:`analysis.report.engines`); the tables do not depend on it.

    Relative paths are taken from the project root (:func:`.paths.project_path`),
    so a notebook's defaults work from any working directory."""
    from .paths import project_path

    corpus_dir, partners_path = project_path(corpus_dir), project_path(partners_path)
    codebook_path, cache_dir = project_path(codebook_path), project_path(cache_dir)
    if cache_dir is not None:
        corpus_listing(corpus_dir)  # a missing or empty folder is an InputError, not a hashing failure
        key = _cache_key(corpus_dir, partners_path, codebook_path, partners, dup_threshold)
        cached = Path(cache_dir) / f"bundle-{key}.pkl"
        bundle = None
        if cached.is_file():
            try:
                with cached.open("rb") as fh:
                    bundle = pickle.load(fh)
            except Exception:  # a damaged cache is rebuilt, never trusted
                cached.unlink(missing_ok=True)
        fresh = bundle is None
        if fresh:
            bundle = prepare(corpus_dir, partners_path, codebook_path, partners, dup_threshold,
                             map=map, parallelism=parallelism)
        missing = [c for c in codings if (bool(c[0]), bool(c[1])) not in bundle.codings] if bundle.codebook else []
        for c in missing:
            bundle.coding(*c, map=map, parallelism=parallelism)
        if fresh or missing:
            _write_cache(bundle, cached)
            _prune_cache(Path(cache_dir), keep=keep_cached)
        return bundle
    actors = load_actors(partners_path).select(list(partners or []))
    codebook = None
    if codebook_path is not None:
        from ..themes.codebook import load_codebook

        codebook = load_codebook(codebook_path)
    corpus = load_corpus(corpus_dir, actors, dup_threshold=dup_threshold, map=map, parallelism=parallelism)
    warnings = list(corpus_listing(corpus_dir).notes)   # files of the folder that were not read
    if len(actors.partners) < 2:
        warnings.append(f"{actors.path}: only one partner ({', '.join(actors.partners)}) is selected; "
                        "partner comparisons are left out")
    seen = set(corpus.documents["partners"].str.split(";").explode().dropna()) - {""}
    for key in actors.partners:
        if key not in seen:
            warnings.append(f"{corpus_dir}: no article names the partner {key!r}")
    bundle = Bundle(corpus.documents, corpus.segments, corpus.sentences, actors, codebook, warnings, corpus.events)
    for c in codings if codebook is not None else ():
        bundle.coding(*c, map=map, parallelism=parallelism)
    return bundle
