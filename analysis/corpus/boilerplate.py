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
