"""Boilerplate shapes of one paragraph: captions, related links, page furniture,
source lines, bylines and sign-offs; :func:`classify` reads a paragraph on its own."""
from __future__ import annotations

import re

from ..text import fold, normalise_key
from .dates import _COUNTRY_DAY, date_line

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
    r"|\s\|$"
    # a copyright credit closing a picture's line: "… Hai Phong port. © Reuters"
    r"|[.!?]\s*(?:©|\(c\))\s*[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3}\s*$", re.I)
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
    r"|^(?:to read more|continue reading|read full|view in full|click here|read the full|subscribe\b|"
    r"you are subscribed\b|you have been subscribed\b|sign up for (?:our|the) newsletter|get our newsletter)"
    r"|^/?public release\b|^this (?:post|article|story) (?:was )?(?:originally )?(?:published|appeared)\b"
    r"|^(?:sponsored content|paid content|partner content|promoted|how can we improve\??|thanks for your feedback!?|"
    r"was this (?:article|story|page) (?:helpful|useful)\??|rate this (?:article|story)|report an error|"
    r"the day in photos|photo gallery|video gallery|most viewed|editor'?s choice)\s*$"
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
_NOT_MONTH = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
_BY_OUTLET = re.compile(rf"^(?i:by)\s+([A-Z][\w&.]*(?:\s+{_NOT_MONTH}[A-Z][\w&.]*){{0,3}}"
                        rf"(?:\s*,\s*{_NOT_MONTH}[A-Z][\w&.]*(?:\s+{_NOT_MONTH}[A-Z][\w&.]*){{0,3}})*)"
                        r"(?=\s*$|\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))")
_INITIALS = re.compile(r"^\(\s*[A-Z]{1,4}(?:\s*[/,-]\s*[A-Z]{1,4})*\s*\)$|^[A-Z]{2}$")
_ATTRIBUTION = re.compile(r"^(?:the (?:below|following) is attributable to|attributable to|as stated by)\b.{0,80}"
                          r"\bspokes(?:person|man|woman)\b", re.I)
_SIGNOFF_TAIL = re.compile(r"(?:\s|^|(?<=[.!?\"”’]))[—–-]{1,2}\s*([A-Za-z][A-Za-z&/ .]{0,30}?)\s*\.?$")
# an outlet's name after the last sentence, with nothing between: "… since 1973./. VNA", "… recovery. VNS"
_BARE_TAIL = re.compile(r"(?:\./\.|[.!?\"”’])\s+([A-Z][A-Za-z&]{1,12})\s*\.?$")
_PAREN_TAIL = re.compile(r"[.!?\"”’]\s*\(\s*([A-Za-z][A-Za-z&/ .]{1,30}?)\s*\)\s*\.?$")
_VNA_END = re.compile(r"\s*\.?\s*/\s*\.\s*$")  # VNA's "./." end mark
_CODE = re.compile(r"^[A-Z][A-Za-z&.]{1,12}(?:\s*/\s*[A-Z][A-Za-z&.]{1,12})*$")


# site navigation: a breadcrumb ("Home > Politics > Diplomacy"), logos, skip links, menu words
_NAV = re.compile(
    r"^(?:home|trang chu)\s*[>»/|›]"
    r"|^(?:[^>»›]{1,40}\s*[>»›]\s*){2,}"
    r"|^(?:(?:skip|go) to (?:the )?(?:top|contents?|navigation|main content|menu|search)\s*)+$"
    r"|^(?:skip (?:to )?(?:navigation|main content|content)|go to top|"
    r"back to top|to top|main menu|menu|search|sign in|log in|login|register|home|next|previous|prev|latest|"
    r"read more|see more|view more|more|languages?|english|tieng viet|chia se|in bai|ban in|countries information|"
    r"close|open|expand|collapse|all news|newsletter|e-paper|epaper)\s*$", re.I)
_LOGO = re.compile(r"\blogo\b", re.I)
# page counters and editor's notes: "Hit : 1690", "Views: 2,345", "(ATTN: UPDATES with …)", "(END)"
_COUNTER = re.compile(r"^(?:hits?|views?|luot xem|reads?)\s*:\s*[\d,.]+$|^\((?:attn|editor'?s note|end)\b[^)]*\)$", re.I)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# a contribution credit: "Some information in this report was provided by The Associated Press and Reuters."
_CREDIT = re.compile(r"^(?:some )?(?:information|material|reporting)(?: in| for)? (?:this|the) (?:report|story|article)\b"
                     r".{0,40}\b(?:provided by|came from|comes from|from)\b", re.I)
