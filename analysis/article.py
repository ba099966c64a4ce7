"""Parsing one article file: paragraphs, header date, headline, dateline,
outlet signature and boilerplate.

Everything here works on one article's text and returns plain Python values; the
folder-level tables are built in :mod:`analysis.corpus`. The rules describe the
*shapes* news sites and press offices use, not particular articles:

- an export header `` date 2024-03-12 VIETNAM, March 12 -`` (whatever follows it
  on the same line becomes a paragraph of its own), a page date line
  (``Thursday, March 12, 2024 | 09:15 GMT+7``, ``05/28/2021 03:00``);
- a headline line (short, no sentence-final punctuation), possibly below
  short page labels (``Readout``, ``Print article``);
- datelines ``BANGKOK —``, ``HÀ NỘI —``, ``HANOI (VNA) -``, ``Hanoi, March 3 (VNA) –``,
  ``TOKYO, Jan 5 (Reuters) -``, ``WASHINGTON:``; lead prefixes ``WVR/VNA -``,
  ``VGP –``, ``(VOVWORLD) -``;
- sign-offs ``— VNS``, ``./.``, a closing ``VNA``, ``(Source: WVR/VNA)``,
  ``Source: VnExpress``, the State Department's "The below is attributable to
  Spokesperson …";
- photo captions ``(Photo: VNA)``, ``Photo: VnExpress/Giang Huy``, ``… Photo by X``,
  ``VNA/VNS Photo``, ``(AP Photo/Name)``, ``(VNA/Nguyen Khang)``, position markers
  ``(R)``/``(L)``, a trailing ``|``;
- related-link blocks (``TIN LIÊN QUAN``, ``Related news``, ``Read more:``, ``>> …``),
  bylines and editor credits (``By Jane Doe``, ``Trans. by …``, ``(MH)``), and page
  furniture (``Tags: …``, ``Share this article``, ``Follow us on …``, ``© …``).

Every per-paragraph test is one precompiled regular expression on the
diacritic-folded paragraph (:func:`analysis.text.fold` keeps offsets), so
parsing stays linear in the text: no loops over pattern lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .text import fold, normalise_key, squash

# --------------------------------------------------------------------------- paragraphs
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
    if len(block) < 2 or width > 100 or width < 30:
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
        for i, line in enumerate(block):
            if i and not block[i - 1].endswith(_END_PUNCT) and line[:1].islower():
                paras[-1] = f"{paras[-1]} {line}"
            else:
                paras.append(line)
    return paras


# --------------------------------------------------------------------------- header and dates
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTH_NC = _MONTH.replace("(", "(?:", 1)
_FULL_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+((?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

# " date 2024-03-12 VIETNAM, March 12 -" (the country/month-day part is optional;
# a partial "date 2023-09" gives a year and month only)
_HEADER = re.compile(rf"^\s*date\s+((?:19|20)\d\d-\d\d(?:-\d\d)?)\b"
                     rf"(?:\s*[A-Z][A-Z .'-]{{1,30}},\s*{_MONTH_NC}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*-+)?\s*", re.I)
# a page line "VIETNAM, May 14 -" standing alone
_COUNTRY_DAY = re.compile(rf"^[A-Z][A-Z .'-]{{1,30}},\s*{_MONTH_NC}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*-+$")
# a page date / time stamp line: "January 6, 2020", "Sunday, July 20, 2025",
# "October 05, 2023 7:14 PM GMT+7", "05/28/2021 03:00", "April 21, 2022 | 08:31",
# "16:22 JST, April 29, 2025", "Thứ Ba, 12/03/2024 09:15 (GMT+7)", "Hanoi, 12 March 2024",
# "Published: March 12, 2024", "2024-03-12"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)"
_TIME = (r"\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:gmt|utc|ict|jst|kst|est|edt|et|pt|pst|pdt|cet)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?")
_NUM_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d"
_TEXT_DATE = (rf"{_MONTH_NC}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
              rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NC},?\s+(?:19|20)\d\d")
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|last updated|posted|date|ngay)\s*(?:on|at)?\s*:?\s*)?"
    rf"(?:[a-z]+(?: [a-z]+)?,\s*(?=\d|{_MONTH_NC}\s*\d))?"
    rf"(?:{_WEEKDAY},?\s*)?(?:{_TIME}\s*[,|-]?\s*)?(?:{_NUM_DATE}|{_TEXT_DATE})"
    rf"(?:\s*[,|-]?\s*(?:at\s*)?{_TIME})?\s*[|,.]?$", re.I)
_NUM_PARTS = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d)")


def parse_header(line: str) -> date | None:
    """The export header `` date 2024-03-12 VIETNAM, March 12 -`` -> its date
    (None for anything else, or a partial ``date 2023-09``)."""
    m = _HEADER.match(fold(line))
    if not m or len(m.group(1)) != 10:
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


def _date_line_readings(para: str) -> list[date]:
    """The possible dates of a page date line: one, or two for an ambiguous
    numeric date (day-first reading first); [] when ``para`` is no date line."""
    folded = fold(para).strip()
    if len(folded) > 80 or not _DATE_LINE.match(folded):
        return []
    found = full_dates(folded)
    if found:
        return [found[0][0]]
    m = _NUM_PARTS.search(folded)
    if not m:
        return []
    if m.group(4):
        d = _safe_date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        return [d] if d else []
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return [d for d in dict.fromkeys((_safe_date(y, b, a), _safe_date(y, a, b))) if d]


def date_line(para: str) -> date | None:
    """The date of a page date/time-stamp line (see ``_DATE_LINE``), else None.

    Numeric dates are read day-first (``12/03/2024`` = 12 March, the Vietnamese
    convention) unless that is impossible (``05/28/2021`` = 28 May);
    :func:`parse_article` prefers the month-first reading of an ambiguous one
    when the lead's month-day points to it."""
    readings = _date_line_readings(para)
    return readings[0] if readings else None


