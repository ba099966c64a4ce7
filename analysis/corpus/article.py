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

from ..text import fold, normalise_key, squash
from .boilerplate import (
    _BARE_TAIL,
    _BULLETS,
    _LIST_ITEM,
    _PAREN_TAIL,
    _RELATED_HEAD,
    _SIGNOFF_TAIL,
    _SOURCE_LINE,
    _VNA_END,
    _classify,
    is_headline_like,
    known_signature,
    looks_like_code,
    outlet_date_line,
)
from .dates import _HEADER, _MONTH, _date_line_readings, _pick_reading, full_dates, parse_header
from .paragraphs import split_paragraphs


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
    header_source: str = ""               # "header" (export header), "date_line" or "byline"
    furniture: list[str] = field(default_factory=list)   # page lines above the headline or lead
    lead_offset: int = 0                  # where the lead's text starts after its dateline or outlet prefix
    dateline_day: str = ""                # the month-day a dateline carries ("Jan 5" of "TOKYO, Jan 5 (Kyodo) --")


# --------------------------------------------------------------------------- datelines
_SEP = r"(?:\s*-{1,3}\s+|\s*-{2,3}\s*|\s*:\s+)"
_DL_CAPS = re.compile(rf"^([A-Z][A-Z .,'/-]{{1,40}}?)(?:\s*\(([^)]{{1,30}})\)\s*(?:-{{1,3}}|:)\s*|{_SEP})(?=\S)")
_DL_DATE = re.compile(rf"^([A-Z][A-Za-z .'/-]{{1,30}}),\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*"
                      r"(?:\(([^)]{1,30})\))?\s*(?:-{1,3}|:)\s*(?=\S)")
_DL_AGENCY = re.compile(r"^([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})\s*\(([^)]{1,30})\)\s*(?:-{1,3}|:)\s*(?=\S)")
_DL_COUNTRY = re.compile(r"^([A-Z][A-Z .'/-]{2,30}),\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*(?:\(([^)]{1,30})\))?\s*-{1,3}\s+")
_LEAD_BYLINE = re.compile(r"^([A-Za-z][A-Za-z&.]{1,12}(?:\s*/\s*[A-Za-z][A-Za-z&.]{1,12})*)\s*-{1,3}\s*(?=\S)")
_LEAD_AGENCY = re.compile(r"^\(\s*([A-Za-z][A-Za-z&./ ]{1,20}?)\s*\)\s*-{1,3}\s*(?=\S)")
_DATELINE_DAY = re.compile(rf"^[^,]{{1,40}},\s*({_MONTH}\s+\d{{1,2}})\b")
# an outlet's report label opening the lead: "WNAM REPORT: …", "F.P. Report –" (not a dateline place)
_LEAD_REPORT = re.compile(r"^([A-Z][A-Za-z&.]{1,15}(?: [A-Z][A-Za-z&.]{1,15})?)\s+(?:REPORT|Report)\s*(?::|-{1,3})\s*(?=\S)")
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
    m = _LEAD_REPORT.match(folded)
    if m:
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



# Yonhap's tags on the headlines of other stories: "(LEAD)", "(2nd LD)", "(URGENT)", "(News Focus)"
_WIRE_TAG = re.compile(r"^\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|News Focus|News Analysis|Yonhap Interview|"
                       r"Yonhap Feature|Editorial|Interview|EDITORIAL|AMERICAS|FOCUS)\)\s")
_ALL_CAPS_NAME = re.compile(r"^[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’.-]*){1,3}$")
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg)$", re.I)
_SENTENCE_END = tuple('.!?"”’')


def _shapes_in_context(paras: list[str], kinds: list[str], aliases: dict[str, str]) -> None:
    """Boilerplate that shows only beside its neighbours (in place): a run of at
    least three short list items is site navigation (a menu of provinces, of
    sections); an image file name is a caption; a name in capitals right above
    a dateline lead is a byline ("STELLA YIFAN XIE" / "HONG KONG -- …")."""
    n = len(paras)
    j = 0
    while j < n:
        k = j
        while k < n and not kinds[k] and _LIST_ITEM.match(paras[k]) and len(paras[k].split()) <= 6 \
                and not paras[k].rstrip().endswith(_SENTENCE_END[:3]):
            k += 1
        if k - j >= 3:
            for i in range(j, k):
                kinds[i] = "navigation"
        j = max(k, j + 1)
    for j in range(n):
        if kinds[j]:
            continue
        if _FILE_NAME.match(paras[j].strip()):
            kinds[j] = "caption"
        elif _ALL_CAPS_NAME.match(fold(paras[j]).strip()) and j + 1 < n and _dateline_match(paras[j + 1])[2] \
                and normalise_key(paras[j]) not in aliases:
            kinds[j] = "byline"


