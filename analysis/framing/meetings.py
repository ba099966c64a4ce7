"""The meeting of each row: the counting unit of salience, agency and labels.

A *meeting* is an event of the corpus (``event_id``, found by
:mod:`analysis.corpus` from articles reporting the same partner on the same days).
While a corpus table has no ``event_id`` column, every article counts as its own
meeting (``doc_id``) and the tables say so in their ``meeting_source`` column, so
the framing stage runs on either. A row whose ``event_id`` is empty belongs to no
meeting: it counts for articles and paragraphs, not for meetings.

Public names: ``meeting_ids``, ``meeting_source_note``.
"""
from __future__ import annotations

import pandas as pd

#: the column a meeting id is read from, per source
SOURCES = {"event_id": "meetings found in the corpus (event_id)",
           "doc_id": "articles (the corpus has no meetings table: each article counts as one meeting)"}


def meeting_ids(df: pd.DataFrame) -> tuple[pd.Series, str]:
    """``(meeting id per row, source)``: ``event_id`` when ``df`` has that column
    (empty string = no meeting), else ``doc_id`` (source ``"doc_id"``)."""
    if "event_id" in df.columns:
        return df["event_id"].fillna("").astype(str), "event_id"
    return df["doc_id"].astype(str), "doc_id"


def meeting_source_note(source: str) -> str:
    """What "meeting" means in a table whose ``meeting_source`` is ``source``."""
    return SOURCES.get(source, source)
