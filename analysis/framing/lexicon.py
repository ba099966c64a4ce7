"""The reporting-verb lexicon: each verb form's lemma, class and complement rule, the
finder of reporting verbs in a folded sentence, and the rules by which a verb's
complement decides between classes.

Classes (``VERB_CLASSES``):

- ``pledge``: the speaker's side commits (pledged, vowed, committed, promised,
  assured, offered; "affirmed that <own side> will ...", "reiterated its
  commitment to ...");
- ``hedge``: a wish or an intention without commitment (hopes to, wishes to,
  looks forward to, plans to, seeks to; "said Japan will consider ...",
  "expressed his desire to ...");
- ``request``: asks the other side (asked, called for/on, urged, proposed,
  suggested, requested, invited; "hopes that <the other side> will ...",
  "expressed the hope that ...", "sought new-generation ODA", "... should ...");
- ``assert``: states a fact or a position (said, stated, affirmed, stressed, noted ...);
- ``appraise``: welcomed, thanked, praised, appreciated, congratulated,
  "expressed delight", "noted with satisfaction";
- ``agree``: agreed, concurred, consented, reached a consensus, shared the view;
- ``discuss``: discussed, exchanged views, reviewed, touched upon, held talks.

Every surface form is listed once, under one lemma (``_LEXICON``); a lemma's
*group* names the one rule that may change its class from its complement
(:func:`refine_class`). Public names: ``VERB_CLASSES``, ``LEMMA_CLASS``,
``find_verbs``, ``refine_class``, ``complement_class``.
"""
from __future__ import annotations

import re

VERB_CLASSES = ("request", "pledge", "hedge", "assert", "appraise", "agree", "discuss")