# a URL slug or glued widget words standing alone: "korea-offer-20-mln-to-help", "leftcenterrightdel"
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){3,}$|^[a-z]{15,}$")
# numbered section headers: "1. Opening Remarks", "(2) Economic cooperation", "II. Security"
_SECTION = re.compile(r"^(?:\(?\d{1,2}\)|\d{1,2}[.)]|[IVX]{1,4}\.)\s+[A-Z][^.!?;:]{0,60}$")
# captions in the present tense of photo captions, and position words between commas ("X, left, and Y")
_CAPTION_VERB = re.compile(r"\b(?:shakes hands|shake hands|shaking hands|pose for (?:a )?(?:group )?photos?|poses for|"
                           r"posing for|waves|wave to)\b"
                           r"|,\s*(?:left|right|center|centre|front left|front right|front|second left|second right|"
                           r"(?:second|third) from (?:left|right))\s*,"
                           r"|^(?:this|a|the) (?:file |handout )?photo\b|^file photo\b|^(?:photo|picture) shows\b", re.I)
# words a line in English never has: Vietnamese letters with their marks, Hangul, kana, Han
_FOREIGN_CHAR = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                           "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af]")


def is_foreign_line(para: str) -> bool:
    """A short line (at most 30 words) not in English: most of its words carry
    Vietnamese letters or are written in Hangul, kana or Han characters."""
    ws = para.split()
    if not ws or len(ws) > 30:
        return False
    marked = sum(bool(_FOREIGN_CHAR.search(w)) for w in ws)
    return marked * 2 >= len(ws) and marked >= 1 and (marked >= 2 or len(ws) <= 2)


def undoubled(para: str) -> str:
    """A line scraped twice over ("Caption text. (Yonhap) Caption text. (Yonhap)") as once."""
    ws = para.split()
    h = len(ws) // 2
    return " ".join(ws[:h]) if len(ws) >= 8 and len(ws) % 2 == 0 and ws[:h] == ws[h:] else para


def is_caption(para: str) -> bool:
    """A photo caption or credit line (see ``_CAPTION_HEAD``, ``_CAPTION_TAIL``,
    ``_POSITION``, ``_CREDIT_LINE``, ``_CAPTION_VERB``), at most 60 words; a line
    scraped twice over is read once. Cheap tests guard the costlier searches."""
    para = undoubled(para)
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
                or ("/" in folded and _CREDIT_LINE.match(folded))
                or (para.count(" ") < 45 and _CAPTION_VERB.search(folded)))


_BULLETS = "•*·▪◦-–— "


def looks_like_code(s: str, aliases: dict[str, str]) -> bool:
    """An outlet signature on its own: a known alias, an acronym such as 'VNA'
    or 'WVR/VNA', or known aliases joined by commas ("JIJI, Kyodo"), with any
    bullet in front ("• Kyodo")."""
    s = s.strip().strip(".").strip("()=—–- ").lstrip(_BULLETS).strip()
    if normalise_key(s) in aliases:
        return True
    if "," in s or " and " in s:
        parts = [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", s) if p]
        return len(parts) > 1 and all(normalise_key(p) in aliases for p in parts)
    return bool(_CODE.match(s)) and s.replace("/", "").replace(" ", "").replace(".", "").isupper()


# "RFA | 2021-08-26", "MAINICHI | April 28, 2025", "Yonhap 2014/10/02", "Yomiuri Shimbun27-04-2025",
# "All News 16:24 June 23, 2023": a page line naming the outlet (or a section) and the date
_OUTLET_DATE = re.compile(
    r"^(?!(?:By|Posted|Updated|Published)\s)(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}?)\s*[|•·,:-]?\s*(?P<date>(?:\d{1,2}:\d{2}\s+)?"
    r"(?:(?:19|20)\d\d[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d\d)"
    r"(?:\s*[,|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?)\s*$")
# a dateline standing alone: "HANOI, Jan. 16, Kyodo", "SEOUL, Oct. 2 (Yonhap)", "AP, HANOI"
_DATELINE_ALONE = re.compile(
    r"^[A-Z][A-Z .'/-]{2,30},\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"\s*(?:,\s*(?P<a1>[A-Z][\w&. ]{1,30}?)|\(\s*(?P<a2>[^)]{1,30}?)\s*\))\s*[-–—]*$"
    r"|^(?P<a3>[A-Z][\w&.]{1,20}(?: [A-Z][\w&.]{1,20}){0,2}),\s*[A-Z][A-Z .'/-]{2,30}$")


