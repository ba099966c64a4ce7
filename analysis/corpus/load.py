"""Loading a folder of ``.txt`` articles into the documents and segments tables.

The only stage besides :mod:`analysis.config` that reads files. See
``docs/tables.md`` for the columns. Bad input raises
:class:`analysis.errors.InputError` naming the file and the problem.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..config import Actors
from ..errors import InputError
from ..text import normalise_key, words
from .article import parse_article
from .dates import article_date
from .duplicates import link_duplicates
from .files import corpus_listing, read_text
from .partners import attribute_paragraphs, attribute_sentences, build_matchers, label_for
from .sentences import split_sentences

DOCUMENT_COLUMNS = ["doc_id", "title", "title_source", "date", "date_source", "date_evidence", "outlet",
                    "outlet_source", "dateline", "partners", "partner", "n_paragraphs", "n_words",
                    "duplicate_of", "path"]
SEGMENT_COLUMNS = ["seg_id", "doc_id", "para", "text", "partner", "partners", "partner_source", "boilerplate",
                   "boilerplate_kind", "duplicate_of", "dup_similarity"]
METADATA_FIELDS = {"title", "date", "outlet", "dateline"}
#: The dates metadata.csv may give (ISO strings compare in date order); beyond
#: them a typo such as 0023 for 2023 would stretch every timeline over centuries.
METADATA_DATES = ("1800-01-01", "2199-12-31")


@dataclass
class Corpus:
    """The two tidy tables of a corpus (and the sentences derived from segments)."""

    documents: pd.DataFrame
    segments: pd.DataFrame
    sentences: pd.DataFrame


def list_articles(corpus_dir: str | Path) -> list[Path]:
    """The article files of a corpus folder, sorted by name (the rules for
    dot-files, subfolders, case clashes and links: :mod:`analysis.corpus.files`)."""
    return list(corpus_listing(corpus_dir).articles)


def outlet_aliases(actors: Actors) -> dict[str, str]:
    """Normalised alias -> outlet code, from ``partners.yaml``'s ``outlets``."""
    out = {}
    for code, outlet in actors.outlets.items():
        for alias in (code, outlet.name, *outlet.aliases):
            out[normalise_key(alias)] = code
    return out


def resolve_outlet(signatures: list[str], aliases: dict[str, str]) -> tuple[str, str]:
    """The outlet code and the signature it came from. A combined credit such as
    ``WVR/VNA`` (publisher/wire) is the publisher's, the first part. The
    ``Source:``/``Nguồn:``/``Theo`` lead-in, brackets, dashes and Kyodo's ``==``
    are stripped first. A signature naming no configured outlet is shown as
    written, cut before any date or time it carries ("Source: Taipei Times
    September 11, 2023" -> "Taipei Times")."""
    from ..text import fold

    def inner(sig: str) -> str:
        folded = fold(sig.strip())
        m = re.match(r"^\(?\s*(?:(?:sources?|nguon)\s*:|theo\s)\s*", folded, flags=re.I)
        return sig.strip()[m.end() if m else 0:].strip(" ()—–-.=")

    for sig in signatures:
        for part in re.split(r"\s*/\s*", inner(sig)):
            code = aliases.get(normalise_key(part))
            if code:
                return code, sig.strip()
    for sig in signatures:  # an acronym not in the config: show it as written
        text = re.split(r"\s*/\s*", inner(sig))[0]
        text = re.split(r"\s+(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)", text)[0]
        text = " ".join(text.split()[:5]).strip(" ,.")
        if text:
            return text, sig.strip()
    return "unknown", ""


def parse_file(path: Path, aliases: dict[str, str]) -> tuple[dict, list[dict]]:
    """One article file -> (document row without partner fields, segment rows)."""
    art = parse_article(read_text(path), aliases)
    doc_id = path.stem
    content = [p for p, k in zip(art.paragraphs, art.kinds) if not k]
    if not content:
        raise InputError(path, "no article text (every paragraph is header, caption or boilerplate)")
    d, source, evidence = article_date(art, content)
    date = d.isoformat() if d else ""
    outlet, outlet_source = resolve_outlet(art.signatures, aliases)
    doc = dict(doc_id=doc_id, title=art.title, title_source=art.title_source, date=date, date_source=source,
               date_evidence=evidence, outlet=outlet, outlet_source=outlet_source, dateline=art.dateline,
               n_paragraphs=len(content), n_words=sum(len(words(p)) for p in content), path=path.name)
    segs = [dict(seg_id=f"{doc_id}:p{i:03d}", doc_id=doc_id, para=i, text=p, boilerplate=bool(k),
                 boilerplate_kind=k) for i, (p, k) in enumerate(zip(art.paragraphs, art.kinds))]
    return doc, segs


