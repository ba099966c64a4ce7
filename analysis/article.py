"""Parsing one article file: paragraphs, header date, headline, dateline,
outlet signature and boilerplate.

Everything here works on one article's text and returns plain Python values; the
folder-level tables are built in :mod:`analysis.corpus`. The rules describe the
shapes news sites use (a ``date YYYY-MM-DD`` export header, a headline line,
``CITY —`` datelines, ``— VNS`` sign-offs, ``(Source: X)`` lines, photo captions,
"Related news" link blocks), not the particular seed articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .text import fold, normalise_key, squash

# --------------------------------------------------------------------------- paragraphs
_END_PUNCT = tuple('.!?:;"”’)»') + ("...",)


def _is_wrapped_block(block: list[str]) -> bool:
    """A block of consecutive lines that is one hard-wrapped paragraph: lines no
    longer than 100 characters, all but the last at least 40, and most line
    breaks falling mid-sentence (after a lower-case word, a comma or a hyphen, or
    before a lower-case word). A list of headlines or captions is not."""
    if len(block) < 2 or max(len(ln) for ln in block) > 100:
        return False
    inner = block[:-1]
    if any(len(ln) < 40 for ln in inner):
        return False
    mid = sum(ln[-1].islower() or ln[-1] in ",-–;(" or nxt[:1].islower() for ln, nxt in zip(inner, block[1:]))
    return mid * 2 > len(inner)


def split_paragraphs(text: str) -> list[str]:
    """Split an article into paragraphs.

    One non-empty line is one paragraph (how exported news text comes: a line per
    paragraph, with or without blank lines between), except that a hard-wrapped
    block (see :func:`_is_wrapped_block`) is joined back into one paragraph, and
    a line that stops mid-sentence before a line starting in lower case continues.
    """
    lines = [squash(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paras: list[str] = []
    for block in blocks:
        if not block:
            continue
        if _is_wrapped_block(block):
            paras.append(" ".join(block))
            continue
        for i, line in enumerate(block):
            if i and not block[i - 1].endswith(_END_PUNCT) and line[:1].islower():
                paras[-1] = f"{paras[-1]} {line}"
            else:
                paras.append(line)
    return paras


# --------------------------------------------------------------------------- header and dates
_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.I)
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+((?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def parse_header(line: str) -> date | None:
    """The export header `` date 2024-03-12 VIETNAM, March 12 -`` -> its date."""
    m = _HEADER.match(line)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[date, str]]:
    """Every 'Month D, YYYY' or 'D Month YYYY' in the text, with the matched words."""
    out = []
    for m in _FULL_DATE.finditer(text):
        if m.group(1):
            d = _safe_date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        else:
            d = _safe_date(int(m.group(6)), _month(m.group(5)), int(m.group(4)))
        if d:
            out.append((d, m.group(0)))
    return out


def infer_date(lead: str, body: str) -> tuple[date | None, str]:
    """Date of the event an article reports, from its text, and the evidence.

    The event date is the lead's first date mention.
    1. A full date ("On November 17, 2022, …") is taken as it is.
    2. A month-day ("On November 17, in Bangkok …") gets its year from
       the full dates the article cites elsewhere: of the years those dates
       suggest (each cited year and the one after, for a January article citing
       December), the one whose event date lies closest after the cited dates.
    3. With no month-day, the article's most cited year alone is not a date.
    Returns ``(None, "")`` when no date can be found.
    """
    full = _FULL_DATE.search(lead)
    md = _MONTH_DAY.search(lead)
    if full and (not md or full.start() <= md.start()):
        d = full_dates(full.group(0))
        if d:
            return d[0][0], d[0][1]
    if not md:
        return None, ""
    if md.group(1):
        month, day = _month(md.group(1)), int(md.group(2))
    else:
        month, day = _month(md.group(4)), int(md.group(3))
    cited = [d for d, _ in full_dates(body)]
    if not cited:
        years = [int(y) for y in _YEAR.findall(body)]
        if not years:
            return None, ""
        # no full date: the year most often named (ties: the earliest)
        year = min(set(years), key=lambda y: (-years.count(y), y))
        d = _safe_date(year, month, day)
        return d, f"{md.group(0)} + most cited year {year}" if d else ""
    best = None
    for cand_year in sorted({c.year for c in cited} | {c.year + 1 for c in cited}):
        event = _safe_date(cand_year, month, day)
        if event is None:
            continue
        # distance to cited dates, counting a cited date after the event double
        score = sorted(abs((event - c).days) * (1 if c <= event else 2) for c in cited)[len(cited) // 2]
        if best is None or score < best[0]:
            best = (score, event)
    if best is None:
        return None, ""
    refs = ", ".join(sorted({w for _, w in full_dates(body)}))
    return best[1], f"{md.group(0)} + year from {refs}"


# --------------------------------------------------------------------------- boilerplate
_CAPTION = re.compile(r"\((?:\s*(?:photo|photos|file photo|anh|image|picture|pic|illustration)\b[^)]*)\)\s*\.?$"
                      r"|^(?:photo|file photo|anh)\s*[:\-]", re.I)
_RELATED_HEAD = re.compile(r"^(?:tin lien quan|related(?: news| articles| stories| posts)?|read more|see also|"
                           r"you may also like|more news|most read|tin khac|other news)\s*:?\s*$", re.I)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:source|nguon|theo)\s*:\s*([^)]+?)\s*\)?\.?$", re.I)
_BYLINE = re.compile(r"^(?:by|story by|reporting by|written by|reporter|bai|text|editor)\s*:?\s+[A-Z][^.!?]{0,60}$", re.I)
_SIGNOFF_TAIL = re.compile(r"(?:\s|^)[—–-]{1,2}\s*([A-Za-z][A-Za-z&/ .]{0,30}?)\s*\.?$")
_CODE = re.compile(r"^[A-Z][A-Za-z&]{1,12}(?:\s*/\s*[A-Z][A-Za-z&]{1,12})*$")


def is_caption(para: str) -> bool:
    """A photo caption: ends in '(Photo: …)'/'(Ảnh: …)' or starts with 'Photo:'."""
    return bool(_CAPTION.search(fold(para)))


def looks_like_code(s: str, aliases: dict[str, str]) -> bool:
    """An outlet signature on its own: a known alias, or an acronym such as 'VNA' or 'WVR/VNA'."""
    s = s.strip().strip(".")
    return normalise_key(s) in aliases or (bool(_CODE.match(s)) and s.replace("/", "").replace(" ", "").isupper())


def is_headline_like(para: str) -> bool:
    """A title line: short and without sentence-final punctuation."""
    return len(para.split()) <= 25 and not para.rstrip().endswith((".", "!", "?", ";", ":"))


@dataclass
class ParsedArticle:
    paragraphs: list[str]
    kinds: list[str]                      # boilerplate kind per paragraph, "" for content
    title: str = ""
    title_source: str = ""
    header_date: date | None = None
    dateline: str = ""
    signatures: list[str] = field(default_factory=list)


_DATELINE = re.compile(r"^([A-ZÀ-Ỹ][A-ZÀ-Ỹ .,'’-]{1,40}?)\s*(?:\(([^)]{1,30})\))?\s*[—–-]{1,2}\s+")
_LEAD_BYLINE = re.compile(r"^([A-Za-z][A-Za-z&]{1,12}(?:\s*/\s*[A-Za-z][A-Za-z&]{1,12})*)\s*[—–-]{1,2}\s+")


def parse_article(text: str, aliases: dict[str, str]) -> ParsedArticle:
    """Split ``text`` into paragraphs and classify each as content or a kind of
    boilerplate: ``header``, ``headline``, ``repeated_headline``, ``caption``,
    ``related_links``, ``signature``, ``byline``.

    ``aliases`` maps a normalised outlet alias to its code (see
    :func:`analysis.corpus.outlet_aliases`); it is used to recognise sign-offs.
    """
    paras = split_paragraphs(text)
    kinds = [""] * len(paras)
    art = ParsedArticle(paras, kinds)
    i = 0
    if paras and _HEADER.match(paras[0]):
        art.header_date = parse_header(paras[0])
        kinds[0] = "header"
        i = 1
    if i < len(paras) and is_headline_like(paras[i]) and i + 1 < len(paras):
        art.title, art.title_source = paras[i], "headline"
        kinds[i] = "headline"
    title_key = normalise_key(art.title) if art.title else None

    in_related = False
    for j, p in enumerate(paras):
        if kinds[j]:
            continue
        key = normalise_key(p)
        src = _SOURCE_LINE.match(fold(p))
        if in_related:
            if src:
                kinds[j] = "signature"
                art.signatures.append(p)
                in_related = False
            elif is_headline_like(p) or looks_like_code(p, aliases):
                kinds[j] = "related_links"
            else:
                in_related = False
        if kinds[j]:
            continue
        if _RELATED_HEAD.match(key):
            kinds[j], in_related = "related_links", True
        elif title_key and key == title_key:
            kinds[j] = "repeated_headline"
        elif is_caption(p):
            kinds[j] = "caption"
        elif src or (looks_like_code(p, aliases) and len(p.split()) <= 4):
            kinds[j] = "signature"
            art.signatures.append(p)
        elif _BYLINE.match(fold(p)) and len(p.split()) <= 8:
            kinds[j] = "byline"

    content = [j for j, k in enumerate(kinds) if not k]
    if content:
        first = paras[content[0]]
        by = _LEAD_BYLINE.match(first)
        if by and (normalise_key(by.group(1)) in aliases or "/" in by.group(1)):
            art.signatures.insert(0, by.group(1))        # "WVR/VNA - On November 17, ..."
        else:
            place, agency = dateline_of(first)
            art.dateline = place
            if agency and (looks_like_code(agency, aliases) or _AGENCY.fullmatch(agency.strip())):
                art.signatures.insert(0, agency)         # "HANOI (VNA) - ..."
        tail = _SIGNOFF_TAIL.search(paras[content[-1]])
        if tail and looks_like_code(tail.group(1), aliases):
            art.signatures.append("— " + tail.group(1).strip())
        if not art.title:
            art.title = lead_title(paras[content[0]], art.dateline)
            art.title_source = "lead"
    return art


_DATELINE_MIXED = re.compile(rf"^([A-Z][A-Za-z .'-]{{1,30}}),\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*"
                             r"(?:\(([^)]{1,30})\))?\s*[—–-]{1,2}\s+")


_AGENCY = re.compile(r"[A-Z][A-Za-z&/.]*(?: [A-Z][A-Za-z&/.]*){0,2}")


def dateline_of(lead: str) -> tuple[str, str]:
    """The dateline place (and agency in brackets) at the start of a lead:
    ``BANGKOK —``, ``HÀ NỘI —``, ``HANOI (VNA) -``, ``Hanoi, March 12 (VNA) -``.
    Returns ``("", "")`` when the lead has none."""
    m = _DATELINE.match(lead)
    if m and m.group(1).strip(" ,").isupper() and len(m.group(1).strip(" ,")) >= 3:
        return m.group(1).strip(" ,"), m.group(2) or ""
    m = _DATELINE_MIXED.match(fold(lead))  # folded: "Hà Nội, March 3 (VNA) –"
    if m:
        return lead[m.start(1):m.end(1)].strip(), m.group(3) or ""
    return "", ""


def lead_title(lead: str, dateline: str = "") -> str:
    """A stand-in title: the lead's first sentence without the dateline, cut at 14 words."""
    text = lead
    if dateline:
        m = _DATELINE.match(lead) or _DATELINE_MIXED.match(fold(lead))
        text = lead[m.end():] if m else lead
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    ws = first.split()
    return " ".join(ws[:14]) + (" …" if len(ws) > 14 else "")
