"""Sentence splitting that survives diplomatic-news abbreviations.

A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by
white space and a capital, digit or opening quote — except after an abbreviation
("Mr.", "U.S.", "Jan.", "No."), a single initial ("J. Biden") or inside numbers
("US$1.5 billion" never splits because no space follows the point).
Known limit: a sentence that really ends with "U.S." followed by a capital is
not split (the same shape as "U.S. President").
"""
from __future__ import annotations

import re

import pandas as pd

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr",
    "adm", "sen", "rep", "gov", "pres", "amb", "hon", "rev", "sgt", "no", "nos", "vol", "art",
    "inc", "ltd", "co", "corp", "bros", "dept", "est", "approx", "vs", "etc", "al", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "p.m", "a.m", "e.g", "i.e", "viz", "cf",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ỹ])")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, white space trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start:m.start() + 1].rstrip()
        tok = _LAST_TOKEN.search(head)
        if tok and text[m.start()] == ".":
            word = tok.group(1).lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
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
    sent, start, end, text, para_partner, para_partners, boilerplate, duplicate_of`` (offsets
    into the segment's text). Partner attribution adds ``partner`` (see
    :func:`analysis.actors.attribute_sentences`)."""
    rows = []
    for seg in segments.itertuples(index=False):
        for i, (s, e) in enumerate(sentence_spans(seg.text)):
            rows.append((f"{seg.seg_id}:s{i:02d}", seg.seg_id, seg.doc_id, seg.para, i, s, e, seg.text[s:e],
                         getattr(seg, "partner", "none"), getattr(seg, "partners", ""), seg.boilerplate,
                         seg.duplicate_of))
    return pd.DataFrame(rows, columns=["sent_id", "seg_id", "doc_id", "para", "sent", "start", "end", "text",
                                       "para_partner", "para_partners", "boilerplate", "duplicate_of"])
