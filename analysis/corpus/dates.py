"""Dates in one article: the export header, page date lines, full dates cited in
the text, and the date of an article inferred from its lead."""
from __future__ import annotations

import re
from datetime import date
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
