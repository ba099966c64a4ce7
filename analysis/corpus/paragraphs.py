"""Splitting one article's text into paragraphs: glued lines cut apart, hard-wrapped
lines reflowed (the first step of :func:`analysis.corpus.article.parse_article`)."""
from __future__ import annotations

import re

from ..text import fold, squash

_END_PUNCT = tuple('.!?:;"”’)»') + ("...",)
# characters that carry nothing: byte-order marks, zero-width spaces, soft hyphens
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_ALNUM = re.compile(r"[^\W_]")
# a photo credit glued to the next paragraph: "(Photo: VNA)For their part, …",
# "… VNA/VNS Photo Trọng Đức HÀ NỘI — …" (matched on folded text)
_GLUED = re.compile(
    r"\((?:[^()\n]{0,30}\b)?(?i:photos?|image|foto|anh\s*:)[^()\n]{0,60}\)(?=[A-Z\"“])"
    r"|\b[A-Z][A-Za-z&]*(?:/[A-Z][A-Za-z&]*)+ Photo(?: [A-Z][a-z]+){0,3}"
    r"(?=\s+[A-Z]{2,}(?:[ ,/][A-Z]{2,})*\s*(?:\([^)]{1,30}\))?\s*(?:-{1,3}|:)\s)")
# "By Jane Doe HANOI (Reuters) - …": a byline glued to the dateline
_GLUED_BYLINE = re.compile(
    r"^By [A-Z][A-Za-z'.-]+(?:,? (?:and |& )?[A-Z][A-Za-z'.-]+){1,8}"
    r"(?=\s+[A-Z]{3,}[A-Z ,/]*(?:\([^)]{1,30}\))?\s*(?:-{1,3}|:))")


def _cut_glued(line: str) -> list[str]:
    """Split a line where a photo credit or a byline runs into the next paragraph."""
    if "(" not in line and "Photo" not in line and not line.startswith("By "):
        return [line]
    folded = fold(line)
    cuts = [m.end() for m in _GLUED.finditer(folded)]
    m = _GLUED_BYLINE.match(folded)
    if m:
        cuts.append(m.end())
    if not cuts:
        return [line]
    out, start = [], 0
    for c in sorted(set(cuts)):
        out.append(line[start:c])
        start = c
    out.append(line[start:])
    return [s for s in (p.strip() for p in out) if s]


_MID_END = tuple(",;-–—(/")
# a heading nothing is glued to: a related-links block ("TIN LIÊN QUAN", "Related news") or a site's name
_HEADING = re.compile(r"^\s*(?:tin lien quan|tin khac|bai lien quan|xem them|related(?: news| articles| stories)?|"
                      r"read more|see also|more news|latest news)\s*:?\s*$", re.I)


def _reflow(block: list[str]) -> list[str] | None:
    """Paragraphs of a hard-wrapped block, or None when the block is not wrapped.

    A word wrapper fills each line greedily up to a width W (estimated as the
    longest line, at most 100 characters). A line break is *soft* when the
    next line's first word would not have fitted on the line; a break where it
    would have fitted was typed (a paragraph end). The block counts as wrapped
    when at least half its breaks are soft and at least a third of those fall
    mid-sentence (the next line starts in lower case or a digit, or the line
    ends with a comma, hyphen, semicolon or bracket). A list of headlines or
    captions is not: its breaks come before capitals. Soft breaks are joined;
    a typed break is joined too when the line stops without sentence-final
    punctuation and the next starts in lower case."""
    width = max(len(ln) for ln in block)
    if len(block) < 2 or width > 100 or width < 30 or any(_HEADING.match(fold(ln)) for ln in block):
        return None
    pairs = list(zip(block, block[1:]))
    soft = [len(a) + 1 + len(b.split(" ", 1)[0]) > width for a, b in pairs]
    mid = [b[:1].islower() or b[:1].isdigit() or a.endswith(_MID_END) for a, b in pairs]
    n_soft = sum(soft)
    if not n_soft or n_soft * 2 < len(pairs) or sum(m for m, s in zip(mid, soft) if s) * 3 < n_soft:
        return None
    paras = [block[0]]
    for (a, b), s in zip(pairs, soft):
        if s or (not a.endswith(_END_PUNCT) and b[:1].islower()):
            paras[-1] = f"{paras[-1]} {b}"
        else:
            paras.append(b)
    return paras


def split_paragraphs(text: str) -> list[str]:
    """Split an article into paragraphs.

    One non-empty line is one paragraph (how exported news text comes: a line per
    paragraph, with or without blank lines between), except that:

    - a hard-wrapped block is joined back into paragraphs (see :func:`_reflow`),
      and a line that stops mid-sentence before a line starting in lower case
      continues;
    - a photo credit glued to the next paragraph ("(Photo: VNA)For their part")
      and a byline glued to a dateline ("By Jane Doe HANOI (Reuters) -") are cut;
    - lines with no letter or digit ("|", "./.", "***") are dropped.

    Any line ending (LF, CRLF, CR, U+2028), byte-order marks, zero-width spaces,
    tabs and non-breaking spaces are handled; white space inside a paragraph is
    squashed to single spaces.
    """
    text = _INVISIBLE.sub("", text)
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = squash(raw)
        if line and _ALNUM.search(line):
            blocks[-1].extend(_cut_glued(line))
        elif not line and blocks[-1]:
            blocks.append([])
    paras: list[str] = []
    for block in blocks:
        if not block:
            continue
        wrapped = _reflow(block)
        if wrapped is not None:
            paras.extend(wrapped)
            continue
        links = False          # below a related-links heading, each line is a link of its own
        for i, line in enumerate(block):
            if _HEADING.match(fold(line)):
                links = True
            elif line.endswith(_END_PUNCT):
                links = False
            if i and not links and not block[i - 1].endswith(_END_PUNCT) and line[:1].islower() \
                    and block[i - 1].count(" ") >= 3:
                paras[-1] = f"{paras[-1]} {line}"
            else:
                paras.append(line)
    return paras
