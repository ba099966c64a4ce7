"""Scale: the whole report as a user runs it, against floors measured in the same run.

Every figure is a ratio of two wall times (or a memory) measured one after the
other in this run, so a busy machine slows both sides alike:

- ``seeds warm / empty``: ``python -m analysis report --force`` on the seeds,
  after one run that warmed the bundle cache, over the same command on ONE
  empty notebook (a kernel start, papermill, nbconvert, the index): target 1.5;
- ``no-op``: the same command again without ``--force``, nothing changed: it
  must say the report is up to date within 1 s;
- ``10k / floor``: the whole report on 10,000 generated articles
  (:mod:`benchmarks.generate`, cold cache) over reading the same files and one
  ``CountVectorizer(ngram_range=(1, 2))`` pass over them: target 4; with the peak
  memory of all the run's processes together (the CLI, its pool, the kernels):
  target 2 GiB;
- ``1k``, ``10k`` (and ``100k`` with ``--big``) seconds per 1,000 articles, to
  show that the cost is linear in the corpus;
- ``100k on Dask`` (``--big`` only): the report with ``--engine dask`` on a
  2-worker local cluster, with the peak memory of each worker: target 2 GiB.

``python -m benchmarks.run --only scale`` (``--quick``: 1,000 articles as the
large corpus). ``python -m benchmarks.bench_scale --big`` adds the 100k runs.
Corpora are generated once into ``$KIT_BENCH_DIR`` (default ``/tmp/kit-bench``).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(os.environ.get("KIT_BENCH_DIR", "/tmp/kit-bench"))


def corpus(n: int) -> Path:
    """The generated corpus of ``n`` articles (written on first use)."""
    from benchmarks.generate import build_corpus

    folder = BENCH_DIR / f"corpus-{n}"
    done = folder / ".complete"
    if not done.is_file():
        build_corpus(folder, n, seed=0)
        done.write_text("ok\n")
    return folder


class PeakMemory:
    """Polls the resident memory of a process and all its descendants (every
    0.2 s): ``total`` is the peak of their sum, ``per_process`` the peak of each
    process whose command line contains ``match`` (e.g. Dask workers)."""

    def __init__(self, pid: int, match: str | None = None):
        self.pid, self.match = pid, match
        self.total = 0
        self.per_process: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    total += rss
                    if self.match and self.match in " ".join(p.cmdline()):
                        self.per_process[p.pid] = max(self.per_process.get(p.pid, 0), rss)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            self.total = max(self.total, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def report(corpus_dir: Path, reports: Path, *extra: str, notebooks: Path | None = None,
           config: Path | None = None, cache: Path | None = None, match: str | None = None) -> dict:
    """Run the CLI once; return its wall seconds, peak memory and output."""
    args = [sys.executable, "-m", "analysis", "report", "--corpus", str(corpus_dir), "--reports-dir", str(reports),
            "--quiet", *extra]
    if notebooks is not None:
        args += ["--notebooks-dir", str(notebooks)]
    if config is not None:
        args += ["--report-config", str(config)]
    env = {**os.environ}
    if cache is not None:
        env["KIT_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid, match) as mem:
        out, err = proc.communicate(timeout=7200)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"report failed ({proc.returncode}): {' '.join(args)}\n{out}\n{err[-3000:]}")
    return {"s": seconds, "peak_gib": mem.total / 2 ** 30, "per_process_gib": [v / 2 ** 30 for v in mem.per_process.values()],
            "stdout": out}


def floor(corpus_dir: Path) -> float:
    """Seconds to read every article and run one CountVectorizer(1-2 grams) over them."""
    code = ("import glob, sys, time\n"
            "from sklearn.feature_extraction.text import CountVectorizer\n"
            "t = time.perf_counter()\n"
            f"texts = [open(f, encoding='utf-8').read() for f in sorted(glob.glob({str(corpus_dir)!r} + '/*.txt'))]\n"
            "CountVectorizer(ngram_range=(1, 2)).fit_transform(texts)\n"
            "print(time.perf_counter() - t)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def _empty_notebooks(folder: Path) -> tuple[Path, Path]:
    import nbformat

    nbs = folder / "empty_notebooks"
    nbs.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, nbs / "00_empty.ipynb")
    config = folder / "report.yaml"
    config.write_text("default: {}\n", encoding="utf-8")
    return nbs, config


def row(name: str, value: float, unit: str, target: float, **extra) -> dict:
    return {"name": name, "value": round(value, 3), "unit": unit, "target": target,
            "ratio": round(value / target, 3), **extra}


def run(quick: bool = False, big: bool = False) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        seeds = ROOT / "seeds"
        nbs, config = _empty_notebooks(tmp)
        # warm: the bundle cache, the page cache, the bytecode
        report(seeds, tmp / "r", "--name", "seeds", cache=tmp / "cache")
        report(seeds, tmp / "r", "--name", "empty", notebooks=nbs, config=config, cache=tmp / "cache")
        warm = report(seeds, tmp / "r", "--name", "seeds", "--force", cache=tmp / "cache")["s"]
        empty = report(seeds, tmp / "r", "--name", "empty", "--force", notebooks=nbs, config=config,
                       cache=tmp / "cache")["s"]
        noop = report(seeds, tmp / "r", "--name", "seeds", cache=tmp / "cache")
        assert "up to date" in noop["stdout"], noop["stdout"]
        rows += [row(f"seeds report warm / one empty notebook ({warm:.1f} s / {empty:.1f} s)", warm / empty, "x", 1.5),
                 row("no-op rebuild of the seeds report (says up to date)", noop["s"], "s", 1.0)]

        sizes = [1000] if quick else [1000, 10_000]
        if big:
            sizes.append(100_000)
        per_k = {}
        for n in sizes:
            folder = corpus(n)
            res = report(folder, tmp / "r", "--name", f"c{n}", cache=tmp / f"cache-{n}")
            data = sum(p.stat().st_size for p in (tmp / "r" / f"c{n}" / "data").iterdir())
            per_k[n] = res["s"] / (n / 1000)
            rows.append(row(f"{n:,} articles: whole report, cold (s per 1,000 articles)", per_k[n], "s/1k",
                            per_k[min(per_k)], wall_s=round(res["s"], 1), data_mib=round(data / 2 ** 20, 1),
                            peak_gib=round(res["peak_gib"], 2)))
            if n == (1000 if quick else 10_000):
                fl = floor(folder)
                rows += [row(f"{n:,} articles: report / read + CountVectorizer(1-2) floor "
                             f"({res['s']:.1f} s / {fl:.1f} s)", res["s"] / fl, "x", 4.0),
                         row(f"{n:,} articles: peak memory, all processes", res["peak_gib"], "GiB", 2.0),
                         row(f"{n:,} articles: data/ size", data / 2 ** 20, "MiB", 100.0 * n / 10_000)]
        if big:
            folder = corpus(100_000)
            res = report(folder, tmp / "r", "--name", "dask100k", "--engine", "dask", "--workers", "2",
                         cache=tmp / "cache-dask", match="distributed")
            workers = sorted(res["per_process_gib"], reverse=True)[:3]
            rows += [row(f"100,000 articles on Dask (2 workers): whole report ({res['s']:.0f} s)", res["s"] / 100,
                         "s/1k", per_k[min(per_k)]),
                     row("100,000 articles on Dask: peak memory of the largest Dask process", max(workers or [0]),
                         "GiB", 2.0, processes=[round(w, 2) for w in workers])]
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv, big="--big" in sys.argv):
        print(r)
