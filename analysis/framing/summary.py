"""The closing summary of the framing section: partners side by side, in words.

:func:`summary_table` turns the four framing tables (salience, keyness,
relationship labels, agency) into one row per claim and one column per
partner; every cell is a sentence a reader can quote, and the ``source``
column names the CSV (under the report's ``data/``) that backs it.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.partners import partner_mask
from ..markup import md_escape
from .keyness import top_terms


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _and(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def salience_rows(salience: pd.DataFrame, partners: list[str], themes: list[str], labels: dict[str, str],
                  partner_labels: dict[str, str]) -> list[dict]:
    """One row per theme (paragraph share with CI, article count), plus a row
    naming the themes found for one partner only."""
    rows = []
    para = salience[salience["level"] == "paragraph"].set_index(["partner", "theme"])
    art = salience[salience["level"] == "article"].set_index(["partner", "theme"])
    for t in themes:
        row = {"axis": "salience", "claim": f"Paragraphs and articles on {labels.get(t, t)}",
               "source": "data/salience.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            if (p, t) not in para.index or para.at[(p, t), "n"] == 0:
                row[p] = f"No {name} paragraphs to count."
                continue
            r, a = para.loc[(p, t)], art.loc[(p, t)]
            row[p] = (f"{labels.get(t, t)} appears in {int(r['k'])} of {int(r['n'])} {name} paragraphs "
                      f"({_pct(r['share'])}, {r['ci']:.0%} CI {_pct(r['ci_low'])}–{_pct(r['ci_high'])}) "
                      f"and in {int(a['k'])} of {_plural(int(a['n']), 'article')}.")
        rows.append(row)
    if len(partners) >= 2:
        row = {"axis": "salience", "claim": "Main themes raised for this partner only",
               "source": "data/salience.csv"}
        for p in partners:
            only = [t for t in themes
                    if (p, t) in para.index and para.at[(p, t), "k"] > 0
                    and all(para.at[(q, t), "k"] == 0 for q in partners if q != p and (q, t) in para.index)]
            name = partner_labels.get(p, p)
            row[p] = (f"Only in the {name} coverage: {_and([labels.get(t, t) for t in only])}." if only
                      else f"No main theme is found for {name} alone.")
        rows.append(row)
    return rows


def keyness_rows(keyness: pd.DataFrame, partners: list[str], partner_labels: dict[str, str], n_terms: int = 8,
                 fdr_q: float = 0.1) -> list[dict]:
    """The most distinctive terms of each partner (z, oriented to the partner)."""
    row = {"axis": "distinctive vocabulary", "claim": "Most distinctive terms (weighted log-odds z)",
           "source": "data/keyness.csv"}
    for p in partners:
        name = partner_labels.get(p, p)
        if len(partners) < 2:
            row[p] = "Not computed: distinctive vocabulary needs two partners."
            continue
        if keyness is None or keyness.empty:
            row[p] = "No term reaches the minimum count in both partners' paragraphs taken together."
            continue
        top = top_terms(keyness, p, n=n_terms)
        if top.empty:
            row[p] = f"No term is more frequent in the {name} paragraphs than the prior expects."
            continue
        sig = top_terms(keyness, p, n=10 ** 9, significant_only=True)
        terms = ", ".join(f"{t} ({z:.1f})" for t, z in zip(top["term"], top["z_for"]))
        row[p] = (f"Words most typical of {name}: {terms}; {len(sig)} term(s) significant at "
                  f"BH q ≤ {fdr_q:g}.")
    return [row]


def label_rows(timeline: pd.DataFrame, partners: list[str], partner_labels: dict[str, str]) -> list[dict]:
    """The labels each partner's relationship is given, with dates and article counts."""
    out = []
    for kinds, claim in ((("partnership", "upgrade"), "What the relationship is called"),
                         (("partner_rank", "anniversary"), "Rank and anniversaries mentioned")):
        row = {"axis": "relationship labels", "claim": claim, "source": "data/relationship_labels.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            sub = timeline[(timeline["partner"] == p) & timeline["kind"].isin(kinds)] if len(timeline) else timeline
            if sub is None or sub.empty:
                row[p] = f"No such label in the {name} coverage."
                continue
            parts = []
            for lab, g in sub.groupby("label", sort=False):
                dates = sorted(d for d in g["date"] if d)
                docs = {d for ids in g["doc_ids"] for d in ids.split(";")}
                when = (f"{dates[0]}" if dates and dates[0] == dates[-1] else
                        f"{dates[0]} to {dates[-1]}" if dates else "undated")
                parts.append(f"“{lab}” ({_plural(len(docs), 'article')}, {when})")
            row[p] = f"{name}: " + "; ".join(parts) + "."
        out.append(row)
    return out


def agency_rows(agency: pd.DataFrame, partners: list[str], home: str, labels: dict[str, str],
                partner_labels: dict[str, str], home_label: str, themes: list[str]) -> list[dict]:
    """Who asks and who pledges, per partner, with the themes of those sentences.

    A sentence belongs to a partner when its ``partner`` is that key, or
    ``both`` naming it (:func:`analysis.corpus.partners.partner_mask`).
    """
    out = []
    specs = [(home, "request", f"Requests by the {home_label} side"),
             ("partner", "pledge", "Pledges and commitments by the partner"),
             ("partner", "request", "Requests by the partner")]
    for who, cls, claim in specs:
        row = {"axis": "agency", "claim": claim, "source": "data/agency.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            side = home if who == home else p
            speaker = f"the {home_label if who == home else name} side"
            sub = agency[partner_mask(agency, p) & (agency["speaker_side"] == side)
                         & (agency["verb_class"] == cls)] if len(agency) else agency
            n = sub["sent_id"].nunique() if len(sub) else 0
            if n == 0:
                row[p] = f"No {cls} by {speaker} found in the {name} coverage."
                continue
            counts = []
            for t in themes:
                k = sub.loc[sub["themes"].str.split(";").apply(lambda ts, t=t: t in ts), "sent_id"].nunique()
                if k:
                    counts.append(f"{labels.get(t, t)} ({k})")
            verbs = ", ".join(pd.Series(sub["verb"].str.lower()).value_counts().sort_index().index[:5])
            what = f"; main themes among them: {_and(counts)}" if counts else "; none on a main theme"
            row[p] = (f"{speaker[0].upper()}{speaker[1:]} makes {_plural(n, cls + ' sentence')} in the {name} "
                      f"coverage ({verbs}){what}.")
        out.append(row)
    return out


def summary_table(salience: pd.DataFrame, keyness: pd.DataFrame | None, label_timeline: pd.DataFrame,
                  agency: pd.DataFrame, partners: list[str], themes: list[str], home: str = "vietnam",
                  theme_labels: dict[str, str] | None = None, partner_labels: dict[str, str] | None = None,
                  home_label: str = "Vietnamese", n_terms: int = 8, fdr_q: float = 0.1) -> pd.DataFrame:
    """Partners side by side on the four axes.

    In: the outputs of :func:`analysis.framing.salience.salience`,
    :func:`analysis.framing.keyness.keyness` (None or empty with one partner),
    :func:`analysis.framing.labels.label_timeline` and
    :func:`analysis.framing.agency.agency`; the partner keys, the (main) theme keys.
    Out: columns ``axis, claim, <one per partner>, source``; each cell a
    quotable sentence with its numbers.
    """
    theme_labels = theme_labels or {}
    partner_labels = partner_labels or {}
    rows = (salience_rows(salience, partners, themes, theme_labels, partner_labels)
            + keyness_rows(keyness, partners, partner_labels, n_terms, fdr_q)
            + label_rows(label_timeline, partners, partner_labels)
            + agency_rows(agency, partners, home, theme_labels, partner_labels, home_label, themes))
    return pd.DataFrame(rows, columns=["axis", "claim", *partners, "source"])


def partners_note(partners: list[str], partner_labels: dict[str, str] | None = None) -> str:
    """Markdown saying which partners are compared (and what is left out with one)."""
    partner_labels = partner_labels or {}
    names = [md_escape(partner_labels.get(p, p)) for p in partners]
    if len(partners) == 0:
        return "**No partner is selected**, so there is nothing to compare."
    if len(partners) == 1:
        return (f"**Only one partner ({names[0]}) is selected.** Salience, relationship labels and agency are "
                "shown for it alone; distinctive vocabulary needs a second partner to compare with and is "
                "left out. Add partners in `partners.yaml` or the `partners` parameter to compare.")
    if len(partners) == 2:
        return f"Partners compared: **{names[0]}** and **{names[1]}**."
    return (f"Partners compared: {', '.join(f'**{n}**' for n in names)}; distinctive vocabulary sets "
            "each partner against all the others together.")