def _shapes_after_headline(paras: list[str], kinds: list[str]) -> None:
    """Boilerplate read once the headline is known (in place):

    - a copy (or the start) of a neighbouring caption is a caption;
    - a short title line between two paragraphs of text is a section header
      ("With China in mind", "Boosting trade to $150 billion by 2030");
    - other stories' headlines tagged "(LEAD)", "(2nd LD)" … are related links, and
      so are two or more title lines after the last sentence of the text.
    """
    n = len(paras)
    for j in range(n):
        if kinds[j] != "caption":
            continue
        cap = normalise_key(paras[j])
        for i in (j - 1, j + 1):
            if 0 <= i < n and not kinds[i]:
                other = normalise_key(paras[i])
                if len(other) >= 30 and cap.startswith(other.rstrip(". ")):
                    kinds[i] = "caption"
    open_ = [j for j, k in enumerate(kinds) if not k]
    for a, j in enumerate(open_):
        if a == 0 or a == len(open_) - 1:
            continue
        p = paras[j]
        prev, nxt = paras[open_[a - 1]], paras[open_[a + 1]]
        if is_headline_like(p) and len(p.split()) <= 12 and p[:1].isupper() and not _LIST_ITEM.match(p) \
                and prev.rstrip().endswith(_SENTENCE_END) and nxt.rstrip().endswith(_SENTENCE_END) \
                and len(nxt.split()) > 12 and not _dateline_match(p)[2]:
            kinds[j] = "section_header"
    open_ = [j for j, k in enumerate(kinds) if not k]
    for j in open_[1:]:
        if _WIRE_TAG.match(paras[j]) and is_headline_like(paras[j]):
            kinds[j] = "related_links"
    open_ = [j for j, k in enumerate(kinds) if not k]
    ends = [j for j in open_ if paras[j].rstrip().endswith(_SENTENCE_END)]
    if ends:
        trailing = [j for j in open_ if j > ends[-1]]
        if len(trailing) >= 2 and all(is_headline_like(paras[j]) for j in trailing):
            for j in trailing:
                kinds[j] = "related_links"


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

    _shapes_in_context(paras, kinds, aliases)

    art = ParsedArticle(paras, kinds, header_date=header_date, header_line=header_line, header_month=header_month,
                        header_source="header" if header_date else "")
    if header_date is None:
        for j, k in enumerate(kinds):
            # a page date line, an "OUTLET | date" line, or a byline carrying the date ("By Jane Doe | March 12, 2024")
            readings = (_date_line_readings(paras[j].lstrip(_BULLETS)) if k == "header" else
                        [d for d, _ in full_dates(fold(paras[j]))][:1] if k == "byline" else [])
            if not readings and k == "header":
                od = outlet_date_line(paras[j], aliases)
                readings = [od[1]] if od else []
            if readings:
                art.header_date, art.header_line = _pick_reading(readings, [p for p, k in zip(paras, kinds) if not k]), paras[j]
                art.header_source = "date_line" if k == "header" else "byline"
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
    _shapes_after_headline(paras, kinds)

    # (4) signatures; page furniture above the text is "header", below it "footer"
    content = [j for j, k in enumerate(kinds) if not k]
    first = content[0] if content else len(paras)
    top = min([first] + [j for j, k in enumerate(kinds) if k == "headline"])
    art.furniture = paras[:top]
    for j in range(first):
        if kinds[j] == "footer":
            kinds[j] = "header"
    ranked = []
    for j, sig in sigs:
        if kinds[j] == "signature" and j < first and normalise_key(sig.strip("() .")) not in aliases \
                and not _SOURCE_LINE.match(fold(sig)) and not known_signature(sig, aliases):
            kinds[j] = "header"                              # a page label such as "POLITICS"
            continue
        # who wrote it, by how close the credit is to the text: a byline, a dateline on
        # its own line or an "OUTLET | date" line first; sign-offs and source lines next;
        # the site's own name above the text or in its copyright last (a site carries others' copy)
        if kinds[j] in ("byline", "header") or (kinds[j] == "signature" and j < first and "," in sig):
            rank = 1
        elif kinds[j] == "footer" or (kinds[j] == "signature" and j < first):
            rank = 3
        else:
            rank = 2
        ranked.append((rank, j, sig))
    art.signatures.extend(sig for _, _, sig in sorted(ranked))
    if content:
        lead = paras[content[0]]
        prefix, art.lead_offset = _lead_prefix(lead, aliases)
        if prefix:
            art.signatures.insert(0, prefix)                 # "WVR/VNA - On November 17, ..."
        else:
            art.lead_offset = _dateline_match(lead)[2]
            day = _DATELINE_DAY.match(fold(lead)[:art.lead_offset]) if art.lead_offset else None
            art.dateline_day = lead[day.start(1):day.end(1)] if day else ""
            place, agency = dateline_of(lead)
            art.dateline = place
            if agency and (looks_like_code(agency, aliases) or _AGENCY.fullmatch(agency.strip())):
                art.signatures.insert(0, agency)             # "HANOI (VNA) - ..."
        last = _VNA_END.sub("", paras[content[-1]])
        tail = _SIGNOFF_TAIL.search(last) or _PAREN_TAIL.search(last)
        bare = _BARE_TAIL.search(last)
        if tail and looks_like_code(tail.group(1), aliases):
            art.signatures.append("— " + tail.group(1).strip())
        elif bare and normalise_key(bare.group(1)) in aliases:
            art.signatures.append(bare.group(1))          # "… since 1973./. VNA", "… recovery. VNS"
        if not art.title:
            art.title = lead_title(lead)
            art.title_source = "lead"
    return art
