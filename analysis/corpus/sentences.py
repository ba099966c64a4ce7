"""Sentence splitting that survives diplomatic-news abbreviations.

A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by
white space and a capital, digit or opening quote — except:

- after an abbreviation ("Mr.", "Gen.", "Jan.", "No.", "H.E."), a single initial
  ("Antony J. Blinken") or dotted initials ("U.S.", "a.m."); but an
  abbreviation that can end a sentence ("U.S.", "a.m.", "Inc.", "etc.") does end
  one when the next word is a usual sentence opener ("… with the U.S. The two
  sides …", not "the U.S. President");
- after a list number opening the paragraph ("1. On Monday, …");
- inside numbers: "US$1.5 billion" never splits because no space follows the point.

A point glued to the next sentence ("on May 30.At the meeting", an export
that lost the space) also ends a sentence when two letters or digits come
before it and a capitalised word after it ("Mr.Son" does not: "Mr" is an
abbreviation).
Known limit: a sentence ending in another abbreviation ("… in Washington D.C.")
followed by a name is not split.
"""
from __future__ import annotations

import re

import pandas as pd

ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "mme", "dr", "st", "jr", "sr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr",
    "adm", "sen", "rep", "gov", "govt", "pres", "amb", "hon", "rev", "sgt", "sec", "asst", "dep", "no", "nos",
    "vol", "art", "inc", "ltd", "co", "corp", "bros", "dept", "est", "approx", "vs", "etc", "al", "fig", "mt",
    "ave", "rd", "univ", "assn", "dist", "incl", "excl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "p.m", "a.m", "e.g", "i.e", "h.e", "ph.d", "viz", "cf",
}
# abbreviations that also close sentences, and the words that open the next one
_CAN_END = {"u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "p.m", "a.m", "etc", "inc", "ltd", "co", "corp", "jr", "sr"}
_OPENERS = {"The", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those", "In", "On", "At",
            "But", "And", "However", "Meanwhile", "Also", "According", "Both", "His", "Her", "Their", "Its",
            "There", "Earlier", "Later", "During", "After", "Before", "While", "As", "A", "An", "Under", "For"}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ỹ])"
                       r"|(?<=[^\W_][^\W_])[.!?](?=[A-ZÀ-Ỹ][a-zà-ỹ])")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_LIST_NUMBER = re.compile(r"\s*\(?\d{1,2}[.)]")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]?([A-Za-zÀ-ỹ]+)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, white space trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start:m.start() + 1].rstrip()
        if start == 0 and _LIST_NUMBER.fullmatch(head):
            continue
        tok = _LAST_TOKEN.search(head)
        if tok and text[m.start()] == ".":
            word = tok.group(1).lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _DOTTED.fullmatch(word):
                nxt = _NEXT_WORD.match(text, m.end())
                if not (word in _CAN_END and nxt and nxt.group(1) in _OPENERS):
                    continue
        end = m.end()
        seg = text[start:end].rstrip()
        if seg.strip():
            spans.append((start, start + len(seg)))
        start = end
    tail = text[start:].rstrip()
    if tail.strip():
        spans.append((start, start + len(tail)))
    return spans


def split_sentences(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of each segment: ``sent_id, seg_id, doc_id, para,
    sent, start, end, text, para_partner, para_partners, unit, boilerplate, duplicate_of,
    event_id`` (offsets into the segment's text; ``unit``, ``event_id`` are the
    segment's, "paragraph" and "" when it has none). Partner attribution adds
    ``partner`` (see :func:`analysis.corpus.partners.attribute_sentences`)."""
    rows = []
    for seg in segments.itertuples(index=False):
        for i, (s, e) in enumerate(sentence_spans(seg.text)):
            rows.append((f"{seg.seg_id}:s{i:02d}", seg.seg_id, seg.doc_id, seg.para, i, s, e, seg.text[s:e],
                         getattr(seg, "partner", "none"), getattr(seg, "partners", ""),
                         getattr(seg, "unit", "paragraph"), seg.boilerplate, seg.duplicate_of,
                         getattr(seg, "event_id", "")))
    return pd.DataFrame(rows, columns=["sent_id", "seg_id", "doc_id", "para", "sent", "start", "end", "text",
                                       "para_partner", "para_partners", "unit", "boilerplate", "duplicate_of",
                                       "event_id"])
