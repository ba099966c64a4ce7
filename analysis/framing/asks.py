"""Asks and answers: within one meeting, each request of one side paired with the
other side's response on the same theme.

In: the agency table (:func:`analysis.framing.agency.agency`: one row per
reporting verb with ``meeting_id``, ``partner``/``partners``, ``speaker_side``,
``verb_class``, ``themes`` and the sentence). For every meeting, partner p and
theme t, the requests on t by the home side are answered by what p's side says
on t in the same meeting (and p's requests by the home side's), the most
committal first:

- ``pledge``: the answering side commits ("affirmed that Japan will increase ...");
- ``agree``: both sides agree on it ("the two sides agreed to ...") or the
  answering side agrees;
- ``hedge``: a hope, an intention, "will consider" — non-committal;
- ``assert``: a statement on the theme without commitment;
- ``none``: the meeting's coverage reports no answer on that theme.

A row keeps both sentences (the first of each, with every sentence id), so the
pairing can be checked in one click. Meetings are the corpus's (``event_id``);
without a meetings table each article is one (:mod:`analysis.framing.meetings`).

Public names: ``ASKS_COLUMNS``, ``asks_answers``, ``asks_summary``, ``asks_sentences``.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.partners import counts_for
from .meetings import pick_meeting

ASKS_COLUMNS = ["meeting_id", "partner", "asker", "answerer", "theme", "n_asks", "ask_verbs", "ask_sentence",
                "ask_sent_ids", "answer", "answer_classes", "answer_verbs", "answer_sentence", "answer_sent_ids",
                "answer_order", "doc_ids"]
#: the answers, most committal first
ANSWERS = ("pledge", "agree", "hedge", "assert")
ANSWER_WORDS = {"pledge": "a commitment (pledge)", "agree": "an agreement",
                "hedge": "non-committal (a hope or an intention, no commitment)",
                "assert": "a statement without commitment", "none": "no answer reported"}


def _order(key: str) -> tuple:
    return tuple(key.split(":"))


def asks_answers(agency: pd.DataFrame, partners: list[str], home: str, themes: list[str] | None = None) -> pd.DataFrame:
    """One row per (meeting, partner, asking side, theme) with a request: the
    answer class found (``ANSWERS`` or ``none``), every class the answering side
    used on the theme (``answer_classes``), the evidence sentences and ids, and
    whether the answer comes ``after`` or ``before`` the first request in
    reading order (``same`` sentence). ``themes`` restricts and orders the
    themes (default: every theme in the table)."""
    if agency is None or agency.empty:
        return pd.DataFrame(columns=ASKS_COLUMNS)
    meet_col = "meeting_id" if "meeting_id" in agency else "doc_id"
    t = agency.assign(theme=agency["themes"].fillna("").str.split(";")).explode("theme")
    t = t[t["theme"] != ""]
    if themes is not None:
        t = t[t["theme"].isin(themes)]
    named = t["partners"].fillna("") if "partners" in t else pd.Series("", index=t.index)
    t = t.assign(_p=[[p for p in partners if counts_for(lab, k, p)] for lab, k in zip(t["partner"], named)])
    t = t.explode("_p")
    t = t[t["_p"].isin(partners)]
    # a sentence of an article reporting two meetings belongs to each partner's own meeting
    t = t.assign(**{meet_col: [pick_meeting(m, p) for m, p in zip(t[meet_col], t["_p"])]})
    t = t[t[meet_col] != ""]
    order = {th: i for i, th in enumerate(themes or sorted(t["theme"].unique()))}
    rows = []
    for (meet, p, theme), g in t.groupby([meet_col, "_p", "theme"], sort=False):
        for asker, answerer in ((home, p), (p, home)):
            asks = g[(g["speaker_side"] == asker) & (g["verb_class"] == "request")]
            if asks.empty:
                continue
            resp = g[((g["speaker_side"] == answerer) & g["verb_class"].isin(ANSWERS))
                     | ((g["speaker_side"] == "both") & (g["verb_class"] == "agree"))]
            first_ask = min(asks["sent_id"], key=_order)
            row = {"meeting_id": meet, "partner": p, "asker": asker, "answerer": answerer, "theme": theme,
                   "n_asks": asks["sent_id"].nunique(),
                   "ask_verbs": ", ".join(dict.fromkeys(asks["verb"].str.lower())),
                   "ask_sentence": asks.loc[asks["sent_id"] == first_ask, "sentence"].iloc[0],
                   "ask_sent_ids": ";".join(sorted(set(asks["sent_id"]), key=_order))}
            if resp.empty:
                row.update(answer="none", answer_classes="", answer_verbs="", answer_sentence="",
                           answer_sent_ids="", answer_order="")
            else:
                classes = [c for c in ANSWERS if c in set(resp["verb_class"])]
                best = classes[0]
                best_rows = resp[resp["verb_class"] == best]
                first = min(best_rows["sent_id"], key=_order)
                row.update(answer=best, answer_classes=";".join(classes),
                           answer_verbs=", ".join(dict.fromkeys(best_rows["verb"].str.lower())),
                           answer_sentence=best_rows.loc[best_rows["sent_id"] == first, "sentence"].iloc[0],
                           answer_sent_ids=";".join(sorted(set(resp["sent_id"]), key=_order)),
                           answer_order=("same" if first == first_ask else
                                         "after" if _order(first) > _order(first_ask) else "before"))
            row["doc_ids"] = ";".join(sorted(set(g["doc_id"])))
            rows.append(row)
    out = pd.DataFrame(rows, columns=ASKS_COLUMNS)
    if out.empty:
        return out
    pos = {p: i for i, p in enumerate(partners)}
    out = out.assign(_p=out["partner"].map(pos), _t=out["theme"].map(order),
                     _a=(out["asker"] != home).astype(int))
    out = out.sort_values(["_p", "_a", "_t", "meeting_id"], kind="mergesort").drop(columns=["_p", "_t", "_a"])
    return out.reset_index(drop=True)


def asks_summary(asks: pd.DataFrame) -> pd.DataFrame:
    """Per partner, asking side and theme: meetings with a request and how many
    got each answer (``pledge, agree, hedge, assert, none`` counts)."""
    cols = ["partner", "asker", "answerer", "theme", "n_meetings", *ANSWERS, "none"]
    if asks is None or asks.empty:
        return pd.DataFrame(columns=cols)
    g = asks.groupby(["partner", "asker", "answerer", "theme"], sort=False)
    out = g["meeting_id"].nunique().rename("n_meetings").reset_index()
    counts = asks.pivot_table(index=["partner", "asker", "answerer", "theme"], columns="answer",
                              values="meeting_id", aggfunc="nunique", fill_value=0)
    for c in (*ANSWERS, "none"):
        out[c] = [int(counts.at[tuple(k), c]) if c in counts.columns else 0
                  for k in out[["partner", "asker", "answerer", "theme"]].to_numpy()]
    return out[cols]


def asks_sentences(asks: pd.DataFrame | None, asker: str, answerer: str, theme_labels: dict[str, str],
                   side_labels: dict[str, str], unit: str = "meeting") -> str:
    """One sentence a reader can quote: "Viet Nam asked Japan about Visas and
    entry in 2 meetings: Japan's answer was non-committal (...) in 1, no answer
    reported in 1; ..." (the partner's name is whichever side is not the home)."""
    a, b = side_labels.get(asker, asker), side_labels.get(answerer, answerer)
    summary = asks_summary(asks)
    sub = summary[(summary["asker"] == asker) & (summary["answerer"] == answerer)] if len(summary) else summary
    if sub is None or sub.empty:
        return f"No request by {a} to {b} found on a theme of the codebook."
    parts = []
    for _, r in sub.iterrows():
        n = int(r["n_meetings"])
        answers = [f"{b}'s answer was {ANSWER_WORDS[c]} in {int(r[c])}" if c != "none"
                   else f"no answer reported in {int(r[c])}" for c in (*ANSWERS, "none") if r[c]]
        parts.append(f"{theme_labels.get(r['theme'], r['theme'])} in {n} {unit}{'s' if n != 1 else ''} "
                     f"({'; '.join(answers)})")
    return f"{a} asked {b} about " + "; ".join(parts) + "."


def asks_note(asks: pd.DataFrame, partners: list[str], home: str, theme_labels: dict[str, str],
              side_labels: dict[str, str]) -> str:
    """Markdown: for each partner, what the home side asked and how it was
    answered, and the reverse (the sentences of :func:`asks_sentences`)."""
    from ..markup import md_escape

    if asks is None or asks.empty:
        return "No request on a theme of the codebook was found in any meeting."
    lines = []
    for p in partners:
        for a, b in ((home, p), (p, home)):
            lines.append(f"- {md_escape(asks_sentences(asks, a, b, theme_labels, side_labels))}")
    return "\n".join(lines)
