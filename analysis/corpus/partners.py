"""Partner attribution: which partner a paragraph or sentence is about.

A partner is *named* in a text when one of its names, case-sensitive acronyms,
adjectives or people from ``partners.yaml`` occurs as a whole word, in text
folded for diacritics, outside the partner's ``exclude`` phrases. "US" is an
acronym listed as case-sensitive, so the pronoun "us" never counts; "US$" (a
currency) does not count either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..config import Actor, Actors
from ..text import fold

_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9]|\$)"


def _alternation(terms) -> str:
    # longest first, so "United States of America" wins over "United States"
    uniq = sorted({fold(t) for t in terms}, key=lambda t: (-len(t), t))
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in uniq)


@dataclass(frozen=True)
class ActorMatcher:
    """Compiled matchers for one actor."""

    key: str
    insensitive: re.Pattern | None
    sensitive: re.Pattern | None
    exclude: re.Pattern | None

    @classmethod
    def build(cls, actor: Actor) -> ActorMatcher:
        # common names and adjectives ignore case; acronyms and people's names do not
        ins = actor.names + actor.adjectives
        sens = actor.case_sensitive + actor.people
        return cls(
            actor.key,
            re.compile(f"{_B}(?:{_alternation(ins)}){_E}", re.I) if ins else None,
            re.compile(f"{_B}(?:{_alternation(sens)}){_E}") if sens else None,
            re.compile(f"{_B}(?:{_alternation(actor.exclude)}){_E}", re.I) if actor.exclude else None,
        )

    def spans(self, text: str, folded: str | None = None) -> list[tuple[int, int]]:
        """(start, end) of every mention in ``text`` (offsets valid in the
        original); pass ``folded = fold(text)`` when you have it."""
        folded = fold(text) if folded is None else folded
        if self.exclude:
            folded = self.exclude.sub(lambda m: " " * len(m.group(0)), folded)
        out = []
        for pat in (self.insensitive, self.sensitive):
            if pat:
                out.extend(m.span() for m in pat.finditer(folded))
        return sorted(out)

    def named_in(self, text: str, folded: str | None = None) -> bool:
        folded = fold(text) if folded is None else folded
        if self.exclude:
            folded = self.exclude.sub(lambda m: " " * len(m.group(0)), folded)
        return any(p.search(folded) for p in (self.insensitive, self.sensitive) if p)


def build_matchers(actors: Actors, include_unselected: bool = False) -> dict[str, ActorMatcher]:
    """One :class:`ActorMatcher` per partner, in ``partners.yaml`` order; with
    ``include_unselected``, also for partners defined but not selected and for
    the third countries of ``others``."""
    out = {k: ActorMatcher.build(a) for k, a in actors.partners.items()}
    if include_unselected:
        out.update({k: ActorMatcher.build(a) for k, a in actors.unselected.items()})
        out.update({k: ActorMatcher.build(a) for k, a in actors.others.items() if k not in out})
    return out


class PartnerScanner:
    """All partners' matchers compiled into one regular expression (one named
    group per partner; acronyms and people case-sensitive, the rest not), so a
    text is scanned once whatever the number of partners. A mention that
    overlaps one of its *own* partner's ``exclude`` phrases is dropped (China's
    "South China Sea" does not hide a partner that is named "South China Sea
    Institute", say)."""

    def __init__(self, matchers: dict[str, ActorMatcher]):
        self.keys = list(matchers)
        parts = []
        for i, m in enumerate(matchers.values()):
            alts = []
            if m.insensitive:
                alts.append(f"(?i:{m.insensitive.pattern})")
            if m.sensitive:
                alts.append(m.sensitive.pattern)
            if alts:
                parts.append(f"(?P<p{i}>{'|'.join(alts)})")
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.excludes = {k: m.exclude for k, m in matchers.items() if m.exclude}

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, partner key) of every partner mention in ``text``."""
        if self.pattern is None:
            return []
        folded = fold(text)
        found = [(m.start(), m.end(), self.keys[int(m.lastgroup[1:])]) for m in self.pattern.finditer(folded)]
        if self.excludes and found:
            banned = {k: [e.span() for e in pat.finditer(folded)] for k, pat in self.excludes.items()}
            found = [(s, e, k) for s, e, k in found
                     if not any(s < be and bs < e for bs, be in banned.get(k, ()))]
        return found

    def order(self, keys) -> list[str]:
        """Distinct keys in config order."""
        keys = set(keys)
        return [k for k in self.keys if k in keys]

    def named(self, text: str) -> list[str]:
        """Partner keys named in ``text``, in config order."""
        return self.order(k for _, _, k in self.mentions(text))


def partners_named(text: str, matchers: dict[str, ActorMatcher] | PartnerScanner) -> list[str]:
    """Partner keys named in ``text``, in config order."""
    scanner = matchers if isinstance(matchers, PartnerScanner) else PartnerScanner(matchers)
    return scanner.named(text)


def label_for(keys: list[str], selected: list[str] | None = None) -> str:
    """One key, ``both`` for two or more, ``none`` for none. With ``selected``
    (the partners a report compares), keys outside it are set aside, and a text
    naming only such partners is ``other``."""
    if selected is not None:
        chosen = [k for k in keys if k in selected]
        if not chosen and keys:
            return "other"
        keys = chosen
    return keys[0] if len(keys) == 1 else ("both" if keys else "none")


def counts_for(label: str, keys: str, partner: str) -> bool:
    """Whether a unit labelled ``label`` (with ``keys``, its ``partners``
    column) counts for ``partner``: its own key always; ``both`` only when
    ``keys`` names the partner, or when ``keys`` is empty (tables made without
    the column, where ``both`` means every selected partner)."""
    if label == partner:
        return True
    if label != "both":
        return False
    return not keys or partner in keys.split(";")


def partner_mask(table: pd.DataFrame, partner: str, include_both: bool = True) -> pd.Series:
    """Rows of ``table`` (with ``partner`` and, optionally, ``partners``
    columns) that count for ``partner``; ``both`` rows only with
    ``include_both``. The one rule salience, co-occurrence and agency share."""
    own = table["partner"] == partner
    if not include_both:
        return own
    keys = table["partners"].fillna("").astype(str) if "partners" in table else pd.Series("", index=table.index)
    return pd.Series([counts_for(lab, k, partner) for lab, k in zip(table["partner"], keys)], index=table.index)


def attribute_paragraphs(segments: pd.DataFrame, matchers: dict[str, ActorMatcher],
                         selected: list[str] | None = None) -> pd.DataFrame:
    """Add ``partner`` and ``partner_source`` to a segments table (one article or many).

    - A paragraph that names one partner gets it, two or more get ``both``
      (``partner_source = named``).
    - A content paragraph that names none inherits from the content paragraph
      before it in the same article (``inherited``: "They also agreed …").
    - A lead that names none takes the article's own partner, from all its content
      paragraphs (``document``); an article that names no partner gives ``none``.
    - A headline (``unit`` = headline) gets what it names, else the article's
      partner, and passes nothing on.
    - Boilerplate paragraphs get only what they name themselves, and never pass a
      partner on (a related-links block naming the US does not make the article
      about the US).
    - ``partners`` lists the selected partner keys behind the label (``;``-joined),
      so ``both`` among three partners says which two.
    - With ``selected`` (the partners the report compares; ``matchers`` may hold
      more), a paragraph naming only unselected partners is ``other`` and passes
      ``other`` on, so a US paragraph never becomes Japan's in a Japan-only run.
    """
    segments = segments.copy()
    scanner = PartnerScanner(matchers)
    if "mentions" not in segments:
        segments["mentions"] = [scanner.mentions(t) for t in segments["text"]]
    named = [scanner.order(k for _, _, k in ms) for ms in segments["mentions"]]
    partner, source, behind = [], [], []
    prev_doc, prev, prev_keys = None, None, ""
    doc_label, doc_keys = {}, {}
    for doc_id, grp in segments.assign(_named=named).groupby("doc_id", sort=False):
        keys = sorted({k for ks, bp in zip(grp["_named"], grp["boilerplate"] | (grp["unit"] == "headline"
                                                                             if "unit" in grp else False))
                       if not bp for k in ks},
                      key=list(matchers).index)
        doc_label[doc_id] = label_for(keys, selected)
        doc_keys[doc_id] = ";".join(k for k in keys if selected is None or k in selected)
    units = segments["unit"] if "unit" in segments else pd.Series("paragraph", index=segments.index)
    for doc_id, ks, bp, unit in zip(segments["doc_id"], named, segments["boilerplate"], units):
        if doc_id != prev_doc:
            prev_doc, prev, prev_keys = doc_id, None, ""
        headline = unit == "headline"
        if ks:
            lab, src = label_for(ks, selected), "named"
            keys = ";".join(k for k in ks if selected is None or k in selected)
        elif bp:
            lab, src, keys = "none", "none", ""
        elif prev is not None and not headline:
            lab, src, keys = prev, "inherited", prev_keys
        else:
            lab, keys = doc_label[doc_id], doc_keys[doc_id]
            src = "document" if lab != "none" else "none"
        if not bp and not headline:
            prev, prev_keys = lab, keys
        partner.append(lab)
        source.append(src)
        behind.append(keys)
    segments["partner"] = partner
    segments["partner_source"] = source
    segments["partners"] = behind
    return segments


def attribute_sentences(sentences: pd.DataFrame, matchers: dict[str, ActorMatcher],
                        segments: pd.DataFrame | None = None, selected: list[str] | None = None) -> pd.DataFrame:
    """Add ``partner`` to a sentences table: the partner(s) the sentence names
    itself, else its paragraph's (column ``para_partner`` must be present).
    With ``segments`` carrying a ``mentions`` column (from
    :func:`attribute_paragraphs`), the paragraphs' mentions are reused instead
    of scanning every sentence again."""
    sentences = sentences.copy()
    scanner = PartnerScanner(matchers)
    if segments is not None and "mentions" in segments:
        by_seg = dict(zip(segments["seg_id"], segments["mentions"]))
        named = [scanner.order(k for s, e, k in by_seg[seg] if s >= start and e <= end)
                 for seg, start, end in zip(sentences["seg_id"], sentences["start"], sentences["end"])]
    else:
        named = [scanner.named(t) for t in sentences["text"]]
    own = [label_for(ks, selected) for ks in named]
    own_keys = [";".join(k for k in ks if selected is None or k in selected) for ks in named]
    sentences["partner"] = [o if o != "none" else p for o, p in zip(own, sentences["para_partner"])]
    para_keys = sentences["para_partners"] if "para_partners" in sentences else [""] * len(sentences)
    sentences["partners"] = [k if o != "none" else pk for o, k, pk in zip(own, own_keys, para_keys)]
    return sentences
