"""Speaker sides and verb classes measured against the development set's hand labels.

    .venv/bin/python -m benchmarks.dev_speakers [--corpus /work/devset/corpus] [--errors N]

Reads the real articles (not in the repository: point ``--corpus`` at them), the
labels in ``tests/data/dev_speakers.csv`` (one row per reporting or stance verb of a
content paragraph: the verb as written, its occurrence in the paragraph, the
speaker, side and class) and runs :func:`analysis.framing.agency.agency` with the
shipped ``config/partners.yaml`` plus ``tests/data/dev_partners_extra.yaml``
(South Korea compared with the US and Japan, third countries defined so their
speakers are ``other``).

A labelled verb is *found* when one of our rows' verb spans overlaps its
occurrence in the paragraph. Printed: how many labelled verbs are found; per side
we name, precision (labelled side = ours) on the found verbs we give that side;
the share of found verbs we leave ``unknown``; verb-class accuracy on found
verbs; and with ``--errors`` a sample of the disagreements to read by hand.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
SIDES = ["vietnam", "us", "japan", "korea", "both", "other"]


def dev_partners(path: Path) -> Path:
    """The shipped partners.yaml with the development set's extra partners merged in."""
    base = yaml.safe_load((ROOT / "config/partners.yaml").read_text(encoding="utf-8"))
    extra = yaml.safe_load((ROOT / "tests/data/dev_partners_extra.yaml").read_text(encoding="utf-8"))
    # the development set's countries, unless the shipped file already defines them
    # (a third country goes under `others` when the file has that section)
    defined = set(base["partners"]) | set(base.get("others") or {})
    for key, actor in extra.items():
        if key in defined:
            continue
        if key != "korea" and "others" in base:
            base["others"][key] = actor
        else:
            base["partners"][key] = actor
    path.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def align(gold: pd.DataFrame, corpus: Path, bundle, table: pd.DataFrame) -> pd.DataFrame:
    """One row per labelled verb with our row's side and class (empty when not found)."""
    seg_text = {}
    for seg_id, doc, text in zip(bundle.segments["seg_id"], bundle.segments["doc_id"], bundle.segments["text"]):
        seg_text.setdefault((doc, _squash(text)), (seg_id, text))
    sent_start = dict(zip(bundle.sentences["sent_id"], bundle.sentences["start"]))
    sent_seg = dict(zip(bundle.sentences["sent_id"], bundle.sentences["seg_id"]))
    ours: dict[str, list] = {}
    for r in table.itertuples():
        seg = sent_seg[r.sent_id]
        s = sent_start[r.sent_id] + r.verb_start
        ours.setdefault(seg, []).append((s, s + len(r.verb), r))
    paras: dict[str, list[str]] = {}
    out = []
    for g in gold.itertuples():
        if g.doc_id not in paras:
            lines = (corpus / f"{g.doc_id}.txt").read_text(encoding="utf-8-sig").splitlines()
            paras[g.doc_id] = [ln.strip() for ln in lines if ln.strip()]
        para = paras[g.doc_id][g.para]
        row = {"doc_id": g.doc_id, "para": g.para, "verb": g.verb, "gold_speaker": g.speaker, "gold_side": g.side,
               "gold_cls": g.cls, "side": "", "cls": "", "speaker": "", "source": "", "found": False,
               "sentence": ""}
        hit = seg_text.get((g.doc_id, _squash(para)))
        occ = [m.start() for m in re.finditer(rf"(?<![A-Za-z]){re.escape(g.verb)}(?![A-Za-z])", para, re.I)]
        if hit and len(occ) >= int(g.occurrence):
            seg_id, text = hit
            # offsets in the segment text (the same paragraph, possibly with other white space)
            o = occ[int(g.occurrence) - 1]
            o = len(_squash(para[:o] + "x")) - 1
            segmap = [i for i, ch in enumerate(text) if not ch.isspace() or (i and not text[i - 1].isspace())]
            squashed_pos = o
            start = segmap[squashed_pos] if squashed_pos < len(segmap) else o
            end = start + len(g.verb)
            for s, e, r in ours.get(seg_id, []):
                if s < end and start < e:
                    row.update(side=r.speaker_side, cls=r.verb_class, speaker=r.speaker_text,
                               source=r.side_source, found=True, sentence=r.sentence)
                    break
        out.append(row)
    return pd.DataFrame(out)