def infer_date(lead: str, body: str) -> tuple[date | None, str]:
    """Date of the event an article reports, from its text, and the evidence.

    The event date is the lead's first date mention (a wire dateline
    "TOKYO, Jan 5 (Reuters) -" is one).
    1. A full date ("On November 17, 2022, …") is taken as it is.
    2. A month-day ("On November 17, in Bangkok …") gets its year from
       the full dates the article cites elsewhere: of the years those dates
       suggest (each cited year and the one after, for a January article citing
       December), the one whose event date lies closest after the cited dates.
    3. With no full date cited, the year most often named in the article.
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
        return (d, f"{md.group(0)} + most cited year {year}") if d else (None, "")
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


# --------------------------------------------------------------------------- boilerplate shapes
# (all matched on folded text; see the module docstring for examples)
_CAPTION_TAIL = re.compile(
    # a bracketed credit at the end: "(Photo: VNA)", "(AP Photo/Tran Van Minh, File)", "(Ảnh: TTXVN)"
    r"\((?:[^()]{0,30}\b)?(?:photos?|images?|foto|pictures?|pic|illustration|video|graphics?|anh\s*:)\b[^()]{0,80}\)\s*[.|]?\s*$"
    # a credit closing the caption: "… Photo: VGP", "… Photo by VnExpress/Giang Huy", "Photo courtesy of …"
    r"|(?:^|[\s.])(?:photos?|file photo|image|video|anh)\s*(?::|by\b|courtesy\b(?: of)?|credit\s*:)\s*[^.!?]{1,60}[.|]?\s*$"
    # "… VNA/VNS Photo", "— VNA/VNS Photo Tran Duc"
    r"|(?:^|\s)[A-Z][A-Za-z&]*(?:/[A-Z][A-Za-z&]*)+ Photo(?: [A-Z][a-z]+){0,3}\s*\.?\s*$"
    # a picture label "Headline - Ảnh 1."
    r"|\s-\s*(?:anh|photo|image)\s*\d+\s*\.?$"
    # a photographer credit in brackets: "(VNA/Nguyen Khang)", "(Xinhua/Li Ming)"
    r"|\([A-Z]{2,8}/[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}\)\s*\.?\s*$"
    # a trailing pipe, as Hanoi Times and VOV set captions: "… Knapper. |"
    r"|\s\|$", re.I)
_CAPTION_HEAD = re.compile(
    # a credit line or a caption that starts with one: "Photo: VnExpress/Giang Huy", "(Photo) …", "PHOTO: …"
    r"\(?\s*(?:photos?|file photo|illustration photo|anh|image|foto|video|graphics?|illustration)\s*\)?\s*[:|]"
    r"|\((?:photos?|illustration|file photo)\)", re.I)
# position markers "(R)", "(L)", "(second, left)": photo captions, not prose
_POSITION = re.compile(
    r"\((?:L|R|C|[Ll]eft|[Rr]ight|[Cc]ent(?:re|er)|[Mm]iddle|[Ff]ront|(?:first|second|third|fourth|1st|2nd|3rd|4th),? "
    r"(?:from )?(?:left|right)|from (?:left|right))\)")
# a photographer credit alone: "Masamine Kawaguchi/The Yomiuri Shimbun"
_CREDIT_LINE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\s*/\s*(?:The )?[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3}$")
_TAIL_HINT = re.compile(r"[)|]\s*\.?\s*$|\d\s*\.?$|(?i:photo|image|video|anh)")
_RELATED_HEAD = re.compile(
    r"^(?:>+\s*)?(?:tin lien quan|tin khac|tin cung chuyen muc|bai lien quan|xem them|doc them|"
    r"related(?: news| articles?| stories| posts| content| links| topics)?|read more|read also|also read|see also|"
    r"see more|more news|more stories|more articles|other news|others|most read|most popular|latest news|"
    r"latest articles|latest|you may (?:also )?like|you might (?:also )?like|you may be interested(?: in)?|"
    r"recommended(?: for you)?|must read|editor'?s picks?|top stories|trending)\s*:?\s*$")
# one related link on its own line: ">> …", ">>> …", "» …", "Read more: …", "Related: …"
_RELATED_ITEM = re.compile(r"^(?:>{1,3}|»|→)\s*\S|^(?:read more|related|see also|xem them|doc them|also read|read also)\s*:\s*\S")
_LIST_ITEM = re.compile(r"^(?:[-•*·▪◦]|\d{1,2}[.)])\s+\S")
_FOOTER = re.compile(
    r"^(?:tags?|keywords?|topics?|tu khoa|chu de)\s*:"
    r"|^(?:share|share this(?: article| story| post| page)?|share on \w+|print|print article|print page|email|e-mail|"
    r"comments?|feedback|back to top|top|tweet|save|copy link|advertisement|advertising|sponsored|loading\W*|"
    r"skip to content|submit release|newsfrom japan|news from japan|listen|font size|-*\s*ends?\s*-*)\s*:?\s*$"
    r"|^(?:follow|like|join|subscribe to) us\b|^follow \w+(?: \w+){0,4} on (?:facebook|twitter|x|google news|telegram|zalo|youtube|instagram|linkedin)\b"
    r"|^(?:©|\(c\)|copyright\b)"
    r"|^(?:leave a reply|leave a comment|please enter your (?:comment|name)|your email address will not be published|post a comment|no comments)"
    r"|^(?:to read more|continue reading|read full|view in full|click here|read the full|subscribe\b)"
    r"|^/?public release\b|^this (?:post|article|story) (?:was )?(?:originally )?(?:published|appeared)\b"
    r"|^moi quy doc gia\b|^back to \w|^your browser does(?:n'?t| not) support")
# what a copyright line says around the owner's name: "© 2024 Hanoi Times. All rights reserved."
_COPYRIGHT = re.compile(r"©|\((?i:c)\)|(?i:copyright)|(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?|(?i:all rights reserved)")
_SOURCE_LINE = re.compile(r"^\(?\s*(?:(?:source|sources|nguon)\s*:|theo\s)\s*([^)]+?)\s*\)?\.?$", re.I)
_BYLINE = re.compile(
    r"^(?i:by|story by|text by|words by|reported by|written by|story and photos? by|photos? and story by|"
    r"bai(?: va anh)?|tin(?: va anh)?|text|reporter|author|story)\s*:?\s+(?:by\s+)?[A-Z](?:[^.!?]|(?<=\b[A-Z])\.){0,120}$"
    r"|^(?i:trans(?:lated)?\.?|compiled|edited|adapted|reporting|additional reporting|writing|editing)\s+(?i:by)\b"
    r"|^(?:[\w&.]+ ){0,12}(?i:contributed (?:to )?(?:this |the )?(?:report|reporting|story))\.?$"
    r"|^[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,4},\s*(?:[\w&.]+\s){0,3}(?i:staff (?:writer|reporter)|correspondent|"
    r"contributing (?:writer|editor)|reporter|editor|contributor)s?\b(?: (?:in|to|for|at|based in) [A-Z][\w ]{0,30})?$")
# the outlet named in a byline: "Kentaro Iwamoto, Nikkei staff writer"
_BYLINE_OUTLET = re.compile(r",\s*((?:[\w&.]+\s){0,3}?)(?i:staff|correspondent|contributing|reporter|editor|contributor)")
_INITIALS = re.compile(r"^\(\s*[A-Z]{1,4}(?:\s*[/,-]\s*[A-Z]{1,4})*\s*\)$|^[A-Z]{2}$")
_ATTRIBUTION = re.compile(r"^(?:the (?:below|following) is attributable to|attributable to|as stated by)\b.{0,80}"
                          r"\bspokes(?:person|man|woman)\b", re.I)
_SIGNOFF_TAIL = re.compile(r"(?:\s|^)[—–-]{1,2}\s*([A-Za-z][A-Za-z&/ .]{0,30}?)\s*\.?$")
_PAREN_TAIL = re.compile(r"[.!?\"”’]\s*\(\s*([A-Za-z][A-Za-z&/ .]{1,30}?)\s*\)\s*\.?$")
_VNA_END = re.compile(r"\s*\.?\s*/\s*\.\s*$")  # VNA's "./." end mark
_CODE = re.compile(r"^[A-Z][A-Za-z&.]{1,12}(?:\s*/\s*[A-Z][A-Za-z&.]{1,12})*$")


def is_caption(para: str) -> bool:
    """A photo caption or credit line (see ``_CAPTION_HEAD``, ``_CAPTION_TAIL``,
    ``_POSITION``, ``_CREDIT_LINE``), at most 60 words. Cheap tests guard the
    costlier searches."""
    if para.count(" ") >= 60:
        return False
    folded = fold(para)
    # the end-anchored shapes are searched in the last 170 characters only
    tail = folded[-170:]
    if len(folded) > 170:
        tail = tail[tail.find(" "):]
    return bool(_CAPTION_HEAD.match(folded)
                or (_TAIL_HINT.search(tail) and _CAPTION_TAIL.search(tail))
                or ("(" in folded and _POSITION.search(folded))
                or ("/" in folded and _CREDIT_LINE.match(folded)))


def looks_like_code(s: str, aliases: dict[str, str]) -> bool:
    """An outlet signature on its own: a known alias, or an acronym such as 'VNA' or 'WVR/VNA'."""
    s = s.strip().strip(".").strip("()=—–- ").strip()
    return normalise_key(s) in aliases or (bool(_CODE.match(s)) and s.replace("/", "").replace(" ", "").replace(".", "").isupper())


_CLOSERS = "\"'”’»)]"


def is_headline_like(para: str) -> bool:
    """A title line: at most 25 words and no sentence-final punctuation
    (closing quotes and brackets are looked through)."""
    return len(para.split()) <= 25 and not para.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?", ";", ":"))


@dataclass
class ParsedArticle:
    paragraphs: list[str]
    kinds: list[str]                      # boilerplate kind per paragraph, "" for content
    title: str = ""
    title_source: str = ""
    header_date: date | None = None
    dateline: str = ""
    signatures: list[str] = field(default_factory=list)
    header_line: str = ""                 # the line header_date was read from
    header_month: str = ""                # "YYYY-MM" of a partial export header


# --------------------------------------------------------------------------- datelines
_SEP = r"(?:\s*-{1,3}\s+|\s*-{2,3}\s*|\s*:\s+)"
_DL_CAPS = re.compile(rf"^([A-Z][A-Z .,'/-]{{1,40}}?)(?:\s*\(([^)]{{1,30}})\)\s*(?:-{{1,3}}|:)\s*|{_SEP})(?=\S)")
_DL_DATE = re.compile(rf"^([A-Z][A-Za-z .'/-]{{1,30}}),\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*"
                      r"(?:\(([^)]{1,30})\))?\s*(?:-{1,3}|:)\s*(?=\S)")
_DL_AGENCY = re.compile(r"^([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})\s*\(([^)]{1,30})\)\s*(?:-{1,3}|:)\s*(?=\S)")
_DL_COUNTRY = re.compile(r"^([A-Z][A-Z .'/-]{2,30}),\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*(?:\(([^)]{1,30})\))?\s*-{1,3}\s+")
_LEAD_BYLINE = re.compile(r"^([A-Za-z][A-Za-z&.]{1,12}(?:\s*/\s*[A-Za-z][A-Za-z&.]{1,12})*)\s*-{1,3}\s*(?=\S)")
_LEAD_AGENCY = re.compile(r"^\(\s*([A-Za-z][A-Za-z&./ ]{1,20}?)\s*\)\s*-{1,3}\s*(?=\S)")
_AGENCY = re.compile(r"[A-Z][A-Za-z&/.]*(?: [A-Z][A-Za-z&/.]*){0,2}")


def _dateline_match(lead: str) -> tuple[str, str, int]:
    """(place, agency, end offset) of the dateline at the start of ``lead``."""
    folded = fold(lead)
    m = _DL_CAPS.match(folded)
    if m:
        place = m.group(1).strip(" ,")
        if place.isupper() and sum(c.isalpha() for c in place) >= 3:
            return lead[:len(place)].strip(), m.group(2) or "", m.end()
    for pat, agency_group in ((_DL_DATE, 3), (_DL_AGENCY, 2), (_DL_COUNTRY, 2)):
        m = pat.match(folded)
        if m:
            return lead[m.start(1):m.end(1)].strip(), m.group(agency_group) or "", m.end()
    return "", "", 0


def dateline_of(lead: str) -> tuple[str, str]:
    """The dateline place (and agency in brackets) at the start of a lead:
    ``BANGKOK —``, ``HÀ NỘI —``, ``HANOI (VNA) -``, ``HANOI/WASHINGTON (Reuters) -``,
    ``Hanoi, March 12 (VNA) -``, ``TOKYO, Jan 5 (Reuters) -``, ``Tokyo (VNA) -``,
    ``HANOI, Vietnam —``, ``WASHINGTON:``. An upper-case place needs at least
    three letters; a mixed-case one needs a date or an agency in brackets.
    Returns ``("", "")`` when the lead has none."""
    place, agency, _ = _dateline_match(lead)
    return place, agency


def _lead_prefix(lead: str, aliases: dict[str, str]) -> tuple[str, int]:
    """An outlet credit opening the lead ("WVR/VNA - ", "VGP – ", "(VOVWORLD) - ")
    and where the text after it starts; ``("", 0)`` when there is none."""
    folded = fold(lead)
    m = _LEAD_BYLINE.match(folded)
    if m and (normalise_key(m.group(1)) in aliases or "/" in m.group(1)):
        return lead[m.start(1):m.end(1)], m.end()
    m = _LEAD_AGENCY.match(folded)
    if m and looks_like_code(m.group(1), aliases):
        return lead[m.start(1):m.end(1)], m.end()
    return "", 0


_LEAD_JUNK = re.compile(r"^(?:[-–—•*]+\s*|\(?\d{1,2}[.)]\s+)")


def lead_title(lead: str) -> str:
    """A stand-in title: the lead's first sentence without its dateline, outlet
    prefix, opening dash or list number, cut at 14 words."""
    from .sentences import sentence_spans

    text = lead
    _, _, end = _dateline_match(text)
    if end:
        text = text[end:]
    m = _LEAD_BYLINE.match(fold(text)) or _LEAD_AGENCY.match(fold(text))
    if m and m.group(1).replace("/", "").replace(" ", "").isupper():
        text = text[m.end():]
    text = _LEAD_JUNK.sub("", text.strip())
    spans = sentence_spans(text)
    first = text[spans[0][0]:spans[0][1]] if spans else text
    ws = first.split()
    return " ".join(ws[:14]) + (" …" if len(ws) > 14 else "")


# --------------------------------------------------------------------------- the article
def _pick_reading(readings: list[date], content: list[str]) -> date:
    """Of two readings of "07/12/2025", the one within a week after the first
    month-day the article's content names ("on July 11"); else the first."""
    if len(readings) > 1:
        for m in _MONTH_DAY.finditer(" ".join(content[:3])):
            month, day = (_month(m.group(1)), int(m.group(2))) if m.group(1) else (_month(m.group(4)), int(m.group(3)))
            for d in readings:
                ref = _safe_date(d.year, month, day)
                if ref and 0 <= (d - ref).days <= 7:
                    return d
    return readings[0]


