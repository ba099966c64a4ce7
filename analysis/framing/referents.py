"""Who a subject phrase refers to: the article's state (the people and
organisations named so far, for "he", "she" and "it"), and the rules that put a
phrase on a side (written out in :mod:`analysis.framing.speakers`).

Public names (for the framing stage): ``Article``, ``resolve``, ``remember``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from .phrases import _INSTITUTION, split_coordination
from .sides import (
    _DETERMINERS,
    _GUEST,
    _HOST,
    _JOINT,
    _PRONOUNS,
    _ROLE,
    _TITLE_WORDS,
    SideMatcher,
    _is_cap,
    looks_vietnamese,
)

_OUTLET_ROLES = (_ROLE - _JOINT - _DETERMINERS - set(_PRONOUNS) - _INSTITUTION - {"host", "hosts", "guest", "guests",
                 "visitor", "visitors", "visiting", "latter", "former", "businesses", "firms", "companies",
                 "enterprises", "people", "country", "countries", "side", "nations", "top", "senior"}) | {
                 "pm", "fm", "ministry", "spokesperson", "premier"}
_EXTRA_JOINT = {"pms", "presidents", "premiers", "chiefs", "sides", "leaders", "ministers", "fms", "counterparts"}

_MISSION = re.compile(r"\b((?:embassy|consulate|consulate-general|mission|office|delegation|ambassador|envoy|"
                      r"consul|consul-general|representative|chief|head|director)s?)\s+(?:in|to|at)\s+"
                      r"(?:the\s+)?[A-Z][\w.']*(?:\s+[A-Z][\w.']*)*", re.I)


@dataclass
class _Entity:
    key: str
    side: str
    gender: str | None = None
    org: bool = False     # an organisation or a country ("the ministry", "Japan"): "it", not "he"/"she"
    titles: frozenset = frozenset()    # the title words it was named with ("minister", "foreign")


#: title words a later "the Foreign Minister", "the secretary", "the embassy" refers back by
TITLE_HEADS = frozenset({"minister", "secretary", "president", "ambassador", "premier", "pm", "fm", "chairman",
                         "chairwoman", "spokesperson", "spokesman", "spokeswoman", "envoy", "embassy", "ministry",
                         "consul", "governor", "mayor", "chancellor", "speaker", "chief", "director", "general",
                         "deputy", "vice", "foreign", "prime", "defence", "defense", "trade", "state", "mission",
                         "department", "office", "agency", "government", "consulate"})

_ORG_WORDS = {"ministry", "ministries", "statement", "embassy", "department", "office", "government", "agency",
              "report", "readout", "mission", "consulate", "administration", "council", "committee", "spokesperson",
              "side", "country"}


@dataclass
class Article:
    learnt: dict[str, str]
    doc_partner: str | None
    outlet_side: str | None = None
    host_side: str | None = None
    entities: list[_Entity] = field(default_factory=list)

    def push(self, key: str, side: str, org: bool = False, bottom: bool = False,
             titles: frozenset = frozenset()) -> _Entity:
        for e in self.entities:
            if e.key == key:
                e.titles = e.titles | titles
                if not bottom:
                    self.entities.remove(e)
                    self.entities.insert(0, e)
                return e
        ent = _Entity(key, side, org=org, titles=titles)
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

    def by_title(self, titles: set[str]) -> str | None:
        """The side of the people (or bodies) named so far with all these title
        words, when they are all of one side ("the Foreign Minister" after
        "Minister of Foreign Affairs Bùi Thanh Sơn"); None when none is, or
        when two sides' are."""
        sides = {e.side for e in self.entities if titles and titles <= e.titles and e.side not in ("both", "unknown")}
        return sides.pop() if len(sides) == 1 else None

    def last_of_side(self, side: str) -> _Entity | None:
        for e in self.entities:
            if e.side == side and not e.key.startswith("role:") and not e.org:
                return e
        return None


def resolve(np_text: str, np_toks: list[str], sides: SideMatcher, art: Article, legacy_home: bool,
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
        parts = split_coordination(np_toks)
        if len(parts) >= 2 and all(any(_is_cap(t) or t.lower() in _ROLE for t in p) for p in parts):
            got = [resolve(" ".join(p), p, sides, art, legacy_home, top=False) for p in parts]
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
    wanted = set(low) & TITLE_HEADS
    by_title = art.by_title(wanted) if wanted else None
    if by_title:
        return by_title, "title_anaphora", None
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


def _person_key(np_toks: list[str], art: Article) -> str | None:
    """The entity key of a named person: the last capitalised name token (family
    or given name as the article uses it), so "Minister Sơn" and "Sơn" match."""
    caps = [fold(t).lower() for t in np_toks if _is_cap(t) and t.lower() not in _TITLE_WORDS
            and t.lower() not in _DETERMINERS]
    if not caps:
        return None
    return caps[-1]


def remember(art: Article, np_text: str, np_toks: list[str], side: str, source: str, key: str | None,
              bottom: bool = False) -> None:
    """Keep a speaker (or a sentence's subject) for later pronouns: people as
    "he"/"she", organisations and countries as "it"; an unknown person is kept
    too, so a later "he" does not jump over them to someone else."""
    low = {t.lower() for t in np_toks}
    org = bool(low & _ORG_WORDS) or (source == "adjective" and key and key.startswith("role:")
                                      and not low & (_ROLE - _ORG_WORDS))
    if source in ("pronoun", "pronoun_unresolved", "no_subject", "inherited") or side == "both":
        return
    titles = frozenset(low & TITLE_HEADS)
    if org:
        art.push(f"org:{' '.join(sorted(low))}", side, org=True, bottom=bottom, titles=titles)
        return
    if key:
        art.push(key, side, bottom=bottom, titles=titles)
