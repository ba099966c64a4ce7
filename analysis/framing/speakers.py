"""Who raises what: reporting verbs, their speakers, and the side each speaker is on.

For every sentence that holds a reporting verb (said, proposed, asked, called
for, pledged, affirmed, suggested, ...) we find the speaker of each verb and put
the speaker on a *side*: the home country (``vietnam``), a partner key, ``both``
(the two sides, the ministers, they) or ``unknown``.

How a speaker is found (rules about the *shape* of news English, not about
particular articles):

1. the noun phrase right before the verb, skipping adverbs and auxiliaries
   ("Minister Sơn proposed", "Kamikawa highly appreciated", "The host official
   called on", "..., he said");
2. a post-posed speaker after a comma-introduced verb ("..., said Minister X");
3. a participle ("Lauding ..., Minister Son noted"; "..., he said, asking ...")
   and a coordinated verb without its own subject ("reviewed ... and expressed")
   take the speaker of the nearest finite verb in the sentence.

How the side is decided, first rule that applies:

- the phrase names people or countries of two sides, or is a plural/joint
  phrase (the two sides, both sides, they, the ministers, the two FMs): ``both``;
- he / she: the last speaker of the article with a compatible gender;
- a person from ``partners.yaml`` (home people => home, partner people => partner);
- a name *learnt in the article* from how it introduced the person
  ("his Japanese counterpart Kamikawa Yoko", "Komura Masahiro, ... Vice-Minister
  for Foreign Affairs of Japan", "US Secretary of State Antony Blinken");
- a country name or adjective in the phrase ("the Japanese FM", "the Vietnamese
  side", "US State Secretary");
- a role: "host" and an unqualified title ("the Foreign Minister") are the home
  side in a home-country outlet; "guest", "visitor", "the latter" are the
  article's partner;
- a proper name that looks Vietnamese (a common family name, Vietnamese
  letters) => home;
- otherwise ``unknown``.

A role phrase ("the Japanese FM", "the host official") is linked to the last
named speaker of the same side, so a later "she said" finds that person.

Verb classes: ``request`` (asked, called for/on, proposed, suggested, urged,
requested, recommended, invited, hoped that ...), ``pledge`` (pledged, vowed,
committed, promised, hoped/wished *to* ..., and an assertion whose complement
says the speaker's own country *will* do something: "affirmed that Japan will
increase ..."), ``assert`` (said, affirmed, noted, stressed, reiterated,
announced, ...), ``appraise`` (welcomed, lauded, appreciated, valued,
expressed ...), ``agree`` (agreed) and ``discuss`` (exchanged views, discussed,
reviewed, touched upon).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..config import Actors
from ..text import fold
from .lexicon import _AMBIGUOUS_S, _FORM_TO_LEMMA, _find_verbs, _refine_class
from .sides import (
    _DETERMINERS,
    _GUEST,
    _HOST,
    _JOINT,
    _PRONOUNS,
    _ROLE,
    _SKIP_BACK,
    _TITLE_WORDS,
    _TOKEN,
    SideMatcher,
    _is_cap,
    learn_names,
    looks_vietnamese,
)

AGENCY_COLUMNS = ["doc_id", "sent_id", "partner", "partners", "verb", "lemma", "verb_class", "speaker_text",
                  "speaker_side", "side_source", "themes", "sentence", "verb_start"]


# --------------------------------------------------------------------------- noun phrases
def _np_back(toks: list[tuple[str, int, int]], v: int) -> tuple[int, int]:
    """Token span [start, end) of the subject noun phrase ending before token ``v``."""
    i = v - 1
    while i >= 0 and toks[i][0].lower() in _SKIP_BACK and not (
            toks[i][0].lower() == "both" and i > 0 and toks[i - 1][0].lower() in ("they", "we")) and not (
            toks[i][0].lower() == "both" and i + 1 < v and toks[i + 1][0].lower() in ("sides", "countries")):
        i -= 1
    end = i + 1
    start = end
    k = i
    while k >= 0:
        w = toks[k][0]
        lw = w.lower()
        if lw in _PRONOUNS and start == end:
            start = k
            break
        if lw in _PRONOUNS:
            break
        if _is_cap(w) or lw in _ROLE or lw in ("and", "of", "for", "'s") or (w in ("-",) and k > 0):
            if lw in ("and", "of", "for", "-") and not (k > 0 and (_is_cap(toks[k - 1][0]) or toks[k - 1][0].lower() in _ROLE)):
                break
            start = k
            k -= 1
            continue
        if w == "'" and k + 1 < len(toks) and toks[k + 1][0] == "s":
            start = k
            k -= 1
            continue
        break
    # drop a leading connective
    while start < end and toks[start][0].lower() in ("and", "of", "for", "-"):
        start += 1
    return start, end


def _np_forward(toks, v_end: int) -> tuple[int, int]:
    """Token span of a post-posed speaker after the verb ("..., said Minister X")."""
    j = v_end
    start = j
    while j < len(toks) and (_is_cap(toks[j][0]) or toks[j][0].lower() in _ROLE or toks[j][0].lower() in ("of", "for")):
        j += 1
    if not any(_is_cap(t[0]) for t in toks[start:j]):
        return start, start  # "stressed the importance": an object, not a speaker
    return start, j


def _np_apposition(toks, comma: int) -> tuple[int, int]:
    """A subject with an apposition: "Ramirez, the American ambassador, stressed"
    -> the span from the name to the apposition's end (``comma`` is the comma
    before the verb)."""
    for k in range(comma - 1, max(-1, comma - 14), -1):
        w = toks[k][0]
        if w in (".", ";", ":", "(", ")", '"'):
            break
        if w == ",":
            s, e = _np_back(toks, k)
            if e > s and any(_is_cap(t[0]) for t in toks[s:e]):
                return s, comma
            break
    return comma, comma


# --------------------------------------------------------------------------- article state
@dataclass
class _Entity:
    key: str
    side: str
    gender: str | None = None


@dataclass
class _Article:
    learnt: dict[str, str]
    doc_partner: str | None
    entities: list[_Entity] = field(default_factory=list)

    def push(self, key: str, side: str) -> _Entity:
        for e in self.entities:
            if e.key == key:
                self.entities.remove(e)
                self.entities.insert(0, e)
                return e
        ent = _Entity(key, side)
        self.entities.insert(0, ent)
        return ent

    def pronoun(self, gender: str) -> _Entity | None:
        for e in self.entities:
            if e.side != "both" and e.gender in (None, gender):
                e.gender = gender
                self.entities.remove(e)
                self.entities.insert(0, e)
                return e
        return None

    def last_of_side(self, side: str) -> _Entity | None:
        for e in self.entities:
            if e.side == side and not e.key.startswith("role:"):
                return e
        return None


def _resolve(np_text: str, np_toks: list[str], sides: SideMatcher, art: _Article, home_outlet: bool):
    """(side, source, entity-key) for a subject phrase."""
    low = [t.lower() for t in np_toks]
    if not low:
        return "unknown", "no_subject", None
    if len(low) == 1 and low[0] in ("he", "she"):
        ent = art.pronoun(low[0])
        return (ent.side, "pronoun", ent.key) if ent else ("unknown", "pronoun_unresolved", None)
    if low[0] in ("it", "i") and len(low) == 1:
        return "unknown", "pronoun_unresolved", None
    named_people = sides.people_named(np_text)
    named = sides.sides_named(np_text)
    learnt_sides = []
    for t in np_toks:
        s = art.learnt.get(fold(t).lower())
        if s and _is_cap(t) and s not in learnt_sides:
            learnt_sides.append(s)
    all_sides = list(dict.fromkeys(named + learnt_sides))
    if len(all_sides) >= 2:
        return "both", "two_sides_named", None
    if len(all_sides) == 0 and (set(low) & _JOINT or low[0] in ("they", "we")):
        return "both", "joint_phrase", None
    name_toks = [t for t in np_toks if _is_cap(t) and t.lower() not in _TITLE_WORDS and t.lower() not in _DETERMINERS
                 and t.lower() not in _PRONOUNS]
    key = " ".join(fold(t).lower() for t in name_toks) if name_toks else None
    if named_people:
        side = named_people[0]
        return side, "config_person", _person_key(np_toks, art) or key
    if learnt_sides:
        return learnt_sides[0], "learnt_name", _person_key(np_toks, art) or key
    if all_sides:
        side = all_sides[0]
        if name_toks and not (set(t.lower() for t in name_toks) & _country_words(sides, np_text)):
            return side, "adjective", key
        ent = art.last_of_side(side)
        return side, "adjective", (ent.key if ent else f"role:{side}")
    # roles
    if set(low) & _HOST:
        ent = art.last_of_side(sides.home)
        return sides.home, "role_host", (ent.key if ent else f"role:{sides.home}")
    if set(low) & _GUEST and art.doc_partner:
        ent = art.last_of_side(art.doc_partner)
        return art.doc_partner, "role_guest", (ent.key if ent else f"role:{art.doc_partner}")
    if name_toks:
        if looks_vietnamese(" ".join(name_toks)):
            return sides.home, "vietnamese_name", key
        return "unknown", "unknown_name", key
    if home_outlet and set(low) & (_ROLE - _JOINT - _DETERMINERS - set(_PRONOUNS)):
        ent = art.last_of_side(sides.home)
        return sides.home, "role_home_outlet", (ent.key if ent else f"role:{sides.home}")
    return "unknown", "unresolved", None


def _country_words(sides: SideMatcher, text: str) -> set[str]:
    """Lower-case tokens of ``text`` that are part of a country/adjective mention."""
    out = set()
    for m in sides.matchers.values():
        for s, e in m.spans(text):
            out.update(w.lower() for w in re.findall(r"[A-Za-z.]+", fold(text)[s:e]))
    return out


def _person_key(np_toks: list[str], art: _Article) -> str | None:
    """The entity key of a named person: the last capitalised name token (family
    or given name as the article uses it), so "Minister Sơn" and "Sơn" match."""
    caps = [fold(t).lower() for t in np_toks if _is_cap(t) and t.lower() not in _TITLE_WORDS
            and t.lower() not in _DETERMINERS]
    if not caps:
        return None
    return caps[-1]



def _own_terms(actors: Actors) -> dict[str, str]:
    out = {}
    for actor in [actors.home, *actors.partners.values()]:
        terms = [fold(t) for t in actor.names + actor.case_sensitive]
        out[actor.key] = "|".join(re.escape(t) for t in sorted(set(terms), key=lambda s: (-len(s), s)))
    return out


def attribute_speakers(sentences: pd.DataFrame, actors: Actors, home_outlet: bool = True) -> pd.DataFrame:
    """One row per reporting verb in ``sentences`` with its speaker and side.

    ``sentences``: ``sent_id, doc_id, text, partner`` (and optionally ``para``,
    ``sent`` for order; rows are processed in the given order within each
    article, which should be reading order). Names are learnt from all the
    sentences of an article first, then verbs are attributed in order, so a
    pronoun refers to the last speaker *before* it.

    ``home_outlet``: the outlets are the home country's (an unqualified "the
    Foreign Minister" is then the home minister).

    Returns ``AGENCY_COLUMNS`` without ``partners`` and ``themes`` (see :func:`agency`).
    """
    sides = SideMatcher.from_actors(actors)
    own_terms = _own_terms(actors)
    rows = []
    for doc_id, grp in sentences.groupby("doc_id", sort=False):
        texts = grp["text"].tolist()
        singles = [p for p in grp["partner"] if p in sides.partner_keys]
        doc_partner = max(set(singles), key=lambda p: (singles.count(p), -sides.partner_keys.index(p))) if singles else None
        if len(set(singles)) > 1:
            doc_partner = None
        art = _Article(learn_names(texts, sides), doc_partner)
        for sent_id, text, partner in zip(grp["sent_id"], texts, grp["partner"]):
            rows.extend(_sentence_rows(doc_id, sent_id, text, partner, sides, art, own_terms, home_outlet))
    out = pd.DataFrame(rows, columns=[c for c in AGENCY_COLUMNS if c not in ("partners", "themes")])
    return out


def _sentence_rows(doc_id, sent_id, text, partner, sides, art, own_terms, home_outlet):
    folded = fold(text)
    verbs = _find_verbs(folded)
    if not verbs:
        return []
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    starts = {s: i for i, (_, s, _) in enumerate(toks)}
    ends = {e: i for i, (_, _, e) in enumerate(toks)}
    found = []  # (verb tuple, np_text, np_toks, participle, has_subject)
    for vs, ve, surface, form, lemma in verbs:
        v = starts.get(vs)
        v_last = ends.get(ve)
        if v is None or v_last is None:
            continue
        participle = form.split()[0].endswith("ing")
        if participle and v > 0 and toks[v - 1][0] != ",":
            continue  # "including considering adding X": not a report; ", adding ..." / "Lauding ..., X noted" are
        s, e = _np_back(toks, v)
        coordinated = v >= 1 and toks[v - 1][0].lower() == "and"
        # coordinated verbs: "Japan treasures and wishes" -> skip "treasures and"
        if s == e and coordinated and v >= 2 and toks[v - 2][0].islower() and toks[v - 2][0] not in _FORM_TO_LEMMA:
            s, e = _np_back(toks, v - 2)
        if s == e and v >= 1 and toks[v - 1][0] in (",", '"', "'") and not participle:
            s, e = _np_forward(toks, v_last + 1)
            if s == e and toks[v - 1][0] == ",":
                s, e = _np_apposition(toks, v - 1)
        if participle:
            s = e  # a participle's subject is the clause's
        np_toks = [t[0] for t in toks[s:e] if t[0] not in ("'", "-")]
        np_text = text[toks[s][1]:toks[e - 1][2]] if e > s else ""
        if not participle and not np_toks and form in _AMBIGUOUS_S and not coordinated:
            continue
        found.append([(vs, ve, surface, form, lemma), np_text, np_toks, participle])
    if not found:
        return []
    # resolve explicit subjects in order; participles / bare coordinated verbs inherit
    resolved: list[tuple[str, str, str] | None] = []
    for _verb, np_text, np_toks, _participle in found:
        if np_toks:
            side, source, key = _resolve(np_text, np_toks, sides, art, home_outlet)
            if key and side not in ("unknown",):
                art.push(key, side)
            resolved.append((np_text, side, source))
        else:
            resolved.append(None)
    for i, r in enumerate(resolved):
        if r is None:
            prev = next((resolved[j] for j in range(i - 1, -1, -1) if resolved[j] is not None), None)
            nxt = next((resolved[j] for j in range(i + 1, len(resolved)) if resolved[j] is not None), None)
            src = prev or nxt
            resolved[i] = (src[0], src[1], "inherited") if src else ("", "unknown", "no_subject")
    rows = []
    for (verb, _, _, _), (np_text, side, source) in zip(found, resolved):
        vs, ve, surface, form, lemma = verb
        cls = _refine_class(lemma, form, folded[ve:], side, sides, own_terms)
        rows.append((doc_id, sent_id, partner, text[vs:ve], lemma, cls, np_text, side, source, text, vs))
    return rows
