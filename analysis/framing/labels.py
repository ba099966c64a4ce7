"""Relationship labels, as quotations: the names articles give a relationship, whose
name it is, and when.

A *label* is matched on diacritic-folded text, case-insensitively, with curly and
straight quotation marks alike, and kept as the exact span written (``quote``;
``quoted`` says whether the article puts it in quotation marks). Its ``kind``:

- ``status``: one or more relationship adjectives before "partnership"
  ("comprehensive partnership", "extensive strategic partnership"); a bare
  "partnership(s)" is not a label, and neither is a mechanism named after one
  ("strategic partnership dialogue", "... partnership framework agreement");
- ``upgrade``: a relationship raised to a named status ("the elevation of their
  ties to a comprehensive strategic partnership", "upgraded ... to a
  Comprehensive Strategic Partnership in September 2023", "would become
  comprehensive strategic partners");
- ``aspiration``: raising it to no named status ("elevate it to a new height in
  the coming time") — a wish, not an upgrade;
- ``rank``: how one side ranks the other ("one of the leading partners", "key
  partner", "fourth-largest trading partner", "partner of leading importance",
  "role of leading importance"); ordinals and qualifiers are kept;
- ``anniversary``: "Nth anniversary of diplomatic relations / ties / the
  comprehensive partnership"; ordinals in digits or words.

Whose label it is (``whose``): a status, upgrade or anniversary is the
relationship's (``both``); a rank is ``home on partner`` ("Japan remains a partner
of leading importance of Việt Nam") or ``partner on home`` ("Việt Nam holds a
role of leading importance in his country's foreign policy": Japan ranks Viet
Nam), read from "of <side>" after it, "<side> considers X ...", or the ranked
side named before it; ``third party`` for another relationship's framework.

Which relationship: the pair right before or inside the label ("Việt Nam-US
Comprehensive Partnership", "between Việt Nam and the US"), else the nearest
partner named in the sentence, else the sentence's partner. A pair without the
home country ("ASEAN-US", "Vietnam-China" when China is not compared) is another
relationship: ``scope`` is ``other`` and it stays off the timeline by default.

Dates: ``date`` is the meeting's (its event date; the article's date without
events); an upgrade is dated by the event its sentence names ("in November
2023", "in September", "2023 ... saw the elevation") in ``label_date``, with
``date_source`` ``sentence``, else by the meeting (``meeting``/``article``).

Public names: ``LABEL_COLUMNS``, ``find_labels``, ``label_timeline``.
"""
from __future__ import annotations

import re
from datetime import date as _date

import pandas as pd

from ..config import Actors
from ..text import fold
from .meetings import pick_meeting
from .sides import SideMatcher

MODIFIERS = ("comprehensive", "strategic", "extensive", "enhanced", "global", "special", "cooperative",
             "all-round", "all-around", "broad", "trusted", "reliable", "deep", "long-term", "extraordinary",
             "great", "close", "good", "friendly", "privileged", "full", "future-oriented")
_Q = r"[\"']?"                                  # a quotation mark (folded: curly and straight alike)
_MOD = r"(?:" + "|".join(re.escape(m) for m in MODIFIERS) + r")"
_MODS = rf"(?:{_MOD}(?:[\s-]+|,\s*)(?:and\s+)?){{1,4}}"
_MECHANISM = (r"(?!\s*[\"']?\s*(?:dialogue|mechanism|committee|council|forum|meeting|talks|consultation|"
              r"working\s+group|action\s+plan|programme|program|initiative|fund|network|award|framework\s+agreement|"
              r"agreement|treaty|roadmap|summit)\b)")
