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
from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from .actors import ActorMatcher, counts_for
from .config import Actors
from .text import fold

# --------------------------------------------------------------------------- lexicon
# lemma -> (class, surface forms). Only finite (-ed / -s) and participle (-ing)
# forms: a bare infinitive ("agreed to exchange views") is the complement of
# another verb, not a report of its own.
_LEXICON: dict[str, tuple[str, tuple[str, ...]]] = {
    "say": ("assert", ("said", "says", "saying")),
    "state": ("assert", ("stated", "states", "stating")),
    "tell": ("assert", ("told", "tells", "telling")),
    "add": ("assert", ("added", "adds", "adding")),
    "note": ("assert", ("noted", "notes", "noting")),
    "stress": ("assert", ("stressed", "stresses", "stressing")),
    "emphasise": ("assert", ("emphasised", "emphasized", "emphasises", "emphasizes", "emphasising", "emphasizing")),
    "highlight": ("assert", ("highlighted", "highlights", "highlighting")),
    "affirm": ("assert", ("affirmed", "affirms", "affirming")),
    "reaffirm": ("assert", ("reaffirmed", "reaffirms", "reaffirming")),
    "confirm": ("assert", ("confirmed", "confirms", "confirming")),
    "reiterate": ("assert", ("reiterated", "reiterates", "reiterating")),
    "remark": ("assert", ("remarked", "remarks", "remarking")),
    "underline": ("assert", ("underlined", "underlines", "underlining")),
    "underscore": ("assert", ("underscored", "underscores", "underscoring")),
    "point out": ("assert", ("pointed out", "points out", "pointing out")),
    "announce": ("assert", ("announced", "announces", "announcing")),
    "acknowledge": ("assert", ("acknowledged", "acknowledges", "acknowledging")),
    "insist": ("assert", ("insisted", "insists", "insisting")),
    "explain": ("assert", ("explained", "explains", "explaining")),
    "ask": ("request", ("asked", "asks", "asking")),
    "call for": ("request", ("called for", "calls for", "calling for", "called on", "calls on", "calling on",
                             "called upon", "calls upon", "calling upon")),
    "urge": ("request", ("urged", "urges", "urging")),
    "request": ("request", ("requested", "requests", "requesting")),
    "propose": ("request", ("proposed", "proposes", "proposing")),
    "suggest": ("request", ("suggested", "suggests", "suggesting")),
    "recommend": ("request", ("recommended", "recommends", "recommending")),
    "invite": ("request", ("invited", "invites", "inviting")),
    "demand": ("request", ("demanded", "demands", "demanding")),
    "hope": ("request", ("hoped", "hopes", "hoping")),
    "wish": ("request", ("wished", "wishes", "wishing")),
    "pledge": ("pledge", ("pledged", "pledges", "pledging")),
    "vow": ("pledge", ("vowed", "vows", "vowing")),
    "commit": ("pledge", ("committed", "commits", "committing")),
    "promise": ("pledge", ("promised", "promises", "promising")),
    "assure": ("pledge", ("assured", "assures", "assuring")),
    "welcome": ("appraise", ("welcomed", "welcomes", "welcoming")),
    "laud": ("appraise", ("lauded", "lauds", "lauding")),
    "appreciate": ("appraise", ("appreciated", "appreciates", "appreciating")),
    "value": ("appraise", ("valued", "values", "valuing")),
    "praise": ("appraise", ("praised", "praises", "praising")),
    "commend": ("appraise", ("commended", "commends", "commending")),
    "hail": ("appraise", ("hailed", "hails", "hailing")),
    "thank": ("appraise", ("thanked", "thanks", "thanking")),
    "congratulate": ("appraise", ("congratulated", "congratulates", "congratulating")),
    "express": ("appraise", ("expressed", "expresses", "expressing")),
    "speak highly": ("appraise", ("spoke highly", "speaks highly", "speaking highly")),
    "agree": ("agree", ("agreed", "agrees", "agreeing")),
    "exchange views": ("discuss", ("exchanged views", "exchanges views", "exchanging views",
                                   "exchanged opinions", "exchanged ideas")),
    "discuss": ("discuss", ("discussed", "discusses", "discussing")),
    "review": ("discuss", ("reviewed", "reviews", "reviewing")),
    "touch upon": ("discuss", ("touched upon", "touched on", "touches upon", "touching upon")),
}
VERB_CLASSES = ("request", "pledge", "assert", "appraise", "agree", "discuss")
_FORM_TO_LEMMA = {form: lemma for lemma, (_, forms) in _LEXICON.items() for form in forms}
# nouns that look like present-tense verbs: accept an -s form only with an explicit subject
_AMBIGUOUS_S = {"says", "notes", "values", "hopes", "wishes", "thanks", "calls for", "calls on", "remarks",
                "requests", "demands", "promises", "reviews", "states", "adds", "highlights", "stresses",
                "welcomes", "pledges", "vows", "commits", "praises", "discusses", "proposes", "suggests",
                "invites", "urges", "asks", "affirms", "reaffirms", "confirms", "reiterates", "underlines",
                "underscores", "announces", "acknowledges", "insists", "explains", "tells", "recommends",
                "lauds", "appreciates", "commends", "hails", "congratulates", "expresses", "agrees",
                "assures", "points out", "touches upon", "exchanges views"}

