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
DROPPED = "(dropped)"


def align_lines(corpus_dir: Path, segments: pd.DataFrame) -> dict[tuple[str, int], str]:
    """(doc_id, line index among non-empty lines) -> seg_id of the segment
    holding that line (the parser may glue a wrapped line to the one before or
    cut a glued caption off; a line then maps to the segment that holds most of it);
    a line with no letter or digit, which the parser drops, maps to ``DROPPED``."""
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
            if not any(c.isalnum() for c in key):      # the parser drops lines with no letter or digit
                out[(doc, i)] = DROPPED
                continue
            for j in range(k, len(texts)):
                if texts[j] == key or key in texts[j]:
                    out[(doc, i)] = ids[j]           # the line itself, or glued into a longer paragraph
                    k = j
                    break
                if texts[j] and texts[j] in key:     # the line cut in several: the longest piece speaks for it
                    last = j
                    while last + 1 < len(texts) and texts[last + 1] and texts[last + 1] in key:
                        last += 1
                    best = max(range(j, last + 1), key=lambda x: len(texts[x]))
                    out[(doc, i)] = ids[best]
                    k = last + 1
                    break
    return out


# --------------------------------------------------------------------------- measures
def _date_outcome(ours: str, gold: str, from_url: bool = False) -> str:
    """exact, unknown (agreeing or not), wrong; a date where the labels have
    none, read from the article's URL (or counted from such a date), is kept
    apart: the labels read the text only and cannot check it."""
    if ours and ours == gold:
        return "exact"
    if not ours:
        return "unknown (labels agree)" if not gold else "unknown (labels have one)"
    if not gold and from_url:
        return "from the URL (labels have none)"
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
            from_url = docs.at[f["doc_id"], "published_source"] == "url" and (
                col == "published" or docs.at[f["doc_id"], "event_date_source"] == "relative")
            o = _date_outcome(ours, want, from_url)
            outcomes[o] += 1
            if o.startswith(("wrong", "from the URL")) or o == "unknown (labels have one)":
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
        if sid == DROPPED:
            noise["dropped" if g["boilerplate"] == "1" else "dropped content"] += 1
            continue
        if sid is None:
            noise["unaligned"] += 1
            res["details"].append(f"unaligned: {g['doc_id']} line {g['para']} [{g['boilerplate_kind'] or 'content'}]")
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
        want = g["partner"] if g["partner"] in keys | {"both", "home", "none"} else "other"
        partner_rows.append((sid, want, s["partner"], s["text"], is_noise))
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
        return (sum(w == o for _, w, o, _, _ in rows), len(rows))
    content = [r for r in partner_rows if not r[4]]
    res["partner_about_a_partner"] = accuracy([r for r in content if r[1] in keys | {"both"}])
    res["partner_without_none"] = accuracy([r for r in content if r[1] != "none"])
    res["partner_with_none"] = accuracy([r for r in partner_rows])
    res["partner_confusion"] = Counter((w, o) for _, w, o, _, _ in content if w != o)
    for sid, w, o, text, _ in content:
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
                     f"({c['wrong (labels have none)']} where the labels have none); "
                     f"{c['from the URL (labels have none)']} from the article's URL, which the text-only labels "
                     "leave empty (listed with --details)")
    o = res["outlet"]
    lines.append(f"outlets: right {o['right']}, unknown {o['unknown']}, wrong {o['wrong']}")
    n = res["noise"]
    tp, fn, fp = n["tp"] + n["dropped"], n["fn"], n["fp"] + n["dropped content"]
    rec = tp / (tp + fn) if tp + fn else float("nan")
    prec = tp / (tp + fp) if tp + fp else float("nan")
    lines.append(f"noise lines: {tp} of {tp + fn} flagged (recall {rec:.2f}; {n['dropped']} of them lines with no "
                 f"letter or digit, which the parser drops), precision {prec:.2f} ({fp} content lines flagged); "
                 f"{n['unaligned']} lines not aligned")
    t = res["titles"]
    lines.append("titles: " + ", ".join(f"{k} {v}" for k, v in sorted(t.items())))
    p, a, b = res["partner_about_a_partner"], res["partner_without_none"], res["partner_with_none"]
    lines.append(f"partner accuracy: {p[0]}/{p[1]} = {p[0] / max(p[1], 1):.3f} on content paragraphs about a partner; "
                 f"{a[0]}/{a[1]} = {a[0] / max(a[1], 1):.3f} on all content paragraphs (home, third countries), "
                 f"without `none`; {b[0]}/{b[1]} = {b[0] / max(b[1], 1):.3f} on every line, noise lines "
                 "labelled `none` included")
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