_PARTNERSHIP = re.compile(rf"(?<![\w-])({_Q}{_MODS}partnerships?{_Q})(?![\w-]){_MECHANISM}", re.I)
_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))")
_RANK = re.compile(
    r"\b((?:one\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|his\s+|her\s+)?)?"
    rf"(?:(?:{_ORDINAL}[\s-]+(?:largest|biggest|most\s+important)|top(?:[\s-]\w+)?|leading|key|"
    r"most\s+important|important|major|primary|strategic|trusted|reliable|closest|biggest|largest|foremost|"
    r"principal|special|important)\s+){1,2}"
    r"(?:(?:trading|trade|economic|investment|development|oda|tourism|labou?r|security|defen[cs]e|export|"
    r"import|cooperation|aid|donor)\s+){0,2}(?:partners?|donors?|investors?|markets?))(?![\w-])"
    rf"{_MECHANISM}"
    r"|\b((?:partner|role|position|country|place)\s+of\s+(?:leading|great|strategic|top|special|key|primary|utmost|"
    r"significant|particular|paramount|the\s+highest|high)\s+importance)\b", re.I)
_ORD_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10, "fifteenth": 15,
              "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "forty-fifth": 45,
              "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75}
_ORD = r"(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(sorted((re.escape(w) for w in _ORD_WORDS), key=len, reverse=True)) + r")"
_ANNIV = re.compile(rf"\b(?:{_ORD})\s+anniversary\b", re.I)
_ANNIV_OBJ = re.compile(r"\s+of\s+((?:(?!\s(?:in|this|next|last|and|with|on|at|when|while|which|that|to|by|as)\b)"
                        r"(?:[^,.;:()]|\.(?=[A-Za-z-])))+)", re.I)   # "U.S.-Vietnam relations": a dot inside
_UPGRADE = re.compile(rf"\b((?:elevat|upgrad|rais|lift|expand|bolster)\w*)\b([^;]{{0,80}}?)\bto\s+(?:an?\s+|the\s+)?"
                      rf"(?:(?:highest|diplomatic|status|level|of)\s+){{0,4}}{_Q}"
                      rf"(new\s+(?:height|level|stage|chapter|phase|high)s?|higher\s+level|{_MODS}partnership)",
                      re.I)
# "agreed to establish a comprehensive, strategic partnership": an upgrade announced
_ESTABLISH = re.compile(rf"\b(?:establish\w*|set(?:ting)?\s+up|form(?:ed|ing)?)\s+(?:a|an|the)\s+(?:new\s+)?{_Q}"
                        rf"({_MODS}partnership)\b", re.I)
_BECOME = re.compile(rf"\b(?:would|will|to|shall)\s+(?:officially\s+)?become\s+(?:an?\s+)?{_Q}"
                     rf"({_MODS}partners?)\b{_Q}", re.I)
_PAIR_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-–]\s?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+[\"']?$")
_PAIR_INSIDE = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-–]\s?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")
_BETWEEN_AFTER = re.compile(r"^[\"']?\s+between\s+(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+and\s+(?:the\s+)?"
                            r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
_CONSIDER = re.compile(r"\b(?:considers?|considered|regards?|regarded|sees|saw|views?|viewed|treats?|treated|"
                       r"describ\w+|names?|named|calls?|called)\b")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), start=1)}
# month names capitalised ("May", not the modal "may")
_DATE_IN = re.compile(r"\b(?:(?P<mon>" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?(?:\s+(?P<day>\d{1,2})(?!\d))?(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
                      r"|(?P<year2>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)|(?P<rel>[Ll]ast\s+year|[Tt]his\s+year))")

LABEL_COLUMNS = ["doc_id", "meeting_id", "date", "label_date", "date_source", "sent_id", "partner", "scope",
                 "parties", "kind", "label", "quote", "quoted", "whose", "holder", "start", "end", "sentence"]
KINDS = ("status", "upgrade", "aspiration", "rank", "anniversary")


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", fold(s).lower().strip(" \"'").replace(",", " ")).strip()
    s = re.sub(r"\bpartnerships\b", "partnership", s)
    return re.sub(r"\bpartners\b", "partner", s)