def outlet_date_line(para: str, aliases: dict[str, str]) -> tuple[str, object] | None:
    """``(outlet signature or "", date)`` of an "OUTLET | date" page line, else None."""
    from .dates import full_dates, url_date

    folded = fold(para.strip())
    # "VnExpressVnExpress20/05/2023", "Shimbun27-04-2025": a date glued to the name
    folded = re.sub(r"(?<=[A-Za-z])(?=\d{1,4}[/.-]\d)", " ", folded)
    m = _OUTLET_DATE.match(folded)
    if not m:
        return None
    raw = m.group("date")
    d = (full_dates(raw) or [(None, "")])[0][0]
    if d is None:
        num = re.search(r"((?:19|20)\d\d)[/.-](\d{1,2})[/.-](\d{1,2})|(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)", raw)
        if num and num.group(1):
            d = url_date(f"/{num.group(1)}/{int(num.group(2)):02d}/{int(num.group(3)):02d}/")
        elif num:   # day first, the way most of these pages write it (20/05/2023)
            a, b, y = int(num.group(4)), int(num.group(5)), int(num.group(6))
            d = url_date(f"/{y}/{b:02d}/{a:02d}/") or url_date(f"/{y}/{a:02d}/{b:02d}/")
    if d is None:
        return None
    name = m.group("name").strip()
    # a repeated name ("VnExpressVnExpress") is the name once
    half = len(name) // 2
    if len(name) % 2 == 0 and name[:half] == name[half:]:
        name = name[:half]
    return (name if looks_like_code(name, aliases) else ""), d


def known_signature(sig: str, aliases: dict[str, str]) -> bool:
    """A signature made only of outlets the table knows ("• Kyodo", "JIJI, Kyodo")."""
    s = sig.strip().strip(".").strip("()=—–- ").lstrip(_BULLETS).strip()
    parts = [p for p in re.split(r"\s*(?:,|&|/|\band\b)\s*", s) if p]
    return bool(parts) and all(normalise_key(p) in aliases for p in parts)


def dateline_alone(para: str, aliases: dict[str, str]) -> str:
    """The agency of a dateline standing on its own line ("HANOI, Jan. 16,
    Kyodo", "AP, HANOI"), else ""."""
    m = _DATELINE_ALONE.match(fold(para.strip()))
    if not m:
        return ""
    agency = (m.group("a1") or m.group("a2") or m.group("a3") or "").strip()
    if m.group("a3") and normalise_key(agency) not in aliases:
        return ""
    return agency if looks_like_code(agency, aliases) else ""


_CLOSERS = "\"'”’»)]"


def is_headline_like(para: str) -> bool:
    """A title line: at most 25 words and no sentence-final punctuation
    (closing quotes and brackets are looked through)."""
    return len(para.split()) <= 25 and not para.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?", ";", ":"))



def _classify(p: str, aliases: dict[str, str]) -> tuple[str, str]:
    """(kind, signature) of one paragraph read on its own; kind "" = content.
    Order matters: furniture before captions (a "(C) 2024" line), captions
    before signatures, signatures before bylines."""
    folded = fold(p)                   # paragraphs come squashed from split_paragraphs
    key = folded.lower()
    n_words = p.count(" ") + 1
    bare_key = key.lstrip(_BULLETS)
    if n_words <= 25 and (_COUNTRY_DAY.match(folded) or date_line(p) or date_line(p.lstrip(_BULLETS))):
        return "header", ""
    if n_words <= 12:
        outlet_date = outlet_date_line(p, aliases)
        if outlet_date is not None:
            return "header", outlet_date[0]
        alone = dateline_alone(p, aliases)
        if alone:
            return "signature", alone
    if n_words <= 12 and (_NAV.match(bare_key) or (n_words <= 6 and _LOGO.search(key))):
        return "navigation", ""
    if n_words <= 12 and (_COUNTER.match(bare_key) or _SLUG.match(p.strip())):
        return "header", ""
    if n_words <= 3 and _EMAIL.match(p.strip()):
        return "byline", ""
    if is_foreign_line(p):
        return "not_english", ""
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
    if n_words <= 30 and _CREDIT.match(folded):
        return "byline", ""
    if n_words <= 10 and _SECTION.match(p.strip()):
        return "section_header", ""
    unwrapped = folded.strip().strip("()").strip()
    if n_words <= 20 and _BYLINE.match(unwrapped):
        m = _BYLINE_OUTLET.search(unwrapped)
        if m and normalise_key(m.group(1)) in aliases:
            return "byline", m.group(1).strip()
        # "By Yonhap", "By VnExpress, Reuters May 27, 2017 | 08:32 am": the byline names the outlet
        m = _BY_OUTLET.match(unwrapped)
        if m and looks_like_code(m.group(1), aliases) and normalise_key(re.split(r"\s*,\s*", m.group(1))[0]) in aliases:
            return "byline", m.group(1).strip()
        return "byline", ""
    return "", ""
