"""Hashes that identify a run's inputs: for the manifest and the corpus cache."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_files(corpus_dir: str | Path) -> list[Path]:
    """The files of the corpus folder that are read (articles and metadata.csv),
    sorted: the same listing the reader uses (:func:`analysis.corpus.corpus_listing`),
    so the cache key and the manifest see exactly what is read."""
    from ..corpus.files import corpus_listing

    return corpus_listing(corpus_dir).files


def corpus_hash(file_hashes: Iterable[str]) -> str:
    """The corpus fingerprint shown in a report: sha256 over the sorted file
    hashes, one per line (independent of file order and location; any changed
    byte changes it)."""
    return hashlib.sha256("\n".join(sorted(file_hashes)).encode()).hexdigest()


def corpus_key(corpus_dir: str | Path) -> str:
    """Like :func:`corpus_hash`, but also over each file's name: a renamed
    file changes an article's ``doc_id``, so the corpus cache must see it."""
    root = Path(corpus_dir)
    lines = sorted(f"{p.relative_to(root).as_posix()}\t{file_sha256(p)}" for p in corpus_files(root))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