# --------------------------------------------------------------------------- lexicon
# lemma -> (class, group, surface forms). Groups: "say" (an assertion whose
# complement may commit, hedge or ask), "note" (also "noted with satisfaction"),
# "tell" (like say, after its addressee), "hope" (to: hedge; that the other side
# will / a thing: request), "express" (the head noun decides), "offer", "fixed".
# Only finite (-ed / -s) and participle (-ing) forms: a bare infinitive ("agreed to
# exchange views") is the complement of another verb; bare present forms after a
# plural subject ("Vietnam, Japan agree") are in _BARE.
_LEXICON: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # assert
    "say": ("assert", "say", ("said", "says", "saying")),
    "state": ("assert", "say", ("stated", "states", "stating")),
    "tell": ("assert", "tell", ("told", "tells", "telling")),
    "inform": ("assert", "tell", ("informed", "informs", "informing")),
    "brief": ("assert", "tell", ("briefed", "briefs", "briefing")),
    "add": ("assert", "say", ("added", "adds", "adding")),
    "note": ("assert", "note", ("noted", "notes", "noting")),
    "stress": ("assert", "say", ("stressed", "stresses", "stressing")),
    "emphasise": ("assert", "say", ("emphasised", "emphasized", "emphasises", "emphasizes", "emphasising",
                                    "emphasizing")),
    "highlight": ("assert", "say", ("highlighted", "highlights", "highlighting")),
    "affirm": ("assert", "say", ("affirmed", "affirms", "affirming")),
    "reaffirm": ("assert", "say", ("reaffirmed", "reaffirms", "reaffirming")),
    "confirm": ("assert", "say", ("confirmed", "confirms", "confirming")),
    "reconfirm": ("assert", "say", ("reconfirmed", "reconfirms", "reconfirming")),
    "reiterate": ("assert", "say", ("reiterated", "reiterates", "reiterating")),
    "remark": ("assert", "say", ("remarked", "remarks", "remarking")),
    "underline": ("assert", "say", ("underlined", "underlines", "underlining")),
    "underscore": ("assert", "say", ("underscored", "underscores", "underscoring")),
    "point out": ("assert", "say", ("pointed out", "points out", "pointing out")),
    "announce": ("assert", "say", ("announced", "announces", "announcing")),
    "acknowledge": ("assert", "say", ("acknowledged", "acknowledges", "acknowledging")),
    "insist": ("assert", "say", ("insisted", "insists", "insisting")),
    "explain": ("assert", "say", ("explained", "explains", "explaining")),
    "believe": ("assert", "say", ("believed", "believes", "believing")),
    "assess": ("assert", "say", ("assessed", "assesses", "assessing")),
    "comment": ("assert", "say", ("commented", "comments", "commenting")),
    "conclude": ("assert", "say", ("concluded", "concludes", "concluding")),
    "respond": ("assert", "say", ("responded", "responds", "responding")),
    "reply": ("assert", "say", ("replied", "replies", "replying")),
    "accuse": ("assert", "fixed", ("accused", "accuses", "accusing")),
    "reject": ("assert", "fixed", ("rejected", "rejects", "rejecting")),
    # request
    "ask": ("request", "fixed", ("asked", "asks", "asking")),
    "call for": ("request", "fixed", ("called for", "calls for", "calling for", "called on", "calls on",
                                      "calling on", "called upon", "calls upon", "calling upon")),
    "urge": ("request", "fixed", ("urged", "urges", "urging")),
    "request": ("request", "fixed", ("requested", "requests", "requesting")),
    "propose": ("request", "fixed", ("proposed", "proposes", "proposing", "made the proposal",
                                     "made a proposal", "made proposals")),
    "suggest": ("request", "fixed", ("suggested", "suggests", "suggesting")),
    "recommend": ("request", "fixed", ("recommended", "recommends", "recommending")),
    "invite": ("request", "fixed", ("invited", "invites", "inviting")),
    "demand": ("request", "fixed", ("demanded", "demands", "demanding")),
    "appeal": ("request", "fixed", ("appealed", "appeals", "appealing")),
    "encourage": ("request", "fixed", ("encouraged", "encourages", "encouraging")),
    "warn": ("request", "fixed", ("warned", "warns", "warning")),
    # hedge (the complement may make them requests)
    "hope": ("hedge", "hope", ("hoped", "hopes", "hoping")),
    "wish": ("hedge", "hope", ("wished", "wishes", "wishing")),
    "want": ("hedge", "hope", ("wanted", "wants", "wanting")),
    "seek": ("hedge", "hope", ("sought", "seeks", "seeking")),
    "expect": ("hedge", "hope", ("expected", "expects", "expecting")),
    "plan": ("hedge", "fixed", ("planned", "plans", "planning")),
    "intend": ("hedge", "fixed", ("intended", "intends", "intending")),
    "aim": ("hedge", "fixed", ("aimed", "aims", "aiming")),
    "look forward to": ("hedge", "fixed", ("looked forward to", "looks forward to", "looking forward to")),
    # pledge
    "pledge": ("pledge", "fixed", ("pledged", "pledges", "pledging")),
    "vow": ("pledge", "fixed", ("vowed", "vows", "vowing")),
    "commit": ("pledge", "fixed", ("committed", "commits", "committing")),
    "promise": ("pledge", "fixed", ("promised", "promises", "promising")),
    "assure": ("pledge", "tell", ("assured", "assures", "assuring")),
    "offer": ("pledge", "offer", ("offered", "offers", "offering")),
    # appraise
    "welcome": ("appraise", "fixed", ("welcomed", "welcomes", "welcoming")),
    "laud": ("appraise", "fixed", ("lauded", "lauds", "lauding")),
    "appreciate": ("appraise", "fixed", ("appreciated", "appreciates", "appreciating")),
    "value": ("appraise", "fixed", ("valued", "values", "valuing")),
    "praise": ("appraise", "fixed", ("praised", "praises", "praising")),
    "commend": ("appraise", "fixed", ("commended", "commends", "commending")),
    "hail": ("appraise", "fixed", ("hailed", "hails", "hailing")),
    "applaud": ("appraise", "fixed", ("applauded", "applauds", "applauding")),
    "thank": ("appraise", "fixed", ("thanked", "thanks", "thanking")),
    "congratulate": ("appraise", "fixed", ("congratulated", "congratulates", "congratulating")),
    "highly evaluate": ("appraise", "fixed", ("highly evaluated", "highly evaluates", "highly evaluating",
                                              "highly appraised", "highly appraises", "highly appraising")),
    "speak highly": ("appraise", "fixed", ("spoke highly", "speaks highly", "speaking highly")),
    "express": ("appraise", "express", ("expressed", "expresses", "expressing")),
    "extend": ("appraise", "express", ("extended", "extends", "extending")),
    "convey": ("appraise", "express", ("conveyed", "conveys", "conveying")),
    # agree
    "agree": ("agree", "fixed", ("agreed", "agrees", "agreeing")),
    "concur": ("agree", "fixed", ("concurred", "concurs", "concurring")),
    "consent": ("agree", "fixed", ("consented", "consents", "consenting")),
    "reach consensus": ("agree", "fixed", ("reached a consensus", "reached consensus", "reached an agreement",
                                           "reached agreement", "reached a common perception",
                                           "reached a common understanding", "reaches a consensus")),
    "share the view": ("agree", "fixed", ("shared the view", "shared the views", "shares the view",
                                          "shared the same view", "shared the viewpoint")),
    # discuss
    "exchange views": ("discuss", "fixed", ("exchanged views", "exchanges views", "exchanging views",
                                            "exchanged opinions", "exchanged ideas")),
    "discuss": ("discuss", "fixed", ("discussed", "discusses", "discussing")),
    "review": ("discuss", "fixed", ("reviewed", "reviews", "reviewing")),
    "touch upon": ("discuss", "fixed", ("touched upon", "touched on", "touches upon", "touching upon")),
    "hold talks": ("discuss", "fixed", ("held talks", "holds talks", "holding talks", "had talks")),
}
# bare present forms, accepted only right after a plural or joint subject
# ("Vietnam, Japan agree to ...", "We discuss ...", "the two sides reaffirm ...")
_BARE = {"agree": "agree", "discuss": "discuss", "reaffirm": "reaffirm", "affirm": "affirm", "pledge": "pledge",
         "vow": "vow", "urge": "urge", "propose": "propose", "call for": "call for", "call on": "call for",
         "seek": "seek", "welcome": "welcome", "hope": "hope", "want": "want", "review": "review",
         "exchange views": "exchange views", "hold talks": "hold talks", "look forward to": "look forward to",
         "hail": "hail", "stress": "stress", "thank": "thank", "commit": "commit", "promise": "promise",
         "say": "say", "note": "note", "express": "express", "plan": "plan", "aim": "aim",
         "congratulate": "congratulate", "ask": "ask", "confirm": "confirm", "concur": "concur"}

