"""The Dask engine's part of a report on a large corpus, with each worker's peak memory.

``python -m benchmarks.dask_bundle CORPUS [--workers 2] [--memory 2GiB]`` starts a
local cluster, computes the bundle (parse, partners, sentences, near-duplicates
across partitions, theme coding) on it as ``make report ENGINE=dask`` does, and
prints the wall time, the peak resident memory of every worker process (polled
every 0.5 s) and of this (client) process.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    import psutil

    from analysis.report.engines import open_engine
    from analysis.report.prepare import prepare

    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory", default="2GiB")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    with open_engine("dask", workers=args.workers, memory_limit=args.memory) as engine:
        pids = list(engine.client.run(os.getpid).values())
        peak = {pid: 0 for pid in pids}
        stop = threading.Event()

        def poll():
            while not stop.is_set():
                for pid in pids:
                    try:
                        peak[pid] = max(peak[pid], psutil.Process(pid).memory_info().rss)
                    except psutil.NoSuchProcess:
                        pass
                stop.wait(0.5)

        th = threading.Thread(target=poll, daemon=True)
        th.start()
        start = time.perf_counter()
        b = prepare(args.corpus, ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml",
                    codings=[(False, False)], map=engine.mapper(), parallelism=engine.parallelism)
        seconds = time.perf_counter() - start
        stop.set()
        th.join()
        restarts = sorted(set(engine.client.run(os.getpid).values()) - set(pids))
    out = {"articles": len(b.documents), "paragraphs": len(b.segments), "sentences": len(b.sentences),
           "near_duplicate_paragraphs": int((b.segments["duplicate_of"] != "").sum()),
           "hits": len(b.coding().hits), "bundle_s": round(seconds, 1), "with_cluster_start_s": round(time.perf_counter() - t0, 1),
           "worker_peak_gib": [round(v / 2 ** 30, 2) for v in peak.values()],
           "workers_restarted": len(restarts),
           "client_peak_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20, 2)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
