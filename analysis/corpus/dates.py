"""Dates in one article: the export header, page date lines, full dates cited in
the text, and the date of an article inferred from its lead."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..text import fold

if TYPE_CHECKING:  # annotations only (the module imports this one)
    from .article import ParsedArticle

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


def _partial_header_date(month: str) -> str:
    """'2023-09' -> 'September 1, 2023', a cited date for year inference."""
    y, m = int(month[:4]), int(month[5:7])
    names = [k for k, v in MONTHS.items() if v == m]
    return f"{max(names, key=len).title()} 1, {y}" if 1 <= m <= 12 else ""


# --------------------------------------------------------------------------- two dates
# An article has two dates: when it was published and when the event it reports
# happened. Each is a `Dated`: the date (or None), where it came from and the
# words it was read from -- or, when it is unknown, the reason.

@dataclass(frozen=True)
class Dated:
    """A date with its provenance: ``source`` says which rule found it
    (``missing`` when none did) and ``evidence`` quotes the words it was read
    from, or says why it stays unknown."""

    value: date | None
    source: str = "missing"
    evidence: str = ""

    @property
    def iso(self) -> str:
        return self.value.isoformat() if self.value else ""


_WEEKDAY_NUM = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"])}
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# the date expressions a lead uses for its event, in one pass (case-sensitive:
# month and weekday names are capitalised, "may" the verb is not May)
_EXPR = re.compile(
    rf"(?P<full>\b{_MONTH_NC}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NC},?\s+(?:19|20)\d\d\b)"
    rf"|(?P<wd>\b{_WD}\b)(?:\s*\(\s*(?P<wdmd>{_MONTH_NC}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_NC})\s*\)"
    rf"|,?\s+(?P<wdfull>{_MONTH_NC}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\d{{1,2}}\s+{_MONTH_NC},?\s+(?:19|20)\d\d\b)"
    rf"|,?\s+(?P<wdmd2>{_MONTH_NC}\s+\d{{1,2}}\b(?![\d:])|\d{{1,2}}\s+{_MONTH_NC}\b))?"
    rf"|(?P<md>\b{_MONTH_NC}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])"
    rf"|(?<![\d:])\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NC}\b(?!\s*,?\s*(?:19|20)\d\d))"
    r"|(?P<rel>\b(?:[Yy]esterday|[Tt]oday|[Tt]his (?:morning|afternoon|evening)|[Tt]onight|[Ll]ast night)\b)")
# words just before a date that make it not the event's: a deadline, a starting
# point, a plan ("since May 5", "by December 31, 2025", "ahead of Monday's vote")
_NOT_EVENT_BEFORE = re.compile(
    r"\b(?:since|until|till|by|before|ahead of|from|after|following|next|through|throughout|between|"
    r"scheduled for|slated for|due on|due by|starting|effective|as of|dated|to|"
    r"(?<!morning )(?<!afternoon )(?<!evening )(?<!night )of)\s+(?:on\s+|the\s+)?$", re.I)
# a reporting verb just before the day: the day of a statement about the event, which
# may have happened days before ("…, the embassy said on Friday", "announced on Thursday")
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|announced|stated|reported|added|noted|confirmed|disclosed|revealed|unveiled|"
    r"told [\w ]{1,30}?|quoted [\w ]{1,30}?|(?:said|announced|stated) in (?:a |an |the )?[\w ]{1,40}?)"
    r"\s+(?:late |early )?(?:on\s+)?$", re.I)
# a plan in the same clause before the date: the event has not happened yet
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is set to|are set to|is scheduled|are scheduled|"
                     r"is expected to|are expected to|plans? to|intends? to|is due to|are due to)\b"
                     r"(?![^.;]*\b(?:said|says|told|announced|stated|noted|added|agreed|affirmed)\b)[^.;]*$", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def _md_parts(text: str) -> tuple[int, int] | None:
    """(month, day) of "November 17", "17 November", "Nov. 17th"."""
    m = re.match(rf"{_MONTH}\s+(\d{{1,2}})", text) or re.match(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}", text)
    if not m:
        return None
    if m.group(1)[0].isdigit():
        return _month(m.group(2)), int(m.group(1))
    return _month(m.group(1)), int(m.group(2))


def url_date(url: str) -> date | None:
    """A full date in a URL's path (``/2020/10/20/``, ``/20211125_01/``,
    ``/2025-06-05/``), else None. A year and month alone (``/201404/``) is no
    date."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for m in _URL_DATE.finditer(path):
        d = _safe_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d:
            return d
    return None


