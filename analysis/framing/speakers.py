"""Who raises what: reporting verbs, their speakers, and the side each speaker is on.

For every sentence that holds a reporting verb (said, proposed, asked, called
for, pledged, affirmed, hopes, suggested, ...) we find the speaker of each verb and
put the speaker on a *side*: the home country (``vietnam``), a partner key,
``both`` (the two sides, the ministers, the two PMs, "A and B" of two sides),
``other`` (a country defined in ``partners.yaml`` but not compared) or
``unknown``.

How a speaker is found (rules about the *shape* of news English, not about
particular articles):

1. the noun phrase right before the verb, skipping adverbs and auxiliaries
   ("Minister Sơn proposed", "Kamikawa highly appreciated", "The host official
   called on", "..., he said", "the U.S. Embassy in Hanoi said");
2. a post-posed speaker after a comma-introduced *saying* verb ("..., said
   Minister X"); never a phrase that starts with "of" or an object ("...,
   congratulated Kishida");
3. a subject with an apposition or a relative clause between commas ("Ramirez,
   the American ambassador, stressed"; "Pham, who is visiting Japan,
   congratulated": the relative clause is not the speaker);
4. a coordinated verb ("discussed ... in Vietnam and emphasized", "...,
   congratulated X, and appreciated") and a participle ("..., he said, asking";
   "Lauding ..., Minister Son noted") take the subject of the clause's first
   verb, or the sentence's subject when no verb of ours precedes.

How the side is decided, first rule that applies:

- a coordination of people of two sides ("Blinken and Son", "he and Abe",
  "the Secretary and the Foreign Minister"), a phrase naming two sides, or a
  joint plural (the two sides, both ministers, the two PMs, the leaders, the
  two, they): ``both``;
- he / she: the last speaker of the article with a compatible gender;
- a person from ``partners.yaml`` (home people => home, partner people => partner);
- a name *learnt in the article* from how it introduced the person ("his
  Japanese counterpart Kamikawa Yoko", "Komura Masahiro, ... Vice-Minister for
  Foreign Affairs of Japan", "US Secretary of State Antony Blinken");
- a country name or adjective in the phrase ("the Japanese FM", "the Vietnamese
  side"); a mission's location is not its side ("the US Embassy in Hanoi",
  "Ambassador to Vietnam Marc Knapper");
- a role: "host" is the side whose country the dateline names (the home side
  when the dateline names none and the outlet is the home country's), "guest",
  "visitor", "the latter" the other side;
- a proper name that looks Vietnamese (a common family name, Vietnamese
  letters) => home;
- an unqualified title ("the Foreign Minister", "the Prime Minister", "the
  ministry") is the side *whose outlet* wrote the article, when the outlets
  table of ``partners.yaml`` says whose it is (a wire service belongs to no
  side: the rule does not fire); while the table says nobody's, every outlet is
  taken for the home country's (the former behaviour);
- otherwise ``unknown``.

A role phrase ("the Japanese FM", "the host official") is linked to the last
named speaker of the same side, so a later "she said" finds that person. The
verb classes and the complement rules are in :mod:`analysis.framing.lexicon`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..config import Actors
from ..text import fold
from .lexicon import _AMBIGUOUS_S, _GROUP, LEMMA_CLASS, find_verbs, refine_class
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

AGENCY_COLUMNS = ["doc_id", "sent_id", "meeting_id", "partner", "partners", "verb", "lemma", "verb_class",
                  "speaker_text", "speaker_side", "side_source", "themes", "sentence", "verb_start"]
# lemmas whose speaker may follow them after a comma ("..., said Minister X")
_SAYING = {"say", "state", "add", "note", "stress", "emphasise", "affirm", "explain", "announce", "remark",
           "confirm", "reiterate", "tell", "underline", "underscore", "acknowledge", "insist", "comment",
           "conclude", "write", "highlight", "reply", "respond", "ask", "urge"}
# words that open a relative clause or a circumstance between commas: not an apposition
_NOT_APPOSITION = {"who", "which", "whose", "whom", "now", "currently", "also", "then", "in", "on", "at", "during",
                   "after", "before", "while", "when", "since", "speaking", "addressing", "meeting", "visiting",
                   "for", "as", "with", "accompanied", "following", "according", "via", "through", "by",
                   "the", "a"}
_INTRO = {"at", "in", "during", "on", "for", "regarding", "after", "following", "with", "besides", "meanwhile",
          "however", "earlier", "later", "under", "as", "when", "while", "according", "speaking", "addressing",
          "concerning", "about", "given", "amid", "through", "over", "also", "moreover", "furthermore",
          "additionally", "accordingly", "then", "since", "before", "to"}
_MISSION = re.compile(r"\b((?:embassy|consulate|consulate-general|mission|office|delegation|ambassador|envoy|"
                      r"consul|consul-general|representative|chief|head|director)s?)\s+(?:in|to|at)\s+"
                      r"(?:the\s+)?[A-Z][\w.']*(?:\s+[A-Z][\w.']*)*", re.I)
_INSTITUTION = {"embassy", "consulate", "mission", "office", "delegation", "ambassador", "envoy", "consul",
                "consul-general", "representative", "ambassadors", "embassies"}
_OUTLET_ROLES = (_ROLE - _JOINT - _DETERMINERS - set(_PRONOUNS) - _INSTITUTION - {"host", "hosts", "guest", "guests",
                 "visitor", "visitors", "visiting", "latter", "former", "businesses", "firms", "companies",
                 "enterprises", "people", "country", "countries", "side", "nations", "top", "senior"}) | {
                 "pm", "fm", "ministry", "spokesperson", "premier"}
_EXTRA_JOINT = {"pms", "presidents", "premiers", "chiefs", "sides", "leaders", "ministers", "fms", "counterparts"}


# --------------------------------------------------------------------------- noun phrases
def _np_back(toks: list[tuple[str, int, int]], v: int, floor: int = 0) -> tuple[int, int]:
    """Token span [start, end) of the subject noun phrase ending before token ``v``
    (not reaching before ``floor``)."""
    i = v - 1
    while i >= floor and toks[i][0].lower() in _SKIP_BACK and not (
            toks[i][0].lower() == "both" and i > 0 and toks[i - 1][0].lower() in ("they", "we")) and not (
            toks[i][0].lower() == "both" and i + 1 < v and toks[i + 1][0].lower() in ("sides", "countries")):
        i -= 1
    if i >= floor and toks[i][0].lower() == "on" and i + 1 < v and toks[i + 1][0].lower() in _SKIP_BACK:
        i -= 1      # "... on Wednesday discussed"
    end = i + 1
    start = end
    k = i
    while k >= floor:
        w = toks[k][0]
        lw = w.lower()
        if lw in _PRONOUNS and start == end:
            start = k
            break
        if lw in _PRONOUNS:
            if k + 1 < len(toks) and toks[k + 1][0].lower() == "and" and lw in ("he", "she", "i", "we"):
                start = k   # "he and Abe confirmed"
            break
        if lw in ("in", "to", "at") and start < end and k > floor and toks[k - 1][0].lower() in _INSTITUTION:
            start = k          # "the U.S. Embassy in Hanoi", "Ambassador to Vietnam Marc Knapper"
            k -= 1
            continue
        if _is_cap(w) or lw in _ROLE or lw in ("and", "of", "for", "'s") or (w in ("-",) and k > 0):
            if lw in ("and", "of", "for", "-") and not (k > floor and (_is_cap(toks[k - 1][0])
                                                                     or toks[k - 1][0].lower() in _ROLE)):
                break
            if lw == "and" and start == end:
                break           # "Vietnam and emphasized": a coordination, not a phrase ending in "and"
            start = k
            k -= 1
            continue
        if w == "'" and k + 1 < len(toks) and toks[k + 1][0] == "s":
            start = k
            k -= 1
            continue
        if w == "." and k > floor and len(toks[k - 1][0]) <= 2 and _is_cap(toks[k - 1][0]):
            start = k           # "U.S." / "Mr." inside a name
            k -= 1
            continue
        break
    # drop a leading connective
    while start < end and toks[start][0].lower() in ("and", "of", "for", "-", "in", "to", "at", "."):
        start += 1
    return start, end


def _np_forward(toks, v_end: int) -> tuple[int, int]:
    """Token span of a post-posed speaker after the verb ("..., said Minister X",
    "..., said the ministry"): it starts with a capitalised word or a
    determiner and a role, never with "of", and is followed by the sentence end,
    a comma or a circumstance ("on Monday", "in a statement")."""
    j = v_end
    start = j
    if j < len(toks) and toks[j][0].lower() in ("the", "a", "an") and j + 1 < len(toks) and (
            _is_cap(toks[j + 1][0]) or toks[j + 1][0].lower() in _ROLE):
        j += 1
    if j >= len(toks) or not (_is_cap(toks[j][0]) or (j > start and toks[j][0].lower() in _ROLE)):
        return start, start
    while j < len(toks) and (_is_cap(toks[j][0]) or toks[j][0].lower() in _ROLE or toks[j][0] in (".", "'", "-")
                             or (toks[j][0].lower() in ("of", "for") and j + 1 < len(toks)
                                 and _is_cap(toks[j + 1][0]) and toks[j - 1][0].lower() in _TITLE_WORDS)
                             or (toks[j][0].lower() == "'s" and j + 1 < len(toks) and _is_cap(toks[j + 1][0]))):
        # "of" only inside a title ("Minister of Foreign Affairs X"): "said Lan of Japan's aid" ends at Lan
        j += 1
    after = toks[j][0].lower() if j < len(toks) else ""
    if after == "of":
        after = ","      # "said Lan of Japanese ODA": the speaker is Lan, the rest is what she spoke of
    if after and after not in (",", ".", ";", ":", "on", "in", "at", "during", "after", "while", "when", "according",
                               "(", "\"", "told", "last", "this", "yesterday", "today", "earlier", "late", "before",
                               "as", "adding", "noting", "saying"):
        return start, start
    return start, j


def _np_apposition(toks, comma: int) -> tuple[int, int, bool]:
    """A subject with an apposition or a relative clause between commas:
    "Ramirez, the American ambassador, stressed" -> (span of name and
    apposition, True); "Pham, who is visiting Japan, congratulated" -> (span of
    "Pham" only, False). ``comma`` is the comma before the verb."""
    for k in range(comma - 1, max(-1, comma - 20), -1):
        w = toks[k][0]
        if w in (".", ";", ":", "(", ")", '"'):
            break
        if w == ",":
            s, e = _np_back(toks, k)
            if e > s and any(_is_cap(t[0]) for t in toks[s:e]):
                first = toks[k + 1][0].lower() if k + 1 < comma else ""
                if first == "on" and k + 2 < comma and toks[k + 2][0].lower() == "behalf":
                    return s, comma, True      # "Choi, on behalf of the Seoul government, thanked"
                if first in _NOT_APPOSITION and not (first == "the" and k + 2 < comma
                                                     and (_is_cap(toks[k + 2][0]) or toks[k + 2][0].lower() in _ROLE)):
                    return s, e, False
                if first.endswith("ing") or (first.endswith("ed") and first not in ("united",)):
                    return s, e, False
                return s, comma, True
            break
    return comma, comma, False


def _clause_subject(toks, upto: int) -> tuple[int, int]:
    """The sentence's subject: the noun phrase before its first lower-case word,
    after an opening circumstance ("At the talks, ...", "For his part, ...")."""
    start = 0
    # a dateline ("HANOI, June 23 (Yonhap) --", "TOKYO (Kyodo) -") is not the subject
    dash = next((i for i in range(min(upto, len(toks), 16)) if toks[i][0] in ("-", "--")
                 or (toks[i][0] == ")" and i + 1 < len(toks) and toks[i + 1][0] == "-")), None)
    if dash is not None and toks and toks[0][0].isupper() and len(toks[0][0]) > 2:
        start = dash + 1
        while start < upto and toks[start][0] in ("-", ")"):
            start += 1
    if start < len(toks) and toks[start][0].lower() in _INTRO:
        comma = next((i for i in range(start, min(upto, len(toks))) if toks[i][0] == ","), None)
        if comma is None:
            return 0, 0
        start = comma + 1
    j = start
    while j < upto and (_is_cap(toks[j][0]) or toks[j][0].lower() in _ROLE or toks[j][0].lower() in
                        ("and", "of", "for", "'s", "'", "-", ".", "the")):
        j += 1
    if j == start:
        return 0, 0
    return _np_back(toks, j, floor=start)


# --------------------------------------------------------------------------- article state
@dataclass
class _Entity:
    key: str
    side: str
    gender: str | None = None
    org: bool = False     # an organisation or a country ("the ministry", "Japan"): "it", not "he"/"she"


_ORG_WORDS = {"ministry", "ministries", "statement", "embassy", "department", "office", "government", "agency",
              "report", "readout", "mission", "consulate", "administration", "council", "committee", "spokesperson",
              "side", "country"}


@dataclass
class _Article:
    learnt: dict[str, str]
    doc_partner: str | None
    outlet_side: str | None = None
    host_side: str | None = None
    entities: list[_Entity] = field(default_factory=list)

    def push(self, key: str, side: str, org: bool = False, bottom: bool = False) -> _Entity:
        for e in self.entities:
            if e.key == key:
                if not bottom:
                    self.entities.remove(e)
                    self.entities.insert(0, e)
                return e
        ent = _Entity(key, side, org=org)
        if bottom:
            self.entities.append(ent)
        else:
            self.entities.insert(0, ent)
        return ent

    def pronoun(self, gender: str) -> _Entity | None:
        """The last entity "he"/"she" (a person of a compatible gender) or "it" (an organisation) can be."""
        for e in self.entities:
            if e.side == "both":
                continue
            if gender == "it":
                if e.org:
                    self.entities.remove(e)
                    self.entities.insert(0, e)
                    return e
                continue
            if not e.org and e.gender in (None, gender):
                e.gender = gender
                self.entities.remove(e)
                self.entities.insert(0, e)
                return e
        return None

    def last_of_side(self, side: str) -> _Entity | None:
        for e in self.entities:
            if e.side == side and not e.key.startswith("role:") and not e.org:
                return e
        return None


def _split_coordination(np_toks: list[str]) -> list[list[str]]:
    """Parts of a coordinated phrase ("Blinken and Son" -> [Blinken], [Son]); one
    part when there is no top-level "and" between two people or roles."""
    if "," in np_toks:
        return [np_toks]
    parts, cur = [], []
    for t in np_toks:
        if t.lower() == "and":
            if cur:
                parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts if len(parts) >= 2 else [np_toks]


def _resolve(np_text: str, np_toks: list[str], sides: SideMatcher, art: _Article, legacy_home: bool,
             top: bool = True):
    """(side, source, entity-key) for a subject phrase."""
    low = [t.lower() for t in np_toks]
    if not low:
        return "unknown", "no_subject", None
    if len(low) == 1 and low[0] in ("he", "she", "it"):
        ent = art.pronoun(low[0])
        if ent is None or ent.side == "unknown":
            return "unknown", "pronoun_unresolved", None
        return ent.side, "pronoun", ent.key
    if len(low) == 1 and low[0] in ("i", "we"):
        return "unknown", "pronoun_unresolved", None
    # a mission's place is not its side: "the US Embassy in Hanoi", "Ambassador to Vietnam X"
    clean = _MISSION.sub(lambda m: m.group(1), fold(np_text))
    if clean != fold(np_text):
        np_text = clean
        np_toks = [t for t in re.findall(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*", clean)]
        low = [t.lower() for t in np_toks]
    if top:
        parts = _split_coordination(np_toks)
        if len(parts) >= 2 and all(any(_is_cap(t) or t.lower() in _ROLE for t in p) for p in parts):
            got = [_resolve(" ".join(p), p, sides, art, legacy_home, top=False) for p in parts]
            kinds = {g[0] for g in got}
            if len(kinds) == 1 and "unknown" not in kinds and not any(g[1].startswith("role") for g in got):
                side = kinds.pop()
                return side, got[0][1], None
            if len(kinds - {"unknown"}) >= 2 or (kinds & {"both"}) or (
                    len(kinds) >= 1 and all(p and (p[-1].lower() in _ROLE or _is_cap(p[-1])) for p in parts)):
                return "both", "joint_coordination", None
    named_people = sides.people_named(np_text)
    named = sides.sides_named(np_text)
    learnt_sides = []
    for t in np_toks:
        s = art.learnt.get(fold(t).lower())
        if s and _is_cap(t) and s not in learnt_sides:
            learnt_sides.append(s)
    all_sides = list(dict.fromkeys(named + learnt_sides))
    real = [s for s in all_sides if s != "other"]
    if len(real) >= 2:
        return "both", "two_sides_named", None
    joint = set(low) & (_JOINT | _EXTRA_JOINT) or low[0] in ("they",) or low in (["the", "two"], ["two"])
    if not real and joint and not (set(low) & {"officials", "diplomats"} and "other" in all_sides):
        return "both", "joint_phrase", None
    name_toks = [t for t in np_toks if _is_cap(t) and t.lower() not in _TITLE_WORDS and t.lower() not in _DETERMINERS
                 and t.lower() not in _PRONOUNS and t.lower() not in _OUTLET_ROLES]
    key = " ".join(fold(t).lower() for t in name_toks) if name_toks else None
    if named_people:
        side = named_people[0]
        return side, "config_person", _person_key(np_toks, art) or key
    if learnt_sides:
        return learnt_sides[0], "learnt_name", _person_key(np_toks, art) or key
    if all_sides:
        side = real[0] if real else "other"
        country = _country_words(sides, np_text)
        names = [t for t in name_toks if t.lower() not in country]
        if names:   # "Choi, on behalf of the Seoul government": Choi is a person of that side
            return side, "adjective", " ".join(fold(t).lower() for t in names)
        ent = art.last_of_side(side)
        return side, "adjective", (ent.key if ent else f"role:{side}")
    # roles
    if set(low) & _HOST:
        host = art.host_side or (sides.home if legacy_home or art.outlet_side == sides.home else None)
        if host:
            ent = art.last_of_side(host)
            return host, "role_host", (ent.key if ent else f"role:{host}")
    if set(low) & _GUEST:
        host = art.host_side or sides.home
        guest = art.doc_partner if host == sides.home else (sides.home if host in sides.partner_keys else None)
        if guest:
            ent = art.last_of_side(guest)
            return guest, "role_guest", (ent.key if ent else f"role:{guest}")
    if name_toks:
        if looks_vietnamese(" ".join(name_toks)):
            return sides.home, "vietnamese_name", key
        return "unknown", "unknown_name", key
    outlet = sides.home if legacy_home else art.outlet_side
    if outlet and set(low) & _OUTLET_ROLES:
        ent = art.last_of_side(outlet)
        return outlet, "role_outlet", (ent.key if ent else f"role:{outlet}")
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


def _side_terms(actors: Actors) -> dict[str, str]:
    """Side key -> regex alternation (folded, lower case) of its names, acronyms and adjectives."""
    out = {}
    for actor in [actors.home, *actors.partners.values(), *actors.unselected.values(),
                  *getattr(actors, "others", {}).values()]:
        terms = [fold(t).lower() for t in actor.names + actor.case_sensitive + actor.adjectives]
        out[actor.key] = "|".join(re.escape(t) for t in sorted(set(terms), key=lambda s: (-len(s), s)))
    return out


def outlet_side(actors: Actors, code: str) -> str | None:
    """Whose outlet ``code`` is: the home key, a partner key, ``other`` (a third
    country's or a wire service's), or None when ``partners.yaml`` does not say."""
    outlet = actors.outlets.get(code)
    country = getattr(outlet, "country", None) if outlet is not None else None
    if not country:
        return None
    if country == actors.home.key or country in actors.partners:
        return country
    return "other"


def _outlets_say_whose(actors: Actors) -> bool:
    return any(getattr(o, "country", None) for o in actors.outlets.values())


def attribute_speakers(sentences: pd.DataFrame, actors: Actors, documents: pd.DataFrame | None = None,
                       home_outlet: bool | None = None) -> pd.DataFrame:
    """One row per reporting verb in ``sentences`` with its speaker and side.

    ``sentences``: ``sent_id, doc_id, text, partner`` (and optionally ``para``,
    ``sent`` for order, ``event_id`` for the meeting; rows are processed in the
    given order within each article, which should be reading order). Names are
    learnt from all the sentences of an article first, then verbs are attributed
    in order, so a pronoun refers to the last speaker *before* it.

    ``documents`` (optional): ``doc_id, outlet, dateline`` — whose outlet wrote
    each article (the outlets table of ``partners.yaml``) and where the meeting
    was (the host). ``home_outlet``: force the former rule (True: every article is
    the home country's; False: none is); None (default) reads the outlets table,
    and falls back to True while the table says nobody's outlets are whose.

    Returns ``AGENCY_COLUMNS`` without ``partners`` and ``themes`` (see
    :func:`analysis.framing.agency.agency`).
    """
    sides = SideMatcher.from_actors(actors)
    terms = _side_terms(actors)
    legacy = home_outlet if home_outlet is not None else not _outlets_say_whose(actors)
    outlets = dict(zip(documents["doc_id"], documents["outlet"].fillna(""))) if documents is not None and \
        "outlet" in documents else {}
    datelines = dict(zip(documents["doc_id"], documents["dateline"].fillna(""))) if documents is not None and \
        "dateline" in documents else {}
    meeting = sentences["event_id"].fillna("").astype(str) if "event_id" in sentences else sentences["doc_id"].astype(str)
    sentences = sentences.assign(_meeting=meeting.to_numpy())
    rows = []
    for doc_id, grp in sentences.groupby("doc_id", sort=False):
        texts = grp["text"].tolist()
        singles = [p for p in grp["partner"] if p in sides.partner_keys]
        doc_partner = max(set(singles), key=lambda p: (singles.count(p), -sides.partner_keys.index(p))) if singles else None
        if len(set(singles)) > 1:
            doc_partner = None
        place = sides.sides_named(datelines.get(doc_id, "")) if datelines.get(doc_id) else []
        host = next((s for s in place if s != "other"), None)
        o_side = None if legacy else outlet_side(actors, outlets.get(doc_id, ""))
        art = _Article(learn_names(texts, sides), doc_partner, o_side if o_side != "other" else None, host)
        for sent_id, text, partner, meet in zip(grp["sent_id"], texts, grp["partner"], grp["_meeting"]):
            rows.extend(_sentence_rows(doc_id, sent_id, meet, text, partner, sides, art, terms, legacy))
    return pd.DataFrame(rows, columns=[c for c in AGENCY_COLUMNS if c not in ("partners", "themes")])


def _span_text(text, toks, s, e):
    np_toks = [t[0] for t in toks[s:e] if t[0] not in ("'", "-", ".")]
    return text[toks[s][1]:toks[e - 1][2]], np_toks


def _remember(art: _Article, np_text: str, np_toks: list[str], side: str, source: str, key: str | None,
              bottom: bool = False) -> None:
    """Keep a speaker (or a sentence's subject) for later pronouns: people as
    "he"/"she", organisations and countries as "it"; an unknown person is kept
    too, so a later "he" does not jump over them to someone else."""
    low = {t.lower() for t in np_toks}
    org = bool(low & _ORG_WORDS) or (source == "adjective" and key and key.startswith("role:")
                                      and not low & (_ROLE - _ORG_WORDS))
    if source in ("pronoun", "pronoun_unresolved", "no_subject", "inherited") or side == "both":
        return
    if org:
        art.push(f"org:{' '.join(sorted(low))}", side, org=True, bottom=bottom)
        return
    if key:
        art.push(key, side, bottom=bottom)


def _sentence_rows(doc_id, sent_id, meet, text, partner, sides, art, terms, legacy):
    folded = fold(text)
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    verbs = find_verbs(folded)
    starts = {s: i for i, (_, s, _) in enumerate(toks)}
    ends = {e: i for i, (_, _, e) in enumerate(toks)}
    first_verb = starts.get(verbs[0][0], len(toks)) if verbs else len(toks)
    # the sentence's own subject: a later "he"/"it" may refer to it, whatever its verb
    cs, ce = _clause_subject(toks, first_verb)
    clause = None
    if ce > cs:
        c_text, c_toks = _span_text(text, toks, cs, ce)
        if not (len(c_toks) == 1 and c_toks[0].lower() in _PRONOUNS):
            side, source, key = _resolve(c_text, c_toks, sides, art, legacy)
            clause = (c_text, side, source)
            if side != "unknown" and source in ("config_person", "learnt_name", "vietnamese_name", "adjective"):
                _remember(art, c_text, c_toks, side, source, key)
    if not verbs:
        return []
    found = []  # [verb, (s, e) subject span or None, mode]; mode: explicit, post, coord, participle
    for vs, ve, surface, form, lemma in verbs:
        v = starts.get(vs)
        v_last = ends.get(ve)
        if v is None or v_last is None:
            continue
        participle = form.split()[0].endswith("ing") or (v > 0 and toks[v - 1][0].lower() == "having")
        prev = v - 1
        while prev >= 0 and toks[prev][0].lower() in _SKIP_BACK:
            prev -= 1
        prev_tok = toks[prev][0] if prev >= 0 else ""
        verb = (vs, ve, surface, form, lemma)
        if participle:
            if v > 0 and prev_tok not in (",", ";", "-") and toks[v - 1][0].lower() != "having":
                continue  # "including considering adding X": not a report; ", adding ..." / "Lauding ..., X noted" are
            found.append([verb, None, "participle"])
            continue
        if prev_tok.lower() in ("and", "but", "or") or (prev_tok == "," and prev >= 1 and toks[prev - 1][0].lower()
                                                         in ("and",)):
            found.append([verb, None, "coord"])   # a coordinated verb
            continue
        s, e = _np_back(toks, v)
        mode = "explicit"
        if s == e and prev_tok in (",", '"', "'"):
            s, e = (_np_forward(toks, v_last + 1) if lemma in _SAYING else (v, v))
            mode = "post"
            if s == e and prev_tok == ",":
                if not found:
                    s, e, _ = _np_apposition(toks, prev)
                    mode = "explicit"
                else:
                    found.append([verb, None, "coord"])  # "..., confirmed X, vowed"
                    continue
        if s == e:
            if form in _AMBIGUOUS_S:
                continue   # "the hopes of", "his remarks": a noun
            found.append([verb, None, "coord"])
            continue
        found.append([verb, (s, e), mode])
    if not found:
        return []
    # resolve explicit subjects in order; "we"/"I" are the quoted speaker; the rest inherit
    resolved: list[tuple[str, str, str] | None] = []
    first_person = []
    for i, (_verb, span, _mode) in enumerate(found):
        if span is None:
            resolved.append(None)
            continue
        np_text, np_toks = _span_text(text, toks, *span)
        if len(np_toks) == 1 and np_toks[0].lower() in ("we", "i"):
            resolved.append(None)
            first_person.append(i)
            continue
        side, source, key = _resolve(np_text, np_toks, sides, art, legacy)
        _remember(art, np_text, np_toks, side, source, key)
        resolved.append((np_text, side, source))
    for i in first_person:
        quoted = next((resolved[j] for j in range(len(found)) if j != i and resolved[j] is not None
                       and found[j][0][4] in _SAYING), None)
        np_text, _ = _span_text(text, toks, *found[i][1])
        resolved[i] = (np_text, quoted[1], "quoted_speaker") if quoted and quoted[1] != "unknown" else (
            np_text, "unknown", "pronoun_unresolved")
    for i, r in enumerate(resolved):
        if r is not None:
            continue
        mode = found[i][2]
        prev = next((resolved[j] for j in range(i - 1, -1, -1) if resolved[j] is not None), None)
        nxt = next((resolved[j] for j in range(i + 1, len(resolved)) if resolved[j] is not None), None)
        if mode == "participle" and starts.get(found[i][0][0], 0) == 0:
            src = nxt or clause      # "Lauding ..., Minister Son noted"
        else:
            src = prev or clause or nxt
        if src is None:
            resolved[i] = ("", "unknown", "no_subject")
        else:
            resolved[i] = (src[0], src[1], "inherited")
    # classes: first each verb on its own complement; then an attribution with nothing
    # of its own ("said Japan hopes to ...", "affirmed that Japan values and wishes to
    # ...", '"...wishes to ...," he said') takes the hope or hedge of its own side it reports
    low = folded.lower()
    classes: list[str | None] = []
    inners: list[int | None] = []
    for i, ((_vs, _ve, _surface, _form, lemma), _span, _mode) in enumerate(found):
        side = resolved[i][1]
        own = "|".join(t for k, t in terms.items() if t and k in [sides.home, *sides.partner_keys]) \
            if side == "both" else terms.get(side, "")
        others = "" if side == "both" else "|".join(t for k, t in terms.items() if t and k != side)
        comp, inner = _complement(low, found, i, toks)
        classes.append(refine_class(lemma, comp, own, others))
        inners.append(inner)
    final = list(classes)
    for i, ((_vs, _ve, _surface, _form, lemma), _span, mode) in enumerate(found):
        inner, cls = inners[i], classes[i]
        if inner is None or cls != LEMMA_CLASS[lemma] or _GROUP[lemma] not in ("say", "note", "tell") \
                or mode == "participle":
            continue
        inside = range(inner, len(found)) if inner > i else range(inner, -1, -1)
        for j in inside:
            if j > i and found[j][2] == "participle":
                break
            if resolved[j][1] == resolved[i][1] and classes[j] in ("hedge", "request") and (
                    _GROUP[found[j][0][4]] == "hope" or classes[j] == "hedge"):
                final[i] = classes[j]
                break
    classes = final
    rows = []
    for ((verb, _span, _mode), (np_text, side, source), cls) in zip(found, resolved, classes, strict=True):
        if cls is None:
            continue
        vs, ve, _surface, _form, lemma = verb
        rows.append((doc_id, sent_id, meet, partner, text[vs:ve], lemma, cls, np_text, side, source, text, vs))
    return rows


def _complement(low: str, found, i: int, toks) -> tuple[str, int | None]:
    """What verb ``i`` reports, and the index of a reporting verb inside it (None
    when there is none): the words after it up to the next verb of ours; for a
    trailing ", he said" or '"...," Abe said' (nothing after but a circumstance),
    the clause before its subject."""
    (vs, ve, _, _, _), span, mode = found[i]
    nxt = next((j for j in range(i + 1, len(found))), None)
    end = found[nxt][0][0] if nxt is not None else len(low)
    inner = nxt if nxt is not None and found[nxt][2] in ("explicit", "post") else None
    if inner is not None and found[inner][1] is not None and found[inner][2] == "explicit":
        end = toks[found[inner][1][0]][1]
    after = low[ve:end]
    rest = after.strip(" .,;:\"'")
    trailing = (mode == "post" or (mode == "explicit" and span is not None and span[0] > 0
                                   and toks[span[0] - 1][0] in (",", '"', "'")))
    circumstance = re.fullmatch(r"(?:(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|late|"
                                r"when|while|following|according)\b.*)?", rest) and " that " not in f" {rest[:40]} "
    if (trailing and (len(re.sub(r"[\W_]+", "", rest)) < 3 or circumstance)) or mode == "post":
        start = toks[span[0]][1] if span is not None and mode == "explicit" else vs
        before_end = start
        inner_before = next((j for j in range(i - 1, -1, -1)), None)
        before = low[:before_end].rstrip(" ,\"'")
        if before:
            return before, inner_before
    if len(re.sub(r"[\W_]+", "", rest)) < 3 and nxt is None:
        return after, None
    return after, inner
