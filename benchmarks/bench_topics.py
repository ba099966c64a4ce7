"""Topic model at scale: 100,000 synthetic paragraphs on this machine.

The paragraphs recombine sentences of the seed articles (two per paragraph)
with ten words drawn from a 5,000-word random vocabulary, so the vocabulary
is large and the clusters are not trivially separable. Measured in a fresh
process (so the peak RSS is this workload's own):

- ``vectorise_s``: tokenising + counting words and bigrams (max 20,000 terms)
- ``fit_s``: the NMF fit with k = 6 on all paragraphs (the issue's target: < 60 s)
- ``stability_s``: 5 refits on samples of 5,000 paragraphs + NPMI coherence
- ``total_s``: ``analyse_topics`` end to end with k given (vectorise, fit, stability)
- ``auto_k_s``: choosing k from 2..6 (on a 5,000-paragraph sample)
- ``peak_rss``: the process's peak resident memory (target 4 GiB)

``python -m benchmarks.run --only topics`` (``--quick``: 20,000 paragraphs).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, re, resource, sys, time
import numpy as np, pandas as pd
sys.path.insert(0, ROOT)
from analysis.config import load_actors
from analysis.corpus.load import select_units
from analysis.report.prepare import prepare
from analysis import topics as tp
from analysis.topics.model import build_stop_words, build_vectorizer, fit_topics, vectorize
from analysis.topics.quality import choose_k, npmi_coherence, topic_stability

b = prepare(ROOT + "/seeds", ROOT + "/config/partners.yaml", ROOT + "/config/codebook.yaml")
seg = select_units(b.segments)
sents = [s for t in seg["text"] for s in re.split(r"(?<=[.;])\s+", t) if len(s) > 20]
rng = np.random.default_rng(0)
vocab = np.array([f"w{i}" for i in range(5000)])
texts = [" ".join(sents[j] for j in rng.choice(len(sents), size=2)) + " "
         + " ".join(vocab[rng.integers(0, 5000, size=10)]) for _ in range(N)]
units = pd.DataFrame({"seg_id": [f"s{i}" for i in range(N)], "doc_id": [f"d{i // 10}" for i in range(N)],
                      "partner": "none", "text": texts})
words = b.actors.stop_words()
out = {"n_units": N, "mean_words": float(np.mean([len(t.split()) for t in texts]))}
t0 = time.perf_counter()
counts, terms = vectorize(texts, build_vectorizer(build_stop_words(words), words, min_df=1, max_df=0.5))
t1 = time.perf_counter()
tm = fit_topics(n_topics=6, model="nmf", seed=0, counts=counts, terms=terms)
t2 = time.perf_counter()
topic_stability(tm, n_runs=5, max_sample=5000)
npmi_coherence(counts, terms, tm.top_terms)
t3 = time.perf_counter()
out.update(vectorise_s=t1 - t0, fit_s=t2 - t1, stability_s=t3 - t2)
t4 = time.perf_counter()
res = tp.analyse_topics(units, words, n_topics=6)
tp.topic_table(res); tp.segment_topics(res)
t5 = time.perf_counter()
choose_k(counts=counts, terms=terms, k_range=[2, 3, 4, 5, 6], max_sample=5000)
t6 = time.perf_counter()
out.update(total_s=t5 - t4, auto_k_s=t6 - t5,
           peak_rss_gib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20)
print(json.dumps(out))
"""


def measure(n_units: int) -> dict:
    """Run the workload in a fresh interpreter and return its measurements."""
    code = f"ROOT = {str(ROOT)!r}\nN = {int(n_units)}\n" + _CHILD
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"topic benchmark failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    n = 20000 if quick else 100000
    m = measure(n)
    tag = f"{n // 1000}k paragraphs"
    rows = [
        ("vectorise", m["vectorise_s"], "s", 60.0),
        ("NMF fit k=6", m["fit_s"], "s", 60.0),
        ("stability 5 runs + coherence", m["stability_s"], "s", 60.0),
        ("analyse_topics k=6 end to end", m["total_s"], "s", 60.0),
        ("choose k 2..6 (auto)", m["auto_k_s"], "s", 60.0),
        ("peak RSS", m["peak_rss_gib"], "GiB", 4.0),
    ]
    return [{"name": f"topics: {name} ({tag})", "value": round(v, 3), "unit": u, "target": t,
             "ratio": round(v / t, 3)} for name, v, u, t in rows]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