LEMMA_CLASS = {lemma: cls for lemma, (cls, _, _) in _LEXICON.items()}
_GROUP = {lemma: group for lemma, (_, group, _) in _LEXICON.items()}
_FORM_TO_LEMMA = {form: lemma for lemma, (_, _, forms) in _LEXICON.items() for form in forms}
assert len(_FORM_TO_LEMMA) == sum(len(forms) for _, _, forms in _LEXICON.values()), "a form listed twice"
# nouns that look like present-tense verbs ("says", "hopes", "plans", "talks"):
# an -s form is accepted only with an explicit subject
_AMBIGUOUS_S = {f for f in _FORM_TO_LEMMA if f.split()[0].endswith("s") and not f.split()[0].endswith("ss")
                and not f.split()[0].endswith(("ed", "ing"))}
_BARE_FORMS = set(_BARE)

_WORD = re.compile(r"[A-Za-z]+")
_FIRST: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
for _form in sorted(_FORM_TO_LEMMA, key=lambda f: -len(f.split())):
    _FIRST.setdefault(_form.split()[0], []).append((tuple(_form.split()), _form, False))
for _form in sorted(_BARE, key=lambda f: -len(f.split())):
    _FIRST.setdefault(_form.split()[0], []).append((tuple(_form.split()), _form, True))
