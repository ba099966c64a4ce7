"""Loading a folder of ``.txt`` articles into the documents and segments tables.

The only stage besides :mod:`analysis.config` that reads files. See
``docs/tables.md`` for the columns. Bad input raises
:class:`analysis.errors.InputError` naming the file and the problem.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..config import Actors
from ..errors import InputError
from ..text import words
from .article import parse_article
from .batches import Mapper, parse_files, split_sentences_batched
from .dates import Dated, article_dates
from .duplicates import link_duplicates
from .events import EVENT_COLUMNS, find_events, tag_events
from .files import corpus_listing, read_text
from .outlets import outlet_aliases, outlet_for, outlet_hosts, resolve_outlet  # noqa: F401 (older imports)
from .partners import ActorMatcher, attribute_paragraphs, attribute_sentences, build_matchers, label_for

DOCUMENT_COLUMNS = ["doc_id", "title", "title_source", "date", "date_source", "date_evidence",
                    "published", "published_source", "published_evidence",
                    "event_date", "event_date_source", "event_date_evidence", "outlet",
                    "outlet_source", "outlet_country", "outlet_ownership", "via", "url", "dateline", "partners",
                    "partner", "event_ids", "n_paragraphs", "n_words", "duplicate_of", "path"]
SEGMENT_COLUMNS = ["seg_id", "doc_id", "para", "unit", "text", "partner", "partners", "partner_source",
                   "boilerplate", "boilerplate_kind", "duplicate_of", "dup_similarity", "event_id"]
METADATA_FIELDS = {"title", "date", "published", "event_date", "outlet", "dateline", "url"}
_DATE_FIELDS = ("date", "published", "event_date")
#: The dates metadata.csv may give (ISO strings compare in date order); beyond
#: them a typo such as 0023 for 2023 would stretch every timeline over centuries.
METADATA_DATES = ("1800-01-01", "2199-12-31")


@dataclass
class Corpus:
    """The tidy tables of a corpus: documents, segments (paragraphs and
    headlines), the sentences derived from segments, and the meetings (events)."""

    documents: pd.DataFrame
    segments: pd.DataFrame
    sentences: pd.DataFrame
    events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVENT_COLUMNS))


def list_articles(corpus_dir: str | Path) -> list[Path]:
    """The article files of a corpus folder, sorted by name (the rules for
    dot-files, subfolders, case clashes and links: :mod:`analysis.corpus.files`)."""
    return list(corpus_listing(corpus_dir).articles)


def parse_file(path: Path, aliases: dict[str, str], hosts: dict[str, str] | None = None,
               meta: dict | None = None) -> tuple[dict, list[dict]]:
    """One article file -> (document row without partner fields, segment rows).

    ``meta`` is the article's row of ``metadata.csv``: its ``url`` gives the
    outlet by host and a date in the path; its ``published`` is the
    publication date relative days ("on Thursday") count from; its
    ``event_date`` overrides the one read from the text.

    Segment rows carry ``unit``: ``headline`` for the headline and its copies
    above photos (content, never boilerplate; a copy is linked to the first by
    ``duplicate_of``), ``paragraph`` for everything else."""
    meta = {k: str(v).strip() for k, v in (meta or {}).items() if str(v).strip()}
    url = meta.get("url", "")
    art = parse_article(read_text(path), aliases)
    doc_id = path.stem
    content = [p for p, k in zip(art.paragraphs, art.kinds) if not k]
    if not content:
        raise InputError(path, "no article text (every paragraph is header, caption or boilerplate)")
    published, event = article_dates(art, content, url, published=_meta_date(meta, "published"))
    if meta.get("event_date"):
        event = _meta_date(meta, "event_date")
    outlet, outlet_source, via = outlet_for(art.signatures, url, aliases, hosts or {})
    doc = dict(doc_id=doc_id, title=art.title, title_source=art.title_source,
               **_date_fields(published, event), outlet=outlet, outlet_source=outlet_source, via=via, url=url,
               dateline=art.dateline, n_paragraphs=len(content), n_words=sum(len(words(p)) for p in content),
               path=path.name)
    segs, first_headline = [], ""
    for i, (p, k) in enumerate(zip(art.paragraphs, art.kinds)):
        seg_id = f"{doc_id}:p{i:03d}"
        headline = k in ("headline", "repeated_headline")
        dup = first_headline if k == "repeated_headline" and first_headline else ""
        if k == "headline":
            first_headline = seg_id
        segs.append(dict(seg_id=seg_id, doc_id=doc_id, para=i, unit="headline" if headline else "paragraph",
                         text=p, boilerplate=bool(k) and not headline, boilerplate_kind="" if headline else k,
                         _repeat_of=dup))
    return doc, segs


def _meta_date(meta: dict, col: str) -> Dated | None:
    return Dated(date.fromisoformat(meta[col]), "metadata", "metadata.csv") if meta.get(col) else None


def _date_fields(published: Dated, event: Dated) -> dict:
    """The documents' date columns; ``date`` is the event date, else the
    publication date (what older code reads as "the article's date")."""
    main = event if event.value else published
    return dict(date=main.iso, date_source=main.source if main.value else "missing",
                date_evidence=main.evidence if main.value else "; ".join(
                    x for x in (f"event: {event.evidence}", f"published: {published.evidence}") if x),
                published=published.iso, published_source=published.source, published_evidence=published.evidence,
                event_date=event.iso, event_date_source=event.source, event_date_evidence=event.evidence)


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
        for col in _DATE_FIELDS:
            value = (row.get(col) or "").strip()
            if value and not _is_iso_date(value):  # "2023" or "today" must not become some date
                raise InputError(path, f"line {n}: {col} {row[col]!r} is not a date (use YYYY-MM-DD)")
            if value and not METADATA_DATES[0] <= value <= METADATA_DATES[1]:
                raise InputError(path, f"line {n}: {col} {row[col]!r} is outside {METADATA_DATES[0]} to "
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
    """Override parsed title, outlet, dateline and ``date`` with the non-empty
    cells of ``metadata.csv`` (``url``, ``published`` and ``event_date`` are
    read while parsing, see :func:`parse_file`)."""
    documents = documents.set_index("doc_id")
    for row in meta.to_dict("records"):
        for col, val in row.items():
            if col in ("doc_id", "url", "published", "event_date") or not str(val).strip():
                continue
            val = str(val).strip()
            if col == "date":
                val = date.fromisoformat(val).isoformat()
                documents.loc[row["doc_id"], ["date_source", "date_evidence"]] = ["metadata", "metadata.csv"]
            if col == "title":
                documents.loc[row["doc_id"], "title_source"] = "metadata"
            if col == "outlet":
                documents.loc[row["doc_id"], ["outlet_source", "via"]] = ["metadata.csv", ""]
            documents.loc[row["doc_id"], col] = val
    return documents.reset_index()


def load_corpus(corpus_dir: str | Path, actors: Actors, dup_threshold: float = 0.5,
                map: Mapper | None = None, parallelism: int = 1) -> Corpus:
    """Read every ``.txt`` in ``corpus_dir`` (plus an optional ``metadata.csv``)
    into documents, segments, sentences and events tables, with boilerplate
    flagged, headlines kept as their own unit, partners attributed,
    near-duplicate paragraphs linked and meetings found. ``map`` (an engine's
    ordered map, see :mod:`analysis.corpus.batches`) runs the per-article work
    on batches of files side by side; the tables are the same."""
    listing = corpus_listing(corpus_dir)
    files = listing.articles
    aliases, hosts = outlet_aliases(actors), outlet_hosts(actors)
    meta = read_metadata(listing.metadata, {p.stem for p in files}) if listing.metadata is not None else None
    meta_rows = {r["doc_id"]: r for r in meta.to_dict("records")} if meta is not None else {}
    matchers = build_matchers(actors, include_unselected=True)
    docs, segs = parse_files(files, aliases, hosts, meta_rows, matchers, map=map, parallelism=parallelism)
    documents = pd.DataFrame(docs)
    if meta is not None:
        documents = apply_metadata(documents, meta)
    documents = _outlet_owner(documents, actors)
    segments = pd.DataFrame(segs)

    selected = actors.partner_keys
    segments = attribute_paragraphs(segments, matchers, selected, home=ActorMatcher.build(actors.home))
    # the first report of a meeting is the original: by publication date, else event date, then id
    first_seen = documents["published"].where(documents["published"] != "", documents["date"]).replace("", "9999-99-99")
    order = documents.assign(_d=first_seen).sort_values(["_d", "doc_id"])["doc_id"].tolist()
    repeat = segments["_repeat_of"] != ""
    segments = link_duplicates(segments, order, threshold=dup_threshold, skip=repeat, run=getattr(map, "run", None))
    segments.loc[repeat, "duplicate_of"] = segments.loc[repeat, "_repeat_of"]
    segments.loc[repeat, "dup_similarity"] = 1.0

    # article-level partner and duplicate, from content paragraphs (headlines aside)
    content = segments[~segments["boilerplate"] & (segments["unit"] == "paragraph")]
    keys = selected
    partners, partner = [], []
    named_by_doc: dict[str, set[str]] = {}
    for doc_id, lab, ks in zip(content["doc_id"], content["partner"], content["partners"].fillna("")):
        named_by_doc.setdefault(doc_id, set()).update(ks.split(";") if lab == "both" else [lab])
    for doc_id in documents["doc_id"]:
        named = {k for k in named_by_doc.get(doc_id, ()) if k in keys}
        ordered = [k for k in keys if k in named]
        partners.append(";".join(sorted(ordered)))
        partner.append(label_for(ordered))
    documents["partners"] = partners
    documents["partner"] = partner
    dup = _document_duplicates(content)
    documents["duplicate_of"] = [dup.get(d, "") for d in documents["doc_id"]]

    events = find_events(documents, segments, actors)
    segments, documents = tag_events(segments, documents, events)
    documents = documents.reindex(columns=DOCUMENT_COLUMNS).fillna("")
    documents = documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    sentences = attribute_sentences(split_sentences_batched(segments, map, parallelism), matchers, segments, selected)
    segments = segments.reindex(columns=SEGMENT_COLUMNS).reset_index(drop=True)
    return Corpus(documents, segments, sentences, events)


def _outlet_owner(documents: pd.DataFrame, actors: Actors) -> pd.DataFrame:
    """Whose each article's outlet is (``outlet_country``) and who owns it
    (``outlet_ownership``), from the outlets table; empty for an outlet shown as
    written or unknown."""
    table = actors.outlets
    documents["outlet_country"] = [table[o].country if o in table else "" for o in documents["outlet"]]
    documents["outlet_ownership"] = [table[o].ownership if o in table else "" for o in documents["outlet"]]
    return documents


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


def select_units(df: pd.DataFrame, include_boilerplate: bool = False, include_duplicates: bool = False,
                 include_headlines: bool = False) -> pd.DataFrame:
    """Rows of a segments or sentences table to count: boilerplate,
    near-duplicates of an earlier article (and copies of a headline) and
    headlines are left out unless asked for, so paragraph counts stay
    paragraph counts. A table without a ``unit`` column has no headlines."""
    keep = pd.Series(True, index=df.index)
    if not include_headlines and "unit" in df:
        keep &= df["unit"].fillna("paragraph") != "headline"
    if not include_boilerplate:
        keep &= ~df["boilerplate"].astype(bool)
    if not include_duplicates:
        keep &= df["duplicate_of"].fillna("") == ""
    return df[keep]
