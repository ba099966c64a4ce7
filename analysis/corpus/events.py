"""Meetings (events): the articles that report the same meeting, grouped.

The counting unit above the article. One article can report several meetings
(the Bangkok piece of the seeds covers a meeting with the US and one with
Japan): each partner an article is about is one *report* of a meeting. Two
reports are of the same meeting when they have

- the same partner,
- event dates within ``window_days`` (two by default) of each other, and
- near-duplicate paragraphs (one outlet repeating another), or the same named
  participants of the partner's side (``people`` in ``partners.yaml``).

A report with no event date joins another only through near-duplicate
paragraphs, and only when the publication dates, where both are known, are
within a week. Linking is transitive (a union-find over the reports).

In: the documents and segments tables (partners attributed, duplicates linked).
Out: the events table (:data:`EVENT_COLUMNS`), one row per meeting:
``event_id`` (``<partner>:<YYYY-MM-DD>``, or ``<partner>:undated:<doc_id>``;
``#2`` … when two meetings share both), ``partner``, ``event_date`` (the date
most of its reports give; empty when none does), ``participants`` (``;``-joined
names, the partner's side first), ``doc_ids``, ``seg_ids`` (``;``-joined),
``linked_by`` (``article`` for a meeting one article reports; else which
evidence joined its reports: ``near_duplicates``, ``participants``).
:func:`tag_events` then gives segments (and sentences) ``event_id`` and
documents ``event_ids``.

Which paragraphs belong to a meeting: those that count for its partner (named,
inherited, or ``both`` naming it); in an article reporting one meeting, also
its other content paragraphs and headlines (about home, a third country or
no one: they are part of that report). A ``both`` paragraph of an article
reporting two meetings belongs to both (its ``event_id`` is the two ids,
``;``-joined, in partner order); use :func:`event_for` to get, per row, the
meeting of one partner.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pandas as pd

from ..config import Actor, Actors
from ..text import fold

__all__ = ["EVENT_COLUMNS", "event_for", "find_events", "meeting_partners", "participants_in", "tag_events"]

EVENT_COLUMNS = ["event_id", "partner", "event_date", "participants", "doc_ids", "seg_ids", "linked_by"]


# --------------------------------------------------------------------------- participants
class _People:
    """People of one side: a case-sensitive matcher over ``people`` and each
    name's canonical form (the first listed name holding all its words, so
    "Hayashi" and "Yoshimasa Hayashi" are both "Hayashi Yoshimasa")."""

    def __init__(self, actor: Actor):
        names = list(dict.fromkeys(actor.people))
        toks = [set(fold(n).lower().split()) for n in names]
        self.canonical = {}
        for n, t in zip(names, toks):
            self.canonical[fold(n).lower()] = next(m for m, u in zip(names, toks) if t <= u and len(u) >= len(t)
                                                   and (len(u) > 1 or m == n))
        alts = "|".join(re.escape(fold(n)).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
        # people are matched as written (case-sensitive), capitalised surnames too ("HAYASHI")
        self.pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{alts})(?![A-Za-z0-9])") if names else None

    def named(self, text: str) -> list[str]:
        if self.pattern is None:
            return []
        return [self.canonical.get(" ".join(m.group(0).lower().split()), m.group(0))
                for m in self.pattern.finditer(fold(text))]


def participants_in(texts, actor: Actor) -> list[str]:
    """Canonical names of ``actor``'s people named in ``texts``, in order of first mention."""
    people = _People(actor)
    return list(dict.fromkeys(n for t in texts for n in people.named(t)))


# --------------------------------------------------------------------------- reports
def _counts_for(label: str, keys: str, partner: str) -> bool:
    return label == partner or (label == "both" and partner in keys.split(";"))


