"""Agency tables: who raises which theme with which verb class, per partner, with
the sentence as evidence (built on :func:`analysis.framing.speakers.attribute_speakers`)."""
from __future__ import annotations

import pandas as pd

from ..config import Actors
from ..corpus.partners import counts_for
from .speakers import AGENCY_COLUMNS, attribute_speakers


def agency(sentences: pd.DataFrame, actors: Actors, sentence_themes: pd.DataFrame | None = None,
           themes: list[str] | None = None, include_boilerplate: bool = False, include_duplicates: bool = False,
           id_col: str = "unit_id", documents: pd.DataFrame | None = None,
           home_outlet: bool | None = None) -> pd.DataFrame:
    """Reporting verbs with speaker, side and the themes of their sentence.

    ``documents`` (``doc_id, outlet, dateline``) lets the speaker rules know
    whose outlet wrote each article and where the meeting was; ``home_outlet``
    forces the former rule (see :func:`analysis.framing.speakers.attribute_speakers`).
    ``meeting_id`` is the sentence's meeting (``event_id``; the article while the
    corpus has no meetings), the unit agency is counted in.

    Speakers are resolved over every non-boilerplate sentence of an article
    (so a pronoun after a duplicated paragraph still finds its antecedent);
    sentences that near-duplicate another article are then dropped unless
    ``include_duplicates``. ``sentence_themes``: a sentence-level theme matrix
    (``id_col`` = sent_id, one bool column per theme in ``themes``; default all
    bool columns). Returns ``AGENCY_COLUMNS``; ``themes`` is ``;``-joined (empty
    when none).
    """
    sents = sentences
    if "boilerplate" in sents and not include_boilerplate:
        sents = sents[~sents["boilerplate"].astype(bool)]
    out = attribute_speakers(sents, actors, documents=documents, home_outlet=home_outlet)
    if "duplicate_of" in sents and not include_duplicates:
        dup = set(sents.loc[sents["duplicate_of"].fillna("") != "", "sent_id"])
        out = out[~out["sent_id"].isin(dup)]
    theme_of = {}
    if sentence_themes is not None and len(sentence_themes):
        cols = themes or [c for c in sentence_themes.columns if sentence_themes[c].dtype == bool]
        cols = [c for c in cols if c in sentence_themes.columns]
        vals = sentence_themes[cols].astype(bool).to_numpy()
        for sid, row in zip(sentence_themes[id_col], vals):
            theme_of[sid] = ";".join(c for c, v in zip(cols, row) if v)
    out = out.assign(themes=[theme_of.get(s, "") for s in out["sent_id"]])
    keys = dict(zip(sents["sent_id"], sents["partners"].fillna(""))) if "partners" in sents else {}
    out = out.assign(partners=[keys.get(s, "") for s in out["sent_id"]])
    return out[AGENCY_COLUMNS].reset_index(drop=True)


def agency_crosstab(table: pd.DataFrame, themes: list[str] | None = None, sides: list[str] | None = None,
                    partners: list[str] | None = None) -> pd.DataFrame:
    """Theme x speaker side x verb class, counting *sentences* (a sentence with
    two verbs of one class by one side counts once) and verbs.

    Returns long rows ``theme, speaker_side, verb_class, n_sentences, n_verbs,
    example`` (the first sentence id as evidence). A verb in a sentence with no
    theme is counted under theme ``(none)``; ``themes`` restricts and orders
    the themes kept (``(none)`` is dropped then). With ``partners`` the rows
    are also split by the partner of the sentence (first column ``partner``;
    a sentence about ``both`` counts for each partner it names, see
    :func:`analysis.corpus.partners.counts_for`).
    """
    cols = ["theme", "speaker_side", "verb_class", "n_sentences", "n_verbs", "example"]
    keys = ["theme", "speaker_side", "verb_class"]
    if partners is not None:
        cols, keys = ["partner", *cols], ["partner", *keys]
    if table.empty:
        return pd.DataFrame(columns=cols)
    t = table.assign(theme=table["themes"].replace("", "(none)").str.split(";")).explode("theme")
    if partners is not None:
        named = t["partners"].fillna("") if "partners" in t else pd.Series("", index=t.index)
        t = t.assign(partner=[[p for p in partners if counts_for(lab, k, p)] for lab, k in zip(t["partner"], named)])
        t = t.explode("partner")
        t = t[t["partner"].isin(partners)]
    if themes is not None:
        t = t[t["theme"].isin(themes)]
    if sides is not None:
        t = t[t["speaker_side"].isin(sides)]
    if t.empty:
        return pd.DataFrame(columns=cols)
    g = t.groupby(keys, sort=False)
    out = g.agg(n_sentences=("sent_id", "nunique"), n_verbs=("sent_id", "size"), example=("sent_id", "first")).reset_index()
    order = {th: i for i, th in enumerate(themes or sorted(out["theme"].unique()))}
    out["_o"] = out["theme"].map(order)
    if partners is not None:
        out["_p"] = out["partner"].map({p: i for i, p in enumerate(partners)})
        out = out.sort_values(["_p", "_o", "theme", "speaker_side", "verb_class"], kind="mergesort").drop(columns="_p")
    else:
        out = out.sort_values(["_o", "theme", "speaker_side", "verb_class"], kind="mergesort")
    return out.drop(columns="_o").reset_index(drop=True)


def agency_evidence(table: pd.DataFrame, themes: list[str], partners: list[str] | None = None) -> pd.DataFrame:
    """The sentences behind the cross table for ``themes``: one row per (sentence,
    speaker side, verb class) on at least one of the themes, with the verbs,
    speaker and sentence; ordered by article and sentence."""
    cols = ["partner", "themes", "speaker_side", "verb_class", "verbs", "speaker_text", "sent_id", "sentence"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    keep = table["themes"].str.split(";").apply(lambda ts: bool(set(ts) & set(themes)))
    t = table[keep]
    if partners is not None:
        t = t[t["partner"].isin([*partners, "both"])]
    if t.empty:
        return pd.DataFrame(columns=cols)
    g = t.groupby(["sent_id", "speaker_side", "verb_class"], sort=False)
    out = g.agg(partner=("partner", "first"), themes=("themes", "first"),
                verbs=("verb", lambda v: ", ".join(dict.fromkeys(v))),
                speaker_text=("speaker_text", "first"), sentence=("sentence", "first")).reset_index()
    out["themes"] = out["themes"].map(lambda s: ";".join(x for x in s.split(";") if x in themes))
    return out.sort_values(["sent_id", "speaker_side", "verb_class"], kind="mergesort")[cols].reset_index(drop=True)