# --------------------------------------------------------------------------- noun-phrase vocabulary
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
_SKIP_BACK = {"also", "further", "highly", "once", "again", "strongly", "warmly", "repeatedly", "then", "later",
              "earlier", "fully", "particularly", "especially", "greatly", "deeply", "sincerely", "clearly",
              "has", "have", "had", "did", "do", "does", "both", "all", "firmly", "publicly", "officially",
              "previously", "recently", "still", "always", "openly", "specifically", "additionally",
              "moreover", "furthermore", "likewise", "similarly", "separately", "finally", "first", "jointly",
              "unanimously", "respectively", "each", "briefly", "subsequently", "directly", "formally"}
_ROLE = {"side", "sides", "minister", "ministers", "fm", "fms", "secretary", "secretaries", "official", "officials",
         "diplomat", "diplomats", "host", "hosts", "guest", "guests", "counterpart", "counterparts", "leader",
         "leaders", "president", "ambassador", "ambassadors", "deputy", "vice", "prime", "foreign", "affairs",
         "state", "government", "chief", "head", "delegation", "delegations", "party", "parties", "country",
         "countries", "spokesperson", "spokesman", "spokeswoman", "envoy", "envoys", "general", "chairman",
         "chairwoman", "chair", "director", "representative", "representatives", "member", "members", "nations",
         "ministry", "ministries", "latter", "former", "visitor", "visitors", "visiting", "top", "senior",
         "two", "three", "both", "the", "his", "her", "their", "its", "our", "host", "vice-minister",
         "deputy-minister", "minister-counsellor", "secretary-general", "director-general", "he", "she", "they",
         "we", "it", "i", "businesses", "firms", "companies", "enterprises", "people", "administration",
         "cabinet", "defence", "defense", "trade", "finance", "commerce", "industry", "speaker", "premier",
         "chancellor", "governor", "mayor", "ministerial", "high-ranking", "heads", "agency", "department",
         "embassy", "consul", "consul-general", "counsellor", "undersecretary", "under", "assistant", "special"}
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "we": "we", "it": "it", "i": "i"}
_JOINT = {"sides", "both", "ministers", "fms", "officials", "leaders", "countries", "delegations", "parties",
          "diplomats", "they", "counterparts", "nations", "secretaries", "heads", "envoys"}
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
_TITLE_CORE = {"minister", "ministers", "fm", "secretary", "president", "ambassador", "counterpart", "envoy",
               "chairman", "chairwoman", "director", "spokesperson", "spokesman", "spokeswoman", "premier",
               "chancellor", "governor", "mayor", "deputy", "vice", "official", "diplomat", "member", "head",
               "leader", "general", "speaker", "senator", "representative", "consul", "counsellor", "chief",
               "undersecretary", "mr", "ms", "mrs", "dr", "prime"}