def meeting_partners(doc_segments, partners: list[str]) -> list[str]:
    """The partners one article reports a meeting with: those its content
    paragraphs count for at least twice, or once when its headline or lead
    names them (a single passing paragraph about another partner is no
    meeting). ``doc_segments``: the article's segments (a DataFrame, or its
    rows as tuples of ``(seg_id, unit, boilerplate, partner, partners, text)``)."""
    rows = _rows(doc_segments)
    content = [r for r in rows if not r[2]]
    paras = [r for r in content if r[1] == "paragraph"]
    lead: set[str] = set()
    if paras:
        lab, keys = paras[0][3], paras[0][4]
        lead.update(keys.split(";") if lab == "both" else [lab])
    for r in content:
        if r[1] == "headline":
            lead.update(r[4].split(";") if r[3] == "both" else [r[3]])
    out = []
    for p in partners:
        n = sum(_counts_for(r[3], r[4], p) for r in paras)
        if n >= 2 or (n >= 1 and p in lead):
            out.append(p)
    return out


def _rows(doc_segments) -> list[tuple]:
    if isinstance(doc_segments, pd.DataFrame):
        d = doc_segments
        units = d["unit"] if "unit" in d else ["paragraph"] * len(d)
        return list(zip(d["seg_id"], units, d["boilerplate"].astype(bool), d["partner"],
                        d["partners"].fillna(""), d["text"]))
    return list(doc_segments)


def _member_segments(rows: list[tuple], partner: str, single: bool) -> list[tuple]:
    content = [r for r in rows if not r[2]]
    if single:
        return content
    return [r for r in content if _counts_for(r[3], r[4], partner)]


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _day(iso: str) -> date | None:
    return date.fromisoformat(iso) if iso else None


