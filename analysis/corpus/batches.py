"""Reading a corpus in per-file batches that can run side by side.

The per-article work of the corpus stage (parse each file, find the partner
mentions of each paragraph, split sentences) needs nothing outside its own
article, so it runs on batches of files: :func:`file_batches` cuts the sorted
file list into contiguous batches, :func:`parse_files` maps
:func:`parse_batch` over them with the ``map`` it is given (the report's
engine: a process pool, a Dask cluster; default: the built-in loop) and joins
the results in file order, so the tables are the same whatever ran them.

Errors travel as values: a batch stops at its first bad file and returns
``(path, problem)``; the caller raises the :class:`InputError` of the first
bad file in file order, exactly as a one-by-one loop would.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError

#: ``map(func, items) -> list`` (ordered), e.g. ``analysis.report.engines`` mappers.
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list]


def _serial_map(func, items):
    return [func(x) for x in items]


def file_batches(files: Sequence[Path], parallelism: int = 1, min_size: int = 25, max_size: int = 400) -> list[list[Path]]:
    """Contiguous batches of ``files`` (order kept): about four per worker so a
    slow batch does not hold the others up, each of ``min_size`` to
    ``max_size`` files (a few seeds make one batch)."""
    files = list(files)
    if not files:
        return []
    size = -(-len(files) // max(1, 4 * parallelism))
    size = max(min_size, min(max_size, size))
    return [files[i:i + size] for i in range(0, len(files), size)]


def parse_batch(task: tuple) -> dict:
    """Parse one batch: ``task = (paths, aliases, hosts, meta_rows, matchers)``
    (``meta_rows``: doc_id -> its ``metadata.csv`` row, for this batch). Returns
    ``{"docs": [...], "segs": [...]}`` (rows as :func:`analysis.corpus.load.parse_file`
    gives them; with ``matchers``, each segment row also carries its partner
    ``mentions``, so attribution does not scan the text again) or
    ``{"error": (path, problem)}`` for the batch's first bad file."""
    from .load import parse_file
    from .partners import PartnerScanner

    paths, aliases, hosts, meta_rows, matchers = task
    scanner = PartnerScanner(matchers) if matchers else None
    docs, segs = [], []
    for path in paths:
        path = Path(path)
        try:
            d, s = parse_file(path, aliases, hosts, meta_rows.get(path.stem))
        except InputError as exc:
            return {"error": (exc.path, exc.problem)}
        if scanner is not None:
            for row in s:
                row["mentions"] = scanner.mentions(row["text"])
        docs.append(d)
        segs.extend(s)
    return {"docs": docs, "segs": segs}


def parse_files(files: Sequence[Path], aliases: dict[str, str], hosts: dict[str, str] | None = None,
                meta_rows: dict[str, dict] | None = None, matchers: dict | None = None,
                map: Mapper | None = None, parallelism: int = 1) -> tuple[list[dict], list[dict]]:
    """Document and segment rows of every file, in file order (see :func:`parse_batch`)."""
    batches = file_batches(files, parallelism)
    meta_rows = meta_rows or {}
    tasks = [(b, aliases, hosts, {p.stem: meta_rows[p.stem] for p in b if p.stem in meta_rows}, matchers)
             for b in batches]
    results = (map or _serial_map)(parse_batch, tasks)
    docs, segs = [], []
    for res in results:
        if "error" in res:
            raise InputError(*res["error"])
        docs.extend(res["docs"])
        segs.extend(res["segs"])
    return docs, segs


def _split_chunk(segments: pd.DataFrame) -> pd.DataFrame:
    from .sentences import split_sentences

    return split_sentences(segments)


def split_sentences_batched(segments: pd.DataFrame, map: Mapper | None = None, parallelism: int = 1,
                            min_rows: int = 2000) -> pd.DataFrame:
    """:func:`analysis.corpus.sentences.split_sentences` on chunks of whole
    articles, joined in order (the same table as one call)."""
    from .sentences import split_sentences

    if map is None or parallelism <= 1 or len(segments) < min_rows:
        return split_sentences(segments)
    cols = [c for c in ("seg_id", "doc_id", "para", "unit", "text", "partner", "partners", "boilerplate",
                        "duplicate_of", "event_id") if c in segments]
    seg = segments[cols].reset_index(drop=True)
    n = 4 * parallelism
    # cut at article boundaries so no article is split between chunks
    starts = seg.index[seg["doc_id"].ne(seg["doc_id"].shift())].to_numpy()
    cuts = [int(starts[min(len(starts) - 1, round(k * len(starts) / n))]) for k in range(1, n)]
    bounds = sorted(set([0, *cuts, len(seg)]))
    chunks = [seg.iloc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    return pd.concat(map(_split_chunk, chunks), ignore_index=True)
