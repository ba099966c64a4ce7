"""The terms distinctive vocabulary counts: words, and multi-word terms kept whole.

A unit's text is split into clauses (no term bridges ``, ; : ( ) "``, a full
stop or a dash between spaces), each clause into folded, lower-case words
(:func:`analysis.text.words`, hyphenated words whole, a possessive 's cut).
Then, in order:

1. **Codebook phrases** (every multi-word pattern of the codebook, a trailing
   ``*`` read as "any ending") are matched longest first and kept whole, stop
   words inside them included ("settlement of war consequences", "south china
   sea").
2. **Stop terms** are dropped: English stop words, every word of every actor and
   outlet name in ``partners.yaml``, job titles and roles (:data:`ROLE_WORDS`:
   secretary, minister, prime, deputy, foreign, affairs ...), reporting verbs and
   meeting words (:data:`REPORTING_WORDS`: said, affirmed, talks ...), partner compounds
   (a hyphenated word one of whose parts is an actor's name: "vietnam-us",
   "asean-japan"), numbers and one-letter words. A dropped word breaks the run:
   no term bridges it ("settlement of war consequences" never gives
   "settlement war").
3. **Collocations**: adjacent kept words w1 w2 whose pair occurs at least
   ``min_count`` times and more often than chance, with Dunning's log-likelihood
   G² (:func:`analysis.stats.g2`, on the 2×2 table of w1 first / not, w2 second /
   not over all adjacent pairs) of at least ``min_g2`` (10.83: p = 0.001 for one
   degree of freedom), are joined; a second pass joins a collocation with its
   neighbour the same way, giving three- and four-word terms.

Public names: ``ROLE_WORDS``, ``REPORTING_WORDS``, ``TermSpec``, ``term_spec``, ``codebook_phrases``,
``stop_terms``, ``find_collocations``, ``with_collocations``, ``unit_terms``, ``term_kind``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..stats import g2
from ..text import fold, words
from .lexicon import _FORM_TO_LEMMA

#: job titles and roles: who spoke, not what about
ROLE_WORDS = frozenset({
    "secretary", "secretaries", "minister", "ministers", "ministry", "ministries", "prime", "deputy", "vice",
    "foreign", "affairs", "president", "presidents", "ambassador", "ambassadors", "counterpart", "counterparts",
    "official", "officials", "fm", "fms", "pm", "pms", "chairman", "chairwoman", "chair", "spokesperson",
    "spokesman", "spokeswoman", "director", "director-general", "envoy", "envoys", "diplomat", "diplomats",
    "delegation", "delegations", "excellency", "mr", "ms", "mrs", "dr", "gen", "general", "undersecretary",
    "under-secretary", "vice-minister", "deputy-minister", "secretary-general", "premier", "chancellor",
    "host", "hosts", "guest", "guests", "side", "sides", "leader", "leaders", "head", "heads", "embassy",
    "department", "counsellor", "minister-counsellor", "consul", "consul-general",
})
#: reporting verbs (every one-word form of the lexicon) and meeting words: how it was said, not what
REPORTING_WORDS = frozenset({f.split()[0] for f in _FORM_TO_LEMMA} | {"views", "opinions"} | {
    "meeting", "meetings", "talks", "met", "meets", "held", "holds", "hosted", "received", "receives"})
_CLAUSE = re.compile(r"[,;:!?()\[\]\"]|\.(?=\s|$)|\s[-]\s")
MIN_G2 = 10.83


@dataclass(frozen=True)
class TermSpec:
    """How units are cut into terms (see the module docstring)."""

    stop: frozenset = frozenset()
    actor_words: frozenset = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    collocations: dict = field(default_factory=dict)   # (w1, w2) -> joined term, both passes

    def is_stop(self, w: str) -> bool:
        if len(w) < 2 or w in self.stop or not any(c.isalpha() for c in w):
            return True
        if "-" in w and any(part in self.actor_words for part in w.split("-")):
            return True    # "vietnam-us", "asean-japan": a partner compound
        return False


def codebook_phrases(codebook) -> tuple[tuple[str, ...], ...]:
    """Every multi-word pattern of ``codebook`` (patterns and case-sensitive
    phrases of every theme) as a tuple of folded words; a ``*`` is allowed only
    at the end of the last word (kept, read as "any ending"); longest first."""
    out = set()
    if codebook is None:
        return ()
    for theme in codebook.themes:
        for pattern in (*theme.patterns, *theme.case_sensitive):
            ws = [w.lower() for w in re.findall(r"[A-Za-z0-9*]+(?:['’-][A-Za-z0-9*]+)*", fold(pattern))]
            if len(ws) < 2 or any("*" in w for w in ws[:-1]) or "*" in ws[-1][:-1]:
                continue
            out.add(tuple(ws))
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


def stop_terms(actors=None, extra: Iterable[str] = ()) -> frozenset:
    """English stop words + the words of every actor and outlet name + :data:`ROLE_WORDS`
    + :data:`REPORTING_WORDS` + ``extra``."""
    stop = set(ENGLISH_STOP_WORDS) | set(ROLE_WORDS) | set(REPORTING_WORDS) | set(extra)
    if actors is not None:
        stop |= actors.stop_words()
    return frozenset(stop)


def _clauses(text: str) -> list[list[str]]:
    out = []
    for chunk in _CLAUSE.split(fold(text)):
        ws = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words(chunk)]
        if ws:
            out.append(ws)
    return out


def _match_phrase(ws: list[str], i: int, phrases) -> int:
    """Length of the longest phrase starting at ``ws[i]`` (0 when none)."""
    for p in phrases:
        if len(p) > len(ws) - i:
            continue
        last = len(p) - 1
        if all((ws[i + k].startswith(part[:-1]) if k == last and part.endswith("*") else ws[i + k] == part)
               for k, part in enumerate(p)):
            return len(p)
    return 0


def _runs(text: str, spec: TermSpec) -> list[list[str] | str]:
    """Runs of kept words, with codebook phrases as single items between them:
    a list whose items are lists (a run of single words) or strings (a phrase)."""
    out: list = []
    for ws in _clauses(text):
        run: list[str] = []
        i = 0
        while i < len(ws):
            n = _match_phrase(ws, i, spec.phrases) if spec.phrases else 0
            if n:
                if run:
                    out.append(run)
                    run = []
                out.append(" ".join(ws[i:i + n]))
                i += n
                continue
            w = ws[i]
            if spec.is_stop(w):
                if run:
                    out.append(run)
                    run = []
            else:
                run.append(w)
            i += 1
        if run:
            out.append(run)
    return out


def _join(run: list[str], pairs: dict) -> list[str]:
    """Greedy left-to-right joining of adjacent items that form a kept collocation."""
    out, i = [], 0
    while i < len(run):
        if i + 1 < len(run) and (run[i], run[i + 1]) in pairs:
            out.append(pairs[(run[i], run[i + 1])])
            i += 2
        else:
            out.append(run[i])
            i += 1
    return out


def _collocation_table(runs: Sequence[list[str]], min_count: int, min_g2: float) -> pd.DataFrame:
    pairs = Counter((a, b) for r in runs for a, b in zip(r, r[1:], strict=False))
    cols = ["w1", "w2", "n", "expected", "g2"]
    if not pairs:
        return pd.DataFrame(columns=cols)
    n = sum(pairs.values())
    first = Counter()
    second = Counter()
    for (a, b), c in pairs.items():
        first[a] += c
        second[b] += c
    keys = [k for k, c in pairs.items() if c >= min_count]
    if not keys:
        return pd.DataFrame(columns=cols)
    o11 = np.array([pairs[k] for k in keys], float)
    o12 = np.array([first[k[0]] for k in keys], float) - o11
    o21 = np.array([second[k[1]] for k in keys], float) - o11
    o22 = n - o11 - o12 - o21
    e11 = (o11 + o12) * (o11 + o21) / n
    score = g2(o11, o12, o21, o22)
    t = pd.DataFrame({"w1": [k[0] for k in keys], "w2": [k[1] for k in keys], "n": o11.astype(int),
                      "expected": e11, "g2": score})
    t = t[(t["g2"] >= min_g2) & (t["n"] > t["expected"])]
    return t.sort_values(["g2", "w1", "w2"], ascending=[False, True, True], kind="mergesort")[cols]


def find_collocations(texts: Iterable[str], spec: TermSpec, min_count: int = 3,
                      min_g2: float = MIN_G2) -> tuple[dict, pd.DataFrame]:
    """The collocations of ``texts`` (two passes, see the module docstring):
    ``(pairs, table)`` where ``pairs`` maps (item, item) -> joined term and the
    table lists ``term, w1, w2, n, expected, g2, pass`` for every kept pair."""
    runs = [r for t in texts for r in _runs(t, spec) if isinstance(r, list)]
    pairs: dict = {}
    tables = []
    for npass in (1, 2):
        t = _collocation_table(runs, min_count, min_g2)
        if npass == 2:   # the second pass only extends a collocation of the first
            joined = set(pairs.values())
            t = t[t["w1"].isin(joined) | t["w2"].isin(joined)]
        if t.empty:
            break
        new = {(a, b): f"{a} {b}" for a, b in zip(t["w1"], t["w2"], strict=True)}
        pairs.update(new)
        tables.append(t.assign(term=[f"{a} {b}" for a, b in zip(t["w1"], t["w2"], strict=True)], **{"pass": npass}))
        runs = [_join(r, new) for r in runs]
    table = (pd.concat(tables, ignore_index=True)[["term", "w1", "w2", "n", "expected", "g2", "pass"]] if tables
             else pd.DataFrame(columns=["term", "w1", "w2", "n", "expected", "g2", "pass"]))
    return pairs, table


def with_collocations(spec: TermSpec, texts: Iterable[str], min_count: int = 3,
                      min_g2: float = MIN_G2) -> tuple[TermSpec, pd.DataFrame]:
    """``spec`` with the collocations of ``texts`` (and their table)."""
    from dataclasses import replace

    pairs, table = find_collocations(texts, spec, min_count, min_g2)
    return replace(spec, collocations=pairs), table


def term_spec(actors=None, codebook=None, extra_stop: Iterable[str] = (), phrases: Iterable[Sequence[str]] = ()) -> TermSpec:
    """The :class:`TermSpec` of a report: stop terms from ``partners.yaml``, the
    codebook's phrases (plus ``phrases`` given as word tuples), no collocations yet."""
    actor_words = frozenset(actors.stop_words()) if actors is not None else frozenset()
    extra = tuple(tuple(w.lower() for w in p) for p in phrases)
    all_phrases = tuple(sorted(set(codebook_phrases(codebook)) | set(extra), key=lambda p: (-len(p), p)))
    return TermSpec(stop_terms(actors, extra_stop), actor_words, all_phrases)


