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

import pandas as pd

from ..config import Actors
from ..text import fold
from .lexicon import _AMBIGUOUS_S, _FORM_TO_LEMMA, _GROUP, LEMMA_CLASS, find_verbs, refine_class
from .phrases import clause_subject, np_apposition, np_back, np_forward, span_text
from .referents import Article, remember, resolve
from .sides import _PRONOUNS, _SKIP_BACK, _TOKEN, SideMatcher, _is_cap, learn_names

AGENCY_COLUMNS = ["doc_id", "sent_id", "meeting_id", "partner", "partners", "verb", "lemma", "verb_class",
                  "speaker_text", "speaker_side", "side_source", "themes", "sentence", "verb_start"]
# lemmas whose speaker may follow them after a comma ("..., said Minister X")
_SAYING = {"say", "state", "add", "note", "stress", "emphasise", "affirm", "explain", "announce", "remark",
           "confirm", "reiterate", "tell", "underline", "underscore", "acknowledge", "insist", "comment",
           "conclude", "write", "highlight", "reply", "respond", "ask", "urge"}


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
        art = Article(learn_names(texts, sides), doc_partner, o_side if o_side != "other" else None, host)
        for sent_id, text, partner, meet in zip(grp["sent_id"], texts, grp["partner"], grp["_meeting"]):
            rows.extend(_sentence_rows(doc_id, sent_id, meet, text, partner, sides, art, terms, legacy))
    return pd.DataFrame(rows, columns=[c for c in AGENCY_COLUMNS if c not in ("partners", "themes")])


def _sentence_rows(doc_id, sent_id, meet, text, partner, sides, art, terms, legacy):
    folded = fold(text)
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    verbs = find_verbs(folded)
    starts = {s: i for i, (_, s, _) in enumerate(toks)}
    ends = {e: i for i, (_, _, e) in enumerate(toks)}
    first_verb = starts.get(verbs[0][0], len(toks)) if verbs else len(toks)
    # the sentence's own subject: a later "he"/"it" may refer to it, whatever its verb
    cs, ce = clause_subject(toks, first_verb)
    clause = None
    if ce > cs:
        c_text, c_toks = span_text(text, toks, cs, ce)
        if not (len(c_toks) == 1 and c_toks[0].lower() in _PRONOUNS):
            side, source, key = resolve(c_text, c_toks, sides, art, legacy)
            clause = (c_text, side, source)
            if side != "unknown" and source in ("config_person", "learnt_name", "vietnamese_name", "adjective"):
                remember(art, c_text, c_toks, side, source, key)
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
        s, e = np_back(toks, v)
        mode = "explicit"
        if e > s and form not in _FORM_TO_LEMMA:
            # a bare plural verb after a list of subjects: "Japan, Vietnam agree", "S. Korea, Vietnam discuss"
            while s >= 2 and toks[s - 1][0] == "," and _is_cap(toks[s - 2][0]):
                s = np_back(toks, s - 1)[0]
        if s == e and prev_tok in (",", '"', "'"):
            s, e = (np_forward(toks, v_last + 1) if lemma in _SAYING else (v, v))
            mode = "post"
            if s == e and prev_tok == ",":
                s, e, _ = np_apposition(toks, prev)
                mode = "explicit"
                # "..., confirmed that X, vowed": the commas hold a clause of ours, so a list of verbs
                if e == s or any(s <= starts.get(f[0][0], -1) < prev for f in found):
                    found.append([verb, None, "coord"])
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
        np_text, np_toks = span_text(text, toks, *span)
        if "," in np_toks and found[i][0][3] not in _FORM_TO_LEMMA:
            np_toks = ["and" if t == "," else t for t in np_toks]   # "Japan, Vietnam": Japan and Vietnam
        if len(np_toks) == 1 and np_toks[0].lower() in ("we", "i"):
            resolved.append(None)
            first_person.append(i)
            continue
        side, source, key = resolve(np_text, np_toks, sides, art, legacy)
        remember(art, np_text, np_toks, side, source, key)
        resolved.append((np_text, side, source))
    for i in first_person:
        quoted = next((resolved[j] for j in range(len(found)) if j != i and resolved[j] is not None
                       and found[j][0][4] in _SAYING), None)
        np_text, _ = span_text(text, toks, *found[i][1])
        resolved[i] = (np_text, quoted[1], "quoted_speaker") if quoted and quoted[1] != "unknown" else (
            np_text, "unknown", "pronoun_unresolved")
    for i, r in enumerate(resolved):
        if r is not None:
            continue
        mode = found[i][2]
        prev = next((resolved[j] for j in range(i - 1, -1, -1) if resolved[j] is not None), None)
        nxt = next((resolved[j] for j in range(i + 1, len(resolved)) if resolved[j] is not None), None)
        at = starts.get(found[i][0][0], 0)
        if mode == "participle" and (at == 0 or (at == 1 and toks[0][0].lower() == "having")):
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
