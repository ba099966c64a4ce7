"""Noun phrases around a reporting verb: the subject before it, a post-posed
speaker after it ("..., said Minister X"), a subject with an apposition or a
relative clause between commas, the sentence's own subject, and the parts of a
coordinated subject ("Blinken and Son"). Token spans over the tokens of
:data:`analysis.framing.sides._TOKEN`; the rules are written out in
:mod:`analysis.framing.speakers`.

Public names (for the framing stage): ``np_back``, ``np_forward``,
``np_apposition``, ``clause_subject``, ``split_coordination``, ``span_text``.
"""
from __future__ import annotations

from .sides import _PRONOUNS, _ROLE, _SKIP_BACK, _TITLE_WORDS, _is_cap

# words that open a relative clause or a circumstance between commas: not an apposition
_NOT_APPOSITION = {"who", "which", "whose", "whom", "now", "currently", "also", "then", "in", "on", "at", "during",
                   "after", "before", "while", "when", "since", "speaking", "addressing", "meeting", "visiting",
                   "for", "as", "with", "accompanied", "following", "according", "via", "through", "by",
                   "the", "a"}
_INTRO = {"at", "in", "during", "on", "for", "regarding", "after", "following", "with", "besides", "meanwhile",
          "however", "earlier", "later", "under", "as", "when", "while", "according", "speaking", "addressing",
          "concerning", "about", "given", "amid", "through", "over", "also", "moreover", "furthermore",
          "additionally", "accordingly", "then", "since", "before", "to"}
_INSTITUTION = {"embassy", "consulate", "mission", "office", "delegation", "ambassador", "envoy", "consul",
                "consul-general", "representative", "ambassadors", "embassies"}


def np_back(toks: list[tuple[str, int, int]], v: int, floor: int = 0) -> tuple[int, int]:
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
        if w == ")" and start < end:
            # "his Republic of Korea (RoK) counterpart Lee": an acronym in brackets inside the phrase
            opening = next((j for j in range(k - 1, max(floor - 1, k - 5), -1) if toks[j][0] == "("), None)
            if opening is not None and opening > floor and all(_is_cap(t[0]) for t in toks[opening + 1:k]):
                start = opening
                k = opening - 1
                continue
        break
    # drop a leading connective
    while start < end and toks[start][0].lower() in ("and", "of", "for", "-", "in", "to", "at", "."):
        start += 1
    return start, end


def np_forward(toks, v_end: int) -> tuple[int, int]:
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


def np_apposition(toks, comma: int) -> tuple[int, int, bool]:
    """A subject with an apposition or a relative clause between commas:
    "Ramirez, the American ambassador, stressed" -> (span of name and
    apposition, True); "Pham, who is visiting Japan, congratulated" -> (span of
    "Pham" only, False). ``comma`` is the comma before the verb."""
    for k in range(comma - 1, max(-1, comma - 20), -1):
        w = toks[k][0]
        if w in (".", ";", ":", "(", ")", '"'):
            break
        if w == ",":
            s, e = np_back(toks, k)
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


def clause_subject(toks, upto: int) -> tuple[int, int]:
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
    return np_back(toks, j, floor=start)


def split_coordination(np_toks: list[str]) -> list[list[str]]:
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


def span_text(text, toks, s, e):
    np_toks = [t[0] for t in toks[s:e] if t[0] not in ("'", "-", ".")]
    return text[toks[s][1]:toks[e - 1][2]], np_toks
