"""The meeting of each row: the counting unit of salience, agency and labels.

A *meeting* is an event of the corpus (``event_id``, found by
:mod:`analysis.corpus.events` from articles reporting the same partner on the
same days). A paragraph of an article that reports two meetings and names both
partners carries both ids (``;``-joined): it counts for each partner's own
meeting (:func:`analysis.corpus.event_for`). While a corpus table has no
``event_id`` column, every article counts as its own meeting (``doc_id``) and the
tables say so in their ``meeting_source`` column, so the framing stage runs on
either. A row whose ``event_id`` is empty belongs to no meeting: it counts for
articles and paragraphs, not for meetings.

Public names: ``meeting_ids``, ``pick_meeting``, ``meeting_source_note``.
"""
from __future__ import annotations

import pandas as pd

from ..corpus import event_for

#: the column a meeting id is read from, per source
SOURCES = {"event_id": "meetings found in the corpus (event_id)",
           "doc_id": "articles (the corpus has no meetings table: each article counts as one meeting)"}


def meeting_ids(df: pd.DataFrame, partner: str | None = None) -> tuple[pd.Series, str]:
    """``(meeting id per row, source)``: with an ``event_id`` column, the id of
    ``partner``'s meeting among the row's ids ("" when none; every id when no
    partner is given), source ``"event_id"``; without one, ``doc_id`` (source
    ``"doc_id"``)."""
    if "event_id" in df.columns:
        if partner is None:
            return df["event_id"].fillna("").astype(str), "event_id"
        return event_for(df, partner).fillna("").astype(str), "event_id"
    return df["doc_id"].astype(str), "doc_id"


def pick_meeting(ids: str, partner: str) -> str:
    """``partner``'s meeting among ``;``-joined meeting ids (ids of the corpus
    start with ``<partner>:``); a single id that is not of that form (an article
    standing for its meeting) is returned as it is."""
    parts = [p for p in str(ids or "").split(";") if p]
    if len(parts) <= 1 and not any(":" in p for p in parts):
        return parts[0] if parts else ""
    return next((p for p in parts if p.startswith(f"{partner}:")), "")


def meeting_source_note(source: str) -> str:
    """What "meeting" means in a table whose ``meeting_source`` is ``source``."""
    return SOURCES.get(source, source)