# common Vietnamese family names (folded): a proper name starting with one looks Vietnamese
VIETNAMESE_SURNAMES = {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
                       "ho", "ngo", "duong", "ly", "dinh", "truong", "doan", "lam", "mai", "trinh", "ha", "luong",
                       "cao", "ta", "quach", "chu", "kieu", "thai", "to", "vuong", "luu", "nong", "giang"}
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

AGENCY_COLUMNS = ["doc_id", "sent_id", "partner", "partners", "verb", "lemma", "verb_class", "speaker_text",
                  "speaker_side", "side_source", "themes", "sentence", "verb_start"]


# --------------------------------------------------------------------------- sides
@dataclass(frozen=True)
class SideMatcher:
    """Which sides (home key, partner keys) a text names, via ``partners.yaml``."""

    home: str
    matchers: dict[str, ActorMatcher]
    people: dict[str, re.Pattern]

    @classmethod
    def from_actors(cls, actors: Actors) -> "SideMatcher":
        ms = {actors.home.key: ActorMatcher.build(actors.home)}
        ms.update({k: ActorMatcher.build(a) for k, a in actors.partners.items()})
        people = {}
        for actor in [actors.home, *actors.partners.values()]:
            if actor.people:
                alt = "|".join(re.escape(fold(p)).replace(r"\ ", r"\s+")
                               for p in sorted(set(actor.people), key=lambda s: (-len(s), s)))
                people[actor.key] = re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])")
        return cls(actors.home.key, ms, people)

    @property
    def partner_keys(self) -> list[str]:
        return [k for k in self.matchers if k != self.home]

    def sides_named(self, text: str) -> list[str]:
        """Side keys named in ``text`` (names, acronyms, adjectives, people), in
        order of first mention."""
        first = []
        for key, m in self.matchers.items():
            spans = m.spans(text)
            if spans:
                first.append((spans[0][0], key))
        return [k for _, k in sorted(first)]

    def people_named(self, text: str) -> list[str]:
        """Side keys whose configured *people* occur in ``text``."""
        folded = fold(text)
        return [k for k, pat in self.people.items() if pat.search(folded)]


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
                    side_at.setdefault(i, key)  # "Japan's" (one token) counts as Japan
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
                j += 1
            if not saw_title:
                continue
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
                    add(toks_, key)
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


# --------------------------------------------------------------------------- main entry
_WORD = re.compile(r"[A-Za-z]+")
_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _form in sorted(_FORM_TO_LEMMA, key=lambda f: -len(f.split())):
    _FIRST.setdefault(_form.split()[0], []).append((tuple(_form.split()), _form))
_NOT_SUBJECT_BEFORE = {"be", "been", "being", "is", "was", "were", "are", "as", "so", "the", "a", "an", "its",
                       "their", "his", "her", "newly", "well", "previously", "jointly", "mutually", "commonly",
                       "already", "get", "got"}


def _find_verbs(folded: str):
    """Reporting verbs in a folded sentence: ``(start, end, surface, form, lemma)``.

    One pass over the words with a dictionary lookup (multi-word forms such as
    "called for" are checked on the following words). Passive and adjectival
    uses are skipped: "agreed upon by", "was proposed", "the proposed plan",
    "as noted"; a verb must be written in lower case unless it is a
    sentence-opening participle ("Lauding ..., Minister Son noted").
    """
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(folded)]
    out = []
    for i, (w, s, e) in enumerate(words):
        cands = _FIRST.get(w.lower())
        if not cands:
            continue
        if (s > 0 and (folded[s - 1].isalnum() or folded[s - 1] in "-'")) or (
                e < len(folded) and folded[e] in "-0123456789"):
            continue
        hit = None
        for parts, form in cands:
            if len(parts) == 1:
                hit = (form, e, i)
                break
            k, ok = i, True
            for part in parts[1:]:
                k += 1
                if k >= len(words) or words[k][0].lower() != part or folded[words[k - 1][2]:words[k][1]].strip():
                    ok = False
                    break
            if ok:
                hit = (form, words[k][2], k)
                break
        if hit is None:
            continue
        form, end, last = hit
        if end < len(folded) and (folded[end].isalnum() or folded[end] == "-"):
            continue
        prev_word = ""
        if i > 0 and not folded[words[i - 1][2]:s].strip():
            prev_word = words[i - 1][0].lower()
        if form.endswith("ed") and re.match(r"\s*(?:upon\s+|on\s+)?by\b", folded[end:end + 16], re.I):
            continue
        if prev_word in _NOT_SUBJECT_BEFORE:
            continue
        if not w[0].islower() and not (form.split()[0].endswith("ing") and not folded[:s].strip()):
            continue
        out.append((s, end, folded[s:end], form, _FORM_TO_LEMMA[form]))
    return out