def _ordinal(m: re.Match) -> int:
    return int(m.group(1)) if m.group(1) else _ORD_WORDS[m.group(2).lower()]


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _anniversary_object(obj: str) -> str:
    o = _norm(obj)
    o = re.sub(r"^(?:the\s+)?(?:establishment\s+of\s+)?", "", o)
    pm = _PARTNERSHIP.search(o)
    if pm:
        return _norm(pm.group(1))
    if "diplomatic" in o or re.search(r"\b(?:relations|ties)\b", o):
        return "diplomatic relations"
    return o


def _parties(folded: str, start: int, end: int, sides: SideMatcher) -> tuple[list[str], str]:
    """Sides named by a pair right before the label ("ASEAN-US", "Vietnam - Japan"),
    inside it, or right after it ("between Việt Nam and the US"); (side keys, pair)."""
    before = folded[max(0, start - 40):start]
    m = _PAIR_BEFORE.search(before)
    pair = None
    if m:
        pair = (m.group(1), m.group(2))
    else:
        m = _BETWEEN_AFTER.match(folded[end:end + 60]) or _PAIR_INSIDE.search(folded[start:end])
        if m:
            pair = (m.group(1), m.group(2))
    if not pair:
        return [], ""
    pair = tuple(" ".join(w for w in part.split() if w.lower() not in MODIFIERS and w.lower() != "partnership")
                 or part for part in pair)
    keys = []
    for name in pair:
        named = sides.sides_named(name)
        keys.append(named[0] if named else "other")
    return keys, f"{pair[0]}-{pair[1]}"


def _nearest_partner(folded: str, start: int, sides: SideMatcher) -> str | None:
    """The country other than the home named nearest before ``start`` (else
    nearest after): a compared partner's key, or ``other`` for a third country."""
    best = None
    for key, matcher in sides.matchers.items():
        if key == sides.home:
            continue
        for s, _ in matcher.spans(folded, folded):
            d = start - s if s < start else (s - start) + 10_000
            if best is None or d < best[0]:
                best = (d, sides.side_of(key))
    return best[1] if best else None


def _rank_whose(folded: str, start: int, end: int, sides: SideMatcher, partner: str) -> tuple[str, str]:
    """(whose, holder) of a rank label: who ranks whom."""
    home = sides.home
    after = re.match(r"^\s*(?:of|for|to|in)\s+(?:the\s+)?(?:foreign\s+policy\s+of\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)",
                     folded[end:end + 50])
    if after:
        named = sides.sides_named(after.group(1))
        if named and named[0] != "other":
            holder = named[0]
            return ("home on partner" if holder == home else "partner on home"), holder
    clause = folded[:start]
    cut = max((m.end() for m in re.finditer(r"\bthat\b|[;:]|,\s", clause)), default=0)
    clause = clause[cut:]
    mentions = []
    for key in [home, *sides.partner_keys]:
        for s, _ in sides.matchers[key].spans(clause, clause):
            mentions.append((s, key))
    mentions.sort()
    if not mentions:
        return "unknown", ""
    first, last = mentions[0][1], mentions[-1][1]
    if _CONSIDER.search(clause) and len({k for _, k in mentions}) >= 2:
        holder = first            # "Việt Nam considers the US one of its leading partners"
    else:
        ranked = last             # "Việt Nam holds a role of leading importance in his country's ..."
        holder = partner if ranked == home else home
    if holder not in (home, *sides.partner_keys):
        return "unknown", ""
    return ("home on partner" if holder == home else "partner on home"), holder


def _sentence_date(folded: str, start: int, end: int, reference: str) -> str:
    """The date the sentence names nearest the label: "2023-11", "2023-09-10",
    "2023"; a month without a year takes the latest year not after the
    ``reference`` date (the meeting's). "" when it names none."""
    best = None
    for m in _DATE_IN.finditer(folded):
        d = 0 if start <= m.start() < end else min(abs(m.start() - end), abs(start - m.end()))
        if best is None or d < best[0]:
            best = (d, m)
    if best is None:
        return ""
    m = best[1]
    ref_year = int(reference[:4]) if reference[:4].isdigit() else None
    if m.group("rel"):
        if ref_year is None:
            return ""
        return str(ref_year - 1 if m.group("rel").lower().startswith("last") else ref_year)
    if m.group("year2"):
        return m.group("year2")
    mon = _MONTHS[m.group("mon").lower()]
    year = int(m.group("year")) if m.group("year") else None
    if year is None:
        if ref_year is None:
            return ""
        ref_mon = int(reference[5:7]) if len(reference) >= 7 and reference[5:7].isdigit() else 12
        year = ref_year if mon <= ref_mon else ref_year - 1
    if m.group("day"):
        try:
            return _date(year, mon, int(m.group("day"))).isoformat()
        except ValueError:
            return f"{year:04d}-{mon:02d}"
    return f"{year:04d}-{mon:02d}"