def measure(corpus: Path, errors: int = 0, seed: int = 0) -> str:
    from analysis.framing.agency import agency
    from analysis.report.prepare import prepare

    gold = pd.read_csv(ROOT / "tests/data/dev_speakers.csv", dtype={"doc_id": str})
    from analysis.errors import InputError

    note = ""
    with tempfile.TemporaryDirectory() as tmp:
        partners = dev_partners(Path(tmp) / "partners.yaml")
        try:
            bundle = prepare(corpus, partners, ROOT / "config/codebook.yaml", partners=["us", "japan", "korea"])
        except InputError as exc:   # a metadata.csv this version of the kit cannot read: the texts alone
            if "metadata.csv" not in str(exc):
                raise
            texts = Path(tmp) / "texts"
            texts.mkdir()
            for f in corpus.glob("*.txt"):
                (texts / f.name).write_bytes(f.read_bytes())
            note = f"(metadata.csv left out: {exc})\n"
            bundle = prepare(texts, partners, ROOT / "config/codebook.yaml", partners=["us", "japan", "korea"])
    table = agency(bundle.sentences, bundle.actors, include_duplicates=True, documents=bundle.documents)
    a = align(gold, corpus, bundle, table)
    found = a[a["found"]]
    lines = [note + f"labelled verbs: {len(a)}; found by the lexicon: {len(found)} ({len(found) / len(a):.1%})"]
    lines.append("side precision (labelled side = ours, among found verbs we give that side):")
    for side in SIDES:
        ours = found[found["side"] == side]
        if len(ours):
            ok = int((ours["gold_side"] == side).sum())
            lines.append(f"  {side:8s} {ok}/{len(ours)} = {ok / len(ours):.2f}")
    unk = found[found["side"] == "unknown"]
    lines.append(f"unknown: {len(unk)}/{len(found)} = {len(unk) / len(found):.1%} of found verbs "
                 f"(labelled sides of those: {dict((k, int(v)) for k, v in unk['gold_side'].value_counts().items())})")
    decided = found[found["side"] != "unknown"]
    ok = int((decided["side"] == decided["gold_side"]).sum())
    lines.append(f"side accuracy where we decide: {ok}/{len(decided)} = {ok / len(decided):.1%}")
    ok = int((found["cls"] == found["gold_cls"]).sum())
    lines.append(f"verb class right: {ok}/{len(found)} = {ok / len(found):.1%}")
    conf = pd.crosstab(found["gold_cls"], found["cls"])
    lines.append("verb class, labelled (rows) x ours (columns):\n" + conf.to_string())
    if errors:
        wrong = found[(found["side"] != found["gold_side"]) & (found["side"] != "unknown")]
        lines.append(f"\nside disagreements (first {errors} of {len(wrong)}):")
        for r in wrong.head(errors).itertuples():
            lines.append(f"  {r.doc_id}:{r.para} {r.verb!r} gold={r.gold_side} ({r.gold_speaker}) ours={r.side} "
                         f"({r.speaker!r}, {r.source}) | {r.sentence[:160]}")
        wrong = found[found["cls"] != found["gold_cls"]]
        lines.append(f"\nclass disagreements (first {errors} of {len(wrong)}):")
        for r in wrong.head(errors).itertuples():
            lines.append(f"  {r.doc_id}:{r.para} {r.verb!r} gold={r.gold_cls} ours={r.cls} | {r.sentence[:160]}")
        lines.append(f"\nunknown (first {errors} of {len(unk)}):")
        for r in unk.head(errors).itertuples():
            lines.append(f"  {r.doc_id}:{r.para} {r.verb!r} gold={r.gold_side} ({r.gold_speaker}) ours={r.speaker!r} "
                         f"({r.source}) | {r.sentence[:160]}")
        miss = a[~a["found"]]
        lines.append(f"\nnot found (first {errors} of {len(miss)}): "
                     + ", ".join(f"{r.doc_id}:{r.para} {r.verb!r}" for r in miss.head(errors).itertuples()))
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default="/work/devset/corpus", type=Path)
    p.add_argument("--errors", default=0, type=int, help="print this many disagreements of each kind")
    args = p.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: {args.corpus}: development corpus not found", file=sys.stderr)
        return 2
    print(measure(args.corpus, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