def read_metadata(path: Path, doc_ids: set[str]) -> pd.DataFrame:
    """``metadata.csv``: a ``doc_id`` column plus any of title, date, outlet,
    dateline; each non-empty cell overrides the parsed value."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, lines = [], []
    try:
        for row in reader:
            rows.append(row)
            lines.append(reader.line_num)      # the line the row ends on (blank lines are skipped)
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV at line {reader.line_num}: {exc}") from None
    header = list(reader.fieldnames or [])
    if not rows:
        raise InputError(path, "no rows")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise InputError(path, f"line 1: column {repeated[0]!r} twice")
    cols = set(header)
    if "doc_id" not in cols:
        raise InputError(path, "missing the doc_id column")
    unknown = sorted(cols - METADATA_FIELDS - {"doc_id"})
    if unknown:
        raise InputError(path, f"unknown column {unknown[0]!r} (allowed: doc_id, {', '.join(sorted(METADATA_FIELDS))})")
    first_line: dict[str, int] = {}
    for n, row in zip(lines, rows):
        if None in row:        # csv.DictReader files surplus fields under None ...
            raise InputError(path, f"line {n}: {len(header) + len(row[None])} fields, the header has {len(header)}")
        if any(v is None for v in row.values()):      # ... and fills a short row with None
            raise InputError(path, f"line {n}: {sum(v is not None for v in row.values())} fields, "
                                   f"the header has {len(header)}")
        if row["doc_id"] in first_line:
            raise InputError(path, f"line {n}: document {row['doc_id']!r} again (first on line "
                                   f"{first_line[row['doc_id']]}); give each document one row")
        first_line[row["doc_id"]] = n
        if row["doc_id"] not in doc_ids:
            raise InputError(path, f"line {n} names document {row['doc_id']!r}, which is not in the corpus")
        if row.get("date", "").strip():
            if not _is_iso_date(row["date"].strip()):  # "2023" or "today" must not become some date
                raise InputError(path, f"line {n}: date {row['date']!r} is not a date (use YYYY-MM-DD)")
            if not METADATA_DATES[0] <= row["date"].strip() <= METADATA_DATES[1]:
                raise InputError(path, f"line {n}: date {row['date']!r} is outside {METADATA_DATES[0]} to "
                                       f"{METADATA_DATES[1]}, the dates a news article can carry")
    return pd.DataFrame(rows).fillna("")


def _is_iso_date(text: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def apply_metadata(documents: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    documents = documents.set_index("doc_id")
    for row in meta.to_dict("records"):
        for col, val in row.items():
            if col == "doc_id" or not str(val).strip():
                continue
            val = str(val).strip()
            if col == "date":
                val = date.fromisoformat(val).isoformat()
                documents.loc[row["doc_id"], ["date_source", "date_evidence"]] = ["metadata", "metadata.csv"]
            if col == "title":
                documents.loc[row["doc_id"], "title_source"] = "metadata"
            if col == "outlet":
                documents.loc[row["doc_id"], "outlet_source"] = "metadata.csv"
            documents.loc[row["doc_id"], col] = val
    return documents.reset_index()


def load_corpus(corpus_dir: str | Path, actors: Actors, dup_threshold: float = 0.5) -> Corpus:
    """Read every ``.txt`` in ``corpus_dir`` (plus an optional ``metadata.csv``)
    into documents, segments and sentences tables, with boilerplate flagged,
    partners attributed and near-duplicate paragraphs linked."""
    listing = corpus_listing(corpus_dir)
    files = listing.articles
    aliases = outlet_aliases(actors)
    docs, segs = [], []
    for path in files:
        d, s = parse_file(path, aliases)
        docs.append(d)
        segs.extend(s)
    documents = pd.DataFrame(docs)
    if listing.metadata is not None:
        documents = apply_metadata(documents, read_metadata(listing.metadata, set(documents["doc_id"])))
    segments = pd.DataFrame(segs)

    matchers = build_matchers(actors, include_unselected=True)
    selected = actors.partner_keys
    segments = attribute_paragraphs(segments, matchers, selected)
    order = documents.assign(_d=documents["date"].replace("", "9999-99-99")).sort_values(["_d", "doc_id"])["doc_id"].tolist()
    segments = link_duplicates(segments, order, threshold=dup_threshold)

    # article-level partner and duplicate, from content paragraphs
    content = segments[~segments["boilerplate"]]
    keys = selected
    partners, partner = [], []
    labels_by_doc = content.groupby("doc_id", sort=False)["partner"].unique()
    for doc_id in documents["doc_id"]:
        labs = labels_by_doc.get(doc_id, [])
        named = {k for lab in labs for k in (keys if lab == "both" else [lab]) if k in keys}
        ordered = [k for k in keys if k in named]
        partners.append(";".join(sorted(ordered)))
        partner.append(label_for(ordered))
    documents["partners"] = partners
    documents["partner"] = partner
    dup = _document_duplicates(content)
    documents["duplicate_of"] = [dup.get(d, "") for d in documents["doc_id"]]
    documents = documents.reindex(columns=DOCUMENT_COLUMNS)
    documents = documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    sentences = attribute_sentences(split_sentences(segments), matchers, segments, selected)
    segments = segments.reindex(columns=SEGMENT_COLUMNS).reset_index(drop=True)
    return Corpus(documents, segments, sentences)


def _document_duplicates(content: pd.DataFrame, share: float = 0.8) -> dict[str, str]:
    """doc_id an article copies as a whole (≥ ``share`` of its paragraphs linked to it)."""
    size = content.groupby("doc_id").size()
    src = content["duplicate_of"].str.partition(":")[0]
    linked = pd.DataFrame({"doc_id": content["doc_id"], "src": src})[src != ""]
    if linked.empty:
        return {}
    counts = linked.groupby(["doc_id", "src"]).size().reset_index(name="n")
    # the most-copied source per article (ties: the first source id)
    counts = counts.sort_values(["doc_id", "n", "src"], ascending=[True, False, True], kind="stable")
    top = counts.drop_duplicates("doc_id").set_index("doc_id")
    whole = top[top["n"] >= share * size.reindex(top.index)]
    return dict(zip(whole.index, whole["src"]))


def select_units(df: pd.DataFrame, include_boilerplate: bool = False, include_duplicates: bool = False) -> pd.DataFrame:
    """Rows of a segments or sentences table to count: boilerplate and
    near-duplicates of an earlier article are left out unless asked for."""
    keep = pd.Series(True, index=df.index)
    if not include_boilerplate:
        keep &= ~df["boilerplate"].astype(bool)
    if not include_duplicates:
        keep &= df["duplicate_of"].fillna("") == ""
    return df[keep]