def _found(folded: str) -> list[tuple[str, str, int, int]]:
    """(kind, label, start, end) of every label in a folded sentence."""
    found = []
    upgrades = []
    for m in _UPGRADE.finditer(folded):
        target = _norm(m.group(3))
        kind = "aspiration" if target.startswith(("new ", "higher")) else "upgrade"
        label = f"upgrade to {target}" if kind == "upgrade" else f"raise to {target}"
        found.append((kind, label, m.start(), m.end()))
        upgrades.append((m.start(3), m.end()))
    for m in _BECOME.finditer(folded):
        found.append(("upgrade", f"upgrade to {_norm(m.group(1)).replace('partner', 'partnership')}",
                      m.start(), m.end()))
        upgrades.append((m.start(1), m.end()))
    for m in _ESTABLISH.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in upgrades):
            continue
        found.append(("upgrade", f"upgrade to {_norm(m.group(1))}", m.start(), m.end()))
        upgrades.append((m.start(1), m.end()))
    for m in _PARTNERSHIP.finditer(folded):
        if any(s < m.end(1) and m.start(1) < e for s, e in upgrades):
            continue               # the target of an upgrade is the upgrade's, not a status of its own
        found.append(("status", _norm(m.group(1)), m.start(1), m.end(1)))
    for m in _RANK.finditer(folded):
        g = 1 if m.group(1) else 2
        lab = _norm(m.group(g))
        lab = re.sub(r"^one of (?:the |its |their |our |his |her )?", "", lab)
        found.append(("rank", lab, m.start(g), m.end(g)))
    for m in _ANNIV.finditer(folded):
        n = _ordinal(m)
        om = _ANNIV_OBJ.match(folded[m.end():])
        obj, end, start = "", m.end(), m.start()
        if om:
            obj, end = _anniversary_object(om.group(1)), m.end() + om.end()
        else:  # "the comprehensive partnership's 10th anniversary"
            pm = re.search(rf"({_MODS}partnership)'s\s+$", folded[:m.start()], re.I)
            if pm:
                obj, start = _norm(pm.group(1)), pm.start(1)
            elif re.search(r"\b(?:relations|ties)'\s+$", folded[:m.start()], re.I):
                obj = "diplomatic relations"
        if obj and obj != "diplomatic relations" and "partnership" not in obj and "normali" not in obj:
            continue           # "50th anniversary of the withdrawal of U.S. forces": not the relationship's
        found.append(("anniversary", f"{n}{_suffix(n)} anniversary" + (f" of {obj}" if obj else ""), start, end))
    return found


