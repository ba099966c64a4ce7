"""The closing summary of the framing section: partners side by side, in words.

:func:`summary_table` turns the framing tables (salience, keyness, relationship
labels, agency, asks and answers) into one row per claim and one column per
partner; every cell is a sentence a reader can quote, with the counts it rests
on, and the ``source`` column names the CSV (under the report's ``data/``) that
backs it. It says no more than the tables do: a share names its denominator and
interval, a comparison on too few meetings says so, distinctive terms are named
only when they pass the false-discovery threshold.

Public names: ``summary_table``, ``salience_rows``, ``keyness_rows``,
``label_rows``, ``agency_rows``, ``asks_rows``, ``partners_note``.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.partners import partner_mask
from ..markup import md_escape
from .keyness import top_terms
from .salience import counts_phrase


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _and(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _unit_rows(salience: pd.DataFrame, p: str, t: str) -> dict[str, pd.Series]:
    sub = salience[(salience["partner"] == p) & (salience["theme"] == t)]
    return {r["level"]: r for _, r in sub.iterrows()}


def salience_rows(salience: pd.DataFrame, partners: list[str], themes: list[str], labels: dict[str, str],
                  partner_labels: dict[str, str], min_meetings: int = 5) -> list[dict]:
    """One row per theme (meetings, then articles and paragraphs, each with its
    count and, for meetings and articles, its interval), plus the comparison
    row: the themes found for one partner only, or "too few meetings to
    compare" with the counts."""
    rows = []
    source = salience["meeting_source"].iloc[0] if len(salience) and "meeting_source" in salience else "doc_id"
    for t in themes:
        label = labels.get(t, t)
        row = {"axis": "salience", "claim": f"Meetings, articles and paragraphs on {label}",
               "source": "data/salience.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            r = _unit_rows(salience, p, t)
            if not r or r["paragraph"]["n"] == 0:
                row[p] = f"No {name} paragraphs to count."
                continue
            if source == "event_id":
                first = f"{label} comes up in {counts_phrase(r['meeting'], qualifier=name)}"
            else:
                first = (f"{label} comes up in {counts_phrase(r['article'], qualifier=name)} (meetings are not "
                         "identified in this corpus: each article counts as one)")
            rest = [counts_phrase(r["article"])] if source == "event_id" else []
            rest.append(counts_phrase(r["paragraph"]))
            row[p] = f"{first}; {_and(rest)}."
        rows.append(row)
    if len(partners) >= 2:
        rows.append(_comparison_row(salience, partners, themes, labels, partner_labels, min_meetings, source))
    return rows


def _comparison_row(salience, partners, themes, labels, partner_labels, min_meetings, source) -> dict:
    level = "meeting" if source == "event_id" else "article"
    unit = "meeting" if source == "event_id" else "article"
    row = {"axis": "salience", "claim": "Main themes raised for this partner only", "source": "data/salience.csv"}
    sub = salience[salience["level"] == level]
    k = sub.set_index(["partner", "theme"])["k"]
    n_meet = {p: int(sub.loc[sub["partner"] == p, "n_meetings"].max()) if (sub["partner"] == p).any() else 0
              for p in partners}
    present = [p for p in partners if n_meet[p] > 0]   # a partner no article reports is left out
    few = [p for p in present if n_meet[p] < min_meetings]
    other = "the other" if len(present) <= 2 else "the others"
    for p in partners:
        name = partner_labels.get(p, p)
        if p not in present:
            row[p] = f"No {unit} with {name} in this corpus: nothing to compare."
            continue
        only = [t for t in themes if k.get((p, t), 0) > 0 and all(k.get((q, t), 0) == 0 for q in present if q != p)]
        n_p = int(sub.loc[(sub["partner"] == p), "n"].max()) if (sub["partner"] == p).any() else 0
        counted = [f"{labels.get(t, t)} ({int(k[(p, t)])} of {_plural(n_p, unit)})" for t in only]
        if few:
            counts = "; ".join(f"{_plural(n_meet[q], unit)} with {partner_labels.get(q, q)}" for q in present)
            row[p] = (f"Too few {unit}s to compare ({counts}; at least {min_meetings} each are needed). "
                      + (f"Found in the {name} coverage and not {other}: {_and(counted)}."
                         if counted else f"No main theme is found for {name} alone."))
        else:
            row[p] = (f"Only in the {name} coverage: {_and(counted)}." if counted
                      else f"No main theme is found for {name} alone.")
    return row


def keyness_rows(keyness: pd.DataFrame, partners: list[str], partner_labels: dict[str, str], n_terms: int = 8,
                 fdr_q: float = 0.1) -> list[dict]:
    """The distinctive terms of each partner: named only when they pass the
    Benjamini–Hochberg threshold; otherwise the cell says that none did, and
    gives the counts (terms compared, tokens per side, the strongest term)."""
    row = {"axis": "distinctive vocabulary", "claim": f"Distinctive terms (weighted log-odds, BH q ≤ {fdr_q:g})",
           "source": "data/keyness.csv"}
    for p in partners:
        name = partner_labels.get(p, p)
        if len(partners) < 2:
            row[p] = "Not computed: distinctive vocabulary needs two partners."
            continue
        if keyness is None or keyness.empty:
            row[p] = "No term reaches the minimum count in both partners' paragraphs taken together."
            continue
        sig = top_terms(keyness, p, n=n_terms, significant_only=True)
        comp = keyness[(keyness["group"] == p) | (keyness["reference"] == p)]
        n_terms_compared = len(comp)
        own_tokens = int(comp["n_i"].iloc[0] if (comp["group"] == p).any() else comp["n_j"].iloc[0]) if len(comp) else 0
        if len(sig):
            terms = ", ".join(f"“{t}” (z = {z:.1f}, {int(yi if g == p else yj)} vs {int(yj if g == p else yi)})"
                              for t, z, g, yi, yj in zip(sig["term"], sig["z_for"], sig["group"], sig["y_i"],
                                                         sig["y_j"]))
            n_sig = len(top_terms(keyness, p, n=10 ** 9, significant_only=True))
            row[p] = (f"{_plural(n_sig, 'term')} distinctive of {name} pass the threshold, of "
                      f"{n_terms_compared:,} compared: {terms}.")
            continue
        top = top_terms(keyness, p, n=1)
        strongest = ""
        if len(top):
            r = top.iloc[0]
            mine, theirs = (r["y_i"], r["y_j"]) if r["group"] == p else (r["y_j"], r["y_i"])
            strongest = (f"; the strongest lean is “{r['term']}” ({int(mine)} vs {int(theirs)} uses, "
                         f"z = {r['z_for']:.1f}, q = {r['q']:.2f})")
        row[p] = (f"No distinctive term of {name} passes the threshold: {n_terms_compared:,} terms compared on "
                  f"{own_tokens:,} {name} tokens{strongest}.")
    return [row]


def label_rows(timeline: pd.DataFrame, partners: list[str], partner_labels: dict[str, str],
               home_name: str = "the home country") -> list[dict]:
    """The labels each partner's relationship is given, quoted, with article
    counts and dates: an upgrade dated by the event its sentence names, an
    aspiration called one, a rank saying who ranks whom."""
    out = []
    specs = ((("status", "upgrade", "aspiration"), "What the relationship is called"),
             (("rank", "anniversary"), "Rank and anniversaries mentioned"))
    for kinds, claim in specs:
        row = {"axis": "relationship labels", "claim": claim, "source": "data/relationship_labels.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            sub = timeline[(timeline["partner"] == p) & timeline["kind"].isin(kinds)] if len(timeline) else timeline
            if sub is None or sub.empty:
                row[p] = f"No such label in the {name} coverage."
                continue
            parts = []
            keys = ["label", "kind", "whose"] if "whose" in sub else ["label", "kind"]
            for key, g in sub.groupby(keys, sort=False):
                lab, kind = key[0], key[1]
                whose = key[2] if len(key) > 2 else "both"
                dates = sorted(d for d in g["date"] if d)
                docs = {d for ids in g["doc_ids"] for d in ids.split(";")}
                when = (f"{dates[0]}" if dates and dates[0] == dates[-1] else
                        f"{dates[0]} to {dates[-1]}" if dates else "undated")
                if kind == "upgrade" and "date_source" in g and (g["date_source"] == "sentence").all():
                    when = f"dated {when} by its own sentence"
                what = {"upgrade": "an upgrade", "aspiration": "an aspiration, not an upgrade",
                        "rank": {"partner on home": f"{name}'s rank of {home_name}",
                                 "home on partner": f"{home_name}'s rank of {name}"}.get(whose, "who ranks whom unclear")
                        }.get(kind)
                parts.append(f"“{lab}” (" + (f"{what}; " if what else "") + f"{_plural(len(docs), 'article')}, {when})")
            row[p] = f"{name}: " + "; ".join(parts) + "."
        out.append(row)
    return out


_CLASS_WORDS = {"request": ("request", "requests"), "pledge": ("pledge", "pledges"),
                "hedge": ("hedge (a hope or an intention, no commitment)", "hedges (hopes or intentions, no commitment)")}


def agency_rows(agency: pd.DataFrame, partners: list[str], home: str, labels: dict[str, str],
                partner_labels: dict[str, str], home_label: str, themes: list[str],
                unit: str = "meeting") -> list[dict]:
    """Who asks, who pledges and who only hedges, per partner, with the themes
    of those sentences and the meetings they come from.

    A sentence belongs to a partner when its ``partner`` is that key, or
    ``both`` naming it (:func:`analysis.corpus.partners.partner_mask`).
    """
    out = []
    specs = [(home, "request", f"Requests by the {home_label} side"),
             ("partner", "pledge", "Pledges by the partner (it commits)"),
             ("partner", "hedge", "Hedges by the partner (hopes, intentions, will consider)"),
             ("partner", "request", "Requests by the partner")]
    meet_col = "meeting_id" if "meeting_id" in agency else "doc_id"
    for who, cls, claim in specs:
        row = {"axis": "agency", "claim": claim, "source": "data/agency.csv"}
        for p in partners:
            name = partner_labels.get(p, p)
            side = home if who == home else p
            speaker = f"the {home_label} side" if who == home else name
            sub = agency[partner_mask(agency, p) & (agency["speaker_side"] == side)
                         & (agency["verb_class"] == cls)] if len(agency) else agency
            n = sub["sent_id"].nunique() if len(sub) else 0
            if n == 0:
                row[p] = f"No {_CLASS_WORDS[cls][0].split(' (')[0]} by {speaker} found in the {name} coverage."
                continue
            n_meet = sub[meet_col].nunique()
            counts = []
            for t in themes:
                k = sub.loc[sub["themes"].str.split(";").apply(lambda ts, t=t: t in ts), "sent_id"].nunique()
                if k:
                    counts.append(f"{labels.get(t, t)} ({k})")
            verbs = ", ".join(pd.Series(sub["verb"].str.lower()).value_counts().sort_index().index[:5])
            what = f"; on the main themes: {_and(counts)}" if counts else "; none on a main theme"
            row[p] = (f"{speaker[0].upper()}{speaker[1:]} makes {_plural(n, 'sentence')} of "
                      f"{_CLASS_WORDS[cls][1]} in {_plural(n_meet, unit)} ({verbs}){what}.")
        out.append(row)
    return out


def asks_rows(asks: pd.DataFrame | None, partners: list[str], home: str, labels: dict[str, str],
              partner_labels: dict[str, str], home_label: str, themes: list[str] | None = None,
              unit: str = "meeting") -> list[dict]:
    """A line per partner from :func:`analysis.framing.asks.asks_summary`: what
    the home side asked, in how many meetings, and how it was answered."""
    from .asks import asks_sentences

    row = {"axis": "asks and answers",
           "claim": f"What the {home_label} side asked, and how the partner answered in the same meeting",
           "source": "data/asks_answers.csv"}
    row2 = {"axis": "asks and answers", "claim": f"What the partner asked, and how the {home_label} side answered",
            "source": "data/asks_answers.csv"}
    if asks is not None and themes is not None and len(asks):
        asks = asks[asks["theme"].isin(themes)]
    for p in partners:
        row[p] = asks_sentences(asks, home, p, labels, partner_labels, unit)
        row2[p] = asks_sentences(asks, p, home, labels, partner_labels, unit)
    return [row, row2]


def summary_table(salience: pd.DataFrame, keyness: pd.DataFrame | None, label_timeline: pd.DataFrame,
                  agency: pd.DataFrame, partners: list[str], themes: list[str], home: str = "vietnam",
                  theme_labels: dict[str, str] | None = None, partner_labels: dict[str, str] | None = None,
                  home_label: str = "Vietnamese", n_terms: int = 8, fdr_q: float = 0.1,
                  asks: pd.DataFrame | None = None, min_meetings: int = 5,
                  home_name: str | None = None) -> pd.DataFrame:
    """Partners side by side on the framing axes.

    In: the outputs of :func:`analysis.framing.salience.salience`,
    :func:`analysis.framing.keyness.keyness` (None or empty with one partner),
    :func:`analysis.framing.labels.label_timeline`,
    :func:`analysis.framing.agency.agency` and (optionally)
    :func:`analysis.framing.asks.asks_answers`; the partner keys, the (main)
    theme keys; ``home_label`` the home adjective ("Vietnamese"), ``home_name``
    its name ("Viet Nam"); ``min_meetings`` the fewest meetings per partner a
    comparison needs. Out: columns ``axis, claim, <one per partner>, source``;
    each cell a quotable sentence with its numbers.
    """
    theme_labels = theme_labels or {}
    partner_labels = partner_labels or {}
    home_name = home_name or partner_labels.get(home, home_label)
    source = salience["meeting_source"].iloc[0] if len(salience) and "meeting_source" in salience else "doc_id"
    unit = "meeting" if source == "event_id" else "article"
    rows = (salience_rows(salience, partners, themes, theme_labels, partner_labels, min_meetings)
            + keyness_rows(keyness, partners, partner_labels, n_terms, fdr_q)
            + label_rows(label_timeline, partners, partner_labels, home_name)
            + agency_rows(agency, partners, home, theme_labels, partner_labels, home_label, themes, unit))
    if asks is not None:
        rows += asks_rows(asks, partners, home, theme_labels, {**partner_labels, home: home_name}, home_label,
                          themes, unit)
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