def month_hint(lines: list[str]) -> tuple[int, int] | None:
    """(year, month) of an issue or page month named in page furniture above the
    text ("Highlighting Japan April 2014"), else None."""
    for line in lines:
        m = _MONTH_YEAR.search(fold(line))
        if m:
            return int(m.group(2)), _month(m.group(1))
    return None


def _last_day(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))


def _year_for(month: int, day: int, published: date | None, hint: tuple[int, int] | None,
              cited: list[tuple[date, str]]) -> tuple[date | None, str]:
    """The year of a month-day, from evidence that fixes it: the publication date
    (the event happened on or before it, and less than ten months before), an
    issue month, or a full date the article cites shortly (≤ 60 days) before
    the month-day in exactly one year. ``(None, reason)`` otherwise."""
    if published is not None:
        for y in (published.year, published.year - 1):
            ev = _safe_date(y, month, day)
            if ev and ev <= published + timedelta(days=1):
                if (published - ev).days > 300:
                    return None, "the month-day would lie more than ten months before publication"
                return ev, f"the last {ev:%B} {ev.day} on or before publication ({published.isoformat()})"
        return None, "no year puts the month-day before publication"
    if hint is not None:
        end = _last_day(*hint)
        for y in (hint[0], hint[0] - 1):
            ev = _safe_date(y, month, day)
            if ev and ev <= end:
                if (end - ev).days > 366:
                    break
                return ev, f"the last {ev:%B} {ev.day} before the issue month {end:%B %Y}"
        return None, "no year puts the month-day before the issue month"
    years: dict[int, list[str]] = {}
    for c, words in cited:
        for y in (c.year, c.year + 1):
            ev = _safe_date(y, month, day)
            if ev and 0 <= (ev - c).days <= 60:
                years.setdefault(y, []).append(words)
    if len(years) == 1:
        (y, refs), = years.items()
        ev = date(y, month, day)
        return ev, f"year of {refs[0]}, cited {(ev - _full(refs[0])).days} days before"
    if len(years) > 1:
        return None, f"dates cited shortly before it point to different years ({', '.join(map(str, sorted(years)))})"
    return None, "no publication date and no full date cited shortly before it fixes the year"


def _full(words: str) -> date:
    return full_dates(words)[0][0]


def _weekday_before(target: int, ref: date, exclude_same: bool = False) -> date:
    back = (ref.weekday() - target) % 7
    if back == 0 and exclude_same:
        back = 7
    return ref - timedelta(days=back)