_WILL = r"(?:will|would|shall|is ready to|are ready to|stands ready|stand ready|is committed|are committed|commitment|commits|is determined|are determined)"


def _refine_class(lemma: str, form: str, after: str, side: str, sides: SideMatcher, actors_terms: dict) -> str:
    cls = _LEXICON[lemma][0]
    if lemma in ("hope", "wish"):
        return "pledge" if re.match(r"\s*to\b", after) else "request"
    if cls == "assert" and side in actors_terms:
        # "… affirmed that Japan will increase …": the speaker's own country (or
        # "we") is the subject of the modal, with no other actor in between
        # ("Viet Nam hopes the US will continue" is not a Vietnamese pledge)
        own = actors_terms[side]
        subject = rf"(?:{own}|we)" if own else "we"
        m = re.search(rf"(?<![A-Za-z]){subject}(?:'s)?(?![A-Za-z])([^,;:]{{0,70}}?)\b{_WILL}", after)
        others = "|".join(t for k, t in actors_terms.items() if k != side and t)
        if m and not (others and re.search(rf"(?<![A-Za-z])(?:{others})(?![A-Za-z])", m.group(1))):
            return "pledge"
    return cls


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
    for verb, np_text, np_toks, participle in found:
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


def agency(sentences: pd.DataFrame, actors: Actors, sentence_themes: pd.DataFrame | None = None,
           themes: list[str] | None = None, include_boilerplate: bool = False, include_duplicates: bool = False,
           id_col: str = "unit_id", home_outlet: bool = True) -> pd.DataFrame:
    """Reporting verbs with speaker, side and the themes of their sentence.

    Speakers are resolved over every non-boilerplate sentence of an article
    (so a pronoun after a duplicated paragraph still finds its antecedent);
    sentences that near-duplicate another article are then dropped unless
    ``include_duplicates``. ``sentence_themes``: a sentence-level theme matrix
    (``id_col`` = sent_id, one bool column per theme in ``themes``; default all
    bool columns). Returns ``AGENCY_COLUMNS``; ``themes`` is ``;``-joined (empty
    when none).
    """
    sents = sentences
    if "boilerplate" in sents and not include_boilerplate:
        sents = sents[~sents["boilerplate"].astype(bool)]
    out = attribute_speakers(sents, actors, home_outlet=home_outlet)
    if "duplicate_of" in sents and not include_duplicates:
        dup = set(sents.loc[sents["duplicate_of"].fillna("") != "", "sent_id"])
        out = out[~out["sent_id"].isin(dup)]
    theme_of = {}
    if sentence_themes is not None and len(sentence_themes):
        cols = themes or [c for c in sentence_themes.columns if sentence_themes[c].dtype == bool]
        cols = [c for c in cols if c in sentence_themes.columns]
        vals = sentence_themes[cols].astype(bool).to_numpy()
        for sid, row in zip(sentence_themes[id_col], vals):
            theme_of[sid] = ";".join(c for c, v in zip(cols, row) if v)
    out = out.assign(themes=[theme_of.get(s, "") for s in out["sent_id"]])
    keys = dict(zip(sents["sent_id"], sents["partners"].fillna(""))) if "partners" in sents else {}
    out = out.assign(partners=[keys.get(s, "") for s in out["sent_id"]])
    return out[AGENCY_COLUMNS].reset_index(drop=True)


