"""A generator of large synthetic corpora whose paragraphs are mostly unique.

Recombining a few hundred seed sentences gives a corpus in which every
paragraph is a near-copy of hundreds of others (a near-duplicate storm that no
real corpus has). Here each article is written afresh from templates of the
shapes news about a minister's meetings takes: an export header, a headline, a
dateline lead, reporting verbs with speakers of both sides, the codebook's
themes at realistic rates, a photo caption and a sign-off. The words filling the
templates come from a large Zipf-weighted vocabulary (the seeds' words plus
pronounceable made-up words), so two articles share phrases, as real ones do,
but not paragraphs. ``copy_share`` of the articles are a second outlet's report
of an earlier article's meeting: most of their paragraphs are copies of it with
a few words changed, as wire copy is.

``python -m benchmarks.generate OUT_DIR N [--seed S]`` writes ``N`` articles.
About 6 KB and 11 paragraphs per article (10,000 articles: about 60 MB).
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARTNERS = {
    "us": {"names": ["the US", "the United States", "Washington"], "adj": "US",
           "people": ["Secretary of State Antony Blinken", "Blinken", "Ambassador Marc Knapper"],
           "capital": "WASHINGTON"},
    "japan": {"names": ["Japan", "Tokyo"], "adj": "Japanese",
              "people": ["Minister for Foreign Affairs Kamikawa Yoko", "Kamikawa", "Ambassador Yamada Takio"],
              "capital": "TOKYO"},
}
HOME_PEOPLE = ["Minister of Foreign Affairs Bùi Thanh Sơn", "Sơn", "Deputy Minister Đỗ Hùng Việt", "Minister Sơn"]
OUTLETS = ["VNS", "VNA", "VOV", "VGP"]
THEME_PHRASES = {
    "oda": ["official development assistance (ODA)", "new-generation ODA", "ODA loans for infrastructure",
            "concessional loans"],
    "visa": ["visa exemption", "e-visa procedures", "entry visas for Vietnamese citizens",
             "easing visa requirements"],
    "war": ["the consequences of war", "unexploded ordnance", "the search for missing soldiers",
            "dioxin remediation"],
    "sea": ["the South China Sea", "freedom of navigation in the East Sea", "maritime security",
            "the Code of Conduct in the East Sea"],
}
VERBS = ["said", "affirmed", "proposed", "asked", "stressed", "suggested", "pledged", "welcomed", "noted",
         "called for", "agreed", "highly valued"]
_SYLLABLES = ["ba", "ca", "da", "fe", "go", "ha", "ki", "lo", "mu", "na", "pe", "qui", "ra", "so", "ta",
              "vu", "xe", "yo", "ze", "tri", "pha", "nguy", "thu", "len", "mor", "cal", "den", "vin"]


def vocabulary(rng: random.Random, n_made_up: int = 20000) -> list[str]:
    """The seeds' words followed by ``n_made_up`` made-up words (lower case)."""
    seen: dict[str, None] = {}
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for w in re.findall(r"[A-Za-zÀ-ỹ]{3,}", f.read_text(encoding="utf-8")):
            seen.setdefault(w.lower(), None)
    words = list(seen)
    target = len(words) + n_made_up
    while len(words) < target:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen[w] = None
            words.append(w)
    return words


class Writer:
    """Writes articles; holds the vocabulary and its Zipf weights."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.weights = [1.0 / (r + 10) for r in range(len(self.words))]
        self.cum = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cum.append(total)

    def filler(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))

    def clause(self, partner: str) -> str:
        rng = self.rng
        parts = [self.filler(rng.randint(6, 14))]
        if rng.random() < 0.35:
            theme = rng.choice(list(THEME_PHRASES))
            parts.append(rng.choice(["including", "especially", "in", "on", "for"]) + " "
                         + rng.choice(THEME_PHRASES[theme]))
        if rng.random() < 0.3:
            parts.append(f"with {rng.choice(PARTNERS[partner]['names'])}")
        parts.append(self.filler(rng.randint(4, 10)))
        return " ".join(parts)

    def sentence(self, partner: str) -> str:
        rng = self.rng
        p = PARTNERS[partner]
        speaker = rng.choice([rng.choice(HOME_PEOPLE), rng.choice(p["people"]), "The two sides",
                              f"The {p['adj']} side", "He"])
        verb = rng.choice(VERBS)
        text = f"{speaker} {verb} that {self.clause(partner)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, partner: str) -> str:
        return " ".join(self.sentence(partner) for _ in range(self.rng.randint(2, 3)))

    def article(self, i: int) -> tuple[str, list[str], str]:
        """(header line, paragraphs, partner) of a new article."""
        rng = self.rng
        partner = rng.choice(list(PARTNERS))
        p = PARTNERS[partner]
        month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.choice([2022, 2023, 2024])
        header = f" date {year}-{month:02d}-{day:02d} VIETNAM, {month}/{day} -"
        headline = (f"Vietnamese, {p['adj']} ministers discuss {self.filler(3)} "
                    f"{rng.choice(['ties', 'cooperation', 'partnership'])}")
        place = rng.choice(["HÀ NỘI", "HANOI", p["capital"]])
        lead = (f"{place} — {HOME_PEOPLE[0]} met {p['people'][0]} in {p['names'][-1]} on {self.filler(2)} "
                f"to discuss {self.clause(partner)}.")
        body = [self.paragraph(partner) for _ in range(rng.randint(7, 10))]
        caption = f"{HOME_PEOPLE[0]} (R) and {p['people'][0]} at the talks. (Photo: VNA)"
        paras = [headline, lead, caption, *body]
        paras[-1] = paras[-1] + f" — {rng.choice(OUTLETS)}"
        return header, paras, partner

    def copy_of(self, paras: list[str]) -> list[str]:
        """A second outlet's report: the lead and body copied with a few words changed."""
        rng = self.rng
        out = [paras[0] + " " + self.filler(2)]
        for para in paras[1:]:
            ws = para.split()
            for _ in range(max(1, len(ws) // 40)):
                ws[rng.randrange(len(ws))] = rng.choice(self.words[:2000])
            out.append(" ".join(ws))
        out.append(self.paragraph(rng.choice(list(PARTNERS))))
        return out


def build_corpus(folder: str | Path, n_articles: int, seed: int = 0, copy_share: float = 0.1) -> Path:
    """Write ``n_articles`` articles ``NNNNNN.txt`` into ``folder`` (created);
    return it. The same ``seed`` gives the same bytes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    w = Writer(seed)
    recent: list[tuple[str, list[str]]] = []
    for i in range(n_articles):
        if recent and w.rng.random() < copy_share:
            header, paras = w.rng.choice(recent)
            paras = w.copy_of(paras)
        else:
            header, paras, _ = w.article(i)
            recent.append((header, paras))
            recent = recent[-200:]
        (folder / f"{i:06d}.txt").write_text(header + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("n_articles", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    build_corpus(args.out_dir, args.n_articles, args.seed)
    print(f"written: {args.n_articles} articles in {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
