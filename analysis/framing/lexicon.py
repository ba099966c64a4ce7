"""The reporting-verb lexicon: each verb form's lemma and class, the finder of
reporting verbs in a folded sentence, and the rule that refines a class from its complement."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only (the module imports this one)
    from .sides import SideMatcher

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
