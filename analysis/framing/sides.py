"""Sides: which country (home or a partner) a phrase names, names learnt from how an
article introduces a person, and the noun-phrase vocabulary (titles, roles, joint plurals)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..config import Actors
from ..corpus.partners import ActorMatcher
from ..text import fold
from .lexicon import _FORM_TO_LEMMA, _WORD

_VERB_FORMS = {f.split()[0] for f in _FORM_TO_LEMMA}

# --------------------------------------------------------------------------- noun-phrase vocabulary
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
_SKIP_BACK = {"yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday", "also", "further", "highly", "once", "again", "strongly", "warmly", "repeatedly", "then", "later",
              "earlier", "fully", "particularly", "especially", "greatly", "deeply", "sincerely", "clearly",
              "has", "have", "had", "did", "do", "does", "both", "all", "firmly", "publicly", "officially",
              "previously", "recently", "still", "always", "openly", "specifically", "additionally",
              "moreover", "furthermore", "likewise", "similarly", "separately", "finally", "first", "jointly",
              "unanimously", "respectively", "each", "briefly", "subsequently", "directly", "formally"}
_ROLE = {"pair", "duo", "side", "sides", "minister", "ministers", "fm", "fms", "pm", "pms", "dpm", "premiers", "presidents", "secretary", "secretaries", "official", "officials",
         "diplomat", "diplomats", "host", "hosts", "guest", "guests", "counterpart", "counterparts", "leader",
         "leaders", "president", "ambassador", "ambassadors", "deputy", "vice", "prime", "foreign", "affairs",
         "state", "government", "chief", "head", "delegation", "delegations", "party", "parties", "country",
         "countries", "spokesperson", "spokesman", "spokeswoman", "envoy", "envoys", "general", "chairman",
         "chairwoman", "chair", "director", "representative", "representatives", "member", "members", "nations",
         "ministry", "ministries", "latter", "former", "visitor", "visitors", "visiting", "top", "senior",
         "two", "three", "both", "the", "his", "her", "their", "its", "our", "vice-minister",
         "deputy-minister", "minister-counsellor", "secretary-general", "director-general", "he", "she", "they",
         "we", "it", "i", "businesses", "firms", "companies", "enterprises", "people", "administration",
         "cabinet", "defence", "defense", "trade", "finance", "commerce", "industry", "speaker", "premier",
         "chancellor", "governor", "mayor", "ministerial", "high-ranking", "heads", "agency", "department",
         "embassy", "consul", "consul-general", "counsellor", "undersecretary", "under", "assistant", "special",
         "chiefs", "mission", "consulate", "office", "statement", "spokespeople", "readout"}
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "we": "we", "it": "it", "i": "i"}
_JOINT = {"pair", "duo", "sides", "both", "ministers", "fms", "pms", "officials", "leaders", "countries", "delegations", "parties",
          "diplomats", "they", "counterparts", "nations", "secretaries", "heads", "envoys", "presidents",
          "premiers"}
_HOST = {"host", "hosts"}
_GUEST = {"guest", "guests", "visitor", "visitors", "visiting", "latter"}
_DETERMINERS = {"the", "his", "her", "their", "its", "our", "a", "an", "this", "that", "these", "those"}
_TITLE_WORDS = {w for w in _ROLE if w not in _DETERMINERS and w not in _PRONOUNS} | {
    "of", "for", "and", "house", "representatives", "national", "assembly", "central", "committee",
    "politburo", "office", "member", "parliamentary", "permanent", "councillor", "senator", "congressman",
    "congresswoman", "ministry", "mr", "ms", "mrs", "madam", "dr", "general", "lieutenant", "colonel",
    "admiral", "his", "her", "excellency", "majesty", "emperor", "king", "queen", "princess", "prince",
    "economy", "planning", "investment", "labour", "public", "security", "science", "technology",
    "education", "health", "culture", "sports", "tourism", "justice", "home", "interior", "information",
    "communications", "transport", "construction", "agriculture", "environment", "resources", "natural",
    "energy", "industry", "external", "relations", "international", "cooperation", "economic", "policy",
    "liberal", "democratic", "communist", "people's", "socialist", "republic", "council", "commission",
    "senate", "congress", "diet", "upper", "lower", "staff", "joint", "chiefs", "united", "states"}
_TITLE_CORE = {"minister", "ministers", "fm", "pm", "secretary", "president", "ambassador", "counterpart", "envoy",
               "chairman", "chairwoman", "director", "spokesperson", "spokesman", "spokeswoman", "premier",
               "chancellor", "governor", "mayor", "deputy", "vice", "official", "diplomat", "member", "head",
               "leader", "general", "speaker", "senator", "representative", "consul", "counsellor", "chief",
               "undersecretary", "mr", "ms", "mrs", "dr", "prime"}
# common Vietnamese family names (folded): a proper name starting with one looks Vietnamese
VIETNAMESE_SURNAMES = {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
                       "ho", "ngo", "duong", "ly", "dinh", "truong", "doan", "lam", "mai", "trinh", "ha", "luong",
                       "cao", "ta", "quach", "chu", "kieu", "thai", "to", "vuong", "luu", "nong", "giang"}
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


# --------------------------------------------------------------------------- sides
@dataclass(frozen=True)
class SideMatcher:
    """Which sides (home key, partner keys, ``other``) a text names, via ``partners.yaml``.

    Partners defined in the file but not selected for the report are matched
    too and reported as ``other`` (a third country's speaker is not unknown,
    and is not one of the compared sides)."""

    home: str
    matchers: dict[str, ActorMatcher]
    people: dict[str, re.Pattern]
    others: frozenset = frozenset()

    @classmethod
    def from_actors(cls, actors: Actors) -> SideMatcher:
        ms = {actors.home.key: ActorMatcher.build(actors.home)}
        ms.update({k: ActorMatcher.build(a) for k, a in actors.partners.items()})
        third = {**actors.unselected, **getattr(actors, "others", {})}
        ms.update({k: ActorMatcher.build(a) for k, a in third.items()})
        people = {}
        for actor in [actors.home, *actors.partners.values(), *third.values()]:
            if actor.people:
                alt = "|".join(re.escape(fold(p)).replace(r"\ ", r"\s+")
                               for p in sorted(set(actor.people), key=lambda s: (-len(s), s)))
                people[actor.key] = re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])")
        return cls(actors.home.key, ms, people, frozenset(third))

    @property
    def partner_keys(self) -> list[str]:
        return [k for k in self.matchers if k != self.home and k not in self.others]

    def side_of(self, key: str) -> str:
        """A matcher key as a side: ``other`` for a partner not compared."""
        return "other" if key in self.others else key

    def sides_named(self, text: str) -> list[str]:
        """Side keys named in ``text`` (names, acronyms, adjectives, people), in
        order of first mention; partners not compared are ``other``."""
        first = []
        for key, m in self.matchers.items():
            spans = m.spans(text)
            if spans:
                first.append((spans[0][0], self.side_of(key)))
        return list(dict.fromkeys(k for _, k in sorted(first)))

    def people_named(self, text: str) -> list[str]:
        """Side keys whose configured *people* occur in ``text``."""
        folded = fold(text)
        return list(dict.fromkeys(self.side_of(k) for k, pat in self.people.items() if pat.search(folded)))


# --------------------------------------------------------------------------- learning names
def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def learn_names(texts: list[str], sides: SideMatcher) -> dict[str, str]:
    """Names introduced in an article with their side, from three shapes:

    - ``<side word> [titles/counterpart ...] Name Name`` ("US Secretary of State
      Antony Blinken", "his Japanese counterpart Kamikawa Yoko");
    - ``Name Name, <apposition with a title> of <side>`` ("Komura Masahiro,
      member of ... and Vice-Minister for Foreign Affairs of Japan");
    - ``Name Name, the <side adjective> <title>`` ("Iwaya, the Japanese foreign minister").

    Returns folded lower-case name tokens (each token of the name, and the whole
    name) -> side key. A name claimed by two sides is dropped.
    """
    learnt: dict[str, str] = {}
    clash: set[str] = set()

    def add(name_toks: list[str], side: str):
        keys = [t.lower() for t in name_toks if len(t) > 1] + [" ".join(name_toks).lower()]
        for k in keys:
            if k in learnt and learnt[k] != side:
                clash.add(k)
            learnt[k] = side

    for text in texts:
        folded = fold(text)
        # every shape needs a title or role word: skip the (many) sentences without one
        if not _TITLE_CORE & set(_WORD.findall(folded.lower())):
            continue
        toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        words_ = [t[0] for t in toks]
        n = len(toks)
        # side word per token position
        side_at: dict[int, str] = {}
        starts = [t[1] for t in toks]
        for key, m in sides.matchers.items():
            for s, e in m.spans(text):
                for i in range(bisect_left(starts, s), bisect_left(starts, e)):
                    side_at.setdefault(i, sides.side_of(key))  # "Japan's" (one token) counts as Japan
        # shape 1: side word, titles, then a capitalised name
        for i, key in sorted(side_at.items()):
            j = i + 1
            if j < n and words_[j].lower() in ("'s", "s") :
                j += 1
            saw_title = False
            while j < n and (words_[j].lower() in _TITLE_WORDS or words_[j].lower() in ("counterpart", "counterparts")
                             or (j in side_at and side_at[j] == key)):
                if words_[j].lower() not in ("of", "for", "and") and j not in side_at:
                    saw_title = True
                if words_[j].lower() in ("ambassador", "envoy", "consul", "consul-general") and j + 2 < n \
                        and words_[j + 1].lower() in ("to", "in") and j + 2 in side_at:
                    j += 2      # "Korean Ambassador to Vietnam Choi Young-sam": the posting is not the side
                    while j + 1 < n and j + 1 in side_at and side_at[j + 1] == side_at[j]:
                        j += 1
                j += 1
            if not saw_title:
                continue
            if j + 1 < n and words_[j] == "," and _is_cap(words_[j + 1]):
                j += 1      # "his Vietnamese counterpart, Ngo Xuan Lich,"
            name = []
            while j < n and _is_cap(words_[j]) and words_[j].lower() not in _TITLE_WORDS \
                    and side_at.get(j, key) == key and len(name) < 4:
                name.append(words_[j])
                j += 1
            if name:
                add(name, key)
        # shapes 2 and 3: Name, apposition ... of <side> / Name, the <adj> <title>
        for i in range(n):
            if words_[i] != ",":
                continue
            name, k = [], i - 1
            while k >= 0 and _is_cap(words_[k]) and words_[k].lower() not in _TITLE_WORDS and k not in side_at \
                    and len(name) < 4:
                name.insert(0, words_[k])
                k -= 1
            if not name:
                continue
            # the apposition: up to the next comma/period/semicolon
            j = i + 1
            app = []
            while j < n and words_[j] not in (",", ".", ";", "(", ")") and len(app) < 25:
                app.append(j)
                j += 1
            if not app:
                continue
            low = [words_[a].lower() for a in app]
            # an apposition, not a clause: it opens with a determiner or a title and holds no reporting verb
            if (low[0] not in _DETERMINERS and low[0] not in _TITLE_WORDS) or any(w in _VERB_FORMS for w in low):
                continue
            has_title = any(w in _TITLE_WORDS and w not in ("of", "for", "and") for w in low)
            if not has_title:
                continue
            side = None
            for pos, a in enumerate(app):
                if a in side_at and pos > 0 and low[pos - 1] in ("of", "the") and (
                        pos == 1 or low[pos - 1] == "of" or low[pos - 2] == "of"):
                    side = side_at[a]
                elif a in side_at and pos <= 1 and pos + 1 < len(app) and low[pos + 1] in _TITLE_WORDS:
                    side = side_at[a]  # "Iwaya, the Japanese foreign minister" / "Iwaya, Japanese FM"
            if side:
                add(name, side)
        # configured people named in full ("Lê Hoài Trung" -> "Trung" later), and
        # a Vietnamese-looking name right after a title ("Deputy Minister Nguyễn Minh Hằng")
        for key, pat in sides.people.items():
            for m in pat.finditer(folded):
                toks_ = m.group(0).split()
                if len(toks_) > 1:
                    add(toks_, sides.side_of(key))
        for i in range(n - 1):
            if words_[i].lower() in _TITLE_WORDS and _is_cap(words_[i]) and words_[i].lower() not in ("of", "for", "and"):
                j, name = i + 1, []
                while j < n and _is_cap(words_[j]) and words_[j].lower() not in _TITLE_WORDS and len(name) < 4:
                    name.append(words_[j])
                    j += 1
                orig = text[toks[i + 1][1]:toks[j - 1][2]] if name else ""
                if len(name) >= 2 and i + 1 not in side_at and looks_vietnamese(orig):
                    add(name, sides.home)
    return {k: v for k, v in learnt.items() if k not in clash}


def looks_vietnamese(name: str) -> bool:
    """A proper name in Vietnamese letters or starting with a common Vietnamese family name."""
    if any(c in _VIETNAMESE_LETTERS for c in name):
        return True
    toks = fold(name).lower().split()
    return len(toks) >= 2 and toks[0] in VIETNAMESE_SURNAMES