def event_date(paragraphs: list[str], published: Dated, hint: tuple[int, int] | None = None,
               body: str = "") -> Dated:
    """The date of the event an article reports, read from the first date
    expression of its lead (``paragraphs``: the first content paragraphs, searched
    in order) that names the event -- not a deadline or starting point ("since",
    "by", "ahead of" …) and not a plan ("will visit … on May 5").

    - a full date ("on November 17, 2022") is taken as written, unless it lies
      after publication (a plan) or more than 45 days before it (a recalled event);
    - a month-day ("On November 17") takes its year from the publication date,
      an issue month, or a full date cited shortly before it (see
      :func:`_year_for`); never from the year the article names most;
    - a weekday ("on Thursday", "Friday (July 15)"), "yesterday", "today"
      resolve against the publication date: the last such day on or before it.

    Returns a :class:`Dated` with ``source`` ``text`` (a full date or a
    month-day with its year) or ``relative`` (a weekday or "yesterday"); when
    none is found, ``missing`` with the reason as evidence."""
    pub = published.value
    cited = full_dates(fold(body)) if body else []
    reasons: list[str] = []
    for para in paragraphs:
        folded = fold(para)
        for m in _EXPR.finditer(folded):
            before = folded[max(0, m.start() - 40):m.start()]
            words = m.group(0)
            if _NOT_EVENT_BEFORE.search(before):
                reasons.append(f"'{before.split()[-1] if before.split() else ''} {words}' is not the event")
                continue
            if _STATEMENT_BEFORE.search(before):
                reasons.append(f"'{' '.join(before.split()[-2:])} {words}' is the day of a statement")
                continue
            clause = re.split(r"[.;!?]\s", folded[:m.start()])[-1][-50:]
            if _FUTURE.search(clause):
                reasons.append(f"'{words}' is a plan")
                continue
            if m.group("full") or m.group("wdfull"):
                d = full_dates(m.group("full") or m.group("wdfull"))[0][0]
                if pub and d > pub + timedelta(days=1):
                    reasons.append(f"'{words}' lies after publication")
                    continue
                if pub and (pub - d).days > 45:
                    reasons.append(f"'{words}' lies {(pub - d).days} days before publication")
                    continue
                return Dated(d, "text", words)
            if m.group("md") or m.group("wdmd") or m.group("wdmd2"):
                md = _md_parts(m.group("wdmd") or m.group("wdmd2") or m.group("md"))
                if md is None or _safe_date(2000, *md) is None:
                    continue
                if pub and hint is None:
                    same = _safe_date(pub.year, *md)
                    if same and pub + timedelta(days=1) < same <= pub + timedelta(days=60):
                        reasons.append(f"'{words}' lies after publication")
                        continue
                d, how = _year_for(md[0], md[1], pub, hint, cited)
                if d is None:
                    return Dated(None, "missing", f"'{words}': {how}")
                return Dated(d, "text", f"{words} ({how})")
            if m.group("wd"):
                if pub is None:
                    return Dated(None, "missing", f"'{words}' with no publication date to count from")
                last = folded[max(0, m.start() - 5):m.start()].lower().endswith("last ")
                d = _weekday_before(_WEEKDAY_NUM[m.group("wd").lower()], pub, exclude_same=last)
                return Dated(d, "relative", f"{words} before publication on {pub.isoformat()}")
            if m.group("rel"):
                if pub is None:
                    return Dated(None, "missing", f"'{words}' with no publication date to count from")
                back = 1 if words.lower().startswith(("yesterday", "last night")) else 0
                return Dated(pub - timedelta(days=back), "relative", f"{words}, published {pub.isoformat()}")
    why = "; ".join(dict.fromkeys(reasons)) or "the lead names no day"
    return Dated(None, "missing", why)


def article_dates(art: ParsedArticle, content: list[str], url: str = "",
                  published: Dated | None = None) -> tuple[Dated, Dated]:
    """``(published, event)`` of a parsed article.

    Published: the export header (``header``), a page date line or "OUTLET |
    date" line (``date_line``), a byline carrying the date (``byline``), a full
    date in the dateline (``dateline``), or a date in the page's URL (``url``).
    Event: :func:`event_date` on the first two content paragraphs, with an issue
    month from the page furniture (or a partial export header) as year
    evidence when there is no publication date. ``published`` (from
    ``metadata.csv``) overrides the publication date read from the page."""
    if published is not None:
        pass
    elif art.header_date:
        published = Dated(art.header_date, art.header_source or "header", art.header_line)
    elif url and url_date(url):
        published = Dated(url_date(url), "url", url)
    else:
        published = Dated(None, "missing", "no header, date line, byline date or dated URL")
    if published.value is None and art.dateline_day:
        # the dateline's day is the dispatch's: with a year that evidence fixes, the publication date
        md = _md_parts(art.dateline_day)
        hint0 = (int(art.header_month[:4]), int(art.header_month[5:7])) if art.header_month else month_hint(art.furniture)
        if md and _safe_date(2000, *md):
            d, how = _year_for(md[0], md[1], None, hint0, full_dates(fold("\n".join(content))))
            if d:
                published = Dated(d, "dateline", f"{art.dateline_day} ({how})")
    hint = None
    if published.value is None:
        if art.header_month:
            hint = (int(art.header_month[:4]), int(art.header_month[5:7]))
        else:
            hint = month_hint(art.furniture)
    lead = content[:2]
    if lead and art.lead_offset:
        lead = [content[0][art.lead_offset:], *lead[1:]]      # a dateline's day is the dispatch's, not the event's
    event = event_date(lead, published, hint, body="\n".join(content))
    return published, event
