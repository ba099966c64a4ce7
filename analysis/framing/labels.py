"""Relationship labels: the names articles give a relationship, per partner over time.

A *label* is one of four kinds, matched on diacritic-folded text, case-insensitively:

- ``partnership``: one or more relationship adjectives before "partnership"
  ("comprehensive partnership", "comprehensive strategic partnership",
  "extensive strategic partnership", "enhanced strategic partnership" ...);
  a bare "partnership(s)" is not a label;
- ``partner_rank``: how the partner ranks ("one of the leading partners",
  "key partner", "partner of leading importance", "role of leading importance");
- ``anniversary``: "Nth anniversary of diplomatic relations / ties / the
  comprehensive partnership" (also "the comprehensive partnership's 10th
  anniversary"); ordinals in digits or words;
- ``upgrade``: "elevat*/upgrad*/rais*/lift* ... to (a) <partnership | new height>".

Each label is attributed to the partner of its sentence, unless a hyphenated
pair right before it names the parties ("Việt Nam-US Comprehensive Partnership",
"Vietnam - Japan relations"): then the partner in the pair wins. A pair that
does not include the home country ("ASEAN-US Comprehensive Strategic
Partnership", "Mekong-Japan ...") is another relationship: ``scope`` is
``other`` with the pair in ``parties`` and it is left out of the timeline by
default. ``scope`` is ``bilateral`` otherwise.
"""
from __future__ import annotations

import re

import pandas as pd

from ..config import Actors
from ..text import fold
from .sides import SideMatcher

MODIFIERS = ("comprehensive", "strategic", "extensive", "enhanced", "global", "special", "cooperative",
             "all-round", "all-around", "broad", "trusted", "reliable", "deep", "long-term", "extraordinary",
             "great", "close", "good", "friendly", "privileged", "full")
_MOD = r"(?:" + "|".join(re.escape(m) for m in MODIFIERS) + r")"
_PARTNERSHIP = re.compile(rf"\b((?:{_MOD}[\s-]+(?:and\s+)?){{1,4}}partnerships?)\b", re.I)
_RANK = re.compile(
    r"\b((?:one\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|his\s+)?)?"
    r"(?:(?:leading|key|most\s+important|important|top|major|primary|strategic|trusted|reliable|"
    r"closest|biggest|largest|foremost|principal|special)\s+){1,2}"
    r"(?:(?:trading|economic|investment|development|ODA|tourism|labou?r|security|defen[cs]e)\s+)?partners?)\b"
    r"|\b((?:partner|role|position|country)\s+of\s+(?:leading|great|strategic|top|special|key|primary|utmost|"
    r"significant|particular|paramount)\s+importance)\b", re.I)
_ORD_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10, "fifteenth": 15,
              "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "forty-fifth": 45,
              "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75}
_ORD = r"(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(sorted((re.escape(w) for w in _ORD_WORDS), key=len, reverse=True)) + r")"
_ANNIV = re.compile(rf"\b(?:{_ORD})\s+anniversary\b", re.I)
_ANNIV_OBJ = re.compile(r"\s+of\s+((?:(?!\s(?:in|this|next|last|and|with|on|at|when|while|which|that|to|by|as)\b)"
                        r"[^,.;:()])+)", re.I)
_UPGRADE = re.compile(rf"\b((?:elevat|upgrad|rais|lift)\w*)\b([^.;]{{0,80}}?)\bto\s+(?:an?\s+|the\s+)?"
                      rf"(new\s+(?:height|level|stage|chapter|phase)s?|(?:{_MOD}[\s-]+(?:and\s+)?){{1,4}}partnership)",
                      re.I)