def find_events(documents: pd.DataFrame, segments: pd.DataFrame, actors: Actors,
                window_days: int = 2) -> pd.DataFrame:
    """The events table of a corpus (see the module docstring)."""
    partners = actors.partner_keys
    people = {p: _People(actors.partners[p]) for p in partners}
    home_people = _People(actors.home)
    event_of = dict(zip(documents["doc_id"], documents["event_date"]))
    published_of = dict(zip(documents["doc_id"], documents["published"]))
    segs = segments
    by_doc: dict[str, list[tuple]] = {}
    for doc_id, row in zip(segs["doc_id"], _rows(segs)):
        by_doc.setdefault(doc_id, []).append(row)
    dup_pairs_of = dict(zip(segs["seg_id"], segs["duplicate_of"].fillna("")))
    reports = []           # one per article and partner met
    for doc_id in sorted(by_doc):
        if doc_id not in event_of:
            continue
        rows = by_doc[doc_id]
        mp = meeting_partners(rows, partners)
        for p in mp:
            members = _member_segments(rows, p, single=len(mp) == 1)
            texts = [r[5] for r in members]
            reports.append(dict(doc_id=doc_id, partner=p, event=_day(event_of[doc_id]),
                                published=_day(published_of[doc_id]), seg_ids=[r[0] for r in members],
                                people=[n for t in texts for n in people[p].named(t)],
                                home=[n for t in texts for n in home_people.named(t)]))
    if not reports:
        return pd.DataFrame(columns=EVENT_COLUMNS)

    # near-duplicate links between reports
    owner: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        for s in r["seg_ids"]:
            owner.setdefault(s, []).append(i)
    dup_pairs = set()
    for late, early in dup_pairs_of.items():
        if not early:
            continue
        for i in owner.get(late, []):
            for j in owner.get(early, []):
                if i != j and reports[i]["partner"] == reports[j]["partner"] and reports[i]["doc_id"] != reports[j]["doc_id"]:
                    dup_pairs.add((min(i, j), max(i, j)))

    union = _Union(len(reports))
    reasons: dict[tuple[int, int], set[str]] = {}
    window = timedelta(days=window_days)
    # candidate pairs only: reports sharing near-duplicate paragraphs, and dated
    # reports of one partner sharing a participant within the window (sorted by
    # date, so the work grows with the overlaps, not with the square of the corpus)
    candidates = set(dup_pairs)
    by_person: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(reports):
        if r["event"]:
            for name in set(r["people"]):
                by_person.setdefault((r["partner"], name), []).append(i)
    for idx in by_person.values():
        idx.sort(key=lambda i: reports[i]["event"])
        for a_pos, i in enumerate(idx):
            for j in idx[a_pos + 1:]:
                if reports[j]["event"] - reports[i]["event"] > window:
                    break
                candidates.add((min(i, j), max(i, j)))
    for i, j in sorted(candidates):
        ri, rj = reports[i], reports[j]
        if ri["doc_id"] == rj["doc_id"] or ri["partner"] != rj["partner"]:
            continue
        why = set()
        if (i, j) in dup_pairs:
            why.add("near_duplicates")
        if set(ri["people"]) & set(rj["people"]):
            why.add("participants")
        if ri["event"] and rj["event"]:
            ok = abs(ri["event"] - rj["event"]) <= window and bool(why)
        else:
            pubs_ok = not (ri["published"] and rj["published"]) or \
                abs(ri["published"] - rj["published"]) <= timedelta(days=7)
            ok = "near_duplicates" in why and pubs_ok
            why &= {"near_duplicates"}
        if ok:
            union.join(i, j)
            reasons[(i, j)] = why

    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(union.find(i), []).append(i)
    rows = []
    for members in groups.values():
        p = reports[members[0]]["partner"]
        dates = Counter(reports[i]["event"] for i in members if reports[i]["event"])
        ev = min(dates, key=lambda d: (-dates[d], d)) if dates else None
        people_p = list(dict.fromkeys(n for i in members for n in reports[i]["people"]))
        people_h = list(dict.fromkeys(n for i in members for n in reports[i]["home"]))
        why = set().union(*(reasons.get((i, j), set()) for i in members for j in members if i < j))
        doc_ids = sorted({reports[i]["doc_id"] for i in members})
        rows.append(dict(partner=p, event_date=ev.isoformat() if ev else "",
                         participants=";".join(people_p + [n for n in people_h if n not in people_p]),
                         doc_ids=";".join(doc_ids),
                         seg_ids=";".join(sorted({s for i in members for s in reports[i]["seg_ids"]})),
                         linked_by="article" if len(doc_ids) == 1 else ";".join(sorted(why))))
    order = {p: k for k, p in enumerate(partners)}
    rows.sort(key=lambda r: (order[r["partner"]], r["event_date"] or "9999", r["doc_ids"]))
    seen: Counter = Counter()
    for r in rows:
        base = f"{r['partner']}:{r['event_date']}" if r["event_date"] else \
            f"{r['partner']}:undated:{r['doc_ids'].split(';')[0]}"
        seen[base] += 1
        r["event_id"] = base if seen[base] == 1 else f"{base}#{seen[base]}"
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def tag_events(segments: pd.DataFrame, documents: pd.DataFrame,
               events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``segments`` with ``event_id`` (``;``-joined when a ``both`` paragraph
    belongs to two meetings; "" for none) and ``documents`` with ``event_ids``
    (``;``-joined, in the events table's order)."""
    by_seg: dict[str, list[str]] = {}
    by_doc: dict[str, list[str]] = {}
    for ev, seg_ids, doc_ids in zip(events["event_id"], events["seg_ids"], events["doc_ids"]):
        for s in filter(None, seg_ids.split(";")):
            by_seg.setdefault(s, []).append(ev)
        for d in filter(None, doc_ids.split(";")):
            by_doc.setdefault(d, []).append(ev)
    segments = segments.copy()
    documents = documents.copy()
    segments["event_id"] = [";".join(by_seg.get(s, [])) for s in segments["seg_id"]]
    documents["event_ids"] = [";".join(by_doc.get(d, [])) for d in documents["doc_id"]]
    return segments, documents


def event_for(table: pd.DataFrame, partner: str) -> pd.Series:
    """Per row of a segments or sentences table, the id of ``partner``'s
    meeting among its ``event_id`` (ids start with ``<partner>:``); "" when the
    row belongs to none of that partner's meetings. Without an ``event_id``
    column, the row's ``doc_id`` (each article its own meeting)."""
    if "event_id" not in table:
        return table["doc_id"].astype(str)
    prefix = f"{partner}:"

    def pick(ids: str) -> str:
        return next((e for e in str(ids or "").split(";") if e.startswith(prefix)), "")
    return table["event_id"].map(pick)