def find_labels(sentences: pd.DataFrame, actors: Actors, documents: pd.DataFrame | None = None,
                events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every relationship label in ``sentences`` (``sent_id, doc_id, text, partner``,
    optionally ``event_id``).

    ``documents`` gives each article's ``date``; ``events`` (the corpus's
    meetings) each meeting's ``event_date``. Returns one row per label,
    ``LABEL_COLUMNS`` (see the module docstring): ``label`` is the normalised
    name ("comprehensive strategic partnership", "50th anniversary of diplomatic
    relations", "upgrade to comprehensive strategic partnership", "fourth-largest
    trading partner"), ``quote`` the text as written, ``start``/``end`` its
    offsets in the sentence.
    """
    sides = SideMatcher.from_actors(actors)
    home = actors.home.key
    dates = dict(zip(documents["doc_id"], documents["date"].fillna(""))) if documents is not None else {}
    ev_dates = (dict(zip(events["event_id"], events["event_date"].fillna(""))) if events is not None
                and len(events) else {})
    ev_col = sentences["event_id"].fillna("").astype(str) if "event_id" in sentences else None
    rows = []
    for i, (sent_id, doc_id, text, partner) in enumerate(zip(sentences["sent_id"], sentences["doc_id"],
                                                           sentences["text"], sentences["partner"])):
        folded = fold(text)
        for kind, label, s, e in _found(folded):
            keys, pair = _parties(folded, s, e, sides)
            scope, who = "bilateral", partner
            if keys and ("other" in keys or home not in keys):
                scope = "other"
                known = [k for k in keys if k in sides.partner_keys]
                who = known[0] if known else (partner if partner in sides.partner_keys else "other")
            elif keys:
                others = [k for k in keys if k != home]
                if others:
                    who = others[0]
            if scope == "bilateral" and (who not in sides.partner_keys or sides.others):
                near = _nearest_partner(folded, s, sides)
                if near == "other":
                    scope, who = "other", (partner if partner in sides.partner_keys else "other")
                elif near and who not in sides.partner_keys:
                    who = near
            if who == "other":
                scope = "other"
            if scope == "other":
                whose, holder = "third party", ""
            elif kind == "rank":
                whose, holder = _rank_whose(folded, s, e, sides, who)
            else:
                whose, holder = "both", "both"
            meeting = pick_meeting(ev_col.iat[i], who) if ev_col is not None else doc_id
            date = ev_dates.get(meeting, "") or dates.get(doc_id, "")
            source = "meeting" if ev_dates.get(meeting) else "article"
            label_date = date
            if kind == "upgrade":
                named = _sentence_date(folded, s, e, date)
                if named:
                    label_date, source = named, "sentence"
            quote = text[s:e]
            quoted = bool(re.search(r"[\"“”]", text[max(0, s - 1):e + 1]))   # double quotes: an apostrophe is no quote
            rows.append((doc_id, meeting, date, label_date, source, sent_id, who, scope, pair, kind, label,
                         quote.strip(" \"'“”‘’"), quoted, whose, holder, s, e, text))
    out = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    return out.sort_values(["doc_id", "sent_id", "start", "kind"], kind="mergesort").reset_index(drop=True)


def label_timeline(labels: pd.DataFrame, partners: list[str], include_other: bool = False) -> pd.DataFrame:
    """Labels per partner, label and date (the label's: an upgrade's own date when
    its sentence names one): ``partner, label, kind, whose, date, date_source,
    n_mentions, n_articles, n_meetings, doc_ids`` (bilateral labels only unless
    ``include_other``), sorted by partner (given order), kind, label, date."""
    cols = ["partner", "label", "kind", "whose", "date", "date_source", "n_mentions", "n_articles", "n_meetings",
            "doc_ids"]
    lab = labels if include_other else labels[labels["scope"] == "bilateral"]
    lab = lab[lab["partner"].isin(partners)]
    if lab.empty:
        return pd.DataFrame(columns=cols)
    lab = lab.assign(date=lab["label_date"])
    g = lab.groupby(["partner", "label", "kind", "whose", "date", "date_source"], sort=False)
    out = g.agg(n_mentions=("sent_id", "size"), n_articles=("doc_id", "nunique"),
                n_meetings=("meeting_id", "nunique"),
                doc_ids=("doc_id", lambda s: ";".join(sorted(set(s))))).reset_index()
    order = {p: i for i, p in enumerate(partners)}
    kinds = {k: i for i, k in enumerate(KINDS)}
    out = out.assign(_p=out["partner"].map(order), _k=out["kind"].map(kinds))
    out = out.sort_values(["_p", "_k", "label", "date"], kind="mergesort").drop(columns=["_p", "_k"])
    return out[cols].reset_index(drop=True)