_PAIR_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-–]\s?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+$")
_PAIR_INSIDE = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-–]\s?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\b")
_BETWEEN_AFTER = re.compile(r"^\s+between\s+(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+and\s+(?:the\s+)?"
                            r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")

LABEL_COLUMNS = ["doc_id", "date", "sent_id", "partner", "scope", "parties", "kind", "label", "matched",
                 "start", "end", "sentence"]


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", fold(s).lower()).strip()
    return re.sub(r"\bpartnerships\b", "partnership", s)


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


def _parties(text: str, start: int, end: int, sides: SideMatcher) -> tuple[list[str], str]:
    """Sides named by a pair right before the label ("ASEAN-US", "Vietnam - Japan")
    or right after it ("between Việt Nam and the US"); returns (side keys, pair text)."""
    folded = fold(text)
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


def find_labels(sentences: pd.DataFrame, actors: Actors, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every relationship label in ``sentences`` (``sent_id, doc_id, text, partner``).

    ``documents`` (optional) gives each article's ``date``. Returns one row per
    label, ``LABEL_COLUMNS``: ``label`` is the normalised name (folded, lower
    case: "comprehensive strategic partnership", "50th anniversary of diplomatic
    relations", "upgrade to comprehensive strategic partnership"), ``matched``
    the text as written, ``start``/``end`` its offsets in the sentence.
    """
    sides = SideMatcher.from_actors(actors)
    dates = dict(zip(documents["doc_id"], documents["date"])) if documents is not None else {}
    rows = []
    for sent_id, doc_id, text, partner in zip(sentences["sent_id"], sentences["doc_id"], sentences["text"],
                                              sentences["partner"]):
        folded = fold(text)
        found = []
        for m in _PARTNERSHIP.finditer(folded):
            found.append(("partnership", _norm(m.group(1)), m.start(1), m.end(1)))
        for m in _RANK.finditer(folded):
            g = 1 if m.group(1) else 2
            lab = _norm(m.group(g))
            lab = re.sub(r"^one of (?:the |its |their |our |his )?", "", lab)
            lab = re.sub(r"partners$", "partner", lab)
            found.append(("partner_rank", lab, m.start(g), m.end(g)))
        for m in _ANNIV.finditer(folded):
            n = _ordinal(m)
            om = _ANNIV_OBJ.match(folded[m.end():])
            obj, end = "", m.end()
            if om:
                obj, end = _anniversary_object(om.group(1)), m.end() + om.end()
            else:  # "the comprehensive partnership's 10th anniversary"
                pm = re.search(rf"((?:{_MOD}[\s-]+(?:and\s+)?){{1,4}}partnership)'s\s+$", folded[:m.start()], re.I)
                if pm:
                    obj = _norm(pm.group(1))
                elif re.search(r"\b(?:relations|ties)'\s+$", folded[:m.start()], re.I):
                    obj = "diplomatic relations"
            label = f"{n}{_suffix(n)} anniversary" + (f" of {obj}" if obj else "")
            found.append(("anniversary", label, m.start(), end))
        for m in _UPGRADE.finditer(folded):
            found.append(("upgrade", f"upgrade to {_norm(m.group(3))}", m.start(), m.end()))
        for kind, label, s, e in found:
            keys, pair = _parties(text, s, e, sides)
            scope, who = "bilateral", partner
            if keys:
                if actors.home.key in keys:
                    others = [k for k in keys if k != actors.home.key and k != "other"]
                    if others:
                        who = others[0]
                else:
                    scope = "other"
                    known = [k for k in keys if k in sides.partner_keys]
                    who = known[0] if known else partner
            rows.append((doc_id, dates.get(doc_id, ""), sent_id, who, scope, pair, kind, label,
                         text[s:e], s, e, text))
    out = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    return out.sort_values(["doc_id", "sent_id", "start", "kind"], kind="mergesort").reset_index(drop=True)


def label_timeline(labels: pd.DataFrame, partners: list[str], include_other: bool = False) -> pd.DataFrame:
    """Labels per partner, label and date: ``partner, label, kind, date,
    n_mentions, n_articles, doc_ids`` (bilateral labels only unless
    ``include_other``), sorted by partner (given order), kind, label, date."""
    cols = ["partner", "label", "kind", "date", "n_mentions", "n_articles", "doc_ids"]
    lab = labels if include_other else labels[labels["scope"] == "bilateral"]
    lab = lab[lab["partner"].isin(partners)]
    if lab.empty:
        return pd.DataFrame(columns=cols)
    g = lab.groupby(["partner", "label", "kind", "date"], sort=False)
    out = g.agg(n_mentions=("sent_id", "size"), n_articles=("doc_id", "nunique"),
                doc_ids=("doc_id", lambda s: ";".join(sorted(set(s))))).reset_index()
    order = {p: i for i, p in enumerate(partners)}
    kinds = {"partnership": 0, "upgrade": 1, "partner_rank": 2, "anniversary": 3}
    out = out.assign(_p=out["partner"].map(order), _k=out["kind"].map(kinds))
    out = out.sort_values(["_p", "_k", "label", "date"], kind="mergesort").drop(columns=["_p", "_k"])
    return out[cols].reset_index(drop=True)
