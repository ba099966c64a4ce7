"""Tables that describe a loaded corpus (for the corpus section of a report)."""
from __future__ import annotations

import pandas as pd


def corpus_overview(documents: pd.DataFrame, segments: pd.DataFrame,
                    events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One-row-per-measure table: articles, meetings, dated range, outlets,
    partners, paragraphs, headlines, boilerplate and near-duplicate paragraphs."""
    dated = documents.loc[documents["date"] != "", "date"]
    units = segments["unit"] if "unit" in segments else pd.Series("paragraph", index=segments.index)
    paras = units == "paragraph"
    rows = [("articles", len(documents))]
    if events is not None:
        per = events["partner"].value_counts()
        rows.append(("meetings", f"{len(events)} (" + ", ".join(f"{k} {v}" for k, v in per.items()) + ")"
                     if len(events) else "0"))
    if "published" in documents:
        for col, label in (("published", "publication date known"), ("event_date", "event date known")):
            rows.append((label, f"{int((documents[col] != '').sum())} of {len(documents)}"))
    rows += [
        ("dated articles", f"{len(dated)} ({dated.min()} to {dated.max()})" if len(dated) else "0"),
        ("outlets", ", ".join(f"{k} ({v})" for k, v in documents["outlet"].value_counts().sort_index().items())),
        ("articles per partner", ", ".join(f"{k} ({v})" for k, v in documents["partner"].value_counts().sort_index().items())),
        ("paragraphs", int(paras.sum())),
        ("headlines (their own unit; copies above photos linked to the first)", int((units == "headline").sum())),
        ("boilerplate paragraphs (flagged, kept)", int(segments["boilerplate"].sum())),
        ("near-duplicate paragraphs (linked to an earlier article)",
         int(((segments["duplicate_of"] != "") & paras).sum())),
        ("articles that copy another as a whole", int((documents["duplicate_of"] != "").sum())),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"]).astype({"value": str})


def boilerplate_counts(segments: pd.DataFrame) -> pd.DataFrame:
    """Flagged paragraphs per article and kind (long form: doc_id, kind, n)."""
    bp = segments[segments["boilerplate"]]
    out = bp.groupby(["doc_id", "boilerplate_kind"]).size().rename("n").reset_index()
    return out.rename(columns={"boilerplate_kind": "kind"}).sort_values(["doc_id", "kind"], kind="stable")


def boilerplate_examples(segments: pd.DataFrame, per_kind: int = 3, width: int = 120) -> pd.DataFrame:
    """Up to ``per_kind`` distinct examples of each boilerplate kind, with where they are."""
    bp = segments[segments["boilerplate"]].drop_duplicates(["boilerplate_kind", "text"])
    ex = bp.groupby("boilerplate_kind", sort=True).head(per_kind)
    return pd.DataFrame({"kind": ex["boilerplate_kind"], "seg_id": ex["seg_id"],
                         "text": ex["text"].str.slice(0, width)}).reset_index(drop=True)


def duplicate_pairs(segments: pd.DataFrame, width: int = 100) -> pd.DataFrame:
    """Each near-duplicate paragraph beside the earlier paragraph it repeats."""
    dup = segments[segments["duplicate_of"] != ""]
    src = segments.set_index("seg_id")["text"]
    return pd.DataFrame({
        "seg_id": dup["seg_id"].to_numpy(), "duplicate_of": dup["duplicate_of"].to_numpy(),
        "similarity": dup["dup_similarity"].to_numpy(),
        "text": dup["text"].str.slice(0, width).to_numpy(),
        "earlier_text": src.reindex(dup["duplicate_of"]).str.slice(0, width).to_numpy(),
    })


def paragraph_partners(segments: pd.DataFrame, width: int = 90) -> pd.DataFrame:
    """Partner attribution of every paragraph, with how it was decided."""
    out = segments[["seg_id", "doc_id", "para", "partner", "partner_source", "boilerplate_kind"]].copy()
    out["text"] = segments["text"].str.slice(0, width)
    return out


def partner_paragraph_counts(segments: pd.DataFrame, documents: pd.DataFrame | None = None,
                             max_articles: int = 30) -> pd.DataFrame:
    """Content paragraphs (headlines aside) per partner label (wide: one column per label), one
    row per article — or, past ``max_articles`` articles (and with
    ``documents`` to date them), one row per month (``unknown`` for undated),
    so the figure stays readable for a large corpus. The first column is
    ``doc_id`` or ``month``."""
    content = segments[~segments["boilerplate"]]
    if "unit" in content:
        content = content[content["unit"] == "paragraph"]
    key = content["doc_id"]
    if documents is not None and content["doc_id"].nunique() > max_articles:
        month = documents.set_index("doc_id")["date"].str.slice(0, 7).replace("", "unknown")
        key = content["doc_id"].map(month).rename("month")
    tab = content.groupby([key, content["partner"]]).size().unstack(fill_value=0)
    return tab.reset_index()


def timeline_table(documents: pd.DataFrame) -> pd.DataFrame:
    """Dated articles with partner and outlet, ordered by date (undated left out)."""
    dated = documents[documents["date"] != ""]
    return dated[["doc_id", "date", "date_source", "partner", "outlet", "title"]].sort_values(
        ["date", "doc_id"], kind="stable").reset_index(drop=True)