def _split_header(paras: list[str]) -> tuple[list[str], date | None, str, str]:
    """Cut an export header off the first paragraph: ``(paragraphs, date,
    header line, YYYY-MM of a partial header)``. Whatever follows the header on
    its line (a headline, a caption, the lead) becomes the next paragraph."""
    if not paras:
        return paras, None, "", ""
    m = _HEADER.match(fold(paras[0]))
    if not m:
        return paras, None, "", ""
    head, rest = paras[0][:m.end()].strip(), paras[0][m.end():].strip()
    d = parse_header(head)
    month = m.group(1)[:7] if d is None else ""
    return ([head, rest] if rest else [head]) + paras[1:], d, head, month


def _classify(p: str, aliases: dict[str, str]) -> tuple[str, str]:
    """(kind, signature) of one paragraph read on its own; kind "" = content.
    Order matters: furniture before captions (a "(C) 2024" line), captions
    before signatures, signatures before bylines."""
    folded = fold(p)                   # paragraphs come squashed from split_paragraphs
    key = folded.lower()
    n_words = p.count(" ") + 1
    if n_words <= 25 and (_COUNTRY_DAY.match(folded) or date_line(p)):
        return "header", ""
    if _RELATED_HEAD.match(key) or _RELATED_ITEM.match(key):
        return "related_links", ""
    if n_words <= 30 and (_FOOTER.match(key) or "all rights reserved" in key):
        owner = _COPYRIGHT.sub("", folded).strip(" .,")
        return "footer", (owner if normalise_key(owner) in aliases else "")
    if is_caption(p):
        return "caption", ""
    # a credit line is short; a long paragraph that opens "Source: ..." is prose
    src = _SOURCE_LINE.match(folded) if n_words <= 12 else None
    if src:
        return "signature", p
    bare = p.strip().strip(".").strip()
    if _INITIALS.match(bare) and normalise_key(bare.strip("()")) not in aliases:
        return "byline", ""                                  # editor initials "(MH)"
    if n_words <= 5 and looks_like_code(p, aliases):
        return "signature", p
    if _ATTRIBUTION.match(folded):
        return "byline", "Office of the Spokesperson"
    unwrapped = folded.strip().strip("()").strip()
    if n_words <= 20 and _BYLINE.match(unwrapped):
        m = _BYLINE_OUTLET.search(unwrapped)
        return "byline", (m.group(1).strip() if m and normalise_key(m.group(1)) in aliases else "")
    return "", ""