for _cands in _FIRST.values():
    _cands.sort(key=lambda c: -len(c[0]))
_NOT_SUBJECT_BEFORE = {"be", "been", "being", "is", "was", "were", "are", "as", "so", "the", "a", "an", "its",
                       "their", "his", "her", "newly", "well", "previously", "jointly", "mutually", "commonly",
                       "already", "get", "got", "widely", "much", "long", "most", "highly-"}
# words before a bare form that make it an infinitive or a noun, not a report
_NOT_BEFORE_BARE = {"to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not",
                    "and", "or", "did", "do", "does", "let", "help", "helps", "helped", "the", "a", "an", "of",
                    "also", "jointly", "further", "continue", "continued", "them", "us", "it", "nor", "cannot",
                    "i", "you", "he", "she", "please"}
_PLURAL_SUBJECT = {"sides", "leaders", "ministers", "countries", "nations", "officials", "they", "we", "fms",
                   "pms", "presidents", "two", "both", "partners", "delegations", "parties"}


def find_verbs(folded: str):
    """Reporting verbs in a folded sentence: ``(start, end, surface, form, lemma)``.

    One pass over the words with a dictionary lookup (multi-word forms such as
    "called for" are checked on the following words). Passive and adjectival
    uses are skipped: "agreed upon by", "was proposed", "the proposed plan",
    "as noted"; a verb must be written in lower case unless it is a
    sentence-opening participle ("Lauding ..., Minister Son noted"). A bare
    present form ("agree") counts only right after a plural or named subject
    ("Vietnam, Japan agree", "the two sides reaffirm").
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
        for parts, form, bare in cands:
            if len(parts) == 1:
                hit = (form, e, i, bare)
                break
            k, ok = i, True
            for part in parts[1:]:
                k += 1
                if k >= len(words) or words[k][0].lower() != part or folded[words[k - 1][2]:words[k][1]].strip():
                    ok = False
                    break
            if ok:
                hit = (form, words[k][2], k, bare)
                break
        if hit is None:
            continue
        form, end, last, bare = hit
        if end < len(folded) and (folded[end].isalnum() or folded[end] == "-"):
            continue
        prev_word, prev_raw = "", ""
        if i > 0 and not folded[words[i - 1][2]:s].strip():
            prev_word, prev_raw = words[i - 1][0].lower(), words[i - 1][0]
        if form.endswith("ed") and re.match(r"\s*(?:upon\s+|on\s+)?by\b", folded[end:end + 16], re.I):
            continue
        if prev_word in _NOT_SUBJECT_BEFORE:
            continue
        if not w[0].islower() and not (form.split()[0].endswith("ing") and not folded[:s].strip()):
            continue
        if bare:
            between = folded[words[i - 1][2]:s] if i > 0 else ""
            if i == 0 or prev_word in _NOT_BEFORE_BARE or between.strip() not in ("",):
                continue
            if not (prev_raw[:1].isupper() or prev_word in _PLURAL_SUBJECT):
                continue
            out.append((s, end, folded[s:end], form, _BARE[form]))
            continue
        out.append((s, end, folded[s:end], form, _FORM_TO_LEMMA[form]))
    return out


# --------------------------------------------------------------------------- complements
# "will help", "would be key", "will contribute": a prediction, not a commitment
_PREDICTION = r"(?!\s+(?:not\s+)?(?:be|become|help|contribute|bring|create|open|serve|remain|benefit|lead|make\s+it|mark|"
_PREDICTION += r"have|give|pave|lay|see|take\s+place|happen|allow|enable|facilitate\s+the)\b)"
_ADVERBS = r"(?:(?:also|further|actively|positively|carefully|seriously|closely|continue\s+to|strongly|soon)\s+)*"
_HEDGE = re.compile(
    rf"\b(?:will|would|shall|could|may|might|can)\s+{_ADVERBS}(?:consider|study|look\s+into|examine|explore|"
    r"review|seek\s+to)\b"
    r"|\b(?:is|are|was|were)\s+(?:considering|studying|exploring|examining|mulling)\b"
    r"|\b(?:is|are|was|were)\s+(?:ready|willing|prepared)\s+to\s+consider\b"
    r"|\b(?:hopes?|hoped|hoping|wish(?:es)?|wished|wants?|wanted|intends?|intended|plans?|planned|aims?|aimed|"
    r"seeks?|sought|desires?|aspires?|expects?)\s+to\b"
    r"|\b(?:is|are|was|were)\s+(?:expected|eager|keen|hoping|planning|aiming|seeking|looking)\s+to\b"
    r"|\blook(?:s|ed|ing)?\s+forward\s+to\b"
    rf"|\b(?:may|might|could){_PREDICTION}\s+(?:also\s+)?[a-z]+")
_HOPE_THAT = re.compile(
    r"\b(?:hopes?|hoped|hoping|wish(?:es)?|wished|wants?|wanted|expects?|expected|expecting|expectations?|"
    r"hope)\s+(?:that\s+)?(?P<obj>(?:(?!\b(?:will|would|can|could|to|and|but|that)\b)[^,;.]){1,70}?)\s+"
    r"(?:will|would|can|could|shall|to)\b")
_GLAD = re.compile(r"\b(?:is|was|are|were|am|felt|feels)\s+(?:very\s+|so\s+|deeply\s+|really\s+)?(?:glad|happy|"
                   r"pleased|delighted|honou?red|satisfied|grateful|thankful|impressed|thrilled)\b")
_SHOULD = re.compile(r"\b(?:should|must|needs?\s+to|ought\s+to|has\s+to|have\s+to)\b")
_PLEDGE = re.compile(
    rf"\b(?:will|would|shall){_PREDICTION}"
    r"|\b(?:will|would)\s+(?:also\s+)?be\s+(?:provided|granted|given|offered|extended|allocated|disbursed|funded|"
    r"supplied|donated|delivered|transferred)\b"
    r"|\b(?:is|are|was|were|am|remains?|remained)\s+(?:always\s+)?(?:ready|willing|determined|committed|prepared|"
    r"resolved)\s+to\b"
    r"|\bstands?\s+ready\s+to\b|\bstood\s+ready\s+to\b"
    r"|\bcommitments?\b|\bcommits?\s+to\b|\bdetermination\s+to\b|\breadiness\s+to\b|\bwillingness\s+to\b"
    r"|\bpledges?\s+to\b|\bvows?\s+to\b|\bpromises?\s+to\b")
_BOUNDARY = re.compile(r"(?:\bthat\b|[,;:\"()]|\bwhile\b|\bwhereas\b|\bbut\b)")
_OWN_PRONOUN = re.compile(r"\b(?:we|i|he|she|it|our|its|his|her|my|us)\b|\b(?:his|her|its|their)\s+"
                          r"(?:country|government|side|nation|administration|ministry|company)\b")
_JOINT = re.compile(r"\b(?:the\s+two|both|the\s+sides|they|their|the\s+countries|the\s+nations|the\s+leaders|"
                    r"the\s+ministers)\b")
# the relation itself as the subject of a wish ("wants the bilateral ties to continue"): an aspiration
_RELATION = re.compile(r"\b(?:ties|relations|relationship|cooperation|partnership|friendship|links)\b")
_APPRAISE_NOTE = re.compile(r"^\s*,?\s*with\s+(?:great\s+|deep\s+|much\s+|profound\s+)?(?:satisfaction|pleasure|joy|"
                            r"appreciation|delight|gratitude|happiness|interest)\b")
_HEAD = re.compile(r"^\s*(?:(?:his|her|their|its|our|the|a|an|[a-z]+'s|deep|deepest|sincere|high|great|warm|warmest|"
                   r"profound|strong|firm|full|best|heartfelt|special|sincerest|utmost|country's|side's|"
                   r"government's)\s+)*(?P<head>[a-z]+)")
_EXPRESS_HEADS = {
    "request": {"expectation", "expectations", "request", "requests", "proposal", "proposals"},
    "hedge": {"desire", "desires", "wish", "aspiration", "aspirations", "intention", "intentions", "interest",
              "eagerness", "intent"},
    "pledge": {"readiness", "willingness", "commitment", "commitments", "determination", "resolve",
               "pledge", "assurance", "assurances", "promise"},
    "appraise": {"delight", "satisfaction", "pleasure", "joy", "gratitude", "thanks", "appreciation",
                 "admiration", "congratulations", "congratulation", "condolences", "condolence", "sympathy",
                 "sympathies", "sorrow", "welcome", "honour", "honor", "happiness", "greetings", "greeting",
                 "respect", "excitement", "pride", "praise", "wishes", "regards", "compliments", "gladness"},
    "assert": {"concern", "concerns", "regret", "regrets", "opposition", "disappointment", "worry", "worries",
               "doubt", "doubts", "belief", "view", "views", "opinion", "opinions", "position", "stance",
               "apology", "apologies", "objection", "protest", "alarm", "frustration", "confidence", "hopes",
               "surprise", "shock", "dissatisfaction", "displeasure", "reservations"},
    "agree": {"support", "backing", "consent", "agreement", "approval", "endorsement"},
}
_HEAD_CLASS = {w: c for c, ws in _EXPRESS_HEADS.items() for w in ws}
_HEAD_CLASS["hopes"] = "hope"
_HEAD_CLASS["hope"] = "hope"


def _subject_kind(span: str, own: str, others: str) -> str:
    """``own``, ``joint``, ``other`` or ``unknown`` for the subject of a clause
    (``span``: folded lower-case text from the last clause boundary to the
    modal). The first actor named decides; a pronoun or possessive (we, he,
    its, his country) is the speaker's own side; an empty subject ("affirmed
    its commitment") is the speaker's."""
    span = span.strip()
    if not span:
        return "own"
    first = []
    for kind, pat in (("own", own), ("other", others)):
        if pat:
            m = re.search(rf"(?<![a-z]){pat}(?![a-z])", span)
            if m:
                first.append((m.start(), kind))
    for kind, pat in (("own", _OWN_PRONOUN), ("joint", _JOINT)):
        m = pat.search(span)
        if m:
            first.append((m.start(), kind))
    if not first:
        return "unknown"
    return min(first)[1]