def unit_terms(text: str, spec: TermSpec) -> list[str]:
    """The terms of one unit: codebook phrases whole, kept words, joined collocations."""
    out = []
    for r in _runs(text, spec):
        if isinstance(r, str):
            out.append(r)
            continue
        out.extend(_join(_join(r, spec.collocations), spec.collocations))   # the two passes
    return out


def term_kind(term: str, spec: TermSpec) -> str:
    """``phrase`` (from the codebook), ``collocation`` or ``word``."""
    if " " not in term:
        return "word"
    return "collocation" if term in set(spec.collocations.values()) else "phrase"


def terms_note(spec: TermSpec, collocations: pd.DataFrame, min_count: int = 3, min_g2: float = MIN_G2) -> str:
    """Markdown stating how terms were made: the codebook phrases, the
    collocations kept (with the criterion) and the stop terms."""
    from ..markup import md_escape

    top = ", ".join(f"“{md_escape(t)}” (G² = {g:.1f}, n = {n})" for t, g, n in
                    zip(collocations["term"].head(6), collocations["g2"].head(6), collocations["n"].head(6),
                        strict=True))
    return (f"**Terms.** Words and multi-word terms kept whole: {len(spec.phrases):,} phrases of the codebook, "
            f"and {len(collocations):,} collocations of adjacent words occurring at least {min_count} times with "
            f"Dunning's log-likelihood G² ≥ {min_g2:g} (p = 0.001, one degree of freedom)"
            + (f", the strongest {top}" if top else "") + ". Stop terms: English stop words, job titles and roles "
            "(secretary, minister, prime, deputy, foreign, affairs …), reporting verbs, every word of the actors' "
            "and outlets' names in `partners.yaml`, and partner compounds such as “vietnam-us”.")
