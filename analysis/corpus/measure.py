"""Measure the corpus layer against a hand labelling of real articles.

    python -m analysis.corpus.measure CORPUS --facts FACTS.csv --gold GOLD.csv [--partners partners.yaml]
                                      [--compare us,japan,korea] [--details]

``CORPUS`` is a folder of articles (with its ``metadata.csv`` if the labelled
articles have URLs); ``FACTS.csv`` has one row per article (``doc_id``,
``outlet``, ``published``, ``event_date``, ``title_para``, ``title_is_noise``),
``GOLD.csv`` one row per paragraph (``doc_id``, ``para``, ``text_sha1``,
``partner``, ``boilerplate``, ``boilerplate_kind``), a paragraph being a
non-empty line of the file and ``para`` its 0-based index among them (the
layout of ``tests/data/dev_*.csv``, see ``tests/data/gold_guide.md``). The texts
are read from ``CORPUS``; nothing of them needs to be in the repository.

Prints, for the two dates, exact / unknown / wrong (a date given where the
labels have another, or none); outlets right / unknown / wrong; noise lines
flagged (boilerplate recall and precision per line, with the misses listed
under ``--details``); titles; and partner accuracy on content paragraphs, with
and without the paragraphs the labels call ``none``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from ..config import load_actors
from ..errors import InputError
from ..text import normalise_key, squash
from .load import list_articles, load_corpus, read_text

ROOT = Path(__file__).resolve().parents[2]


def _sha(text: str) -> str:
    return hashlib.sha1(squash(text).encode("utf-8")).hexdigest()[:10]


def _read_csv(path: str | Path) -> list[dict]:
    return list(csv.DictReader(read_text(Path(path)).splitlines()))


# --------------------------------------------------------------------------- alignment
def align_lines(corpus_dir: Path, segments: pd.DataFrame) -> dict[tuple[str, int], str]:
    """(doc_id, line index among non-empty lines) -> seg_id of the segment
    holding that line (the parser may glue a wrapped line to the one before or
    cut a glued caption off; a line then maps to the segment that holds most of it)."""
    out = {}
    by_doc = {d: g for d, g in segments.groupby("doc_id", sort=False)}
    for path in list_articles(corpus_dir):
        doc = path.stem
        if doc not in by_doc:
            continue
        segs = by_doc[doc]
        texts = [normalise_key(t) for t in segs["text"]]
        ids = segs["seg_id"].tolist()
        lines = [squash(x) for x in read_text(path).splitlines() if x.strip()]
        k = 0
        for i, line in enumerate(lines):
            key = normalise_key(line)
            best = None
            for j in range(max(0, k - 2), len(texts)):
                if texts[j] == key or (key and (key in texts[j] or texts[j] in key) and len(texts[j]) > 3):
                    best = j
                    break
            if best is not None:
                out[(doc, i)] = ids[best]
                k = best
    return out


# --------------------------------------------------------------------------- measures
def _date_outcome(ours: str, gold: str) -> str:
    if ours and ours == gold:
        return "exact"
    if not ours:
        return "unknown (labels agree)" if not gold else "unknown (labels have one)"
    return "wrong" if gold else "wrong (labels have none)"


def _outlet_names(actors, code: str) -> set[str]:
    o = actors.outlets.get(code)
    names = {code} if o is None else {code, o.name, *o.aliases}
    return {normalise_key(n).removeprefix("the ") for n in names}


def _outlet_outcome(actors, ours: str, gold: str) -> str:
    if ours == "unknown" or not ours:
        return "unknown"
    golds = {normalise_key(g).removeprefix("the ").strip() for g in
             [gold, gold.split("/")[0], gold.split("(")[0], gold.split(",")[0]]}
    return "right" if golds & _outlet_names(actors, ours) else "wrong"


def measure(corpus_dir: str | Path, facts_path: str | Path, gold_path: str | Path,
            partners_path: str | Path = ROOT / "config" / "partners.yaml",
            compare: list[str] | None = None) -> dict:
    """Every measure as plain data (see the module docstring)."""
    corpus_dir = Path(corpus_dir)
    actors = load_actors(partners_path).select(compare or ["us", "japan", "korea"])
    corpus = load_corpus(corpus_dir, actors)
    docs = corpus.documents.set_index("doc_id")
    seg = corpus.segments.set_index("seg_id")
    facts = [r for r in _read_csv(facts_path) if r["doc_id"] in docs.index]
    gold = [r for r in _read_csv(gold_path) if r["doc_id"] in docs.index]
    res: dict = {"articles": len(facts), "details": []}

    for col in ("published", "event_date"):
        outcomes = Counter()
        for f in facts:
            ours, want = docs.at[f["doc_id"], col], f[col].strip()
            o = _date_outcome(ours, want)
            outcomes[o] += 1
            if o.startswith("wrong") or o == "unknown (labels have one)":
                ev = docs.at[f["doc_id"], f"{col}_evidence" if col == "published" else "event_date_evidence"]
                res["details"].append(f"{col} {o}: {f['doc_id']} ours={ours or '-'} labels={want or '-'} ({ev[:90]})")
        res[col] = outcomes

    outlets = Counter()
    for f in facts:
        ours = docs.at[f["doc_id"], "outlet"]
        o = _outlet_outcome(actors, ours, f["outlet"])
        outlets[o] += 1
        if o != "right":
            res["details"].append(f"outlet {o}: {f['doc_id']} ours={ours} ({docs.at[f['doc_id'], 'outlet_source'][:50]}) "
                                  f"labels={f['outlet']} ({f['outlet_evidence']})")
    res["outlet"] = outlets

    where = align_lines(corpus_dir, corpus.segments)
    noise = Counter()
    partner_rows = []
    keys = set(actors.partner_keys)
    for g in gold:
        sid = where.get((g["doc_id"], int(g["para"])))
        if sid is None:
            noise["unaligned"] += 1
            continue
        s = seg.loc[sid]
        repeat = s["unit"] == "headline" and s["duplicate_of"] != ""
        flagged = bool(s["boilerplate"]) or repeat
        is_noise = g["boilerplate"] == "1"
        noise[("tp" if flagged else "fn") if is_noise else ("fp" if flagged else "tn")] += 1
        if is_noise != flagged:
            res["details"].append(f"noise {'missed' if is_noise else 'false flag'}: {sid} "
                                  f"[{g['boilerplate_kind'] or 'content'} / ours {s['boilerplate_kind'] or s['unit']}] "
                                  f"{s['text'][:70]!r}")
        if not is_noise:
            want = g["partner"] if g["partner"] in keys | {"both", "home", "none"} else "other"
            partner_rows.append((sid, want, s["partner"], s["text"]))
    res["noise"] = noise

    titles = Counter()
    for f in facts:
        d = docs.loc[f["doc_id"]]
        tp = f["title_para"].strip()
        if tp:
            sid = where.get((f["doc_id"], int(tp)))
            ok = sid is not None and d["title_source"] == "headline" and seg.at[sid, "text"] == d["title"]
            titles["headline right" if ok else "headline missed or wrong"] += 1
            if not ok:
                res["details"].append(f"title: {f['doc_id']} ours={d['title'][:60]!r} ({d['title_source']})")
        else:
            noisy = d["title_source"] == "headline"
            titles["no headline: none claimed" if not noisy else "no headline: a line taken for one"] += 1
            if noisy:
                res["details"].append(f"title: {f['doc_id']} has no headline; ours={d['title'][:60]!r}")
    res["titles"] = titles

    def accuracy(rows):
        return (sum(w == o for _, w, o, _ in rows), len(rows))
    res["partner_without_none"] = accuracy([r for r in partner_rows if r[1] != "none"])
    res["partner_with_none"] = accuracy(partner_rows)
    res["partner_confusion"] = Counter((w, o) for _, w, o, _ in partner_rows if w != o)
    for sid, w, o, text in partner_rows:
        if w != o:
            res["details"].append(f"partner: {sid} labels={w} ours={o} {text[:70]!r}")
    return res


def report(res: dict, details: bool = False) -> str:
    """The measures as text."""
    lines = [f"articles: {res['articles']}"]
    for col in ("published", "event_date"):
        c = res[col]
        wrong = c["wrong"] + c["wrong (labels have none)"]
        lines.append(f"{col}: exact {c['exact']}, unknown {c['unknown (labels agree)'] + c['unknown (labels have one)']} "
                     f"({c['unknown (labels have one)']} the labels know), wrong {wrong} "
                     f"({c['wrong (labels have none)']} where the labels have none)")
    o = res["outlet"]
    lines.append(f"outlets: right {o['right']}, unknown {o['unknown']}, wrong {o['wrong']}")
    n = res["noise"]
    rec = n["tp"] / (n["tp"] + n["fn"]) if n["tp"] + n["fn"] else float("nan")
    prec = n["tp"] / (n["tp"] + n["fp"]) if n["tp"] + n["fp"] else float("nan")
    lines.append(f"noise lines: {n['tp']} of {n['tp'] + n['fn']} flagged (recall {rec:.2f}), "
                 f"precision {prec:.2f} ({n['fp']} content lines flagged); {n['unaligned']} lines not aligned")
    t = res["titles"]
    lines.append("titles: " + ", ".join(f"{k} {v}" for k, v in sorted(t.items())))
    a, b = res["partner_without_none"], res["partner_with_none"]
    lines.append(f"partner accuracy, content paragraphs: {a[0]}/{a[1]} = {a[0] / max(a[1], 1):.3f} without `none`, "
                 f"{b[0]}/{b[1]} = {b[0] / max(b[1], 1):.3f} with `none`")
    lines.append("partner confusions (labels -> ours): " + ", ".join(
        f"{w}->{o} {k}" for (w, o), k in res["partner_confusion"].most_common()))
    if details:
        lines.append("")
        lines.extend(res["details"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.corpus.measure", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="folder of .txt articles (and metadata.csv)")
    ap.add_argument("--facts", required=True, help="per-article labels (dev_facts.csv layout)")
    ap.add_argument("--gold", required=True, help="per-paragraph labels (dev_gold.csv layout)")
    ap.add_argument("--partners", default=str(ROOT / "config" / "partners.yaml"))
    ap.add_argument("--compare", default="us,japan,korea", help="partner keys (comma-separated)")
    ap.add_argument("--details", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    try:
        res = measure(args.corpus, args.facts, args.gold, args.partners, args.compare.split(","))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report(res, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