def complement_class(comp: str, own: str, others: str) -> str | None:
    """The class a clause reports, or None when it says nothing beyond its verb.

    ``comp``: the complement (folded, lower case); ``own``/``others``: regex
    alternations of the speaker's own side's names and of the other sides'.
    The first marker in the clause decides, with its subject: a hedge ("will
    consider", "hopes to", "plans to", "may") by the speaker's side or both
    sides is ``hedge``; "hopes/expects that <another side> will" is
    ``request`` (``hedge`` when it is the speaker's own side); "should/must"
    by another side or both is ``request``; "will", "is ready to", "its
    commitment to" by the speaker's side or both is ``pledge``.
    """
    found = []
    order = ("hope", "hedge", "glad", "should", "pledge")
    for kind, pat in (("hedge", _HEDGE), ("hope", _HOPE_THAT), ("glad", _GLAD), ("should", _SHOULD),
                      ("pledge", _PLEDGE)):
        for m in pat.finditer(comp):
            found.append((m.start(), order.index(kind), kind, m))
            break
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1]))
    start, _, kind, m = found[0]
    before = comp[:start]
    cut = max((b.end() for b in _BOUNDARY.finditer(before)), default=0)
    subject = _subject_kind(before[cut:], own, others)
    if kind == "hope":
        head = comp[start:m.start("obj")]
        if subject in ("other",) and not re.search(r"\bexpectations?\b", head):
            return None
        obj = _subject_kind(m.group("obj"), own, others)
        if obj == "own" or (obj == "unknown" and _RELATION.search(m.group("obj"))):
            return "hedge"
        return "request"
    if kind == "glad":
        return "appraise" if subject in ("own", "joint") else None
    if kind == "hedge":
        return "hedge" if subject in ("own", "joint") else None
    if kind == "should":
        return "request" if subject in ("other", "joint") else None
    return "pledge" if subject in ("own", "joint") else None