def agency_crosstab(table: pd.DataFrame, themes: list[str] | None = None, sides: list[str] | None = None,
                    partners: list[str] | None = None) -> pd.DataFrame:
    """Theme x speaker side x verb class, counting *sentences* (a sentence with
    two verbs of one class by one side counts once) and verbs.

    Returns long rows ``theme, speaker_side, verb_class, n_sentences, n_verbs,
    example`` (the first sentence id as evidence). A verb in a sentence with no
    theme is counted under theme ``(none)``; ``themes`` restricts and orders
    the themes kept (``(none)`` is dropped then). With ``partners`` the rows
    are also split by the partner of the sentence (first column ``partner``;
    a sentence about ``both`` counts for each partner it names, see
    :func:`analysis.actors.counts_for`).
    """
    cols = ["theme", "speaker_side", "verb_class", "n_sentences", "n_verbs", "example"]
    keys = ["theme", "speaker_side", "verb_class"]
    if partners is not None:
        cols, keys = ["partner", *cols], ["partner", *keys]
    if table.empty:
        return pd.DataFrame(columns=cols)
    t = table.assign(theme=table["themes"].replace("", "(none)").str.split(";")).explode("theme")
    if partners is not None:
        named = t["partners"].fillna("") if "partners" in t else pd.Series("", index=t.index)
        t = t.assign(partner=[[p for p in partners if counts_for(lab, k, p)] for lab, k in zip(t["partner"], named)])
        t = t.explode("partner")
        t = t[t["partner"].isin(partners)]
    if themes is not None:
        t = t[t["theme"].isin(themes)]
    if sides is not None:
        t = t[t["speaker_side"].isin(sides)]
    if t.empty:
        return pd.DataFrame(columns=cols)
    g = t.groupby(keys, sort=False)
    out = g.agg(n_sentences=("sent_id", "nunique"), n_verbs=("sent_id", "size"), example=("sent_id", "first")).reset_index()
    order = {th: i for i, th in enumerate(themes or sorted(out["theme"].unique()))}
    out["_o"] = out["theme"].map(order)
    if partners is not None:
        out["_p"] = out["partner"].map({p: i for i, p in enumerate(partners)})
        out = out.sort_values(["_p", "_o", "theme", "speaker_side", "verb_class"], kind="mergesort").drop(columns="_p")
    else:
        out = out.sort_values(["_o", "theme", "speaker_side", "verb_class"], kind="mergesort")
    return out.drop(columns="_o").reset_index(drop=True)


def agency_evidence(table: pd.DataFrame, themes: list[str], partners: list[str] | None = None) -> pd.DataFrame:
    """The sentences behind the cross table for ``themes``: one row per (sentence,
    speaker side, verb class) on at least one of the themes, with the verbs,
    speaker and sentence; ordered by article and sentence."""
    cols = ["partner", "themes", "speaker_side", "verb_class", "verbs", "speaker_text", "sent_id", "sentence"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    keep = table["themes"].str.split(";").apply(lambda ts: bool(set(ts) & set(themes)))
    t = table[keep]
    if partners is not None:
        t = t[t["partner"].isin([*partners, "both"])]
    if t.empty:
        return pd.DataFrame(columns=cols)
    g = t.groupby(["sent_id", "speaker_side", "verb_class"], sort=False)
    out = g.agg(partner=("partner", "first"), themes=("themes", "first"),
                verbs=("verb", lambda v: ", ".join(dict.fromkeys(v))),
                speaker_text=("speaker_text", "first"), sentence=("sentence", "first")).reset_index()
    out["themes"] = out["themes"].map(lambda s: ";".join(x for x in s.split(";") if x in themes))
    return out.sort_values(["sent_id", "speaker_side", "verb_class"], kind="mergesort")[cols].reset_index(drop=True)
