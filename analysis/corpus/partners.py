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


def _term_key(term: str) -> str:
    return re.sub(r"\s+", " ", fold(term).strip())


def _trie_pattern(terms, lower: bool = False) -> str:
    """The terms as one regular expression shaped like a trie ("Hayashi(?:\\s+Yoshimasa)?"):
    the engine tests a position against a few first letters instead of every
    term, and a longer term still wins over its prefix (the optional tails are
    greedy). Spaces match any white space; with ``lower`` the terms are lower-cased
    (for a case-insensitive group)."""
    trie: dict = {}
    for t in {fold(t).lower() if lower else fold(t) for t in terms}:
        node = trie
        for ch in re.sub(r"\s+", " ", t):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(trie)


@dataclass(frozen=True)
class ActorMatcher:
    """Compiled matchers for one actor."""

    key: str
    insensitive: re.Pattern | None
    sensitive: re.Pattern | None
    exclude: re.Pattern | None
    insensitive_terms: tuple[str, ...] = ()
    sensitive_terms: tuple[str, ...] = ()

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
            tuple(ins), tuple(sens),
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
        # every actor's terms in two tries, one matched on lower-cased text (names,
        # adjectives) and one as written (acronyms, people): a text is scanned twice
        # whatever the number of actors, and the matched words name the actor
        self.ins_key: dict[str, str] = {}
        self.sen_key: dict[str, str] = {}
        for k, m in matchers.items():
            ins = m.insensitive_terms or ()
            sen = m.sensitive_terms or ()
            for t in ins:
                self.ins_key.setdefault(_term_key(t).lower(), k)
            for t in sen:
                self.sen_key.setdefault(_term_key(t), k)
        self.ins = re.compile(f"{_B}(?:{_trie_pattern(self.ins_key, lower=True)}){_E}") if self.ins_key else None
        self.sen = re.compile(f"{_B}(?:{_trie_pattern(self.sen_key)}){_E}") if self.sen_key else None
        self.pattern = self.ins or self.sen          # None when no actor has a term
        self.excludes = {k: m.exclude for k, m in matchers.items() if m.exclude}

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, partner key) of every partner mention in ``text``."""
        if self.pattern is None:
            return []
        folded = fold(text)
        lower = folded.lower()
        if len(lower) != len(folded):            # a letter whose lower case is longer: keep it as is
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
        found = []
        if self.ins is not None:
            found += [(m.start(), m.end(), self.ins_key[_term_key(m.group(0))]) for m in self.ins.finditer(lower)]
        if self.sen is not None:
            found += [(m.start(), m.end(), self.sen_key[_term_key(m.group(0))]) for m in self.sen.finditer(folded)]
        if len(found) > 1:                       # leftmost, then longest, wins where two overlap
            found.sort(key=lambda x: (x[0], x[0] - x[1]))
            kept, end = [], -1
            for f in found:
                if f[0] >= end:
                    kept.append(f)
                    end = f[1]
            found = kept
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


# words that say a paragraph is about the relationship, not the home country alone
_RELATIONAL = re.compile(
    r"\b(?:two|both) (?:countries|sides|nations|leaders|ministers|foreign ministers|prime ministers|presidents|"
    r"governments|parties|delegations|peoples|economies|militaries|navies)\b|\bbilateral\b|\beach other\b|"
    r"\bcounterparts?\b|\b(?:the|his|her|their) (?:guest|host|visitor)\b|\bthe visiting\b|\bthe two\b|"
    r"\b(?:his|her) (?:country|nation)\b|\bpartnership\b|\b(?:ties|relations|cooperation) (?:between|with)\b"
    # someone else acting towards the home country: a pronoun, or a verb of exchange or of speech
    r"|\b(?:he|she|they|his|her|their|him|them)\b"
    r"|\b(?:support|help|assist|aid\b|thank|welcom|propos|suggest|ask|urg|invit|visit|meet|met\b|talk|agre|"
    r"congratulat|prais|apprecia|hope|pledg|donat|provid|grant|offer|sign|export|import|trade|invest|cooperat|"
    r"coordinat|delegat|ambassador|embass|summit|visa|stress|said\b|says\b|affirm|noted\b|told\b|highlight|"
    r"emphasi|express|reiterat|inform|brief|share)\w*", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# a place named for where something happened: "in Tokyo", "in Hiroshima, Japan", "at the White House"
_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|from|near|outside|inside)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*,?\s+){0,3})$")


def _dateline_end(text: str) -> int:
    from .article import _dateline_match

    return _dateline_match(text)[2] if text[:1].isupper() else 0


# words that open a subordinate clause: its subject is not the sentence's ("As China …, Kishida …")
_SUBORDINATE = re.compile(r"(?:As|While|Although|Though|If|When|Whereas|Since|Because|After|Before|Despite|Amid|"
                          r"Following|Given)\b")
# the words a subject's title may hold besides capitalised ones ("Minister of Foreign Affairs", "the US side")
_TITLE_GLUE = {"of", "for", "and", "the", "de", "van", "von", "'s", "’s", "s"}


def _subject_mentions(text: str, mentions: list[tuple[int, int, str]]) -> set[str]:
    """Keys of mentions that are a sentence's subject: every word before them in
    the sentence is capitalised or part of a title ("Japanese Prime Minister
    Kishida said …", "The US side …", "South Korea's Foreign Minister Chung …");
    after an opening subordinate clause ("As China …,") the sentence starts
    after its comma."""
    from .sentences import sentence_spans

    starts = []
    for s, e in sentence_spans(text) or [(0, len(text))]:
        if _SUBORDINATE.match(text, s):
            comma = text.find(",", s, e)
            starts.append((comma + 1 if comma > 0 else s, s))
        else:
            starts.append((s, s))
    out = set()
    for s, _e, k in mentions:
        begin = None
        for b, sent_start in starts:
            if sent_start <= s:
                begin = b
        if begin is None or s < begin:
            continue
        before = _WORD.findall(text[begin:s])
        if all(w[:1].isupper() or w.lower() in _TITLE_GLUE for w in before):
            out.add(k)
    return out


def decide_partner(text: str, mentions: list[tuple[int, int, str]], selected: list[str] | None,
                   home_named: bool, primary: set[str]) -> tuple[str, list[str]] | None:
    """The partner label of a paragraph from the actors it names, or None when
    it should inherit. ``mentions`` are (start, end, key) of partners and third
    countries (home excluded); ``primary`` the actors the article is mostly about.

    - Naming no actor: ``home`` when it names the home country and no word says
      it is about a relationship ("the two countries", "bilateral",
      "counterpart" …); else None (inherit).
    - A place named only as where something happened ("in Tokyo") does not make
      an actor salient when another actor is named.
    - Naming only third countries: ``other`` when one is the subject of a
      sentence ("China applied to join …"); else None (inherit: "They also
      discussed China's actions at sea" stays in the meeting).
    - Naming partners and third countries: ``other`` when a third country is
      the subject and no partner is, or, with the home country not named, when
      a third country is named more often than any partner ("Abe met Li … Li
      told Japan …" is about Japan and China).
    - Two or more partners: ``both`` only for those that are a sentence's
      subject or that the article is about; a partner named in passing ("deals
      with the US, the UK and Malaysia") is left out.
    """
    sel = set(selected) if selected is not None else None
    head = _dateline_end(text)
    if head:                       # "BANGKOK —", "HANOI (VNA) -": where it was filed, not who
        mentions = [m for m in mentions if m[0] >= head]
    if not mentions:
        if home_named and not _RELATIONAL.search(text):
            return "home", []
        return None
    keys = {k for _, _, k in mentions}
    if len(keys) > 1:
        placed = {k for k in keys if all(_LOCATIVE.search(text[max(0, s - 40):s]) for s, _, kk in mentions if kk == k)}
        if placed and placed != keys:
            mentions = [m for m in mentions if m[2] not in placed]
            keys -= placed
    counts: dict[str, int] = {}
    for _, _, k in mentions:
        counts[k] = counts.get(k, 0) + 1
    is_partner = (lambda k: k in sel) if sel is not None else (lambda k: True)
    partners = [k for k in dict.fromkeys(k for _, _, k in mentions) if is_partner(k)]
    thirds = [k for k in keys if not is_partner(k)]
    subj = _subject_mentions(text, mentions)
    if not partners:
        # a third country as a subject, or beside the home country: that relationship, not the meeting's
        return ("other", []) if subj & set(thirds) or home_named else None
    if thirds:
        if subj & set(thirds) and not subj & set(partners):
            return "other", []
        if not home_named and max(counts[k] for k in thirds) > max(counts[k] for k in partners):
            return "other", []
    if len(partners) > 1:
        # the subject's partner; else the partners the article is about; else all
        partners = [k for k in partners if k in subj] or [k for k in partners if k in primary] or partners
    return label_for(partners), partners


def _primary_actors(grp: pd.DataFrame, named: list[list[str]]) -> set[str]:
    """Actors (partners or third countries) an article is mostly about: named in
    at least 40% as many of its content paragraphs as the most named one."""
    n: dict[str, int] = {}
    for ks, bp, unit in zip(named, grp["boilerplate"], grp["unit"] if "unit" in grp else ["paragraph"] * len(grp)):
        if bp or unit == "headline":
            continue
        for k in set(ks):
            n[k] = n.get(k, 0) + 1
    if not n:
        return set()
    top = max(n.values())
    return {k for k, v in n.items() if v == top or v >= max(2, 0.4 * top)}


def attribute_paragraphs(segments: pd.DataFrame, matchers: dict[str, ActorMatcher],
                         selected: list[str] | None = None, home: ActorMatcher | None = None) -> pd.DataFrame:
    """Add ``partner`` and ``partner_source`` to a segments table (one article or many).

    - A paragraph that names partners gets them by :func:`decide_partner`: one,
      ``both`` (two or more that the paragraph is about, not a passing mention),
      ``other`` (a third country or an unselected partner is what it is about),
      or ``home`` (only the home country, ``home`` given), with
      ``partner_source = named``.
    - A content paragraph that names none, or only names a third country in
      passing, inherits from the content paragraph before it in the same article
      (``inherited``: "They also agreed …").
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
    home_named = [home.named_in(t) for t in segments["text"]] if home is not None else [False] * len(segments)
    partner, source, behind = [], [], []
    prev_doc, prev, prev_keys, last_partner = None, None, "", None
    doc_label, doc_keys, primary = {}, {}, {}
    for doc_id, grp in segments.assign(_named=named).groupby("doc_id", sort=False):
        keys = sorted({k for ks, bp in zip(grp["_named"], grp["boilerplate"] | (grp["unit"] == "headline"
                                                                             if "unit" in grp else False))
                       if not bp for k in ks},
                      key=list(matchers).index)
        doc_label[doc_id] = label_for(keys, selected)
        doc_keys[doc_id] = ";".join(k for k in keys if selected is None or k in selected)
        primary[doc_id] = _primary_actors(grp, grp["_named"].tolist())
    units = segments["unit"] if "unit" in segments else pd.Series("paragraph", index=segments.index)
    for doc_id, ks, bp, unit, text, ms, hn in zip(segments["doc_id"], named, segments["boilerplate"], units,
                                                 segments["text"], segments["mentions"], home_named):
        if doc_id != prev_doc:
            prev_doc, prev, prev_keys, last_partner = doc_id, None, "", None
        headline = unit == "headline"
        decided = decide_partner(text, ms, selected, hn, primary[doc_id]) if (ks or hn) and not bp else None
        if bp:
            lab = label_for(ks, selected) if ks else "none"
            src, keys = ("named" if ks else "none"), ";".join(k for k in ks if selected is None or k in selected)
        elif decided is not None:
            lab, src, keys = decided[0], "named", ";".join(decided[1])
        elif prev is not None and not headline:
            lab, src, keys = prev, "inherited", prev_keys
            if lab == "home" and last_partner is not None and _RELATIONAL.search(text):
                lab, keys = last_partner       # "Both sides shared the view …" after a home paragraph
        else:
            lab, keys = doc_label[doc_id], doc_keys[doc_id]
            src = "document" if lab != "none" else "none"
        if not bp and not headline:
            prev, prev_keys = lab, keys
            if lab not in ("home", "other", "none"):
                last_partner = (lab, keys)
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