def parse_article(text: str, aliases: dict[str, str]) -> ParsedArticle:
    """Split ``text`` into paragraphs and classify each as content or a kind of
    boilerplate: ``header`` (export header, page date line, page labels above
    the headline), ``headline``, ``repeated_headline``, ``caption``,
    ``related_links``, ``signature``, ``byline`` (bylines, editor credits,
    spokesperson attributions) or ``footer`` (tags, share/follow prompts,
    copyright, comment forms, disclaimers).

    Steps: (1) each paragraph on its own (:func:`_classify`); lines after a
    related-links head that look like headlines or list items stay related
    links; (2) the headline: the first content paragraph when it is headline-like
    and more text follows, skipping short page labels (at most 3 words, e.g.
    "Readout") above a longer headline-like line; short labels between the
    headline and the lead are ``header`` too; a paragraph that opens with a
    dateline or an outlet prefix is a lead, never a headline; (3) copies of the
    headline; (4) outlet signatures from the lead prefix, the dateline agency,
    sign-off lines and a closing "— VNS"/"(VNA)"/"./." of the last paragraph.
    An unknown acronym line ("POLITICS") above the lead is a page label, not a
    signature.

    ``aliases`` maps a normalised outlet alias to its code (see
    :func:`analysis.corpus.outlet_aliases`); it is used to recognise sign-offs.
    """
    paras, header_date, header_line, header_month = _split_header(split_paragraphs(text))
    kinds = [""] * len(paras)
    sigs: list[tuple[int, str]] = []
    start = 0
    if header_line:
        kinds[0], start = "header", 1

    in_related = False
    for j in range(start, len(paras)):
        p = paras[j]
        if in_related:
            if _SOURCE_LINE.match(fold(p)) or normalise_key(p.strip("()=—–-. ")) in aliases:
                in_related = False                           # the sign-off closing the page
            elif is_headline_like(p) or _LIST_ITEM.match(p) or looks_like_code(p, aliases):
                kinds[j] = "related_links"
                continue
            else:
                in_related = False
        kind, sig = _classify(p, aliases)
        kinds[j] = kind
        if sig:
            sigs.append((j, sig))
        if kind == "related_links" and _RELATED_HEAD.match(squash(fold(p)).lower()):
            in_related = True

    art = ParsedArticle(paras, kinds, header_date=header_date, header_line=header_line, header_month=header_month)
    if header_date is None:
        for j, k in enumerate(kinds):
            # a page date line, or a byline carrying the date ("By Jane Doe | March 12, 2024")
            readings = (_date_line_readings(paras[j]) if k == "header" else
                        [d for d, _ in full_dates(fold(paras[j]))][:1] if k == "byline" else [])
            if readings:
                art.header_date, art.header_line = _pick_reading(readings, [p for p, k in zip(paras, kinds) if not k]), paras[j]
                break

    # (2) the headline
    open_ = [j for j, k in enumerate(kinds) if not k]
    lead_at = None
    run: list[int] = []
    for j in open_:
        p = paras[j]
        if is_headline_like(p) and not _dateline_match(p)[2] and not _lead_prefix(p, aliases)[0]:
            run.append(j)
            if len(run) >= 6:
                break
            continue
        lead_at = j
        break
    if run and (lead_at is not None or len(run) > 1):
        labels = [j for j in run if len(paras[j].split()) <= 3]
        longer = [j for j in run if j not in labels]
        head = longer[0] if longer and (lead_at is not None or longer[0] != run[-1]) else None
        if head is None:
            head = run[0] if lead_at is not None or len(run) > 1 else None
        if head is not None:
            kinds[head] = "headline"
            art.title, art.title_source = paras[head], "headline"
            for j in labels:
                if j != head:
                    kinds[j] = "header"
    # (3) copies of the headline
    if art.title:
        title_key = normalise_key(art.title)
        for j in open_:
            if not kinds[j] and normalise_key(paras[j]) == title_key:
                kinds[j] = "repeated_headline"

    # (4) signatures; page furniture above the text is "header", below it "footer"
    content = [j for j, k in enumerate(kinds) if not k]
    first = content[0] if content else len(paras)
    for j in range(first):
        if kinds[j] == "footer":
            kinds[j] = "header"
    for j, sig in sigs:
        if kinds[j] == "signature" and j < first and normalise_key(sig.strip("() .")) not in aliases \
                and not _SOURCE_LINE.match(fold(sig)):
            kinds[j] = "header"                              # a page label such as "POLITICS"
            continue
        art.signatures.append(sig)
    if content:
        lead = paras[content[0]]
        prefix, _ = _lead_prefix(lead, aliases)
        if prefix:
            art.signatures.insert(0, prefix)                 # "WVR/VNA - On November 17, ..."
        else:
            place, agency = dateline_of(lead)
            art.dateline = place
            if agency and (looks_like_code(agency, aliases) or _AGENCY.fullmatch(agency.strip())):
                art.signatures.insert(0, agency)             # "HANOI (VNA) - ..."
        last = _VNA_END.sub("", paras[content[-1]])
        tail = _SIGNOFF_TAIL.search(last) or _PAREN_TAIL.search(last)
        if tail and looks_like_code(tail.group(1), aliases):
            art.signatures.append("— " + tail.group(1).strip())
        if not art.title:
            art.title = lead_title(lead)
            art.title_source = "lead"
    return art


def article_date(art: ParsedArticle, content: list[str]) -> tuple[date | None, str, str]:
    """``(date, date_source, evidence)`` of a parsed article: the export header or
    page date line (``header``); else the lead's date, with the year inferred
    (``text``, see :func:`infer_date`), where a partial export header
    ``date 2023-09`` supplies the year of a September month-day; else
    ``(None, "missing", "")``."""
    if art.header_date:
        return art.header_date, "header", art.header_line
    if content:
        body = "\n".join(content)
        if art.header_month:
            body = f"{body}\n{_partial_header_date(art.header_month)}"
        d, evidence = infer_date(content[0], body)
        if d:
            return d, "text", evidence
    return None, "missing", ""


def _partial_header_date(month: str) -> str:
    """'2023-09' -> 'September 1, 2023', a cited date for year inference."""
    y, m = int(month[:4]), int(month[5:7])
    names = [k for k, v in MONTHS.items() if v == m]
    return f"{max(names, key=len).title()} 1, {y}" if 1 <= m <= 12 else ""
