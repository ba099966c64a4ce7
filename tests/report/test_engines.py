"""The engines give the same report: a built corpus through the local engine
(a process pool) and through the Dask engine on a 2-worker ``LocalCluster``
that the test starts, every table in ``data/`` compared byte for byte.

Without Dask installed the test is skipped on a developer's machine but FAILS
under CI (``CI=true``): the engine is part of the product.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.generate import build_corpus
from tests.conftest import ROOT, cli

N_ARTICLES = 160   # several partitions of files (25 a batch), a few thousand paragraphs


def _need_dask():
    if os.environ.get("CI", "").lower() == "true":
        import distributed  # noqa: F401 - under CI a missing engine is a failure, not a skip
        return
    pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker Dask cluster on this machine, one thread and 2 GiB per worker."""
    _need_dask()
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="2GiB",
                      dashboard_address=None, scheduler_kwargs={"dashboard": False},
                      silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("built") / "corpus", N_ARTICLES, seed=3)


def _tables(report_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((report_dir / "data").iterdir()) if p.is_file()}


def test_corpus_tables_are_the_same_serial_pooled_and_on_dask(corpus, cluster):
    from analysis.config import load_actors
    from analysis.corpus.load import load_corpus
    from analysis.report.engines import open_engine
    from analysis.themes.codebook import load_codebook

    actors = load_actors(ROOT / "config" / "partners.yaml")
    cb = load_codebook(ROOT / "config" / "codebook.yaml")
    serial = load_corpus(corpus, actors)
    assert serial.segments["duplicate_of"].ne("").sum() > 0          # the built corpus has copies to link
    for engine in (open_engine("local", workers=2), open_engine("dask", scheduler=cluster.scheduler_address)):
        with engine:
            assert engine.parallelism == 2
            mapped = load_corpus(corpus, actors, map=engine.mapper(), parallelism=engine.parallelism)
            for name in ("documents", "segments", "sentences"):
                pd.testing.assert_frame_equal(getattr(serial, name), getattr(mapped, name))
            from analysis.themes.coding import code_corpus, find_hits, find_hits_batched

            hits = find_hits_batched(serial.segments, cb, engine.mapper(), engine.parallelism, min_rows=100)
            pd.testing.assert_frame_equal(hits, find_hits(serial.segments, cb))
            one = code_corpus(serial.segments, serial.sentences, serial.documents, cb)
            many = code_corpus(serial.segments, serial.sentences, serial.documents, cb, map=engine.mapper(),
                               parallelism=engine.parallelism)
            for name in ("hits", "paragraphs", "sentences", "documents", "document_slices"):
                pd.testing.assert_frame_equal(getattr(one, name), getattr(many, name))


def test_local_and_dask_reports_have_identical_tables(corpus, cluster, tmp_path):
    runs = {}
    for engine, extra in (("local", ["--workers", "2"]), ("dask", ["--scheduler", cluster.scheduler_address])):
        reports = tmp_path / engine
        # each run parses the corpus itself: no bundle cache shared between them
        proc = cli("report", "--quiet", "--corpus", str(corpus), "--reports-dir", str(reports), "--name", "built",
                   "--engine", engine, *extra, env={"KIT_CACHE_DIR": str(tmp_path / f"cache-{engine}")},
                   timeout=900)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        runs[engine] = reports / "built"
    local, dask = _tables(runs["local"]), _tables(runs["dask"])
    assert len(local) > 20 and "segments.csv" in local and "theme_hits.csv" in local
    assert local.keys() == dask.keys()
    assert [name for name in local if local[name] != dask[name]] == []
    manifest = (runs["dask"] / "manifest.json").read_text(encoding="utf-8")
    assert '"engine": "dask"' in manifest