def _skip_object(comp: str) -> str:
    """The complement of "told X that ...", "assured X of ...": after "that" when
    it comes soon, else after the addressee's noun phrase."""
    m = re.match(r"^(.{0,90}?)\bthat\b", comp)
    if m:
        return comp[m.end():]
    m = re.match(r"^\s*(?:(?:the|his|her|their|its|a)\s+)?(?:[A-Za-z'\-]+\s+){0,6}?(?=he\b|she\b|it\b|they\b|we\b)",
                 comp)
    return comp[m.end():] if m else comp


def refine_class(lemma: str, comp: str, own: str, others: str) -> str | None:
    """The class of one use of ``lemma`` given its complement ``comp`` (folded,
    lower case; for ", he said" the clause before it). None means the use is
    not a report at all ("extended the deadline"). See :func:`complement_class`.
    """
    cls, group = LEMMA_CLASS[lemma], _GROUP[lemma]
    if group == "fixed":
        return cls
    if group == "hope":
        if re.match(r"^\s*(?:very\s+much\s+|much\s+|sincerely\s+|deeply\s+)?to\b", comp):
            return "hedge"
        if re.match(r"^\s*for\b", comp):
            return "request"
        m = re.match(r"^\s*(?:that\s+)?(?P<obj>(?:(?!\b(?:will|would|can|could|to|that)\b)[^,;.]){1,70}?)\s+"
                     r"(?:will|would|can|could|shall|to|continues?|keeps?)\b", comp)
        if m:
            kind = _subject_kind(m.group("obj"), own, others)
            if m.group("obj").strip() in ("it", "them", "him", "her"):
                return "request"    # "wanted it to give priority to Vietnam"
            if kind == "own" or (kind == "unknown" and _RELATION.search(m.group("obj"))):
                return "hedge"
            return "request"
        return "request" if lemma in ("seek", "want", "expect") else cls
    if group == "express":
        m = _HEAD.match(comp)
        head = m.group("head") if m else ""
        got = _HEAD_CLASS.get(head)
        if got == "hope":
            rest = comp[m.end():]
            if re.match(r"^\s*to\b", rest):
                return "hedge"
            return "request"
        if got:
            return got
        return cls if lemma == "express" else None
    if group == "offer":
        m = _HEAD.match(comp)
        got = _HEAD_CLASS.get(m.group("head") if m else "")
        return "appraise" if got == "appraise" else "pledge"
    if group == "note" and _APPRAISE_NOTE.match(comp):
        return "appraise"
    if group == "say":
        # "reiterated his invitation", "reaffirmed Seoul's commitment to", "reiterated Vietnam's expectation that"
        m = _HEAD.match(comp)
        got = _HEAD_CLASS.get(m.group("head") if m else "")
        if got in ("request", "pledge") or (m and m.group("head") == "invitation"):
            return "request" if got != "pledge" else "pledge"
    if group == "tell":
        if lemma == "tell" and re.match(r"^\s*(?:[a-z'\-]+\s+){1,6}?to\s+(?!the\b|a\b|an\b|his\b|her\b)[a-z]+", comp) \
                and not re.match(r"^.{0,60}\bthat\b", comp):
            return "request"     # "told Japan to stop ..."
        comp = _skip_object(comp)
    got = complement_class(comp, own, others)
    if got == "pledge" and cls != "assert":
        return cls
    return got or cls
