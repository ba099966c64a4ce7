"""Corpus loading at scale: 10,000 articles built from the seed paragraphs.

Synthetic articles use the seeds' vocabulary; one in ten repeats part of an
earlier article, so near-duplicate detection sees a realistic share of copies. Target from
DESIGN.md: one machine takes 10,000 articles "in about a minute" end to end;
loading the corpus gets a third of that.
"""
from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(folder: Path, n_articles: int, seed: int = 0, copy_share: float = 0.1) -> None:
    """Write ``n_articles`` synthetic articles: 8 paragraphs of 40 words drawn
    from the seeds' vocabulary, with a partner named in each; ``copy_share`` of
    the articles repeat five paragraphs of an earlier one with a few words
    changed (a second outlet reporting the same meeting)."""
    from analysis.corpus.paragraphs import split_paragraphs

    rng = random.Random(seed)
    vocab = sorted({w for f in sorted((ROOT / "seeds").glob("*.txt"))
                    for p in split_paragraphs(f.read_text(encoding="utf-8")) for w in p.split()})
    articles: list[list[str]] = []
    for i in range(n_articles):
        if articles and rng.random() < copy_share:
            src = rng.choice(articles)
            body = []
            for p in src[:5]:
                ws = p.split()
                for _ in range(3):
                    ws[rng.randrange(len(ws))] = rng.choice(vocab)
                body.append(" ".join(ws))
            body += [" ".join(rng.choices(vocab, k=40)) + "." for _ in range(3)]
        else:
            body = [" ".join(rng.choices(vocab, k=40)) + "." for _ in range(8)]
            body[0] = rng.choice(["Japan", "The US", "Japanese officials", "Secretary Blinken"]) + " " + body[0]
        articles.append(body)
        month = rng.randrange(1, 13)
        text = f" date 2023-{month:02d}-{rng.randrange(1, 28):02d} VIETNAM -\n\n" + "\n\n".join(body) + " — VNS\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


def run(quick: bool = False) -> list[dict]:
    from analysis.config import load_actors
    from analysis.corpus.load import load_corpus

    n = 1000 if quick else 10_000
    target = 20.0 * n / 10_000
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp), n)
        actors = load_actors(ROOT / "config" / "partners.yaml")
        t0 = time.perf_counter()
        corpus = load_corpus(tmp, actors)
        secs = time.perf_counter() - t0
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20
    return [
        {"name": f"load_corpus: {n:,} articles, {len(corpus.segments):,} paragraphs", "value": round(secs, 2),
         "unit": "s", "target": target, "ratio": round(secs / target, 3)},
        {"name": "load_corpus: peak RSS of the process", "value": round(rss_gib, 2), "unit": "GiB",
         "target": 4.0, "ratio": round(rss_gib / 4.0, 3)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
