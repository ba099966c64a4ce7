"""The corpus stage: from a folder of article files to tidy tables.

In: a folder of ``.txt`` articles (one paragraph per non-empty line, an optional
``metadata.csv``) and the actors of ``partners.yaml``. Out: ``documents`` (one row
per article: title, published and event dates, outlet, partners, meetings),
``segments`` (one row per paragraph or headline: unit, partner, boilerplate
kind, near-duplicate link, meeting), ``sentences`` and ``events`` (one row per
meeting), described in ``docs/tables.md``. Modules: ``paragraphs``, ``dates``,
``boilerplate`` and ``article`` parse one article; ``outlets`` names its outlet;
``partners`` attributes units to partners; ``duplicates`` links near-duplicate
paragraphs; ``events`` groups the reports of one meeting; ``sentences`` splits
paragraphs; ``load`` reads a folder; ``summary`` makes the corpus tables a
report shows.
Imports nothing above the ground floor (config, errors, text, stats).
"""

from .article import ParsedArticle, dateline_of, lead_title, parse_article
from .boilerplate import is_caption, is_headline_like, looks_like_code
from .dates import Dated, article_dates, date_line, event_date, full_dates, parse_header, url_date
from .duplicates import compact, link_duplicates, near_duplicate_pairs, shingle_matrix
from .events import event_for, find_events, meeting_partners, tag_events
from .files import CorpusFiles, corpus_listing
from .load import (
    Corpus,
    apply_metadata,
    list_articles,
    load_corpus,
    parse_file,
    read_metadata,
    read_text,
    select_units,
)
from .outlets import host_of, outlet_aliases, outlet_for, outlet_hosts, resolve_outlet
from .paragraphs import split_paragraphs
from .partners import (
    ActorMatcher,
    PartnerScanner,
    attribute_paragraphs,
    attribute_sentences,
    build_matchers,
    counts_for,
    label_for,
    partner_mask,
    partners_named,
)
from .sentences import sentence_spans, split_sentences
from .summary import (
    boilerplate_counts,
    boilerplate_examples,
    corpus_overview,
    duplicate_pairs,
    paragraph_partners,
    partner_paragraph_counts,
    timeline_table,
)

__all__ = ["ActorMatcher", "Corpus", "Dated", "ParsedArticle", "PartnerScanner", "apply_metadata",
    "article_dates", "event_date", "event_for", "find_events", "host_of", "meeting_partners", "outlet_for",
    "outlet_hosts", "tag_events", "url_date",
    "attribute_paragraphs", "attribute_sentences", "boilerplate_counts", "boilerplate_examples",
    "build_matchers", "compact", "corpus_overview", "counts_for", "date_line", "dateline_of",
    "duplicate_pairs", "full_dates", "is_caption", "is_headline_like", "label_for",
    "lead_title", "CorpusFiles", "corpus_listing", "link_duplicates", "list_articles", "load_corpus", "looks_like_code",
    "near_duplicate_pairs", "outlet_aliases", "paragraph_partners", "parse_article", "parse_file",
    "parse_header", "partner_mask", "partner_paragraph_counts", "partners_named", "read_metadata",
    "read_text", "resolve_outlet", "select_units", "sentence_spans", "shingle_matrix", "split_paragraphs",
    "split_sentences", "timeline_table"]
